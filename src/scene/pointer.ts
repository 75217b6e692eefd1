/**
 * The scene's side of the editor tools: meshes report presses and clicks on things here, the active
 * tool (src/state/tools) decides, and this carries out what only the scene can do (stop the event,
 * start a drag).
 */
import type { ThreeEvent } from '@react-three/fiber';
import type { XY } from '../core/geo/frame';
import type { ItemRef } from '../state/itemKinds';
import { sendToolEvent } from '../state/tools';
import { CLICK_SLOP_PX, beginDrag } from './drag';

/** Primary button down on a thing at `at` (its position, or corner `vertex`'s). */
export function pressItem(e: ThreeEvent<PointerEvent>, ref: ItemRef, at: XY, vertex?: number): void {
  if (e.button !== 0) return;
  const response = sendToolEvent({ type: 'press-item', ref, vertex });
  if (response === 'ignored') return;
  e.stopPropagation();
  if (response === 'drag') beginDrag(ref, vertex, at, e.nativeEvent.clientX, e.nativeEvent.clientY);
}

/** A click on a thing (not the end of a drag). */
export function clickItem(e: ThreeEvent<MouseEvent>, ref: ItemRef): void {
  if (e.delta > CLICK_SLOP_PX) return;
  if (sendToolEvent({ type: 'click-item', ref }) !== 'ignored') e.stopPropagation();
}
