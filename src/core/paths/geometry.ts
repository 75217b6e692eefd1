/**
 * Planar geometry in local metres for the path finder: orientation tests with a distance tolerance,
 * convex hulls, bounding boxes. Everything works on plain {x, y} objects (hot loops, no GeoJSON).
 */
import type { XY } from '../geo/frame';

/**
 * Distance tolerance in metres. Coordinates reach 50 km, where doubles resolve ~1e-11 m, so 1e-6 m
 * is far above rounding noise and far below anything that matters for a 30 m safety margin.
 */
export const EPS_M = 1e-6;

export interface BBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Twice the signed area of triangle (a, b, c): > 0 when c is left of a -> b. */
export function cross(a: XY, b: XY, c: XY): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

export function ringBBox(ring: readonly XY[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ring) {
    if (p.x < minX) minX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.x > maxX) maxX = p.x;
    if (p.y > maxY) maxY = p.y;
  }
  return { minX, minY, maxX, maxY };
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, collinear points dropped. */
export function convexHull(points: readonly XY[]): XY[] {
  const pts = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (pts.length < 3) return pts;
  const lower: XY[] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: XY[] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  lower.pop();
  upper.pop();
  return lower.concat(upper);
}

/** Whether a counter-clockwise ring is convex (no right turn beyond the tolerance). */
export function isConvexCcw(ring: readonly XY[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[(i + n - 1) % n];
    const b = ring[i];
    const c = ring[(i + 1) % n];
    const len = Math.hypot(c.x - a.x, c.y - a.y) || 1;
    if (cross(a, b, c) / len < -EPS_M) return false;
  }
  return true;
}

/** Drops consecutive duplicates and vertices lying on the line of their neighbours. */
export function cleanRing(ring: readonly XY[]): XY[] {
  let out = ring.filter((p, i) => {
    const q = ring[(i + ring.length - 1) % ring.length];
    return Math.abs(p.x - q.x) > EPS_M || Math.abs(p.y - q.y) > EPS_M;
  });
  let changed = true;
  while (changed && out.length > 3) {
    changed = false;
    const next: XY[] = [];
    const n = out.length;
    for (let i = 0; i < n; i++) {
      const a = out[(i + n - 1) % n];
      const b = out[i];
      const c = out[(i + 1) % n];
      const len = Math.hypot(c.x - a.x, c.y - a.y);
      // Keep b unless it lies on segment a-c (a spike back along the line is kept: it is not collinear-inside).
      const onLine = len > 0 && Math.abs(cross(a, b, c)) / len < EPS_M && (b.x - a.x) * (c.x - b.x) + (b.y - a.y) * (c.y - b.y) > 0;
      if (onLine) changed = true;
      else next.push(b);
    }
    out = next;
  }
  return out;
}
