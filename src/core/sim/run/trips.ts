/**
 * A drone's trips on the ground side: picking the next queued task and building its phases,
 * leaving the depot, and landing (trip result, parcels brought back, charge or swap, ferry home).
 */
import { LOADING_S, type Phase, WAIT, mkPhase } from '../phases';
import { S } from '../states';
import type { TripResult } from '../trace';
import { forecastCost } from './costs';
import { nextSimTripId, nextTaskSeq } from './ids';
import { failOrder, flushQueue, requeue } from './orders';
import { emit, placeOf, setPhases, setState } from './record';
import { adhocTripPhases, estimatePhases, idleForever, planTripPhases } from './routes';
import { padOfTrip } from './clearance';
import { expectRoute } from './schedule';
import { nearestPad, padId } from '../../terminal/pads';
import { NO_COLUMN } from '../../separation/rule';
import type { Drone, SimRun } from './types';
import { groundZAt } from '../../terrain/model';

/** Pick the next task and build its phases (ground wait, loading, flight). False: nothing to do. */
export function startNextTrip(run: SimRun, d: Drone, t: number): boolean {
  if (d.outOfService || d.grounded || !d.atDepotId) return false;
  let task = d.queue[0];
  if (!task) return false;
  if (task.fromDepotId !== d.atDepotId) {
    // Stranded at another depot (diverted): fly home empty first.
    task = { tripId: nextSimTripId(run), fromDepotId: d.atDepotId, toDepotId: task.fromDepotId, orderIds: [], earliestS: run.openFrom(task.fromDepotId, t), seq: nextTaskSeq(run) };
  } else d.queue.shift();
  const readyS = Math.max(t, task.earliestS);
  let departS = run.openFrom(task.fromDepotId, readyS);
  if (departS > readyS && task.delayLoggedS !== departS) {
    task.delayLoggedS = departS;
    const until = Number.isFinite(departS) ? `until ${Math.round(departS * 1000) / 1000} s` : 'for the rest of the day';
    emit(run, { tS: t, droneId: d.id, kind: 'takeoff-delayed', tripId: task.tripId, depotId: task.fromDepotId, reason: `depot ${task.fromDepotId} closed at ${Math.round(readyS * 1000) / 1000} s: take-off waits ${until}` });
  }
  if (!Number.isFinite(departS) || departS >= run.dayEndS) {
    // The depot does not open again today (or only after the simulated day ends): nothing queued
    // here can be flown by this drone.
    const reason = Number.isFinite(departS)
      ? `depot ${task.fromDepotId} closed until ${Math.round(departS * 1000) / 1000} s, after the end of the simulated day (${Math.round(run.dayEndS * 1000) / 1000} s)`
      : `depot ${task.fromDepotId} closed for the rest of the day`;
    const tasks = [task, ...d.queue.splice(0)];
    for (const x of tasks) for (const id of x.orderIds) failOrder(run, id, reason, t, d);
    return false;
  }
  // The trip's pad: the plan's; a simulator-made trip leaves from the pad the drone stands on.
  const dep = run.depots.get(task.fromDepotId)!;
  const pad = task.plan ? padOfTrip(run, task.plan) : nearestPad(dep.pads, d.x, d.y);
  d.x = dep.pads[pad].x;
  d.y = dep.pads[pad].y;
  // A plan made without pads takes off where its first waypoint is, in no pad's column.
  let column = padId(dep.index, pad);
  if (task.plan) {
    const w = task.plan.legs[0].waypoints[0];
    const at = run.frame.toLocal([w[0], w[1]]);
    if (Math.hypot(at.x - d.x, at.y - d.y) >= 0.5) {
      d.x = at.x;
      d.y = at.y;
      column = NO_COLUMN;
    }
  }
  // How far behind its plan the trip is before it even leaves; the clearance at take-off settles it.
  const scheduleShiftS = task.plan ? Math.max(0, departS - task.plan.departS) : 0;
  const phases: Phase[] = [];
  if (departS - LOADING_S > t) {
    const idle = mkPhase(WAIT, S.idle, d.x, d.y, 0, 0);
    idle.untilS = departS - LOADING_S;
    phases.push(idle);
  }
  if (departS > t) {
    const loading = mkPhase(WAIT, S.loading, d.x, d.y, 0, 0);
    loading.untilS = departS;
    phases.push(loading);
  }
  const flight = task.plan ? planTripPhases(run, d, task.plan, column) : adhocTripPhases(run, d, task);
  const planTotalWh = estimatePhases(run, d, flight, d.x, d.y, d.z);
  // The planner's reserve for its trips; for the simulator's own: the mission's policy (share or hover time).
  const policyWh = Math.max(d.usableWh * run.reserveFraction, forecastCost(run, d, 0).hover(run.mission.settings.reserve.hoverMinutes * 60).energyWh);
  d.trip = {
    task,
    departed: false,
    reserveWh: task.plan && task.plan.reserveWh > 0 ? task.plan.reserveWh : policyWh,
    planTotalWh,
    planDoneWh: 0,
    reserveHandled: false,
    contingency: false,
    zonesCheckedAtTakeoff: false,
    scheduleShiftS,
    lateS: 0,
    restAtSegmentWh: Number.NaN,
    drawnAtSegmentWh: 0,
    plannedDepartS: task.plan ? task.plan.departS : departS,
    clearedForTakeoff: false,
    result: {
      droneId: d.id,
      tripId: task.tripId,
      departS,
      endS: departS,
      plannedEnergyWh: task.plan?.energyWh ?? 0,
      energyWh: 0,
      distanceM: 0,
      outcome: 'in-flight',
    },
  };
  // A simulator-made trip is scheduled under the forecast and kept clear of the others like a planned one.
  if (!task.plan) expectRoute(run, d, flight, departS);
  setPhases(run, d, [...phases, ...flight], t);
  return true;
}

