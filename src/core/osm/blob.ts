/**
 * An OSM file given as a Blob (a File the user dropped on the app) into an import: OSM XML streamed
 * from the Blob in chunks through the XML reader (each pass reads the Blob again), OSM JSON parsed
 * whole. Web-standard APIs only (Blob, ReadableStream, TextDecoder), so it runs in a Web Worker, on the
 * page and in Node alike. PBF needs zlib and Node streams: the CLI reads it.
 */
import type { Mission } from '../mission';
import { detectOsmFormat } from './detect';
import { type OsmImport, type OsmImportOptions, importOsm } from './importOsm';
import { parseJsonText, readOsmJson } from './overpass';
import { OsmReadError } from './types';
import { OsmXmlReader } from './xml';

export interface BlobProgress {
  phase: 'read' | 'assemble';
  pass: number;
  fraction: number;
}

/** Import an OSM XML or OSM JSON Blob for `mission`; a file that is not one throws an OsmReadError. */
export async function importOsmBlob(
  blob: Blob,
  name: string,
  mission: Mission,
  options: OsmImportOptions = {},
  onProgress?: (p: BlobProgress) => void,
): Promise<OsmImport> {
  const head = new Uint8Array(await blob.slice(0, 64).arrayBuffer());
  const format = detectOsmFormat(name, head) ?? (name.toLowerCase().endsWith('.json') ? 'json' : undefined);
  if (format === 'pbf') {
    throw new OsmReadError('.osm.pbf files are read by the command line: skyhaul import city.osm.pbf --into mission.json --out new.json', '');
  }
  if (format === undefined) throw new OsmReadError('not an OpenStreetMap file (OSM XML or Overpass JSON)', '');
  let json: unknown;
  return importOsm(
    async (handler, pass) => {
      onProgress?.({ phase: 'read', pass, fraction: 0 });
      if (format === 'json') {
        json ??= parseJsonText(await blob.text());
        readOsmJson(json, handler);
        return;
      }
      const reader = new OsmXmlReader(handler);
      const stream = blob.stream().getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await stream.read();
        if (done) break;
        reader.writeBytes(value);
        bytes += value.length;
        onProgress?.({ phase: 'read', pass, fraction: bytes / Math.max(1, blob.size) });
      }
      reader.close();
    },
    mission,
    options,
    (phase, fraction, pass) => onProgress?.({ phase, pass, fraction }),
  );
}
