/** `skyhaul dispatch`: the CLI face of live dispatch, on the tutorial mission (orders known at the start). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../src/core/planner/plan';
import type { SimTrace } from '../../src/core/sim/trace';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-dispatch-'));
const missionFile = 'missions/tutorial.json';

describe('skyhaul dispatch', () => {
  it('--json prints the simulate KPI keys plus hindsight and re-plan timings', async () => {
    const sim = await cli('simulate', missionFile, '--iterations', '200', '--json');
    const r = await cli('dispatch', missionFile, '--json', '--replan-every', '60');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    for (const key of Object.keys(JSON.parse(sim.out))) expect(j).toHaveProperty(key);
    expect(j.policy).toBe('rolling');
    expect(j.hindsight.onTimeRate).toBeGreaterThan(0);
    expect(j.hindsight.energyWh).toBeGreaterThan(0);
    expect(j.hindsight.dronesUsed).toBeGreaterThan(0);
    expect(j.replans.count).toBeGreaterThan(0);
    expect(j.replans.p95S).toBeGreaterThanOrEqual(j.replans.p50S);
    expect(j.replans.maxS).toBeGreaterThanOrEqual(j.replans.p95S);
    expect(j.delivered).toBe(5);
    expect(r.err).toMatch(/dispatching \[/);
  });

  it('writes the trace (with who knew what when) and the plan given out', async () => {
    const out = join(dir, 'trace.json');
    const planOut = join(dir, 'plan.json');
    const r = await cli('dispatch', missionFile, '--policy', 'greedy', '--skip-hindsight', '--out', out, '--plan-out', planOut);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/dispatch {4}greedy, 5 assignments/);
    expect(r.out).not.toMatch(/hindsight/);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as SimTrace;
    expect(trace.dispatch?.policy).toBe('greedy');
    expect(trace.dispatch?.orders.every((o) => o.givenS !== undefined && o.givenS >= o.placedS)).toBe(true);
    const plan = planSchema.parse(JSON.parse(readFileSync(planOut, 'utf8')));
    expect(plan.drones.flatMap((d) => d.trips).every((t) => t.orderIds.length === 1)).toBe(true);
  });

  it('--runs k gives a summary over seeds', async () => {
    const r = await cli('dispatch', missionFile, '--runs', '2', '--skip-hindsight', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2]);
    expect(j.summary.onTimeRate.mean).toBeGreaterThan(0);
  });

  it('refuses a bad policy, and --demand-seed on a mission without a demand model, by name', async () => {
    const bad = await cli('dispatch', missionFile, '--policy', 'fastest');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--policy must be one of rolling, greedy \(got "fastest"\)/);
    const noDemand = await cli('dispatch', missionFile, '--demand-seed', '2');
    expect(noDemand.code).not.toBe(0);
    expect(noDemand.err).toMatch(/--demand-seed needs a mission with a demand model/);
  });
});
