/**
 * Mapbox Vector Tiles (MVT, the protobuf tiles of vector basemaps) read with `@mapbox/vector-tile` and
 * `pbf`. Bytes that are not a vector tile are named (an image, an HTML error page, JSON) rather than
 * decoded into nothing; gzip-compressed tiles (as many servers and archives store them) are unpacked.
 * Layers and their features are decoded only when asked for, once.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { gunzipSync } from 'fflate';
import Pbf from 'pbf';
import type { StyleFeature } from './basemapStyle';

/** A feature with its geometry in tile units (0..extent, y down): rings or lines, or points as one-point parts. */
export interface TileFeature extends StyleFeature {
  geometry: { x: number; y: number }[][];
}

export interface TileLayerData {
  extent: number;
  features: TileFeature[];
}

export interface DecodedTile {
  /** The names of the layers in the tile. */
  readonly layerNames: string[];
  /** A layer's features, or null when the tile has no such layer. */
  layer(name: string): TileLayerData | null;
}

/** Why bytes are not an (uncompressed) vector tile, or null when they may be one. */
export function notMvtProblem(bytes: Uint8Array): string | null {
  if (bytes.length === 0) return null;
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'a PNG image, not a vector tile (MVT)';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'a JPEG image, not a vector tile (MVT)';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46) return 'a WebP image, not a vector tile (MVT)';
  const head = new TextDecoder('latin1').decode(b.subarray(0, 32)).trimStart();
  if (head.startsWith('<')) return 'an HTML or XML page, not a vector tile (MVT)';
  if (head.startsWith('{') || head.startsWith('[')) return 'JSON, not a vector tile (MVT)';
  // A tile is a list of layers: field 3, length-delimited (0x1a) is the only top-level field.
  if (b[0] !== 0x1a) return 'not a vector tile (MVT)';
  return null;
}

/** Decode a vector tile; throws an Error naming the problem when the bytes are not one. */
export function decodeMvt(input: Uint8Array): DecodedTile {
  let bytes = input;
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (e) {
      throw new Error(`a broken gzip stream, not a vector tile (MVT): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const problem = notMvtProblem(bytes);
  if (problem) throw new Error(problem);
  let tile: VectorTile;
  try {
    tile = new VectorTile(new Pbf(bytes));
  } catch (e) {
    throw new Error(`not a vector tile (MVT): ${e instanceof Error ? e.message : String(e)}`);
  }
  const cache = new Map<string, TileLayerData | null>();
  return {
    layerNames: Object.keys(tile.layers),
    layer(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      const l = tile.layers[name];
      let data: TileLayerData | null = null;
      if (l) {
        const features: TileFeature[] = [];
        for (let i = 0; i < l.length; i++) {
          const f = l.feature(i);
          if (f.type === 0) continue;
          try {
            features.push({ type: f.type, id: f.id, properties: f.properties, geometry: f.loadGeometry().map((part) => part.map((p) => ({ x: p.x, y: p.y }))) });
          } catch {
            // A feature whose geometry cannot be read is left out; the rest of the tile still draws.
          }
        }
        data = { extent: l.extent, features };
      }
      cache.set(name, data);
      return data;
    },
  };
}
