import { useMissionStore } from '../state/missionStore';
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

/**
 * The attributions of what is drawn under the mission: the tile provider's while tiles are shown, and
 * the mission's map context's (e.g. the OpenStreetMap notice of the bundled sea) while it has one.
 */
export function TileAttribution() {
  const { attribution, enabled, urlTemplate } = useTileSettings();
  const context = useMissionStore((s) => s.mission.context?.attribution);
  const parts: string[] = [];
  if (enabled && validTileTemplate(urlTemplate)) parts.push(attribution || urlTemplate.replace(/^https?:\/\/([^/]+).*/, 'Tiles: $1'));
  if (context) parts.push(context);
  if (parts.length === 0) return null;
  return (
    <div className="attribution" style={{ pointerEvents: 'none' }}>
      {parts.join(' · ')}
    </div>
  );
}
