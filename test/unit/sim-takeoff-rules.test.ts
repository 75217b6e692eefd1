/**
 * Rules checked when a drone takes off or comes back: depot opening hours (`depots[].open`) and
 * no-fly zones that became active before the trip left (the planned legs may cross them).
 */
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { pointInRing, shapeRing } from '../../src/core/geo/shapes';
import type { Mission } from '../../src/core/mission';
import { fallbackCostModel } from '../../src/core/sim/costFactory';
import { type SimOptions, simulate } from '../../src/core/sim/engine';
import { type SimTrace, positionAt } from '../../src/core/sim/trace';
import type { Plan } from '../../src/core/planner/plan';
import { directPlan, localMission } from './simPlanHelper';

const calm = { speedErrorSigmaMps: 0, directionErrorSigmaDeg: 0, gustScale: 0 };

function run(mission: Mission, plan: Plan = directPlan(mission, { factory: fallbackCostModel }), opts: SimOptions = {}): SimTrace {
  const r = simulate(mission, plan, { costModelFactory: fallbackCostModel, weather: calm, ...opts });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.trace;
}

function withHours(m: Mission, depotId: string, earliest: number, latest: number): Mission {
  return { ...m, depots: m.depots.map((d) => (d.id === depotId ? { ...d, open: { earliest, latest } } : d)) };
}

describe('depot opening hours', () => {
  const oneDepot = () =>
    localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 2000, y: 0, earliestS: 0, latestS: 900 }] });

  it('no take-off before the depot opens: waits, logs the delay with the reason, and reports the order late', () => {
    const base = oneDepot();
    const plan = directPlan(base, { factory: fallbackCostModel });
    expect(plan.drones[0].trips[0].departS).toBeLessThan(1800);
    const trace = run(withHours(base, 'd1', 1800, 14_400), plan);
    expect(trace.trips[0].departS).toBeGreaterThanOrEqual(1800);
    const delay = trace.events.find((e) => e.kind === 'takeoff-delayed');
    expect(delay).toMatchObject({ droneId: 'd1/m2-class/1', depotId: 'd1', tripId: plan.drones[0].trips[0].tripId });
    expect(delay!.reason).toMatch(/depot d1 closed/);
    expect(delay!.reason).toMatch(/1800/);
    // The drone is on the ground until then.
    const p = [0, 0, 0];
    for (let t = 0; t < 1800; t += 30) {
      positionAt(trace, 0, t, p);
      expect(p[2], `airborne at ${t}`).toBe(0);
    }
    expect(trace.orders[0]).toMatchObject({ status: 'delivered' });
    expect(trace.orders[0].lateS).toBeGreaterThan(0);
    expect(trace.kpis.late).toBe(1);
  });

  it('hours that cover the whole plan change nothing', () => {
    const base = oneDepot();
    const plan = directPlan(base, { factory: fallbackCostModel });
    const open = run(withHours(base, 'd1', 0, 14_400), plan);
    const plain = run(base, plan);
    expect(open.events).toEqual(plain.events);
    expect(open.drones).toEqual(plain.drones);
  });

  const twoDepots = () =>
    localMission({
      depots: [
        { id: 'd1', x: 0, y: 0, drones: 1 },
        { id: 'd2', x: 800, y: 0, drones: 1 },
      ],
      orders: [{ id: 'far', x: 0, y: 4000 }],
    });

  it('a store takes its own drone back after closing: no divert, it lands home', () => {
    const base = twoDepots();
    const plan = directPlan(base, { factory: fallbackCostModel, depotFor: () => 'd1' });
    const trip = plan.drones.find((d) => d.droneId === 'd1/m2-class/1')!.trips[0];
    const closeS = Math.round((trip.departS + trip.landS) / 2);
    expect(trip.landS).toBeGreaterThan(closeS);
    const trace = run(withHours(base, 'd1', 0, closeS), plan);
    expect(trace.events.filter((e) => e.kind === 'divert' || e.kind === 'emergency-landing')).toEqual([]);
    expect(trace.trips[0]).toMatchObject({ outcome: 'landed', landDepotId: 'd1' });
    expect(trace.trips[0].endS).toBeGreaterThan(closeS);
    expect(trace.orders[0].status).toBe('delivered');
  });

  it("opening hours refuse another store's drone: a divert goes to a depot that is open", () => {
    const base = twoDepots();
    const plan = directPlan(base, { factory: fallbackCostModel, depotFor: () => 'd1' });
    const trip = plan.drones.find((d) => d.droneId === 'd1/m2-class/1')!.trips[0];
    // Its own store is shut by a closure fault (refuses every landing); d2 is past its hours.
    const closeS = Math.round((trip.departS + trip.landS) / 2);
    const m = withHours(base, 'd2', 0, closeS);
    const trace = run({ ...m, faults: [{ kind: 'depot-closed', depotId: 'd1', fromS: closeS, toS: closeS + 7200 }] }, plan);
    // Neither depot takes it: it cannot divert to d2 and lands where it is.
    expect(trace.events.find((e) => e.kind === 'divert' && e.depotId === 'd2')).toBeUndefined();
    expect(trace.events.find((e) => e.kind === 'emergency-landing')?.reason).toMatch(/depot d1 closed; no open depot reachable/);
  });

  it('orders queued at a depot that has closed for the day fail with the reason', () => {
    const m = localMission({
      depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }],
      orders: [
        { id: 'a', x: 1500, y: 0, earliestS: 0, latestS: 3600 },
        { id: 'b', x: 0, y: 1500, earliestS: 3000, latestS: 7200 },
      ],
    });
    const plan = directPlan(m, { factory: fallbackCostModel });
    const trips = plan.drones[0].trips;
    expect(trips).toHaveLength(2);
    const closeS = Math.round((trips[0].landS + trips[1].departS) / 2);
    const trace = run(withHours(m, 'd1', 0, closeS), plan);
    const byId = new Map(trace.orders.map((o) => [o.orderId, o]));
    expect(byId.get('a')!.status).toBe('delivered');
    expect(byId.get('b')).toMatchObject({ status: 'failed' });
    expect(byId.get('b')!.reason).toMatch(/depot d1 closed for the rest of the day/);
  });
});

