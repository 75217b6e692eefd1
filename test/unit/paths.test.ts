import { describe, expect, it } from 'vitest';
import type { FlightCostModel } from '../../src/core/energy/flightCost';
import { distanceCostModel } from '../../src/core/energy/flightCost';
import type { XY } from '../../src/core/geo/frame';
import { missionSchema } from '../../src/core/mission';
import {
  type FlightLeg,
  type LegResult,
  type PathError,
  buildAirspace,
  legLengthM,
  legToGeoJson,
  pathMatrix,
  planLeg,
  resolvePlace,
  shortestHorizontalPath,
} from '../../src/core/paths';
import { BUFFER_SIDES } from '../../src/core/paths/buffer';
import { ORIGIN, building, circleZone, frame, rect, sceneMission, zone } from './paths.scene';

const SPEED = 15;
const CLIMB = 3;
const POWER = 540; // 0.15 Wh per second
const cost = distanceCostModel({ speedMps: SPEED, verticalMps: CLIMB, powerW: POWER });
const P = (x: number, y: number): XY => ({ x, y });

function ok(r: LegResult): FlightLeg {
  if (!r.ok) throw new Error(`expected a leg, got ${r.code}: ${r.message}`);
  return r;
}
function err(r: LegResult | { ok: boolean }): PathError {
  if (r.ok) throw new Error('expected an error');
  return r as PathError;
}

/** A square zone [-100, 100]^2 between (-500, 0) and (500, 0). */
const squareScene = (marginM: number) => sceneMission({ zones: [zone('sq', rect(-100, -100, 100, 100))], marginM });