/** Called when the drone leaves the ground on its trip: the parcels still pending go aboard. */
export function depart(run: SimRun, d: Drone, t: number): void {
  const trip = d.trip!;
  trip.departed = true;
  trip.result.departS = t;
  d.atDepotId = null;
  const aboard: string[] = [];
  for (const id of trip.task.orderIds) {
    const r = run.orderResults.get(id)!;
    if (r.status === 'pending') {
      aboard.push(id);
      r.droneId = d.id;
    }
  }
  d.aboard = aboard;
  run.tripResults.push(trip.result);
}

/** Close the drone's current trip with an outcome (rounded as the trace stores it). */
export function finishTrip(d: Drone, t: number, outcome: TripResult['outcome'], landDepotId?: string): void {
  if (!d.trip) return;
  const r = d.trip.result;
  r.endS = Math.round(t * 1000) / 1000;
  r.outcome = outcome;
  r.energyWh = Math.round(r.energyWh * 1e4) / 1e4;
  r.distanceM = Math.round(r.distanceM * 100) / 100;
  if (landDepotId) r.landDepotId = landDepotId;
  d.trip = null;
}

/** A landing below the final reserve is an incident: log it with what the trip met. */
function reportBelowReserve(run: SimRun, d: Drone, depotId: string, t: number): void {
  const trip = d.trip!;
  const pct = (wh: number) => ((wh / d.usableWh) * 100).toFixed(1);
  const plan = trip.task.plan;
  const planned = plan ? `planned ${plan.energyWh.toFixed(1)} Wh + ${(plan.contingencyWh ?? 0).toFixed(1)} Wh contingency` : 'a simulator-made trip';
  const why = trip.contingency ? '; the planned route was abandoned (reroute, divert or reserve rule)' : '';
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'landed-below-reserve',
    tripId: trip.task.tripId,
    depotId,
    reason: `landed with ${pct(d.energyWh)} % against a final reserve of ${pct(trip.reserveWh)} %: the trip drew ${trip.result.energyWh.toFixed(1)} Wh (${planned})${why}`,
    place: placeOf(run, d),
  });
}

/** Touchdown at depotId: end the trip, re-queue parcels still aboard, then charge (or swap) to full. */
export function land(run: SimRun, d: Drone, depotId: string, t: number): void {
  const planned = d.trip?.task.toDepotId;
  if (d.trip && d.energyWh < d.trip.reserveWh - 1e-6) reportBelowReserve(run, d, depotId, t);
  finishTrip(d, t, depotId === planned ? 'landed' : 'diverted', depotId);
  d.atDepotId = depotId;
  d.z = groundZAt(run.mission, d.x, d.y);
  if (d.aboard.length > 0) requeue(run, d.aboard.splice(0), depotId, `brought back to depot ${depotId} by ${d.id}`, t, d);
  if (d.grounded) {
    setState(run, d, S.idle, t, 'grounded');
    flushQueue(run, d, `drone ${d.id} grounded`, t);
    setPhases(run, d, idleForever(d), t);
    return;
  }
  const depot = run.depots.get(depotId)!.depot;
  const phases: Phase[] = [];
  const missingWh = d.usableWh - d.energyWh;
  if (missingWh > 1e-9) {
    const swap = depot.charging.kind === 'swap';
    const p = mkPhase(WAIT, swap ? S['battery-swap'] : S.charging, d.x, d.y, 0, 0);
    const durationS = depot.charging.kind === 'swap' ? depot.charging.swapS : (missingWh * 3600) / depot.charging.powerW;
    p.untilS = t + durationS;
    p.chargeW = (missingWh * 3600) / durationS;
    p.fullAtEnd = true;
    phases.push(p);
  }
  if (depotId !== d.homeDepotId && d.queue.length === 0) {
    // Stranded away from home: ferry back once home is open again.
    d.queue.push({ tripId: nextSimTripId(run), fromDepotId: depotId, toDepotId: d.homeDepotId, orderIds: [], earliestS: run.openFrom(d.homeDepotId, t), seq: nextTaskSeq(run) });
  }
  setPhases(run, d, phases, t);
}
