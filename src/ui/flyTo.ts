import { shapeCenter } from '../core/geo/shapes';
import type { ItemRef } from '../state/missionEdits';
import { findItem } from '../state/missionEdits';
import { useMissionStore } from '../state/missionStore';
import { useEditorStore } from '../state/editorStore';
import { useViewStore } from '../state/viewStore';

/** Distance the camera flies to for a point-like thing, metres. */
const FLY_DISTANCE_M = 1500;

/** Centre the camera on a thing (keeping the view direction). */
export function flyToRef(ref: ItemRef): void {
  const { mission, frame } = useMissionStore.getState();
  const item = findItem(mission, ref);
  if (!item) return;
  const lngLat =
    'position' in item ? item.position : 'shape' in item ? shapeCenter(item.shape) : shapeCenter(item.footprint);
  useViewStore.getState().flyTo(frame.toLocal(lngLat), FLY_DISTANCE_M);
}

export function flyToSelection(): void {
  const { selection } = useEditorStore.getState();
  if (selection) flyToRef(selection);
}
