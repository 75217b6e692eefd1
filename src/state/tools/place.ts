import type { LngLat } from '../../core/geo/frame';
import type { Mission } from '../../core/mission';
import { commitAdded } from '../editorActions';
import { type Added, addDepot, addOrder } from '../missionEdits';
import { useMissionStore } from '../missionStore';
import type { ToolDef, ToolId } from './types';

/** A tool that adds one point-like thing where the ground is clicked (clicks on things fall through to the ground). */
function placeTool(id: ToolId, label: string, key: string, stepName: string, add: (m: Mission, at: LngLat) => Added): ToolDef {
  return {
    id,
    label,
    key,
    hint: `Click the ground to add a ${label.toLowerCase()}`,
    on(event) {
      if (event.type !== 'click-ground') return 'ignored';
      commitAdded(stepName, add(useMissionStore.getState().mission, event.at));
      return 'handled';
    },
  };
}

export const depotTool = placeTool('depot', 'Depot', 'D', 'New depot', addDepot);
export const orderTool = placeTool('order', 'Drop point', 'O', 'New drop point', addOrder);