describe('planLeg: geometry', () => {
  it('flies straight when nothing is in the way, with consistent 3D segments and totals', () => {
    const air = buildAirspace(sceneMission({}));
    const leg = ok(planLeg(air, { from: P(0, 0), to: P(3000, 4000), altitudeM: 60, departS: 0, cost }));
    expect(leg.horizontalLengthM).toBeCloseTo(5000, 6);
    expect(leg.segments.map((s) => s.kind)).toEqual(['climb', 'cruise', 'descent']);
    expect(leg.lengthM).toBeCloseTo(5000 + 60 + 60, 6);
    // Time: 60/3 up, 5000/15 across, 60/3 down.
    expect(leg.durationS).toBeCloseTo(20 + 5000 / 15 + 20, 6);
    expect(leg.energyWh).toBeCloseTo((leg.durationS * POWER) / 3600, 6);
    let t = 0;
    let e = 0;
    for (const s of leg.segments) {
      t += s.durationS;
      e += s.energyWh;
      expect(s.cumTimeS).toBeCloseTo(t, 9);
      expect(s.cumEnergyWh).toBeCloseTo(e, 9);
    }
    expect(leg.waypoints.map((w) => w.altM)).toEqual([0, 60, 60, 0]);
    expect(leg.waypoints.at(-1)?.tS).toBeCloseTo(leg.durationS, 9);
    // Waypoints carry lng/lat of their local position.
    const last = leg.waypoints.at(-1)!;
    const back = frame.toLocal([last.lng, last.lat]);
    expect(back.x).toBeCloseTo(3000, 3);
    expect(back.y).toBeCloseTo(4000, 3);
    expect(leg.arriveS).toBeCloseTo(leg.durationS, 9);
  });

  it('goes around a square zone through its corners (hand-computed length without margin)', () => {
    const air = buildAirspace(squareScene(0));
    const r = shortestHorizontalPath(air, P(-500, 0), P(500, 0), 60, 0);
    if (!r.ok) throw new Error(r.message);
    // (-500,0) -> (-100,±100) -> (100,±100) -> (500,0)
    expect(r.lengthM).toBeCloseTo(2 * Math.hypot(400, 100) + 200, 6);
    expect(r.points).toHaveLength(4);
    expect(Math.abs(r.points[1].y)).toBeCloseTo(100, 6);
  });

  it('keeps the safety margin: between the detours around margin discs of radius m and m / cos(pi / 16)', () => {
    // Around a disc of radius r at corner (-100, 100): tangent from (-500, 0), arc to the top, straight across.
    const around = (r: number) => {
      const d = Math.hypot(400, 100);
      const arc = Math.atan2(100, 400) + Math.asin(r / d);
      return 2 * (Math.sqrt(d * d - r * r) + r * arc) + 200;
    };
    const air = buildAirspace(squareScene(30));
    const len = legLengthM(air, P(-500, 0), P(500, 0), 60, 0);
    expect(len).toBeGreaterThanOrEqual(around(30) - 1e-9);
    expect(len).toBeLessThanOrEqual(around(30 / Math.cos(Math.PI / BUFFER_SIDES)) + 1e-9);
  });

  it('overflies buildings lower than cruise minus clearance and flies around taller ones', () => {
    const low = buildAirspace(sceneMission({ buildings: [building('b', rect(-50, -50, 50, 50), 40)], clearanceM: 20 }));
    expect(legLengthM(low, P(-500, 0), P(500, 0), 60, 0)).toBeCloseTo(1000, 6);
    const tall = buildAirspace(sceneMission({ buildings: [building('b', rect(-50, -50, 50, 50), 41)], clearanceM: 20 }));
    expect(legLengthM(tall, P(-500, 0), P(500, 0), 60, 0)).toBeGreaterThan(1001);
    // At a higher layer the same building is overflown again.
    expect(legLengthM(tall, P(-500, 0), P(500, 0), 75, 0)).toBeCloseTo(1000, 6);
  });

  it('flies over a zone whose ceiling is below the cruise and under one whose floor is above it', () => {
    const air = buildAirspace(
      sceneMission({
        zones: [zone('low', rect(-300, -100, -100, 100), { ceilingM: 40 }), zone('high', rect(100, -100, 300, 100), { floorM: 100 })],
      }),
    );
    const leg = ok(planLeg(air, { from: P(-500, 0), to: P(500, 0), altitudeM: 60, departS: 0, cost }));
    expect(leg.horizontalLengthM).toBeCloseTo(1000, 6);
    // But the vertical climb must not start inside the low zone...
    const e = err(planLeg(air, { from: P(-200, 0), to: P(500, 0), altitudeM: 60, departS: 0, cost }));
    expect(e.code).toBe('start-in-zone');
    expect(e.zones).toEqual(['low']);
    // ...while standing under the high zone is fine.
    ok(planLeg(air, { from: P(200, 0), to: P(-500, 50), altitudeM: 60, departS: 0, cost }));
  });

  it('avoids a time-limited zone only while it is active, including when it activates mid-leg', () => {
    const air = buildAirspace(sceneMission({ zones: [zone('event', rect(-100, -100, 100, 100), { active: { earliest: 600, latest: 1800 } })] }));
    const fly = (departS: number) => ok(planLeg(air, { from: P(-500, 0), to: P(500, 0), altitudeM: 60, departS, cost })).horizontalLengthM;
    expect(fly(0)).toBeCloseTo(1000, 6);
    expect(fly(1000)).toBeGreaterThan(1030);
    expect(fly(2000)).toBeCloseTo(1000, 6);
    // Takes ~107 s: departing at 550 it would be over the zone after 600.
    expect(fly(550)).toBeGreaterThan(1030);
    // Mission-time ISO windows resolve too.
    const iso = buildAirspace(
      sceneMission({ zones: [zone('event', rect(-100, -100, 100, 100), { active: { earliest: '2026-05-01T08:10:00+08:00', latest: '2026-05-01T08:30:00+08:00' } })] }),
    );
    expect(legLengthM(iso, P(-500, 0), P(500, 0), 60, 0)).toBeCloseTo(1000, 6);
    expect(legLengthM(iso, P(-500, 0), P(500, 0), 60, 900)).toBeGreaterThan(1030);
  });

  it('adds the drop at the destination and can start from a previous drop height', () => {
    const air = buildAirspace(sceneMission({}));
    const winch = ok(planLeg(air, { from: P(0, 0), to: P(1500, 0), altitudeM: 60, departS: 0, cost, drop: { method: 'winch', seconds: 40 } }));
    expect(winch.segments.map((s) => s.kind)).toEqual(['climb', 'cruise', 'descent', 'drop']);
    const drop = winch.segments.at(-1)!;
    expect(drop.durationS).toBe(40);
    expect(drop.energyWh).toBeCloseTo((40 * POWER) / 3600, 9);
    expect(drop.from.altM).toBeGreaterThan(0);
    const landed = ok(planLeg(air, { from: P(0, 0), to: P(1500, 0), altitudeM: 60, departS: 0, cost, drop: { method: 'land', seconds: 40 } }));
    expect(landed.segments.at(-1)!.to.altM).toBe(0);
    expect(landed.segments.at(-1)!.energyWh).toBe(0);
    const next = ok(planLeg(air, { from: P(1500, 0), to: P(0, 0), altitudeM: 60, departS: 0, cost, startAltM: drop.to.altM }));
    expect(next.segments[0].lengthM).toBeCloseTo(60 - drop.to.altM, 9);
    const hold = ok(planLeg(air, { from: P(0, 0), to: P(1500, 0), altitudeM: 60, departS: 0, cost, holdS: 30 }));
    expect(hold.segments.map((s) => s.kind)).toEqual(['climb', 'cruise', 'hover', 'descent']);
  });

  it('reuses one graph per set of applying obstacles', () => {
    const air = buildAirspace(sceneMission({ buildings: [building('b', rect(-50, -50, 50, 50), 50)], zones: [zone('z', rect(200, 200, 300, 300))] }));
    legLengthM(air, P(-500, 0), P(500, 0), 60, 0);
    legLengthM(air, P(-400, 0), P(500, 10), 60, 100);
    legLengthM(air, P(-400, 0), P(500, 10), 65, 100); // same obstacles apply at 65 m
    expect(air.layerCount).toBe(1);
    legLengthM(air, P(-400, 0), P(500, 10), 90, 100); // the building is overflown now
    expect(air.layerCount).toBe(2);
  });

  it('exports the leg as a GeoJSON LineString with altitude third', () => {
    const air = buildAirspace(squareScene(30));
    const leg = ok(planLeg(air, { from: P(-500, 0), to: P(500, 0), altitudeM: 75, departS: 0, cost }));
    const f = legToGeoJson(leg);
    expect(f.geometry.type).toBe('LineString');
    expect(f.geometry.coordinates).toHaveLength(leg.waypoints.length);
    expect(f.geometry.coordinates.map((c) => c[2])).toEqual(leg.waypoints.map((w) => w.altM));
    expect(f.properties.lengthM).toBeCloseTo(leg.lengthM, 1);
  });
});

