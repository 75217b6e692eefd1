/** Types for vt-pbf (the MVT encoder the vector tile fixtures use, vectorFixture.ts); it ships none. */
declare module 'vt-pbf' {
  /** Encode geojson-vt tiles, one per layer name, as a Mapbox Vector Tile. */
  export function fromGeojsonVt(layers: Record<string, unknown>, options?: { version?: number; extent?: number }): Uint8Array;
}
