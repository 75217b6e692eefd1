/**
 * Take-off clearance: the simulator's contingency for a drone that is not ready at its planned slot.
 * Every planned trip's expected 4D trajectory is kept in the planner's own separation index (same
 * geometry, same rule, same candidate delays); a late take-off flies its planned schedule shifted by
 * the delay, and is given the first later slot whose shifted trajectory conflicts with no other trip
 * as now expected.
 */
import { DEPARTURE_DELAYS_S } from '../../planner/constants';
import type { Plan, Trip } from '../../planner/plan';
import { SeparationIndex, type TrajectoryPoint, shiftTrajectory } from '../../separation/trajectory';
import { tripTrajectory } from '../../terminal/padBook';
import { nearestPad, padId } from '../../terminal/pads';
import type { SimRun } from './types';

export interface Clearance {
  index: SeparationIndex;
  /** tripId -> its entry in the index. */
  slotOfTrip: Map<string, number>;
}

/** The pad a planned trip uses: its `pad`, or (older plans) the pad nearest its first waypoint. */
export function padOfTrip(run: Pick<SimRun, 'depots' | 'frame'>, trip: Trip): number {
  const dep = run.depots.get(trip.depotId)!;
  if (trip.pad !== undefined && trip.pad < dep.pads.length) return trip.pad;
  const w = trip.legs[0].waypoints[0];
  const p = run.frame.toLocal([w[0], w[1]]);
  return nearestPad(dep.pads, p.x, p.y);
}

export function buildClearance(run: SimRun, plan: Plan): Clearance {
  const index = new SeparationIndex(run.mission.settings.separation);
  const slotOfTrip = new Map<string, number>();
  for (const dp of plan.drones) {
    for (const trip of dp.trips) {
      const pts: TrajectoryPoint[] = [];
      for (const leg of trip.legs) {
        for (const w of leg.waypoints) {
          const p = run.frame.toLocal([w[0], w[1]]);
          pts.push({ t: w[3], x: p.x, y: p.y, z: w[2] });
        }
      }
      const dep = run.depots.get(trip.depotId)!;
      const pad = padOfTrip(run, trip);
      slotOfTrip.set(trip.tripId, index.add(tripTrajectory(pts, dep.pads[pad], padId(dep.index, pad))));
    }
  }
  return { index, slotOfTrip };
}

/**
 * A planned trip takes off lateS after its slot: the extra delay (from the planner's list of take-off
 * delays) after which its shifted schedule is clear of every other trip; 0 when none up to the
 * longest is clear (the trip then goes with its own delay and the monitor will tell).
 */
export function clearLateTakeoff(run: SimRun, tripId: string, lateS: number): number {
  const { index, slotOfTrip } = run.clearance;
  const slot = slotOfTrip.get(tripId);
  if (slot === undefined) return 0;
  const planned = index.items[slot];
  for (const extra of DEPARTURE_DELAYS_S) {
    const shifted = shiftTrajectory(planned, lateS + extra);
    if (index.conflicts(shifted, true, slot).length > 0) continue;
    index.remove(slot);
    slotOfTrip.set(tripId, index.add(shifted));
    return extra;
  }
  return 0;
}
