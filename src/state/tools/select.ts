import { sameRef, useEditorStore } from '../editorStore';
import type { ToolDef } from './types';

/**
 * Select: a press on a thing selects it and may become a drag (the scene decides by pointer travel);
 * a click selects too (areas have no press); the ground clears the selection.
 */
export const selectTool: ToolDef = {
  id: 'select',
  label: 'Select',
  key: 'V',
  hint: 'Click to select, drag a marker or a corner to move it',
  on(event) {
    const editor = useEditorStore.getState();
    switch (event.type) {
      case 'press-item':
        if (!sameRef(editor.selection, event.ref)) editor.select(event.ref);
        return 'drag';
      case 'click-item':
        if (!sameRef(editor.selection, event.ref)) editor.select(event.ref);
        return 'handled';
      case 'click-ground':
        editor.select(null);
        return 'handled';
      default:
        return 'ignored';
    }
  },
};
