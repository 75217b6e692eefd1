/**
 * Web Mercator tiles laid in the mission's local metric frame (pure maths, no three.js).
 *
 * The local frame (src/core/geo/frame.ts) is azimuthal equidistant, so a tile is not a rectangle in
 * it: meridians converge (about x·tan(lat)/R radians at x metres east of the origin) and Mercator's
 * scale changes with latitude. A tile drawn as one axis-aligned quad from its NW and SE corners is
 * off by metres at the edge of a city-sized mission. So each tile is a small grid whose vertices are
 * placed exactly (lng/lat -> local); inside a cell the GPU's affine interpolation is off by
 * millimetres (test/unit/basemap-registration.test.ts measures it).
 */
import type { LngLat, MetricFrame, XY } from '../core/geo/frame';

/** Pixels on a tile's side (the XYZ and PMTiles convention). */
export const TILE_PX = 256;
/** Web Mercator's latitude limit: the world is a square. */
export const MAX_LAT = 85.0511287798066;
/** Cells per tile side: 8x8 keeps the interpolation error under a centimetre at the zooms drawn. */
export const TILE_GRID = 8;
/** Earth circumference at the equator (Web Mercator sphere), metres. */
const EQUATOR_M = 40_075_016.686;

const DEG = Math.PI / 180;

/** Global Web Mercator pixel of a lng/lat at zoom z: x east from 180°W, y south from MAX_LAT. */
export function worldPixel(z: number, p: LngLat): { x: number; y: number } {
  const size = TILE_PX * 2 ** z;
  const lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, p[1])) * DEG;
  return {
    x: ((p[0] + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * size,
  };
}

/** Inverse of worldPixel. */
export function pixelLngLat(z: number, px: number, py: number): [number, number] {
  const size = TILE_PX * 2 ** z;
  const lng = (px / size) * 360 - 180;
  const lat = Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / size))) / DEG;
  return [lng, lat];
}

/** North-west corner of tile (x, y) at zoom z as [lng, lat]. */
export function tileCorner(z: number, x: number, y: number): [number, number] {
  return pixelLngLat(z, x * TILE_PX, y * TILE_PX);
}

/** Ground metres per tile pixel at a latitude and zoom. */
export function metresPerPixel(z: number, lat: number): number {
  return (EQUATOR_M * Math.cos(lat * DEG)) / (TILE_PX * 2 ** z);
}

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** [west, south, east, north] in degrees. */
export type LngLatBox = readonly [west: number, south: number, east: number, north: number];

/** Tile indexes (inclusive) covering a lng/lat box at zoom z, clamped to the world. */
export function tileRange(z: number, box: LngLatBox): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z;
  const clamp = (i: number) => Math.max(0, Math.min(n - 1, i));
  const nw = worldPixel(z, [box[0], box[3]]);
  const se = worldPixel(z, [box[2], box[1]]);
  return {
    x0: clamp(Math.floor(nw.x / TILE_PX)),
    x1: clamp(Math.floor(se.x / TILE_PX)),
    y0: clamp(Math.floor(nw.y / TILE_PX)),
    y1: clamp(Math.floor(se.y / TILE_PX)),
  };
}

/** What a source can serve: its zoom range and, for archives, the area it covers. */
export interface TileLimits {
  minZoom: number;
  maxZoom: number;
  bounds: LngLatBox | null;
}

export interface TilePlan {
  z: number;
  /** Tiles to draw, nearest the mission centre first. */
  tiles: TileId[];
  /** Tiles the area needed at z before the cap (more than tiles.length when capped). */
  needed: number;
}

/** The basemap covers the mission's local bounding box plus this margin, metres. */
export const TILE_MARGIN_M = 3000;

/** The local box (metres) the basemap covers for a mission's bounds. */
export function basemapBox(b: { minX: number; minY: number; maxX: number; maxY: number }) {
  return { minX: b.minX - TILE_MARGIN_M, minY: b.minY - TILE_MARGIN_M, maxX: b.maxX + TILE_MARGIN_M, maxY: b.maxY + TILE_MARGIN_M };
}

/** Tiles on the side of the area the fit zoom aims for (about 8x8 tiles over the mission). */
const TILES_PER_SIDE = 8;
/** Never more tiles than this: an archive whose min zoom is far above the fit zoom would ask for thousands. */
export const MAX_TILES = 256;
/** Highest zoom asked of an XYZ server without an archive's own limit. */
export const XYZ_MAX_ZOOM = 19;

type LocalBox = { minX: number; minY: number; maxX: number; maxY: number };

