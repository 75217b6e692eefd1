/**
 * Merged obstacle polygons with a uniform grid over their edges, answering the two questions the
 * visibility graph asks millions of times: "does segment u-v pass through an obstacle?" and
 * "is this point strictly inside an obstacle?". Boundaries are free: a path may touch a buffered
 * obstacle (it is then exactly the safety margin away from the real one), never enter it.
 */
import type { XY } from '../geo/frame';
import type { PolygonRings } from './buffer';
import { type BBox, EPS_M, ringBBox } from './geometry';

export interface Region {
  /** rings[0] outer (counter-clockwise), then holes (clockwise): material is always on the left. */
  rings: XY[][];
  bbox: BBox;
  /** Ids of the mission obstacles (zones, buildings) merged into this region. */
  sources: string[];
}

/** The uniform grid over the edges, for scans that walk it themselves (visibility from a corner). */
export interface EdgeGrid {
  minX: number;
  minY: number;
  cell: number;
  nx: number;
  ny: number;
  /** Edges of cell c are cellEdges[counts[c] .. counts[c + 1]). */
  counts: Int32Array;
  cellEdges: Int32Array;
  /** (ax, ay, bx, by) per edge. */
  edges: Float64Array;
  /** Per edge: the edge before it in its ring (so edges[4 * prevEdge[e]] is the vertex before a). */
  prevEdge: Int32Array;
}

export interface ObstacleIndex {
  regions: Region[];
  grid: EdgeGrid;
  /** True when the open segment a-b stays out of every region's interior. */
  segmentFree(a: XY, b: XY): boolean;
  /** Index of the region whose interior strictly contains p (farther than EPS_M from its boundary), or -1. */
  regionContaining(p: XY): number;
}

/** Padding of edge boxes when binning them, so near-touching edges are always found. */
const BIN_PAD_M = 1e-3;

