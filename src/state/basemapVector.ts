/**
 * Opening vector basemaps: a MapLibre / Mapbox GL style by URL (its `vector` sources given as `tiles`
 * templates, a TileJSON `url` or a `pmtiles://` archive), a TileJSON of vector tiles, or a vector
 * PMTiles archive without a style (drawn with the built-in style, src/state/basemapDefaultStyle.ts).
 * The result hands out, per tile, each source's decoded tile, overzoomed from the source's max zoom
 * when the map is drawn finer than the data. Drawing is src/scene/vectorTiles/.
 *
 * Loaded only when a vector basemap is opened (with the style library it compiles the style with).
 */
import { FetchSource, PMTiles, TileType } from 'pmtiles';
import { type LngLatBox, XYZ_MAX_ZOOM } from './basemapMercator';
import { type DecodedTile, decodeMvt } from './basemapMvt';
import { type CompiledStyle, compileStyle } from './basemapStyle';
import { DEFAULT_SOURCE, defaultStyle } from './basemapDefaultStyle';
import { attributionOf, errorMessage, type OpenResult, type SourceTile, type VectorBasemap } from './basemapTypes';
import { tileUrl } from './tileSettings';

/** One vector source: its zoom range and area, and its tiles' bytes exactly at z/x/y. */
export interface VectorSourceReader {
  readonly minZoom: number;
  readonly maxZoom: number;
  readonly bounds: LngLatBox | null;
  readonly attribution: string | null;
  /** The tile's bytes, or null when the source has none there. Rejects on network or read errors. */
  bytes(z: number, x: number, y: number): Promise<Uint8Array | null>;
}

/** The highest zoom drawn (overzoomed past the data's own max zoom). */
export const VECTOR_MAX_ZOOM = XYZ_MAX_ZOOM;
/** Decoded source tiles kept: overzoomed tiles share their ancestor, so a few dozen cover a view. */
const CACHE_TILES = 96;

let opened = 0;

const PMTILES_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'PNG',
  [TileType.Jpeg]: 'JPEG',
  [TileType.Webp]: 'WebP',
  [TileType.Avif]: 'AVIF',
  [TileType.Mlt]: 'MapLibre (MLT)',
};

/** A PMTiles archive as a vector source (it must hold MVT tiles). */
export async function pmtilesReader(archive: PMTiles): Promise<VectorSourceReader> {
  const h = await archive.getHeader();
  if (h.tileType !== TileType.Mvt) {
    throw new Error(`the archive holds ${PMTILES_TYPES[h.tileType] ?? 'unknown'} tiles, not vector tiles (MVT)`);
  }
  const meta = await archive.getMetadata().catch(() => null);
  return {
    minZoom: h.minZoom,
    maxZoom: h.maxZoom,
    bounds: h.minLon < h.maxLon && h.minLat < h.maxLat ? [h.minLon, h.minLat, h.maxLon, h.maxLat] : null,
    attribution: attributionOf(meta),
    async bytes(z, x, y) {
      const r = await archive.getZxy(z, x, y);
      return r ? new Uint8Array(r.data) : null;
    },
  };
}

/** Tiles from URL templates ({z}/{x}/{y}, TMS rows when scheme is "tms"). */
function templateReader(templates: string[], o: { minzoom?: unknown; maxzoom?: unknown; bounds?: unknown; scheme?: unknown; attribution?: unknown }): VectorSourceReader {
  const minZoom = typeof o.minzoom === 'number' ? o.minzoom : 0;
  const maxZoom = typeof o.maxzoom === 'number' ? o.maxzoom : 14;
  const b = o.bounds;
  const bounds = Array.isArray(b) && b.length === 4 && b.every((v) => typeof v === 'number') && b[0] < b[2] && b[1] < b[3] ? (b as unknown as LngLatBox) : null;
  return {
    minZoom,
    maxZoom,
    bounds,
    attribution: attributionOf(o),
    async bytes(z, x, y) {
      const row = o.scheme === 'tms' ? 2 ** z - 1 - y : y;
      const url = tileUrl(templates[(x + y) % templates.length], z, x, row);
      const res = await fetch(url, { mode: 'cors', credentials: 'omit' });
      if (res.status === 404 || res.status === 204) return null;
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

async function fetchJson(url: string, what: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { mode: 'cors', credentials: 'omit' });
  } catch (e) {
    throw new Error(`could not load the ${what} ${url}: ${errorMessage(e)} (is it reachable, with CORS?)`);
  }
  if (!res.ok) throw new Error(`could not load the ${what} ${url}: HTTP ${res.status}`);
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`the ${what} at ${url} is not valid JSON: ${errorMessage(e)}`);
  }
}

