import { useViewStore } from '../state/viewStore';
import { useEditorStore } from '../state/editorStore';
import { flyToSelection } from './flyTo';

export function ViewControls() {
  const mode = useViewStore((s) => s.cameraMode);
  const toggle = useViewStore((s) => s.toggleCameraMode);
  const fit = useViewStore((s) => s.requestFit);
  const hasSelection = useEditorStore((s) => s.selection !== null);
  return (
    <div className="panel view-controls">
      <button type="button" onClick={toggle} aria-pressed={mode === 'top-down'} title="Top-down view (T)">
        {mode === 'top-down' ? '3D view' : 'Top-down'}
      </button>
      <button type="button" onClick={fit} title="Fit the whole mission (F)">
        Fit mission
      </button>
      <button type="button" onClick={flyToSelection} disabled={!hasSelection} title="Fly to the selection (G)">
        Fly to selection
      </button>
    </div>
  );
}
