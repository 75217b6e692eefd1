/**
 * Re-checking one trip of a plan at another cruise layer (src/core/planner/tripEdit.ts) off the main
 * thread: it builds the mission's airspace and flies the trip's legs with the path finder, which takes a
 * moment on a city-sized mission. Plain data in and out (comlink).
 */
import { expose } from 'comlink';
import { parseMission } from '../core/mission';
import type { Plan } from '../core/planner/plan';
import { type TripEditResult, applyTripEdit, recheckTripAtLayer } from '../core/planner/tripEdit';

export interface TripRecheck {
  result: TripEditResult;
  /** The plan with the edited trip in place, when every check passed. */
  applied: Plan | null;
}

export const tripWorkerApi = {
  recheck(mission: unknown, plan: Plan, tripId: string, altitudeM: number): TripRecheck {
    const loaded = parseMission(mission);
    if (!loaded.ok) return { result: { tripId, droneId: '', altitudeM, ok: false, deliveries: [], conflicts: [], problems: loaded.errors.map((e) => e.message) }, applied: null };
    const result = recheckTripAtLayer(loaded.mission, plan, tripId, altitudeM);
    return { result, applied: result.ok ? applyTripEdit(loaded.mission, plan, result) : null };
  },
};

export type TripWorkerApi = typeof tripWorkerApi;

declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(tripWorkerApi);
