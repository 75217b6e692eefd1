/** Depot pads: layout, the loader's checks, the shared separation rule and the planner's pad bookings. */
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { parseMission } from '../../src/core/mission';
import { planMission } from '../../src/core/planner';
import { NO_COLUMN, lossInInterval, separatedByPads } from '../../src/core/separation/rule';
import { SeparationMonitor } from '../../src/core/separation/monitor';
import { firstConflict, makeTrajectory } from '../../src/core/separation/trajectory';
import { buildTerminal, hexLayout, padObstacles, padPositions } from '../../src/core/terminal/pads';
import { M2, ORIGIN, ll, square } from './plannerFixture';

function mission(depotExtra: Record<string, unknown> = {}, drones = 3, orders: { x: number; y: number }[] = []) {
  const r = parseMission({
    schemaVersion: 1,
    name: 'pads',
    startTime: '2026-05-01T08:00:00+08:00',
    horizonS: 4 * 3600,
    origin: ORIGIN,
    droneModels: [M2],
    wind: { speedMps: 3, fromDeg: 200, gustMps: 1 },
    depots: [{ id: 'd', name: 'D', position: ll(0, 0), fleet: [{ modelId: 'm2', count: drones }], charging: { kind: 'swap', swapS: 60 }, ...depotExtra }],
    orders: orders.map((o, i) => ({ id: `o${i}`, position: ll(o.x, o.y), parcelKg: 1, window: { earliest: 600, latest: 2400 } })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}

describe('pad layout', () => {
  it('lays n pads on a hexagonal grid around the depot, nearest first, no two closer than the spacing', () => {
    for (const n of [2, 3, 6, 7, 19, 40]) {
      const pads = hexLayout({ x: 10, y: -5 }, n, 15);
      expect(pads).toHaveLength(n);
      for (let k = 0; k < n; k++) for (let j = 0; j < k; j++) expect(Math.hypot(pads[k].x - pads[j].x, pads[k].y - pads[j].y)).toBeGreaterThanOrEqual(15 - 1e-9);
      // Compact, around the depot (not on it): 6 pads fill the first ring, 18 the second.
      const radii = pads.map((p) => Math.hypot(p.x - 10, p.y + 5));
      expect(Math.min(...radii)).toBeCloseTo(15, 9);
      if (n <= 6) expect(Math.max(...radii)).toBeCloseTo(15, 9);
      if (n === 7 || n === 19) expect(Math.max(...radii)).toBeGreaterThan(15);
    }
    expect(hexLayout({ x: 3, y: 4 }, 1, 15)).toEqual([{ x: 3, y: 4 }]);
  });

  it('keeps pads out of the safety margin of zones and buildings', () => {
    // A building 20 m east of the depot: with a 30 m margin the pads go west.
    const m = mission({}, 6);
    const withTower = parseMission({ ...m, buildings: [{ id: 'tower', footprint: { type: 'Polygon', coordinates: [square(40, 0, 20)] }, heightM: 120 }] });
    if (!withTower.ok) throw new Error(JSON.stringify(withTower.errors));
    const frame = createFrame(m.origin);
    const free = padPositions(withTower.mission.depots[0], frame, padObstacles(withTower.mission, frame));
    expect(free).toHaveLength(6);
    for (const p of free) expect(p.x).toBeLessThan(-9.99);
    // Without obstacles the pads surround the depot.
    const around = padPositions(m.depots[0], frame);
    expect(Math.max(...around.map((p) => p.x))).toBeGreaterThan(10);
  });

  it('lays pads in a hole of a no-fly zone, keeping the safety margin from the hole\'s edges too', () => {
    // A 2 km zone around the depot, which stands in a hole of it.
    const m = mission({}, 6);
    const frame = createFrame(m.origin);
    const zoneWithHole = (hole: [number, number][]) => {
      const r = parseMission({ ...m, noFlyZones: [{ id: 'z', name: 'Z', shape: { type: 'Polygon', coordinates: [square(0, 0, 1000), hole] } }] });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.checks).toEqual([]); // the depot is not inside the zone
      return padPositions(r.mission.depots[0], frame, padObstacles(r.mission, frame));
    };
    // A wide hole: the pads surround the depot as with no zone at all.
    expect(zoneWithHole(square(0, 0, 200))).toEqual(padPositions(m.depots[0], frame));
    // The hole's east edge 25 m east of the depot: with a 30 m margin the pads go west, and stay in the hole.
    const west = zoneWithHole(square(-60, 0, 85));
    expect(west).toHaveLength(6);
    for (const p of west) {
      expect(p.x).toBeLessThanOrEqual(-5 + 1e-9);
      expect(p.x).toBeGreaterThanOrEqual(-145 + 30 - 1e-9);
      expect(Math.abs(p.y)).toBeLessThanOrEqual(85 - 30 + 1e-9);
    }
  });

  it('defaults to one pad per drone and gives each drone its own; fewer pads are shared evenly', () => {
    const m = mission({}, 4);
    const frame = createFrame(m.origin);
    expect(padPositions(m.depots[0], frame)).toHaveLength(4);
    expect([...buildTerminal(m, frame).homePad.values()]).toEqual([0, 1, 2, 3]);
    const shared = mission({ pads: { count: 2 } }, 5);
    expect([...buildTerminal(shared, frame).homePad.values()]).toEqual([0, 1, 0, 1, 0]);
  });

  it('refuses explicit pads that are too close together or far from the depot, naming the pad', () => {
    const tooClose = parseMission({ ...mission(), depots: [{ ...mission().depots[0], pads: { positions: [ll(0, 10), ll(0, 14)] } }] });
    expect(tooClose.ok).toBe(false);
    if (!tooClose.ok) expect(tooClose.errors.map((e) => `${e.path}: ${e.message}`)).toContainEqual(expect.stringMatching(/^depots\[0\]\.pads\.positions\[1\]: is 4\.0 m from pad 0; pads must be at least 8 m apart/));
    const far = parseMission({ ...mission(), depots: [{ ...mission().depots[0], pads: { positions: [ll(0, 10), ll(900, 0)] } }] });
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.errors.map((e) => `${e.path}: ${e.message}`)).toContainEqual(expect.stringMatching(/^depots\[0\]\.pads\.positions\[1\]: is 900 m from the depot position/));
    const spacing = parseMission({ ...mission(), depots: [{ ...mission().depots[0], pads: { count: 3, spacingM: 2 } }] });
    expect(spacing.ok).toBe(false);
    if (!spacing.ok) expect(spacing.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['depots[0].pads.spacingM: must be >= 8 m']);
    // A pad count is reported in its own field, not as the union's "Invalid input".
    const fraction = parseMission({ ...mission(), depots: [{ ...mission().depots[0], pads: { count: 2.5 } }] });
    if (!fraction.ok) expect(fraction.errors.map((e) => `${e.path}: ${e.message}`)).toEqual(['depots[0].pads.count: must be a whole number']);
    expect(fraction.ok).toBe(false);
  });
});

describe('the separation rule (shared by planner and simulator)', () => {
  it('exempts only two drones in the columns of two different pads', () => {
    expect(separatedByPads(3, 4)).toBe(true);
    expect(separatedByPads(3, 3)).toBe(false);
    expect(separatedByPads(3, NO_COLUMN)).toBe(false);
    expect(separatedByPads(NO_COLUMN, NO_COLUMN)).toBe(false);
  });

  it('finds the overlap of the horizontal and vertical losses of linear relative motion', () => {
    const min = { horizontalM: 50, verticalM: 10 };
    // Head-on at the same height: closest at the middle, 0 m.
    expect(lossInInterval(-100, 0, 0, 200, 0, 0, min)?.s).toBeCloseTo(0.5, 9);
    // Same track but 20 m apart vertically: never.
    expect(lossInInterval(-100, 0, 20, 200, 0, 0, min)).toBeUndefined();
    // Vertically close only at the start (s < 1/6), horizontally close only in the middle (0.25..0.75): never.
    expect(lossInInterval(-100, 0, 0, 200, 0, 60, min)).toBeUndefined();
  });

  it('planner and monitor agree: two climbs over neighbouring pads are apart, two over one pad are not', () => {
    const climb = (x: number, t0: number, col: number) =>
      makeTrajectory([
        { t: t0, x, y: 0, z: 0, col },
        { t: t0 + 15, x, y: 0, z: 60 },
      ]);
    const min = { horizontalM: 50, verticalM: 10 };
    expect(firstConflict(climb(0, 0, 1), climb(15, 0, 2), min)).toBeUndefined();
    expect(firstConflict(climb(0, 0, NO_COLUMN), climb(15, 0, NO_COLUMN), min)).toBeDefined();
    // Over one pad 2 s apart: 8 m apart vertically all the way up.
    expect(firstConflict(climb(0, 0, 1), climb(0, 2, 1), min)).toBeDefined();
    const mon = new SeparationMonitor(2, 50, 10, 10);
    const z0 = Float64Array.of(10, 12);
    const z1 = Float64Array.of(14, 16);
    const x = Float64Array.of(0, 15);
    const y = Float64Array.of(0, 0);
    const air = Uint8Array.of(1, 1);
    let losses = 0;
    mon.check(0, x, y, z0, x, y, z1, air, Int32Array.of(1, 2), () => losses++);
    expect(losses).toBe(0);
    mon.check(1, x, y, z0, x, y, z1, air, Int32Array.of(1, 1), () => losses++);
    expect(losses).toBe(1);
  });
});

describe('the planner on a depot with pads', () => {
  it('flies every trip from its pad and never puts two movements on one pad within the turnaround', () => {
    const orders = Array.from({ length: 12 }, (_, i) => ({ x: 1500 * Math.cos(i), y: 1500 * Math.sin(i) }));
    const m = mission({ pads: { count: 2, spacingM: 12, turnaroundS: 40 } }, 4, orders);
    const { plan } = planMission(m, { iterations: 300, seed: 2 });
    const frame = createFrame(m.origin);
    const pads = padPositions(m.depots[0], frame);
    const moves: { pad: number; fromS: number; toS: number }[] = [];
    for (const d of plan.drones)
      for (const t of d.trips) {
        expect(t.pad).toBeGreaterThanOrEqual(0);
        const first = t.legs[0].waypoints[0];
        const last = t.legs[t.legs.length - 1].waypoints.at(-1)!;
        for (const w of [first, last]) {
          const p = frame.toLocal([w[0], w[1]]);
          expect(Math.hypot(p.x - pads[t.pad!].x, p.y - pads[t.pad!].y)).toBeLessThan(0.05);
        }
        // Take-off column: first two waypoints; landing column: the last two.
        const w = t.legs[0].waypoints;
        const v = t.legs[t.legs.length - 1].waypoints;
        moves.push({ pad: t.pad!, fromS: w[0][3], toS: w[1][3] + 40 }, { pad: t.pad!, fromS: v[v.length - 2][3], toS: v[v.length - 1][3] + 40 });
      }
    expect(plan.kpis.assigned).toBeGreaterThan(6);
    for (const p of [0, 1]) {
      const list = moves.filter((x) => x.pad === p).sort((a, b) => a.fromS - b.fromS);
      for (let i = 1; i < list.length; i++) expect(list[i].fromS).toBeGreaterThanOrEqual(list[i - 1].toS - 1e-3);
    }
  });
});
