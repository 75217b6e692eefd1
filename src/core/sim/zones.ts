/** No-fly zones as the simulator checks them: local rings, altitude band, activity window. */
import type { MetricFrame } from '../geo/frame';
import { pointInShape, shapeRings } from '../geo/shapes';
import type { Mission, NoFlyZone } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import type { XY } from '../geo/frame';

export interface SimZone {
  zone: NoFlyZone;
  /** Outer ring (counter-clockwise). */
  ring: XY[];
  /** [outer, ...holes]: a point in a hole is outside the zone (see insideZone). */
  rings: XY[][];
  /** Active from / until (mission seconds); -Infinity / Infinity when always active. */
  fromS: number;
  toS: number;
  floorM: number;
  ceilingM: number;
}

export function buildSimZones(mission: Mission, frame: MetricFrame): SimZone[] {
  return mission.noFlyZones.map((z) => {
    const rings = shapeRings(z.shape, frame);
    return {
    zone: z,
    ring: rings[0],
    rings,
    fromS: z.active ? toMissionSeconds(mission.startTime, z.active.earliest) : -Infinity,
    toS: z.active ? toMissionSeconds(mission.startTime, z.active.latest) : Infinity,
    floorM: z.floorM ?? 0,
    ceilingM: z.ceilingM ?? Infinity,
    };
  });
}

/** Whether the horizontal point is inside the zone's outline and in none of its holes. */
export function insideZone(z: SimZone, x: number, y: number): boolean {
  return pointInShape({ x, y }, z.rings);
}

/** Whether the segment a -> b, flown between altitudes zLo..zHi, crosses the zone's border or ends inside it. */
export function segmentEntersZone(z: SimZone, ax: number, ay: number, bx: number, by: number, zLo: number, zHi: number): boolean {
  if (zHi < z.floorM || zLo > z.ceilingM) return false;
  if (insideZone(z, bx, by)) return true;
  for (const ring of z.rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      if (segmentsCross(ax, ay, bx, by, ring[j].x, ring[j].y, ring[i].x, ring[i].y)) return true;
    }
  }
  return false;
}

/** Proper intersection of segments ab and cd (touching counts). */
export function segmentsCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
