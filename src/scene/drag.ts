/**
 * Dragging a marker or a polygon corner. The moving position lives in this mutable object (read by
 * the scene in useFrame), never in React state: the document changes once, on release, so the
 * whole drag is one undo step and a 40-store mission does not re-render per pointer move.
 */
import type { XY } from '../core/geo/frame';
import type { ItemRef } from '../state/missionEdits';
import { useMissionStore } from '../state/missionStore';
import { moveCorner, moveThing } from '../state/editorActions';
import { groundAtClient, sceneHandle } from './sceneHandle';

export interface ActiveDrag {
  ref: ItemRef;
  /** Corner index for polygon corners; undefined for point-like things. */
  vertex?: number;
  at: XY;
  moved: boolean;
}

export const drag: { active: ActiveDrag | null; version: number } = { active: null, version: 0 };

/** Pixels the pointer must travel before a press becomes a drag (a click just selects). */
const DRAG_THRESHOLD_PX = 3;

export function beginDrag(ref: ItemRef, vertex: number | undefined, start: XY, clientX: number, clientY: number): void {
  endDrag(false);
  drag.active = { ref, vertex, at: start, moved: false };
  drag.version++;
  // The camera must not pan while a thing is being dragged.
  if (sceneHandle.controls) sceneHandle.controls.enabled = false;
  sceneHandle.setPointerEvents?.(false);

  const onMove = (e: PointerEvent) => {
    const active = drag.active;
    if (!active) return;
    if (!active.moved && Math.hypot(e.clientX - clientX, e.clientY - clientY) < DRAG_THRESHOLD_PX) return;
    const p = groundAtClient(e.clientX, e.clientY);
    if (!p) return;
    active.at = p;
    active.moved = true;
    drag.version++;
    sceneHandle.invalidate?.();
  };
  const onUp = (e: PointerEvent) => {
    onMove(e);
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    endDrag(true);
  };
  const onCancel = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    endDrag(false);
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
}

/** Finish the drag: commit the new place (validated, one undo step) or just drop it. */
export function endDrag(commit: boolean): void {
  const active = drag.active;
  drag.active = null;
  drag.version++;
  if (sceneHandle.controls) sceneHandle.controls.enabled = true;
  if (active) sceneHandle.setPointerEvents?.(true);
  if (!active || !commit || !active.moved) return;
  const at = useMissionStore.getState().frame.toLngLat(active.at);
  if (active.vertex === undefined) moveThing(active.ref, at);
  else moveCorner(active.ref, active.vertex, at);
}
