/**
 * Order bookkeeping: every order starts pending (or failed when the plan could not place it), is
 * delivered at its drop, or is re-queued to another drone when its parcel comes back to a depot.
 */
import type { Plan } from '../../planner/plan';
import { DROP_ALT_M, LOADING_S } from '../phases';
import { insideZone } from '../zones';
import type { SimEvent } from '../states';
import { nextSimTripId, nextTaskSeq } from './ids';
import { emit, place, setPhases } from './record';
import { forecastTripWh, layerFor } from './routes';
import { type Drone, MAX_REQUEUES, type SimRun, type Task } from './types';

/** Every order starts pending (planned), or failed when the plan could not place it. */
export function initOrderResults(run: SimRun, plan: Pick<Plan, 'drones' | 'orders'>): void {
  const plannedOrders = new Set(plan.drones.flatMap((d) => d.trips.flatMap((t) => t.orderIds)));
  const unassigned = new Map(plan.orders.filter((o) => o.status === 'unassigned').map((o) => [o.orderId, o]));
  for (const o of run.mission.orders) {
    if (plannedOrders.has(o.id)) run.orderResults.set(o.id, { orderId: o.id, status: 'pending', reason: 'not flown before the end', requeued: 0 });
    else {
      const u = unassigned.get(o.id);
      const reason = u && u.status === 'unassigned' ? `not planned (${u.reason}: ${u.message})` : 'not planned (missing from the plan)';
      run.orderResults.set(o.id, { orderId: o.id, status: 'failed', reason, requeued: 0 });
    }
  }
}

/** A pending order fails with a reason (no effect on an order already delivered or failed). */
export function failOrder(run: SimRun, orderId: string, reason: string, t: number, d: Drone | null): void {
  const r = run.orderResults.get(orderId)!;
  if (r.status !== 'pending') return;
  r.status = 'failed';
  r.reason = reason;
  if (d) r.droneId = d.id;
  emit(run, { tS: t, droneId: d?.id ?? '', kind: 'order-failed', orderId, reason });
}

/** The drone's drop of orderId is done (only counts if the parcel is still aboard). */
export function deliver(run: SimRun, d: Drone, orderId: string, t: number): void {
  const at = d.aboard.indexOf(orderId);
  if (at < 0) return;
  d.aboard.splice(at, 1);
  const r = run.orderResults.get(orderId)!;
  const lateS = Math.max(0, Math.round((t - run.orders.get(orderId)!.latestS) * 1000) / 1000);
  r.status = 'delivered';
  r.droneId = d.id;
  r.deliverS = Math.round(t * 1000) / 1000;
  r.lateS = lateS;
  delete r.reason;
  const e: SimEvent = { tS: t, droneId: d.id, kind: 'delivered', orderId, place: place(run, d.x, d.y, d.z) };
  if (d.trip) e.tripId = d.trip.task.tripId;
  if (lateS > 0) e.lateS = lateS;
  emit(run, e);
}

/** Keep a drone's queue in departure order (ties: the order the tasks were made in). */
function sortQueue(d: Drone): void {
  d.queue.sort((a, b) => a.earliestS - b.earliestS || a.seq - b.seq);
}

/** Hand orders whose parcels are at depotId to a drone of that depot, or fail them with a reason. */
export function requeue(run: SimRun, orderIds: readonly string[], depotId: string, reason: string, t: number, from: Drone | null): void {
  for (const orderId of orderIds) {
    const r = run.orderResults.get(orderId)!;
    if (r.status !== 'pending') continue;
    if (r.requeued >= MAX_REQUEUES) {
      failOrder(run, orderId, `given up after ${r.requeued} re-queues (${reason})`, t, from);
      continue;
    }
    const candidates = run.drones.filter((d) => d.homeDepotId === depotId && !d.outOfService && !d.grounded);
    if (candidates.length === 0) {
      failOrder(run, orderId, `no drone left at depot ${depotId} (${reason})`, t, from);
      continue;
    }
    // Prefer another drone; among them the least busy, then the first.
    candidates.sort((a, b) => Number(a === from) - Number(b === from) || a.queue.length - b.queue.length || a.idx - b.idx);
    const d = candidates[0];
    const o = run.orders.get(orderId)!;
    // Leave so as to arrive when the promise window opens, not hover there for an hour.
    const dep = run.depots.get(depotId)!;
    const approachS = Math.hypot(o.x - dep.x, o.y - dep.y) / d.model.cruiseAirspeedMps + layerFor(run, d) / d.model.climbRateMps + LOADING_S;
    const task: Task = {
      tripId: nextSimTripId(run),
      fromDepotId: depotId,
      toDepotId: depotId,
      orderIds: [orderId],
      earliestS: Math.max(t, o.earliestS - approachS),
      seq: nextTaskSeq(run),
    };
    // A drop point inside a zone that is active now: not before the zone ends.
    const blocking = run.zones.find((z) => t >= z.fromS && t < z.toS && z.floorM <= DROP_ALT_M[o.order.drop] && insideZone(z, o.x, o.y));
    if (blocking && !Number.isFinite(blocking.toS)) {
      failOrder(run, orderId, `drop point inside no-fly zone ${blocking.zone.id} (${reason})`, t, from);
      continue;
    }
    if (blocking) task.earliestS = Math.max(task.earliestS, blocking.toS);
    if (o.order.parcelKg > d.model.maxPayloadKg) {
      failOrder(run, orderId, `too heavy for the drones at depot ${depotId} (${reason})`, t, from);
      continue;
    }
    const needWh = forecastTripWh(run, d, task);
    if (needWh > d.usableWh * (1 - run.reserveFraction)) {
      failOrder(run, orderId, `out of reach for a direct trip from depot ${depotId} (${reason})`, t, from);
      continue;
    }
    r.requeued++;
    r.droneId = d.id;
    d.queue.push(task);
    sortQueue(d);
    emit(run, { tS: t, droneId: d.id, kind: 'order-requeued', orderId, tripId: task.tripId, depotId, reason });
    reconsiderQueue(run, d, t);
  }
}

/** Queues a task on the drone (kept in departure order) and lets it reconsider what to fly next. */
export function enqueue(run: SimRun, d: Drone, task: Task, t: number): void {
  d.queue.push(task);
  sortQueue(d);
  reconsiderQueue(run, d, t);
}

/** A drone still waiting on the ground (loading for a later trip, or idle) reconsiders what to fly next. */
function reconsiderQueue(run: SimRun, d: Drone, t: number): void {
  if (d.trip && !d.trip.departed) {
    d.queue.unshift(d.trip.task);
    sortQueue(d);
    d.trip = null;
    setPhases(run, d, [], t);
  } else if (!d.trip && d.atDepotId && d.phases[d.phaseIndex]?.untilS === Infinity) setPhases(run, d, [], t);
}

/** The drone will not fly its queued trips: their orders go to other drones or fail. */
export function flushQueue(run: SimRun, d: Drone, reason: string, t: number): void {
  const tasks = d.queue.splice(0);
  if (d.trip && !d.trip.departed) {
    tasks.unshift(d.trip.task);
    d.trip = null;
  }
  for (const task of tasks) requeue(run, task.orderIds, task.fromDepotId, reason, t, d);
}
