/**
 * Running a drone's phases: begin a phase (fix its velocity and power from the actual-wind cost
 * model until the phase ends or the next gust boundary), move the drone along it, and act on its end
 * (deliver, land, or go out of service). Between these boundaries nothing changes, which is why the
 * samples written at them describe the motion exactly.
 */
import { CRUISE, HOVER, type Phase, VERTICAL, WAIT } from '../phases';
import { S } from '../states';
import { gustPeriodAt } from '../weather';
import { divertToOpenDepot } from './contingency/divert';
import { startEmergency } from './contingency/emergency';
import { rerouteAtTakeoff } from './contingency/zoneActivation';
import { actualCost } from './costs';
import { deliver, failOrder, flushQueue } from './orders';
import { emit, placeOf, sample, setPhases, setState } from './record';
import { idleForever } from './routes';
import { depart, finishTrip, land, startNextTrip } from './trips';
import { releasePad, waitForPad } from './pads';
import { pacedRestWh } from './prediction';
import { holdForApproachClearance, holdForTakeoffClearance, notePredictedLateness, noteScheduleProgress } from './schedule';
import type { CruisePace } from '../../energy/flightCost';
import type { Drone, SimRun } from './types';
import { groundZAt } from '../../terrain/model';

/** Begin (or restart at a gust boundary) the current phase at time t. */
function beginPhase(run: SimRun, d: Drone, ph: Phase, t: number): void {
  // A busy pad, or traffic on the way: wait on the ground or hold in the air first (the wait is
  // now the current phase).
  if ((!d.phaseBegun && waitForPad(run, d, ph, t)) || holdForApproachClearance(run, d, ph, t)) return;
  if (d.trip && !d.trip.departed && ph.kind !== WAIT) {
    // The depot closed while the drone was loading: wait for it to reopen.
    if (run.isClosed(d.trip.task.fromDepotId, t)) {
      d.queue.unshift(d.trip.task);
      d.trip = null;
      setPhases(run, d, [], t);
      return;
    }
    // A zone that became active since the route was made: go around it (or do not fly this trip).
    if (!d.trip.zonesCheckedAtTakeoff) {
      d.trip.zonesCheckedAtTakeoff = true;
      if (rerouteAtTakeoff(run, d, t)) return;
    }
    if (!d.trip.clearedForTakeoff) {
      if (holdForTakeoffClearance(run, d, t)) return;
      d.trip.clearedForTakeoff = true;
    }
    depart(run, d, t);
  }
  if (!d.phaseBegun) {
    d.phaseBegun = true;
    if (ph.kind === HOVER) d.holdEndS = holdEnd(d, ph, t);
    d.phaseSize = phaseSizeAtBegin(d, ph, t);
    // Landing at a closed depot: divert before starting the approach.
    if (ph.landDepotId && ph.kind === VERTICAL && ph.state === S.landing && run.refusesLanding(ph.landDepotId, t, d.homeDepotId) && !d.emergency) {
      divertToOpenDepot(run, d, t, `depot ${ph.landDepotId} closed`);
      return;
    }
  }
  setState(run, d, ph.state, t);
  d.vx = 0;
  d.vy = 0;
  d.vz = 0;
  d.segEndsAtGust = false;
  if (ph.kind === WAIT) {
    // On the ground: no motion; charging is negative power.
    d.powerW = -ph.chargeW;
    d.segEndS = ph.untilS;
  } else if (!startFlightSegment(run, d, ph, t)) return;
  d.running = true;
  sample(run, d, t);
}

/**
 * When a hover ends: a drop lasts its duration and not before the window opens; a planned hold ends
 * at its planned time (shifted with a late take-off), earlier when the drone is already late.
 */
function holdEnd(d: Drone, ph: Phase, t: number): number {
  if (ph.orderId === null && Number.isFinite(ph.planEndS) && d.trip) return Math.max(t, ph.planEndS + d.trip.scheduleShiftS);
  return Math.max(t + ph.untilS, ph.minEndS);
}

/**
 * Flying a planned cruise to its schedule: the ground speed that reaches the target at its planned time
 * (shifted with a late take-off), with airspeed up to the drone's pace cap. Undefined off-plan.
 */
function paceFor(d: Drone, ph: Phase, t: number): CruisePace | undefined {
  if (!d.trip || !Number.isFinite(ph.planEndS)) return undefined;
  const leftS = ph.planEndS + d.trip.scheduleShiftS - t;
  const leftM = Math.hypot(ph.x - d.x, ph.y - d.y);
  return { groundSpeedMps: leftS > 1e-3 ? leftM / leftS : Number.MAX_VALUE, maxAirspeedMps: d.paceCapMps };
}

/** How much of the phase there is when it begins (m across, m up or down, s of hover), for the reserve prediction. */
function phaseSizeAtBegin(d: Drone, ph: Phase, t: number): number {
  if (ph.kind === CRUISE) return Math.hypot(ph.x - d.x, ph.y - d.y);
  if (ph.kind === VERTICAL) return Math.abs(ph.z - d.z);
  if (ph.kind === HOVER) return d.holdEndS - t;
  return 0;
}

