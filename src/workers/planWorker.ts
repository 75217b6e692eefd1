/**
 * The fleet planner in a Web Worker (comlink): plain data in (mission JSON, options), plain data out
 * (the plan document and run statistics, or the problems that refused the mission). The app creates it
 * with
 *   const worker = new Worker(new URL('./workers/planWorker.ts', import.meta.url), { type: 'module' });
 *   const api = wrap<PlanWorkerApi>(worker);
 *   const result = await api.plan(missionJson, { timeLimitS: 10, seed: 1 }, proxy((p) => show(p)));
 * and stops the search with `api.cancel()`: the run then finishes the best plan found so far (still
 * complete and valid) and resolves with `stats.cancelled = true`.
 *
 * Cancel reaches the worker between planning steps: after each stage and every few hundred search
 * iterations (the solver pauses without changing its result, so the app's plan is the CLI's for the same
 * options). When the page is cross-origin isolated the app can also pass `cancelBuffer` (a
 * SharedArrayBuffer of >= 4 bytes); writing a non-zero Int32 at index 0 stops the search within a few
 * iterations.
 *
 * `planWorkerApi` is also exported so tests (and the main thread, if ever needed) can call it directly.
 */
import { expose } from 'comlink';
import { type Problem, parseMission } from '../core/mission';
import { type Plan, type PlanProgress, type PlanStats, planMissionAsync } from '../core/planner';

export interface PlanWorkerOptions {
  seed?: number;
  /** Upper bound on the whole run, s (see PlanOptions.timeLimitS). */
  timeLimitS?: number;
  /** Search iterations; default the planner's own budget. Same mission + seed + iterations -> the CLI's plan. */
  iterations?: number;
  /** Solver slices (see PlanOptions.slices). Default 1, as the CLI. */
  slices?: number;
  /** Optional shared cancel flag (Int32 at index 0, non-zero = cancel). */
  cancelBuffer?: SharedArrayBuffer;
}

export type PlanWorkerResult =
  | { ok: true; plan: Plan; stats: PlanStats; checks: Problem[] }
  | { ok: false; problems: Problem[] };

/** Fraction step below which progress messages are not forwarded (keeps the message channel quiet). */
const PROGRESS_STEP = 0.005;

let cancelRequested = false;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export const planWorkerApi = {
  /** Plan a mission; onProgress (a comlink proxy in the app) gets each stage and 0..1 of the run. */
  async plan(mission: unknown, options: PlanWorkerOptions = {}, onProgress?: (p: PlanProgress) => void): Promise<PlanWorkerResult> {
    const loaded = parseMission(mission);
    if (!loaded.ok) return { ok: false, problems: loaded.errors };
    cancelRequested = false;
    const shared = options.cancelBuffer ? new Int32Array(options.cancelBuffer, 0, 1) : undefined;
    const signal = {
      get aborted() {
        return cancelRequested || (shared !== undefined && Atomics.load(shared, 0) !== 0);
      },
    };
    let lastFraction = -1;
    let lastStage = '';
    const { plan, stats } = await planMissionAsync(
      loaded.mission,
      {
        seed: options.seed,
        timeLimitS: options.timeLimitS,
        iterations: options.iterations,
        slices: options.slices ?? 1,
        signal,
        onProgress: (p) => {
          if (!onProgress) return;
          if (p.stage === lastStage && p.fraction < 1 && p.fraction - lastFraction < PROGRESS_STEP) return;
          lastStage = p.stage;
          lastFraction = p.fraction;
          void onProgress(p);
        },
      },
      yieldToEvents,
    );
    return { ok: true, plan, stats, checks: loaded.checks };
  },

  /** Stop the running search; the running plan() resolves with the best plan found so far. */
  cancel(): void {
    cancelRequested = true;
  },
};

export type PlanWorkerApi = typeof planWorkerApi;

// Only inside a worker: in Node (tests) or on the main thread there is nothing to expose to.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(planWorkerApi);
