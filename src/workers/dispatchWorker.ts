/**
 * A live-dispatched day in a Web Worker (comlink): plain data in (mission JSON, options), plain data
 * out. The chosen policy's day comes back whole (trace and plan, to replay); with `compare` the other
 * policy and the hindsight bound (every order known at the start) are run too, on the same day map and
 * seed, and come back as their key figures only (a day's trace is large, and only one is replayed).
 *
 * The app creates it with
 *   new Worker(new URL('./workers/dispatchWorker.ts', import.meta.url), { type: 'module' })
 * and calls `wrap<DispatchWorkerApi>(worker).run(mission, options, proxy(onProgress))`. The day runs
 * to its end in one go: cancel = terminate the worker.
 *
 * `dispatchWorkerApi` is also exported so tests can call it directly.
 */
import { expose } from 'comlink';
import { buildDayMap, dispatchDay, type DispatchPolicy, hindsightDay, type ReplanStats } from '../core/dispatch';
import { type Problem, parseMission } from '../core/mission';
import type { Plan } from '../core/planner/plan';
import type { SimKpis } from '../core/sim/kpis';
import type { SimTrace } from '../core/sim/trace';

export type DispatchRunKind = DispatchPolicy | 'hindsight';

export interface DispatchWorkerOptions {
  policy: DispatchPolicy;
  /** Seconds between re-plans (rolling). */
  replanEveryS: number;
  seed: number;
  /** Also run the other policy and the hindsight bound. */
  compare: boolean;
}

/** One run's key figures (what the comparison table shows). */
export interface DispatchRunSummary {
  kind: DispatchRunKind;
  kpis: SimKpis;
  /** Drones with at least one flown trip. */
  dronesUsed: number;
  /** Re-plan timings of a dispatched day; null for the hindsight plan (planned once). */
  replans: ReplanStats | null;
  /** Wall-clock seconds of the run (the day's map not included). */
  seconds: number;
}

export type DispatchWorkerResult =
  | {
      ok: true;
      /** The chosen policy's day, to replay. */
      trace: SimTrace;
      plan: Plan;
      /** The chosen policy first, then (compare) the other policy and hindsight. */
      runs: DispatchRunSummary[];
      /** Seconds spent building the day's map (shared by the dispatched runs). */
      mapSeconds: number;
    }
  | { ok: false; problems: Problem[] };

/** Drones with at least one trip in the trace. */
export function dronesUsed(trace: Pick<SimTrace, 'trips'>): number {
  return new Set(trace.trips.map((t) => t.droneId)).size;
}

/**
 * Relative cost of each part, for the progress bar (measured on the Shenzhen busy day: the day's map
 * about 5 s, rolling 35 s, greedy 6 s, hindsight 22 s).
 */
const COST = { map: 1, rolling: 6, greedy: 1.2, hindsight: 4 };

export const dispatchWorkerApi = {
  /** Run the day (and the comparison); onProgress (a comlink proxy in the app) gets 0..1 and a message. */
  async run(mission: unknown, options: DispatchWorkerOptions, onProgress?: (fraction: number, message: string) => void): Promise<DispatchWorkerResult> {
    const loaded = parseMission(mission);
    if (!loaded.ok) return { ok: false, problems: loaded.errors };
    const m = loaded.mission;
    const report = onProgress ?? (() => {});
    const other: DispatchPolicy = options.policy === 'rolling' ? 'greedy' : 'rolling';
    const total = COST.map + COST[options.policy] + (options.compare ? COST[other] + COST.hindsight : 0);
    const weights = { map: COST.map / total, chosen: COST[options.policy] / total, other: COST[other] / total, hindsight: COST.hindsight / total };
    const clock = () => globalThis.performance.now();
    let base = 0;
    const segment = (weight: number) => {
      const from = base;
      base += weight;
      return (f: number, message: string) => report(Math.min(1, from + weight * Math.max(0, Math.min(1, f))), message);
    };

    const t0 = clock();
    const map = buildDayMap(m, segment(weights.map));
    const mapSeconds = (clock() - t0) / 1000;

    const dispatched = (policy: DispatchPolicy, weight: number) => {
      const progress = segment(weight);
      const start = clock();
      const day = dispatchDay(m, { policy, seed: options.seed, replanEveryS: options.replanEveryS, map, onProgress: progress });
      const summary: DispatchRunSummary = { kind: policy, kpis: day.trace.kpis, dronesUsed: dronesUsed(day.trace), replans: day.replans, seconds: (clock() - start) / 1000 };
      return { day, summary };
    };

    const chosen = dispatched(options.policy, weights.chosen);
    const runs = [chosen.summary];
    if (options.compare) {
      runs.push(dispatched(other, weights.other).summary);
      const progress = segment(weights.hindsight);
      progress(0, 'hindsight: planning with every order known');
      const start = clock();
      const h = hindsightDay(m, { seed: options.seed, map, plan: { onProgress: (p) => progress(0.9 * p.fraction, `hindsight: ${p.message}`) } });
      progress(1, 'hindsight: simulated');
      runs.push({ kind: 'hindsight', kpis: h.trace.kpis, dronesUsed: dronesUsed(h.trace), replans: null, seconds: (clock() - start) / 1000 });
    }
    report(1, 'done');
    return { ok: true, trace: chosen.day.trace, plan: chosen.day.plan, runs, mapSeconds };
  },
};

export type DispatchWorkerApi = typeof dispatchWorkerApi;

// Only inside a worker: in Node (tests) or on the main thread there is nothing to expose to.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(dispatchWorkerApi);
