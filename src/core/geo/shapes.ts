/** Mission shapes (GeoJSON polygons, circles) as rings in the local metric frame. */
import type { Circle, Polygon } from '../mission/schema';
import type { MetricFrame, XY } from './frame';

/** Sides of the polygon that stands in for a circle. */
export const CIRCLE_SIDES = 32;

/** Outer ring in local metres, without the closing duplicate, counter-clockwise. */
export function shapeRing(shape: Polygon | Circle, frame: MetricFrame): XY[] {
  if (shape.type === 'Circle') {
    const c = frame.toLocal(shape.center);
    // Circumscribed polygon: it contains the whole circle, so avoiding it avoids the circle.
    const r = shape.radiusM / Math.cos(Math.PI / CIRCLE_SIDES);
    const ring: XY[] = [];
    for (let i = 0; i < CIRCLE_SIDES; i++) {
      const a = (2 * Math.PI * i) / CIRCLE_SIDES;
      ring.push({ x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) });
    }
    return ring;
  }
  const outer = shape.coordinates[0];
  const ring = outer.slice(0, -1).map((p) => frame.toLocal(p));
  return signedArea(ring) < 0 ? ring.reverse() : ring;
}

/**
 * The shape as local rings: [outer (counter-clockwise), ...holes (clockwise)], without closing
 * duplicates. A hole is a permitted area inside the shape; a circle has none.
 */
export function shapeRings(shape: Polygon | Circle, frame: MetricFrame): XY[][] {
  const outer = shapeRing(shape, frame);
  if (shape.type === 'Circle') return [outer];
  const holes = shape.coordinates
    .slice(1)
    .filter((h) => h.length >= 4)
    .map((h) => {
      const ring = h.slice(0, -1).map((p) => frame.toLocal(p));
      return signedArea(ring) > 0 ? ring.reverse() : ring;
    });
  return [outer, ...holes];
}

/** Whether p is inside the shape given as [outer, ...holes]: inside the outer ring and in no hole. */
export function pointInShape(p: XY, rings: readonly (readonly XY[])[]): boolean {
  if (rings.length === 0 || !pointInRing(p, rings[0])) return false;
  for (let i = 1; i < rings.length; i++) if (pointInRing(p, rings[i])) return false;
  return true;
}

/** The signed area (m^2), positive for counter-clockwise rings. */
export function signedArea(ring: readonly XY[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    a += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  }
  return a / 2;
}

/** Even-odd point-in-polygon test for a local ring. */
export function pointInRing(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Distance from p to the nearest edge of a local ring (0 on an edge; inside or out alike). */
export function distanceToRing(p: XY, ring: readonly XY[]): number {
  let best = Infinity;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j];
    const b = ring[i];
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return best;
}

/** Geometric centre of a shape as [lng, lat] (ring vertex mean; fine for labels and markers). */
export function shapeCenter(shape: Polygon | Circle): [number, number] {
  if (shape.type === 'Circle') return [shape.center[0], shape.center[1]];
  const ring = shape.coordinates[0].slice(0, -1);
  let lng = 0;
  let lat = 0;
  for (const p of ring) {
    lng += p[0];
    lat += p[1];
  }
  return [lng / ring.length, lat / ring.length];
}
