/**
 * The study against the real planner and simulator on a small mission, with a fixed iteration
 * budget so every plan is reproducible.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/sim/engine';
import { planMission } from '../../src/core/planner';
import {
  type ScenarioInput,
  inProcessExecutor,
  percentile,
  realPlanFn,
  runStudy,
  runSweep,
  studySettings,
  weatherSeed,
  withDronesPerDepot,
} from '../../src/core/whatif';
import { ITERATIONS, busyTutorial, tutorial, withOverrides } from './whatifFixture';

const exec = inProcessExecutor(realPlanFn);

const scenario = (id: string, mission = tutorial()): ScenarioInput => ({ id, name: id, source: `${id}.json`, overrides: {}, notes: [], mission });

describe('seeds', () => {
  it('derive from the base seed and run index only', () => {
    const s = studySettings({ runs: 4, baseSeed: 7 });
    expect(s.weatherSeeds).toEqual([0, 1, 2, 3].map((k) => weatherSeed(7, k)));
    expect(new Set(s.weatherSeeds).size).toBe(4);
    expect(studySettings({ runs: 4, baseSeed: 8 }).weatherSeeds).not.toEqual(s.weatherSeeds);
    expect(s.weatherSeeds.every((x) => Number.isInteger(x) && x > 0)).toBe(true);
  });
});

describe('the report', () => {
  it("numbers equal the KPIs of the individual runs, planned and simulated again by hand", async () => {
    const scenarios = [scenario('base', busyTutorial(2)), scenario('windy', withOverrides(busyTutorial(2), { wind: { speedMps: 9 } }))];
    const report = await runStudy(scenarios, exec, { runs: 3, baseSeed: 3, iterations: ITERATIONS });
    expect(report.scenarios.map((s) => s.id)).toEqual(['base', 'windy']);
    for (const [i, sr] of report.scenarios.entries()) {
      const mission = scenarios[i].mission;
      const plan = planMission(mission, { seed: report.settings.planSeed, iterations: ITERATIONS }).plan;
      expect(sr.plan.kpis).toEqual(plan.kpis);
      const onTime: number[] = [];
      for (const [k, run] of sr.runs.entries()) {
        const sim = simulate(mission, plan, { seed: report.settings.weatherSeeds[k] });
        if (!sim.ok) throw new Error('simulation refused');
        expect(run.seed).toBe(report.settings.weatherSeeds[k]);
        expect(run.kpis).toEqual(sim.trace.kpis);
        expect(run.notServed).toBe(sim.trace.kpis.ordersTotal - sim.trace.kpis.delivered);
        expect(run.deliveryMinutes).toHaveLength(sim.trace.kpis.delivered);
        onTime.push(sim.trace.kpis.onTimeRate);
      }
      const sorted = [...onTime].sort((a, b) => a - b);
      expect(sr.kpis.onTimeRate.mean).toBeCloseTo(onTime.reduce((a, b) => a + b, 0) / onTime.length, 6);
      expect(sr.kpis.onTimeRate.p5).toBe(sorted[0]);
      expect(sr.kpis.onTimeRate.p95).toBe(sorted[2]);
      expect(percentile(sorted, 50)).toBe(sorted[1]);
      const late = sr.runs.map((r) => r.kpis.lateMinutesTotal);
      expect(sr.kpis.lateMinutesTotal.mean).toBeCloseTo(late.reduce((a, b) => a + b, 0) / 3, 6);
    }
    // The histogram counts every delivery of every run.
    const shares = report.deliveryHistogram.shares;
    for (const s of shares) expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(report.scenarios[1].changes.list.map((c) => c.topic)).toContain('wind');
  });
});

describe('fleet size', () => {
  it('a scenario with more drones never serves fewer orders on the same seeds', async () => {
    const seeds = [0, 1, 2].map((k) => weatherSeed(11, k));
    let previous: number[] | undefined;
    for (let n = 1; n <= 4; n++) {
      const m = withDronesPerDepot(busyTutorial(), n);
      if (!m.ok) throw new Error('fixture');
      const plan = await exec.plan({ mission: m.mission, seed: 5, iterations: ITERATIONS });
      const delivered = await Promise.all(seeds.map(async (seed, k) => (await exec.simulate({ mission: m.mission, plan, seed, runIndex: k })).kpis.delivered));
      if (previous) delivered.forEach((d, k) => expect(d, `${n} drones, seed ${seeds[k]}`).toBeGreaterThanOrEqual(previous![k]));
      previous = delivered;
    }
  });

  it('the sweep finds the same fleet size as an exhaustive scan', async () => {
    const opts = { min: 1, max: 6, runs: 2, baseSeed: 2, iterations: ITERATIONS };
    for (const target of [0.8, 0.95]) {
      const search = await runSweep(busyTutorial(), exec, { ...opts, target });
      const scan = await runSweep(busyTutorial(), exec, { ...opts, target, exhaustive: true });
      const firstMeeting = scan.points.find((p) => p.onTimeRate >= target)?.dronesPerDepot ?? null;
      expect(search.dronesPerDepot).toBe(firstMeeting);
      expect(search.dronesPerDepot).not.toBeNull();
      // It found it with fewer evaluations than the scan (the point of searching).
      expect(search.points.length).toBeLessThan(scan.points.length);
      // Shared sizes give the same numbers (plans and seeds do not depend on the search path).
      for (const p of search.points) expect(p.onTimeRate).toBe(scan.points.find((q) => q.dronesPerDepot === p.dronesPerDepot)!.onTimeRate);
    }
  });
});
