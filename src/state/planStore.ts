/**
 * Plan and simulation results, and the job (planner or simulator) running in a worker.
 *
 * The plan and the trace are plain data from the workers; the mission they were made for is kept by
 * identity so the UI can say when the mission was edited afterwards. Unassigned orders of the plan
 * are flagged on the map through the flag sources (src/state/flags.ts).
 *
 * Workers are reached through `WorkerRunners` (src/workers/clients.ts); tests inject fakes with
 * `setWorkerRunners`.
 */
import { create } from 'zustand';
import type { Mission, Problem } from '../core/mission';
import type { Plan, PlanProgress, PlanStats } from '../core/planner';
import type { SimTrace } from '../core/sim/trace';
import type { WeatherOptions } from '../core/sim/weather';
import { CancelledError, type JobHandle, type WorkerRunners, workerRunners } from '../workers/clients';
import { useFlagSources } from './flags';
import { useMissionStore } from './missionStore';
import { usePlaybackStore } from './playbackStore';

export interface PlanRunOptions {
  /** Upper bound on the planning run, s. */
  timeLimitS: number;
  seed: number;
  /** Search iterations; null: the planner's default budget for the mission (the CLI's default too). */
  iterations: number | null;
}

export interface SimRunOptions {
  seed: number;
  /** Forecast wind for this run; null = the mission's own. */
  windSpeedMps: number | null;
  windFromDeg: number | null;
  gustMps: number | null;
  /** The day's wind is exactly the forecast (no drawn forecast error; gusts still drawn). */
  exactForecast: boolean;
}

export interface JobState {
  kind: 'plan' | 'simulate';
  /** 0..1 */
  fraction: number;
  message: string;
  cancelling: boolean;
}

export interface PlanStoreState {
  planOptions: PlanRunOptions;
  simOptions: SimRunOptions;
  job: JobState | null;
  plan: Plan | null;
  planStats: PlanStats | null;
  /** The mission object the plan was made for (identity: an edit makes a new object). */
  planMission: Mission | null;
  trace: SimTrace | null;
  traceWarnings: Problem[];
  /** Why the last plan or simulation was refused or failed. */
  failure: { kind: 'plan' | 'simulate'; problems: Problem[] } | null;
  setPlanOptions(patch: Partial<PlanRunOptions>): void;
  setSimOptions(patch: Partial<SimRunOptions>): void;
  /** Plan the current mission in the worker. Resolves when done (or cancelled). */
  /** Load the planner before the first Plan (the Plan panel calls it when it opens). */
  warmUpPlanner(): void;
  runPlan(): Promise<void>;
  /** Simulate the current plan in the worker. */
  runSimulate(): Promise<void>;
  /** Stop the running job (a plan keeps the best solution found so far). */
  cancel(): void;
  /** Show results made elsewhere (a file, a test, a synthetic trace). */
  setResults(results: { plan?: Plan | null; trace?: SimTrace | null; mission?: Mission | null }): void;
  clearResults(): void;
}

let runners: WorkerRunners = workerRunners;
let running: JobHandle<unknown> | null = null;

/** Replace the worker runners (tests). */
export function setWorkerRunners(r: WorkerRunners): void {
  runners = r;
}

export const DEFAULT_SIM_OPTIONS: SimRunOptions = { seed: 1, windSpeedMps: null, windFromDeg: null, gustMps: null, exactForecast: false };

/** The mission as simulated: the forecast wind replaced where the options say so. */
export function missionForSimulation(mission: Mission, o: SimRunOptions): Mission {
  if (o.windSpeedMps === null && o.windFromDeg === null && o.gustMps === null) return mission;
  return {
    ...mission,
    wind: {
      speedMps: o.windSpeedMps ?? mission.wind.speedMps,
      fromDeg: o.windFromDeg ?? mission.wind.fromDeg,
      gustMps: o.gustMps ?? mission.wind.gustMps,
    },
  };
}

export function weatherOptions(o: SimRunOptions): WeatherOptions | undefined {
  return o.exactForecast ? { speedErrorMps: 0, directionErrorDeg: 0 } : undefined;
}

const PLAN_FLAG_SOURCE = 'plan-unassigned';

/** Flag the plan's unassigned orders (with the planner's reason) on the map, or clear the flags. */
function flagUnassigned(plan: Plan | null): void {
  const flags = useFlagSources.getState();
  const unassigned = plan?.orders.filter((o) => o.status === 'unassigned') ?? [];
  if (unassigned.length === 0) {
    if (flags.sources[PLAN_FLAG_SOURCE]) flags.unregister(PLAN_FLAG_SOURCE);
    return;
  }
  const list = unassigned.map((o) => ({
    ref: { kind: 'order' as const, id: o.orderId },
    reason: `not planned (${o.status === 'unassigned' ? o.reason : ''}): ${o.status === 'unassigned' ? o.message : ''}`,
  }));
  // Only orders that still exist in the mission being edited.
  flags.register(PLAN_FLAG_SOURCE, (mission) => {
    const ids = new Set(mission.orders.map((o) => o.id));
    return list.filter((f) => ids.has(f.ref.id));
  });
}

