/** Which OSM format a file is, from its name and first bytes. */

export type OsmFormat = 'xml' | 'json' | 'pbf';

/**
 * The format of an OSM file: `.osm.pbf` / `.pbf` (or PBF's first block header "OSMHeader"), `.osm` /
 * `.xml` (or text starting with `<`), OSM JSON (text starting with `{` holding "elements"). Undefined:
 * not an OSM file (a mission, GeoJSON, a .plan).
 */
export function detectOsmFormat(name: string, head: Uint8Array): OsmFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.pbf')) return 'pbf';
  // A PBF file starts with a 4-byte header length and a BlobHeader whose type is "OSMHeader".
  const ascii = String.fromCharCode(...head.subarray(0, 64));
  if (ascii.includes('OSMHeader')) return 'pbf';
  if (lower.endsWith('.osm') || lower.endsWith('.osm.xml')) return 'xml';
  const text = ascii.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').trimStart();
  if (text.startsWith('<')) return /<osm[\s>]/.test(ascii) || text.startsWith('<?xml') ? 'xml' : undefined;
  if (lower.endsWith('.overpass.json') || lower.endsWith('.osm.json')) return 'json';
  return undefined;
}