export function createObstacleIndex(polys: readonly PolygonRings[], sources: readonly string[][]): ObstacleIndex {
  const regions: Region[] = polys.map((rings, i) => ({ rings, bbox: ringBBox(rings[0]), sources: sources[i] }));

  // Flat edge arrays: (ax, ay, bx, by) per edge, in ring order, so edge e starts at a vertex of its ring.
  let edgeCount = 0;
  for (const r of regions) for (const ring of r.rings) edgeCount += ring.length;
  const ex = new Float64Array(edgeCount * 4);
  const prevEdge = new Int32Array(edgeCount);
  let k = 0;
  for (const r of regions) {
    for (const ring of r.rings) {
      const first = k / 4;
      for (let i = 0; i < ring.length; i++) {
        prevEdge[first + i] = first + ((i + ring.length - 1) % ring.length);
        const a = ring[i];
        const b = ring[(i + 1) % ring.length];
        ex[k++] = a.x;
        ex[k++] = a.y;
        ex[k++] = b.x;
        ex[k++] = b.y;
      }
    }
  }

  // Grid over all edges, about two edges per cell.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const r of regions) {
    minX = Math.min(minX, r.bbox.minX);
    minY = Math.min(minY, r.bbox.minY);
    maxX = Math.max(maxX, r.bbox.maxX);
    maxY = Math.max(maxY, r.bbox.maxY);
  }
  if (edgeCount === 0) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  minX -= 1;
  minY -= 1;
  maxX += 1;
  maxY += 1;
  const grid = buildEdgeGrid(ex, prevEdge, null, { minX, minY, maxX, maxY }, 2);
  const { cell, nx, ny, counts, cellEdges } = grid;

  const stamp = new Uint32Array(edgeCount);
  let stampNow = 0;
  let touches = new Float64Array(64);

  // Regions by grid cell (ascending per cell), so a point test looks at the regions near it only.
  const regionCounts = new Int32Array(nx * ny + 1);
  const forEachCellOfRegion = (i: number, f: (c: number) => void) => {
    const b = regions[i].bbox;
    const c0 = clampCell(Math.floor((b.minX - minX) / cell), nx);
    const c1 = clampCell(Math.floor((b.maxX - minX) / cell), nx);
    const r0 = clampCell(Math.floor((b.minY - minY) / cell), ny);
    const r1 = clampCell(Math.floor((b.maxY - minY) / cell), ny);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) f(r * nx + c);
  };
  for (let i = 0; i < regions.length; i++) forEachCellOfRegion(i, (c) => regionCounts[c + 1]++);
  for (let c = 0; c < nx * ny; c++) regionCounts[c + 1] += regionCounts[c];
  const cellRegions = new Int32Array(regionCounts[nx * ny]);
  const regionFill = regionCounts.slice(0, nx * ny);
  for (let i = 0; i < regions.length; i++) forEachCellOfRegion(i, (c) => (cellRegions[regionFill[c]++] = i));

  function regionContaining(p: XY): number {
    // Outside the grid no region's box can hold p.
    if (!(p.x > minX && p.x < maxX && p.y > minY && p.y < maxY)) return -1;
    const c = clampCell(Math.floor((p.y - minY) / cell), ny) * nx + clampCell(Math.floor((p.x - minX) / cell), nx);
    for (let j = regionCounts[c], end = regionCounts[c + 1]; j < end; j++) {
      const i = cellRegions[j];
      const b = regions[i].bbox;
      if (p.x <= b.minX || p.x >= b.maxX || p.y <= b.minY || p.y >= b.maxY) continue;
      if (strictlyInsideRings(p, regions[i].rings)) return i;
    }
    return -1;
  }

  function segmentFree(u: XY, v: XY): boolean {
    const dx = v.x - u.x;
    const dy = v.y - u.y;
    const len = Math.hypot(dx, dy);
    if (len < EPS_M) return regionContaining(u) < 0;
    if (edgeCount === 0) return true;
    stampNow = (stampNow + 1) >>> 0;
    if (stampNow === 0) {
      stamp.fill(0);
      stampNow = 1;
    }
    const sMinX = Math.min(u.x, v.x) - EPS_M;
    const sMaxX = Math.max(u.x, v.x) + EPS_M;
    const sMinY = Math.min(u.y, v.y) - EPS_M;
    const sMaxY = Math.max(u.y, v.y) + EPS_M;
    let nTouch = 0;
    const tTiny = EPS_M / len;

    // Walk the grid cells the segment passes (Amanatides & Woo), clipped to the grid.
    const clip = clipToBox(u.x, u.y, dx, dy, minX, minY, maxX, maxY);
    if (clip) {
      const [t0, t1] = clip;
      const px = u.x + dx * t0;
      const py = u.y + dy * t0;
      let cx = clampCell(Math.floor((px - minX) / cell), nx);
      let cy = clampCell(Math.floor((py - minY) / cell), ny);
      const qx = u.x + dx * t1;
      const qy = u.y + dy * t1;
      const endCx = clampCell(Math.floor((qx - minX) / cell), nx);
      const endCy = clampCell(Math.floor((qy - minY) / cell), ny);
      const stepX = dx > 0 ? 1 : dx < 0 ? -1 : 0;
      const stepY = dy > 0 ? 1 : dy < 0 ? -1 : 0;
      const tDeltaX = stepX !== 0 ? cell / Math.abs(dx) : Infinity;
      const tDeltaY = stepY !== 0 ? cell / Math.abs(dy) : Infinity;
      let tMaxX = stepX > 0 ? (minX + (cx + 1) * cell - u.x) / dx : stepX < 0 ? (minX + cx * cell - u.x) / dx : Infinity;
      let tMaxY = stepY > 0 ? (minY + (cy + 1) * cell - u.y) / dy : stepY < 0 ? (minY + cy * cell - u.y) / dy : Infinity;
      let guard = nx + ny + 4;
      for (;;) {
        const c = cy * nx + cx;
        for (let j = counts[c], end = counts[c + 1]; j < end; j++) {
          const e = cellEdges[j];
          if (stamp[e] === stampNow) continue;
          stamp[e] = stampNow;
          const o = 4 * e;
          const ax = ex[o];
          const ay = ex[o + 1];
          const bx = ex[o + 2];
          const by = ex[o + 3];
          if ((ax < sMinX && bx < sMinX) || (ax > sMaxX && bx > sMaxX) || (ay < sMinY && by < sMinY) || (ay > sMaxY && by > sMaxY)) {
            continue;
          }
          // Signed distances of the edge's ends from the segment's line.
          const da = (dx * (ay - u.y) - dy * (ax - u.x)) / len;
          const db = (dx * (by - u.y) - dy * (bx - u.x)) / len;
          if ((da > EPS_M && db < -EPS_M) || (da < -EPS_M && db > EPS_M)) {
            const ebx = bx - ax;
            const eby = by - ay;
            const elen = Math.hypot(ebx, eby);
            const du = (ebx * (u.y - ay) - eby * (u.x - ax)) / elen;
            const dv = (ebx * (v.y - ay) - eby * (v.x - ax)) / elen;
            if ((du > EPS_M && dv < -EPS_M) || (du < -EPS_M && dv > EPS_M)) return false; // proper crossing
          }
          // A vertex on the segment splits it; each piece is then wholly inside or outside.
          if (Math.abs(da) <= EPS_M) {
            const t = ((ax - u.x) * dx + (ay - u.y) * dy) / (len * len);
            if (t > tTiny && t < 1 - tTiny) {
              if (nTouch === touches.length) {
                const grown = new Float64Array(touches.length * 2);
                grown.set(touches);
                touches = grown;
              }
              touches[nTouch++] = t;
            }
          }
        }
        if ((cx === endCx && cy === endCy) || guard-- <= 0) break;
        if (tMaxX < tMaxY) {
          if (tMaxX > t1) break;
          cx += stepX;
          tMaxX += tDeltaX;
        } else {
          if (tMaxY > t1) break;
          cy += stepY;
          tMaxY += tDeltaY;
        }
        if (cx < 0 || cx >= nx || cy < 0 || cy >= ny) break;
      }
    }
    // Midpoint of every piece between touch points must be outside.
    if (nTouch === 0) return regionContaining({ x: u.x + dx / 2, y: u.y + dy / 2 }) < 0;
    const ts = Array.from(touches.subarray(0, nTouch)).sort((a, b) => a - b);
    let prev = 0;
    for (let i = 0; i <= ts.length; i++) {
      const t = i < ts.length ? ts[i] : 1;
      if (t - prev > tTiny) {
        const m = (prev + t) / 2;
        if (regionContaining({ x: u.x + dx * m, y: u.y + dy * m }) >= 0) return false;
      }
      prev = t;
    }
    return true;
  }

  return { regions, grid, segmentFree, regionContaining };
}

