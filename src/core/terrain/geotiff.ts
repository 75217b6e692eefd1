/**
 * GeoTIFF DEMs (SRTM, Copernicus GLO-30, national lidar DEMs) through the `geotiff` package, which runs
 * in Node and in the browser. Supported: one band of elevations in metres, in geographic degrees
 * (EPSG:4326 and other lng/lat CRSs) or Web Mercator (EPSG:3857); pixel-is-area or pixel-is-point.
 * Other projections (UTM, national grids) are refused with the GDAL command that converts them.
 */
import { fromArrayBuffer } from 'geotiff';
import { type ElevationSampler, type Raster, sampleRaster, toWebMercator } from './source';

export type GeoTiffResult = { ok: true; raster: Raster; crs: 'lnglat' | 'webmercator'; sample: ElevationSampler } | { ok: false; message: string };

const REPROJECT = 'reproject it first, e.g. gdalwarp -t_srs EPSG:4326 in.tif out.tif';

export async function readGeoTiff(data: ArrayBuffer): Promise<GeoTiffResult> {
  let image: Awaited<ReturnType<Awaited<ReturnType<typeof fromArrayBuffer>>['getImage']>>;
  try {
    image = await (await fromArrayBuffer(data)).getImage();
  } catch (e) {
    return { ok: false, message: `not a readable GeoTIFF: ${(e as Error).message}` };
  }
  const keys = (image.getGeoKeys() ?? {}) as Record<string, unknown>;
  const model = keys.GTModelTypeGeoKey;
  const projected = keys.ProjectedCSTypeGeoKey;
  let crs: 'lnglat' | 'webmercator';
  if (model === 2) crs = 'lnglat';
  else if (model === 1 && (projected === 3857 || projected === 900913)) crs = 'webmercator';
  else if (model === undefined) return { ok: false, message: `the file has no georeference (GeoKeys); ${REPROJECT}` };
  else return { ok: false, message: `projection ${String(projected ?? model)} is not supported (EPSG:4326 or EPSG:3857 only); ${REPROJECT}` };
  if (image.getSamplesPerPixel() !== 1) return { ok: false, message: `the file has ${image.getSamplesPerPixel()} bands; a DEM has one (elevation)` };
  let origin: number[];
  let res: number[];
  try {
    origin = image.getOrigin();
    res = image.getResolution();
  } catch (e) {
    return { ok: false, message: `the file has no pixel-to-map transform: ${(e as Error).message}` };
  }
  const width = image.getWidth();
  const height = image.getHeight();
  const raw = (await image.readRasters({ interleave: true })) as unknown as ArrayLike<number>;
  const values = raw instanceof Float32Array ? raw : Float32Array.from(raw);
  // Pixel-is-area (the default): the tie point is a pixel's corner, its centre half a pixel in.
  const half = keys.GTRasterTypeGeoKey === 2 ? 0 : 0.5;
  const noData = image.getGDALNoData() ?? undefined;
  const raster: Raster = { width, height, values, x0: origin[0] + half * res[0], y0: origin[1] + half * res[1], dx: res[0], dy: res[1], noData };
  const sample: ElevationSampler =
    crs === 'lnglat'
      ? (lng, lat) => sampleRaster(raster, lng, lat)
      : (lng, lat) => {
          const m = toWebMercator(lng, lat);
          return sampleRaster(raster, m.x, m.y);
        };
  return { ok: true, raster, crs, sample };
}
