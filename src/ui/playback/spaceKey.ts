/**
 * Space plays or pauses the replay, from anywhere on the page except where Space means something to
 * the focused element: a text field, a list box, an editable area; a checkbox, radio or button reached
 * with the keyboard (Space activates it). A button or checkbox that only holds the focus because it
 * was clicked (Play itself, a layer switch) does not keep Space from playing, and the slider never does.
 */
import { usePlanStore } from '../../state/planStore';
import { usePlaybackStore } from '../../state/playbackStore';

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
  matches?(selector: string): boolean;
}

function keyboardFocused(el: ElementLike): boolean {
  try {
    return el.matches?.(':focus-visible') ?? false;
  } catch {
    return false;
  }
}

/** Whether Space, pressed with this element focused, is the element's own (typing, toggling, activating). */
export function spaceBelongsTo(target: EventTarget | ElementLike | null): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    if (type === 'range') return false;
    if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit' || type === 'reset' || type === 'file') return keyboardFocused(el);
    return true;
  }
  if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || el.getAttribute?.('role') === 'button') return keyboardFocused(el);
  return false;
}

/**
 * Play/pause on Space when a replay is loaded and Space is not the focused element's. Returns whether
 * the key was taken (its default action, a page scroll or a button press, is then prevented).
 */
export function handlePlaybackSpace(e: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'repeat' | 'target' | 'preventDefault'>): boolean {
  if (e.key !== ' ' && e.code !== 'Space') return false;
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (spaceBelongsTo(e.target)) return false;
  if (usePlanStore.getState().trace === null) return false;
  e.preventDefault();
  // Held down: one toggle, not a flicker.
  if (!e.repeat) usePlaybackStore.getState().togglePlay();
  return true;
}