function absolute(url: string, base: string): string {
  return new URL(url, base).href;
}

function record(v: unknown): Record<string, unknown> | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function templatesOf(tilejson: Record<string, unknown>, base: string): string[] | null {
  const t = tilejson.tiles;
  return Array.isArray(t) && t.length > 0 && t.every((s) => typeof s === 'string') ? t.map((s: string) => absolute(s, base).replace(/%7B/g, '{').replace(/%7D/g, '}')) : null;
}

/** A style's vector source (by its spec), or why it cannot be read. */
async function openStyleSource(name: string, spec: Record<string, unknown>, base: string): Promise<VectorSourceReader> {
  const fail = (why: string) => new Error(`source "${name}": ${why}`);
  const inline = templatesOf(spec, base);
  if (inline) return templateReader(inline, spec);
  if (typeof spec.url !== 'string') throw fail('a vector source needs "tiles" or "url"');
  const url = spec.url;
  if (/^mapbox:\/\//.test(url)) throw fail('mapbox:// URLs are not read (they need a Mapbox account); give an http(s) URL');
  if (/^pmtiles:\/\//.test(url)) {
    const target = absolute(url.replace(/^pmtiles:\/\//, ''), base);
    try {
      return await pmtilesReader(new PMTiles(new FetchSource(target)));
    } catch (e) {
      throw fail(`${target}: ${errorMessage(e)}`);
    }
  }
  const tilejsonUrl = absolute(url, base);
  const tilejson = record(await fetchJson(tilejsonUrl, 'TileJSON').catch((e) => Promise.reject(fail(errorMessage(e)))));
  const templates = tilejson && templatesOf(tilejson, tilejsonUrl);
  if (!tilejson || !templates) throw fail(`${tilejsonUrl} is not a TileJSON (no "tiles" list)`);
  // The style's own zoom range and attribution win over the TileJSON's.
  return templateReader(templates, { ...tilejson, ...Object.fromEntries(Object.entries(spec).filter(([k]) => k !== 'url')) });
}

/** The style (or TileJSON) at a URL, opened with its vector sources. */
export async function openStyleUrl(styleUrl: string): Promise<OpenResult> {
  try {
    const json = record(await fetchJson(styleUrl, 'style'));
    if (!json) return { ok: false, error: 'the style is not a JSON object' };
    if (!Array.isArray(json.layers) && templatesOf(json, styleUrl)) {
      // A TileJSON of vector tiles: drawn with the built-in style.
      const reader = templateReader(templatesOf(json, styleUrl)!, json);
      return { ok: true, source: vectorBasemap('style', new Map([[DEFAULT_SOURCE, reader]]), compileStyle(defaultStyle()), true, `TileJSON from ${hostOf(styleUrl)}`) };
    }
    if (!Array.isArray(json.layers)) return { ok: false, error: 'not a MapLibre/Mapbox style: no "layers" list' };
    if (json.version !== 8) return { ok: false, error: `not a MapLibre/Mapbox style of version 8 (version ${JSON.stringify(json.version)})` };
    const sources = record(json.sources) ?? {};
    const vector = Object.entries(sources).filter(([, s]) => record(s)?.type === 'vector');
    if (vector.length === 0) {
      const others = Object.entries(sources).map(([n, s]) => `${String(record(s)?.type ?? '?')} "${n}"`);
      return { ok: false, error: `the style has no vector source${others.length ? ` (only ${others.join(', ')})` : ''}: only vector sources are drawn` };
    }
    const style = compileStyle(json as { name?: unknown; layers: unknown[] });
    // Layers of other sources (raster, GeoJSON) are not drawn: skipped with the reason.
    const kept = style.layers.filter((l) => l.source === null || vector.some(([n]) => n === l.source));
    for (const l of style.layers) {
      if (!kept.includes(l)) style.skipped.push({ id: l.id, why: `source "${l.source}" is ${sources[l.source!] ? 'not a vector source' : 'not in the style'}` });
    }
    style.layers = kept;
    if (!kept.some((l) => l.source !== null)) {
      return { ok: false, error: `no layer of the style draws its vector sources${style.skipped.length ? ` (skipped: ${skippedText(style)})` : ''}` };
    }
    const used = new Set(kept.map((l) => l.source).filter((s): s is string => s !== null));
    const readers = new Map<string, VectorSourceReader>();
    for (const [name, spec] of vector) if (used.has(name)) readers.set(name, await openStyleSource(name, record(spec)!, styleUrl));
    return { ok: true, source: vectorBasemap('style', readers, style, false, `style "${style.name ?? hostOf(styleUrl)}"`) };
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

/** A vector PMTiles archive opened without a style: the built-in style. */
export async function openVectorArchive(archive: PMTiles, name: string): Promise<OpenResult> {
  try {
    const reader = await pmtilesReader(archive);
    return { ok: true, source: vectorBasemap('pmtiles', new Map([[DEFAULT_SOURCE, reader]]), compileStyle(defaultStyle()), true, 'vector tiles') };
  } catch (e) {
    return { ok: false, error: `could not read ${name}: ${errorMessage(e)}` };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function skippedText(style: CompiledStyle): string {
  const shown = style.skipped.slice(0, 3).map((s) => `${s.id}: ${s.why}`);
  return style.skipped.length > 3 ? `${shown.join('; ')}; and ${style.skipped.length - 3} more` : shown.join('; ');
}

/** Where tile z/x/y's data is in a source: the tile itself, or its ancestor at the source's max zoom. */
export function sourceTileFor(z: number, x: number, y: number, maxZoom: number): { z: number; x: number; y: number; dz: number; ox: number; oy: number } {
  const dz = Math.max(0, z - maxZoom);
  const k = 2 ** dz;
  const [px, py] = [Math.floor(x / k), Math.floor(y / k)];
  return { z: z - dz, x: px, y: py, dz, ox: x - px * k, oy: y - py * k };
}

/**
 * The basemap over vector sources: tile limits from the sources (drawn up to VECTOR_MAX_ZOOM), decoded
 * tiles cached and shared (one download for the children of an overzoomed tile).
 */
export function vectorBasemap(
  kind: 'style' | 'pmtiles',
  readers: Map<string, VectorSourceReader>,
  style: CompiledStyle,
  builtInStyle: boolean,
  what: string,
): VectorBasemap {
  const all = [...readers.values()];
  const minZoom = Math.min(...all.map((r) => r.minZoom));
  const dataMax = Math.max(...all.map((r) => r.maxZoom));
  const boxes = all.map((r) => r.bounds);
  const bounds: LngLatBox | null = boxes.every((b) => b !== null)
    ? [Math.min(...boxes.map((b) => b![0])), Math.min(...boxes.map((b) => b![1])), Math.max(...boxes.map((b) => b![2])), Math.max(...boxes.map((b) => b![3]))]
    : null;
  const attributions = [...new Set(all.map((r) => r.attribution).filter((a): a is string => a !== null))];
  const cache = new Map<string, Promise<DecodedTile | null>>();
  const decoded = (name: string, reader: VectorSourceReader, z: number, x: number, y: number): Promise<DecodedTile | null> => {
    const key = `${name}/${z}/${x}/${y}`;
    let hit = cache.get(key);
    if (hit) {
      // Most recently used last.
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    hit = reader.bytes(z, x, y).then((bytes) => {
      if (!bytes) return null;
      try {
        return decodeMvt(bytes);
      } catch (e) {
        throw new Error(`tile ${z}/${x}/${y} of ${name === DEFAULT_SOURCE ? 'the archive' : `source "${name}"`}: ${errorMessage(e)}`);
      }
    });
    // A failed download is tried again next time, not remembered.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
    while (cache.size > CACHE_TILES) cache.delete(cache.keys().next().value!);
    return hit;
  };
  const skipped = style.skipped.length ? `; ${style.skipped.length} style layer${style.skipped.length > 1 ? 's' : ''} not drawn (${skippedText(style)})` : '';
  return {
    kind,
    format: 'vector',
    id: `vector:${++opened}`,
    minZoom,
    maxZoom: Math.max(VECTOR_MAX_ZOOM, dataMax),
    bounds,
    attribution: attributions.length ? attributions.join(' · ') : null,
    fallbackAttribution: null,
    summary: `${what}, ${builtInStyle ? 'built-in style' : `${style.layers.length} layers drawn`}, data zoom ${minZoom}–${dataMax} (finer zooms drawn from ${dataMax})${skipped}`,
    style,
    builtInStyle,
    async tileData(z, x, y, signal) {
      const out = new Map<string, SourceTile>();
      await Promise.all(
        [...readers].map(async ([name, reader]) => {
          if (z < reader.minZoom) return;
          const at = sourceTileFor(z, x, y, reader.maxZoom);
          const tile = await decoded(name, reader, at.z, at.x, at.y);
          if (tile) out.set(name, { tile, dz: at.dz, ox: at.ox, oy: at.oy });
        }),
      );
      if (signal.aborted) throw new Error('aborted');
      return out.size > 0 ? out : null;
    },
  };
}
