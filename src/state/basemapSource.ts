/**
 * Opening a basemap: an XYZ template or a raster PMTiles archive (read with the `pmtiles` package)
 * becomes one `OpenBasemap` that hands out tile images as Blobs; a vector style or a vector PMTiles
 * archive one that hands out decoded vector tiles with their style (src/state/basemapVector.ts, loaded
 * on demand). Everything that can go wrong while opening comes back as a message for the Map panel,
 * never as a thrown error.
 */
import { FetchSource, FileSource, PMTiles, type Source, TileType } from 'pmtiles';
import type { BasemapChoice } from './basemapSettings';
import { type LngLatBox, XYZ_MAX_ZOOM } from './basemapMercator';
import { attributionOf, errorMessage as message, type OpenResult, type RasterBasemap } from './basemapTypes';
import { tileUrl } from './tileSettings';

export type { OpenBasemap, OpenResult, RasterBasemap, VectorBasemap } from './basemapTypes';
export { attributionOf } from './basemapTypes';

let opened = 0;

export async function openBasemap(choice: Exclude<BasemapChoice, { kind: 'none' }>): Promise<OpenResult> {
  if (choice.kind === 'xyz') return { ok: true, source: openXyz(choice.template) };
  if (choice.kind === 'style') return (await import('./basemapVector')).openStyleUrl(choice.url);
  const src = choice.origin.from === 'file' ? new FileSource(choice.origin.file) : new FetchSource(choice.origin.url);
  const name = choice.origin.from === 'file' ? choice.origin.file.name : choice.origin.url;
  return openPmtiles(src, name);
}

function openXyz(template: string): RasterBasemap {
  const host = template.replace(/^https?:\/\/([^/]+).*/, '$1');
  return {
    kind: 'xyz',
    format: 'raster',
    id: `xyz:${++opened}`,
    minZoom: 0,
    maxZoom: XYZ_MAX_ZOOM,
    bounds: null,
    attribution: null,
    fallbackAttribution: `Tiles: ${host}`,
    summary: `XYZ tiles from ${host}`,
    async tile(z, x, y, signal) {
      const res = await fetch(tileUrl(template, z, x, y), { signal, mode: 'cors', credentials: 'omit' });
      if (res.status === 404 || res.status === 204) return null;
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.blob();
    },
  };
}

const RASTER: Partial<Record<TileType, { mime: string; label: string }>> = {
  [TileType.Png]: { mime: 'image/png', label: 'PNG' },
  [TileType.Jpeg]: { mime: 'image/jpeg', label: 'JPEG' },
  [TileType.Webp]: { mime: 'image/webp', label: 'WebP' },
  [TileType.Avif]: { mime: 'image/avif', label: 'AVIF' },
};

/**
 * Why the first bytes are not a PMTiles v3 archive, or null when they are. The `pmtiles` reader only
 * checks two bytes; naming the usual mix-ups (an older version, an MBTiles file, a JSON style) saves
 * the user a guess.
 */
export function archiveProblem(head: Uint8Array): string | null {
  const text = new TextDecoder('latin1').decode(head.subarray(0, 16));
  if (text.startsWith('PMTiles')) {
    const version = head[7];
    return version === 3 ? null : `PMTiles version ${version}: only version 3 is read — convert it with \`pmtiles convert\``;
  }
  if (text.startsWith('PM')) return 'PMTiles version 2: only version 3 is read — convert it with `pmtiles convert`';
  if (text.startsWith('SQLite format 3')) return 'an MBTiles (SQLite) file, not PMTiles — convert it with `pmtiles convert`';
  if (/^\s*[{[]/.test(text)) return 'a JSON file (a vector style or TileJSON?), not a PMTiles file';
  if (/^\s*</.test(text)) return 'an HTML or XML page, not a PMTiles file (check the URL)';
  return 'not a PMTiles file';
}

export async function openPmtiles(src: Source, name: string): Promise<OpenResult> {
  let head: Uint8Array;
  try {
    head = new Uint8Array((await src.getBytes(0, 16)).data);
  } catch (e) {
    return { ok: false, error: `could not read ${name}: ${message(e)}${src instanceof FetchSource ? ' (is it reachable, with CORS and byte ranges?)' : ''}` };
  }
  const problem = archiveProblem(head);
  if (problem) return { ok: false, error: problem };
  const archive = new PMTiles(src);
  try {
    const h = await archive.getHeader();
    if (h.tileType === TileType.Mvt) return (await import('./basemapVector')).openVectorArchive(archive, name);
    if (h.tileType === TileType.Mlt) return { ok: false, error: 'MapLibre (MLT) vector tiles are not read — choose an archive of MVT vector tiles or raster tiles' };
    // Unknown tile type: try decoding the tiles as images anyway; a tile that fails is counted.
    const kind = RASTER[h.tileType] ?? { mime: '', label: 'image' };
    const meta = await archive.getMetadata().catch(() => null);
    const attribution = attributionOf(meta);
    const bounds: LngLatBox | null = h.minLon < h.maxLon && h.minLat < h.maxLat ? [h.minLon, h.minLat, h.maxLon, h.maxLat] : null;
    return {
      ok: true,
      source: {
        kind: 'pmtiles',
        format: 'raster',
        id: `pmtiles:${++opened}`,
        minZoom: h.minZoom,
        maxZoom: h.maxZoom,
        bounds,
        attribution,
        fallbackAttribution: null,
        summary: `${kind.label} tiles, zoom ${h.minZoom}–${h.maxZoom}`,
        async tile(z, x, y, signal) {
          const r = await archive.getZxy(z, x, y, signal);
          return r ? new Blob([r.data], kind.mime ? { type: kind.mime } : {}) : null;
        },
      },
    };
  } catch (e) {
    return { ok: false, error: `could not read ${name}: ${message(e)}` };
  }
}
