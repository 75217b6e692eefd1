import type { LngLat } from '../../core/geo/frame';
import { useEditorStore } from '../editorStore';
import { deleteTool } from './delete';
import { measureTool } from './measure';
import { depotTool, orderTool } from './place';
import { buildingTool, zoneTool } from './polygon';
import { selectTool } from './select';
import type { ToolDef, ToolEvent, ToolId, ToolResponse } from './types';

export type { ToolDef, ToolEvent, ToolId, ToolResponse } from './types';

/** The toolbar's tools, in its order. */
export const TOOLS: readonly ToolDef[] = [selectTool, depotTool, orderTool, zoneTool, buildingTool, deleteTool, measureTool];

const BY_ID = new Map<ToolId, ToolDef>(TOOLS.map((t) => [t.id, t]));

export function toolDef(id: ToolId): ToolDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown tool ${id}`);
  return def;
}

/** Hand a user action to the active tool. */
export function sendToolEvent(event: ToolEvent): ToolResponse {
  return toolDef(useEditorStore.getState().tool).on(event);
}

/** A click on the ground with the active tool (the scene's edit plane and tests call this). */
export function clickGround(at: LngLat, closeRadiusM: number): void {
  sendToolEvent({ type: 'click-ground', at, closeRadiusM });
}

/** Enter: finish what the tool is doing (close a polygon). */
export function finishTool(): void {
  sendToolEvent({ type: 'finish' });
}
