/** Terrain: ground elevations for 3D paths over hills (the grid, its sampling, the cruise profile, importers). */
export { decodeHeights, encodeHeights } from './codec';
export { elevationAt, elevationRangeAlong, gridRange } from './grid';
export type { ElevationRange, TerrainGrid } from './grid';
export { groundZAt, missionTerrain, terrainModel } from './model';
export type { TerrainModel } from './model';
export { cruiseProfile } from './profile';
export type { CruiseProfile, ProfilePoint } from './profile';
export { missionTerrainBox, resampleForMission, sampleRaster, toWebMercator } from './source';
export type { ElevationSampler, Raster, ResampleOptions, ResampleResult } from './source';
export { readGeoTiff } from './geotiff';
export type { GeoTiffResult } from './geotiff';
export { decodeRgbElevation, tileAt, tileMosaicSampler } from './rgbTiles';
export type { ElevationTile, RgbEncoding } from './rgbTiles';
export { APP_TERRAIN_SAMPLES, DEM_MARGIN_M, DEM_SPACING_M, demSpacingFor, demTerrainForMission } from './demImport';
export type { DemImportResult } from './demImport';
