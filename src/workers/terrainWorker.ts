/**
 * The GeoTIFF DEM import in a Web Worker (comlink), like the OpenStreetMap one: decoding a large DEM
 * and sampling the mission's grid (up to a million bilinear samples) never freezes the page. The
 * dropped File in, the terrain field (plain data) or the reason the file was refused out.
 */
import { expose } from 'comlink';
import type { Mission } from '../core/mission';
import { type DemImportResult, demTerrainForMission } from '../core/terrain/demImport';

export const terrainWorkerApi = {
  async importFile(file: Blob, mission: Mission): Promise<DemImportResult> {
    return demTerrainForMission(await file.arrayBuffer(), mission);
  },
};

export type TerrainWorkerApi = typeof terrainWorkerApi;

expose(terrainWorkerApi);
