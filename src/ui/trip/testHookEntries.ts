/**
 * Test-hook entries of the dispatcher's desk tools (spread into window.__skyhaul by src/testHook.ts):
 * the live camera's type, the trip panel's trip, the measuring tool's points.
 */
import { sceneHandle } from '../../scene/sceneHandle';
import { useMeasureStore } from '../../state/measureStore';
import { useTripStore } from '../../state/tripStore';

export function deskTestHook(): Record<string, unknown> {
  return {
    /** 'PerspectiveCamera' or 'OrthographicCamera' (top-down): the camera the scene renders with. */
    cameraType: () => sceneHandle.camera?.type ?? null,
    /** Open a trip in the trip panel (null closes it), as the plan summary's links do. */
    selectTrip: (droneId: string | null, tripId?: string) =>
      useTripStore.getState().selectTrip(droneId && tripId ? { droneId, tripId } : null),
    tripPanel: () => {
      const s = useTripStore.getState();
      return { selected: s.selected, edit: s.edit.status };
    },
    /** The measuring tool's points, [lng, lat]. */
    measurePoints: () => useMeasureStore.getState().points,
  };
}
