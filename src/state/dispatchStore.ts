/**
 * The Dispatch tab's state: the run options, the live-dispatched day running in its worker (progress,
 * cancel), and the results: the chosen policy's day becomes the current replay through the plan
 * store (the same path as plan + simulate, so every replay control works on it), and the key figures
 * of every run (chosen policy, and with `compare` the other policy and the hindsight bound) are kept
 * here for the comparison table.
 *
 * The worker is reached through a `DispatchRunner`; tests inject a fake with `setDispatchRunner`.
 * Cancel terminates the worker at once: the mission and the earlier results stay as they were.
 */
import { type Remote, proxy, wrap } from 'comlink';
import { create } from 'zustand';
import type { Mission, Problem } from '../core/mission';
import type { SimTrace } from '../core/sim/trace';
import { CancelledError, type JobHandle } from '../workers/clients';
import type { DispatchRunSummary, DispatchWorkerApi, DispatchWorkerOptions, DispatchWorkerResult } from '../workers/dispatchWorker';
import { useMissionStore } from './missionStore';
import { usePlanStore } from './planStore';

export type DispatchForm = DispatchWorkerOptions;

export const DEFAULT_DISPATCH_FORM: DispatchForm = { policy: 'rolling', replanEveryS: 120, seed: 1, compare: true };
/** Bounds of the re-plan interval the form accepts, seconds. */
export const MIN_REPLAN_S = 10;
export const MAX_REPLAN_S = 3600;

export interface DispatchJob {
  /** 0..1 */
  fraction: number;
  message: string;
  cancelling: boolean;
}

export interface DispatchResults {
  options: DispatchWorkerOptions;
  /** The chosen policy first, then (compare) the other policy and hindsight. */
  runs: DispatchRunSummary[];
  mapSeconds: number;
  /** Wall-clock seconds from Run to the results. */
  seconds: number;
  /** The mission the day was dispatched for (identity: an edit makes a new object). */
  mission: Mission;
  /** The chosen policy's trace (the replay shows it while the plan store still holds this object). */
  trace: SimTrace;
}

export type DispatchRunner = (mission: Mission, options: DispatchWorkerOptions, onProgress: (fraction: number, message: string) => void) => JobHandle<DispatchWorkerResult>;

export interface DispatchState {
  form: DispatchForm;
  job: DispatchJob | null;
  results: DispatchResults | null;
  /** Why the last run was refused or failed. */
  failure: Problem[] | null;
  /** The last run was cancelled. */
  cancelled: boolean;
  setForm(patch: Partial<DispatchForm>): void;
  /** Dispatch the current mission's day in the worker; resolves when done, failed or cancelled. */
  run(): Promise<void>;
  /** Stop the running day (terminates the worker). */
  cancel(): void;
  clearResults(): void;
}

/** The form with every value inside its bounds (a whole seed, a re-plan interval in range). */
export function normaliseForm(f: DispatchForm): DispatchForm {
  const replan = Number.isFinite(f.replanEveryS) ? f.replanEveryS : DEFAULT_DISPATCH_FORM.replanEveryS;
  const seed = Number.isFinite(f.seed) ? Math.round(f.seed) : DEFAULT_DISPATCH_FORM.seed;
  return {
    policy: f.policy === 'greedy' ? 'greedy' : 'rolling',
    replanEveryS: Math.min(MAX_REPLAN_S, Math.max(MIN_REPLAN_S, Math.round(replan))),
    seed: Math.min(0xffff_ffff, Math.max(0, seed)),
    compare: Boolean(f.compare),
  };
}

/** One worker, created on first use, terminated by Cancel (a new one is made for the next run). */
let slot: { worker: Worker; api: Remote<DispatchWorkerApi> } | null = null;

function killWorker(): void {
  slot?.worker.terminate();
  slot = null;
}

