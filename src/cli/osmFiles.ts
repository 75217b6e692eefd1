/**
 * Streaming an OpenStreetMap file into the core's OSM import, one pass at a time: OSM XML in 1 MB
 * chunks through the saxes tokenizer (src/core/osm/xml.ts), `.osm.pbf` through `osm-pbf-parser-node`
 * (blocks inflated one by one), OSM JSON (Overpass) parsed whole (Overpass answers are small; a city
 * extract comes as XML or PBF). Never the whole file in memory for XML and PBF.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { OSMTransform } from 'osm-pbf-parser-node';
import {
  type OsmFormat,
  type OsmHandler,
  type OsmMember,
  OsmReadError,
  type OsmTags,
  OsmXmlReader,
  detectOsmFormat,
  parseJsonText,
  readOsmJson,
} from '../core/osm';
import { readTextFile } from './files';

const CHUNK = 1 << 20;

/** The format of a file by its name and first bytes (undefined: not OSM). */
export function sniffOsmFile(path: string): OsmFormat | undefined {
  const head = new Uint8Array(64);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    n = readSync(fd, head, 0, head.length, 0);
    closeSync(fd);
  } catch {
    return undefined;
  }
  return detectOsmFormat(path, head.subarray(0, n));
}

/** Reads one pass over the file into the handler; `onBytes` hears the bytes read so far in this pass. */
export type PassReader = (handler: OsmHandler, onBytes: (bytes: number) => void) => Promise<void>;

export function osmPassReader(path: string, format: OsmFormat): { size: number; read: PassReader } {
  const size = statSync(path).size;
  if (format === 'xml') return { size, read: (h, onBytes) => readXmlPass(path, h, onBytes) };
  if (format === 'pbf') return { size, read: (h, onBytes) => readPbfPass(path, h, onBytes) };
  let raw: unknown;
  return {
    size,
    read: async (h, onBytes) => {
      raw ??= parseJsonText(readTextFile(path));
      readOsmJson(raw, h);
      onBytes(size);
    },
  };
}

async function readXmlPass(path: string, handler: OsmHandler, onBytes: (bytes: number) => void): Promise<void> {
  const reader = new OsmXmlReader(handler);
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      // Invalid UTF-8 is refused (as every CLI input), with where it is.
      reader.writeBytes(chunk as Buffer);
      bytes += (chunk as Buffer).length;
      onBytes(bytes);
    }
    reader.close();
  } finally {
    stream.destroy();
  }
}

interface PbfItem {
  type?: string;
  id: number;
  lat?: number;
  lon?: number;
  refs?: number[];
  members?: OsmMember[];
  tags?: OsmTags;
  bbox?: { left: number; right: number; top: number; bottom: number };
}

async function readPbfPass(path: string, handler: OsmHandler, onBytes: (bytes: number) => void): Promise<void> {
  const w = handler.wants;
  const transform = new OSMTransform({
    withTags: { node: w.nodeTags, way: w.ways, relation: w.relations },
    withInfo: false,
  });
  let bytes = 0;
  const file = createReadStream(path, { highWaterMark: CHUNK });
  file.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  const fail = (e: unknown) =>
    e instanceof OsmReadError ? e : new OsmReadError(`not a readable OSM PBF file: ${(e as Error).message}`, `near byte ${bytes}`);
  file.on('error', (e) => transform.destroy(fail(e)));
  file.pipe(transform);
  try {
    for await (const batch of transform) {
      for (const item of batch as PbfItem[]) {
        if (item.type === 'node') {
          if (w.nodes) handler.node(item.tags ? { id: item.id, lat: item.lat as number, lon: item.lon as number, tags: item.tags } : { id: item.id, lat: item.lat as number, lon: item.lon as number });
        } else if (item.type === 'way') {
          if (w.ways) handler.way(item.tags ? { id: item.id, refs: item.refs ?? [], tags: item.tags } : { id: item.id, refs: item.refs ?? [] });
        } else if (item.type === 'relation') {
          if (w.relations) handler.relation(item.tags ? { id: item.id, members: item.members ?? [], tags: item.tags } : { id: item.id, members: item.members ?? [] });
        } else if (item.bbox && handler.bounds) {
          // The header's box is in nanodegrees.
          const b = item.bbox;
          handler.bounds([b.left * 1e-9, b.bottom * 1e-9, b.right * 1e-9, b.top * 1e-9]);
        }
      }
    }
  } catch (e) {
    throw fail(e);
  } finally {
    file.destroy();
  }
}