/**
 * A uniform grid over edges (all, or the listed ones) within the bounds, about `perCell` edges per
 * cell. Each edge is binned into the cells its line passes near.
 */
export function buildEdgeGrid(ex: Float64Array, prevEdge: Int32Array, ids: Int32Array | null, b: BBox, perCell: number): EdgeGrid {
  const { minX, minY, maxX, maxY } = b;
  const count = ids ? ids.length : ex.length / 4;
  const w = maxX - minX;
  const h = maxY - minY;
  const cell = Math.max(Math.sqrt((w * h) / Math.max(1, count / perCell)), 1);
  const nx = Math.max(1, Math.ceil(w / cell));
  const ny = Math.max(1, Math.ceil(h / cell));

  const counts = new Int32Array(nx * ny + 1);
  const forEachCellOfEdge = (e: number, f: (c: number) => void) => {
    const ax = ex[4 * e];
    const ay = ex[4 * e + 1];
    const bx = ex[4 * e + 2];
    const by = ex[4 * e + 3];
    const c0 = clampCell(Math.floor((Math.min(ax, bx) - BIN_PAD_M - minX) / cell), nx);
    const c1 = clampCell(Math.floor((Math.max(ax, bx) + BIN_PAD_M - minX) / cell), nx);
    const r0 = clampCell(Math.floor((Math.min(ay, by) - BIN_PAD_M - minY) / cell), ny);
    const r1 = clampCell(Math.floor((Math.max(ay, by) + BIN_PAD_M - minY) / cell), ny);
    // Long edges: visit only the cells their own line passes near (bounding box of each column slice).
    for (let c = c0; c <= c1; c++) {
      let rr0 = r0;
      let rr1 = r1;
      if (c1 > c0 && ax !== bx) {
        const xa = Math.max(minX + c * cell, Math.min(ax, bx)) - BIN_PAD_M;
        const xb = Math.min(minX + (c + 1) * cell, Math.max(ax, bx)) + BIN_PAD_M;
        const ya = ay + ((by - ay) * (xa - ax)) / (bx - ax);
        const yb = ay + ((by - ay) * (xb - ax)) / (bx - ax);
        rr0 = Math.max(r0, clampCell(Math.floor((Math.min(ya, yb) - BIN_PAD_M - minY) / cell), ny));
        rr1 = Math.min(r1, clampCell(Math.floor((Math.max(ya, yb) + BIN_PAD_M - minY) / cell), ny));
      }
      for (let r = rr0; r <= rr1; r++) f(r * nx + c);
    }
  };
  for (let i = 0; i < count; i++) forEachCellOfEdge(ids ? ids[i] : i, (c) => counts[c + 1]++);
  for (let c = 0; c < nx * ny; c++) counts[c + 1] += counts[c];
  const cellEdges = new Int32Array(counts[nx * ny]);
  const fill = counts.slice(0, nx * ny);
  for (let i = 0; i < count; i++) {
    const e = ids ? ids[i] : i;
    forEachCellOfEdge(e, (c) => (cellEdges[fill[c]++] = e));
  }

  return { minX, minY, cell, nx, ny, counts, cellEdges, edges: ex, prevEdge };
}

