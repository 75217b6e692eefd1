/**
 * Vector tile fixtures made in the test, nothing downloaded: GeoJSON features (lng/lat) cut into tiles
 * by `geojson-vt` and encoded as Mapbox Vector Tiles by `vt-pbf`, one MVT layer per GeoJSON layer.
 */
import GeoJSONVT from 'geojson-vt';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { fromGeojsonVt } from 'vt-pbf';

export type Layers = Record<string, Feature<Geometry, Record<string, string | number | boolean>>[]>;

export interface VectorTileSet {
  /** The MVT bytes of tile z/x/y, or null when no layer has anything there. */
  tile(z: number, x: number, y: number): Uint8Array | null;
}

/** Tiles of the layers up to maxZoom (extent 4096, the usual). */
export function vectorTiles(layers: Layers, maxZoom: number): VectorTileSet {
  const indexes = Object.entries(layers).map(
    ([name, features]) =>
      [name, new GeoJSONVT({ type: 'FeatureCollection', features } as FeatureCollection, { maxZoom, indexMaxZoom: maxZoom, tolerance: 0, buffer: 64, extent: 4096 })] as const,
  );
  return {
    tile(z, x, y) {
      const tiles: Record<string, unknown> = {};
      for (const [name, index] of indexes) {
        const t = index.getTile(z, x, y);
        if (t && t.features.length > 0) tiles[name] = t;
      }
      return Object.keys(tiles).length > 0 ? new Uint8Array(fromGeojsonVt(tiles, { version: 2, extent: 4096 })) : null;
    },
  };
}

type Props = Record<string, string | number | boolean>;

export const polygon = (ring: [number, number][], properties: Props = {}): Feature<Geometry, Props> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] },
});

export const line = (coords: [number, number][], properties: Props = {}): Feature<Geometry, Props> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates: coords },
});

export const point = (p: [number, number], properties: Props = {}): Feature<Geometry, Props> => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: p },
});

/** A lng/lat box as a polygon ring (counter-clockwise in lng/lat, as GeoJSON wants). */
export function boxRing(west: number, south: number, east: number, north: number): [number, number][] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
  ];
}
