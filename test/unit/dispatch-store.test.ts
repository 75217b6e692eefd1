/**
 * The Dispatch tab's store and worker without a browser: the worker's API run in this thread (the
 * chosen day whole, the other policy and the hindsight bound as figures), and the store with fake
 * runners: the chosen day becomes the replay through the plan store, progress only moves forward,
 * Cancel stops the job and keeps the mission and the earlier results, a refused mission is reported,
 * and another mission clears the results while an edit keeps them.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatchDay, hindsightDay } from '../../src/core/dispatch';
import { DEFAULT_DISPATCH_FORM, type DispatchRunner, normaliseForm, setDispatchRunner, useDispatchStore, workerDispatchRunner } from '../../src/state/dispatchStore';
import { useMissionStore } from '../../src/state/missionStore';
import { usePlanStore } from '../../src/state/planStore';
import { usePlaybackStore } from '../../src/state/playbackStore';
import { CancelledError } from '../../src/workers/clients';
import { type DispatchWorkerResult, dispatchWorkerApi } from '../../src/workers/dispatchWorker';
import { tutorialLive } from './dispatchFixture';

const mission = tutorialLive();

/** Runs the worker's API in this thread, recording the progress it reports. */
function inThreadRunner(progress: number[]): DispatchRunner {
  return (m, options, onProgress) => ({
    result: dispatchWorkerApi.run(m, options, (f, msg) => {
      progress.push(f);
      onProgress(f, msg);
    }),
    cancel() {},
  });
}

/** A runner whose job never ends unless cancelled (then it rejects as the real one does). */
function stuckRunner(): { runner: DispatchRunner; started: () => number } {
  let n = 0;
  return {
    started: () => n,
    runner: (_m, _o, onProgress) => {
      n++;
      let reject: (e: Error) => void = () => {};
      const result = new Promise<DispatchWorkerResult>((_, rej) => {
        reject = rej;
      });
      onProgress(0.3, 'rolling re-plans at 30 min of 100');
      return { result, cancel: () => reject(new CancelledError()) };
    },
  };
}

describe('the dispatch worker API (in this thread)', () => {
  it('returns the chosen day whole, then the other policy and hindsight as figures, same as the core', async () => {
    const progress: number[] = [];
    const r = await dispatchWorkerApi.run(mission, { policy: 'greedy', replanEveryS: 120, seed: 3, compare: true }, (f) => progress.push(f));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.runs.map((x) => x.kind)).toEqual(['greedy', 'rolling', 'hindsight']);
    expect(r.trace.dispatch?.policy).toBe('greedy');
    expect(r.runs[0].kpis).toEqual(r.trace.kpis);
    // Same figures as the core run directly (the shared day map changes nothing).
    expect(r.runs[1].kpis).toEqual(dispatchDay(mission, { policy: 'rolling', seed: 3, replanEveryS: 120 }).trace.kpis);
    const h = hindsightDay(mission, { seed: 3 });
    expect(r.runs[2].kpis).toEqual(h.trace.kpis);
    expect(r.runs[2].dronesUsed).toBe(new Set(h.trace.trips.map((t) => t.droneId)).size);
    expect(r.runs[2].replans).toBeNull();
    expect(r.runs[0].replans?.count).toBeGreaterThan(0);
    expect(r.runs[0].dronesUsed).toBe(new Set(r.trace.trips.map((t) => t.droneId)).size);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
    expect(progress.at(-1)).toBe(1);
  });

  it('without compare, runs the chosen policy only', async () => {
    const r = await dispatchWorkerApi.run(mission, { policy: 'rolling', replanEveryS: 300, seed: 1, compare: false });
    expect(r.ok && r.runs.map((x) => x.kind)).toEqual(['rolling']);
  });

  it('refuses an invalid mission with the loader problems', async () => {
    const r = await dispatchWorkerApi.run({ ...mission, horizonS: -5 }, DEFAULT_DISPATCH_FORM);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path === 'horizonS')).toBe(true);
  });
});

