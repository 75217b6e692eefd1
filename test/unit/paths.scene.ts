/**
 * Test-side helpers for the path tests: random seeded scenes built as real missions, and an
 * independent geometry check written separately from src/core/paths (plain loops, no grid, no
 * tangent pruning, no merging) so the tests do not grade the code with itself.
 */
import { createFrame, type XY } from '../../src/core/geo/frame';
import { type Mission, type MissionInput, missionSchema } from '../../src/core/mission';
import { createRng, type Rng } from '../../src/core/random';

export const ORIGIN: [number, number] = [114.05, 22.55];
export const frame = createFrame(ORIGIN);

export const lngLatRing = (ring: readonly XY[]): [number, number][] => {
  const out = ring.map((p) => frame.toLngLat(p));
  out.push(out[0]);
  return out;
};

export const rect = (x0: number, y0: number, x1: number, y1: number): XY[] => [
  { x: x0, y: y0 },
  { x: x1, y: y0 },
  { x: x1, y: y1 },
  { x: x0, y: y1 },
];

type ZoneIn = NonNullable<MissionInput['noFlyZones']>[number];
type BuildingIn = NonNullable<MissionInput['buildings']>[number];

export function zone(id: string, ring: readonly XY[], extra: Partial<ZoneIn> = {}): ZoneIn {
  return { id, name: `Zone ${id}`, shape: { type: 'Polygon', coordinates: [lngLatRing(ring)] }, ...extra };
}

export function circleZone(id: string, c: XY, radiusM: number, extra: Partial<ZoneIn> = {}): ZoneIn {
  return { id, name: `Zone ${id}`, shape: { type: 'Circle', center: frame.toLngLat(c), radiusM }, ...extra };
}

export function building(id: string, ring: readonly XY[], heightM: number): BuildingIn {
  return { id, name: `Tower ${id}`, footprint: { type: 'Polygon', coordinates: [lngLatRing(ring)] }, heightM };
}

export function sceneMission(opts: {
  zones?: ZoneIn[];
  buildings?: BuildingIn[];
  marginM?: number;
  clearanceM?: number;
  areaRadiusM?: number;
}): Mission {
  return missionSchema.parse({
    schemaVersion: 1,
    name: 'test scene',
    startTime: '2026-05-01T08:00:00+08:00',
    origin: ORIGIN,
    droneModels: [],
    depots: [],
    orders: [],
    noFlyZones: opts.zones ?? [],
    buildings: opts.buildings ?? [],
    settings: {
      safetyMarginM: opts.marginM ?? 30,
      clearanceM: opts.clearanceM ?? 20,
      areaRadiusM: opts.areaRadiusM ?? 50_000,
    },
  });
}

/** A random simple polygon: convex blob, rectangle or L-shape, around c with size ~r. */
export function randomRing(rng: Rng, c: XY, r: number): XY[] {
  const kind = rng.int(3);
  if (kind === 0) {
    const n = 3 + rng.int(6);
    const angles = Array.from({ length: n }, () => rng.range(0, 2 * Math.PI)).sort((a, b) => a - b);
    const ring = angles.map((a) => ({ x: c.x + r * rng.range(0.5, 1) * Math.cos(a), y: c.y + r * rng.range(0.5, 1) * Math.sin(a) }));
    // Star-shaped around c, so simple; may be concave.
    return dedupeAngles(ring, c);
  }
  if (kind === 1) return rect(c.x - r, c.y - r * rng.range(0.3, 1), c.x + r * rng.range(0.3, 1), c.y + r);
  // L-shape (concave).
  const a = r * rng.range(0.3, 0.7);
  return [
    { x: c.x - r, y: c.y - r },
    { x: c.x + r, y: c.y - r },
    { x: c.x + r, y: c.y - r + a },
    { x: c.x - r + a, y: c.y - r + a },
    { x: c.x - r + a, y: c.y + r },
    { x: c.x - r, y: c.y + r },
  ];
}

function dedupeAngles(ring: XY[], c: XY): XY[] {
  const out: XY[] = [];
  let last = -Infinity;
  for (const p of ring) {
    const a = Math.atan2(p.y - c.y, p.x - c.x);
    if (a - last > 0.05) out.push(p);
    last = a;
  }
  return out.length >= 3 ? out : [{ x: c.x - 10, y: c.y - 10 }, { x: c.x + 10, y: c.y - 10 }, { x: c.x, y: c.y + 10 }];
}

export interface RandomScene {
  mission: Mission;
  seed: number;
}

