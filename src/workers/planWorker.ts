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
 * Leg costs on several cores: on a day with enough leg-cost work (legCostWork >= MIN_THREADED_WORK, the
 * CLI's threshold) this worker starts `legCostWorkers` leg-cost Web Workers (legCostWorker.ts; default
 * navigator.hardwareConcurrency - 1, at least 1, at most the jobs - 1) and computes the jobs of
 * src/core/planner/legCostJobs.ts (one drone model at one cruise layer) with them: it computes jobs
 * itself while they start, merges the results (mergeLegCosts) and plans with them (`prepared`), with a
 * clock that starts before the stage. The merged arc bounds are exactly planMission's own, so the plan
 * is the one this worker gives without them (`legCostWorkers: 0`). Jobs go out through a shared claim
 * counter when the page is cross-origin isolated, else one by one on request (a worker asks, this worker
 * answers between two of its own jobs). Cancel during that stage terminates the leg-cost workers and
 * ends the run at once without a plan (there is no "best plan so far" before the search):
 * `{ ok: false, cancelled: true }`, which the app's client turns into a CancelledError as a hard cancel.
 * A leg-cost worker's error (or a worker that cannot start) fails the run with its message.
 *
 * `planWorkerApi` is also exported so tests (and the main thread, if ever needed) can call it directly.
 */
import { expose } from 'comlink';
import { type Problem, parseMission } from '../core/mission';
import type { Mission } from '../core/mission/schema';
import { type Plan, type PlanProgress, type PlanStats, type PreparedMission, planMissionAsync } from '../core/planner';
import type { LayerCosts, LegCostMode } from '../core/planner/arcs';
import {
  LEG_COST_SHARE,
  LegCostWorkspace,
  MIN_THREADED_WORK,
  claimJob,
  jobDone,
  jobsDone,
  legCostClaim,
  legCostProgressText,
  legCostWork,
  maxLegCostJobs,
  mergeLegCosts,
  setJobCount,
} from '../core/planner/legCostJobs';
import type { FromLegCostWorker, ToLegCostWorker } from './legCostWorker';

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
  /**
   * Leg-cost Web Workers on a day large enough for them (MIN_THREADED_WORK); default
   * navigator.hardwareConcurrency - 1 (at least 1, at most the jobs - 1); 0: none, all in this worker.
   */
  legCostWorkers?: number;
  /** How jobs go out to them: a shared counter (default when cross-origin isolated) or messages. */
  legCostHandout?: LegCostHandout;
}

export type LegCostHandout = 'shared' | 'messages';

/** The leg-cost workers of this plan worker (the last run's, and how many are alive now). */
export interface LegCostWorkerStatus {
  /** Workers the last planning run started (0: none, the leg costs were computed here). */
  spawned: number;
  /** Workers alive now (0 once a stage is over or cancelled). */
  running: number;
  handout: LegCostHandout | null;
  /** Jobs of the last stage with workers, and how many of them this worker computed. */
  jobs: number;
  jobsHere: number;
  /** The last stage with workers was cancelled (its workers terminated). */
  cancelled: boolean;
}

export type PlanWorkerResult =
  | { ok: true; plan: Plan; stats: PlanStats; checks: Problem[] }
  /** Refused (problems), or cancelled before there was any plan (during the leg-cost stage, problems empty). */
  | { ok: false; problems: Problem[]; cancelled?: true };

/** Fraction step below which progress messages are not forwarded (keeps the message channel quiet). */
const PROGRESS_STEP = 0.005;

let cancelRequested = false;

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const status: LegCostWorkerStatus = { spawned: 0, running: 0, handout: null, jobs: 0, jobsHere: 0, cancelled: false };

/** A new run's status: `spawned` workers handed jobs by `handout` (0 and null: none), nothing done yet. */
function startStatus(spawned: number, handout: LegCostHandout | null): void {
  Object.assign(status, { spawned, running: 0, handout, jobs: 0, jobsHere: 0, cancelled: false });
}

/** The leg-cost stage was cancelled: its workers are terminated and the run ends without a plan. */
export class LegCostsCancelled extends Error {
  constructor() {
    super('leg costs cancelled');
  }
}

