import { useTileSettings, validTileTemplate } from '../state/tileSettings';

/** Optional raster tiles: URL template, attribution, on/off. */
export function MapSettings() {
  const { urlTemplate, attribution, enabled, update } = useTileSettings();
  const valid = urlTemplate === '' || validTileTemplate(urlTemplate);
  return (
    <section className="panel inspector" data-testid="map-settings">
      <h2>Map tiles</h2>
      <p className="hint">
        The map works offline. To lay raster tiles on the ground, give an XYZ URL template such as
        <code> https://tile.example.org/{'{z}/{x}/{y}'}.png</code> and its attribution.
      </p>
      <div className={`field${valid ? '' : ' invalid'}`}>
        <label htmlFor="tile-url">URL template</label>
        <input id="tile-url" value={urlTemplate} onChange={(e) => update({ urlTemplate: e.target.value.trim() })} spellCheck={false} />
        {!valid && <div className="field-error">needs http(s):// and {'{z}'}, {'{x}'} and {'{y}'}</div>}
      </div>
      <div className="field">
        <label htmlFor="tile-attr">Attribution</label>
        <input id="tile-attr" value={attribution} onChange={(e) => update({ attribution: e.target.value })} />
      </div>
      <label className="check">
        <input type="checkbox" checked={enabled} disabled={!validTileTemplate(urlTemplate)} onChange={(e) => update({ enabled: e.target.checked })} />
        Show tiles
      </label>
    </section>
  );
}

/** The tile provider's attribution, over the map while tiles are shown. */
export function TileAttribution() {
  const { attribution, enabled, urlTemplate } = useTileSettings();
  if (!enabled || !validTileTemplate(urlTemplate)) return null;
  return <div className="attribution">{attribution || urlTemplate.replace(/^https?:\/\/([^/]+).*/, 'Tiles: $1')}</div>;
}
