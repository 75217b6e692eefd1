/**
 * Emergency landing: straight down where the drone is, then out of service. Started by a critical
 * battery, a motor failure, a cruise the physics cannot fly, or nowhere left to land.
 */
import { VERTICAL, mkPhase } from '../../phases';
import { S } from '../../states';
import { emit, placeOf, setPhases, setState } from '../record';
import { dropExpectation } from '../clearance';
import { type Drone, EMERGENCY_MARGIN, type SimRun } from '../types';
import { groundZAt } from '../../../terrain/model';

export function startEmergency(run: SimRun, d: Drone, t: number, reason: string): void {
  if (d.outOfService || d.emergency) return;
  d.emergency = true;
  emit(run, { tS: t, droneId: d.id, kind: 'emergency-landing', reason, place: placeOf(run, d) });
  if (d.trip) {
    d.trip.contingency = true;
    dropExpectation(run, d.trip.task.tripId);
  }
  // The terminal phase takes the drone out of service when it touches down (see endPhase).
  const down = mkPhase(VERTICAL, S.landing, d.x, d.y, groundZAt(run.mission, d.x, d.y), d.phases[d.phaseIndex]?.payloadKg ?? 0);
  down.terminal = true;
  setState(run, d, S.landing, t, reason);
  setPhases(run, d, [down], t);
}

/** Rule: energy left <= what the descent needs + a margin of usable -> land now. */
export function checkEmergency(run: SimRun, d: Drone, t: number): void {
  if (d.emergency || d.outOfService || d.atDepotId) return;
  const descentWh = (d.hoverPowerW * ((d.z - groundZAt(run.mission, d.x, d.y)) / d.model.descentRateMps)) / 3600;
  if (d.energyWh <= descentWh + EMERGENCY_MARGIN * d.usableWh) startEmergency(run, d, t, 'battery critical');
}
