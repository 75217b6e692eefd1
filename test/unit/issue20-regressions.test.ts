/**
 * Regression tests for issue 20 (hardening): a drop point in a hole of a no-fly zone, a drop point at
 * its depot, orders left pending by a day-long depot closure. (The KML control-character case is in
 * formats-czml-kml.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { pointInShape, shapeRings } from '../../src/core/geo/shapes';
import type { Mission, MissionInput } from '../../src/core/mission';
import { buildAirspace, shortestHorizontalPath } from '../../src/core/paths';
import { planMission } from '../../src/core/planner';
import { simulate } from '../../src/core/sim';
import { buildReachMap, scaleOrders } from '../../src/core/whatif';
import { reachMapSvg } from '../../src/core/whatif/charts';
import { frame, loadTestMission, square, testDepot, testMission, testOrder } from './plannerFixture';

const load = loadTestMission;
const mission = testMission;
const depot = (id: string, x: number, y: number, count = 1) => testDepot(id, x, y, count);
const order = (id: string, x: number, y: number) => testOrder(id, x, y);
const FAST = { iterations: 200, seed: 3 };

/** A 2 km square zone centred 2 km north with an 800 m square hole (a permitted area) in its middle. */
const holedZone = (extra: { ceilingM?: number } = {}) => ({
  id: 'ring',
  name: 'Ring zone',
  shape: { type: 'Polygon' as const, coordinates: [square(0, 2000, 1000), square(0, 2000, 400).reverse()] },
  ...extra,
});

describe('the what-if tools see a zone\'s holes too (issue 20)', () => {
  const inHole = () =>
    mission({ noFlyZones: [holedZone({ ceilingM: 80 })], depots: [depot('d1', 0, 2000)], orders: [order('a', 0, 2100), order('b', 100, 1900)] });

  it('order copies may land in a hole (they used to stay on their source, every try being "in the zone")', () => {
    const m = inHole();
    const rings = shapeRings(m.noFlyZones[0].shape, frame);
    const scaled = scaleOrders(m, 3, 7);
    const copies = scaled.slice(m.orders.length);
    expect(copies).toHaveLength(4);
    const sources = new Set(m.orders.map((o) => o.position.join()));
    for (const c of copies) {
      expect(sources.has(c.position.join())).toBe(false);
      expect(pointInShape(frame.toLocal(c.position), rings)).toBe(false);
    }
  });

  it('the reach map draws the hole, cut out of the zone', () => {
    const map = buildReachMap(inHole());
    expect(map.zones[0].holes).toHaveLength(1);
    expect(reachMapSvg(map)).toContain('fill-rule="evenodd"');
  });
});

describe('a drop point inside a hole of a no-fly zone is outside the zone (issue 20)', () => {
  it('one helper: inside the outline and in no hole', () => {
    const rings = shapeRings(holedZone().shape, frame);
    expect(rings).toHaveLength(2);
    expect(pointInShape({ x: 0, y: 2000 }, rings)).toBe(false); // in the hole
    expect(pointInShape({ x: 0, y: 1200 }, rings)).toBe(true); // in the zone's band
    expect(pointInShape({ x: 0, y: 0 }, rings)).toBe(false); // outside
  });

  it('the loader does not flag it, the path finder reaches it over the zone, the planner delivers it', () => {
    const r = load({
      noFlyZones: [holedZone({ ceilingM: 80 })],
      depots: [depot('d1', 0, 0)],
      orders: [order('in-hole', 0, 2000), order('in-band', 0, 1200)],
      settings: { cruiseAltitudesM: [60, 100] } as MissionInput['settings'],
    });
    // Only the point in the zone's band is flagged (a zone from the ground makes a point unusable).
    expect(r.checks.map((c) => c.path)).toEqual(['orders[1].position']);
    const m = r.mission;
    const air = buildAirspace(m);
    // At 60 m (inside the zone's band) the hole's centre is not "in" the zone, only walled in by it.
    const at60 = shortestHorizontalPath(air, { x: 0, y: 0 }, { x: 0, y: 2000 }, 60, 0);
    expect(at60.ok).toBe(false);
    if (!at60.ok) expect(at60.code).toBe('unreachable');
    const at100 = shortestHorizontalPath(air, { x: 0, y: 0 }, { x: 0, y: 2000 }, 100, 0);
    expect(at100.ok).toBe(true);
    const { plan } = planMission(m, FAST);
    const inHole = plan.orders.find((o) => o.orderId === 'in-hole')!;
    expect(inHole.status, JSON.stringify(inHole)).toBe('assigned');
    // The band itself stays forbidden (the drop column crosses the zone).
    expect(plan.orders.find((o) => o.orderId === 'in-band')!.status).toBe('unassigned');
  }, 60_000);

  it('a ground-to-sky zone: the hole is flagged by no check and explained as walled in, not as inside', () => {
    const r = load({ noFlyZones: [holedZone()], depots: [depot('d1', 0, 0)], orders: [order('in-hole', 0, 2000), order('in-band', 0, 1200)] });
    expect(r.checks.map((c) => c.path)).toEqual(['orders[1].position']);
    const { plan } = planMission(r.mission, FAST);
    const o = plan.orders.find((x) => x.orderId === 'in-hole')!;
    expect(o.status).toBe('unassigned');
    if (o.status === 'unassigned') expect(o.message).toMatch(/walled in/);
  }, 60_000);
});

