import { formatProblem } from '../core/mission';
import { useEditorStore } from '../state/editorStore';
import { confirmImport } from '../state/editorActions';

/** A file that failed validation: every problem with its path; the current mission was kept. */
export function LoadErrors() {
  const loadErrors = useEditorStore((s) => s.loadErrors);
  if (!loadErrors) return null;
  return (
    <div className="dialog panel" role="alertdialog" aria-label="File not loaded" data-testid="load-errors">
      <h2>{loadErrors.source} was not loaded</h2>
      <p>The current mission is unchanged. Problems ({loadErrors.problems.length}):</p>
      <ul>
        {loadErrors.problems.map((p, i) => (
          <li key={i}>{formatProblem(p)}</li>
        ))}
      </ul>
      <button type="button" onClick={() => useEditorStore.setState({ loadErrors: null })}>
        Keep current mission
      </button>
    </div>
  );
}

/** GeoJSON polygons: ask whether they are no-fly zones or buildings. */
export function ImportDialog() {
  const pending = useEditorStore((s) => s.pendingImport);
  if (!pending) return null;
  return (
    <div className="dialog panel" role="dialog" aria-label="Import polygons" data-testid="import-dialog">
      <h2>Import {pending.polygons.length} polygon(s)</h2>
      <p>From {pending.source}. Add them as:</p>
      <div className="row">
        <button type="button" onClick={() => confirmImport('zone')}>
          No-fly zones
        </button>
        <button type="button" onClick={() => confirmImport('building')}>
          Buildings
        </button>
        <button type="button" onClick={() => confirmImport(null)}>
          Cancel
        </button>
      </div>
    </div>
  );
}
