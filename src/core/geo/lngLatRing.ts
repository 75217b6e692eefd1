/**
 * Rings as [lng, lat] positions (GeoJSON style), before any metric frame: point in ring and the
 * bounding box, for the loader's and the imports' checks on raw coordinates.
 */

/** [west, south, east, north] of a ring or a line. */
export type LngLatBox = [number, number, number, number];

/** Ray casting; a point exactly on the ring's edge may fall either way. */
export function pointInLngLatRing(p: readonly number[], ring: readonly (readonly number[])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function lngLatBounds(points: readonly (readonly number[])[]): LngLatBox {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    if (x < w) w = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return [w, s, e, n];
}
