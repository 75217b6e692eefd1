import { useEffect } from 'react';
import { useEditorStore } from '../state/editorStore';
import { deleteSelection, redoEdit, undoEdit } from '../state/editorActions';
import { TOOLS, finishTool, sendToolEvent } from '../state/tools';
import { useViewStore } from '../state/viewStore';
import { drag, endDrag } from '../scene/drag';
import { flyToSelection } from './flyTo';
import { handlePlaybackSpace } from './playback/spaceKey';

function typingInForm(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/**
 * Editor keyboard shortcuts: tool letters, Del/Backspace, Esc, Enter, Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y,
 * T (top-down), F (fit), G (fly to the selection). Ignored while typing in a form field, where the
 * browser's own text undo applies. Space plays and pauses a replay (src/ui/playback/spaceKey.ts).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handlePlaybackSpace(e)) return;
      if (typingInForm(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) redoEdit();
        else undoEdit();
        return;
      }
      if (mod && key === 'y') {
        e.preventDefault();
        redoEdit();
        return;
      }
      if (mod || e.altKey) return;
      const editor = useEditorStore.getState();
      if (e.key === 'Escape') {
        // A drag in progress first; then the tool (a half-drawn polygon); else the selection goes.
        if (drag.active) endDrag(false);
        else if (sendToolEvent({ type: 'cancel' }) === 'ignored') editor.select(null);
        return;
      }
      if (e.key === 'Enter') return finishTool();
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        return deleteSelection();
      }
      const tool = TOOLS.find((t) => t.key.toLowerCase() === key);
      if (tool) return editor.setTool(tool.id);
      const view = useViewStore.getState();
      if (key === 't') view.toggleCameraMode();
      else if (key === 'f') view.requestFit();
      else if (key === 'g') flyToSelection();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