export const workerDispatchRunner: DispatchRunner = (mission, options, onProgress) => {
  if (!slot) {
    const worker = new Worker(new URL('../workers/dispatchWorker.ts', import.meta.url), { type: 'module' });
    slot = { worker, api: wrap<DispatchWorkerApi>(worker) };
  }
  const { worker, api } = slot;
  let stop: (e: Error) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // A worker that fails to load or throws outside the call never answers: fail the job instead.
  const onError = (e: ErrorEvent) => {
    killWorker();
    stop(new Error(`the dispatch worker failed: ${e.message || 'it could not be started'}`));
  };
  worker.addEventListener('error', onError);
  const call = api.run(mission, options, proxy(onProgress)) as Promise<DispatchWorkerResult>;
  return {
    result: Promise.race([call, stopped]).finally(() => worker.removeEventListener('error', onError)),
    cancel() {
      killWorker();
      stop(new CancelledError());
    },
  };
};

let runner: DispatchRunner = workerDispatchRunner;
/** The running job; its token is set before the runner starts (progress may come at once). */
let current: { handle: JobHandle<DispatchWorkerResult> | null; token: number; mission: Mission } | null = null;
let nextToken = 1;

/** Replace the worker runner (tests). */
export function setDispatchRunner(r: DispatchRunner): void {
  runner = r;
}

/** Progress updates closer together than this (ms) are not shown (the bar cannot move that fast). */
const PROGRESS_EVERY_MS = 50;

export const useDispatchStore = create<DispatchState>()((set, get) => ({
  form: DEFAULT_DISPATCH_FORM,
  job: null,
  results: null,
  failure: null,
  cancelled: false,
  setForm: (patch) => set((s) => ({ form: normaliseForm({ ...s.form, ...patch }) })),

  run: async () => {
    if (get().job) return;
    const mission = useMissionStore.getState().mission;
    const options = normaliseForm(get().form);
    const token = nextToken++;
    const started = Date.now();
    let lastShown = 0;
    const onProgress = (fraction: number, message: string) => {
      if (current?.token !== token) return;
      const now = Date.now();
      if (fraction < 1 && now - lastShown < PROGRESS_EVERY_MS) return;
      lastShown = now;
      set((s) => (s.job && !s.job.cancelling ? { job: { ...s.job, fraction: Math.max(s.job.fraction, fraction), message } } : s));
    };
    set({ job: { fraction: 0, message: 'starting the dispatcher', cancelling: false }, failure: null, cancelled: false });
    current = { handle: null, token, mission };
    try {
      const handle = runner(mission, options, onProgress);
      current.handle = handle;
      const r = await handle.result;
      if (current?.token !== token) return;
      if (!r.ok) {
        set({ failure: r.problems });
        return;
      }
      set({ results: { options, runs: r.runs, mapSeconds: r.mapSeconds, seconds: (Date.now() - started) / 1000, mission, trace: r.trace } });
      usePlanStore.getState().setResults({ plan: r.plan, trace: r.trace, mission });
    } catch (e) {
      if (current?.token !== token) return;
      if (e instanceof CancelledError) set({ cancelled: true });
      else set({ failure: [{ path: 'dispatch', message: e instanceof Error ? e.message : String(e), severity: 'error' }] });
    } finally {
      if (current?.token === token) {
        current = null;
        set({ job: null });
      }
    }
  },

  cancel: () => {
    const run = current;
    if (!run?.handle) return;
    set((s) => (s.job ? { job: { ...s.job, cancelling: true, message: 'cancelling: stopping the worker' } } : s));
    run.handle.cancel();
  },

  clearResults: () => set({ results: null, failure: null, cancelled: false }),
}));

// A different mission (opened, new, reset: another name or origin) makes the results meaningless and
// stops a running day; an edit of the same mission keeps them, marked as made for an older version.
useMissionStore.subscribe((state, prev) => {
  if (state.mission === prev.mission) return;
  const s = useDispatchStore.getState();
  const made = s.results?.mission ?? null;
  const m = state.mission;
  const differs = (x: Mission) => m.name !== x.name || m.origin[0] !== x.origin[0] || m.origin[1] !== x.origin[1];
  if (s.job && current && differs(current.mission)) s.cancel();
  if (made && differs(made)) s.clearResults();
});
