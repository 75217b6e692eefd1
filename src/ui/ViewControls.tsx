import { useViewStore } from '../state/viewStore';

export function ViewControls() {
  const mode = useViewStore((s) => s.cameraMode);
  const toggle = useViewStore((s) => s.toggleCameraMode);
  const fit = useViewStore((s) => s.requestFit);
  return (
    <div className="panel view-controls">
      <button type="button" onClick={toggle} aria-pressed={mode === 'top-down'} title="Top-down view (T)">
        {mode === 'top-down' ? '3D view' : 'Top-down'}
      </button>
      <button type="button" onClick={fit} title="Fit the whole mission (F)">
        Fit mission
      </button>
    </div>
  );
}
