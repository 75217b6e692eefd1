/**
 * The depot terminal: where a store's pads are and which pad a drone uses. A depot is a small
 * airport: drones take off and land on pads, never on one shared point, so two movements in the same
 * seconds happen in two different climb/descent columns.
 *
 * Layout: `pads.count` pads on a hexagonal grid around the depot position, neighbours `spacingM`
 * apart, nearest to the depot first (one pad: at the depot position; more: around it), skipping grid points within the
 * safety margin of a no-fly zone or a building (a pad's climb column would start in it); or explicit
 * `pads.positions`, taken as they are. Without `pads` the depot has one pad per drone based there. A drone's home pad is its index among the depot's drones modulo the pad count,
 * so with one pad per drone nobody shares a pad and with fewer pads the sharing is spread evenly.
 */
import type { MetricFrame, XY } from '../geo/frame';
import { distanceToRing, pointInShape, shapeRings } from '../geo/shapes';
import type { Depot, Mission } from '../mission/schema';
import { fleetDrones } from '../mission/fleet';

export const DEFAULT_PAD_SPACING_M = 15;
export const DEFAULT_PAD_TURNAROUND_S = 30;
/** Pads per depot the pad ids leave room for (the schema allows 256). */
const PAD_ID_STRIDE = 256;

export interface DepotPads {
  depotId: string;
  depotIndex: number;
  /** Pad centres in local metres. */
  pads: XY[];
  /** A pad stays closed this long after a take-off or a landing on it. */
  turnaroundS: number;
}

/** How many drones are based at the depot (the default pad count). */
function dronesAt(depot: Depot): number {
  return depot.fleet.reduce((s, f) => s + f.count, 0);
}

/**
 * Where pads may not go: the mission's zone and building outlines, and the margin kept around them.
 * Each shape is [outer, ...holes] (shapes.ts shapeRings): a zone's hole is permitted airspace, so a pad
 * may lie in it if it keeps the margin from the hole's edges too. A building is its outer ring only (the
 * path finder flies around a whole footprint, courtyards included).
 */
export interface PadObstacles {
  shapes: XY[][][];
  marginM: number;
}

export function padObstacles(mission: Pick<Mission, 'noFlyZones' | 'buildings' | 'settings'>, frame: MetricFrame): PadObstacles {
  return {
    shapes: [
      ...mission.noFlyZones.map((z) => shapeRings(z.shape, frame)),
      ...mission.buildings.map((b) => shapeRings(b.footprint, frame).slice(0, 1)),
    ],
    marginM: mission.settings.safetyMarginM,
  };
}

/** Inside a shape (not in one of its holes), or within the margin of any of its rings. */
function blocked(p: XY, obstacles: PadObstacles): boolean {
  return obstacles.shapes.some((rings) => pointInShape(p, rings) || rings.some((ring) => distanceToRing(p, ring) < obstacles.marginM));
}

/** Pad centres of one depot in local metres (obstacles: see padObstacles; none when absent). */
export function padPositions(depot: Depot, frame: MetricFrame, obstacles?: PadObstacles): XY[] {
  const centre = frame.toLocal(depot.position);
  const pads = depot.pads;
  if (pads && 'positions' in pads) return pads.positions.map((p) => frame.toLocal(p));
  const count = pads?.count ?? Math.max(1, dronesAt(depot));
  const spacing = pads?.spacingM ?? DEFAULT_PAD_SPACING_M;
  return hexLayout(centre, count, spacing, obstacles ? (p) => blocked(p, obstacles) : () => false);
}

/** Grid rings searched for free pad positions at most. */
const MAX_HEX_RINGS = 40;

/**
 * n points of the hexagonal grid of the given spacing around c, nearest first (ties: clockwise from
 * north), skipping blocked points; when too few are free, the nearest blocked ones fill up (the
 * planner then reports why those pads cannot be flown from).
 */
