/**
 * The battery-reserve rule: predict the charge at landing and, when it falls below the trip's
 * reserve, give up the remaining drops and fly to the nearest reachable open depot.
 */
import { CRUISE, VERTICAL } from '../../phases';
import { emit, placeOf } from '../record';
import type { Drone, SimRun } from '../types';
import { depotOptions, flyDirectTo } from './divert';

/**
 * Energy the rest of the trip will take: the drone's paced estimate (run/prediction.ts) less what it
 * has drawn since; for a route without a schedule, the forecast estimate scaled by how reality
 * compares with the forecast so far.
 */
function predictedRemainingWh(d: Drone, t: number): number {
  const ph = d.phases[d.phaseIndex];
  if (!ph || !d.trip) return 0;
  if (Number.isFinite(d.trip.restAtSegmentWh)) {
    return Math.max(0, d.trip.restAtSegmentWh - (d.trip.result.energyWh - d.trip.drawnAtSegmentWh));
  }
  let remainingShare = 1;
  if (d.phaseBegun && d.phaseSize > 0) {
    const left = ph.kind === CRUISE ? Math.hypot(ph.x - d.x, ph.y - d.y) : ph.kind === VERTICAL ? Math.abs(ph.z - d.z) : d.holdEndS - t;
    remainingShare = Math.min(1, Math.max(0, left / d.phaseSize));
  }
  const planLeft = ph.planAfterWh + ph.planWh * remainingShare;
  const trip = d.trip;
  const planTotal = trip.planTotalWh;
  trip.planDoneWh = Math.max(0, planTotal - planLeft);
  // Reality vs forecast, once enough of the trip is flown to tell.
  const ratio = trip.planDoneWh > 0.1 * planTotal ? Math.min(3, Math.max(0.8, trip.result.energyWh / trip.planDoneWh)) : 1;
  return planLeft * ratio;
}

export function checkReserve(run: SimRun, d: Drone, t: number): void {
  const trip = d.trip;
  if (!trip || trip.contingency || !trip.departed) return;
  const predictedWh = d.energyWh - predictedRemainingWh(d, t);
  if (predictedWh >= trip.reserveWh) return;
  const dropsLeft = d.aboard.length > 0;
  // Heading home already and still able to land: keep the planned route (log once), but look again
  // every step in case it stops being able to.
  const keepRoute = !dropsLeft && predictedWh > 0;
  if (trip.reserveHandled && keepRoute) return;
  const firstTime = !trip.reserveHandled;
  trip.reserveHandled = true;
  const predictedSoc = (Math.floor((predictedWh / d.usableWh) * 1000) / 10).toFixed(1); // 19.96 -> 19.9, not 20.0
  if (firstTime) emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'reserve-low',
    tripId: trip.task.tripId,
    reason: `predicted ${predictedSoc} % at landing, reserve ${((trip.reserveWh / d.usableWh) * 100).toFixed(1)} %`,
    place: placeOf(run, d),
  });
  if (keepRoute) return;
  const options = depotOptions(run, d, t);
  // None within reach: the nearest anyway (the emergency rule lands it if the battery runs low).
  const reachable = options.find((o) => o.wh < d.energyWh) ?? options[0];
  if (!reachable) return;
  const kind = reachable.id === trip.task.toDepotId ? 'return' : 'diverted';
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'divert',
    depotId: reachable.id,
    tripId: trip.task.tripId,
    reason: `battery reserve: ${kind === 'return' ? 'returning' : 'diverting'} with ${d.aboard.length} parcel(s) aboard${reachable.wh < d.energyWh ? '' : ' (no depot within reach: nearest)'}`,
    place: placeOf(run, d),
  });
  flyDirectTo(run, d, reachable.id, t, kind);
}
