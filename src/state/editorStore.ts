/**
 * Editor UI state: the active tool, the selection, hover, the polygon being drawn, and messages.
 * Not undoable and not saved with the mission (only the mission store is the document). Every change
 * goes through the store's own actions below (the editor actions and the tools call them too).
 */
import { create } from 'zustand';
import type { Problem } from '../core/mission';
import type { ItemRef } from './itemKinds';
import type { ToolId } from './tools/types';
import type { ImportedPolygon } from './geojsonImport';
import { DEFAULT_BUILDING_HEIGHT_M } from './missionEdits';

/** The active tool's id; what each tool does is in src/state/tools. */
export type Tool = ToolId;

export interface Notice {
  tone: 'refused' | 'info';
  text: string;
  problems: Problem[];
}

export interface EditorState {
  tool: Tool;
  selection: ItemRef | null;
  hover: ItemRef | null;
  /** Corners ([lng, lat]) of the zone or building being drawn, without the closing copy. */
  draft: [number, number][];
  /** Height given to the next drawn building. */
  buildingHeightM: number;
  /** The last refused edit or other message for the status line. */
  notice: Notice | null;
  /** A file that failed validation: its problems, listed until dismissed. */
  /** A refused file: its problems, and the document they point into when it was JSON (to name things). */
  loadErrors: { source: string; problems: Problem[]; doc?: unknown } | null;
  /** GeoJSON polygons waiting for the user to say "zones" or "buildings". */
  pendingImport: { source: string; polygons: ImportedPolygon[] } | null;
  setTool(tool: Tool): void;
  select(ref: ItemRef | null): void;
  setHover(ref: ItemRef | null): void;
  setBuildingHeightM(heightM: number): void;
  setNotice(notice: Notice | null): void;
  /** The corners of the polygon being drawn (the drawing tools). */
  setDraft(draft: [number, number][]): void;
  /** A refused file's problems, or null to dismiss them. */
  setLoadErrors(loadErrors: EditorState['loadErrors']): void;
  /** GeoJSON polygons waiting for "zones or buildings?", or null. */
  setPendingImport(pendingImport: EditorState['pendingImport']): void;
  /** A new document: nothing selected, hovered, drawn or reported. */
  clearForNewDocument(): void;
}

export const useEditorStore = create<EditorState>()((set) => ({
  tool: 'select',
  selection: null,
  hover: null,
  draft: [],
  buildingHeightM: DEFAULT_BUILDING_HEIGHT_M,
  notice: null,
  loadErrors: null,
  pendingImport: null,
  // Switching tools abandons a half-drawn polygon.
  setTool: (tool) => set((s) => (s.tool === tool ? s : { tool, draft: [] })),
  select: (selection) => set({ selection }),
  setHover: (hover) => set((s) => (sameRef(s.hover, hover) ? s : { hover })),
  setBuildingHeightM: (buildingHeightM) => set({ buildingHeightM }),
  setNotice: (notice) => set({ notice }),
  setDraft: (draft) => set({ draft }),
  setLoadErrors: (loadErrors) => set({ loadErrors }),
  setPendingImport: (pendingImport) => set({ pendingImport }),
  clearForNewDocument: () => set({ selection: null, hover: null, draft: [], loadErrors: null, notice: null }),
}));

export function sameRef(a: ItemRef | null, b: ItemRef | null): boolean {
  return a === b || (!!a && !!b && a.kind === b.kind && a.id === b.id);
}
