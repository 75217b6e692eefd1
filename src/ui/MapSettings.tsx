import { useMissionStore } from '../state/missionStore';
import { type BasemapKind, useBasemapSettings } from '../state/basemapSettings';
import { basemapAttribution, type BasemapStatus, reopenBasemap, type TileCounts, type TileLayerId, useBasemapStore } from '../state/basemapStore';

const KINDS: { kind: BasemapKind; label: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'xyz', label: 'XYZ tiles' },
  { kind: 'style', label: 'Vector style' },
  { kind: 'pmtiles', label: 'PMTiles' },
];

/** The basemap under the mission: none, XYZ raster tiles from a URL, a vector style URL, or a PMTiles archive (file or URL). */
export function MapSettings() {
  const { form, file, update, setFile } = useBasemapSettings();
  const status = useBasemapStore((s) => s.status);
  const tiles = useBasemapStore((s) => s.tiles);
  const problem = status.state === 'incomplete' ? status.problem : null;
  return (
    <section className="panel inspector" data-testid="map-settings">
      <h2>Basemap</h2>
      <p className="hint">
        The map works offline. To lay a map on the ground, choose raster tiles from an XYZ URL template such as
        <code> https://tile.example.org/{'{z}/{x}/{y}'}.png</code>, a vector style (the URL of a MapLibre or Mapbox style
        JSON whose sources are vector tiles), or a PMTiles archive of raster or vector tiles (one file with a whole map,
        e.g. cut from a larger one with <code>pmtiles extract</code>; a vector archive is drawn with a built-in style), and
        say whose map it is.
      </p>
      <div className="field" role="radiogroup" aria-label="Basemap source">
        <span className="field-label">Source</span>
        <div>
          {KINDS.map((k) => (
            <label key={k.kind} className="check">
              <input type="radio" name="basemap-kind" checked={form.kind === k.kind} onChange={() => update({ kind: k.kind })} />
              {k.label}
            </label>
          ))}
        </div>
      </div>
      {form.kind === 'xyz' && (
        <div className={`field${problem ? ' invalid' : ''}`}>
          <label htmlFor="tile-url">URL template</label>
          <input id="tile-url" value={form.xyzTemplate} onChange={(e) => update({ xyzTemplate: e.target.value.trim() })} spellCheck={false} />
          {problem && <div className="field-error">{problem}</div>}
        </div>
      )}
      {form.kind === 'style' && (
        <div className={`field${problem ? ' invalid' : ''}`}>
          <label htmlFor="style-url">Style URL</label>
          <input id="style-url" value={form.styleUrl} onChange={(e) => update({ styleUrl: e.target.value.trim() })} spellCheck={false} />
          {problem && <div className="field-error">{problem}</div>}
          <div className="field-note">
            Drawn from the style: background, fill, line and circle layers, and the text of symbol layers (3D extrusions
            drawn flat; no icons or patterns; canvas fonts instead of the style&apos;s glyphs).
          </div>
        </div>
      )}
      {form.kind === 'pmtiles' && (
        <>
          <div className="field">
            <span className="field-label">From</span>
            <div>
              <label className="check">
                <input type="radio" name="pmtiles-from" checked={form.pmtilesFrom === 'file'} onChange={() => update({ pmtilesFrom: 'file' })} />
                {'a file on this computer'}
              </label>
              <label className="check">
                <input type="radio" name="pmtiles-from" checked={form.pmtilesFrom === 'url'} onChange={() => update({ pmtilesFrom: 'url' })} />
                {'a URL'}
              </label>
            </div>
          </div>
          {form.pmtilesFrom === 'file' ? (
            <div className={`field${problem ? ' invalid' : ''}`}>
              <label htmlFor="pmtiles-file">Archive</label>
              <input
                id="pmtiles-file"
                type="file"
                accept=".pmtiles"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  e.target.value = ''; // picking the same file again still counts
                }}
              />
              <div className="field-note" data-testid="pmtiles-file-note">
                {file ? `${file.name} (${(file.size / 1e6).toFixed(1)} MB) — ` : ''}a local file is not kept across reloads: pick it again after one
              </div>
            </div>
          ) : (
            <div className={`field${problem ? ' invalid' : ''}`}>
              <label htmlFor="pmtiles-url">Archive URL</label>
              <input id="pmtiles-url" value={form.pmtilesUrl} onChange={(e) => update({ pmtilesUrl: e.target.value.trim() })} spellCheck={false} />
              {problem && <div className="field-error">{problem}</div>}
            </div>
          )}
        </>
      )}
      {form.kind !== 'none' && (
        <div className="field">
          <label htmlFor="tile-attr">Attribution</label>
          <input id="tile-attr" value={form.attribution} onChange={(e) => update({ attribution: e.target.value })} placeholder="© the map's authors" />
        </div>
      )}
      <BasemapState status={status} tiles={tiles} />
    </section>
  );
}

function BasemapState({ status, tiles }: { status: BasemapStatus; tiles: Record<TileLayerId, TileCounts> }) {
  if (status.state === 'opening') return <p className="hint" data-testid="basemap-state">Opening…</p>;
  if (status.state === 'error') {
    return (
      <p className="field-error" role="alert" data-testid="basemap-error">
        Not drawn: {status.error}{' '}
        <button type="button" onClick={reopenBasemap}>
          Try again
        </button>
      </p>
    );
  }
  if (status.state !== 'ready') return null;
  const { base, detail } = tiles;
  const parts = [status.source.summary];
  if (base.zoom === null) parts.push('nothing over the mission area');
  else {
    parts.push(`${base.loaded} of ${base.asked} tiles at zoom ${base.zoom}`);
    if (base.needed > base.asked) parts.push(`the ${base.asked} nearest the centre (the area needs ${base.needed} at this zoom)`);
    if (detail.zoom !== null) parts.push(`${detail.loaded} of ${detail.asked} at zoom ${detail.zoom} around the view`);
    const missing = base.missing + detail.missing;
    const failed = base.failed + detail.failed;
    if (missing > 0) parts.push(`${missing} not in the source`);
    if (failed > 0) parts.push(`${failed} failed to load (${detail.lastError ?? base.lastError ?? 'no reason given'})`);
  }
  return (
    <p className="hint" data-testid="basemap-state">
      {parts.join('; ')}
    </p>
  );
}

/**
 * The attributions of what is drawn under the mission: the basemap's (its archive's own, else the
 * user's text) while one is shown, and the mission's map context's (e.g. the OpenStreetMap notice of
 * the bundled sea) while it has one.
 */
export function TileAttribution() {
  const status = useBasemapStore((s) => s.status);
  const attribution = useBasemapSettings((s) => s.form.attribution);
  const context = useMissionStore((s) => s.mission.context?.attribution);
  const parts: string[] = [];
  const basemap = basemapAttribution(status, attribution);
  if (basemap) parts.push(basemap);
  if (context) parts.push(context);
  if (parts.length === 0) return null;
  return (
    <div className="attribution" data-testid="map-attribution" style={{ pointerEvents: 'none' }}>
      {parts.join(' · ')}
    </div>
  );
}
