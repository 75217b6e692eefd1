/**
 * Clearance: the simulator's tactical rules for keeping the planned separation when the day runs
 * behind the plan. Every planned trip's EXPECTED 4D trajectory (the plan's, shifted by how late the
 * trip is) is kept in the planner's own separation index: same geometry, same rule, same candidate
 * delays. Before a take-off the trip's schedule must be clear of every other trip as now expected,
 * else the take-off waits for the first clear slot (resequencing); before the final approach a late
 * drone checks the rest of its trip the same way and holds where it is until it is clear. A drone seen
 * to run late in flight updates its expectation, so the next take-off or approach accounts for it.
 */
import type { Plan, Trip } from '../../planner/plan';
import { SeparationIndex, type Trajectory, type TrajectoryPoint, clipTrajectory, makeTrajectory, shiftTrajectory } from '../../separation/trajectory';
import { tripTrajectory } from '../../terminal/padBook';
import { planningMinima } from '../../separation/rule';
import { nearestPad, padId } from '../../terminal/pads';
import type { Clearance, SimRun } from './types';

export type { Clearance } from './types';

/** Holds tried before an approach, s (short first: a few seconds untangle most meetings). */
export const APPROACH_HOLDS_S: readonly number[] = [5, 10, 15, 20, 30, 45, 60, 90, 120, 180];
/** A change in a trip's lateness smaller than this does not update its expectation, s. */
const SHIFT_STEP_S = 0.5;


/** The pad a planned trip uses: its `pad`, or (older plans) the pad nearest its first waypoint. */
export function padOfTrip(run: Pick<SimRun, 'depots' | 'frame'>, trip: Trip): number {
  const dep = run.depots.get(trip.depotId)!;
  if (trip.pad !== undefined && trip.pad < dep.pads.length) return trip.pad;
  const w = trip.legs[0].waypoints[0];
  const p = run.frame.toLocal([w[0], w[1]]);
  return nearestPad(dep.pads, p.x, p.y);
}

export function emptyClearance(run: Pick<SimRun, 'mission'>): Clearance {
  return { index: new SeparationIndex(planningMinima(run.mission.settings.separation)), planned: new Map(), entry: new Map(), lateSlots: new Set() };
}

export function buildClearance(run: SimRun, plan: Pick<Plan, 'drones'>): Clearance {
  const c = emptyClearance(run);
  for (const dp of plan.drones) for (const trip of dp.trips) expectPlannedTrip(run, c, trip);
  return c;
}

/** A planned trip is expected to fly as planned (until it is seen to run late). */
export function expectPlannedTrip(run: Pick<SimRun, 'depots' | 'frame'>, c: Clearance, trip: Trip): void {
  const pts: TrajectoryPoint[] = [];
  for (const leg of trip.legs) {
    for (const w of leg.waypoints) {
      const p = run.frame.toLocal([w[0], w[1]]);
      pts.push({ t: w[3], x: p.x, y: p.y, z: w[2] });
    }
  }
  const dep = run.depots.get(trip.depotId)!;
  const pad = padOfTrip(run, trip);
  const tr = tripTrajectory(pts, dep.pads[pad], padId(dep.index, pad));
  c.planned.set(trip.tripId, tr);
  c.entry.set(trip.tripId, { slot: c.index.add(tr), shiftS: 0 });
}

/** A route the simulator made (a re-queued delivery, a ferry, a divert) is expected to fly this way. */
export function setExpectation(run: SimRun, tripId: string, tr: Trajectory): void {
  dropExpectation(run, tripId);
  const { index, planned, entry } = run.clearance;
  planned.set(tripId, tr);
  entry.set(tripId, { slot: index.add(tr), shiftS: 0 });
}

/** The trip is now expected to fly shiftS behind its plan (late take-off, running late, a hold). */
export function expectShift(run: SimRun, tripId: string, shiftS: number): void {
  const { index, planned, entry } = run.clearance;
  const e = entry.get(tripId);
  const tr = planned.get(tripId);
  if (!e || !tr || Math.abs(e.shiftS - shiftS) < SHIFT_STEP_S) return;
  index.remove(e.slot);
  run.clearance.lateSlots.delete(e.slot);
  const slot = index.add(shiftTrajectory(tr, shiftS));
  entry.set(tripId, { slot, shiftS });
  if (shiftS > 0) run.clearance.lateSlots.add(slot);
}

/** The trip will not fly (any more) as planned: nobody needs to keep clear of it. */
export function dropExpectation(run: SimRun, tripId: string): void {
  const e = run.clearance.entry.get(tripId);
  if (!e) return;
  run.clearance.index.remove(e.slot);
  run.clearance.lateSlots.delete(e.slot);
  run.clearance.entry.delete(tripId);
}

/**
 * A late trip's expectation is a prediction: times may be off by a few seconds either way. A
 * trajectory is clear when it meets nobody as expected and, against any trip off its plan (or when
 * it is off its own), nobody TIMING_MARGIN_S earlier or later either.
 */
const TIMING_MARGIN_S = 8;

function isClear(run: SimRun, tr: Trajectory, self: number, selfLate: boolean): boolean {
  const { index, lateSlots: late } = run.clearance;
  if (index.conflicts(tr, true, self).length > 0) return false;
  for (const dt of [-TIMING_MARGIN_S, TIMING_MARGIN_S]) {
    for (const hit of index.conflicts(shiftTrajectory(tr, dt), false, self)) if (selfLate || late.has(hit.id)) return false;
  }
  return true;
}

/**
 * The first of the candidate extra delays after which the rest of the trip (from now on), flown
 * shiftS + extra behind its plan, conflicts with no other trip as expected; undefined when none does.
 */
export function firstClearDelay(run: SimRun, tripId: string, shiftS: number, now: number, candidates: readonly number[]): number | undefined {
  const { planned, entry } = run.clearance;
  const tr = planned.get(tripId);
  const e = entry.get(tripId);
  if (!tr || !e) return 0;
  for (const extra of candidates) {
    const rest = clipTrajectory(shiftTrajectory(tr, shiftS + extra), now);
    if (isClear(run, rest, e.slot, shiftS + extra > 0)) return extra;
  }
  return undefined;
}

/**
 * The first of the candidate holds after which a drone holding at pos from now on, then flying the
 * rest of its planned trip (from the planned time planFromS on) that much later, conflicts with no
 * other trip as expected; undefined when none does. The hold itself is part of what is checked.
 */
export function firstClearHold(run: SimRun, tripId: string, now: number, pos: { x: number; y: number; z: number }, planFromS: number, candidates: readonly number[]): number | undefined {
  const { planned, entry } = run.clearance;
  const tr = planned.get(tripId);
  const e = entry.get(tripId);
  if (!tr || !e) return 0;
  const rest = clipTrajectory(tr, planFromS);
  for (const hold of candidates) {
    const shift = now + hold - planFromS;
    const pts: TrajectoryPoint[] = [{ t: now, ...pos }];
    if (hold > 0) pts.push({ t: now + hold, ...pos });
    for (let i = 0; i < rest.t.length; i++) {
      // The point where the rest starts is where the drone is (to the centimetre the phase ended at).
      if (i === 0) pts[pts.length - 1].col = rest.col[0];
      else pts.push({ t: rest.t[i] + shift, x: rest.x[i], y: rest.y[i], z: rest.z[i], col: rest.col[i] });
    }
    if (isClear(run, makeTrajectory(pts), e.slot, now - planFromS > SHIFT_STEP_S)) return hold;
  }
  return undefined;
}