function clampCell(i: number, n: number): number {
  return i < 0 ? 0 : i >= n ? n - 1 : i;
}

/** Parameter range [t0, t1] within [0, 1] of u + t*d inside the box (slab method), or null. */
function clipToBox(
  ux: number,
  uy: number,
  dx: number,
  dy: number,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
): [number, number] | null {
  let t0 = 0;
  let t1 = 1;
  if (dx === 0) {
    if (ux < minX || ux > maxX) return null;
  } else {
    let a = (minX - ux) / dx;
    let b = (maxX - ux) / dx;
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
  }
  if (dy === 0) {
    if (uy < minY || uy > maxY) return null;
  } else {
    let a = (minY - uy) / dy;
    let b = (maxY - uy) / dy;
    if (a > b) [a, b] = [b, a];
    t0 = Math.max(t0, a);
    t1 = Math.min(t1, b);
  }
  return t0 <= t1 ? [t0, t1] : null;
}

/** Inside the polygon (even-odd over all rings) and farther than EPS_M from its boundary. */
export function strictlyInsideRings(p: XY, rings: readonly XY[][]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[i];
      const b = ring[j];
      // Boundary check (distance to edge <= EPS_M) folded into the same loop.
      const ebx = b.x - a.x;
      const eby = b.y - a.y;
      const len2 = ebx * ebx + eby * eby;
      let t = len2 > 0 ? ((p.x - a.x) * ebx + (p.y - a.y) * eby) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ddx = p.x - (a.x + t * ebx);
      const ddy = p.y - (a.y + t * eby);
      if (ddx * ddx + ddy * ddy <= EPS_M * EPS_M) return false;
      if (a.y > p.y !== b.y > p.y && p.x < (ebx * (p.y - a.y)) / eby + a.x) inside = !inside;
    }
  }
  return inside;
}
