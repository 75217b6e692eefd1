/**
 * The live day's side of the simulator: trips handed over while the clock runs, and what the
 * dispatcher can know of a drone (when it will be free again).
 */
import type { Trip } from '../../planner/plan';
import { WAIT } from '../phases';
import { expectPlannedTrip } from './clearance';
import { nextTaskSeq } from './ids';
import { enqueue } from './orders';
import type { Drone, SimRun, Task } from './types';

/** A planned trip joins the drone's queue (and the clearance's expectations) at time t. */
export function queuePlannedTrip(run: SimRun, d: Drone, trip: Trip, t: number): void {
  expectPlannedTrip(run, run.clearance, trip);
  enqueue(run, d, plannedTask(run, trip), t);
}

/** The task that flies a planned trip (leaves at the plan's take-off time). */
export function plannedTask(run: SimRun, trip: Trip): Task {
  return {
    tripId: trip.tripId,
    plan: trip,
    fromDepotId: trip.depotId,
    toDepotId: trip.landDepotId,
    orderIds: [...trip.orderIds],
    earliestS: trip.departS,
    seq: nextTaskSeq(run),
  };
}

/**
 * When the drone is expected free at home with a full battery, seen at time t: the battery-ready time
 * of the last trip it was given, as late as its current trip runs; else the end of its recharge or
 * swap on the ground; else now.
 */
export function expectedFreeS(d: Drone, t: number): number {
  const last = d.queue.length > 0 ? d.queue[d.queue.length - 1].plan : d.trip?.task.plan;
  const lateS = d.trip ? d.trip.scheduleShiftS + Math.max(0, d.trip.lateS) : 0;
  if (last && (d.queue.length > 0 || d.trip)) return Math.max(t, last.readyS + lateS);
  const ph = d.phases[d.phaseIndex];
  if (d.atDepotId !== null && ph && ph.kind === WAIT && Number.isFinite(ph.untilS)) return Math.max(t, ph.untilS);
  // Flying a route the simulator made (a ferry, a divert): no plan says when; assume a recharge after it.
  if (d.atDepotId === null) return t + 1800;
  return t;
}
