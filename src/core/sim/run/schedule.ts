/**
 * Keeping the plan's schedule on a day that is not the forecast: a planned trip's phases end at
 * planned times (the phase runner paces cruise to them); these rules keep the separation when the
 * trip runs behind anyway, through the clearance index (./clearance.ts):
 * - take-off: the trip's schedule, shifted by how late it leaves, must be clear of every other trip
 *   as now expected; else it waits on the ground for the first clear slot (resequenced);
 * - approach: before its way home a late drone checks the rest of its trip and holds where it is
 *   until it is clear, if its battery allows the hold with the final reserve intact;
 * - in flight: lateness seen at the end of each planned phase updates the trip's expectation.
 */
import { DEPARTURE_DELAYS_S } from '../../planner/constants';
import { HOVER, type Phase, WAIT, mkPhase } from '../phases';
import { S } from '../states';
import { makeTrajectory } from '../../separation/trajectory';
import { APPROACH_HOLDS_S, expectShift, firstClearDelay, setExpectation } from './clearance';
import { scheduleRoute } from './routes';
import { forecastCost } from './costs';
import { emit, placeOf } from './record';
import type { Drone, SimRun } from './types';

const fmtS = (s: number) => String(Math.round(s * 10) / 10);

/** Before a planned trip leaves the ground. True: a wait was put in front (the take-off is later). */
export function holdForTakeoffClearance(run: SimRun, d: Drone, t: number): boolean {
  const trip = d.trip;
  if (!trip) return false;
  const shiftS = Math.max(0, t - trip.plannedDepartS);
  const extra = run.tactical ? (firstClearDelay(run, trip.task.tripId, shiftS, t, DEPARTURE_DELAYS_S) ?? 0) : 0;
  trip.scheduleShiftS = shiftS + extra;
  expectShift(run, trip.task.tripId, trip.scheduleShiftS);
  if (extra <= 0) {
    run.groundWaitS += shiftS;
    return false;
  }
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'takeoff-resequenced',
    tripId: trip.task.tripId,
    depotId: trip.task.fromDepotId,
    reason: `leaving ${fmtS(shiftS)} s after its slot would meet other traffic; the next clear slot is ${fmtS(shiftS + extra)} s after it`,
  });
  const wait = mkPhase(WAIT, S.loading, d.x, d.y, 0, 0);
  wait.untilS = t + extra;
  d.phases.splice(d.pi, 0, wait);
  return true;
}

/** Before the way home of a planned trip. True: a hold was put in front. */
export function holdForApproachClearance(run: SimRun, d: Drone, ph: Phase, t: number): boolean {
  const trip = d.trip;
  if (!run.tactical || !ph.approach || !trip || !trip.task.plan || trip.contingency) return false;
  const shiftS = trip.scheduleShiftS + Math.max(0, trip.lateS);
  const hold = firstClearDelay(run, trip.task.tripId, shiftS, t, [0, ...APPROACH_HOLDS_S]);
  ph.approach = false; // checked once
  if (hold === undefined || hold <= 0) return false;
  // Only with the final reserve intact after the hold and the rest of the trip as planned.
  const holdWh = forecastCost(run, d, ph.payloadKg).hover(hold).energyWh;
  if (d.energyWh - holdWh - ph.planWh - ph.planAfterWh < trip.reserveWh) return false;
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'hold',
    tripId: trip.task.tripId,
    reason: `holds ${hold} s before its way home: running ${fmtS(shiftS - trip.scheduleShiftS)} s late, its planned route would meet other traffic`,
    place: placeOf(run, d),
  });
  run.holdS += hold;
  trip.scheduleShiftS = shiftS + hold;
  trip.lateS = 0;
  expectShift(run, trip.task.tripId, trip.scheduleShiftS);
  const wait = mkPhase(HOVER, S.holding, d.x, d.y, d.z, ph.payloadKg);
  wait.untilS = hold;
  d.phases.splice(d.pi, 0, wait);
  return true;
}

/** A planned phase ended at t: how late is the trip now? Update its expectation. */
export function noteScheduleProgress(run: SimRun, d: Drone, ph: Phase, t: number): void {
  const trip = d.trip;
  if (!trip || !Number.isFinite(ph.planEndS)) return;
  trip.lateS = t - (ph.planEndS + trip.scheduleShiftS);
  expectShift(run, trip.task.tripId, trip.scheduleShiftS + Math.max(0, trip.lateS));
}

/**
 * The drone's trip now flies a route the simulator made, from where it is at t (a re-queued delivery,
 * a detour, a divert): schedule it under the forecast so it is paced like a planned trip, and make
 * it the trip's expectation, so the others' take-offs and approaches keep clear of it.
 */
export function expectRoute(run: SimRun, d: Drone, phases: Phase[], t: number): void {
  const trip = d.trip;
  if (!trip) return;
  const pts = scheduleRoute(run, d, phases, d.x, d.y, d.z, t);
  trip.scheduleShiftS = 0;
  trip.lateS = 0;
  if (!trip.departed) trip.plannedDepartS = t;
  setExpectation(run, trip.task.tripId, makeTrajectory(pts));
}
