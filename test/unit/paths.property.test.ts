/**
 * Property tests on seeded random scenes: every path found is safe (checked against the RAW zones
 * and buildings with an independent distance computation), and on small scenes it is exactly as
 * short as a brute-force search over the complete visibility graph.
 */
import { booleanIntersects, lineString, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { XY } from '../../src/core/geo/frame';
import { buildAirspace, obstaclesContaining, planLeg, shortestHorizontalPath } from '../../src/core/paths';
import { distanceCostModel } from '../../src/core/energy/flightCost';
import { PRESETS, createEnergyCostModel } from '../../src/core/energy';
import { BUFFER_SIDES } from '../../src/core/paths/buffer';
import { bruteForceShortest, createRng, frame, randomScene, segmentPolygonDistance, insideRing, segDist } from './paths.scene';

const cost = distanceCostModel({ speedMps: 15, verticalMps: 3, powerW: 500 });
const ALTITUDES = [60, 105];

function randomPoint(seed: number, half: number): XY {
  const rng = createRng(seed);
  return { x: rng.range(-half, half), y: rng.range(-half, half) };
}

/** Distance from p to a filled raw polygon (0 inside). */
function pointPolygonDistance(p: XY, ring: readonly XY[]): number {
  if (insideRing(p, ring)) return 0;
  let d = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) d = Math.min(d, segDist(p, ring[j], ring[i]));
  return d;
}

