/**
 * A terrain grid: ground elevations (metres above mean sea level) sampled on a regular square grid in
 * the mission's local metric frame, and the two questions the flight planner asks of it: the ground
 * under a point (bilinear between the four surrounding samples) and the lowest and highest ground
 * along a straight segment (exact for the bilinear surface, not sampled).
 *
 * The grid is in local metres, not degrees, so that a straight leg segment is straight on the grid
 * and the range along it can be computed exactly cell by cell. Outside the grid the edge samples
 * extend outwards (the importer covers the mission area plus a margin).
 */
import type { XY } from '../geo/frame';

export interface TerrainGrid {
  /** Position of sample (col 0, row 0): the south-west corner, metres east and north of the origin. */
  readonly westM: number;
  readonly southM: number;
  readonly spacingM: number;
  readonly cols: number;
  readonly rows: number;
  /** cols x rows heights AMSL, row by row from the south, west to east within a row. */
  readonly heights: Float32Array;
}

export interface ElevationRange {
  minM: number;
  maxM: number;
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Ground elevation (m AMSL) at a local point: bilinear inside, the nearest edge value's bilinear outside. */
export function elevationAt(g: TerrainGrid, x: number, y: number): number {
  const u = clamp((x - g.westM) / g.spacingM, 0, g.cols - 1);
  const v = clamp((y - g.southM) / g.spacingM, 0, g.rows - 1);
  const i = Math.min(Math.floor(u), g.cols - 2);
  const j = Math.min(Math.floor(v), g.rows - 2);
  return bilinear(g, i, j, u - i, v - j);
}

function bilinear(g: TerrainGrid, i: number, j: number, fu: number, fv: number): number {
  const h = g.heights;
  const k = j * g.cols + i;
  const h00 = h[k];
  const h10 = h[k + 1];
  const h01 = h[k + g.cols];
  const h11 = h[k + g.cols + 1];
  return h00 + (h10 - h00) * fu + (h01 - h00) * fv + (h00 - h10 - h01 + h11) * fu * fv;
}

/**
 * The lowest and highest ground along the straight segment a -> b, exactly (up to floating point).
 * Why exact: split the segment where it crosses a grid line (or the grid's edge, where clamping
 * begins); on each piece both grid coordinates are linear in the segment parameter t (or constant
 * when clamped), so the bilinear surface is a quadratic in t, whose extremes lie at the piece's ends
 * or at its vertex.
 */
export function elevationRangeAlong(g: TerrainGrid, a: XY, b: XY): ElevationRange {
  const u0 = (a.x - g.westM) / g.spacingM;
  const v0 = (a.y - g.southM) / g.spacingM;
  const du = (b.x - a.x) / g.spacingM;
  const dv = (b.y - a.y) / g.spacingM;
  // Break points: t where u or v crosses an integer within [0, cols-1] / [0, rows-1].
  const ts: number[] = [0, 1];
  const crossings = (p0: number, dp: number, n: number) => {
    if (dp === 0) return;
    const lo = Math.max(0, Math.ceil(Math.min(p0, p0 + dp)));
    const hi = Math.min(n - 1, Math.floor(Math.max(p0, p0 + dp)));
    for (let k = lo; k <= hi; k++) {
      const t = (k - p0) / dp;
      if (t > 0 && t < 1) ts.push(t);
    }
  };
  crossings(u0, du, g.cols);
  crossings(v0, dv, g.rows);
  ts.sort((p, q) => p - q);
  let minM = Infinity;
  let maxM = -Infinity;
  const at = (t: number) => {
    const e = elevationAt(g, a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
    if (e < minM) minM = e;
    if (e > maxM) maxM = e;
  };
  for (let s = 0; s < ts.length; s++) {
    at(ts[s]);
    if (s === 0 || ts[s] - ts[s - 1] < 1e-12) continue;
    // The piece (ts[s-1], ts[s]): find its cell from the midpoint and the quadratic's vertex.
    const tm = (ts[s - 1] + ts[s]) / 2;
    const um = u0 + du * tm;
    const vm = v0 + dv * tm;
    const uIn = um > 0 && um < g.cols - 1;
    const vIn = vm > 0 && vm < g.rows - 1;
    // Both clamped: constant along the piece; one clamped: linear (q2 = 0 below), extremes at its ends.
    if (!uIn && !vIn) continue;
    const i = Math.min(Math.floor(clamp(um, 0, g.cols - 1)), g.cols - 2);
    const j = Math.min(Math.floor(clamp(vm, 0, g.rows - 1)), g.rows - 2);
    const k = j * g.cols + i;
    const h = g.heights;
    const B = h[k + 1] - h[k];
    const C = h[k + g.cols] - h[k];
    const D = h[k] - h[k + 1] - h[k + g.cols] + h[k + g.cols + 1];
    // Local coordinates U = (u0 - i) + du t, V = (v0 - j) + dv t (constant when clamped).
    const dU = uIn ? du : 0;
    const dV = vIn ? dv : 0;
    const U0 = uIn ? u0 - i : clamp(um, 0, g.cols - 1) - i;
    const V0 = vIn ? v0 - j : clamp(vm, 0, g.rows - 1) - j;
    const q2 = D * dU * dV;
    const q1 = B * dU + C * dV + D * (U0 * dV + V0 * dU);
    if (q2 !== 0) {
      const tv = -q1 / (2 * q2);
      if (tv > ts[s - 1] && tv < ts[s]) at(tv);
    }
  }
  return { minM, maxM };
}

/** Lowest and highest sample of the grid. */
export function gridRange(g: TerrainGrid): ElevationRange {
  let minM = Infinity;
  let maxM = -Infinity;
  for (const h of g.heights) {
    if (h < minM) minM = h;
    if (h > maxM) maxM = h;
  }
  return { minM, maxM };
}
