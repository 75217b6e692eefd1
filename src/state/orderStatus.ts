/**
 * Where each order of a live-dispatched day stands at a mission time: not placed yet (hidden), placed
 * and waiting for a drone (pending), given to a drone whose trip has not left (assigned), on its way
 * (airborne), delivered or failed.
 *
 * The four times that decide it are worked out once per trace (`orderTimesFor`), so the per-frame
 * question (`orderPhaseAt`) is four comparisons per order, with no allocation:
 * - placedS and givenS from the trace's dispatch record;
 * - departS: the first take-off of a trip that carried the order: the plan trip that lists it (the
 *   dispatcher's trip, same tripId in the trace) or a trip the simulator re-queued it to
 *   (order-requeued events), each trip's actual take-off from trace.trips;
 * - doneS: the drop (delivered), the order-failed event (failed in the day); an order the dispatcher
 *   never gave to a drone fails when it gave it up (rejectedS), or at the end of the day (the record says who was
 *   given what, not when the dispatcher gave up on the rest).
 * An order still open at the end of the day keeps the last phase it reached.
 *
 * Only a dispatched trace (trace.dispatch) has these times; for any other trace there are none and
 * the map shows orders as it always does.
 */
import type { Plan } from '../core/planner/plan';
import type { SimTrace } from '../core/sim/trace';

export const ORDER_PHASES = ['hidden', 'pending', 'assigned', 'airborne', 'delivered', 'failed'] as const;
export type OrderPhase = (typeof ORDER_PHASES)[number];

/** Phase codes: index into ORDER_PHASES. */
export const PHASE = Object.fromEntries(ORDER_PHASES.map((p, i) => [p, i])) as { readonly [K in OrderPhase]: number };

/** Marker colours of the visible phases (the Dispatch tab's legend shows the same). */
export const ORDER_PHASE_COLOURS: Record<Exclude<OrderPhase, 'hidden'>, string> = {
  pending: '#f08c00',
  assigned: '#8e44ad',
  airborne: '#1c9ad6',
  delivered: '#2e9e44',
  failed: '#d62828',
};

/** What each visible phase means, for the legend. */
export const ORDER_PHASE_MEANINGS: Record<Exclude<OrderPhase, 'hidden'>, string> = {
  pending: 'placed, not yet given to a drone',
  assigned: 'given to a drone, its trip not yet departed',
  airborne: 'its trip departed, not yet delivered',
  delivered: 'dropped at the customer',
  failed: 'given up, or failed in the day',
};

/** How an order ended (OrderTimes.outcome). */
export const OUTCOME = { open: 0, delivered: 1, failed: 2 } as const;
const DELIVERED = OUTCOME.delivered;
const FAILED = OUTCOME.failed;

/** Per order (trace.orders order): the times that decide its phase. Infinity = never. */
export interface OrderTimes {
  trace: SimTrace;
  plan: Plan | null;
  orderIds: string[];
  /** Order id -> index in the arrays below. */
  index: Map<string, number>;
  placedS: Float64Array;
  givenS: Float64Array;
  departS: Float64Array;
  doneS: Float64Array;
  /** How it ended: 0 open, 1 delivered, 2 failed. */
  outcome: Uint8Array;
}

const cache = new WeakMap<SimTrace, OrderTimes>();

/**
 * The order times of a dispatched trace (null for a trace without a dispatch record). Computed once
 * per trace and plan, then served from a cache.
 */
export function orderTimesFor(trace: SimTrace, plan: Plan | null): OrderTimes | null {
  if (!trace.dispatch) return null;
  const hit = cache.get(trace);
  if (hit && hit.plan === plan) return hit;
  const times = computeOrderTimes(trace, plan);
  cache.set(trace, times);
  return times;
}

function computeOrderTimes(trace: SimTrace, plan: Plan | null): OrderTimes {
  const n = trace.orders.length;
  const orderIds = trace.orders.map((o) => o.orderId);
  const index = new Map(orderIds.map((id, i) => [id, i]));
  const placedS = new Float64Array(n);
  const givenS = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const rejectedS = new Float64Array(n).fill(Number.NaN);
  const departS = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const doneS = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const outcome = new Uint8Array(n);

  // The dispatch record is in trace.orders order; matched by id all the same.
  for (const r of trace.dispatch?.orders ?? []) {
    const i = index.get(r.orderId);
    if (i === undefined) continue;
    placedS[i] = r.placedS;
    if (r.givenS !== undefined) givenS[i] = r.givenS;
    if (r.rejectedS !== undefined) rejectedS[i] = r.rejectedS;
  }

  const tripDepart = new Map<string, number>();
  for (const t of trace.trips) {
    const prev = tripDepart.get(t.tripId);
    tripDepart.set(t.tripId, prev === undefined ? t.departS : Math.min(prev, t.departS));
  }
  const carried = (orderId: string, tripId: string | undefined) => {
    const i = index.get(orderId);
    const dep = tripId === undefined ? undefined : tripDepart.get(tripId);
    if (i !== undefined && dep !== undefined && dep < departS[i]) departS[i] = dep;
  };
  for (const d of plan?.drones ?? []) for (const trip of d.trips) for (const id of trip.orderIds) carried(id, trip.tripId);

  const failedAt = new Map<string, number>();
  for (const e of trace.events) {
    if (e.kind === 'order-requeued' && e.orderId) carried(e.orderId, e.tripId);
    else if (e.kind === 'delivered' && e.orderId) carried(e.orderId, e.tripId);
    else if (e.kind === 'order-failed' && e.orderId && !failedAt.has(e.orderId)) failedAt.set(e.orderId, e.tS);
  }

  trace.orders.forEach((o, i) => {
    if (o.status === 'delivered') {
      outcome[i] = DELIVERED;
      doneS[i] = o.deliverS ?? trace.endS;
    } else if (o.status === 'failed') {
      outcome[i] = FAILED;
      const at = failedAt.get(o.orderId);
      // Never given to a drone: failed when the dispatcher gave it up, or at the end if it stayed open.
      doneS[i] = at ?? (givenS[i] === Number.POSITIVE_INFINITY && !Number.isNaN(rejectedS[i]) ? rejectedS[i] : trace.endS);
    }
    // A trip seen leaving after the order was done (a re-queue that came to nothing) does not count.
    if (departS[i] > doneS[i]) departS[i] = Number.POSITIVE_INFINITY;
  });
  return { trace, plan, orderIds, index, placedS, givenS, departS, doneS, outcome };
}

/** Phase code (index into ORDER_PHASES) of order i at mission time t: four comparisons, no allocation. */
export function orderPhaseAt(times: OrderTimes, i: number, t: number): number {
  if (t < times.placedS[i]) return PHASE.hidden;
  if (t >= times.doneS[i]) return times.outcome[i] === DELIVERED ? PHASE.delivered : PHASE.failed;
  if (t >= times.departS[i]) return PHASE.airborne;
  if (t >= times.givenS[i]) return PHASE.assigned;
  return PHASE.pending;
}

/** Phase of an order by id at time t, or null when the trace has no such order. */
export function orderPhaseById(times: OrderTimes, orderId: string, t: number): OrderPhase | null {
  const i = times.index.get(orderId);
  return i === undefined ? null : ORDER_PHASES[orderPhaseAt(times, i, t)];
}
