/** The planner's Web Worker API, called directly (as the app calls it through comlink). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMissionText } from '../../src/core/mission';
import { type PlanProgress, planMission, planSchema } from '../../src/core/planner';
import { planWorkerApi } from '../../src/workers/planWorker';

const tutorialJson = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));

describe('planWorker', () => {
  it('plans from plain JSON and gives the same plan as planMission for the same seed and iterations', async () => {
    const progress: PlanProgress[] = [];
    const r = await planWorkerApi.plan(tutorialJson, { iterations: 300, seed: 4 }, (p) => progress.push(p));
    if (!r.ok) throw new Error('refused');
    expect(planSchema.safeParse(r.plan).success).toBe(true);
    const loaded = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
    if (!loaded.ok) throw new Error('refused');
    const direct = planMission(loaded.mission, { iterations: 300, seed: 4 }).plan;
    expect(JSON.stringify(r.plan)).toBe(JSON.stringify(direct));
    // Progress: every stage in order, fractions never go back, and it ends at 1.
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
    const stages = [...new Set(progress.map((p) => p.stage))];
    expect(stages).toEqual(['paths', 'screen', 'solve', 'assemble', 'done']);
  });

  it('returns the problems of a refused mission as data', async () => {
    const r = await planWorkerApi.plan({ ...tutorialJson, horizonS: -5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path === 'horizonS')).toBe(true);
  });

  it('cancel stops the search and still returns a complete plan', async () => {
    const timeLimitS = 40;
    setTimeout(() => planWorkerApi.cancel(), 300);
    // A budget far beyond the time limit, in slices the worker can be cancelled between.
    const r = await planWorkerApi.plan(tutorialJson, { timeLimitS, iterations: 50_000_000, slices: 16, seed: 2 });
    if (!r.ok) throw new Error('refused');
    expect(r.stats.cancelled).toBe(true);
    expect(r.stats.solverSeconds).toBeLessThan(timeLimitS / 2);
    expect(planSchema.safeParse(r.plan).success).toBe(true);
    expect(r.plan.orders).toHaveLength(tutorialJson.orders.length);
  }, 60_000);

  it('a shared cancel flag stops the search too', async () => {
    const buf = new SharedArrayBuffer(4);
    const flag = new Int32Array(buf);
    const r = await planWorkerApi.plan(tutorialJson, { timeLimitS: 120, iterations: 50_000_000, cancelBuffer: buf }, (p) => {
      if (p.stage === 'solve') Atomics.store(flag, 0, 1);
    });
    if (!r.ok) throw new Error('refused');
    expect(r.stats.cancelled).toBe(true);
    expect(r.plan.kpis.ordersTotal).toBe(5);
  }, 60_000);
});
