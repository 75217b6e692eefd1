import { ProblemText } from './ProblemText';
import { useEditorStore } from '../state/editorStore';
import { confirmImport } from '../state/editorActions';
import { osmSummaryLines } from '../core/osm';
import { cancelOsmImport, confirmOsmImport, setZoneAccepted, useOsmImportStore } from '../state/osmImport';

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
          <li key={i}>
            <ProblemText problem={p} doc={loadErrors.doc} />
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => useEditorStore.getState().setLoadErrors(null)}>
        Keep current mission
      </button>
    </div>
  );
}

/** GeoJSON polygons: ask whether they are no-fly zones or buildings (an OpenStreetMap file: its own dialog). */
export function ImportDialog() {
  const pending = useEditorStore((s) => s.pendingImport);
  const osm = useOsmImportStore((s) => s.reading !== null || s.pending !== null);
  if (osm) return <OsmImportDialog />;
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

/**
 * An OpenStreetMap file: its progress while it is read, then what it brings (the summary) and one
 * checkbox per suggested no-fly zone, unchecked until the user confirms it.
 */
export function OsmImportDialog() {
  const reading = useOsmImportStore((s) => s.reading);
  const pending = useOsmImportStore((s) => s.pending);
  if (reading) {
    const p = reading.progress;
    const what = p.phase === 'read' ? `pass ${p.pass}` : 'building outlines';
    return (
      <div className="dialog panel" role="dialog" aria-label="Reading OpenStreetMap file" data-testid="osm-import-reading">
        <h2>Reading {reading.source}</h2>
        <p>
          {what}: {Math.round(p.fraction * 100)} %
        </p>
        <progress max={1} value={p.fraction} />
        <div className="row">
          <button type="button" onClick={cancelOsmImport}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (!pending) return null;
  const { imported, accepted } = pending;
  const zones = imported.suggestedZones;
  return (
    <div className="dialog panel" role="dialog" aria-label="Import OpenStreetMap data" data-testid="osm-import-dialog">
      <h2>Import OpenStreetMap data</h2>
      <p>From {pending.source}:</p>
      <ul data-testid="osm-import-summary">
        {osmSummaryLines(imported.summary).map((line, i) => (
          <li key={i}>{line.trim()}</li>
        ))}
      </ul>
      {zones.length > 0 && (
        <fieldset data-testid="osm-suggested-zones">
          <legend>Suggested no-fly zones (added only when checked)</legend>
          {zones.map((z) => (
            <label key={z.zone.id} className="row">
              <input
                type="checkbox"
                checked={accepted.includes(z.zone.id)}
                onChange={(e) => setZoneAccepted(z.zone.id, e.target.checked)}
                data-testid={`osm-zone-${z.zone.id}`}
              />
              {z.zone.name} ({z.kind}, OSM {z.osm})
            </label>
          ))}
        </fieldset>
      )}
      {imported.notes.length > 0 && (
        <details>
          <summary>Notes ({imported.notes.length})</summary>
          <ul>
            {imported.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted">{imported.context.attribution}</p>
      <div className="row">
        <button type="button" onClick={confirmOsmImport} data-testid="osm-import-confirm">
          Import{accepted.length > 0 ? ` with ${accepted.length} zone(s)` : ''}
        </button>
        <button type="button" onClick={cancelOsmImport}>
          Cancel
        </button>
      </div>
    </div>
  );
}
