/**
 * What an opened basemap is (src/state/basemapSource.ts opens it): raster tiles handed out as image
 * Blobs, or vector tiles handed out as decoded data with the style that draws them (drawn into tile
 * images by src/scene/vectorTiles/). Both go through the same tile grid and texture code.
 */
import type { TileLimits } from './basemapMercator';
import type { DecodedTile } from './basemapMvt';
import type { CompiledStyle } from './basemapStyle';

interface OpenCommon extends TileLimits {
  readonly kind: 'xyz' | 'pmtiles' | 'style';
  /** Changes whenever another source is opened: tiles are keyed by it. */
  readonly id: string;
  /** The source's own attribution (a PMTiles archive's metadata, a style's sources; tags stripped), or null. */
  readonly attribution: string | null;
  /** Who to credit when neither the source nor the user says: e.g. "Tiles: tile.example.org". */
  readonly fallbackAttribution: string | null;
  /** A short description for the panel, e.g. "PNG tiles, zoom 0-14". */
  readonly summary: string;
}

export interface RasterBasemap extends OpenCommon {
  readonly format: 'raster';
  /** The tile image, or null when the source has no tile there. Rejects on network or read errors. */
  tile(z: number, x: number, y: number, signal: AbortSignal): Promise<Blob | null>;
}

/** One source's data under a tile: a tile of the source, at the tile's zoom or (overzoomed) an ancestor's. */
export interface SourceTile {
  tile: DecodedTile;
  /** How many zoom levels the drawn tile is below the source tile (0: the same tile). */
  dz: number;
  /** The drawn tile's column and row inside the source tile, in drawn-tile units (0 .. 2^dz - 1). */
  ox: number;
  oy: number;
}

export interface VectorBasemap extends OpenCommon {
  readonly format: 'vector';
  readonly style: CompiledStyle;
  /** Whether the style is the built-in one (a vector archive opened without a style). */
  readonly builtInStyle: boolean;
  /**
   * The data of every source the style draws under tile z/x/y, by source name (a source with nothing
   * there is absent); null when no source has anything there. Rejects with a message naming the
   * problem (network, a tile that is not MVT).
   */
  tileData(z: number, x: number, y: number, signal: AbortSignal): Promise<Map<string, SourceTile> | null>;
}

export type OpenBasemap = RasterBasemap | VectorBasemap;

export type OpenResult = { ok: true; source: OpenBasemap } | { ok: false; error: string };

/** An attribution (archive metadata, TileJSON, style source) as plain text (it is often an HTML link). */
export function attributionOf(meta: unknown): string | null {
  const a = meta && typeof meta === 'object' ? (meta as { attribution?: unknown }).attribution : undefined;
  if (typeof a !== 'string') return null;
  const text = a
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/g, '©')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
