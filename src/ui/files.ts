/** Browser file plumbing: read a File as text (or hand an OpenStreetMap file or a GeoTIFF DEM to its import), offer a mission as a download. */
import { type Mission, serializeMission } from '../core/mission';
import { decodeUtf8 } from '../core/mission/text';
import { openFileText, showLoadErrors } from '../state/editorActions';
import { detectOsmFormat, looksLikeOsmJson } from '../core/osm';
import { startOsmImport } from '../state/osmImport';
import { looksLikeTiff, startTerrainImport } from '../state/terrainImport';
import { useBasemapSettings } from '../state/basemapSettings';
import { useEditorStore } from '../state/editorStore';

export async function openFile(file: File): Promise<void> {
  // OpenStreetMap XML (and .osm.pbf, refused with a pointer to the CLI) go to the OSM import unread:
  // a city extract is read in chunks in a worker, never whole on the page.
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  // A GeoTIFF DEM: its elevations become the mission's terrain (read in a worker, binary, never as text).
  if (looksLikeTiff(file.name, head)) {
    await startTerrainImport(file, file.name);
    return;
  }
  // A PMTiles archive (raster or vector): the basemap, read from the file in place like the Map tab's picker.
  if (new TextDecoder('latin1').decode(head.subarray(0, 7)) === 'PMTiles') {
    useBasemapSettings.getState().setFile(file);
    useBasemapSettings.getState().update({ kind: 'pmtiles', pmtilesFrom: 'file' });
    useEditorStore.getState().setNotice({ tone: 'info', text: `Basemap: ${file.name} (see the Map tab)`, problems: [] });
    return;
  }
  const osm = detectOsmFormat(file.name, head);
  if (osm !== undefined) {
    await startOsmImport(file, file.name);
    return;
  }
  const decoded = decodeUtf8(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) {
    showLoadErrors(file.name, [{ path: '', message: decoded.message, severity: 'error' }]);
    return;
  }
  if (looksLikeOsmJsonText(decoded.text)) {
    await startOsmImport(file, file.name);
    return;
  }
  openFileText(decoded.text, file.name);
}

/** Overpass / OSM JSON (an object with an "elements" array), not a mission or GeoJSON. */
function looksLikeOsmJsonText(text: string): boolean {
  if (!/"elements"\s*:/.test(text)) return false;
  try {
    return looksLikeOsmJson(JSON.parse(text));
  } catch {
    return false;
  }
}

export function fileNameFor(mission: Mission): string {
  const slug = mission.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'mission'}.json`;
}

export function downloadMission(mission: Mission): void {
  const blob = new Blob([serializeMission(mission)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFor(mission);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
