/**
 * Dragging a marker or a polygon corner. The moving position lives in this mutable object (read by
 * the scene in useFrame), never in React state: the document changes once, on release, so the
 * whole drag is one undo step and a 40-store mission does not re-render per pointer move.
 *
 * A drag is a small state machine: idle (`active` null) -> pressed (button down, the pointer has not
 * yet travelled CLICK_SLOP_PX: still a click) -> dragging -> released (commit) or cancelled (Esc,
 * pointercancel) -> idle.
 */
import type { XY } from '../core/geo/frame';
import type { ItemKind, ItemRef } from '../state/itemKinds';
import { useMissionStore } from '../state/missionStore';
import { moveCorner, moveThing } from '../state/editorActions';
import { groundAtClient, sceneHandle } from './sceneHandle';

/** A press that travels further than this is a drag (of a thing or the camera), not a click. */
export const CLICK_SLOP_PX = 4;

export interface ActiveDrag {
  phase: 'pressed' | 'dragging';
  ref: ItemRef;
  /** Corner index for polygon corners; undefined for point-like things. */
  vertex?: number;
  at: XY;
}

export const drag: { active: ActiveDrag | null; version: number } = { active: null, version: 0 };

/**
 * Where the thing (or its corner `vertex`) is being dragged to now, if it is; `id` undefined matches
 * any thing of the kind (the caller looks it up).
 */
export function dragging(kind: ItemKind, id: string | undefined, vertex?: number): ActiveDrag | undefined {
  const a = drag.active;
  if (!a || a.phase !== 'dragging' || a.ref.kind !== kind || a.vertex !== vertex) return undefined;
  return id === undefined || a.ref.id === id ? a : undefined;
}

/** The corner of this thing being dragged now and where it is, if one is. */
export function draggedCorner(kind: ItemKind, id: string): { vertex: number; at: XY } | undefined {
  const a = drag.active;
  if (!a || a.phase !== 'dragging' || a.vertex === undefined || a.ref.kind !== kind || a.ref.id !== id) return undefined;
  return { vertex: a.vertex, at: a.at };
}

export function beginDrag(ref: ItemRef, vertex: number | undefined, start: XY, clientX: number, clientY: number): void {
  endDrag(false);
  drag.active = { phase: 'pressed', ref, vertex, at: start };
  drag.version++;
  // The camera must not pan while a thing is being dragged.
  if (sceneHandle.controls) sceneHandle.controls.enabled = false;
  sceneHandle.setPointerEvents?.(false);

  const onMove = (e: PointerEvent) => {
    const active = drag.active;
    if (!active) return;
    if (active.phase === 'pressed' && Math.hypot(e.clientX - clientX, e.clientY - clientY) < CLICK_SLOP_PX) return;
    const p = groundAtClient(e.clientX, e.clientY);
    if (!p) return;
    active.at = p;
    active.phase = 'dragging';
    drag.version++;
    sceneHandle.invalidate?.();
  };
  const stopListening = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
  };
  const onUp = (e: PointerEvent) => {
    onMove(e);
    stopListening();
    endDrag(true);
  };
  const onCancel = () => {
    stopListening();
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
  if (!active || !commit || active.phase !== 'dragging') return;
  const at = useMissionStore.getState().frame.toLngLat(active.at);
  if (active.vertex === undefined) moveThing(active.ref, at);
  else moveCorner(active.ref, active.vertex, at);
}
