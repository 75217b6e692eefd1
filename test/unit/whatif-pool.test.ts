/**
 * The worker pool and the CLI: results do not depend on how many workers ran them, and the commands
 * write what they say. Worker threads load TypeScript through tsx, so each pool takes a few seconds.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPoolExecutor } from '../../src/cli/pool/pool';
import { type ScenarioInput, type WhatIfReport, inProcessExecutor, realPlanFn, runStudy, runSweep } from '../../src/core/whatif';
import { cli } from './cliHarness';
import { ITERATIONS, busyTutorial, tutorial as loadTutorial, withOverrides } from './whatifFixture';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-whatif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scenarios = (): ScenarioInput[] => [
  { id: 'two', name: 'two drones', source: 'a', overrides: {}, notes: [], mission: busyTutorial(2) },
  { id: 'one', name: 'one drone, windy', source: 'b', overrides: {}, notes: [], mission: withOverrides(busyTutorial(1), { wind: { speedMps: 7 } }) },
];

async function study(workers: number | 'in-process'): Promise<WhatIfReport> {
  if (workers === 'in-process') return runStudy(scenarios(), inProcessExecutor(realPlanFn), { runs: 3, baseSeed: 4, iterations: ITERATIONS, target: 0.9, sweepMax: 4 });
  const exec = createPoolExecutor({ workers });
  try {
    return await runStudy(scenarios(), exec, { runs: 3, baseSeed: 4, iterations: ITERATIONS, target: 0.9, sweepMax: 4 });
  } finally {
    await exec.close();
  }
}

describe('worker pool', () => {
  it('gives exactly the same report with 1 worker, 2 workers and in this thread', async () => {
    const one = await study(1);
    const two = await study(2);
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(JSON.stringify(await study('in-process'))).toBe(JSON.stringify(one));
    expect(one.scenarios[1].fleetSizing?.dronesPerDepot).not.toBeNull();
  }, 120_000);
});

describe('skyhaul compare and sweep', () => {
  it('compares a mission with a scenario file and writes the report', async () => {
    const scenarioPath = join(dir, 'one-drone.json');
    writeFileSync(scenarioPath, JSON.stringify({ name: 'one drone', mission: resolve('missions/tutorial.json'), overrides: { dronesPerDepot: 1, promiseWindowMin: 30 } }));
    const out = join(dir, 'report');
    const r = await cli('compare', 'missions/tutorial.json', scenarioPath, '--runs', '2', '--iterations', String(ITERATIONS), '--workers', '2', '--out', out);
    expect(r.err).toContain('compare [');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as WhatIfReport;
    expect(report.scenarios.map((s) => s.name)).toEqual(['Tutorial: one store, five drops', 'one drone']);
    expect(report.scenarios[1].overrideLines).toEqual(['1 drones per depot', 'promise window 30 min']);
    expect(report.scenarios.every((s) => s.runs.length === 2)).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('data-chart="ontime"');
    expect(r.out).toContain(`wrote ${join(out, 'index.html')}`);
  }, 120_000);

  it('refuses a bad scenario with its file and field, and bad flags with usage', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ mission: resolve('missions/tutorial.json'), overrides: { depotsOff: ['nowhere'] } }));
    const r = await cli('compare', 'missions/tutorial.json', bad, '--out', join(dir, 'x'));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: overrides refused`);
    expect(r.err).toContain('overrides.depotsOff[0]');
    expect((await cli('compare', 'missions/tutorial.json', '--runs', '0')).code).toBe(2);
    expect((await cli('sweep', 'missions/tutorial.json')).err).toContain('--target is required');
    expect((await cli('sweep', 'missions/tutorial.json', '--target', '120%')).code).toBe(2);
  });

  it('sweep prints the curve and the smallest fleet meeting the target', async () => {
    const scenarioPath = join(dir, 'busy.json');
    writeFileSync(scenarioPath, JSON.stringify({ mission: resolve('missions/tutorial.json'), overrides: { orderScale: 4, promiseWindowMin: 45 } }));
    const out = join(dir, 'sweep');
    const r = await cli('sweep', scenarioPath, '--target', '95%', '--max', '6', '--runs', '2', '--iterations', String(ITERATIONS), '--out', out);
    expect(r.code).toBe(0);
    const sizing = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(sizing.dronesPerDepot).toBeGreaterThan(1);
    expect(r.out).toContain(`${sizing.dronesPerDepot} drones per depot`);
    expect(r.out).toMatch(/per depot \(\s*\d+ drones\) [#.|]+/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('data-chart="sweep"');
  }, 120_000);

  it('sweeps with live dispatch: each fleet size a dispatched day per seed, the same curve in the pool as in this thread', async () => {
    const scenarioPath = join(dir, 'busy-live.json');
    writeFileSync(scenarioPath, JSON.stringify({ mission: resolve('missions/tutorial.json'), overrides: { orderScale: 4, promiseWindowMin: 45 } }));
    const out = join(dir, 'sweep-live');
    const r = await cli('sweep', scenarioPath, '--target', '95%', '--max', '6', '--runs', '2', '--dispatch', 'rolling', '--replan-every', '60', '--workers', '2', '--out', out);
    expect(r.code).toBe(0);
    const sizing = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8'));
    expect(sizing.dronesPerDepot).toBeGreaterThan(1);
    const mission = withOverrides(loadTutorial(), { orderScale: 4, promiseWindowMin: 45 });
    const here = await runSweep(mission, inProcessExecutor(realPlanFn), { target: 0.95, min: 1, max: 6, runs: 2, baseSeed: 1, dispatch: { policy: 'rolling', replanEveryS: 60 } });
    expect(JSON.stringify(here)).toBe(JSON.stringify(sizing));
    expect((await cli('sweep', scenarioPath, '--target', '95%', '--dispatch', 'psychic')).err).toContain('--dispatch must be one of rolling, greedy (got "psychic")');
    expect((await cli('compare', scenarioPath, '--replan-every', '60')).err).toContain('--replan-every needs --dispatch');
  }, 180_000);
});
