import { deleteThing } from '../editorActions';
import type { ToolDef } from './types';

/** Delete: a click on a thing deletes it; the press is kept so that no other handler acts on it. */
export const deleteTool: ToolDef = {
  id: 'delete',
  label: 'Delete',
  key: 'X',
  hint: 'Click a thing to delete it (Del deletes the selection)',
  on(event) {
    switch (event.type) {
      case 'press-item':
        return 'handled';
      case 'click-item':
        deleteThing(event.ref);
        return 'handled';
      default:
        return 'ignored';
    }
  },
};