describe('planLeg: bad input gets a clear answer', () => {
  const air = buildAirspace(
    sceneMission({
      zones: [
        zone('airport', rect(-100, -100, 100, 100)),
        circleZone('prison', P(1000, 1000), 80),
        // Four walls closing a courtyard around (3000, 0).
        zone('wall-n', rect(2800, 180, 3200, 220)),
        zone('wall-s', rect(2800, -220, 3200, -180)),
        zone('wall-w', rect(2780, -220, 2820, 220)),
        zone('wall-e', rect(3180, -220, 3220, 220)),
      ],
      marginM: 30,
      areaRadiusM: 5000,
    }),
  );
  const leg = (from: XY, to: XY) => planLeg(air, { from, to, altitudeM: 60, departS: 0, cost });

  it('start or end inside a zone, naming it', () => {
    const e = err(leg(P(0, 0), P(500, 500)));
    expect(e.code).toBe('start-in-zone');
    expect(e.zones).toEqual(['airport']);
    expect(e.message).toContain('"Zone airport" (airport)');
    const f = err(leg(P(-500, 500), P(1000, 1000)));
    expect(f.code).toBe('end-in-zone');
    expect(f.zones).toEqual(['prison']);
  });

  it('a point inside the safety margin is refused and the message says so', () => {
    const e = err(leg(P(115, 0), P(500, 500)));
    expect(e.code).toBe('start-in-zone');
    expect(e.message).toContain('within the 30 m safety margin');
  });

  it('a walled-in point is unreachable, naming the walls', () => {
    const e = err(leg(P(0, 500), P(3000, 0)));
    expect(e.code).toBe('unreachable');
    expect(e.zones?.sort()).toEqual(['wall-e', 'wall-n', 'wall-s', 'wall-w']);
    expect(e.message).toContain('walled in');
    // Inside the courtyard itself, flying is fine.
    expect(ok(leg(P(2950, 0), P(3050, 50))).horizontalLengthM).toBeCloseTo(Math.hypot(100, 50), 6);
  });

  it('zero-length and outside-area', () => {
    expect(err(leg(P(500, 500), P(500, 500))).code).toBe('zero-length');
    expect(err(leg(P(500, 500), P(6000, 0))).code).toBe('outside-area');
    expect(err(planLeg(air, { from: P(500, 500), to: P(600, 600), altitudeM: -5, departS: 0, cost })).code).toBe('outside-area');
  });

  it('infeasible-wind when the cost model refuses the headings a path needs', () => {
    // A model that cannot fly with any westward component (a strong east wind, say).
    const noWest: FlightCostModel = {
      ...cost,
      cruise: (a, b, alt) => (b.x < a.x - 1e-9 ? { ok: false, reason: 'headwind 14 m/s exceeds the limit' } : cost.cruise(a, b, alt)),
    };
    const e = err(planLeg(air, { from: P(500, 500), to: P(-500, 500), altitudeM: 60, departS: 0, cost: noWest }));
    expect(e.code).toBe('infeasible-wind');
    expect(e.message).toContain('headwind 14 m/s');
    // The distance objective finds the path, then cannot cost its segments.
    expect(err(planLeg(air, { from: P(500, 500), to: P(-500, 500), altitudeM: 60, departS: 0, cost: noWest, objective: 'distance' })).code).toBe(
      'infeasible-wind',
    );
    const never: FlightCostModel = { ...cost, cruise: () => ({ ok: false, reason: 'wind above maxWindMps' }) };
    expect(err(planLeg(air, { from: P(500, 500), to: P(600, 500), altitudeM: 60, departS: 0, cost: never })).code).toBe('infeasible-wind');
  });
});

