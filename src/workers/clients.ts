/**
 * The app's side of the planner and simulator workers: start a job, get its progress, cancel it.
 * One long-lived worker per kind, created on first use. A cancelled plan still resolves with the best
 * plan found so far (the planner stops searching); if the worker does not answer within
 * HARD_CANCEL_MS it is terminated and the job rejects with a CancelledError.
 */
import { type Remote, proxy, wrap } from 'comlink';
import type { Mission } from '../core/mission';
import type { Plan, PlanProgress } from '../core/planner';
import type { LegCostWorkerStatus, PlanWorkerApi, PlanWorkerOptions, PlanWorkerResult } from './planWorker';
import type { SimWorkerApi, SimWorkerOptions, SimWorkerResult } from './simWorker';

export interface JobHandle<T> {
  result: Promise<T>;
  /** Ask the job to stop (a plan then resolves with its best plan so far). */
  cancel(): void;
}

export interface WorkerRunners {
  plan(mission: Mission, options: PlanWorkerOptions, onProgress: (p: PlanProgress) => void): JobHandle<PlanWorkerResult>;
  simulate(mission: Mission, plan: Plan, options: SimWorkerOptions, onProgress: (fraction: number) => void): JobHandle<SimWorkerResult>;
  /** Load the planner ahead of the first plan (optional: test runners have nothing to load). */
  warmUp?(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

const HARD_CANCEL_MS = 4000;

interface Slot<T> {
  worker: Worker;
  api: Remote<T>;
}

function makeSlot<T>(create: () => Worker): { get(): Slot<T>; peek(): Slot<T> | null; kill(): void } {
  let slot: Slot<T> | null = null;
  return {
    peek: () => slot,
    get() {
      if (!slot) {
        const worker = create();
        slot = { worker, api: wrap<T>(worker) };
      }
      return slot;
    },
    kill() {
      slot?.worker.terminate();
      slot = null;
    },
  };
}

const planSlot = makeSlot<PlanWorkerApi>(() => new Worker(new URL('./planWorker.ts', import.meta.url), { type: 'module' }));
const simSlot = makeSlot<SimWorkerApi>(() => new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' }));

type PlannerThreads = Pick<PlanWorkerOptions, 'legCostWorkers' | 'legCostHandout'>;

/** The planner's leg-cost workers: the worker's defaults, or `?legCostWorkers=N&legCostHandout=messages` in the URL. */
const plannerThreads: PlannerThreads = (() => {
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  const out: PlannerThreads = {};
  const n = Number(params.get('legCostWorkers') ?? Number.NaN);
  if (Number.isInteger(n) && n >= 0) out.legCostWorkers = n;
  const handout = params.get('legCostHandout');
  if (handout === 'shared' || handout === 'messages') out.legCostHandout = handout;
  return out;
})();

/** Set (or with undefined, reset) the planner's leg-cost workers for the next plans (tests, measurements). */
export function setPlannerThreads(patch: PlannerThreads): void {
  Object.assign(plannerThreads, patch);
}

/** The plan worker's leg-cost workers (last run, alive now), or null when it is not running. */
export async function plannerThreadStatus(): Promise<LegCostWorkerStatus | null> {
  const slot = planSlot.peek();
  return slot ? ((await slot.api.legCostWorkers()) as LegCostWorkerStatus) : null;
}


/**
 * A flag shared with the worker, when the page is cross-origin isolated (the COOP/COEP headers that
 * vite.config.ts sends make it so); undefined elsewhere, where Cancel falls back to messages.
 */
function sharedCancelFlag(): { buffer: SharedArrayBuffer; view: Int32Array } | undefined {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') return undefined;
  const buffer = new SharedArrayBuffer(4);
  return { buffer, view: new Int32Array(buffer) };
}

/** Race a worker call against a hard cancel that terminates the worker. */
function cancellable<T>(call: Promise<T>, softCancel: () => void, kill: () => void, hardAfterMs = HARD_CANCEL_MS): JobHandle<T> {
  let rejectHard: (e: Error) => void = () => {};
  const hard = new Promise<never>((_, reject) => {
    rejectHard = reject;
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const result = Promise.race([call, hard]).finally(() => clearTimeout(timer));
  return {
    result,
    cancel() {
      softCancel();
      timer ??= setTimeout(() => {
        kill();
        rejectHard(new CancelledError());
      }, hardAfterMs);
    },
  };
}

export const workerRunners: WorkerRunners = {
  // Starting the planner's worker ahead of the first Plan (loading its code takes a moment) makes the
  // first progress report follow the click at once. Harmless to call more than once.
  warmUp() {
    if (typeof Worker !== 'undefined') planSlot.get();
  },
  plan(mission, given, onProgress) {
    const { api } = planSlot.get();
    const options = { ...plannerThreads, ...given };
    // Cancelled before there was any plan (the leg-cost stage): as a hard cancel, without the wait.
    const settle = (call: Promise<PlanWorkerResult>) =>
      call.then((r) => {
        if (!r.ok && r.cancelled) throw new CancelledError();
        return r;
      });
    const flag = sharedCancelFlag();
    if (flag) {
      // The solver polls the shared flag every iteration: Cancel is immediate, so no slicing is needed
      // (each slice costs a neighbour-list rebuild and so search quality).
      const call = settle(api.plan(mission, { ...options, slices: 1, cancelBuffer: flag.buffer }, proxy(onProgress)) as Promise<PlanWorkerResult>);
      return cancellable<PlanWorkerResult>(call, () => Atomics.store(flag.view, 0, 1), planSlot.kill);
    }
    // The soft cancel lands at the solver's next pause (every few hundred iterations, or the end of a
    // slice when slices were asked for): wait that long before terminating.
    const sliceMs = options.slices && options.slices > 1 ? ((options.timeLimitS ?? 10) / options.slices) * 1000 : 0;
    const call = settle(api.plan(mission, options, proxy(onProgress)) as Promise<PlanWorkerResult>);
    return cancellable<PlanWorkerResult>(call, () => void api.cancel(), planSlot.kill, Math.max(HARD_CANCEL_MS, sliceMs + 3000));
  },
  simulate(mission, plan, options, onProgress) {
    const { api } = simSlot.get();
    // The simulator runs to the end in one go (about a second for a big day): cancel = terminate.
    return cancellable<SimWorkerResult>(api.simulate(mission, plan, options, proxy(onProgress)) as Promise<SimWorkerResult>, () => {}, simSlot.kill, 0);
  },
};
