import type { LngLat } from '../../core/geo/frame';
import { commitAdded } from '../editorActions';
import { useEditorStore } from '../editorStore';
import { addBuilding, addNoFlyZone } from '../missionEdits';
import { useMissionStore } from '../missionStore';
import type { ToolDef } from './types';

/**
 * Drawing a polygon (a no-fly zone or a building footprint): idle with no corners, then drawing;
 * each ground click adds a corner, a click on the first corner, a double-click or Enter closes it,
 * Esc abandons it. The corners live in the editor store (`draft`) so the scene can draw them.
 */
function polygonTool(kind: 'zone' | 'building'): ToolDef {
  const isZone = kind === 'zone';
  return {
    id: kind,
    label: isZone ? 'No-fly zone' : 'Building',
    key: isZone ? 'Z' : 'B',
    hint: `Click ${isZone ? 'corners' : 'footprint corners'}; double-click or click the first corner to close; Esc cancels`,
    on(event) {
      switch (event.type) {
        case 'click-ground':
          addCorner(event.at, event.closeRadiusM, close);
          return 'handled';
        case 'double-click-ground':
        case 'finish':
          close();
          return 'handled';
        case 'cancel':
          if (useEditorStore.getState().draft.length === 0) return 'ignored';
          useEditorStore.getState().setDraft([]);
          return 'handled';
        default:
          return 'ignored';
      }
    },
  };

  function close(): void {
    const { draft, buildingHeightM, setNotice } = useEditorStore.getState();
    if (draft.length < 3) {
      setNotice({ tone: 'info', text: 'A polygon needs at least 3 corners', problems: [] });
      return;
    }
    useEditorStore.getState().setDraft([]);
    const mission = useMissionStore.getState().mission;
    if (isZone) commitAdded('New no-fly zone', addNoFlyZone(mission, draft));
    else commitAdded('New building', addBuilding(mission, draft, buildingHeightM));
  }
}

function addCorner(at: LngLat, closeRadiusM: number, close: () => void): void {
  const { draft } = useEditorStore.getState();
  const frame = useMissionStore.getState().frame;
  const q = frame.toLocal(at);
  const near = (p: LngLat) => {
    const r = frame.toLocal(p);
    return Math.hypot(r.x - q.x, r.y - q.y) <= closeRadiusM;
  };
  if (draft.length >= 3 && near(draft[0])) {
    close();
    return;
  }
  // A click on the last corner again is the first half of a double-click: ignore it.
  if (draft.length > 0 && near(draft[draft.length - 1])) return;
  useEditorStore.getState().setDraft([...draft, [at[0], at[1]]]);
}

export const zoneTool = polygonTool('zone');
export const buildingTool = polygonTool('building');