/** [west, south, east, north] of a local box: from its four corners (its edges are not meridians or parallels). */
function boxLngLat(frame: MetricFrame, box: LocalBox): [number, number, number, number] {
  const corners = [
    frame.toLngLat({ x: box.minX, y: box.minY }),
    frame.toLngLat({ x: box.maxX, y: box.minY }),
    frame.toLngLat({ x: box.minX, y: box.maxY }),
    frame.toLngLat({ x: box.maxX, y: box.maxY }),
  ];
  return [
    Math.min(...corners.map((c) => c[0])),
    Math.min(...corners.map((c) => c[1])),
    Math.max(...corners.map((c) => c[0])),
    Math.max(...corners.map((c) => c[1])),
  ];
}

/** The tiles at zoom z over a local box, inside the source's bounds, nearest the box's centre first, at most `cap`. */
function tilesAt(frame: MetricFrame, box: LocalBox, z: number, bounds: LngLatBox | null, cap: number): TilePlan {
  let [west, south, east, north] = boxLngLat(frame, box);
  if (bounds) {
    west = Math.max(west, bounds[0]);
    south = Math.max(south, bounds[1]);
    east = Math.min(east, bounds[2]);
    north = Math.min(north, bounds[3]);
    if (west > east || south > north) return { z, tiles: [], needed: 0 };
  }
  const r = tileRange(z, [west, south, east, north]);
  const centre = worldPixel(z, frame.toLngLat({ x: (box.minX + box.maxX) / 2, y: (box.minY + box.maxY) / 2 }));
  const all: (TileId & { d: number })[] = [];
  for (let x = r.x0; x <= r.x1; x++) {
    for (let y = r.y0; y <= r.y1; y++) {
      all.push({ z, x, y, d: Math.hypot((x + 0.5) * TILE_PX - centre.x, (y + 0.5) * TILE_PX - centre.y) });
    }
  }
  all.sort((a, b) => a.d - b.d);
  return { z, tiles: all.slice(0, cap).map(({ z, x, y }) => ({ z, x, y })), needed: all.length };
}

/**
 * The base layer: the zoom that fits a local box (the mission) in about 8 tiles a side, clamped to the
 * source's zoom range, and its tiles; tiles outside the source's bounds are skipped.
 */
export function planTiles(frame: MetricFrame, box: LocalBox, limits: TileLimits): TilePlan {
  const [, south, , north] = boxLngLat(frame, box);
  const spanM = Math.max(box.maxX - box.minX, box.maxY - box.minY, 1);
  const lat = (south + north) / 2;
  const fit = Math.floor(Math.log2((EQUATOR_M * Math.cos(lat * DEG) * TILES_PER_SIDE) / spanM));
  const z = Math.max(limits.minZoom, Math.min(limits.maxZoom, fit));
  return tilesAt(frame, box, z, limits.bounds, MAX_TILES);
}

/** Most tiles of the detail layer: about a screenful at screen resolution. */
export const MAX_DETAIL_TILES = 48;

/** What the camera looks at: the ground point at the centre of the view, the view's half size and its resolution there. */
export interface GroundView {
  centre: XY;
  halfWidthM: number;
  halfHeightM: number;
  metresPerPixel: number;
}

/** The zoom whose texel is closest to metresPerPx of ground (in a factor of 2 of a screen pixel). */
export function zoomForResolution(metresPerPx: number, lat: number): number {
  return Math.round(Math.log2((EQUATOR_M * Math.cos(lat * DEG)) / (TILE_PX * metresPerPx)));
}

/**
 * The detail layer: when the camera is closer than the base zoom is sharp, the view's neighbourhood at
 * the zoom of its screen resolution (clamped to the source's range); null when the base is sharp enough.
 */
export function planDetail(frame: MetricFrame, view: GroundView, limits: TileLimits, baseZoom: number): TilePlan | null {
  const lat = frame.toLngLat(view.centre)[1];
  const z = Math.max(limits.minZoom, Math.min(limits.maxZoom, zoomForResolution(view.metresPerPixel, lat)));
  if (z <= baseZoom) return null;
  const box = {
    minX: view.centre.x - view.halfWidthM,
    maxX: view.centre.x + view.halfWidthM,
    minY: view.centre.y - view.halfHeightM,
    maxY: view.centre.y + view.halfHeightM,
  };
  return tilesAt(frame, box, z, limits.bounds, MAX_DETAIL_TILES);
}

/** A tile as a triangle grid in the local frame: vertex positions (metres east, north), texture coordinates, triangles. */
export interface TileMesh {
  /** x, y pairs in local metres. */
  local: Float64Array;
  /** u, v pairs: u across the image from its left, v down from its top row (textures uploaded without a flip). */
  uv: Float32Array;
  /** Three vertex indexes per triangle, counter-clockwise seen from above. */
  index: Uint16Array;
}