describe('energy objective', () => {
  // Steep northbound flight costs 3x per metre (think of a strong north wind); other headings 1x.
  const northPenalty: FlightCostModel = {
    ...cost,
    cruise(a, b, alt) {
      const c = cost.cruise(a, b, alt);
      if (!c.ok) return c;
      const len = Math.hypot(b.x - a.x, b.y - a.y);
      const steepNorth = len > 0 && (b.y - a.y) / len > Math.cos((20 * Math.PI) / 180);
      return steepNorth ? { ...c, energyWh: c.energyWh * 3, powerW: c.powerW * 3 } : c;
    },
  };
  // A wall across the way north, reaching further east than west.
  const air = buildAirspace(sceneMission({ zones: [zone('wall', rect(-100, 450, 400, 550))], marginM: 0 }));

  it('takes a longer but cheaper path than the shortest one', () => {
    const req = { from: P(0, 0), to: P(0, 1000), altitudeM: 60, departS: 0, cost: northPenalty };
    const shortest = ok(planLeg(air, { ...req, objective: 'distance' }));
    const cheapest = ok(planLeg(air, { ...req, objective: 'energy' }));
    expect(shortest.horizontalPath[1].x).toBeCloseTo(-100, 6); // west side
    expect(cheapest.horizontalPath[1].x).toBeCloseTo(400, 6); // east side
    expect(cheapest.horizontalLengthM).toBeGreaterThan(shortest.horizontalLengthM);
    expect(cheapest.energyWh).toBeLessThan(shortest.energyWh);
  });

  it('pathMatrix agrees with single queries, direction by direction', () => {
    const pts = [P(0, 0), P(0, 1000), P(-300, 700), P(600, 200), P(150, 900)];
    for (const objective of ['distance', 'energy'] as const) {
      const m = pathMatrix(air, pts, 60, 0, { objective, cost: northPenalty });
      for (let i = 0; i < pts.length; i++) {
        for (let j = 0; j < pts.length; j++) {
          if (i === j) {
            expect(m.cost[i * pts.length + j]).toBe(0);
            continue;
          }
          const r = shortestHorizontalPath(air, pts[i], pts[j], 60, 0, { objective, cost: northPenalty });
          if (!r.ok) throw new Error(r.message);
          expect(m.cost[i * pts.length + j], `${objective} ${i}->${j}`).toBeCloseTo(r.cost, 6);
          expect(m.lengthM[i * pts.length + j], `${objective} ${i}->${j}`).toBeCloseTo(r.lengthM, 6);
        }
      }
      if (objective === 'energy') expect(m.cost[0 * pts.length + 1]).not.toBeCloseTo(m.cost[1 * pts.length + 0], 3);
    }
  });

  it('pathMatrix marks points inside obstacles and leaves them unreachable', () => {
    const m = pathMatrix(air, [P(0, 0), P(0, 500), P(0, 1000)], 60, 0);
    expect(m.problems[1]?.zones).toEqual(['wall']);
    expect(m.cost[1]).toBe(Infinity);
    expect(m.cost[2]).toBeGreaterThan(1000);
  });
});

