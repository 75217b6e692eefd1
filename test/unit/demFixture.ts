/**
 * GeoTIFF DEMs made in the test with geotiff's own writer (Float32, EPSG:4326, pixel-is-area): a box
 * in degrees sampled from a height function of [lng, lat], so a test knows the ground everywhere.
 */
import { writeArrayBuffer } from 'geotiff';

export interface DemBox {
  west: number;
  north: number;
  /** Degrees per pixel, both ways. */
  res: number;
  width: number;
  height: number;
}

export function demGeoTiff(box: DemBox, heightAt: (lng: number, lat: number) => number): ArrayBuffer {
  const values = new Float32Array(box.width * box.height);
  for (let j = 0; j < box.height; j++)
    for (let i = 0; i < box.width; i++) values[j * box.width + i] = heightAt(box.west + (i + 0.5) * box.res, box.north - (j + 0.5) * box.res);
  return writeArrayBuffer(values, {
    width: box.width,
    height: box.height,
    ModelPixelScale: [box.res, box.res, 0],
    ModelTiepoint: [0, 0, 0, box.west, box.north, 0],
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4326,
    SampleFormat: [3],
    BitsPerSample: [32],
  });
}

/** A box of `halfDeg` degrees around [lng, lat] at `res` degrees a pixel. */
export function boxAround(lng: number, lat: number, halfDeg: number, res: number): DemBox {
  const n = Math.ceil((2 * halfDeg) / res);
  return { west: lng - halfDeg, north: lat + halfDeg, res, width: n, height: n };
}
