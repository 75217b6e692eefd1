/**
 * Which corners might be visible from a point: a flood over the obstacle grid's cells, nearest first,
 * that stops where the obstacles already met hide everything.
 *
 * Occlusion is kept per angular bin around the point: a bin is hidden beyond R when every ray in it
 * crosses an obstacle edge (or a two-edge chain through a vertex) within distance R. A ray that crosses
 * a boundary edge at an interior point enters the material there (or was inside already), so nothing
 * beyond is visible. A cell is skipped (and the flood does not continue through it) when all the bins
 * it spans are hidden nearer than the cell. Every visible corner lies at the end of a free segment
 * whose cells are never hidden, so the flood reaches it: the scan only prunes, it never decides
 * visibility. Tolerances make the pruning conservative, and the caller still tests each candidate
 * with the exact segment test.
 */
import { MinHeap } from './minHeap';
import type { XY } from '../geo/frame';
import type { EdgeGrid } from './obstacleIndex';

/** Corners binned into the obstacle grid's cells, plus scratch space for scans. */
export interface CornerGrid {
  /** Corners of cell c are cellCorners[counts[c] .. counts[c + 1]). */
  counts: Int32Array;
  cellCorners: Int32Array;
  xs: Float64Array;
  ys: Float64Array;
  cellStamp: Uint32Array;
  edgeStamp: Uint32Array;
  stamp: number;
}

/**
 * Directions are measured by a pseudo-angle in [0, 4) (the "diamond angle": monotone in the true
 * angle, opposite directions 2 apart, no trigonometry), cut into bins.
 */
const BINS = 1024;
const FULL = 4;
const BIN_W = FULL / BINS;
/** Pruning tolerances, far above the exact test's 1e-6 m so that pruning never contradicts it. */
const TOL_M = 1e-4;
const TOL_ANGLE = 1e-7;

const blockR = new Float64Array(BINS);
/** Scratch reused by every scan (a scan empties its heap before it returns): no garbage per corner. */
const cellHeap = new MinHeap();
let pending = new Int32Array(256);

export function buildCornerGrid(grid: EdgeGrid, xs: Float64Array, ys: Float64Array): CornerGrid {
  const cells = grid.nx * grid.ny;
  const cellOf = new Int32Array(xs.length);
  const counts = new Int32Array(cells + 1);
  for (let i = 0; i < xs.length; i++) {
    const c = cellIndex(grid, xs[i], ys[i]);
    cellOf[i] = c;
    counts[c + 1]++;
  }
  for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
  const cellCorners = new Int32Array(xs.length);
  const fill = counts.slice(0, cells);
  for (let i = 0; i < xs.length; i++) cellCorners[fill[cellOf[i]]++] = i;
  return { counts, cellCorners, xs, ys, cellStamp: new Uint32Array(cells), edgeStamp: new Uint32Array(grid.edges.length / 4), stamp: 0 };
}

function cellIndex(grid: EdgeGrid, x: number, y: number): number {
  const cx = clamp(Math.floor((x - grid.minX) / grid.cell), grid.nx);
  const cy = clamp(Math.floor((y - grid.minY) / grid.cell), grid.ny);
  return cy * grid.nx + cx;
}

