/**
 * Where the water is: a point-in-water test and the distance to the shore over water polygons (a
 * mission's map context: the sea cut from an OpenStreetMap-derived package for the bundled missions,
 * water imported from OpenStreetMap, or drawn by hand).
 *
 * The polygons are projected once into a metric frame centred on them (azimuthal equidistant,
 * src/core/geo/frame.ts: distances within 50 km of the centre are off by less than 1e-5), each ring
 * turned so that its inside is on its left (outer rings counter-clockwise, holes clockwise), and their
 * edges put into a uniform grid. Each grid corner knows its winding number, the count of polygons it
 * lies in (one sweep per corner row, at build time). A query then only reads the edges of its own
 * cell: from the cell's south-west corner it walks north, then east to the point, and every edge it
 * crosses adds or takes one polygon. Overlapping polygons (a river over a lake) are water once, an
 * island (a hole) is land. The distance to the shore searches rings of cells outwards from the point.
 *
 * Edges along the outermost lines of the data (where a clip to a box cut the sea, not where it ends)
 * are not shore: they count for inside and outside but not for the distance to the shore.
 */
import { type LngLat, createFrame } from '../geo/frame';

/** A polygon as GeoJSON has it: [outer, ...holes], [lng, lat] rings, each closed or not. */
export interface WaterPolygon {
  readonly coordinates: readonly (readonly (readonly [number, number])[])[];
}

export interface WaterIndex {
  /** [west, south, east, north] of the water's corners, degrees. */
  readonly bbox: readonly [number, number, number, number];
  /** Corners (ring positions without the closing copies) indexed. */
  readonly corners: number;
  /** Whether p lies in the water (inside a polygon and in none of its holes). */
  isWater(p: LngLat): boolean;
  /**
   * Metres from p to the nearest shore, from the water or the land side alike; Infinity when no shore
   * lies within `limitM` (default: no limit). Time grows with limitM / cell size and the edges near p, not with the size of the data.
   */
  distanceToShoreM(p: LngLat, limitM?: number): number;
}

const DEFAULT_CELL_M = 250;
/** The grid has at most this many cells a side (a larger area gets larger cells). */
const MAX_CELLS_PER_SIDE = 1024;