describe('a zone already active when a trip takes off', () => {
  const ringOf = (m: Mission) => shapeRing(m.noFlyZones[0].shape, createFrame(m.origin));

  function neverInside(trace: SimTrace, m: Mission, fromS: number, toS: number) {
    const frame = createFrame(m.origin);
    const ring = ringOf(m);
    const p = [0, 0, 0];
    for (let t = fromS; t < Math.min(toS, trace.endS); t += 1) {
      positionAt(trace, 0, t, p);
      expect(pointInRing(frame.toLocal([p[0], p[1]]), ring), `inside at ${t}`).toBe(false);
    }
  }

  it('flies around a zone active from t=100 that lies on the straight route of a trip leaving at t>=200', () => {
    const zone = { id: 'late-zone', x0: 1500, y0: -300, x1: 2100, y1: 300, activeFromS: 100, activeToS: 5000 };
    // Planned without the zone: the plan's legs go straight through it.
    const plain = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 4000, y: 0, earliestS: 900, latestS: 3600 }] });
    const plan = directPlan(plain, { factory: fallbackCostModel });
    expect(plan.drones[0].trips[0].departS).toBeGreaterThanOrEqual(200);
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 4000, y: 0, earliestS: 900, latestS: 3600 }], zones: [zone] });
    const trace = run(m, plan);
    const re = trace.events.find((e) => e.kind === 'reroute');
    expect(re).toMatchObject({ droneId: 'd1/m2-class/1', zoneId: 'late-zone', tripId: plan.drones[0].trips[0].tripId });
    expect(re!.reason).toMatch(/around/);
    expect(re!.tS).toBeGreaterThanOrEqual(200);
    expect(trace.orders[0].status).toBe('delivered');
    neverInside(trace, m, 100, 5000);
    // Going around is longer than the straight plan.
    expect(trace.trips[0].distanceM).toBeGreaterThan(2 * 4000);
  });

  it('no way around (the drop is inside): the trip is not flown, the order is re-queued until the zone ends', () => {
    const zone = { id: 'over-drop', x0: 1500, y0: -300, x1: 2100, y1: 300, activeFromS: 100, activeToS: 2500 };
    const spec = { depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'inside', x: 1800, y: 0, earliestS: 600, latestS: 5000 }] };
    const plan = directPlan(localMission(spec), { factory: fallbackCostModel });
    expect(plan.drones[0].trips[0].departS).toBeGreaterThanOrEqual(200);
    const m = localMission({ ...spec, zones: [zone] });
    const trace = run(m, plan);
    const re = trace.events.find((e) => e.kind === 'reroute');
    expect(re).toMatchObject({ zoneId: 'over-drop', tripId: plan.drones[0].trips[0].tripId });
    expect(re!.reason).toMatch(/no way around/);
    expect(trace.events.some((e) => e.kind === 'order-requeued' && e.orderId === 'inside')).toBe(true);
    expect(trace.trips.some((t) => t.tripId === plan.drones[0].trips[0].tripId)).toBe(false);
    expect(trace.orders[0].status).toBe('delivered');
    expect(trace.orders[0].deliverS).toBeGreaterThan(2500);
    neverInside(trace, m, 100, 2500);
  });
});
