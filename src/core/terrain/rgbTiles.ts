/**
 * Elevation tiles that encode metres in the colour of each pixel (XYZ / slippy-map tiles in Web
 * Mercator): Terrarium (AWS / Mapzen "terrarium": (R * 256 + G + B / 256) - 32768) and Mapbox
 * Terrain-RGB (-10000 + (R * 65536 + G * 256 + B) * 0.1). Decoding the PNG is the caller's (fast-png in
 * Node, canvas ImageData in a browser); this turns RGBA pixels into elevations and samples a mosaic.
 */
import type { ElevationSampler } from './source';

export type RgbEncoding = 'terrarium' | 'mapbox';

/** Elevations of one tile's pixels from its RGBA (or RGB) bytes, row by row from the top. */
export function decodeRgbElevation(pixels: ArrayLike<number>, channels: 3 | 4, encoding: RgbEncoding): Float32Array {
  const n = Math.floor(pixels.length / channels);
  const out = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const r = pixels[k * channels];
    const g = pixels[k * channels + 1];
    const b = pixels[k * channels + 2];
    out[k] = encoding === 'terrarium' ? r * 256 + g + b / 256 - 32768 : -10000 + (r * 65536 + g * 256 + b) * 0.1;
  }
  return out;
}

export interface ElevationTile {
  z: number;
  x: number;
  y: number;
  /** Pixels per side (256 or 512). */
  size: number;
  heights: Float32Array;
}

/**
 * A sampler over a set of tiles of one zoom level: bilinear between pixel centres, across tile edges;
 * undefined where a needed tile is missing.
 */
export function tileMosaicSampler(tiles: readonly ElevationTile[]): ElevationSampler {
  if (tiles.length === 0) return () => undefined;
  const z = tiles[0].z;
  const size = tiles[0].size;
  const byKey = new Map<string, ElevationTile>();
  for (const t of tiles) {
    if (t.z !== z || t.size !== size) throw new Error(`tiles of one zoom and size only (got z${t.z} ${t.size}px and z${z} ${size}px)`);
    byKey.set(`${t.x}/${t.y}`, t);
  }
  const world = size * 2 ** z;
  const pixel = (px: number, py: number): number | undefined => {
    const t = byKey.get(`${Math.floor(px / size)}/${Math.floor(py / size)}`);
    return t ? t.heights[(py % size) * size + (px % size)] : undefined;
  };
  return (lng, lat) => {
    const phi = (lat * Math.PI) / 180;
    // Global pixel coordinates of the point, minus half a pixel: pixel centres sit at integer + 0.5.
    const gx = ((lng + 180) / 360) * world - 0.5;
    const gy = ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * world - 0.5;
    const i = Math.floor(gx);
    const j = Math.floor(gy);
    if (i < 0 || j < 0 || i + 1 >= world || j + 1 >= world) return undefined;
    const h00 = pixel(i, j);
    const h10 = pixel(i + 1, j);
    const h01 = pixel(i, j + 1);
    const h11 = pixel(i + 1, j + 1);
    if (h00 === undefined || h10 === undefined || h01 === undefined || h11 === undefined) return undefined;
    const fu = gx - i;
    const fv = gy - j;
    return h00 + (h10 - h00) * fu + (h01 - h00) * fv + (h00 - h10 - h01 + h11) * fu * fv;
  };
}

/** The tile (at zoom z) holding a position; for tests and for listing what a mission needs. */
export function tileAt(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return { x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n) };
}
