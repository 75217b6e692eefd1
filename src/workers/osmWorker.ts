/**
 * The OpenStreetMap import in a Web Worker (comlink), so reading a city extract never freezes the page:
 * the dropped File in (workers can read it in chunks), the import out (plain data: buildings, the map
 * context, the suggested zones, the summary), or the reason the file was refused.
 */
import { expose } from 'comlink';
import type { Mission } from '../core/mission';
import { type BlobProgress, type OsmImport, type OsmImportOptions, OsmReadError, importOsmBlob } from '../core/osm';

export type OsmWorkerResult = { ok: true; imported: OsmImport } | { ok: false; message: string };

export const osmWorkerApi = {
  async importFile(file: Blob, name: string, mission: Mission, options: OsmImportOptions, onProgress?: (p: BlobProgress) => void): Promise<OsmWorkerResult> {
    try {
      return { ok: true, imported: await importOsmBlob(file, name, mission, options, onProgress) };
    } catch (e) {
      if (e instanceof OsmReadError) return { ok: false, message: e.message };
      throw e;
    }
  },
};

export type OsmWorkerApi = typeof osmWorkerApi;

expose(osmWorkerApi);