describe('resolvePlace', () => {
  const mission = missionSchema.parse({
    ...sceneMission({}),
    depots: [{ id: 'd1', name: 'Store', position: ORIGIN, fleet: [], charging: { kind: 'swap', swapS: 60 } }],
    orders: [{ id: 'o1', position: frame.toLngLat(P(1000, 0)), parcelKg: 1, window: { earliest: 0, latest: 3600 }, drop: 'hover-release' }],
  });
  const air = buildAirspace(mission);
  it('resolves ids and "lng,lat" text, and refuses anything else', () => {
    const d = resolvePlace(air, 'd1');
    expect(d.ok && d.kind === 'depot' && Math.hypot(d.xy.x, d.xy.y) < 1e-6).toBe(true);
    const o = resolvePlace(air, 'o1');
    expect(o.ok && o.kind === 'order' && o.drop === 'hover-release' && Math.abs(o.xy.x - 1000) < 1e-3).toBe(true);
    const p = resolvePlace(air, `${ORIGIN[0]},${ORIGIN[1] + 0.01}`);
    expect(p.ok && p.kind === 'point' && Math.abs(p.xy.y - 1111.95) < 1).toBe(true);
    expect(resolvePlace(air, 'nope').ok).toBe(false);
    expect(resolvePlace(air, [200, 10]).ok).toBe(false);
  });
});

describe('unmerged overlapping obstacles (the fallback when a union fails)', () => {
  it('give the same shortest path as the merged ones', async () => {
    const { createObstacleIndex } = await import('../../src/core/paths/obstacleIndex');
    const { buildVisibilityGraph } = await import('../../src/core/paths/visibilityGraph');
    const { createWeigher, searchPath } = await import('../../src/core/paths/search');
    const { unionPolygons } = await import('../../src/core/paths/buffer');
    const squares = [[rect(-100, -100, 100, 100)], [rect(50, -20, 250, 300)]];
    const lengthWith = (polys: XY[][][]) => {
      const g = buildVisibilityGraph(createObstacleIndex(polys, polys.map(() => [])));
      const r = searchPath(g, createWeigher(g, 'distance', undefined, 60), P(-400, 0), P(400, 100));
      return r.points.reduce((s, p, i) => (i ? s + Math.hypot(p.x - r.points[i - 1].x, p.y - r.points[i - 1].y) : 0), 0);
    };
    const merged = lengthWith(unionPolygons(squares));
    expect(merged).toBeGreaterThan(Math.hypot(800, 100) + 10);
    expect(lengthWith(squares)).toBeCloseTo(merged, 6);
  });
});