/** Velocity and power of a flying phase until its end or the next gust boundary. False: replaced by an emergency. */
function startFlightSegment(run: SimRun, d: Drone, ph: Phase, t: number): boolean {
  const cost = actualCost(run, d, ph.payloadKg, t);
  const boundary = (gustPeriodAt(run.weather, t) + 1) * run.weather.gustPeriodS;
  let durationS = 0;
  let energyWh = 0;
  if (ph.kind === VERTICAL) {
    const c = cost.vertical(ph.z - d.z);
    durationS = c.durationS;
    energyWh = c.energyWh;
  } else if (ph.kind === CRUISE) {
    const c = cost.cruise({ x: d.x, y: d.y }, { x: ph.x, y: ph.y }, (d.z + ph.z) / 2, paceFor(d, ph, t));
    if (!c.ok) {
      startEmergency(run, d, t, `cannot fly on: ${c.reason}`);
      return false;
    }
    durationS = c.durationS;
    energyWh = c.energyWh + (Math.abs(ph.z - d.z) > 0.01 ? cost.vertical(ph.z - d.z).energyWh : 0);
  } else {
    durationS = Math.max(0, d.holdEndS - t);
    energyWh = cost.hover(durationS).energyWh;
  }
  d.powerW = durationS > 0 ? (energyWh * 3600) / durationS : 0;
  if (d.trip) {
    // The drone's estimate of the rest of its trip, from here (for the battery-reserve rule).
    // The rest after the current phase is the same at every restart of it (cached per route and phase).
    const c = d.trip.restAfterPhase;
    const fresh = c && c.phases === d.phases && c.pi === d.phaseIndex && c.length === d.phases.length;
    const rest = fresh ? c.wh : (d.trip.restAfterPhase = { phases: d.phases, pi: d.phaseIndex, length: d.phases.length, wh: pacedRestWh(run, d) }).wh;
    d.trip.restAtSegmentWh = rest === undefined ? Number.NaN : rest + energyWh;
    d.trip.drawnAtSegmentWh = d.trip.result.energyWh;
  }
  if (durationS > 0 && ph.kind !== HOVER) {
    d.vx = (ph.x - d.x) / durationS;
    d.vy = (ph.y - d.y) / durationS;
    d.vz = (ph.z - d.z) / durationS;
    if (ph.kind === VERTICAL) {
      d.vx = 0;
      d.vy = 0;
    }
  }
  d.segEndS = t + durationS;
  if (ph.kind === CRUISE) notePredictedLateness(run, d, ph, d.segEndS);
  if (boundary < d.segEndS) {
    // The wind changes at the boundary: stop there and begin the phase again with the new wind.
    d.segEndS = boundary;
    d.segEndsAtGust = true;
  }
  return true;
}

/** The current phase is done at time t: snap to its target and act on its end. */
function endPhase(run: SimRun, d: Drone, ph: Phase, t: number): void {
  if (ph.kind === VERTICAL || ph.kind === CRUISE) {
    d.x = ph.x;
    d.y = ph.y;
    d.z = ph.z;
  }
  if (ph.fullAtEnd) d.energyWh = d.usableWh;
  noteScheduleProgress(run, d, ph, t);
  d.phaseIndex++;
  d.phaseBegun = false;
  d.running = false;
  if (ph.orderId) deliver(run, d, ph.orderId, t);
  if (ph.terminal) {
    outOfServiceAfterEmergency(run, d, t);
    return;
  }
  if (ph.landDepotId) land(run, d, ph.landDepotId, t);
  releasePad(run, d, ph, t);
}

/** Touchdown of an emergency landing: the drone, its parcels and its queued trips are lost to the day. */
function outOfServiceAfterEmergency(run: SimRun, d: Drone, t: number): void {
  d.outOfService = true;
  d.z = groundZAt(run.mission, d.x, d.y);
  setState(run, d, S['emergency-landed'], t);
  finishTrip(d, t, 'emergency-landed');
  for (const id of d.aboard) failOrder(run, id, `emergency landing (${d.id})`, t, d);
  d.aboard = [];
  flushQueue(run, d, `drone ${d.id} out of service`, t);
  setPhases(run, d, [], t);
}

/** Advance one drone from t0 to t1 (phase by phase inside the interval). */
export function advance(run: SimRun, d: Drone, t0: number, t1: number): void {
  let t = t0;
  for (let guard = 0; t < t1 && guard < 10_000; guard++) {
    if (d.outOfService) return;
    if (d.phaseIndex >= d.phases.length) {
      if (!startNextTrip(run, d, t)) {
        setPhases(run, d, idleForever(d), t);
      }
      continue;
    }
    const ph = d.phases[d.phaseIndex];
    if (!d.running) {
      beginPhase(run, d, ph, t);
      if (!d.running) continue; // the phase was replaced (divert / emergency)
    }
    const until = d.segEndS < t1 ? d.segEndS : t1;
    const dt = until - t;
    if (dt > 0) {
      d.x += d.vx * dt;
      d.y += d.vy * dt;
      d.z += d.vz * dt;
      const wh = (d.powerW * dt) / 3600;
      d.energyWh -= wh;
      if (d.trip && ph.kind !== WAIT) {
        d.trip.result.energyWh += wh;
        d.trip.result.distanceM += Math.hypot(d.vx, d.vy) * dt;
      }
      t = until;
    }
    if (t >= d.segEndS) {
      if (d.segEndsAtGust) d.running = false;
      else endPhase(run, d, ph, t);
    }
  }
  if (d.energyWh < 0 && !d.batteryEmptyLogged && !d.atDepotId) {
    d.batteryEmptyLogged = true;
    emit(run, { tS: t, droneId: d.id, kind: 'battery-empty', place: placeOf(run, d) });
  }
}
