/**
 * Closing the books at the end of the clock and assembling the trace (events in time order, KPIs).
 */
import { missionFingerprint } from '../../mission/fingerprint';
import { computeKpis } from '../kpis';
import { DRONE_STATES } from '../states';
import { type SimTrace, TRACE_VERSION, type TripResult } from '../trace';
import { sample } from './record';
import type { SimRun } from './types';

/** A last sample per drone; orders still aboard stay pending with a reason. */
export function closeBooks(run: SimRun, endS: number): void {
  for (const d of run.drones) {
    sample(run, d, endS);
    if (d.trip?.departed) {
      d.trip.result.endS = endS;
      d.trip.result.energyWh = Math.round(d.trip.result.energyWh * 1e4) / 1e4;
    }
    for (const id of d.aboard) {
      const r = run.orderResults.get(id)!;
      if (r.status === 'pending') r.reason = `in flight on ${d.id} at the end`;
    }
  }
}

export function buildTrace(run: SimRun, seed: number, endS: number): SimTrace {
  const { mission } = run;
  // Events in time order; a stable sort keeps same-time events in the order they happened.
  const ordered = run.events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.tS - b.e.tS || a.i - b.i)
    .map(({ e }) => ({ ...e, tS: Math.round(e.tS * 1000) / 1000 }));
  const tracks = run.drones.map((d) => d.track);
  const orderList = mission.orders.map((o) => run.orderResults.get(o.id)!);
  return {
    traceVersion: TRACE_VERSION,
    missionName: mission.name,
    missionFingerprint: missionFingerprint(mission),
    startTime: mission.startTime,
    seed,
    endS: Math.round(endS * 1000) / 1000,
    stateNames: [...DRONE_STATES],
    weather: run.weather,
    drones: tracks,
    events: ordered,
    orders: orderList,
    trips: run.tripResults,
    kpis: computeKpis(orderList, run.tripResults, tracks, ordered, operatingSpan(run.tripResults, endS), {
      groundWaitS: run.groundWaitS,
      holdS: run.holdS,
      padMovements: [...run.padMovements.values()],
    }),
  };
}

/** From the mission start to the last landing (the span utilisation is measured over). */
function operatingSpan(trips: readonly TripResult[], endS: number): number {
  let last = 0;
  for (const t of trips) last = Math.max(last, t.endS);
  return last > 0 ? last : endS;
}
