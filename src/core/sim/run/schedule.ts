/**
 * Keeping the plan's schedule on a day that is not the forecast: a planned trip's phases end at
 * planned times (the phase runner paces cruise to them); these rules keep the separation when the
 * trip runs behind anyway, through the clearance index (./clearance.ts):
 * - take-off: the trip's schedule, shifted by how late it leaves, must be clear of every other trip
 *   as now expected; else it waits on the ground for the first clear slot (resequenced);
 * - en route: before each cruise (and its descent onto the pad) a late drone checks the rest of its
 *   trip and holds where it is until it is clear, if its battery allows the hold with the final
 *   reserve intact;
 * - in flight: lateness seen at the end of each planned phase updates the trip's expectation.
 */
import { DEPARTURE_DELAYS_S } from '../../planner/constants';
import { CRUISE, HOVER, type Phase, WAIT, mkPhase } from '../phases';
import { S } from '../states';
import { makeTrajectory } from '../../separation/trajectory';
import { APPROACH_HOLDS_S, expectShift, firstClearDelay, firstClearHold, setExpectation } from './clearance';
import { NO_COLUMN } from '../../separation/rule';
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
  d.phases.splice(d.phaseIndex, 0, wait);
  return true;
}

/**
 * Before an approach (the way home from the last drop, the descent onto the pad): when the rest of the
 * trip as the drone would now fly it meets other traffic, hold where it is for the first hold that
 * clears it, if the battery allows the hold with the final reserve intact. True: a hold was put in front.
 */
export function holdForApproachClearance(run: SimRun, d: Drone, ph: Phase, t: number): boolean {
  const trip = d.trip;
  if (!run.tactical || !trip || !Number.isFinite(ph.planEndS)) return false;
  // Before an approach and before every cruise (out or home), and again at every restart of a cruise:
  // a drone that fell behind on its way out can meet traffic as surely as one on its way home.
  const due = d.phaseBegun ? ph.kind === CRUISE : ph.approach || ph.kind === CRUISE;
  if (!due) return false;
  ph.approach = false;
  // The planned time of where the drone is now: now less how far behind the plan it runs.
  const planFromS = t - trip.scheduleShiftS - Math.max(0, trip.lateS);
  const hold = firstClearHold(run, trip.task.tripId, t, { x: d.x, y: d.y, z: d.z }, planFromS, [0, ...APPROACH_HOLDS_S]);
  if (hold === undefined || hold <= 0) return false;
  const holdWh = forecastCost(run, d, ph.payloadKg).hover(hold).energyWh;
  if (d.energyWh - holdWh - ph.planWh - ph.planAfterWh < trip.reserveWh) return false;
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'hold',
    tripId: trip.task.tripId,
    reason: `holds ${hold} s before its ${ph.column !== NO_COLUMN ? 'descent onto its pad' : ph.homeward ? 'way home' : 'way on'}: ${fmtS(t - planFromS)} s behind the plan, it would meet other traffic`,
    place: placeOf(run, d),
  });
  run.holdS += hold;
  trip.scheduleShiftS = t + hold - planFromS;
  trip.lateS = 0;
  expectShift(run, trip.task.tripId, trip.scheduleShiftS);
  const wait = mkPhase(HOVER, S.holding, d.x, d.y, d.z, ph.payloadKg);
  wait.untilS = hold;
  d.phases.splice(d.phaseIndex, 0, wait);
  d.phaseBegun = false;
  return true;
}

/** In flight, the pace says when the drone will reach the phase's target: its lateness from now on. */
export function notePredictedLateness(run: SimRun, d: Drone, ph: Phase, endS: number): void {
  const trip = d.trip;
  if (!trip || !Number.isFinite(ph.planEndS)) return;
  trip.lateS = endS - (ph.planEndS + trip.scheduleShiftS);
  expectShift(run, trip.task.tripId, trip.scheduleShiftS + Math.max(0, trip.lateS));
}

/**
 * A planned phase ended at t: how late is the trip now? A drone behind its schedule does not race to
 * catch up (flying at the pace cap costs energy the contingency did not price): the rest of the trip
 * keeps its planned pace, that much later, and the expectation says so.
 */
export function noteScheduleProgress(run: SimRun, d: Drone, ph: Phase, t: number): void {
  const trip = d.trip;
  if (!trip || !Number.isFinite(ph.planEndS)) return;
  const lateS = t - (ph.planEndS + trip.scheduleShiftS);
  if (lateS > 0) trip.scheduleShiftS += lateS;
  trip.lateS = 0;
  expectShift(run, trip.task.tripId, trip.scheduleShiftS);
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