describe('the dispatch store', () => {
  beforeAll(() => useMissionStore.getState().setMission(mission));
  beforeEach(() => {
    useMissionStore.getState().setMission(mission);
    useDispatchStore.setState({ form: DEFAULT_DISPATCH_FORM, job: null, results: null, failure: null, cancelled: false });
    usePlanStore.getState().clearResults();
  });
  afterEach(() => setDispatchRunner(workerDispatchRunner));

  it('keeps the form within bounds', () => {
    expect(normaliseForm({ policy: 'greedy', replanEveryS: 1, seed: 2.6, compare: false })).toEqual({ policy: 'greedy', replanEveryS: 10, seed: 3, compare: false });
    expect(normaliseForm({ policy: 'x' as 'rolling', replanEveryS: Number.NaN, seed: -4, compare: true })).toEqual({ policy: 'rolling', replanEveryS: 120, seed: 0, compare: true });
    useDispatchStore.getState().setForm({ replanEveryS: 1e6 });
    expect(useDispatchStore.getState().form.replanEveryS).toBe(3600);
  });

  it('runs the day: the chosen trace and plan become the replay, the figures of every run are kept', async () => {
    const progress: number[] = [];
    setDispatchRunner(inThreadRunner(progress));
    useDispatchStore.getState().setForm({ policy: 'rolling', replanEveryS: 120, seed: 1, compare: true });
    const running = useDispatchStore.getState().run();
    expect(useDispatchStore.getState().job).not.toBeNull();
    // A second Run while one is going does nothing.
    await useDispatchStore.getState().run();
    await running;
    const s = useDispatchStore.getState();
    expect(s.job).toBeNull();
    expect(s.failure).toBeNull();
    expect(s.results?.runs.map((r) => r.kind)).toEqual(['rolling', 'greedy', 'hindsight']);
    expect(s.results?.mission).toBe(mission);
    const plan = usePlanStore.getState();
    expect(plan.trace).toBe(s.results?.trace);
    expect(plan.trace?.dispatch?.policy).toBe('rolling');
    expect(plan.plan?.drones.some((d) => d.trips.length > 0)).toBe(true);
    expect(plan.planMission).toBe(mission);
    expect(s.results?.runs[0].kpis).toEqual(plan.trace?.kpis);
    // The replay is loaded as after plan + simulate.
    expect(usePlaybackStore.getState().endS).toBe(plan.trace?.endS);
    // The undispatched order is flagged on the map, as an unplanned order is after planning.
    expect(plan.plan?.orders.find((o) => o.orderId === 'order-heavy')?.status).toBe('unassigned');
    expect(progress.length).toBeGreaterThan(3);
  });

  it('Cancel stops the job; the mission and the earlier results stay', async () => {
    setDispatchRunner(inThreadRunner([]));
    await useDispatchStore.getState().run();
    const before = useDispatchStore.getState().results;
    const trace = usePlanStore.getState().trace;
    expect(before).not.toBeNull();

    const stuck = stuckRunner();
    setDispatchRunner(stuck.runner);
    const running = useDispatchStore.getState().run();
    expect(useDispatchStore.getState().job?.fraction).toBe(0.3);
    useDispatchStore.getState().cancel();
    expect(useDispatchStore.getState().job?.cancelling).toBe(true);
    await running;
    const s = useDispatchStore.getState();
    expect(s).toMatchObject({ job: null, cancelled: true, failure: null });
    expect(s.results).toBe(before);
    expect(usePlanStore.getState().trace).toBe(trace);
    expect(useMissionStore.getState().mission).toBe(mission);
    // A new run clears the cancelled note.
    setDispatchRunner(inThreadRunner([]));
    useDispatchStore.getState().setForm({ compare: false });
    await useDispatchStore.getState().run();
    expect(useDispatchStore.getState().cancelled).toBe(false);
    expect(useDispatchStore.getState().results?.runs).toHaveLength(1);
  });

  it('reports a refused mission or a failed worker, keeping the earlier results', async () => {
    setDispatchRunner(() => ({ result: Promise.resolve({ ok: false, problems: [{ path: 'orders[0].placedAt', message: 'after the window', severity: 'error' }] }), cancel() {} }));
    await useDispatchStore.getState().run();
    expect(useDispatchStore.getState().failure?.[0].path).toBe('orders[0].placedAt');
    expect(useDispatchStore.getState().results).toBeNull();
    setDispatchRunner(() => ({ result: Promise.reject(new Error('the dispatch worker failed: boom')), cancel() {} }));
    await useDispatchStore.getState().run();
    expect(useDispatchStore.getState().failure?.[0].message).toMatch(/boom/);
    expect(useDispatchStore.getState().job).toBeNull();
  });

  it('another mission clears the results and stops a running day; an edit keeps them', async () => {
    setDispatchRunner(inThreadRunner([]));
    await useDispatchStore.getState().run();
    const results = useDispatchStore.getState().results;
    const edited = { ...mission, description: 'edited' };
    useMissionStore.getState().setMission(edited);
    expect(useDispatchStore.getState().results).toBe(results);

    const stuck = stuckRunner();
    setDispatchRunner(stuck.runner);
    const running = useDispatchStore.getState().run();
    useMissionStore.getState().setMission({ ...mission, name: 'another mission', origin: [mission.origin[0] + 0.01, mission.origin[1]] });
    await running;
    expect(useDispatchStore.getState()).toMatchObject({ results: null, job: null, cancelled: true });
  });
});
