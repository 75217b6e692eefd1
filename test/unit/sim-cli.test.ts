import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMissionText } from '../../src/core/mission';
import { parseFaultSpec } from '../../src/core/sim/faults';
import { summarizeRuns } from '../../src/core/sim/kpis';
import type { SimKpis } from '../../src/core/sim/kpis';
import { positionAt, type SimTrace } from '../../src/core/sim/trace';
import { simWorkerApi } from '../../src/workers/simWorker';
import { directPlan } from './simPlanHelper';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-sim-'));
const missionFile = 'missions/tutorial.json';
const mission = (() => {
  const r = parseMissionText(readFileSync(missionFile, 'utf8'));
  if (!r.ok) throw new Error('refused');
  return r.mission;
})();
const plan = directPlan(mission);
const planFile = join(dir, 'plan.json');
writeFileSync(planFile, JSON.stringify(plan));

describe('skyhaul simulate', () => {
  it('prints the KPIs, a progress bar on stderr, and writes a trace playback can read', async () => {
    const out = join(dir, 'trace.json');
    const r = await cli('simulate', missionFile, '--plan', planFile, '--seed', '3', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/orders {6}5: 5 delivered/);
    expect(r.out).toMatch(/lowest SoC/);
    expect(r.out).toContain(`trace       ${out} (seed 3:`);
    expect(r.err).toMatch(/simulating \[#+\] 100%/);
    const trace = JSON.parse(readFileSync(out, 'utf8')) as SimTrace;
    expect(trace.seed).toBe(3);
    expect(trace.drones).toHaveLength(2);
    expect(positionAt(trace, 0, 0)[2]).toBe(0);
  });

  it('--runs K prints the spread of the on-time rate and the worst minimum SoC', async () => {
    const r = await cli('simulate', missionFile, '--plan', planFile, '--runs', '4', '--json');
    expect(r.code).toBe(0);
    const { summary, runs } = JSON.parse(r.out);
    expect(runs.map((x: { seed: number }) => x.seed)).toEqual([1, 2, 3, 4]);
    expect(summary.worstMinSoc).toBe(Math.min(...runs.map((x: { kpis: SimKpis }) => x.kpis.minSoc)));
    const text = await cli('simulate', missionFile, '--plan', planFile, '--runs', '3');
    expect(text.out).toMatch(/on time {5}mean .* %, p5 .* %, p95 .* %/);
  });

  it('--fault injects a fault; one for a drone that does not exist is refused', async () => {
    const ok = await cli('simulate', missionFile, '--plan', planFile, '--fault', `grounded:depot-1/m2-class/2@0`, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out).requeued).toBeGreaterThan(0);
    const bad = await cli('simulate', missionFile, '--plan', planFile, '--fault', 'motor-failure:depot-1/m2-class/9@60');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--fault motor-failure:depot-1/m2-class/9@60: unknown drone "depot-1/m2-class/9"');
    const syntax = await cli('simulate', missionFile, '--plan', planFile, '--fault', 'lightning:x@1');
    expect(syntax.code).toBe(2);
  });

  it('without --plan makes a plan with the fleet planner first, then flies it', async () => {
    const r = await cli('simulate', missionFile, '--iterations', '2000', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/planning \[#+\]/);
    const kpis = JSON.parse(r.out);
    expect(kpis.ordersTotal).toBeGreaterThan(0);
    expect(kpis.delivered + kpis.failed + kpis.pending).toBe(kpis.ordersTotal);
  });

  it('refuses a plan for another mission, naming each mismatch', async () => {
    const other = structuredClone(plan);
    other.drones[0].droneId = 'depot-9/m2-class/1';
    other.drones[1].trips[0].orderIds[0] = 'order-77';
    other.drones[1].trips[0].landDepotId = 'depot-x';
    const f = join(dir, 'other.json');
    writeFileSync(f, JSON.stringify(other));
    const r = await cli('simulate', missionFile, '--plan', f);
    expect(r.code).toBe(1);
    expect(r.err).toContain('drones[0].droneId: unknown drone "depot-9/m2-class/1"');
    expect(r.err).toContain('drones[1].trips[0].orderIds[0]: unknown order "order-77"');
    expect(r.err).toContain('drones[1].trips[0].landDepotId: unknown depot "depot-x"');
  });

  it('a different mission fingerprint is only a warning', async () => {
    const f = join(dir, 'stale.json');
    writeFileSync(f, JSON.stringify({ ...plan, missionFingerprint: '0000' }));
    const r = await cli('simulate', missionFile, '--plan', f);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: missionFingerprint: the plan was made for another version of the mission/);
  });

  it('a plan file that is not JSON is refused', async () => {
    const f = join(dir, 'broken.json');
    writeFileSync(f, '{ nope');
    const r = await cli('simulate', missionFile, '--plan', f);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not valid JSON/);
  });
});

describe('fault specs and run summaries', () => {
  it('parses each fault kind and names what is wrong', () => {
    expect(parseFaultSpec('motor-failure:a/b/1@120')).toEqual({ ok: true, fault: { kind: 'motor-failure', droneId: 'a/b/1', atS: 120 } });
    expect(parseFaultSpec('grounded:a/b/2@0.5')).toEqual({ ok: true, fault: { kind: 'grounded', droneId: 'a/b/2', fromS: 0.5 } });
    expect(parseFaultSpec('depot-closed:store-1@600-1800')).toEqual({ ok: true, fault: { kind: 'depot-closed', depotId: 'store-1', fromS: 600, toS: 1800 } });
    const bad = parseFaultSpec('depot-closed:store-1@600');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/depot-closed needs @<fromS>-<toS>/);
    const when = parseFaultSpec('grounded:x@soon');
    expect(when.ok).toBe(false);
    if (!when.ok) expect(when.message).toMatch(/"soon" is not a time/);
  });

  it('summarizeRuns: mean and nearest-rank 5th / 95th percentiles', () => {
    const k = (onTimeRate: number, minSoc: number) => ({ onTimeRate, minSoc, delivered: 1, lateMinutesTotal: 0 }) as SimKpis;
    const runs = Array.from({ length: 20 }, (_, i) => ({ seed: i + 1, kpis: k((i + 1) / 20, 0.5 - i / 100) }));
    const s = summarizeRuns(runs);
    expect(s.onTimeRate.mean).toBeCloseTo(0.525, 6);
    expect(s.onTimeRate.p5).toBe(0.05);
    expect(s.onTimeRate.p95).toBe(0.95);
    expect(s.worstMinSoc).toBeCloseTo(0.31, 6);
    expect(s.worstMinSocSeed).toBe(20);
  });
});