describe('a drop point at its depot (issue 20)', () => {
  it('is reported as at-depot, not in-no-fly-zone, when only that depot can serve it', () => {
    const { plan } = planMission(mission({ depots: [depot('d1', 0, 0)], orders: [order('here', 0, 0), order('there', 1000, 0)] }), FAST);
    const here = plan.orders.find((o) => o.orderId === 'here')!;
    expect(here.status).toBe('unassigned');
    if (here.status === 'unassigned') {
      expect(here.reason).toBe('at-depot');
      expect(here.message).toContain('depot d1');
    }
    expect(plan.orders.find((o) => o.orderId === 'there')!.status).toBe('assigned');
  }, 60_000);

  it('is delivered from another depot when there is one', () => {
    const { plan } = planMission(mission({ depots: [depot('d1', 0, 0), depot('d2', 1500, 0)], orders: [order('here', 0, 0)] }), FAST);
    const here = plan.orders.find((o) => o.orderId === 'here')!;
    expect(here.status, JSON.stringify(here)).toBe('assigned');
    if (here.status === 'assigned') expect(here.droneId.startsWith('d2/')).toBe(true);
  }, 60_000);
});

function sim(m: Mission, plan: unknown, options: Parameters<typeof simulate>[2]) {
  const r = simulate(m, plan, options);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.trace;
}

describe('a depot closed for the whole day leaves no order pending without a reason (issue 20)', () => {
  const m = mission({ depots: [depot('d1', 0, 0)], orders: [order('a', 800, 0), order('b', 0, 900), order('c', -700, 300)] });
  const { plan } = planMission(m, FAST);

  it('closed from the start to beyond the end of the day: every order fails with the closure as reason', () => {
    const trace = sim(m, plan, { faults: [{ kind: 'depot-closed', depotId: 'd1', fromS: 0, toS: 200_000 }] });
    expect(trace.orders).toHaveLength(3);
    for (const o of trace.orders) {
      expect(o.status, JSON.stringify(o)).toBe('failed');
      expect(o.reason).toMatch(/depot d1 closed until 200000 s, after the end of the simulated day/);
    }
    expect(trace.events.filter((e) => e.kind === 'order-failed')).toHaveLength(3);
  }, 60_000);

  it('reopening just before the end: what is left pending says why', () => {
    const probe = sim(m, plan, {});
    const trace = sim(m, plan, { faults: [{ kind: 'depot-closed', depotId: 'd1', fromS: 0, toS: probe.endS - 60 }] });
    for (const o of trace.orders) {
      if (o.status === 'delivered') continue;
      expect(o.reason, JSON.stringify(o)).toBeTruthy();
      if (o.status === 'pending') expect(o.reason).toMatch(/not flown before the end \(.*\): (queued on|in flight)|in flight on/);
    }
  }, 60_000);
});