describe('paths on random scenes', () => {
  it('never come closer than the safety margin to an applying zone or too-tall building', () => {
    let checkedLegs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { mission } = randomScene(seed, { obstacles: 12, sizeM: 3000 });
      const air = buildAirspace(mission);
      const margin = mission.settings.safetyMarginM;
      for (let q = 0; q < 4; q++) {
        const a = randomPoint(seed * 100 + 2 * q, 1500);
        const b = randomPoint(seed * 100 + 2 * q + 1, 1500);
        const altitudeM = ALTITUDES[q % 2];
        const departS = q < 2 ? 0 : 900;
        const leg = planLeg(air, { from: a, to: b, altitudeM, departS, cost, objective: 'distance' });
        if (!leg.ok) continue;
        checkedLegs++;
        // Which raw obstacles must be avoided, decided here from the mission itself.
        const mustAvoid = [
          ...mission.noFlyZones
            .filter((z) => (z.floorM ?? 0) <= altitudeM && (z.ceilingM ?? Infinity) >= altitudeM)
            .filter((z) => !z.active || (Number(z.active.earliest) <= leg.arriveS && Number(z.active.latest) >= departS))
            .map((z) => ({ id: z.id, raw: z.shape.type === 'Circle' ? null : z.shape.coordinates[0], circle: z.shape.type === 'Circle' ? z.shape : null })),
          ...mission.buildings
            .filter((bd) => bd.heightM > altitudeM - mission.settings.clearanceM)
            .map((bd) => ({ id: bd.id, raw: bd.footprint.coordinates[0], circle: null })),
        ];
        const cruise = leg.segments.filter((s) => s.kind === 'cruise');
        for (const s of cruise) {
          for (const o of mustAvoid) {
            if (o.circle) {
              const c = frame.toLocal(o.circle.center);
              const d = segDist(c, s.from, s.to) - o.circle.radiusM;
              expect(d, `seed ${seed} leg ${q} vs circle ${o.id}`).toBeGreaterThanOrEqual(margin - 1e-3);
            } else if (o.raw) {
              const ring = o.raw.slice(0, -1).map((p) => frame.toLocal(p));
              const d = segmentPolygonDistance(s.from, s.to, ring);
              expect(d, `seed ${seed} leg ${q} vs ${o.id}`).toBeGreaterThanOrEqual(margin - 1e-3);
              // And a second opinion from turf, in lng/lat, on the raw outline (with no margin the
              // path may run along the outline, which turf counts as intersecting).
              if (margin === 0) continue;
              const line = lineString([frame.toLngLat(s.from), frame.toLngLat(s.to)]);
              expect(booleanIntersects(line, polygon([o.raw])), `seed ${seed} leg ${q} crosses ${o.id}`).toBe(false);
            }
          }
        }
        // Take-off and descent columns are outside every zone whose band they cross.
        for (const [p, low] of [
          [a, 0],
          [b, 0],
        ] as const) {
          for (const z of mission.noFlyZones) {
            if ((z.floorM ?? 0) > altitudeM || (z.ceilingM ?? Infinity) < low) continue;
            if (z.active && !(Number(z.active.earliest) <= leg.arriveS && Number(z.active.latest) >= departS)) continue;
            const d =
              z.shape.type === 'Circle'
                ? Math.hypot(p.x - frame.toLocal(z.shape.center).x, p.y - frame.toLocal(z.shape.center).y) - z.shape.radiusM
                : pointPolygonDistance(p, z.shape.coordinates[0].slice(0, -1).map((c) => frame.toLocal(c)));
            expect(d, `seed ${seed}: column at ${p.x},${p.y} vs ${z.id}`).toBeGreaterThanOrEqual(margin - 1e-3);
          }
        }
      }
    }
    expect(checkedLegs).toBeGreaterThan(60);
  });

  it('refuses exactly the end points within the margin of an applying obstacle', () => {
    // Independent rule: closer than the margin -> must refuse; farther than the circumscribed
    // buffer's worst overshoot -> must accept. In between either answer is allowed.
    let refused = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const { mission } = randomScene(seed, { obstacles: 12, sizeM: 3000, marginM: 30 });
      const air = buildAirspace(mission);
      const cruise = air.cruiseObstacles(60, { fromS: 0, toS: 0 });
      for (let k = 0; k < 30; k++) {
        const p = randomPoint(seed * 1000 + k, 1500);
        const nearest = Math.min(
          ...cruise.map((o) => {
            const raw = mission.noFlyZones.find((z) => z.id === o.id);
            if (raw?.shape.type === 'Circle') {
              const c = frame.toLocal(raw.shape.center);
              return Math.max(0, Math.hypot(p.x - c.x, p.y - c.y) - raw.shape.radiusM);
            }
            return pointPolygonDistance(p, o.ring);
          }),
        );
        const inside = obstaclesContaining(p, cruise).length > 0;
        if (nearest < 30 - 1e-6) {
          expect(inside, `seed ${seed} point ${k} at ${nearest} m`).toBe(true);
          refused++;
        }
        // Circles are already circumscribed 32-gons (up to 0.5 % wider) before buffering.
        if (nearest > (30 / Math.cos(Math.PI / BUFFER_SIDES)) * 1.01 + 0.006 * 500) {
          expect(inside, `seed ${seed} point ${k} at ${nearest} m`).toBe(false);
        }
      }
    }
    expect(refused).toBeGreaterThan(20);
  });

  it('is exactly as short as a brute-force search on the complete visibility graph', () => {
    let compared = 0;
    let detours = 0;
    for (let seed = 100; seed < 160; seed++) {
      const { mission } = randomScene(seed, { obstacles: 5, sizeM: 1500 });
      const air = buildAirspace(mission);
      for (let q = 0; q < 3; q++) {
        const a = randomPoint(seed * 31 + 2 * q, 750);
        const b = randomPoint(seed * 31 + 2 * q + 1, 750);
        const altitudeM = ALTITUDES[q % 2];
        const r = shortestHorizontalPath(air, a, b, altitudeM, 0, { objective: 'distance' });
        const applying = air.cruiseObstacles(altitudeM, { fromS: 0, toS: 0 });
        const brute = bruteForceShortest(a, b, applying.flatMap((o) => o.buffered));
        if (!r.ok) {
          if (r.code === 'unreachable') expect(brute, `seed ${seed} q ${q}`).toBe(Infinity);
          continue;
        }
        compared++;
        if (r.lengthM > Math.hypot(b.x - a.x, b.y - a.y) + 1) detours++;
        expect(r.lengthM, `seed ${seed} q ${q}`).toBeCloseTo(brute, 4);
      }
    }
    expect(compared).toBeGreaterThan(80);
    // The scenes must actually make paths bend, or the comparison proves little.
    expect(detours).toBeGreaterThan(20);
  });

  it('with wind, costs exactly as little energy as a brute-force search with the same cost model', () => {
    let compared = 0;
    let differs = 0;
    for (let seed = 300; seed < 340; seed++) {
      const { mission } = randomScene(seed, { obstacles: 10, sizeM: 1500 });
      const air = buildAirspace(mission);
      const rng = createRng(seed);
      // Strong wind against a slow airspeed, so headings differ a lot in cost and, now and then,
      // the cheapest route is not the shortest.
      const wind = { speedMps: rng.range(10, 11.8), fromDeg: rng.range(0, 360) };
      const model = createEnergyCostModel(PRESETS['m2-class'], { payloadKg: 1, wind, airDensityKgM3: 1.225, airspeedMps: 12 });
      const weight = (a: XY, b: XY) => {
        const c = model.cruise(a, b, 60);
        return c.ok ? c.energyWh : Infinity;
      };
      const applying = air.cruiseObstacles(60, { fromS: 0, toS: 0 }).flatMap((o) => o.buffered);
      for (let q = 0; q < 6; q++) {
        const a = { x: rng.range(-750, 750), y: rng.range(-750, 750) };
        const b = { x: rng.range(-750, 750), y: rng.range(-750, 750) };
        const r = shortestHorizontalPath(air, a, b, 60, 0, { objective: 'energy', cost: model });
        const shortest = shortestHorizontalPath(air, a, b, 60, 0, { objective: 'distance' });
        if (!r.ok || !shortest.ok) continue;
        const differsHere = Math.abs(shortest.lengthM - r.lengthM) > 1e-3;
        if (differsHere) differs++;
        // Brute force is slow: check two queries per scene and every one where the objectives disagree.
        if (q >= 2 && !differsHere) continue;
        compared++;
        expect(r.cost, `seed ${seed} q ${q}`).toBeCloseTo(bruteForceShortest(a, b, applying, weight), 6);
      }
    }
    expect(compared).toBeGreaterThan(40);
    // The scenes include cases where wind makes a longer route cheaper (so the test can tell energy from distance).
    expect(differs).toBeGreaterThan(0);
  });
});
