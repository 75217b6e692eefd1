/**
 * Closing the books at the end of the clock and assembling the trace (events in time order, KPIs).
 */
import { missionFingerprint } from '../../mission/fingerprint';
import { computeKpis } from '../kpis';
import { DRONE_STATES } from '../states';
import { type SimTrace, TRACE_VERSION, type TripResult } from '../trace';
import { sample } from './record';
import type { SimRun } from './types';

/** A last sample per drone; orders still aboard or queued stay pending, each with a reason. */
export function closeBooks(run: SimRun, endS: number): void {
  const end = Math.round(endS * 1000) / 1000;
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
    // Orders waiting on the ground: which drone and trip, and why it had not left.
    const waiting = [...(d.trip && !d.trip.departed ? [d.trip.task] : []), ...d.queue];
    for (const task of waiting) {
      for (const id of task.orderIds) {
        const r = run.orderResults.get(id);
        if (!r || r.status !== 'pending' || d.aboard.includes(id)) continue;
        const opens = run.openFrom(task.fromDepotId, endS);
        const why = opens > endS
          ? `depot ${task.fromDepotId} closed ${Number.isFinite(opens) ? `until ${Math.round(opens * 1000) / 1000} s` : 'for the rest of the day'}`
          : d.grounded
            ? `${d.id} grounded`
            : task.earliestS > endS
              ? `trip ${task.tripId} not due before ${Math.round(task.earliestS * 1000) / 1000} s`
              : d.trip?.departed
                ? `${d.id} still flying trip ${d.trip.task.tripId}`
                : `trip ${task.tripId} still waiting to take off`;
        r.reason = `not flown before the end (${end} s): queued on ${d.id} at depot ${task.fromDepotId}, ${why}`;
      }
    }
  }
  // Never a pending order without a reason.
  for (const r of run.orderResults.values()) if (r.status === 'pending' && !r.reason) r.reason = `not flown before the end (${end} s)`;
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
