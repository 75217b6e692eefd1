/**
 * The editor's tools as small state machines: the scene and the DOM only report what the user did
 * (a press or click on a thing or on the ground, Enter, Esc) and the active tool decides what it
 * means. Changing what a click does, or adding a tool, is one file in this folder.
 */
import type { LngLat } from '../../core/geo/frame';
import type { ItemRef } from '../itemKinds';

export type ToolEvent =
  /** Primary button down on a thing (a marker or a selected thing's handle; `vertex` for a corner). */
  | { type: 'press-item'; ref: ItemRef; vertex?: number }
  /** A click (press and release without travel) on a thing. */
  | { type: 'click-item'; ref: ItemRef }
  /** A click on the ground; `closeRadiusM` is about 10 screen pixels in ground metres there. */
  | { type: 'click-ground'; at: LngLat; closeRadiusM: number }
  | { type: 'double-click-ground' }
  /** Enter. */
  | { type: 'finish' }
  /** Esc (after a drag in progress, which Esc always cancels first). */
  | { type: 'cancel' };

/**
 * What the tool made of an event: `ignored` lets it fall through (a click on a marker with the depot
 * tool still places a depot on the ground behind it), `handled` stops it there, `drag` asks the scene
 * to start dragging the pressed thing.
 */
export type ToolResponse = 'ignored' | 'handled' | 'drag';

export type ToolId = 'select' | 'depot' | 'order' | 'zone' | 'building' | 'delete' | 'measure';

export interface ToolDef {
  id: ToolId;
  label: string;
  /** Keyboard shortcut (single key, case-insensitive). */
  key: string;
  hint: string;
  on(event: ToolEvent): ToolResponse;
}