/** Zones (some circles, some with floors/ceilings/windows) and buildings of mixed heights in a square. */
export function randomScene(seed: number, opts: { obstacles: number; sizeM: number; marginM?: number }): RandomScene {
  const rng = createRng(seed);
  const zones: ZoneIn[] = [];
  const buildings: BuildingIn[] = [];
  const half = opts.sizeM / 2;
  for (let i = 0; i < opts.obstacles; i++) {
    const c = { x: rng.range(-half, half), y: rng.range(-half, half) };
    const r = rng.range(opts.sizeM * 0.02, opts.sizeM * 0.12);
    const roll = rng.next();
    if (roll < 0.15) zones.push(circleZone(`z${i}`, c, r));
    else if (roll < 0.6) {
      const extra: Partial<ZoneIn> = {};
      if (rng.next() < 0.2) extra.ceilingM = rng.pick([40, 80, 200]);
      if (rng.next() < 0.2) extra.active = { earliest: 600, latest: 1800 };
      zones.push(zone(`z${i}`, randomRing(rng, c, r), extra));
    } else buildings.push(building(`b${i}`, randomRing(rng, c, r), rng.pick([30, 45, 60, 120, 250])));
  }
  return { seed, mission: sceneMission({ zones, buildings, marginM: opts.marginM ?? rng.pick([0, 10, 30]) }) };
}

export { createRng };

// ---------- independent geometry (test side) ----------

export function segDist(p: XY, a: XY, b: XY): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

function orient(a: XY, b: XY, c: XY): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

/** Whether closed segments a-b and c-d share a point. */
export function segmentsIntersect(a: XY, b: XY, c: XY, d: XY): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  return segDist(c, a, b) === 0 || segDist(d, a, b) === 0 || segDist(a, c, d) === 0 || segDist(b, c, d) === 0;
}

export function insideRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Exact distance from segment a-b to a filled polygon (0 when they meet). */
export function segmentPolygonDistance(a: XY, b: XY, ring: readonly XY[]): number {
  if (insideRing(a, ring) || insideRing(b, ring)) return 0;
  let d = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const c = ring[j];
    const e = ring[i];
    if (segmentsIntersect(a, b, c, e)) return 0;
    d = Math.min(d, segDist(a, c, e), segDist(b, c, e), segDist(c, a, b), segDist(e, a, b));
  }
  return d;
}

/**
 * Whether the open segment a-b avoids the interior of a polygon (rings: outer + holes), allowing
 * the boundary. Independent method: split the segment at every parameter where it meets an edge
 * line or passes a vertex, and test each piece's midpoint against the polygon, counting points
 * within tol of the boundary as outside.
 */
export function segmentAvoidsInterior(a: XY, b: XY, rings: readonly XY[][], tol = 1e-6): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  const ts = [0, 1];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const c = ring[j];
      const e = ring[i];
      // Vertex projection if the vertex is on the segment's line.
      if (Math.abs(orient(a, b, e)) / len <= tol) ts.push(((e.x - a.x) * dx + (e.y - a.y) * dy) / (len * len));
      // Proper intersection parameter.
      const den = dx * (e.y - c.y) - dy * (e.x - c.x);
      if (den !== 0) {
        const t = ((c.x - a.x) * (e.y - c.y) - (c.y - a.y) * (e.x - c.x)) / den;
        const u = ((c.x - a.x) * dy - (c.y - a.y) * dx) / den;
        if (u >= 0 && u <= 1) ts.push(t);
      }
    }
  }
  const sorted = ts.filter((t) => t >= 0 && t <= 1).sort((x, y) => x - y);
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k] - sorted[k - 1] < 1e-12) continue;
    const m = (sorted[k] + sorted[k - 1]) / 2;
    const p = { x: a.x + dx * m, y: a.y + dy * m };
    const nearBoundary = rings.some((ring) => ring.some((e, i) => segDist(p, ring[(i + ring.length - 1) % ring.length], e) <= tol));
    if (nearBoundary) continue;
    let inside = false;
    for (const ring of rings) if (insideRing(p, ring)) inside = !inside;
    if (inside) return false;
  }
  return true;
}

/**
 * Brute force: Dijkstra over the complete visibility graph of ALL vertices of the (unmerged) polygons
 * plus s and t, with an O(n^2 * edges) visibility test. Returns the least total weight (default:
 * length), or Infinity.
 */
export function bruteForceShortest(
  s: XY,
  t: XY,
  polygons: readonly XY[][][],
  weight: (a: XY, b: XY) => number = (a, b) => Math.hypot(b.x - a.x, b.y - a.y),
): number {
  const free = (a: XY, b: XY) => polygons.every((rings) => segmentAvoidsInterior(a, b, rings));
  const strictlyInside = (p: XY) =>
    polygons.some((rings) => {
      const near = rings.some((ring) => ring.some((e, i) => segDist(p, ring[(i + ring.length - 1) % ring.length], e) <= 1e-6));
      if (near) return false;
      let inside = false;
      for (const ring of rings) if (insideRing(p, ring)) inside = !inside;
      return inside;
    });
  const nodes: XY[] = [s, t, ...polygons.flatMap((rings) => rings.flat()).filter((p) => !strictlyInside(p))];
  const n = nodes.length;
  const dist = new Array<number>(n).fill(Infinity);
  const done = new Array<boolean>(n).fill(false);
  dist[0] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0) return Infinity;
    if (u === 1) return dist[1];
    done[u] = true;
    for (let v = 0; v < n; v++) {
      if (done[v]) continue;
      const d = dist[u] + weight(nodes[u], nodes[v]);
      if (d < dist[v] && free(nodes[u], nodes[v])) dist[v] = d;
    }
  }
}
