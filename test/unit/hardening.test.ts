/**
 * Issue 20 regressions: inputs that crashed the CLI, lost or overwrote files, or acted on the terminal.
 * Each case failed on the code before the fix. (Atomic writes under a failing disk: atomic-write.test.ts.)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMission, serializeMission } from '../../src/core/mission';
import { collidingNames, exportFiles, idFileStem } from '../../src/core/formats';
import { terminalSafe } from '../../src/cli/terminalText';
import { fixtureMission, standardPlan } from './formatsFixture';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tutorial = () => JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
let n = 0;
function file(doc: unknown, text?: string): string {
  const path = join(dir, `m${n++}.json`);
  writeFileSync(path, text ?? JSON.stringify(doc));
  return path;
}
/** Neither a stack trace nor an internal error, ever. */
function clean(r: { code: number; out: string; err: string }) {
  expect(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`).toBe(true);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
}

describe('atomic output files', () => {
  it('plan --out replaces the old file whole and leaves no temporary file behind', async () => {
    const out = join(dir, 'atomic');
    rmSync(out, { recursive: true, force: true });
    const mission = file(tutorial());
    const target = join(out, 'plan.json');
    const r = await cli('plan', mission, '--iterations', '50', '--out', target);
    clean(r);
    expect(JSON.parse(readFileSync(target, 'utf8')).drones.length).toBeGreaterThan(0);
    expect(readdirSync(out)).toEqual(['plan.json']);
  });

  it('a write that cannot happen exits 1 with the path and the reason, never a stack trace', async () => {
    const mission = file(tutorial());
    // The target is a folder: rename cannot replace it.
    const r = await cli('plan', mission, '--iterations', '50', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}: cannot write (`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('export file names cannot collide', () => {
  it('ids that differ only in : and _ get distinct, reversible stems', () => {
    expect(idFileStem('store:1')).not.toBe(idFileStem('store_1'));
    expect(idFileStem('depot-1/m2-class/1')).toBe('depot-1_m2-class_1');
    expect(idFileStem('.hidden')).not.toMatch(/^\./);
    expect(collidingNames(['a.plan', 'b.plan'])).toBeUndefined();
    expect(collidingNames(['A.plan', 'b.plan', 'a.plan'])).toEqual(['A.plan', 'a.plan']);
  });

  it('depots store:1 and store_1: one file per trip, none replaced (CLI and the app share exportFiles)', async () => {
    const base = fixtureMission();
    const rename = (text: string) => text.replaceAll('depot-1', 'store:1').replaceAll('depot-2', 'store_1');
    const missionText = rename(serializeMission(base));
    const plan = JSON.parse(rename(JSON.stringify(standardPlan(base))));
    const depots = new Set(plan.drones.filter((d: { trips: unknown[] }) => d.trips.length > 0).map((d: { droneId: string }) => d.droneId.split('/')[0]));
    expect(depots).toEqual(new Set(['store:1', 'store_1'])); // both depots fly: the old names collided
    const trips = plan.drones.reduce((s: number, d: { trips: unknown[] }) => s + d.trips.length, 0);
    const missionPath = file(undefined, missionText);
    const planPath = join(dir, 'collide-plan.json');
    writeFileSync(planPath, JSON.stringify(plan));
    const out = join(dir, 'collide-qgc');
    const r = await cli('export', missionPath, '--plan', planPath, '--format', 'qgc', '--out', out);
    clean(r);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out)).toHaveLength(trips);

    const parsed = parseMission(JSON.parse(missionText));
    if (!parsed.ok) throw new Error('fixture');
    const zip = exportFiles('wpl', { mission: parsed.mission, plan });
    expect(zip.ok && new Set(zip.files.map((f) => f.name)).size).toBe(trips);
  });

  it('refuses, never overwrites, when two names would still land on one file', () => {
    const base = fixtureMission();
    const plan = standardPlan(base);
    const withTrips = plan.drones.filter((d) => d.trips.length > 0);
    // A drone listed twice (a hand-edited plan): the only way left to make two names equal.
    const twin = { ...plan, drones: [...plan.drones, withTrips[0]] };
    const r = exportFiles('qgc', { mission: base, plan: twin });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/two trips would be written to one file/);
  });
});

