/**
 * The app's what-if worker pool with fake workers (each runs the real study worker's code after a
 * made-up delay, so tasks finish out of order): the report is byte for byte the in-thread report,
 * no more workers run than the pool size, a failing task fails only its caller, and Cancel
 * terminates every worker and rejects what was running or queued.
 */
import { describe, expect, it } from 'vitest';
import { type WhatIfReport, inProcessExecutor, realPlanFn, runStudy } from '../../src/core/whatif';
import type { ScenarioInput } from '../../src/core/whatif';
import { CancelledError } from '../../src/workers/clients';
import { type PoolActivity, type TaskRunner, createStudyExecutor, defaultPoolSize } from '../../src/workers/studyExecutor';
import { type StudyTask, studyWorkerApi } from '../../src/workers/studyWorker';
import { ITERATIONS, busyTutorial, tutorial, withOverrides } from './whatifFixture';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface FakePool {
  spawn: () => TaskRunner;
  runners: { terminated: boolean; tasks: number }[];
  maxLive: () => number;
}

/**
 * Runners that structured-clone the task and the answer (as postMessage does) and answer after a
 * delay that varies from task to task; `hang` makes every task wait forever (until terminated).
 */
function fakePool(opts: { hang?: boolean; failOn?: (t: StudyTask) => boolean } = {}): FakePool {
  const runners: FakePool['runners'] = [];
  let live = 0;
  let maxLive = 0;
  let n = 0;
  return {
    runners,
    maxLive: () => maxLive,
    spawn: () => {
      const state = { terminated: false, tasks: 0 };
      runners.push(state);
      return {
        async run(task) {
          if (state.terminated) throw new Error('runner used after terminate');
          state.tasks++;
          live++;
          maxLive = Math.max(maxLive, live);
          try {
            if (opts.hang) await new Promise(() => {});
            await sleep(((n++ * 7919) % 13) + 1);
            if (opts.failOn?.(task)) throw new Error('boom in the worker');
            return structuredClone(await studyWorkerApi.run(structuredClone(task)));
          } finally {
            live--;
          }
        },
        terminate() {
          state.terminated = true;
        },
      };
    },
  };
}

const scenarios = (): ScenarioInput[] => [
  { id: 'a', name: 'two drones', source: 'test', overrides: {}, notes: [], mission: busyTutorial(2) },
  { id: 'b', name: 'three drones', source: 'test', overrides: { dronesPerDepot: 3 }, notes: [], mission: withOverrides(busyTutorial(2), { dronesPerDepot: 3 }) },
  { id: 'c', name: 'windy', source: 'test', overrides: { wind: { speedMps: 12 } }, notes: [], mission: withOverrides(busyTutorial(2), { wind: { speedMps: 12 } }) },
];

const opts = { runs: 3, baseSeed: 5, iterations: ITERATIONS };

describe('browser study executor (fake workers)', () => {
  let inThread: WhatIfReport;

  it('gives the in-thread report byte for byte, whatever the pool size and finishing order', async () => {
    inThread = await runStudy(scenarios(), inProcessExecutor(realPlanFn), opts);
    for (const size of [1, 3]) {
      const pool = fakePool();
      const exec = createStudyExecutor({ size, spawn: pool.spawn });
      const report = await runStudy(scenarios(), exec, opts);
      exec.dispose();
      expect(JSON.stringify(report)).toBe(JSON.stringify(inThread));
      expect(pool.runners.length).toBeLessThanOrEqual(size);
      expect(pool.maxLive()).toBeLessThanOrEqual(size);
      if (size > 1) expect(pool.maxLive()).toBeGreaterThan(1); // it did run tasks side by side
      expect(pool.runners.every((r) => r.terminated)).toBe(true); // dispose stops the workers
    }
  });

  it('reports activity: tasks queue beyond the pool size and all finish', async () => {
    const pool = fakePool();
    const seen: PoolActivity[] = [];
    const exec = createStudyExecutor({ size: 2, spawn: pool.spawn, onActivity: (a) => seen.push(a) });
    const mission = tutorial();
    const plan = await exec.plan({ mission, seed: 1, iterations: 50 });
    await Promise.all([0, 1, 2, 3, 4].map((k) => exec.simulate({ mission, plan, seed: 10 + k, runIndex: k })));
    expect(Math.max(...seen.map((a) => a.queued))).toBeGreaterThanOrEqual(3);
    expect(Math.max(...seen.map((a) => a.running))).toBe(2);
    expect(exec.activity()).toEqual({ running: 0, queued: 0, workers: 2, finished: 6 });
  });

  it('a task that fails rejects its own call only; the pool keeps going', async () => {
    const pool = fakePool({ failOn: (t) => t.kind === 'simulate' && t.req.runIndex === 1 });
    const exec = createStudyExecutor({ size: 2, spawn: pool.spawn });
    const mission = tutorial();
    const plan = await exec.plan({ mission, seed: 1, iterations: 50 });
    const results = await Promise.allSettled([0, 1, 2].map((k) => exec.simulate({ mission, plan, seed: 3, runIndex: k })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toMatch(/boom/);
    exec.dispose();
  });

  it('cancel terminates every worker and rejects running, queued and later tasks with CancelledError', async () => {
    const pool = fakePool({ hang: true });
    const exec = createStudyExecutor({ size: 2, spawn: pool.spawn });
    const mission = tutorial();
    const calls = [1, 2, 3, 4].map((seed) => exec.plan({ mission, seed, iterations: 10 }));
    await sleep(5);
    expect(exec.activity()).toMatchObject({ running: 2, queued: 2, workers: 2 });
    exec.cancel();
    const settled = await Promise.allSettled(calls);
    for (const r of settled) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(CancelledError);
    }
    expect(pool.runners).toHaveLength(2);
    expect(pool.runners.every((r) => r.terminated)).toBe(true);
    await expect(exec.simulate({ mission, plan: undefined as never, seed: 1, runIndex: 0 })).rejects.toBeInstanceOf(CancelledError);
    expect(pool.runners).toHaveLength(2); // no worker started after the cancel
  });

  it('pool size: the cores, at most 4, at least 1', () => {
    expect(defaultPoolSize(2)).toBe(2);
    expect(defaultPoolSize(16)).toBe(4);
    expect(defaultPoolSize(0)).toBe(1);
    expect(defaultPoolSize(Number.NaN)).toBe(1);
  });
});
