/**
 * Elevation sources in degrees (what a DEM file or a tile set gives) and their resampling into the
 * mission's terrain grid (local metres around its origin).
 */
import { createFrame } from '../geo/frame';
import { shapeRings } from '../geo/shapes';
import type { Mission } from '../mission/schema';
import { MAX_TERRAIN_SAMPLES, MAX_TERRAIN_M, MIN_TERRAIN_M, type Terrain } from '../mission/terrain';
import { encodeHeights } from './codec';

/** Ground elevation (m AMSL) at a position, or undefined where the source has no data. */
export type ElevationSampler = (lng: number, lat: number) => number | undefined;

/** A raster of elevations on a regular grid in some 2D coordinates (degrees, or Web Mercator metres). */
export interface Raster {
  width: number;
  height: number;
  /** Row by row from the top (north), west to east. */
  values: Float32Array;
  /** Coordinates of the centre of pixel (0, 0), and the step per column and per row (negative going south). */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  /** A value meaning "no data" (besides NaN). */
  noData?: number;
}

/** Bilinear sampling of a raster at raster coordinates (x, y); undefined outside it or next to no-data. */
export function sampleRaster(r: Raster, x: number, y: number): number | undefined {
  const u = (x - r.x0) / r.dx;
  const v = (y - r.y0) / r.dy;
  if (!(u >= 0 && v >= 0 && u <= r.width - 1 && v <= r.height - 1)) return undefined;
  const i = Math.min(Math.floor(u), Math.max(0, r.width - 2));
  const j = Math.min(Math.floor(v), Math.max(0, r.height - 2));
  const fu = r.width > 1 ? u - i : 0;
  const fv = r.height > 1 ? v - j : 0;
  const i1 = Math.min(i + 1, r.width - 1);
  const j1 = Math.min(j + 1, r.height - 1);
  const at = (c: number, w: number) => {
    const h = r.values[w * r.width + c];
    return Number.isNaN(h) || h === r.noData ? undefined : h;
  };
  const h00 = at(i, j);
  const h10 = at(i1, j);
  const h01 = at(i, j1);
  const h11 = at(i1, j1);
  if (h00 === undefined || h10 === undefined || h01 === undefined || h11 === undefined) return undefined;
  return h00 + (h10 - h00) * fu + (h01 - h00) * fv + (h00 - h10 - h01 + h11) * fu * fv;
}

const R_MERCATOR = 6378137;

/** Web Mercator (EPSG:3857) metres of a position. */
export function toWebMercator(lng: number, lat: number): { x: number; y: number } {
  const phi = (Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI) / 180;
  return { x: (R_MERCATOR * lng * Math.PI) / 180, y: R_MERCATOR * Math.log(Math.tan(Math.PI / 4 + phi / 2)) };
}

export interface ResampleOptions {
  /** Grid spacing, metres (default 30). */
  spacingM?: number;
  /** How far beyond the mission's things the grid reaches, metres (default 2,000). */
  marginM?: number;
  attribution?: string;
  /** Called with the share done, now and then. */
  onProgress?: (fraction: number) => void;
}

export type ResampleResult =
  | { ok: true; terrain: Terrain; missing: number; rangeM: [number, number] }
  | { ok: false; message: string };

/**
 * The grid the importer samples at `spacingM`: the box around every depot, pad, drop point, zone and
 * building (and the origin), grown by `marginM`, snapped to whole multiples of the spacing.
 */
export function missionTerrainBox(mission: Mission, spacingM: number, marginM: number): { westM: number; southM: number; cols: number; rows: number } {
  const frame = createFrame(mission.origin);
  let minX = 0;
  let minY = 0;
  let maxX = 0;
  let maxY = 0;
  const grow = (p: readonly [number, number]) => {
    const q = frame.toLocal(p);
    minX = Math.min(minX, q.x);
    minY = Math.min(minY, q.y);
    maxX = Math.max(maxX, q.x);
    maxY = Math.max(maxY, q.y);
  };
  for (const d of mission.depots) {
    grow(d.position);
    if (d.pads && 'positions' in d.pads) for (const p of d.pads.positions) grow(p);
  }
  for (const o of mission.orders) grow(o.position);
  for (const z of mission.noFlyZones) for (const ring of shapeRings(z.shape, frame)) for (const p of ring) grow(frame.toLngLat(p));
  for (const b of mission.buildings) for (const p of b.footprint.coordinates[0]) grow(p);
  const westM = Math.floor((minX - marginM) / spacingM) * spacingM;
  const southM = Math.floor((minY - marginM) / spacingM) * spacingM;
  const cols = Math.ceil((maxX + marginM - westM) / spacingM) + 1;
  const rows = Math.ceil((maxY + marginM - southM) / spacingM) + 1;
  return { westM, southM, cols, rows };
}

/**
 * Samples the source on the mission's terrain grid: the box around every depot, pad, drop point, zone
 * and building, grown by the margin. Samples the source has no data for are refused (count given);
 * the grid must fit MAX_TERRAIN_SAMPLES.
 */
export function resampleForMission(mission: Mission, sample: ElevationSampler, opts: ResampleOptions = {}): ResampleResult {
  const spacingM = opts.spacingM ?? 30;
  const marginM = opts.marginM ?? 2000;
  const frame = createFrame(mission.origin);
  const { westM, southM, cols, rows } = missionTerrainBox(mission, spacingM, marginM);
  if (cols * rows > MAX_TERRAIN_SAMPLES) {
    const need = Math.ceil(spacingM * Math.sqrt((cols * rows) / MAX_TERRAIN_SAMPLES));
    return { ok: false, message: `a ${cols} x ${rows} grid at ${spacingM} m is more than ${MAX_TERRAIN_SAMPLES} samples: use a spacing of at least ${need} m` };
  }
  const heights = new Float32Array(cols * rows);
  let missing = 0;
  let firstMissing: [number, number] | undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const [lng, lat] = frame.toLngLat({ x: westM + i * spacingM, y: southM + j * spacingM });
      const h = sample(lng, lat);
      if (h === undefined || !Number.isFinite(h)) {
        missing++;
        firstMissing ??= [lng, lat];
        continue;
      }
      heights[j * cols + i] = h;
      lo = Math.min(lo, h);
      hi = Math.max(hi, h);
    }
    if (opts.onProgress && j % 16 === 0) opts.onProgress(j / rows);
  }
  if (missing > 0) {
    const at = firstMissing ? ` (first at ${firstMissing[0].toFixed(5)}, ${firstMissing[1].toFixed(5)})` : '';
    return {
      ok: false,
      message: `the elevation data does not cover the mission area: ${missing} of ${cols * rows} grid samples have no data${at}; it must reach ${marginM} m beyond every depot, drop point, zone and building (--margin)`,
    };
  }
  if (lo < MIN_TERRAIN_M || hi > MAX_TERRAIN_M) {
    return { ok: false, message: `elevations ${lo.toFixed(1)}..${hi.toFixed(1)} m are outside ${MIN_TERRAIN_M}..${MAX_TERRAIN_M} m AMSL (wrong units or encoding?)` };
  }
  opts.onProgress?.(1);
  return {
    ok: true,
    missing,
    rangeM: [lo, hi],
    terrain: {
      ...(opts.attribution ? { attribution: opts.attribution } : {}),
      westM,
      southM,
      spacingM,
      cols,
      rows,
      heightsF32: encodeHeights(heights),
    },
  };
}
