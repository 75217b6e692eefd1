/**
 * Where the simulated day differed from the plan, trip by trip: the trips whose flown track should be
 * drawn next to their planned route. Pure data from the plan and the trace.
 */
import type { Plan } from '../core/planner/plan';
import type { SimTrace } from '../core/sim/trace';

export type DeviationReason = 'diverted' | 'emergency' | 'rerouted' | 'late' | 'unplanned';

export interface Deviation {
  droneId: string;
  tripId: string;
  /** Flown from departS to endS (trace times). */
  departS: number;
  endS: number;
  reasons: DeviationReason[];
  /** Orders of the trip delivered later than the plan said they would be, beyond their window. */
  lateOrderIds: string[];
}

/**
 * Trips that deviated: diverted or emergency-landed (outcome), rerouted around a zone (event), with an
 * order late in the simulation that the plan had on time, or made up by the simulator (`sim:<n>`,
 * re-queued orders and ferries: no planned route at all).
 */
export function findDeviations(plan: Plan | null, trace: SimTrace): Deviation[] {
  const planned = new Map<string, { lateS: number; tripId: string }>();
  for (const o of plan?.orders ?? []) if (o.status === 'assigned') planned.set(o.orderId, { lateS: o.lateS, tripId: o.tripId });
  const byTrip = new Map<string, Deviation>();
  const key = (droneId: string, tripId: string) => `${droneId}\u0000${tripId}`;
  const tripsOfDrone = new Map<string, SimTrace['trips']>();
  for (const t of trace.trips) {
    const list = tripsOfDrone.get(t.droneId) ?? [];
    list.push(t);
    tripsOfDrone.set(t.droneId, list);
  }
  const mark = (droneId: string, tripId: string, reason: DeviationReason, orderId?: string) => {
    const trip = tripsOfDrone.get(droneId)?.find((t) => t.tripId === tripId);
    if (!trip) return;
    let d = byTrip.get(key(droneId, tripId));
    if (!d) {
      d = { droneId, tripId, departS: trip.departS, endS: trip.endS, reasons: [], lateOrderIds: [] };
      byTrip.set(key(droneId, tripId), d);
    }
    if (!d.reasons.includes(reason)) d.reasons.push(reason);
    if (orderId && !d.lateOrderIds.includes(orderId)) d.lateOrderIds.push(orderId);
  };
  /** The flown trip of a drone that contains time t. */
  const tripAt = (droneId: string, t: number) => tripsOfDrone.get(droneId)?.find((x) => x.departS <= t && t <= x.endS);

  for (const t of trace.trips) {
    if (t.outcome === 'diverted') mark(t.droneId, t.tripId, 'diverted');
    if (t.outcome === 'emergency-landed') mark(t.droneId, t.tripId, 'emergency');
    if (t.tripId.startsWith('sim:')) mark(t.droneId, t.tripId, 'unplanned');
  }
  for (const e of trace.events) {
    if (e.kind !== 'reroute' && e.kind !== 'divert' && e.kind !== 'emergency-landing') continue;
    const trip = e.tripId ? { tripId: e.tripId } : tripAt(e.droneId, e.tS);
    if (!trip) continue;
    mark(e.droneId, trip.tripId, e.kind === 'reroute' ? 'rerouted' : e.kind === 'divert' ? 'diverted' : 'emergency');
  }
  for (const o of trace.orders) {
    if (o.status !== 'delivered' || (o.lateS ?? 0) <= 0 || !o.droneId || o.deliverS === undefined) continue;
    const p = planned.get(o.orderId);
    if (p && p.lateS > 0) continue; // already late in the plan: not a deviation
    const trip = tripAt(o.droneId, o.deliverS);
    if (trip) mark(o.droneId, trip.tripId, 'late', o.orderId);
  }
  return [...byTrip.values()].sort((a, b) => a.departS - b.departS);
}
