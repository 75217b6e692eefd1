/**
 * The trip the dispatcher is looking at (trip panel), and its edit: the trip flown at another cruise
 * layer, re-checked by the planner's exact trip builder (src/core/planner/tripEdit.ts, in a worker),
 * then applied to the plan when every check passed. Applying changes the plan, so the simulation made
 * from the old plan is dropped.
 */
import { create } from 'zustand';
import { type Remote, wrap } from 'comlink';
import type { Mission } from '../core/mission';
import type { Plan } from '../core/planner/plan';
import type { TripRecheck, TripWorkerApi } from '../workers/tripWorker';
import { useMissionStore } from './missionStore';
import { usePlanStore } from './planStore';

export interface TripRef {
  droneId: string;
  tripId: string;
}

export type TripEditState =
  | { status: 'idle' }
  | { status: 'checking'; tripId: string; altitudeM: number }
  | { status: 'checked'; result: TripRecheck['result']; applied: Plan | null; plan: Plan; mission: Mission }
  | { status: 'failed'; tripId: string; message: string };

export interface TripState {
  selected: TripRef | null;
  edit: TripEditState;
  selectTrip(ref: TripRef | null): void;
  /** Fly the selected trip at another cruise layer and check it against the plan. */
  recheck(altitudeM: number): Promise<void>;
  /** Put the checked trip into the plan (only after a check that passed, on the same plan and mission). */
  apply(): boolean;
  discardEdit(): void;
}

export type TripRecheckRunner = (mission: Mission, plan: Plan, tripId: string, altitudeM: number) => Promise<TripRecheck>;

let worker: { worker: Worker; api: Remote<TripWorkerApi> } | null = null;

/** In a worker when there are workers; else (tests, Node) on this thread. */
const defaultRunner: TripRecheckRunner = async (mission, plan, tripId, altitudeM) => {
  if (typeof Worker === 'undefined') {
    const { tripWorkerApi } = await import('../workers/tripWorker');
    return tripWorkerApi.recheck(mission, plan, tripId, altitudeM);
  }
  if (!worker) {
    const w = new Worker(new URL('../workers/tripWorker.ts', import.meta.url), { type: 'module' });
    worker = { worker: w, api: wrap<TripWorkerApi>(w) };
  }
  return worker.api.recheck(mission, plan, tripId, altitudeM) as Promise<TripRecheck>;
};

let runner: TripRecheckRunner = defaultRunner;

/** Replace the re-check runner (tests). */
export function setTripRecheckRunner(r: TripRecheckRunner | null): void {
  runner = r ?? defaultRunner;
}

/** The plan's trip by id, with its drone. */
export function findTrip(plan: Plan | null, tripId: string): { droneId: string; trip: Plan['drones'][number]['trips'][number] } | undefined {
  for (const d of plan?.drones ?? []) {
    const trip = d.trips.find((t) => t.tripId === tripId);
    if (trip) return { droneId: d.droneId, trip };
  }
  return undefined;
}

export const useTripStore = create<TripState>()((set, get) => ({
  selected: null,
  edit: { status: 'idle' },
  selectTrip: (selected) => set({ selected, edit: { status: 'idle' } }),
  discardEdit: () => set({ edit: { status: 'idle' } }),
  recheck: async (altitudeM) => {
    const sel = get().selected;
    const { plan, planMission } = usePlanStore.getState();
    const mission = useMissionStore.getState().mission;
    if (!sel || !plan || planMission !== mission) return;
    set({ edit: { status: 'checking', tripId: sel.tripId, altitudeM } });
    try {
      const { result, applied } = await runner(mission, plan, sel.tripId, altitudeM);
      // Only if nothing moved meanwhile (another trip picked, a new plan, an edit).
      const e = get().edit;
      if (e.status !== 'checking' || e.tripId !== sel.tripId || e.altitudeM !== altitudeM) return;
      if (usePlanStore.getState().plan !== plan || useMissionStore.getState().mission !== mission) return set({ edit: { status: 'idle' } });
      set({ edit: { status: 'checked', result, applied, plan, mission } });
    } catch (err) {
      set({ edit: { status: 'failed', tripId: sel.tripId, message: err instanceof Error ? err.message : String(err) } });
    }
  },
  apply: () => {
    const e = get().edit;
    const { plan } = usePlanStore.getState();
    const mission = useMissionStore.getState().mission;
    if (e.status !== 'checked' || !e.result.ok || !e.applied || e.plan !== plan || e.mission !== mission) return false;
    usePlanStore.getState().setResults({ plan: e.applied, trace: null, mission });
    set({ edit: { status: 'idle' } });
    return true;
  },
}));

// A new plan (or none) closes an edit, and the panel when its trip is gone.
usePlanStore.subscribe((s, prev) => {
  if (s.plan === prev.plan) return;
  const { selected } = useTripStore.getState();
  const stillThere = selected && findTrip(s.plan, selected.tripId);
  useTripStore.setState({ edit: { status: 'idle' }, ...(stillThere ? {} : { selected: null }) });
});
