/**
 * Terrain in the app: a GeoTIFF DEM opened or dropped is read in a Web Worker
 * (src/workers/terrainWorker.ts; on the page where there are no workers, e.g. in tests) through the
 * CLI's own functions, then added to the mission as one undoable edit with a notice saying what came
 * in; a file that is not a readable GeoTIFF or does not cover the mission area is refused with why.
 * Removing the terrain is one undoable edit too.
 */
import type { Mission } from '../core/mission';
import { type DemImportResult, demTerrainForMission } from '../core/terrain/demImport';
import type { TerrainWorkerApi } from '../workers/terrainWorker';
import { commit, showLoadErrors } from './editorActions';
import { useEditorStore } from './editorStore';
import type { EditResult } from './missionStore';
import { useMissionStore } from './missionStore';

/** Reads a DEM file into the mission's terrain field (the worker in the app; tests pass their own). */
export type TerrainRunner = (file: Blob, mission: Mission) => Promise<DemImportResult>;

export const inPageTerrainRunner: TerrainRunner = async (file, mission) => demTerrainForMission(await file.arrayBuffer(), mission);

const workerRunner: TerrainRunner = async (file, mission) => {
  const { wrap } = await import('comlink');
  const worker = new Worker(new URL('../workers/terrainWorker.ts', import.meta.url), { type: 'module' });
  try {
    return await wrap<TerrainWorkerApi>(worker).importFile(file, mission);
  } finally {
    worker.terminate();
  }
};

const defaultRunner: TerrainRunner = (...args) => (typeof Worker === 'undefined' ? inPageTerrainRunner(...args) : workerRunner(...args));

/** Whether a file is a TIFF: by its name, or by its first bytes (II*\0, MM\0*, or BigTIFF's II+\0 / MM\0+). */
export function looksLikeTiff(name: string, head: Uint8Array): boolean {
  if (/\.tiff?$/i.test(name)) return true;
  if (head.length < 4) return false;
  const le = head[0] === 0x49 && head[1] === 0x49 && (head[2] === 42 || head[2] === 43) && head[3] === 0;
  const be = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0 && (head[3] === 42 || head[3] === 43);
  return le || be;
}

/** Read a DEM and add its elevations to the mission (one undo step named after the file), or say why not. */
export async function startTerrainImport(file: Blob, name: string, runner: TerrainRunner = defaultRunner): Promise<EditResult> {
  const before = useMissionStore.getState().mission;
  useEditorStore.getState().setLoadErrors(null);
  useEditorStore.getState().setPendingImport(null);
  useEditorStore.getState().setNotice({ tone: 'info', text: `Reading elevations from ${name}…`, problems: [] });
  let result: DemImportResult;
  try {
    result = await runner(file, before);
  } catch (e) {
    result = { ok: false, message: `could not be read: ${(e as Error).message}` };
  }
  clearReadingNotice(name);
  if (!result.ok) return showLoadErrors(name, [{ path: '', message: result.message, severity: 'error' }]);
  // Edits made while the file was read are kept; the grid is in the local frame, so it needs the same origin.
  const now = useMissionStore.getState().mission;
  if (now.origin[0] !== before.origin[0] || now.origin[1] !== before.origin[1]) {
    return showLoadErrors(name, [{ path: '', message: 'the mission origin moved while the file was read: drop it again', severity: 'error' }]);
  }
  const r = commit(`Terrain from ${name}`, { ...now, terrain: result.terrain });
  if (!r.ok) return r;
  const t = result.terrain;
  const km = (n: number) => ((n - 1) * t.spacingM) / 1000;
  useEditorStore.getState().setNotice({
    tone: 'info',
    text:
      `Terrain from ${name}: ${t.cols} x ${t.rows} samples every ${t.spacingM} m (${km(t.cols).toFixed(1)} x ${km(t.rows).toFixed(1)} km), ` +
      `ground ${result.rangeM[0].toFixed(1)}..${result.rangeM[1].toFixed(1)} m AMSL` +
      (result.widened ? ' (spacing widened from 30 m to fit the mission area)' : ''),
    problems: [],
  });
  return r;
}

function clearReadingNotice(name: string): void {
  const n = useEditorStore.getState().notice;
  if (n?.text === `Reading elevations from ${name}…`) useEditorStore.getState().setNotice(null);
}

/** Flat ground again (one undo step). */
export function removeTerrain(): EditResult {
  const { terrain: _dropped, ...rest } = useMissionStore.getState().mission;
  if (!_dropped) return { ok: true };
  return commit('Remove terrain', rest);
}