export function hexLayout(c: XY, n: number, spacing: number, isBlocked: (p: XY) => boolean = () => false): XY[] {
  const points: { p: XY; d: number; a: number }[] = [];
  const rings = Math.min(MAX_HEX_RINGS, Math.ceil(Math.sqrt(n)) + 12);
  for (let j = -rings; j <= rings; j++) {
    for (let i = -rings; i <= rings; i++) {
      const x = spacing * (i + j / 2);
      const y = (spacing * j * Math.sqrt(3)) / 2;
      const d = Math.hypot(x, y);
      if (d > rings * spacing + 1e-9) continue;
      points.push({ p: { x: c.x + x, y: c.y + y }, d: Math.round(d * 1e6) / 1e6, a: Math.round(((Math.atan2(x, y) + 2 * Math.PI) % (2 * Math.PI)) * 1e9) / 1e9 });
    }
  }
  points.sort((u, v) => u.d - v.d || u.a - v.a);
  // The depot position itself is the store (its marker on the map): pads go around it, unless one.
  if (n > 1) points.shift();
  const free = points.filter((q) => !isBlocked(q.p));
  const chosen = free.slice(0, n);
  if (chosen.length < n) chosen.push(...points.filter((q) => isBlocked(q.p)).slice(0, n - chosen.length));
  return chosen.map((q) => q.p);
}

export function depotPads(depot: Depot, depotIndex: number, frame: MetricFrame, obstacles?: PadObstacles): DepotPads {
  return {
    depotId: depot.id,
    depotIndex,
    pads: padPositions(depot, frame, obstacles),
    turnaroundS: depot.pads?.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S,
  };
}

/** A pad's id, unique in the mission: what the separation rule compares. */
export function padId(depotIndex: number, padIndex: number): number {
  return depotIndex * PAD_ID_STRIDE + padIndex;
}

/** The depot index a pad id belongs to. */
export function depotIndexOfPad(id: number): number {
  return Math.floor(id / PAD_ID_STRIDE);
}

/** The terminal of every depot and every drone's home pad (by fleet drone id). */
export interface Terminal {
  depots: DepotPads[];
  byDepotId: Map<string, DepotPads>;
  /** droneId -> pad index at its home depot. */
  homePad: Map<string, number>;
}

export function buildTerminal(mission: Mission, frame: MetricFrame): Terminal {
  const obstacles = padObstacles(mission, frame);
  const depots = mission.depots.map((d, i) => depotPads(d, i, frame, obstacles));
  const byDepotId = new Map(depots.map((d) => [d.depotId, d]));
  const homePad = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const f of fleetDrones(mission)) {
    const k = seen.get(f.depotId) ?? 0;
    seen.set(f.depotId, k + 1);
    homePad.set(f.droneId, k % byDepotId.get(f.depotId)!.pads.length);
  }
  return { depots, byDepotId, homePad };
}

/** Problems of explicit pad layouts: [pad index, reason]. */
export function padLayoutProblems(depot: Depot, frame: MetricFrame, minSpacingM: number, maxOffsetM: number): { pad: number; reason: string }[] {
  const out: { pad: number; reason: string }[] = [];
  if (!depot.pads || !('positions' in depot.pads)) return out;
  const centre = frame.toLocal(depot.position);
  const xy = depot.pads.positions.map((p) => frame.toLocal(p));
  xy.forEach((p, i) => {
    const off = Math.hypot(p.x - centre.x, p.y - centre.y);
    if (off > maxOffsetM) out.push({ pad: i, reason: `is ${Math.round(off)} m from the depot position; pads must be within ${maxOffsetM} m` });
    for (let j = 0; j < i; j++) {
      const gap = Math.hypot(p.x - xy[j].x, p.y - xy[j].y);
      if (gap < minSpacingM) out.push({ pad: i, reason: `is ${gap.toFixed(1)} m from pad ${j}; pads must be at least ${minSpacingM} m apart` });
    }
  });
  return out;
}

/** Index of the pad nearest (x, y). */
export function nearestPad(pads: readonly XY[], x: number, y: number): number {
  let best = 0;
  pads.forEach((p, k) => {
    if (Math.hypot(p.x - x, p.y - y) < Math.hypot(pads[best].x - x, pads[best].y - y)) best = k;
  });
  return best;
}
