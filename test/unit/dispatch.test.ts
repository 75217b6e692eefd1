/**
 * Live dispatch (src/core/dispatch): the dispatcher learns of an order only when it is placed, works
 * inside the simulated day (it sees drones out of service), and its decisions are reproducible.
 * Days come from the real pipeline: the bundled busy day's demand model, cut to a few stores.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDayMap, dispatchDay, type DispatchResult } from '../../src/core/dispatch';
import { withDemandOrders } from '../../src/core/dispatch/demand';
import { dronesFlown } from '../../src/core/dispatch/measures';
import { parseMission } from '../../src/core/mission/load';
import type { Mission } from '../../src/core/mission/schema';
import { planSchema } from '../../src/core/planner/plan';

/** Three stores of the busy day with half its demand: a day of about 90 orders. */
function smallDay(seed = 1): Mission {
  const r = parseMission(JSON.parse(readFileSync('missions/shenzhen-busy-day.json', 'utf8')));
  if (!r.ok || !r.mission.demand) throw new Error('busy day refused');
  const depots = r.mission.depots.slice(0, 3).map((d) => ({ ...d, fleet: d.fleet.map((f) => ({ ...f, count: 2 })) }));
  const demand = { ...r.mission.demand, hourly: r.mission.demand.hourly.map((h) => h / 2) };
  return withDemandOrders({ ...r.mission, depots, demand, orders: [] }, seed);
}

/** A whole dispatched day takes seconds (more on a busy machine). */
const DAY_TIMEOUT_MS = 180_000;

const givenTrips = (r: DispatchResult) =>
  r.plan.drones.flatMap((d) => d.trips.map((t) => ({ droneId: d.droneId, trip: t, givenS: Math.max(...t.orderIds.map((id) => r.trace.dispatch!.orders.find((o) => o.orderId === id)!.givenS!)) })));

describe('live dispatch', { timeout: DAY_TIMEOUT_MS }, () => {
  const mission = smallDay();
  const map = buildDayMap(mission);
  const rolling = dispatchDay(mission, { policy: 'rolling', map, seed: 1 });
  const greedy = dispatchDay(mission, { policy: 'greedy', map, seed: 1 });

  it('gives no order out before it is placed, and no trip takes off before its orders were given', () => {
    expect(mission.orders.length).toBeGreaterThan(40);
    for (const r of [rolling, greedy]) {
      const rec = r.trace.dispatch!;
      expect(rec.policy).toBe(r.policy);
      const given = rec.orders.filter((o) => o.givenS !== undefined);
      expect(given.length).toBeGreaterThan(0.9 * mission.orders.length);
      for (const o of given) expect(o.givenS!).toBeGreaterThanOrEqual(o.placedS);
      for (const g of givenTrips(r)) expect(g.trip.departS).toBeGreaterThanOrEqual(g.givenS - 1e-6);
    }
  });

  it('writes a valid plan of the trips given out and a trace whose deliveries are those trips', () => {
    for (const r of [rolling, greedy]) {
      expect(planSchema.safeParse(r.plan).success).toBe(true);
      const planned = new Set(r.plan.drones.flatMap((d) => d.trips.flatMap((t) => t.orderIds)));
      for (const o of r.trace.orders) if (o.status === 'delivered') expect(planned.has(o.orderId)).toBe(true);
      expect(r.trace.kpis.separationLosses).toBe(0);
      expect(r.trace.kpis.emergencyLandings).toBe(0);
      expect(r.trace.kpis.onTimeRate).toBeGreaterThan(0.95);
    }
  });

  it('rolling re-plans batch the orders: less energy than one order per trip', () => {
    const perTrip = (r: DispatchResult) => {
      const trips = r.plan.drones.flatMap((d) => d.trips);
      return trips.reduce((s, t) => s + t.orderIds.length, 0) / trips.length;
    };
    expect(perTrip(greedy)).toBe(1);
    expect(perTrip(rolling)).toBeGreaterThan(1.2);
    expect(rolling.trace.kpis.energyWh).toBeLessThan(greedy.trace.kpis.energyWh);
    expect(rolling.replans.count).toBeGreaterThan(10);
    expect(dronesFlown(rolling.trace)).toBeGreaterThan(0);
  });

  it('is reproducible: same day and seed, same trace', () => {
    const again = dispatchDay(mission, { policy: 'rolling', map, seed: 1 });
    expect(JSON.stringify(again.trace)).toBe(JSON.stringify(rolling.trace));
  }, DAY_TIMEOUT_MS);

  it('knows nothing of later orders: changing them leaves every earlier decision as it was', () => {
    const cutS = 4 * 3600;
    // Orders placed after the cut move and get heavier: nothing decided before the cut may change.
    const altered: Mission = {
      ...mission,
      orders: mission.orders.map((o) =>
        (o.placedAt as number) > cutS ? { ...o, position: [o.position[0] + 0.004, o.position[1] - 0.003] as [number, number], parcelKg: Math.min(2.4, o.parcelKg * 1.5) } : o,
      ),
    };
    for (const policy of ['rolling', 'greedy'] as const) {
      const a = policy === 'rolling' ? rolling : greedy;
      const b = dispatchDay(altered, { policy, seed: 1 });
      const decidedBeforeCut = (r: DispatchResult) => givenTrips(r).filter((g) => g.givenS <= cutS).map((g) => JSON.stringify(g));
      expect(decidedBeforeCut(a).length).toBeGreaterThan(5);
      expect(decidedBeforeCut(b)).toEqual(decidedBeforeCut(a));
      // ...and the change after the cut is real: later trips differ.
      expect(JSON.stringify(givenTrips(b))).not.toBe(JSON.stringify(givenTrips(a)));
    }
  }, DAY_TIMEOUT_MS);

  it('sees the simulated day: a drone lost to a motor failure gets no more work', () => {
    const victim = rolling.plan.drones.find((d) => d.trips.length >= 3)!;
    const failAtS = victim.trips[1].departS + 60;
    const r = dispatchDay({ ...mission, faults: [{ kind: 'motor-failure', droneId: victim.droneId, atS: failAtS }] }, { policy: 'rolling', seed: 1 });
    const after = r.plan.drones.find((d) => d.droneId === victim.droneId)!.trips.filter((t) => t.departS > failAtS);
    expect(after).toEqual([]);
    expect(r.trace.kpis.emergencyLandings).toBe(1);
    // The other drones pick up the work: most orders still on time.
    expect(r.trace.kpis.onTimeRate).toBeGreaterThan(0.9);
  }, DAY_TIMEOUT_MS);

  it('reports orders no drone can serve with the reason, never silently', () => {
    const heavy = { ...mission, orders: mission.orders.map((o, i) => (i === 3 ? { ...o, parcelKg: 9 } : o)) };
    const r = dispatchDay(heavy, { policy: 'rolling', seed: 1 });
    const o = r.trace.orders[3];
    expect(o.status).toBe('failed');
    expect(o.reason).toMatch(/^not dispatched \(too-heavy: /);
    // Given up the moment it was placed (nothing about it changes later).
    const rec = r.trace.dispatch!.orders[3];
    expect(rec.rejectedS).toBe(rec.placedS);
    expect(rec.givenS).toBeUndefined();
    const out = r.plan.orders[3];
    expect(out.status === 'unassigned' && out.reason).toBe('too-heavy');
  }, DAY_TIMEOUT_MS);
});