/** What the stage needs of a leg-cost worker (a Web Worker; an in-thread stand-in in tests). */
export interface LegCostWorkerPort {
  postMessage(msg: ToLegCostWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: { data: FromLegCostWorker }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
  onmessageerror?: (() => void) | null;
}

export interface LegCostStageOptions {
  /** Leg-cost workers to start (>= 1). */
  workers: number;
  handout: LegCostHandout;
  spawn: () => LegCostWorkerPort;
  legCosts?: LegCostMode;
  signal?: { readonly aborted: boolean };
  /** Jobs done out of total (0 while the jobs are being listed), and a message in the CLI's style. */
  onProgress?: (done: number, total: number, message: string) => void;
  yieldToEvents?: () => Promise<void>;
}

/**
 * The mission's arc bounds through the leg-cost jobs, computed here and on `workers` leg-cost workers:
 * exactly what planMission computes itself (mergeLegCosts). Rejects on a worker's error; on cancel
 * (signal, seen between two jobs here and while waiting for the workers) the workers are terminated
 * and it rejects with LegCostsCancelled.
 */
export async function prepareLegCostsInWorkers(mission: Mission, opts: LegCostStageOptions): Promise<PreparedMission> {
  const mode = opts.legCosts ?? 'auto';
  const pause = opts.yieldToEvents ?? yieldToEvents;
  const started = performance.now();
  const claim = opts.handout === 'shared' ? legCostClaim() : undefined;
  const live = new Set<LegCostWorkerPort>();
  const results: (LayerCosts | undefined)[] = [];
  let total = -1; // unknown until this worker has listed the jobs
  let next = 0; // messages: the next job to hand out
  let answered = 0; // messages: results received
  let here = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const waiting: LegCostWorkerPort[] = []; // asked before the jobs were listed
  const stop = (w: LegCostWorkerPort) => {
    w.onmessage = null;
    w.onerror = null;
    w.onmessageerror = null;
    w.terminate();
    live.delete(w);
    status.running = live.size;
  };
  const give = (w: LegCostWorkerPort) => {
    if (total < 0) waiting.push(w);
    else if (next < total) w.postMessage({ type: 'job', job: next++ });
    else w.postMessage({ type: 'none' });
  };
  const fail = (e: Error) => {
    failure ??= e;
    wake?.();
  };
  startStatus(opts.workers, opts.handout);
  const cancelled = () => opts.signal?.aborted === true;
  try {
    if (cancelled()) throw new LegCostsCancelled();
    for (let i = 0; i < opts.workers; i++) {
      const w = opts.spawn();
      live.add(w);
      status.running = live.size;
      w.onmessage = ({ data }) => {
        if (data.type === 'next') give(w);
        else if (data.type === 'result') {
          results[data.job] = data.costs;
          answered++;
          give(w);
        } else if (data.type === 'share') {
          for (const r of data.results) results[r.job] = r.costs;
          stop(w);
        } else fail(new Error(`leg-cost worker: ${data.message}`));
        wake?.();
      };
      w.onerror = (e) => {
        e.preventDefault?.();
        fail(new Error(`leg-cost worker failed${e.message ? `: ${e.message}` : ' to start'}`));
      };
      w.onmessageerror = () => fail(new Error('leg-cost worker: a result could not be read'));
      w.postMessage({ type: 'start', mission, legCosts: mode, claim });
    }
    const done = () => (claim ? jobsDone(claim) : answered + here);
    const report = () => {
      if (total < 0) opts.onProgress?.(0, 0, `building the airspace (leg costs on ${opts.workers + 1} threads)`);
      else opts.onProgress?.(done(), total, legCostProgressText(done(), total, opts.workers + 1, (performance.now() - started) / 1000));
    };
    report();
    const ws = new LegCostWorkspace(mission, mode);
    total = ws.jobs.length;
    status.jobs = total;
    if (claim) setJobCount(claim, total);
    for (const w of waiting.splice(0)) give(w);
    report();
    await pause(); // requests that came in meanwhile are answered before this worker takes a job
    const runHere = (k: number) => {
      results[k] = ws.run(ws.jobs[k]);
      here++;
      status.jobsHere = here;
      if (claim) jobDone(claim);
    };
    for (;;) {
      if (failure) throw failure;
      if (cancelled()) throw new LegCostsCancelled();
      const k = claim ? claimJob(claim) : next++;
      if (k >= total) break;
      runHere(k);
      report();
      await pause();
    }
    // The jobs the workers hold: wait for them.
    for (;;) {
      if (failure) throw failure;
      if (cancelled()) throw new LegCostsCancelled();
      const missing = ws.jobs.map((_, k) => k).filter((k) => results[k] === undefined);
      if (missing.length === 0) break;
      if (live.size === 0) throw new Error(`leg-cost workers ended without the results of jobs ${missing.join(', ')}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 100); // the cancel flag and the seconds shown
      });
      wake = undefined;
      report();
    }
    return { ctx: ws.ctx, arcsByModel: mergeLegCosts(ws.ctx, mode, ws.jobs, results) };
  } catch (e) {
    if (e instanceof LegCostsCancelled) status.cancelled = true;
    throw e;
  } finally {
    for (const w of [...live]) stop(w);
  }
}

/** How many leg-cost workers a run starts (0: the leg costs are computed in this worker, by planMission). */
export function legCostWorkerCount(mission: Mission, requested: number | undefined, minWork = MIN_THREADED_WORK): number {
  if (typeof Worker === 'undefined' || requested === 0 || legCostWork(mission) < minWork) return 0;
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 1;
  const want = Math.max(1, Math.floor(requested ?? cores - 1));
  return Math.max(0, Math.min(want, maxLegCostJobs(mission) - 1));
}

function defaultHandout(): LegCostHandout {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer !== 'undefined' ? 'shared' : 'messages';
}

// A Worker's onmessage and onerror get a MessageEvent and an ErrorEvent: the port's shapes of them.
const spawnLegCostWorker = (): LegCostWorkerPort =>
  new Worker(new URL('./legCostWorker.ts', import.meta.url), { type: 'module', name: 'skyhaul-leg-costs' }) as unknown as LegCostWorkerPort;

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
    let lastMessage = '';
    const forward = (p: PlanProgress) => {
      if (!onProgress) return;
      // The leg-cost stage's messages (its seconds) go through even when the bar hardly moves.
      const news = p.stage === 'paths' && p.message !== lastMessage;
      if (p.stage === lastStage && p.fraction < 1 && p.fraction - lastFraction < PROGRESS_STEP && !news) return;
      lastStage = p.stage;
      lastFraction = p.fraction;
      lastMessage = p.message;
      void onProgress(p);
    };
    const startMs = performance.now();
    const workers = legCostWorkerCount(loaded.mission, options.legCostWorkers);
    let prepared: PreparedMission | undefined;
    if (workers > 0) {
      // A shared counter needs cross-origin isolation; messages work everywhere.
      const handout = options.legCostHandout === 'messages' ? 'messages' : defaultHandout();
      try {
        prepared = await prepareLegCostsInWorkers(loaded.mission, {
          workers,
          handout,
          spawn: spawnLegCostWorker,
          signal,
          onProgress: (done, total, message) => forward({ stage: 'paths', fraction: total > 0 ? (LEG_COST_SHARE * done) / total : 0, message }),
        });
      } catch (e) {
        if (e instanceof LegCostsCancelled) return { ok: false, problems: [], cancelled: true };
        throw e;
      }
    } else startStatus(0, null);
    const { plan, stats } = await planMissionAsync(
      loaded.mission,
      {
        seed: options.seed,
        timeLimitS: options.timeLimitS,
        iterations: options.iterations,
        slices: options.slices ?? 1,
        signal,
        ...(prepared ? { prepared, startedAtMs: startMs } : {}),
        onProgress: forward,
      },
      yieldToEvents,
    );
    return { ok: true, plan, stats, checks: loaded.checks };
  },

  /** Stop the running search; the running plan() resolves with the best plan found so far. */
  cancel(): void {
    cancelRequested = true;
  },

  /** The leg-cost workers of the last run, and how many are alive now (tests, diagnostics). */
  legCostWorkers(): LegCostWorkerStatus {
    return { ...status };
  },
};

export type PlanWorkerApi = typeof planWorkerApi;

// Only inside a worker: in Node (tests) or on the main thread there is nothing to expose to.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(planWorkerApi);
