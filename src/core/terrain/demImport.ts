/**
 * A GeoTIFF DEM opened in the app: the same path as `skyhaul terrain` (readGeoTiff, then
 * resampleForMission with the CLI's defaults: 30 m spacing, 2 km margin). One difference: a dropped
 * file comes without a --spacing flag, so when the mission area at 30 m would be more samples than a
 * terrain may hold, the finest whole-metre spacing that fits is used (and reported).
 */
import type { Mission } from '../mission/schema';
import { MAX_TERRAIN_SAMPLES, type Terrain } from '../mission/terrain';
import { readGeoTiff } from './geotiff';
import { missionTerrainBox, resampleForMission } from './source';

/** The CLI's defaults (src/cli/commands/terrain.ts). */
export const DEM_SPACING_M = 30;
export const DEM_MARGIN_M = 2000;
/**
 * Most samples a dropped DEM becomes: about 1.4 MB of base64 in the mission, so the app's autosave (the
 * browser's local storage, about 5 MB per site, also holding the replaced copy) keeps working. The CLI
 * may write up to the schema's MAX_TERRAIN_SAMPLES.
 */
export const APP_TERRAIN_SAMPLES = 256 * 1024;
/** The schema's coarsest spacing. */
const MAX_SPACING_M = 1000;

export type DemImportResult =
  | { ok: true; terrain: Terrain; rangeM: [number, number]; spacingM: number; widened: boolean }
  | { ok: false; message: string };

/** The spacing the import uses: the default, or the finest whole metre at which the grid fits. */
export function demSpacingFor(mission: Mission, spacingM = DEM_SPACING_M, marginM = DEM_MARGIN_M, maxSamples = APP_TERRAIN_SAMPLES): number {
  const budget = Math.min(maxSamples, MAX_TERRAIN_SAMPLES);
  let s = spacingM;
  for (;;) {
    const { cols, rows } = missionTerrainBox(mission, s, marginM);
    if (cols * rows <= budget || s >= MAX_SPACING_M) return s;
    // sqrt of the excess is close; the loop settles rounding at the box's snapped edges.
    s = Math.min(MAX_SPACING_M, Math.max(s + 1, Math.ceil(s * Math.sqrt((cols * rows) / budget))));
  }
}

export async function demTerrainForMission(
  data: ArrayBuffer,
  mission: Mission,
  opts: { attribution?: string; onProgress?: (fraction: number) => void } = {},
): Promise<DemImportResult> {
  let tif: Awaited<ReturnType<typeof readGeoTiff>>;
  try {
    tif = await readGeoTiff(data);
  } catch (e) {
    // readGeoTiff answers for the header; a broken strip or an unknown compression throws later.
    return { ok: false, message: `not a readable GeoTIFF: ${(e as Error).message}` };
  }
  if (!tif.ok) return tif;
  const spacingM = demSpacingFor(mission);
  const r = resampleForMission(mission, tif.sample, { spacingM, marginM: DEM_MARGIN_M, attribution: opts.attribution, onProgress: opts.onProgress });
  if (!r.ok) return r;
  return { ok: true, terrain: r.terrain, rangeM: r.rangeM, spacingM, widened: spacingM !== DEM_SPACING_M };
}
