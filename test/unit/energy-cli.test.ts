import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS, hoverPowerW } from '../../src/core/energy';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-energy-'));
function modelFile(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

describe('skyhaul energy', () => {
  it('--json prints the five documented numbers, consistent with the core', async () => {
    const r = await cli('energy', '--model', 'm2-class', '--payload', '1.5', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const key of ['hoverPowerW', 'cruisePowerW', 'whPerKm', 'enduranceMin', 'rangeKm']) expect(typeof j[key]).toBe('number');
    expect(j.hoverPowerW).toBeCloseTo(hoverPowerW(PRESETS['m2-class'], 1.5, 1.225), 2);
    expect(j.rangeKm).toBeGreaterThan(0);
  });

  it('prints a readable summary with units', async () => {
    const r = await cli('energy', '--model', 'manna-class', '--payload', '0.5', '--wind', '5@270');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hover power\s+\d+ W/);
    expect(r.out).toMatch(/energy per km\s+[\d.]+ Wh\/km/);
    expect(r.out).toMatch(/range\s+[\d.]+ km/);
  });

  it('headwind, payload, thinner air and a larger reserve change the numbers the right way', async () => {
    const run = async (...extra: string[]) => JSON.parse((await cli('energy', '--model', 'm2-class', '--json', ...extra)).out);
    const base = await run('--payload', '1');
    expect((await run('--payload', '2')).rangeKm).toBeLessThan(base.rangeKm);
    const windy = await run('--payload', '1', '--wind', '8@0');
    expect(windy.whPerKm).toBeGreaterThan(base.whPerKm);
    expect(windy.cruisePowerW).toBeCloseTo(base.cruisePowerW, 6);
    expect((await run('--payload', '1', '--air-density', '1.0')).hoverPowerW).toBeGreaterThan(base.hoverPowerW);
    expect((await run('--payload', '1', '--reserve-percent', '40')).rangeKm).toBeLessThan(base.rangeKm);
    const faster = await run('--payload', '1', '--airspeed', '19');
    expect(faster.cruisePowerW).toBeGreaterThan(base.cruisePowerW);
  });

  it('accepts a partial model file with a base preset', async () => {
    const file = modelFile('bigger-battery.json', { base: 'm2-class', batteryWh: 1040 });
    const big = JSON.parse((await cli('energy', '--model', file, '--payload', '1', '--json')).out);
    const base = JSON.parse((await cli('energy', '--model', 'm2-class', '--payload', '1', '--json')).out);
    // Same mass, twice the energy: twice the range (the percentage reserve scales too).
    expect(big.hoverPowerW).toBeCloseTo(base.hoverPowerW, 6);
    expect(big.rangeKm).toBeCloseTo(2 * base.rangeKm, 2);
  });

  it('names the field of each problem in a model file (exit 1)', async () => {
    const file = modelFile('bad.json', { base: 'm2-class', efficiency: 1.4, rotorCount: 2.5 });
    const r = await cli('energy', '--model', file, '--payload', '1');
    expect(r.code).toBe(1);
    expect(r.err).toContain('efficiency: must be within (0, 1]');
    expect(r.err).toContain('rotorCount: must be a whole number');
    const notJson = await cli('energy', '--model', modelFile('broken.json', '{ nope'), '--payload', '1');
    expect(notJson.code).toBe(1);
    expect(notJson.err).toContain('not a readable JSON file');
  });

  it('explains an infeasible request (exit 1)', async () => {
    const heavy = await cli('energy', '--model', 'm2-class', '--payload', '5');
    expect(heavy.code).toBe(1);
    expect(heavy.err).toContain('maxPayloadKg');
    const storm = await cli('energy', '--model', 'm2-class', '--payload', '1', '--wind', '15@90');
    expect(storm.code).toBe(1);
    expect(storm.err).toContain('maxWindMps');
  });

  it('usage errors name the flag (exit 2)', async () => {
    const cases: [string[], string][] = [
      [['--payload', '1'], '--model'],
      [['--model', 'm2-class'], '--payload'],
      [['--model', 'm2-class', '--payload', 'heavy'], '--payload'],
      [['--model', 'm2-class', '--payload', '1', '--wind', 'east'], '--wind'],
      [['--model', 'm2-class', '--payload', '1', '--wind', '5'], '--wind'],
      [['--model', 'm2-class', '--payload', '1', '--air-density', '3'], '--air-density'],
      [['--model', 'no-such-drone', '--payload', '1'], '--model'],
      [['--model', 'm2-class', '--payload', '1', '--speed', '3'], '--speed'],
    ];
    for (const [args, flag] of cases) {
      const r = await cli('energy', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain(flag);
    }
  });

  it('takes wind, air density and models from a mission', async () => {
    const r = await cli('energy', '--mission', 'missions/shenzhen-two-hour.json', '--model', 'm2-class', '--payload', '1', '--json');
    const calm = await cli('energy', '--model', 'm2-class', '--payload', '1', '--wind', '0', '--json');
    expect(r.code).toBe(0);
    // The default mission has a 5 m/s wind: the average km costs more than in still air.
    expect(JSON.parse(r.out).whPerKm).toBeGreaterThan(JSON.parse(calm.out).whPerKm);
  });

  it('is listed in help', async () => {
    expect((await cli('help')).out).toContain('energy');
    expect((await cli('help', 'energy')).out).toContain('--payload');
  });
});
