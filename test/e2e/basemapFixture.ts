/**
 * Basemap fixtures made in the test, nothing downloaded: raster tiles whose every pixel says where
 * it is, and a minimal PMTiles v3 writer (the `pmtiles` package only reads).
 *
 * A coded tile's pixel (col, row) of tile (x, y) has red = col, green = row and blue = 16 * tile tag + 8
 * with tag = (x mod 4) * 4 + (y mod 4): a colour sampled on screen tells which texel of which tile was
 * drawn there, so a registration error shows as a difference of texels (or of tiles).
 */
import { encode } from 'fast-png';
import { zxyToTileId } from 'pmtiles';
import { TILE_PX, worldPixel } from '../../src/state/basemapMercator';

export const MARKER_RGB = [255, 0, 255] as const;

export function tileTag(x: number, y: number): number {
  return (x % 4) * 4 + (y % 4);
}

/** The colour-coded PNG of tile (x, y); `markers` are texels painted MARKER_RGB instead. */
export function codedTilePng(x: number, y: number, markers: readonly { col: number; row: number }[] = []): Uint8Array {
  const data = new Uint8Array(TILE_PX * TILE_PX * 4);
  const blue = tileTag(x, y) * 16 + 8;
  for (let row = 0; row < TILE_PX; row++) {
    for (let col = 0; col < TILE_PX; col++) data.set([col, row, blue, 255], (row * TILE_PX + col) * 4);
  }
  for (const m of markers) data.set([...MARKER_RGB, 255], (m.row * TILE_PX + m.col) * 4);
  return encode({ width: TILE_PX, height: TILE_PX, data, channels: 4, depth: 8 });
}

/** The texel holding a lng/lat at zoom z: tile, column, row, and the continuous position inside the tile. */
export function texelOf(z: number, lngLat: readonly [number, number]) {
  const p = worldPixel(z, lngLat);
  const x = Math.floor(p.x / TILE_PX);
  const y = Math.floor(p.y / TILE_PX);
  const u = p.x - x * TILE_PX;
  const v = p.y - y * TILE_PX;
  return { x, y, col: Math.floor(u), row: Math.floor(v), u, v };
}

/** Read back a sampled colour: the texel centre it names (tile, column + 0.5, row + 0.5), or null when it is no coded colour. */
export function decodeColour(rgb: readonly number[]): { tag: number; u: number; v: number } | null {
  const [r, g, b] = rgb;
  const tag = Math.round((b - 8) / 16);
  if (tag < 0 || tag > 15 || Math.abs(b - (tag * 16 + 8)) > 4) return null;
  return { tag, u: r + 0.5, v: g + 0.5 };
}

export interface ArchiveTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface ArchiveOptions {
  /** PMTiles tile type: 1 mvt, 2 png, 3 jpeg, 4 webp. */
  tileType: number;
  /** [west, south, east, north] degrees. */
  bounds: readonly [number, number, number, number];
  metadata?: Record<string, unknown>;
}

function varints(values: number[]): number[] {
  const out: number[] = [];
  for (let v of values) {
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return out;
}

/**
 * A PMTiles v3 archive (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): the 127-byte
 * header, one root directory, the JSON metadata and the tile data, nothing compressed, tiles in
 * tile-id order (clustered).
 */
export function writePmtiles(tiles: readonly ArchiveTile[], opts: ArchiveOptions): Uint8Array {
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const t of sorted) {
    entries.push({ id: t.id, offset, length: t.data.length });
    offset += t.data.length;
  }
  const dir = [
    ...varints([entries.length]),
    ...varints(entries.map((e, i) => e.id - (i > 0 ? entries[i - 1].id : 0))),
    ...varints(entries.map(() => 1)), // run lengths
    ...varints(entries.map((e) => e.length)),
    // An offset right after the previous tile is written as 0, any other as offset + 1.
    ...varints(entries.map((e, i) => (i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length ? 0 : e.offset + 1))),
  ];
  const meta = new TextEncoder().encode(JSON.stringify(opts.metadata ?? {}));
  const rootOffset = 127;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + meta.length;
  const out = new Uint8Array(dataOffset + offset);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode('PMTiles'), 0);
  out[7] = 3;
  const u64 = (at: number, v: number) => view.setBigUint64(at, BigInt(v), true);
  u64(8, rootOffset);
  u64(16, dir.length);
  u64(24, metaOffset);
  u64(32, meta.length);
  u64(40, dataOffset); // no leaf directories
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, entries.length); // addressed tiles
  u64(80, entries.length); // tile entries
  u64(88, entries.length); // tile contents
  out[96] = 1; // clustered
  out[97] = 1; // internal compression: none
  out[98] = 1; // tile compression: none
  out[99] = opts.tileType;
  out[100] = Math.min(...tiles.map((t) => t.z));
  out[101] = Math.max(...tiles.map((t) => t.z));
  const [w, s, e, n] = opts.bounds;
  view.setInt32(102, Math.round(w * 1e7), true);
  view.setInt32(106, Math.round(s * 1e7), true);
  view.setInt32(110, Math.round(e * 1e7), true);
  view.setInt32(114, Math.round(n * 1e7), true);
  out[118] = out[100];
  view.setInt32(119, Math.round(((w + e) / 2) * 1e7), true);
  view.setInt32(123, Math.round(((s + n) / 2) * 1e7), true);
  out.set(dir, rootOffset);
  out.set(meta, metaOffset);
  for (let i = 0; i < sorted.length; i++) out.set(sorted[i].data, dataOffset + entries[i].offset);
  return out;
}
