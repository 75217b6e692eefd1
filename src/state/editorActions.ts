/**
 * What editor gestures do to the document: each turns a tool + a place into one validated edit,
 * updates the selection, and reports a refusal with the loader's reasons. The scene and the DOM
 * panels call these; they never edit the mission store directly.
 */
import type { LngLat } from '../core/geo/frame';
import { type Mission, type Problem, parseMissionText } from '../core/mission';
import { describeProblem } from '../core/mission/problemSubject';
import { clearAutosave, loadReplacedCopy, saveReplacedCopy } from './autosave';
import { useEditorStore } from './editorStore';
import { type ImportAs, importPolygons, looksLikeGeoJson, polygonsFromGeoJson } from './geojsonImport';
import {
  type ItemRef,
  blankMission,
  deleteItem,
  moveItem,
  moveVertex,
} from './missionEdits';
import { type EditOptions, type EditResult, loadBundledDefault, redo, undo, useMissionStore } from './missionStore';
import { useViewStore } from './viewStore';

const mission = () => useMissionStore.getState().mission;

/** Refuse an edit, naming the things at fault in `doc` (the refused candidate): `depot d-3 ("Pier"): position: ...`. */
function refuse(what: string, errors: Problem[], doc?: Mission): void {
  useEditorStore.getState().setNotice({
    tone: 'refused',
    text: `${what} refused: ${errors.map((e) => (doc ? describeProblem(e, doc).text : e.message)).join('; ')}`,
    problems: errors,
  });
}

/** Commit `next` (one undo step) or show why not. */
export function commit(what: string, next: Mission, options?: EditOptions): EditResult {
  const result = useMissionStore.getState().applyEdit(next, { step: what, ...options });
  if (!result.ok) refuse(what, result.errors, next);
  else if (useEditorStore.getState().notice?.tone === 'refused') useEditorStore.getState().setNotice(null);
  return result;
}

/** Commit an added thing and select it. */
export function commitAdded(what: string, added: { mission: Mission; ref: ItemRef }): EditResult {
  const result = commit(what, added.mission);
  if (result.ok) useEditorStore.getState().select(added.ref);
  return result;
}

export function cancelDraft(): void {
  useEditorStore.getState().setDraft([]);
}

export function moveThing(ref: ItemRef, at: LngLat): EditResult {
  return commit(`Move ${ref.id}`, moveItem(mission(), ref, at));
}

export function moveCorner(ref: ItemRef, index: number, at: LngLat): EditResult {
  return commit(`Move corner ${index + 1} of ${ref.id}`, moveVertex(mission(), ref, index, at));
}

export function deleteThing(ref: ItemRef): EditResult {
  const result = commit(`Delete ${ref.id}`, deleteItem(mission(), ref));
  const { selection, hover } = useEditorStore.getState();
  if (result.ok && selection?.kind === ref.kind && selection.id === ref.id) useEditorStore.getState().select(null);
  if (result.ok && hover?.kind === ref.kind && hover.id === ref.id) useEditorStore.getState().setHover(null);
  return result;
}

export function deleteSelection(): void {
  const { selection } = useEditorStore.getState();
  if (selection) deleteThing(selection);
}

export function undoEdit(): void {
  cancelDraft();
  undo();
}

export function redoEdit(): void {
  cancelDraft();
  redo();
}

function replaceDocument(next: Mission, step: string): void {
  // Undo brings the old mission back; this copy outlives the undo history (a reload).
  if (mission() !== next) saveReplacedCopy(mission());
  useEditorStore.getState().clearForNewDocument();
  useMissionStore.getState().setMission(next, step);
  useViewStore.getState().requestFit();
}

/** "New": an empty mission on the same map, clock and drone models (undoable). */
export function newMission(): void {
  replaceDocument(blankMission(mission()), 'New mission');
}

/** The mission New, Reset or an opened file replaced last (undoable; the current one becomes the replaced copy). */
export function restoreReplacedMission(): boolean {
  const copy = loadReplacedCopy();
  if (!copy) return false;
  replaceDocument(copy.mission, 'Restore replaced mission');
  return true;
}

/** "Reset": the bundled default mission (undoable); also drops the autosave until the next edit. */
export function resetToDefault(): void {
  clearAutosave();
  replaceDocument(loadBundledDefault(), 'Reset to default');
}

/**
 * A file opened or dropped: a mission replaces the document if it passes validation; GeoJSON
 * polygons wait for the user to choose zones or buildings. A bad file changes nothing and its
 * problems are listed.
 */
export function openFileText(text: string, source: string): EditResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  if (looksLikeGeoJson(raw)) {
    const { polygons, errors } = polygonsFromGeoJson(raw);
    if (errors.length > 0) return showLoadErrors(source, errors);
    useEditorStore.getState().setLoadErrors(null);
    useEditorStore.getState().setPendingImport({ source, polygons });
    return { ok: true };
  }
  const result = parseMissionText(text);
  if (!result.ok) return showLoadErrors(source, result.errors, raw);
  replaceDocument(result.mission, `Open ${source}`);
  return { ok: true };
}

/** Refuse a file: its problems are shown and the current mission stays. */
export function showLoadErrors(source: string, problems: Problem[], doc?: unknown): EditResult {
  useEditorStore.getState().setPendingImport(null);
  useEditorStore.getState().setLoadErrors({ source, problems, ...(doc !== undefined ? { doc } : {}) });
  return { ok: false, errors: problems };
}

/** The user's answer to "zones or buildings?" for a pending GeoJSON import. */
export function confirmImport(as: ImportAs | null): EditResult {
  const pending = useEditorStore.getState().pendingImport;
  useEditorStore.getState().setPendingImport(null);
  if (!pending || as === null) return { ok: true };
  const next = importPolygons(mission(), pending.polygons, as);
  // Not commit(): a refused import is reported like a refused file (its problems listed), not as a notice.
  const result = useMissionStore.getState().applyEdit(next, { step: `Import ${pending.source}` });
  if (!result.ok) return showLoadErrors(pending.source, result.errors);
  useEditorStore.getState().setNotice({
    tone: 'info',
    text: `Imported ${pending.polygons.length} polygon(s) from ${pending.source} as ${as === 'zone' ? 'no-fly zones' : 'buildings'}`,
    problems: [],
  });
  return result;
}