/** The grid of a tile with every vertex projected exactly: lng/lat of its Mercator pixel -> local frame. */
export function tileMesh(frame: MetricFrame, t: TileId, cells = TILE_GRID): TileMesh {
  const side = cells + 1;
  const local = new Float64Array(side * side * 2);
  const uv = new Float32Array(side * side * 2);
  for (let j = 0; j <= cells; j++) {
    for (let i = 0; i <= cells; i++) {
      const k = j * side + i;
      const p = frame.toLocal(pixelLngLat(t.z, (t.x + i / cells) * TILE_PX, (t.y + j / cells) * TILE_PX));
      local[2 * k] = p.x;
      local[2 * k + 1] = p.y;
      uv[2 * k] = i / cells;
      uv[2 * k + 1] = j / cells;
    }
  }
  const index = new Uint16Array(cells * cells * 6);
  let n = 0;
  for (let j = 0; j < cells; j++) {
    for (let i = 0; i < cells; i++) {
      const a = j * side + i; // north-west corner of the cell (j grows southward)
      const b = a + 1;
      const c = a + side;
      const d = c + 1;
      // Seen from above (north up): a -> c -> b and b -> c -> d turn counter-clockwise.
      index.set([a, c, b, b, c, d], n);
      n += 6;
    }
  }
  return { local, uv, index };
}

/**
 * The triangles of a tile's grid (tileMesh, TILE_GRID cells a side) still to draw when a finer layer of
 * the same map covers some of its cells: it is drawn over them anyway, and each layer drawn is a pass
 * over those pixels. Cell (i, j) of tile z/x/y is exactly tile z+3/(8x+i)/(8y+j), so it is covered when
 * the finer layer (zoom finerZ) has that tile loaded, or its ancestor, or every one of its descendants.
 * Null when no cell is covered (draw the whole grid).
 */
export function uncoveredIndex(mesh: TileMesh, t: TileId, finerZ: number, loaded: (z: number, x: number, y: number) => boolean): Uint16Array | null {
  const cells = Math.round(Math.sqrt(mesh.index.length / 6));
  const shift = Math.log2(cells);
  if (!Number.isInteger(shift) || finerZ <= t.z) return null;
  const cellZ = t.z + shift;
  const covered = (cx: number, cy: number): boolean => {
    if (finerZ <= cellZ) return loaded(finerZ, cx >> (cellZ - finerZ), cy >> (cellZ - finerZ));
    const k = finerZ - cellZ;
    // A handful of finer tiles per cell at most: the finer layer holds a few dozen tiles in all.
    if (k > 3) return false;
    for (let b = 0; b < 1 << k; b++) for (let a = 0; a < 1 << k; a++) if (!loaded(finerZ, (cx << k) + a, (cy << k) + b)) return false;
    return true;
  };
  const keep: number[] = [];
  for (let j = 0; j < cells; j++)
    for (let i = 0; i < cells; i++) {
      if (covered(t.x * cells + i, t.y * cells + j)) continue;
      const c = (j * cells + i) * 6;
      for (let n = 0; n < 6; n++) keep.push(mesh.index[c + n]);
    }
  return keep.length === mesh.index.length ? null : Uint16Array.from(keep);
}

/**
 * Where the texture coordinate (u, v) of a tile mesh lands in the local frame, interpolated linearly
 * inside the triangle that holds it, as the GPU draws it; null outside the mesh.
 */
export function meshPointAt(mesh: TileMesh, u: number, v: number): XY | null {
  const { uv, local, index } = mesh;
  for (let t = 0; t < index.length; t += 3) {
    const [a, b, c] = [index[t], index[t + 1], index[t + 2]];
    const x1 = uv[2 * b] - uv[2 * a];
    const y1 = uv[2 * b + 1] - uv[2 * a + 1];
    const x2 = uv[2 * c] - uv[2 * a];
    const y2 = uv[2 * c + 1] - uv[2 * a + 1];
    const px = u - uv[2 * a];
    const py = v - uv[2 * a + 1];
    const det = x1 * y2 - x2 * y1;
    const s = (px * y2 - x2 * py) / det;
    const r = (x1 * py - px * y1) / det;
    const eps = 1e-9;
    if (s < -eps || r < -eps || s + r > 1 + eps) continue;
    return {
      x: local[2 * a] + s * (local[2 * b] - local[2 * a]) + r * (local[2 * c] - local[2 * a]),
      y: local[2 * a + 1] + s * (local[2 * b + 1] - local[2 * a + 1]) + r * (local[2 * c + 1] - local[2 * a + 1]),
    };
  }
  return null;
}