export function buildWaterIndex(polygons: readonly WaterPolygon[], cellSizeM = DEFAULT_CELL_M): WaterIndex {
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const polygon of polygons) {
    for (const ring of polygon.coordinates) {
      for (const [lng, lat] of ring) {
        if (lng < west) west = lng;
        if (lng > east) east = lng;
        if (lat < south) south = lat;
        if (lat > north) north = lat;
      }
    }
  }
  if (!(west <= east)) return emptyIndex();
  const frame = createFrame([(west + east) / 2, (south + north) / 2]);

  // Edges a -> b in metres, each ring turned to have its inside on its left; shore or cut.
  const ax: number[] = [];
  const ay: number[] = [];
  const bx: number[] = [];
  const by: number[] = [];
  const shore: boolean[] = [];
  let corners = 0;
  const cut = (p: readonly number[], q: readonly number[]) =>
    (p[0] === west && q[0] === west) || (p[0] === east && q[0] === east) || (p[1] === south && q[1] === south) || (p[1] === north && q[1] === north);
  for (const polygon of polygons) {
    polygon.coordinates.forEach((raw, r) => {
      const closed = raw.length > 1 && raw[0][0] === raw[raw.length - 1][0] && raw[0][1] === raw[raw.length - 1][1];
      const ring = closed ? raw.slice(0, -1) : raw.slice();
      if (ring.length < 3) return;
      corners += ring.length;
      const local = ring.map((p) => frame.toLocal(p));
      let area2 = 0;
      for (let i = 0, j = local.length - 1; i < local.length; j = i++) area2 += local[j].x * local[i].y - local[i].x * local[j].y;
      // The outer ring counter-clockwise, holes clockwise: the water is on every edge's left.
      if (r === 0 ? area2 < 0 : area2 > 0) {
        ring.reverse();
        local.reverse();
      }
      for (let i = 0; i < ring.length; i++) {
        const n = (i + 1) % ring.length;
        if (local[i].x === local[n].x && local[i].y === local[n].y) continue;
        ax.push(local[i].x);
        ay.push(local[i].y);
        bx.push(local[n].x);
        by.push(local[n].y);
        shore.push(!cut(ring[i], ring[n]));
      }
    });
  }
  const edges = ax.length;

  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < edges; e++) {
    minX = Math.min(minX, ax[e], bx[e]);
    maxX = Math.max(maxX, ax[e], bx[e]);
    minY = Math.min(minY, ay[e], by[e]);
    maxY = Math.max(maxY, ay[e], by[e]);
  }
  if (edges === 0) return emptyIndex();
  const cellM = Math.max(cellSizeM, (maxX - minX) / (MAX_CELLS_PER_SIDE - 2), (maxY - minY) / (MAX_CELLS_PER_SIDE - 2));
  // One cell to spare on every side: the grid's outer corners are outside all water.
  const x0 = minX - cellM;
  const y0 = minY - cellM;
  const nx = Math.floor((maxX - x0) / cellM) + 2;
  const ny = Math.floor((maxY - y0) / cellM) + 2;
  const cellX = (x: number) => Math.floor((x - x0) / cellM);
  const cellY = (y: number) => Math.floor((y - y0) / cellM);

  // Edges per cell (compressed rows): every cell an edge's box touches, closed on all sides.
  const span = (e: number) => {
    const eps = 1e-6;
    return {
      i0: cellX(Math.min(ax[e], bx[e]) - eps),
      i1: cellX(Math.max(ax[e], bx[e]) + eps),
      j0: cellY(Math.min(ay[e], by[e]) - eps),
      j1: cellY(Math.max(ay[e], by[e]) + eps),
    };
  };
  const cellStart = new Int32Array(nx * ny + 1);
  for (let e = 0; e < edges; e++) {
    const s = span(e);
    for (let j = s.j0; j <= s.j1; j++) for (let i = s.i0; i <= s.i1; i++) cellStart[j * nx + i + 1]++;
  }
  for (let c = 0; c < nx * ny; c++) cellStart[c + 1] += cellStart[c];
  const cellEdges = new Int32Array(cellStart[nx * ny]);
  const fill = cellStart.slice(0, nx * ny);
  for (let e = 0; e < edges; e++) {
    const s = span(e);
    for (let j = s.j0; j <= s.j1; j++) for (let i = s.i0; i <= s.i1; i++) cellEdges[fill[j * nx + i]++] = e;
  }

  /*
   * Crossing rules, read as if every line were moved a hair north-east (so a corner on a line is on
   * one side of it): going east along y, an edge crosses when one end is above y and the other not;
   * going north along x, when one end is east of x and the other not. Going east across an edge that
   * heads south enters its polygon (+1), across one heading north leaves it (-1); going north across
   * an edge heading east enters (+1), heading west leaves (-1).
   */
  // Winding number of every grid corner (i, j) at (x0 + i cell, y0 + j cell), read just north-east of
  // it: a sweep along each corner row over the edges of the cells the row runs through.
  const cornerWinding = new Int32Array((nx + 1) * (ny + 1));
  const lastRow = new Int32Array(edges).fill(-1);
  const hits: { x: number; w: number }[] = [];
  for (let j = 1; j < ny; j++) {
    const y = y0 + j * cellM;
    hits.length = 0;
    for (let c = j * nx, end = (j + 1) * nx; c < end; c++) {
      for (let k = cellStart[c]; k < cellStart[c + 1]; k++) {
        const e = cellEdges[k];
        if (lastRow[e] === j) continue;
        lastRow[e] = j;
        if (ay[e] > y !== by[e] > y) hits.push({ x: ax[e] + ((y - ay[e]) * (bx[e] - ax[e])) / (by[e] - ay[e]), w: by[e] < ay[e] ? 1 : -1 });
      }
    }
    hits.sort((a, b) => a.x - b.x);
    let k = 0;
    let w = 0;
    for (let i = 0; i <= nx; i++) {
      const x = x0 + i * cellM;
      while (k < hits.length && hits[k].x <= x) w += hits[k++].w;
      cornerWinding[j * (nx + 1) + i] = w;
    }
  }

  function isWater(p: LngLat): boolean {
    if (p[0] < west || p[0] > east || p[1] < south || p[1] > north) return false;
    const { x, y } = frame.toLocal(p);
    const i = cellX(x);
    const j = cellY(y);
    if (i < 0 || j < 0 || i >= nx || j >= ny) return false;
    const cx = x0 + i * cellM;
    const cy = y0 + j * cellM;
    let w = cornerWinding[j * (nx + 1) + i];
    for (let k = cellStart[j * nx + i], end = cellStart[j * nx + i + 1]; k < end; k++) {
      const e = cellEdges[k];
      // North from the corner along x = cx, from cy to y.
      if (ax[e] > cx !== bx[e] > cx) {
        const yc = ay[e] + ((cx - ax[e]) * (by[e] - ay[e])) / (bx[e] - ax[e]);
        if (yc > cy && yc <= y) w += bx[e] > ax[e] ? 1 : -1;
      }
      // Then east along y, from cx to x.
      if (ay[e] > y !== by[e] > y) {
        const xc = ax[e] + ((y - ay[e]) * (bx[e] - ax[e])) / (by[e] - ay[e]);
        if (xc > cx && xc < x) w += by[e] < ay[e] ? 1 : -1;
      }
    }
    return w > 0;
  }

  function distanceToShoreM(p: LngLat, limitM = Number.POSITIVE_INFINITY): number {
    const { x, y } = frame.toLocal(p);
    const ci = cellX(x);
    const cj = cellY(y);
    let best = Number.POSITIVE_INFINITY;
    // An edge listed in several cells is measured again: cheaper than remembering it.
    const visit = (i: number, j: number) => {
      if (i < 0 || j < 0 || i >= nx || j >= ny) return;
      for (let k = cellStart[j * nx + i], end = cellStart[j * nx + i + 1]; k < end; k++) {
        const e = cellEdges[k];
        if (shore[e]) best = Math.min(best, segmentDistance(x, y, ax[e], ay[e], bx[e], by[e]));
      }
    };
    // The rings that can hold a cell of the grid at all.
    const maxRing = Math.max(Math.abs(ci), Math.abs(cj), Math.abs(nx - ci), Math.abs(ny - cj)) + 1;
    for (let r = 0; r <= maxRing; r++) {
      // A cell of ring r is at least r - 1 cells from p (p lies anywhere in its own cell).
      const nearest = Math.max(0, r - 1) * cellM;
      if (nearest > best || nearest > limitM) break;
      if (r === 0) visit(ci, cj);
      else {
        for (let i = ci - r; i <= ci + r; i++) {
          visit(i, cj - r);
          visit(i, cj + r);
        }
        for (let j = cj - r + 1; j <= cj + r - 1; j++) {
          visit(ci - r, j);
          visit(ci + r, j);
        }
      }
    }
    return best <= limitM ? best : Number.POSITIVE_INFINITY;
  }

  return { bbox: [west, south, east, north], corners, isWater, distanceToShoreM };
}

function emptyIndex(): WaterIndex {
  return { bbox: [0, 0, 0, 0], corners: 0, isWater: () => false, distanceToShoreM: () => Number.POSITIVE_INFINITY };
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
