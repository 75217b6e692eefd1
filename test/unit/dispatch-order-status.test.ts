/**
 * Where an order of a live-dispatched day stands at a time (src/state/orderStatus.ts): on hand-made
 * traces for each rule (given, departed, delivered, failed in the day, never dispatched, re-queued,
 * open at the end), and on a real dispatched day, where the phases are checked against the trace's own
 * events and drone states.
 */
import { describe, expect, it } from 'vitest';
import { dispatchDay } from '../../src/core/dispatch';
import type { Plan } from '../../src/core/planner/plan';
import { stateAt, type SimTrace } from '../../src/core/sim/trace';
import { ORDER_PHASES, type OrderPhase, orderPhaseAt, orderPhaseById, orderTimesFor } from '../../src/state/orderStatus';
import { tutorialLive } from './dispatchFixture';

type TraceParts = Pick<SimTrace, 'orders' | 'trips' | 'events' | 'endS'> & { dispatch?: SimTrace['dispatch'] };

/** A trace with only what the helper reads (the rest is never touched). */
const traceOf = (t: TraceParts) => t as unknown as SimTrace;

const trip = (droneId: string, tripId: string, departS: number, endS: number): SimTrace['trips'][number] => ({
  droneId,
  tripId,
  departS,
  endS,
  plannedEnergyWh: 0,
  energyWh: 0,
  distanceM: 0,
  outcome: 'landed',
  landDepotId: 'd',
});

/** A plan with only the trips' tripIds and orderIds. */
const planOf = (trips: Record<string, string[]>) =>
  ({ drones: [{ droneId: 'a', trips: Object.entries(trips).map(([tripId, orderIds]) => ({ tripId, orderIds })) }] }) as unknown as Plan;

const phase = (trace: SimTrace, plan: Plan | null, orderId: string, t: number) => orderPhaseById(orderTimesFor(trace, plan)!, orderId, t);

/** Phases at each time, as names. */
const phasesAt = (trace: SimTrace, plan: Plan | null, orderId: string, times: number[]) => times.map((t) => phase(trace, plan, orderId, t));