describe('simulator worker API (plain data in and out)', () => {
  it('validates the mission, runs the sim and reports progress', async () => {
    const progress: number[] = [];
    const r = await simWorkerApi.simulate(JSON.parse(readFileSync(missionFile, 'utf8')), plan, { seed: 2 }, (f) => progress.push(f));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.kpis.delivered).toBe(5);
    expect(progress.at(-1)).toBe(1);
    expect(progress.length).toBeGreaterThan(1);
  });

  it('returns problems for a broken mission or a mismatched plan', async () => {
    const broken = await simWorkerApi.simulate({ schemaVersion: 1 }, plan, {});
    expect(broken.ok).toBe(false);
    const r = await simWorkerApi.simulate(JSON.parse(readFileSync(missionFile, 'utf8')), { ...plan, drones: [{ ...plan.drones[0], droneId: 'ghost' }] }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.message)).toContain('unknown drone "ghost": the mission has no such drone');
  });
});

describe('mission faults', () => {
  const base = () => JSON.parse(readFileSync(missionFile, 'utf8'));

  it('a mission may carry faults; they are saved in schema order after settings', async () => {
    const doc = { ...base(), faults: [{ kind: 'depot-closed', depotId: 'depot-1', fromS: 600, toS: 1200 }, { kind: 'motor-failure', droneId: 'depot-1/m2-class/1', atS: 900 }] };
    const { parseMission, serializeMission } = await import('../../src/core/mission');
    const r = parseMission(doc);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join());
    expect(r.mission.faults).toHaveLength(2);
    const text = serializeMission(r.mission);
    expect(text.indexOf('"faults"')).toBeGreaterThan(text.indexOf('"settings"'));
  });

  it('refuses a fault for a drone or depot the mission does not have, and a closure that ends before it starts', async () => {
    const { parseMission, formatProblem } = await import('../../src/core/mission');
    const doc = {
      ...base(),
      faults: [
        { kind: 'grounded', droneId: 'depot-1/m2-class/3', fromS: 0 },
        { kind: 'depot-closed', depotId: 'depot-2', fromS: 10, toS: 5 },
      ],
    };
    const r = parseMission(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const msgs = r.errors.map(formatProblem);
    expect(msgs).toContain('faults[0].droneId: unknown drone "depot-1/m2-class/3" (drone ids are <depotId>/<modelId>/<n>)');
    expect(msgs).toContain('faults[1].depotId: unknown depot "depot-2"');
    expect(msgs).toContain('faults[1].toS: must be after fromS (10)');
  });

  it('mission faults take effect in the simulation', async () => {
    const doc = { ...base(), faults: [{ kind: 'grounded', droneId: 'depot-1/m2-class/1', fromS: 0 }] };
    const r = await simWorkerApi.simulate(doc, plan, { seed: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.trace.events.find((e) => e.kind === 'fault')).toMatchObject({ droneId: 'depot-1/m2-class/1', reason: 'grounded' });
    expect(Math.max(...r.trace.drones[0].altM)).toBe(0);
  });
});