function failureProblem(path: string, e: unknown): Problem[] {
  return [{ path, message: e instanceof Error ? e.message : String(e), severity: 'error' }];
}

export const usePlanStore = create<PlanStoreState>()((set, get) => ({
  planOptions: { timeLimitS: 60, seed: 1, iterations: null },
  simOptions: DEFAULT_SIM_OPTIONS,
  job: null,
  plan: null,
  planStats: null,
  planMission: null,
  trace: null,
  traceWarnings: [],
  failure: null,
  setPlanOptions: (patch) => set((s) => ({ planOptions: { ...s.planOptions, ...patch } })),
  setSimOptions: (patch) => set((s) => ({ simOptions: { ...s.simOptions, ...patch } })),

  warmUpPlanner: () => runners.warmUp?.(),
  runPlan: async () => {
    if (get().job) return;
    const mission = useMissionStore.getState().mission;
    const { timeLimitS, seed, iterations } = get().planOptions;
    set({ job: { kind: 'plan', fraction: 0, message: 'starting the planner', cancelling: false }, failure: null });
    const onProgress = (p: PlanProgress) =>
      set((s) => (s.job?.kind === 'plan' ? { job: { ...s.job, fraction: p.fraction, message: p.message } } : s));
    const handle = runners.plan(mission, { timeLimitS, seed, ...(iterations !== null ? { iterations } : {}) }, onProgress);
    running = handle;
    try {
      const r = await handle.result;
      if (!r.ok) {
        set({ failure: { kind: 'plan', problems: r.problems } });
        return;
      }
      set({ plan: r.plan, planStats: r.stats, planMission: mission, trace: null, traceWarnings: [] });
      usePlaybackStore.getState().loadTrace(null);
      flagUnassigned(r.plan);
    } catch (e) {
      if (!(e instanceof CancelledError)) set({ failure: { kind: 'plan', problems: failureProblem('planner', e) } });
    } finally {
      running = null;
      set({ job: null });
    }
  },

  runSimulate: async () => {
    const { plan, job, simOptions } = get();
    if (job || !plan) return;
    const mission = missionForSimulation(useMissionStore.getState().mission, simOptions);
    set({ job: { kind: 'simulate', fraction: 0, message: 'starting the simulator', cancelling: false }, failure: null });
    const onProgress = (fraction: number) =>
      set((s) => (s.job?.kind === 'simulate' ? { job: { ...s.job, fraction, message: `simulated ${Math.round(fraction * 100)} %` } } : s));
    const handle = runners.simulate(mission, plan, { seed: simOptions.seed, weather: weatherOptions(simOptions) }, onProgress);
    running = handle;
    try {
      const r = await handle.result;
      if (!r.ok) {
        set({ failure: { kind: 'simulate', problems: r.problems } });
        return;
      }
      set({ trace: r.trace, traceWarnings: r.warnings });
      usePlaybackStore.getState().loadTrace(r.trace);
    } catch (e) {
      if (!(e instanceof CancelledError)) set({ failure: { kind: 'simulate', problems: failureProblem('simulator', e) } });
    } finally {
      running = null;
      set({ job: null });
    }
  },

  cancel: () => {
    const job = get().job;
    if (!job || !running) return;
    set({ job: { ...job, cancelling: true, message: job.kind === 'plan' ? 'stopping: keeping the best plan so far' : 'stopping' } });
    running.cancel();
  },

  setResults: ({ plan, trace, mission }) => {
    const patch: Partial<PlanStoreState> = { failure: null };
    if (plan !== undefined) {
      patch.plan = plan;
      patch.planStats = null;
      patch.planMission = mission ?? useMissionStore.getState().mission;
      flagUnassigned(plan);
    }
    if (trace !== undefined) {
      patch.trace = trace;
      patch.traceWarnings = [];
    }
    set(patch);
    if (trace !== undefined) usePlaybackStore.getState().loadTrace(trace);
  },

  clearResults: () => {
    set({ plan: null, planStats: null, planMission: null, trace: null, traceWarnings: [], failure: null });
    flagUnassigned(null);
    usePlaybackStore.getState().loadTrace(null);
  },
}));

// A different mission (opened, new, reset: another name or origin) makes the results meaningless;
// an edit of the same mission keeps them, marked as made for an older version (planMission).
useMissionStore.subscribe((state, prev) => {
  const made = usePlanStore.getState().planMission;
  if (state.mission === prev.mission || !made) return;
  const m = state.mission;
  const same = m.name === made.name && m.origin[0] === made.origin[0] && m.origin[1] === made.origin[1];
  if (!same && !usePlanStore.getState().job) usePlanStore.getState().clearResults();
});
