/**
 * OpenStreetMap files opened or dropped on the app: read in a Web Worker (src/workers/osmWorker.ts; on
 * the page itself where there are no workers, e.g. in tests), then shown in the import dialog with the
 * summary and one checkbox per suggested no-fly zone (none checked: the user confirms each). Confirming
 * adds the tall buildings, the map context and the checked zones as one undoable edit, validated like
 * every other (applyOsmImport, then the mission store's applyEdit).
 */
import { create } from 'zustand';
import { type BlobProgress, type OsmImport, applyOsmImport, importOsmBlob, OsmReadError } from '../core/osm';
import type { Mission, Problem } from '../core/mission';
import type { OsmWorkerApi, OsmWorkerResult } from '../workers/osmWorker';
import { showLoadErrors } from './editorActions';
import { useEditorStore } from './editorStore';
import { type EditResult, useMissionStore } from './missionStore';

export interface PendingOsmImport {
  source: string;
  imported: OsmImport;
  /** Ids of the suggested zones the user has checked. */
  accepted: string[];
}

export interface OsmImportState {
  /** A file being read: its name and how far. */
  reading: { source: string; progress: BlobProgress } | null;
  pending: PendingOsmImport | null;
}

export const useOsmImportStore = create<OsmImportState>()(() => ({ reading: null, pending: null }));

/** Reads a file into an import (the worker in the app; tests pass their own); `signal` cancels it. */
export type OsmRunner = (
  file: Blob,
  name: string,
  mission: Mission,
  onProgress: (p: BlobProgress) => void,
  signal?: AbortSignal,
) => Promise<OsmWorkerResult>;

/** On the page itself: for tests, and where Web Workers are missing. */
export const inPageRunner: OsmRunner = async (file, name, mission, onProgress) => {
  try {
    return { ok: true, imported: await importOsmBlob(file, name, mission, {}, onProgress) };
  } catch (e) {
    if (e instanceof OsmReadError) return { ok: false, message: e.message };
    throw e;
  }
};

const workerRunner: OsmRunner = async (file, name, mission, onProgress, signal) => {
  const { proxy, wrap } = await import('comlink');
  const worker = new Worker(new URL('../workers/osmWorker.ts', import.meta.url), { type: 'module' });
  // Cancel: the worker is ended where it is (a pass over a large file is not worth finishing).
  const cancelled = new Promise<never>((_, reject) => signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }));
  try {
    return await Promise.race([wrap<OsmWorkerApi>(worker).importFile(file, name, mission, {}, proxy(onProgress)), cancelled]);
  } finally {
    worker.terminate();
  }
};

/** The read in progress, to cancel. */
let current: AbortController | undefined;

const defaultRunner: OsmRunner = (...args) => (typeof Worker === 'undefined' ? inPageRunner(...args) : workerRunner(...args));

/** Read an OSM file and open the confirmation (or list why it was refused). */
export async function startOsmImport(file: Blob, name: string, runner: OsmRunner = defaultRunner): Promise<EditResult> {
  const mission = useMissionStore.getState().mission;
  useOsmImportStore.setState({ reading: { source: name, progress: { phase: 'read', pass: 1, fraction: 0 } }, pending: null });
  useEditorStore.getState().setLoadErrors(null);
  useEditorStore.getState().setPendingImport(null);
  current?.abort();
  const controller = new AbortController();
  current = controller;
  let result: OsmWorkerResult;
  try {
    result = await runner(
      file,
      name,
      mission,
      (progress) => {
        if (!controller.signal.aborted) useOsmImportStore.setState({ reading: { source: name, progress } });
      },
      controller.signal,
    );
  } catch (e) {
    result = { ok: false, message: `could not be read: ${(e as Error).message}` };
  }
  // Cancelled (or another file opened meanwhile): this read's result is not wanted.
  if (controller.signal.aborted) return { ok: true };
  current = undefined;
  useOsmImportStore.setState({ reading: null });
  if (!result.ok) return showLoadErrors(name, [{ path: '', message: result.message, severity: 'error' }]);
  useOsmImportStore.setState({ pending: { source: name, imported: result.imported, accepted: [] } });
  return { ok: true };
}

/** Check or uncheck one suggested zone. */
export function setZoneAccepted(id: string, accepted: boolean): void {
  const pending = useOsmImportStore.getState().pending;
  if (!pending) return;
  const rest = pending.accepted.filter((z) => z !== id);
  useOsmImportStore.setState({ pending: { ...pending, accepted: accepted ? [...rest, id] : rest } });
}

/** Add the import to the mission (one undo step) with the checked zones, or refuse with the reasons. */
export function confirmOsmImport(): EditResult {
  const pending = useOsmImportStore.getState().pending;
  useOsmImportStore.setState({ pending: null });
  if (!pending) return { ok: true };
  const applied = applyOsmImport(useMissionStore.getState().mission, pending.imported, pending.accepted);
  if (!applied.ok) return showLoadErrors(pending.source, applied.errors);
  const result = useMissionStore.getState().applyEdit(applied.mission, { step: `Import ${pending.source}` });
  if (!result.ok) return showLoadErrors(pending.source, result.errors as Problem[]);
  const s = pending.imported.summary;
  useEditorStore.getState().setNotice({
    tone: 'info',
    text: `Imported from ${pending.source}: ${s.buildings.airspace} building(s) into the airspace, ${s.buildings.drawn} drawn, ${s.water.polygons} water, ${s.roads.total} road(s), ${pending.accepted.length} no-fly zone(s)`,
    problems: [],
  });
  return result;
}

/** Close the dialog: a read in progress is stopped, a pending import dropped. */
export function cancelOsmImport(): void {
  current?.abort();
  current = undefined;
  useOsmImportStore.setState({ pending: null, reading: null });
}