describe('order phases on hand-made traces', () => {
  const trace = traceOf({
    endS: 5000,
    dispatch: {
      policy: 'rolling',
      orders: [
        { orderId: 'o1', placedS: 100, givenS: 200 },
        { orderId: 'o2', placedS: 150, givenS: 200 },
        { orderId: 'o3', placedS: 300, rejectedS: 300 },
        { orderId: 'o7', placedS: 320 },
        { orderId: 'o4', placedS: 400, givenS: 500 },
        { orderId: 'o5', placedS: 400, givenS: 450 },
        { orderId: 'o6', placedS: 600, givenS: 700 },
      ],
    },
    orders: [
      { orderId: 'o1', status: 'delivered', droneId: 'a', deliverS: 900, lateS: 0, requeued: 0 },
      { orderId: 'o2', status: 'failed', droneId: 'a', reason: 'battery', requeued: 0 },
      { orderId: 'o3', status: 'failed', reason: 'not dispatched (too-heavy: ...)', requeued: 0 },
      { orderId: 'o7', status: 'failed', reason: 'not dispatched (fleet-saturated: still open when the day ended)', requeued: 0 },
      { orderId: 'o4', status: 'delivered', droneId: 'b', deliverS: 2600, lateS: 0, requeued: 1 },
      { orderId: 'o5', status: 'pending', reason: 'not flown before the end', requeued: 0 },
      { orderId: 'o6', status: 'pending', reason: 'not flown before the end', requeued: 0 },
    ],
    trips: [trip('a', 'a/t1', 600, 1200), trip('a', 'a/t2', 1000, 1500), trip('b', 'sim:1', 2000, 3000), trip('a', 'a/t3', 4000, 4500)],
    events: [
      { tS: 800, droneId: 'a', kind: 'order-failed', orderId: 'o2', reason: 'battery' },
      { tS: 900, droneId: 'a', kind: 'delivered', orderId: 'o1', tripId: 'a/t1' },
      { tS: 1400, droneId: 'b', kind: 'order-requeued', orderId: 'o4', tripId: 'sim:1' },
      { tS: 2600, droneId: 'b', kind: 'delivered', orderId: 'o4', tripId: 'sim:1' },
    ],
  });
  // o1, o2 on trip t1 (departs 600); o4 on t2 (departs 1000), brought back and re-queued to sim:1;
  // o5 on t3 (departs 4000), still not dropped at the end; o6 given, never flown.
  const plan = planOf({ 'a/t1': ['o1', 'o2'], 'a/t2': ['o4'], 'a/t3': ['o5'] });

  it('goes hidden, pending, assigned, airborne, delivered at the placement, the hand-over, the take-off and the drop', () => {
    expect(phasesAt(trace, plan, 'o1', [0, 99.9, 100, 199, 200, 599, 600, 899.999, 900, 5000])).toEqual([
      'hidden',
      'hidden',
      'pending',
      'pending',
      'assigned',
      'assigned',
      'airborne',
      'airborne',
      'delivered',
      'delivered',
    ]);
  });

  it('fails at the order-failed event', () => {
    expect(phasesAt(trace, plan, 'o2', [149, 150, 200, 600, 799, 800, 4000])).toEqual(['hidden', 'pending', 'assigned', 'airborne', 'airborne', 'failed', 'failed']);
  });

  it('an order never given to a drone fails when the dispatcher gives it up, or at the end when it stayed open', () => {
    expect(phasesAt(trace, plan, 'o3', [299, 300, 5000])).toEqual(['hidden', 'failed', 'failed']);
    expect(phasesAt(trace, plan, 'o7', [319, 320, trace.endS - 1, trace.endS])).toEqual(['hidden', 'pending', 'pending', 'failed']);
  });

  it('a re-queued order is airborne from its first take-off to its drop', () => {
    expect(phasesAt(trace, plan, 'o4', [450, 500, 999, 1000, 2599, 2600])).toEqual(['pending', 'assigned', 'assigned', 'airborne', 'airborne', 'delivered']);
    // Without the plan, the trips are known from the events only: the re-queue's trip.
    expect(phasesAt(trace, null, 'o4', [1000, 1999, 2000, 2600])).toEqual(['assigned', 'assigned', 'airborne', 'delivered']);
  });

  it('an order open at the end keeps the last phase it reached', () => {
    expect(phasesAt(trace, plan, 'o5', [449, 450, 3999, 4000, 1e9])).toEqual(['pending', 'assigned', 'assigned', 'airborne', 'airborne']);
    expect(phasesAt(trace, plan, 'o6', [699, 700, 1e9])).toEqual(['pending', 'assigned', 'assigned']);
  });

  it('an unknown order has no phase', () => {
    expect(phase(trace, plan, 'nope', 1000)).toBeNull();
  });

  it('is computed once per trace and plan', () => {
    const a = orderTimesFor(trace, plan);
    expect(orderTimesFor(trace, plan)).toBe(a);
    const b = orderTimesFor(trace, null);
    expect(b).not.toBe(a);
    expect(orderTimesFor(trace, null)).toBe(b);
  });

  it('a trace that was not dispatched has no order phases', () => {
    const { dispatch: _, ...rest } = trace as unknown as TraceParts;
    expect(orderTimesFor(traceOf(rest), plan)).toBeNull();
  });

  it('a failure time is never before the take-off that preceded it, and a trip seen after the end does not count', () => {
    const t = traceOf({
      endS: 3000,
      dispatch: { policy: 'greedy', orders: [{ orderId: 'x', placedS: 0, givenS: 0 }] },
      orders: [{ orderId: 'x', status: 'failed', reason: 'no drone left', requeued: 2 }],
      trips: [trip('a', 'a/t1', 100, 300), trip('b', 'sim:9', 2000, 2500)],
      events: [
        { tS: 400, droneId: 'a', kind: 'order-requeued', orderId: 'x', tripId: 'sim:9' },
        { tS: 500, droneId: 'b', kind: 'order-failed', orderId: 'x', reason: 'no drone left' },
      ],
    });
    expect(phasesAt(t, planOf({ 'a/t1': ['x'] }), 'x', [0, 99, 100, 499, 500, 2000])).toEqual(['assigned', 'assigned', 'airborne', 'airborne', 'failed', 'failed']);
    // Only the re-queue's trip known (it left after the failure): never airborne.
    expect(phasesAt(t, null, 'x', [0, 100, 499, 500, 2100])).toEqual(['assigned', 'assigned', 'assigned', 'failed', 'failed']);
  });
});