describe('inputs that crashed plan or simulate', () => {
  it('a mission with no depot: plan gives a plan with every order unassigned', async () => {
    const m = tutorial();
    m.depots = [];
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assigned\s+0\/5/);
  });

  it.each([
    ['charger powerW 1e-300', { kind: 'charger', powerW: 1e-300 }, /depots\[0\]\.charging\.powerW: must be >= 10 W/],
    ['swapS 1e308', { kind: 'swap', swapS: 1e308 }, /depots\[0\]\.charging\.swapS: must be at most 3600 s/],
    ['swapS 1e300', { kind: 'swap', swapS: 1e300 }, /depots\[0\]\.charging\.swapS: must be at most 3600 s/],
  ])('%s is refused with the field and the reason by validate, plan and simulate', async (_, charging, message) => {
    const m = tutorial();
    m.depots[0].charging = charging;
    const path = file(m);
    for (const args of [['validate', path], ['plan', path, '--iterations', '20'], ['simulate', path, '--iterations', '20']]) {
      const r = await cli(...args);
      clean(r);
      expect(r.code).toBe(1);
      expect(`${r.out}${r.err}`).toMatch(message);
    }
  });

  it('a polygon with coordinates [[]] is refused with its path', async () => {
    const m = tutorial();
    m.noFlyZones[0].shape.coordinates = [[]];
    const r = await cli('validate', file(m));
    clean(r);
    expect(r.code).toBe(1);
    expect(r.out).toContain('noFlyZones[0].shape.coordinates[0]: a ring needs at least 4 positions');
  });

  it('schemaVersion 0 with noFlyZones [null] is refused with its path', async () => {
    const m = tutorial();
    m.schemaVersion = 0;
    m.noFlyZones = [null];
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/noFlyZones\[0\]: .*null/);
  });

  it('the simulated day stays bounded whatever battery-ready time a plan claims', async () => {
    const { simulate } = await import('../../src/core/sim/engine');
    const base = fixtureMission();
    const plan = standardPlan(base);
    const trip = plan.drones.find((d) => d.trips.length > 0)!.trips[0];
    trip.readyS = 1e300;
    const r = simulate(base, plan, { seed: 1 });
    if (r.ok) expect(r.trace.endS).toBeLessThanOrEqual(base.horizonS + 7 * 86_400);
  });
});

describe('two fleet entries for one model at a depot', () => {
  it('are refused by the loader at the second entry (plan used to succeed, simulate to refuse)', async () => {
    const m = tutorial();
    m.depots[0].fleet.push({ modelId: m.depots[0].fleet[0].modelId, count: 1 });
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain('depots[0].fleet[1].modelId: drone model "m2-class" is already in this depot\'s fleet (fleet[0])');
  });
});

describe('a file starting with a UTF-8 byte order mark', () => {
  it('is read by validate, plan and export as the app reads it', async () => {
    const bom = file(undefined, `\uFEFF${readFileSync('missions/tutorial.json', 'utf8')}`);
    const v = await cli('validate', bom);
    expect(v.code, v.out).toBe(0);
    const planPath = join(dir, 'bom-plan.json');
    const p = await cli('plan', bom, '--iterations', '20', '--out', planPath);
    expect(p.code, p.err).toBe(0);
    writeFileSync(planPath, `\uFEFF${readFileSync(planPath, 'utf8')}`);
    const e = await cli('export', bom, '--plan', planPath, '--format', 'geojson', '--out', join(dir, 'bom-out'));
    expect(e.code, e.err).toBe(0);
  });
});

describe('terminal injection', () => {
  it('terminalSafe shows control characters escaped and keeps newlines and tabs', () => {
    expect(terminalSafe('zone \u001b[2K\r\u001b]52;c;aGk=\u0007 a\tb\n')).toBe('zone \\u001b[2K\\u000d\\u001b]52;c;aGk=\\u0007 a\tb\n');
    expect(terminalSafe('\rplanning [###]', true)).toBe('\rplanning [###]');
    expect(terminalSafe('x\u009b31m\u202e')).toBe('x\\u009b31m\\u202e');
    // JSON stays JSON with the same meaning.
    const json = JSON.stringify({ name: 'a\u007f\u0085b' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: 'a\u007f\u0085b' });
  });

  it('a zone name with an ESC sequence does not erase the "inside no-fly zone" check on screen', async () => {
    const m = tutorial();
    m.noFlyZones[0].name = 'Park\u001b[2K\r\u001b]52;c;cm0gLXJm\u0007';
    m.orders[0].position = [114.009, 22.557]; // inside the park
    const r = await cli('validate', file(m));
    expect(r.code).toBe(1);
    expect(r.out).toContain('inside no-fly zone "Park\\u001b[2K\\u000d\\u001b]52;c;cm0gLXJm\\u0007"');
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