function clamp(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Pseudo-angle of a direction in [0, 4), counter-clockwise from +x. */
function angle(dx: number, dy: number): number {
  if (dy >= 0) return dx >= 0 ? dy / (dx + dy) : 1 - dx / (dy - dx);
  return dx < 0 ? 2 - dy / (-dx - dy) : 3 + dx / (dx - dy);
}

/** Counter-clockwise pseudo-angle from a to b in [0, 4). */
function ccw(a: number, b: number): number {
  const d = b - a;
  return d < 0 ? d + FULL : d;
}

/** Hides beyond r every bin wholly inside the counter-clockwise arc from lo spanning span. */
function hideArc(lo: number, span: number, r: number, minDist: number): void {
  // The pseudo-angle changes by 1/2 to 1 per radian, so 2 * TOL_M / minDist covers (generously) a
  // TOL_M sideways shift at the nearest end.
  const tol = TOL_ANGLE + (2 * TOL_M) / minDist;
  const first = Math.ceil((lo + tol) / BIN_W);
  const last = Math.floor((lo + span - tol) / BIN_W) - 1;
  const rr = r + TOL_M;
  for (let k = first; k <= last; k++) {
    const b = k % BINS;
    if (rr < blockR[b]) blockR[b] = rr;
  }
}

/**
 * From a convex corner an edge must be tangent there: it cannot point into the material's wedge
 * (counter-clockwise from the next corner's direction to the previous one's) nor straight away from
 * it. A buffered building's corner turns by 22.5 degrees, so only two 22.5-degree wedges are left to
 * scan. Bins closer than `delta` to a wedge's sides stay open: within the tangency test's tolerance
 * a direction along an edge counts as tangent.
 */
function hideNonTangent(ux: number, uy: number, prev: XY, next: XY): void {
  const px = prev.x - ux;
  const py = prev.y - uy;
  const nx = next.x - ux;
  const ny = next.y - uy;
  const near = Math.min(Math.hypot(px, py), Math.hypot(nx, ny));
  if (near < TOL_M) return;
  const delta = TOL_ANGLE + (10 * TOL_M) / near;
  const lo = angle(nx, ny);
  const span = ccw(lo, angle(px, py));
  for (const from of [lo, (lo + 2) % FULL]) {
    const first = Math.ceil((from + delta) / BIN_W);
    const last = Math.floor((from + span - delta) / BIN_W) - 1;
    for (let k = first; k <= last; k++) blockR[k % BINS] = 0;
  }
}

/**
 * Corners (other than `self`) that the scan from (ux, uy) cannot rule out and that `accept` takes;
 * the caller tests each for visibility.
 */
export function scanVisible(
  grid: EdgeGrid,
  cg: CornerGrid,
  ux: number,
  uy: number,
  self: number,
  accept: (v: number) => boolean,
  corner?: { prev: XY; next: XY },
): number[] {
  blockR.fill(Infinity);
  if (corner) hideNonTangent(ux, uy, corner.prev, corner.next);
  cg.stamp = (cg.stamp + 1) >>> 0;
  if (cg.stamp === 0) {
    cg.cellStamp.fill(0);
    cg.edgeStamp.fill(0);
    cg.stamp = 1;
  }
  const stamp = cg.stamp;
  const { minX, minY, cell, nx, ny, counts, cellEdges, edges, prevEdge } = grid;
  const found: number[] = [];

  // Cells by distance from the point (cell ids keyed by their nearest distance).
  const heap = cellHeap;
  const cellDist = (cx: number, cy: number) => {
    const x0 = minX + cx * cell;
    const y0 = minY + cy * cell;
    const dx = ux < x0 ? x0 - ux : ux > x0 + cell ? ux - x0 - cell : 0;
    const dy = uy < y0 ? y0 - uy : uy > y0 + cell ? uy - y0 - cell : 0;
    return Math.sqrt(dx * dx + dy * dy);
  };

  /** Whether every bin the cell spans (seen from the point) is hidden nearer than the cell. */
  const hidden = (cx: number, cy: number, dist: number): boolean => {
    if (dist < cell) return false;
    const x0 = minX + cx * cell - ux;
    const y0 = minY + cy * cell - uy;
    // The cell does not hold the point, so its corners span less than half a turn around the middle's direction.
    const mid = angle(x0 + cell / 2, y0 + cell / 2);
    let lo = 0;
    let hi = 0;
    for (let k = 0; k < 4; k++) {
      let d = angle(k & 1 ? x0 + cell : x0, k & 2 ? y0 + cell : y0) - mid;
      if (d > 2) d -= FULL;
      else if (d < -2) d += FULL;
      if (d < lo) lo = d;
      if (d > hi) hi = d;
    }
    let from = mid + lo - TOL_ANGLE;
    if (from < 0) from += FULL;
    const first = Math.floor(from / BIN_W);
    const last = Math.floor((from + (hi - lo) + 2 * TOL_ANGLE) / BIN_W);
    for (let k = first; k <= last; k++) if (!(blockR[k % BINS] < dist)) return false;
    return true;
  };

  const registerEdge = (e: number) => {
    const ax = edges[4 * e] - ux;
    const ay = edges[4 * e + 1] - uy;
    const bx = edges[4 * e + 2] - ux;
    const by = edges[4 * e + 3] - uy;
    const la = Math.sqrt(ax * ax + ay * ay);
    const lb = Math.sqrt(bx * bx + by * by);
    if (la < TOL_M || lb < TOL_M) return;
    const crossAB = ax * by - ay * bx;
    // Material is on the left of a -> b: a ray from outside enters through an edge whose right side
    // faces the point (crossAB < 0); the far sides never block first.
    if (crossAB >= 0) return;
    const lenAB = Math.hypot(bx - ax, by - ay);
    const ta = angle(ax, ay);
    const tb = angle(bx, by);
    // The edge alone, when the point is off its line: the short arc from b counter-clockwise to a.
    if (lenAB > 0 && -crossAB / lenAB > TOL_M) hideArc(tb, ccw(tb, ta), Math.max(la, lb), Math.min(la, lb));
    // The chain p -> a -> b through vertex a when it crosses the ray to a: its two arcs join at a.
    const pe = prevEdge[e];
    const px = edges[4 * pe] - ux;
    const py = edges[4 * pe + 1] - uy;
    const lp = Math.sqrt(px * px + py * py);
    if (lp < TOL_M) return;
    // Both edges face the point, so b is clockwise of a and p counter-clockwise of it.
    const sb = crossAB / la;
    const sp = (ax * py - ay * px) / la;
    if (sb < -TOL_M && sp > TOL_M && px * ay - py * ax < 0) {
      const tp = angle(px, py);
      hideArc(tb, ccw(tb, ta) + ccw(ta, tp), Math.max(la, lb, lp), Math.min(la, lb, lp));
    }
  };

  const c0x = clamp(Math.floor((ux - minX) / cell), nx);
  const c0y = clamp(Math.floor((uy - minY) / cell), ny);
  cg.cellStamp[c0y * nx + c0x] = stamp;
  heap.push(c0y * nx + c0x, cellDist(c0x, c0y));
  let nPending = 0;
  while (heap.size > 0) {
    const dist = heap.peekKey();
    const c = heap.pop();
    const cx = c % nx;
    const cy = (c - cx) / nx;
    if (hidden(cx, cy, dist)) continue;
    for (let j = counts[c], end = counts[c + 1]; j < end; j++) {
      const e = cellEdges[j];
      if (cg.edgeStamp[e] === stamp) continue;
      cg.edgeStamp[e] = stamp;
      registerEdge(e);
    }
    for (let j = cg.counts[c], end = cg.counts[c + 1]; j < end; j++) {
      const v = cg.cellCorners[j];
      if (v === self) continue;
      if (nPending === pending.length) {
        const grown = new Int32Array(pending.length * 2);
        grown.set(pending);
        pending = grown;
      }
      pending[nPending++] = v;
    }
    for (let dy = -1; dy <= 1; dy++) {
      const y = cy + dy;
      if (y < 0 || y >= ny) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const x = cx + dx;
        if (x < 0 || x >= nx) continue;
        const nc = y * nx + x;
        if (cg.cellStamp[nc] === stamp) continue;
        cg.cellStamp[nc] = stamp;
        heap.push(nc, cellDist(x, y));
      }
    }
  }
  // Candidates are judged against everything registered, which is more than when their cell came up.
  for (let i = 0; i < nPending; i++) {
    const v = pending[i];
    const dx = cg.xs[v] - ux;
    const dy = cg.ys[v] - uy;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d > TOL_M && blockR[Math.floor(angle(dx, dy) / BIN_W) % BINS] < d) continue;
    if (accept(v)) found.push(v);
  }
  return found;
}
