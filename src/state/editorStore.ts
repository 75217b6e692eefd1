/**
 * Editor UI state: the active tool, the selection, hover, the polygon being drawn, and messages.
 * Not undoable and not saved with the mission (only the mission store is the document).
 */
import { create } from 'zustand';
import type { Problem } from '../core/mission';
import type { ItemRef } from './missionEdits';
import type { ImportedPolygon } from './geojsonImport';
import { DEFAULT_BUILDING_HEIGHT_M } from './missionEdits';

export type Tool = 'select' | 'depot' | 'order' | 'zone' | 'building' | 'delete' | 'measure';

export interface ToolInfo {
  tool: Tool;
  label: string;
  /** Keyboard shortcut (single key, case-insensitive). */
  key: string;
  hint: string;
}

export const TOOLS: readonly ToolInfo[] = [
  { tool: 'select', label: 'Select', key: 'V', hint: 'Click to select, drag a marker or a corner to move it' },
  { tool: 'depot', label: 'Depot', key: 'D', hint: 'Click the ground to add a depot' },
  { tool: 'order', label: 'Drop point', key: 'O', hint: 'Click the ground to add a drop point' },
  { tool: 'zone', label: 'No-fly zone', key: 'Z', hint: 'Click corners; double-click or click the first corner to close; Esc cancels' },
  { tool: 'building', label: 'Building', key: 'B', hint: 'Click footprint corners; double-click or click the first corner to close; Esc cancels' },
  { tool: 'delete', label: 'Delete', key: 'X', hint: 'Click a thing to delete it (Del deletes the selection)' },
  { tool: 'measure', label: 'Measure', key: 'M', hint: 'Click points to measure distance and bearing (snaps to depots and drop points); Esc clears' },
];

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
}));

export function sameRef(a: ItemRef | null, b: ItemRef | null): boolean {
  return a === b || (!!a && !!b && a.kind === b.kind && a.id === b.id);
}
