/**
 * The leg-cost stage of `skyhaul plan` (and `simulate` without --plan) spread over threads: the jobs
 * of src/core/planner/legCostJobs.ts (one per drone model and cruise layer) run in this thread and on
 * `threads - 1` worker threads of the CLI's pool, the results merge into the same arc bounds planMission
 * computes, and the planner then runs with them (`prepared`).
 *
 * The plan does not depend on the number of threads: whether the jobs path is taken depends on the
 * mission only (MIN_THREADED_WORK), each job's result is a function of the mission, and the planner
 * reuses this thread's context whatever it computed: a path search takes the same steps whatever
 * graph edges earlier searches in its layer found or tested (src/core/paths/search.ts).
 *
 * Workers take jobs only once started (each loads the planner through tsx and rebuilds the mission's
 * context, a second or more): this thread computes jobs meanwhile, so no job waits for a worker to
 * start, and a worker that starts after every job is taken is not waited for. Jobs are claimed from a
 * shared counter (Atomics), not handed out by this thread, which is busy computing its own.
 */
import { availableParallelism } from 'node:os';
import type { Mission } from '../../core/mission/schema';
import type { LayerCosts, LegCostMode } from '../../core/planner/arcs';
import { LEG_COST_SHARE, LegCostWorkspace, MIN_THREADED_WORK, claimJob, jobDone, jobsDone, legCostClaim, legCostProgressText, legCostWork, mergeLegCosts, setJobCount } from '../../core/planner/legCostJobs';
import { type PlanOptions, type PlanOutput, type PreparedMission, planMission } from '../../core/planner/planMission';
import { UsageError } from '../command';
import { createPoolExecutor } from './pool';

// The threshold, the stage's share of the bar and the run's clock are the core's (the app's planner uses them too).
export { LEG_COST_SHARE, MIN_THREADED_WORK };

/** The threshold in force: MIN_THREADED_WORK, or SKYHAUL_LEG_COST_MIN_WORK from the environment (tests, measurements). */
function minThreadedWork(): number {
  const v = Number(process.env.SKYHAUL_LEG_COST_MIN_WORK);
  return process.env.SKYHAUL_LEG_COST_MIN_WORK !== undefined && Number.isFinite(v) && v >= 0 ? v : MIN_THREADED_WORK;
}

/** `--threads N`: a whole number >= 1; absent: one per core. */
export function threadsFlag(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--threads must be a whole number >= 1 (got "${text}")`);
  return v;
}

export const THREADS_USAGE = [
  '  --threads:    threads for the 3D leg costs (default: one per core; 1: all in this thread), on days large',
  '                enough to pay for starting them; the plan is the same whatever the number',
];

export interface LegCostThreads {
  /** Threads computing jobs, this one included (so threads - 1 workers). */
  threads: number;
  legCosts?: LegCostMode;
  /** Progress of the stage: jobs done out of total, and a message. */
  onProgress?: (done: number, total: number, message: string) => void;
  /** Override of MIN_THREADED_WORK (tests, measurements). */
  minWork?: number;
  /** False: this thread claims no job, the workers compute them all (tests). Default true. */
  inThisThread?: boolean;
}

let runs = 0;

/**
 * The mission's arc bounds through the leg-cost jobs, on `threads` threads; undefined when the mission
 * is too small for them (the caller then plans with planMission's own leg costs, as before).
 */
export async function prepareLegCosts(mission: Mission, opts: LegCostThreads): Promise<PreparedMission | undefined> {
  if (legCostWork(mission) < (opts.minWork ?? minThreadedWork())) return undefined;
  const mode = opts.legCosts ?? 'auto';
  // The workers start (tsx, the planner, the mission's context) while this thread builds its workspace.
  const pool = opts.threads > 1 ? createPoolExecutor({ workers: opts.threads - 1 }) : undefined;
  const key = `${process.pid}:${++runs}`;
  const started = performance.now();
  // Shared with the workers: a job goes to whoever is free first.
  const claim = legCostClaim();
  // Each worker's share, settled (a worker still starting when this thread has done every job is not waited for).
  const workers = pool
    ? Array.from({ length: pool.workers }, () => pool.legCosts({ key, mission, legCosts: mode, claim }).then((share) => ({ share }), (error: unknown) => ({ error })))
    : [];
  let tick: ReturnType<typeof setInterval> | undefined;
  try {
    if (pool) await new Promise((resolve) => setImmediate(resolve)); // the pool starts its threads and sends the tasks
    const ws = new LegCostWorkspace(mission, mode);
    const jobs = ws.jobs;
    setJobCount(claim, jobs.length);
    const results: (LayerCosts | undefined)[] = jobs.map(() => undefined);
    const message = () => legCostProgressText(jobsDone(claim), jobs.length, opts.threads, (performance.now() - started) / 1000);
    const claimHere = (c: Int32Array) => (opts.inThisThread === false && pool ? jobs.length : claimJob(c));
    const report = () => opts.onProgress?.(jobsDone(claim), jobs.length, message());
    report();
    tick = setInterval(report, 1000);
    for (let k = claimHere(claim); k < jobs.length; k = claimHere(claim)) {
      results[k] = ws.run(jobs[k]);
      jobDone(claim);
      report();
      await new Promise((resolve) => setImmediate(resolve)); // let the bar's tick in
    }
    const ctx = ws.ctx;
    if (results.some((r) => r === undefined)) {
      for (const w of await Promise.all(workers)) {
        if ('error' in w) throw w.error;
        for (const r of w.share) results[r.job] = r.costs;
      }
    }
    return { ctx, arcsByModel: mergeLegCosts(ctx, mode, jobs, results) };
  } finally {
    if (tick) clearInterval(tick);
    await pool?.close();
  }
}

/**
 * planMission with its leg costs on `threads` worker threads when the day is large enough (else all in
 * this thread, as before): the same plan either way. `onProgress` sees the whole run's fraction (0..1)
 * moving forward, the leg-cost stage included; the time limit bounds the whole run.
 */
export async function planOnThreads(
  mission: Mission,
  opts: Omit<PlanOptions, 'prepared' | 'clock' | 'onProgress'> & { threads: number; minWork?: number; onProgress?: (fraction: number, message: string) => void },
): Promise<PlanOutput> {
  const { threads, minWork, onProgress, ...options } = opts;
  const startMs = performance.now();
  const prepared = await prepareLegCosts(mission, {
    threads,
    legCosts: options.legCosts,
    minWork,
    onProgress: (done, total, message) => onProgress?.((LEG_COST_SHARE * done) / total, message),
  });
  return planMission(mission, {
    ...options,
    ...(prepared ? { prepared, startedAtMs: startMs } : {}),
    onProgress: (p) => onProgress?.(p.fraction, p.message),
  });
}