describe('order phases on a real dispatched day', () => {
  const mission = tutorialLive();
  const day = dispatchDay(mission, { policy: 'rolling', seed: 1, replanEveryS: 120 });
  const { trace, plan } = day;
  const times = orderTimesFor(trace, plan)!;
  const FLYING = new Set(['take-off', 'climb', 'cruise', 'descent', 'drop', 'climb-out', 'return', 'landing', 'holding']);

  it('the day has what the checks need: deliveries after a wait, and an order the dispatcher gave up', () => {
    expect(trace.dispatch?.orders.length).toBe(mission.orders.length);
    expect(trace.orders.filter((o) => o.status === 'delivered').length).toBe(5);
    expect(trace.orders.find((o) => o.orderId === 'order-heavy')?.status).toBe('failed');
    expect(trace.dispatch!.orders.some((o) => o.givenS !== undefined && o.givenS > o.placedS)).toBe(true);
  });

  it('every order moves through the phases in order and never back', () => {
    const rank = (p: OrderPhase) => ORDER_PHASES.indexOf(p);
    const samples = Array.from({ length: 401 }, (_, k) => (k / 400) * trace.endS);
    for (let i = 0; i < trace.orders.length; i++) {
      const seen = samples.map((t) => ORDER_PHASES[orderPhaseAt(times, i, t)]);
      for (let k = 1; k < seen.length; k++) expect(rank(seen[k]), `${trace.orders[i].orderId} at ${samples[k]}`).toBeGreaterThanOrEqual(rank(seen[k - 1]));
      expect(seen[0]).toBe(trace.dispatch!.orders[i].placedS > 0 ? 'hidden' : seen[0]);
    }
  });

  it('agrees with the trace: placed and given per the record, airborne while its drone flies, delivered at the drop', () => {
    for (const [i, o] of trace.orders.entries()) {
      const rec = trace.dispatch!.orders[i];
      if (rec.placedS > 0) expect(orderPhaseAt(times, i, rec.placedS - 0.01)).toBe(0);
      if (o.status === 'failed') {
        expect(rec.givenS).toBeUndefined();
        expect(ORDER_PHASES[orderPhaseAt(times, i, rec.placedS)]).toBe('failed');
        continue;
      }
      expect(o.status).toBe('delivered');
      const deliverS = o.deliverS!;
      // The delivering trip: the plan's trip that lists the order, on the drone the trace says delivered it.
      const planTrip = plan.drones.flatMap((d) => d.trips.map((t) => ({ d, t }))).find(({ t }) => t.orderIds.includes(o.orderId))!;
      expect(planTrip.d.droneId).toBe(o.droneId);
      const departS = trace.trips.find((t) => t.tripId === planTrip.t.tripId)!.departS;
      if (rec.givenS! > rec.placedS) expect(ORDER_PHASES[orderPhaseAt(times, i, (rec.placedS + rec.givenS!) / 2)]).toBe('pending');
      if (departS > rec.givenS!) expect(ORDER_PHASES[orderPhaseAt(times, i, (rec.givenS! + departS) / 2)]).toBe('assigned');
      const mid = (departS + deliverS) / 2;
      expect(ORDER_PHASES[orderPhaseAt(times, i, mid)]).toBe('airborne');
      expect(FLYING.has(stateAt(trace, o.droneId!, mid))).toBe(true);
      expect(ORDER_PHASES[orderPhaseAt(times, i, deliverS - 0.001)]).toBe('airborne');
      expect(ORDER_PHASES[orderPhaseAt(times, i, deliverS)]).toBe('delivered');
      expect(trace.events.some((e) => e.kind === 'delivered' && e.orderId === o.orderId && e.tS === deliverS)).toBe(true);
    }
  });
});
