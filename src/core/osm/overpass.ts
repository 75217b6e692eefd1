/**
 * OSM JSON: what the Overpass API answers with `[out:json]` (and the OSM API's JSON). Plain `out body`
 * (ways list their node ids, the nodes come along with `>; out skel`) and `out geom` (ways and relation
 * members carry their positions) are both read; `out center` / `out bb` have no outlines and are counted
 * as elements without geometry. Every element is checked; a bad one is named by its index and id.
 */
import { type OsmHandler, type OsmMember, type OsmMemberType, OsmReadError, type OsmTags } from './types';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const MEMBER_TYPES = new Set(['node', 'way', 'relation']);

/** Does this parsed JSON look like OSM JSON (an `elements` array), rather than a mission or GeoJSON? */
export function looksLikeOsmJson(raw: unknown): boolean {
  return isObj(raw) && Array.isArray(raw.elements) && !('schemaVersion' in raw) && !('type' in raw);
}

/** JSON.parse with the line and column of a syntax error. */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    if (!pos) throw new OsmReadError(`not valid JSON: ${message}`, '');
    const before = text.slice(0, Number(pos[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    throw new OsmReadError(`not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, `line ${line}, column ${column}`);
  }
}

/** Synthetic ids for positions an `out geom` answer gives without node ids: far below any real id. */
const SYNTHETIC_ID_BASE = -(2 ** 52);

/** One pass over an OSM JSON document: every element to the handler (see OsmHandler.wants). */
export function readOsmJson(raw: unknown, handler: OsmHandler): { withoutGeometry: number } {
  if (!isObj(raw) || !Array.isArray(raw.elements)) {
    throw new OsmReadError('not OSM JSON: expected an object with an "elements" array (Overpass [out:json])', '');
  }
  const elements = raw.elements as unknown[];
  const wayIds = new Set<number>();
  for (const e of elements) if (isObj(e) && e.type === 'way' && typeof e.id === 'number') wayIds.add(e.id);
  let synthetic = SYNTHETIC_ID_BASE;
  let withoutGeometry = 0;
  const wants = handler.wants;

  /** Positions of an `out geom` list as nodes; their ids (the given ones, else synthetic). */
  const geometryNodes = (geometry: unknown[], ids: number[] | undefined, where: string): number[] => {
    const out: number[] = [];
    geometry.forEach((g, j) => {
      // Overpass writes null for a node outside the query's area: a node missing from the file.
      if (g === null) return void out.push(ids?.[j] ?? synthetic++);
      if (!isObj(g) || !isCoord(g.lat, -90, 90) || !isCoord(g.lon, -180, 180)) {
        throw new OsmReadError(`geometry[${j}] must be {"lat": -90..90, "lon": -180..180}`, where);
      }
      const id = ids?.[j] ?? synthetic++;
      out.push(id);
      if (wants.nodes) handler.node({ id, lat: g.lat as number, lon: g.lon as number });
    });
    return out;
  };

  elements.forEach((e, i) => {
    const label = isObj(e) && typeof e.type === 'string' && typeof e.id === 'number' ? ` (${e.type} ${e.id})` : '';
    const where = `elements[${i}]${label}`;
    if (!isObj(e)) throw new OsmReadError('must be an object', where);
    if (!Number.isInteger(e.id)) throw new OsmReadError('id must be a whole number', where);
    const id = e.id as number;
    const tags = readTags(e.tags, where);
    if (e.type === 'node') {
      if (!isCoord(e.lat, -90, 90) || !isCoord(e.lon, -180, 180)) {
        throw new OsmReadError('a node needs lat (-90..90) and lon (-180..180)', where);
      }
      if (wants.nodes) handler.node(tags && wants.nodeTags ? { id, lat: e.lat as number, lon: e.lon as number, tags } : { id, lat: e.lat as number, lon: e.lon as number });
    } else if (e.type === 'way') {
      const nodes = e.nodes === undefined ? undefined : readIds(e.nodes, `${where}.nodes`);
      let refs = nodes;
      if (Array.isArray(e.geometry)) refs = geometryNodes(e.geometry, nodes, `${where}.geometry`);
      else if (e.geometry !== undefined) throw new OsmReadError('geometry must be an array of {lat, lon}', where);
      if (!refs) {
        withoutGeometry++;
        return;
      }
      if (wants.ways) handler.way(tags ? { id, refs, tags } : { id, refs });
    } else if (e.type === 'relation') {
      if (!Array.isArray(e.members)) throw new OsmReadError('a relation needs a members array', where);
      const members: OsmMember[] = e.members.map((m, j) => {
        const at = `${where}.members[${j}]`;
        if (!isObj(m) || !MEMBER_TYPES.has(m.type as string) || !Number.isInteger(m.ref)) {
          throw new OsmReadError('a member needs type (node, way or relation) and a whole-number ref', at);
        }
        // `out geom` on a relation: the member ways' positions come with the member.
        if (m.type === 'way' && Array.isArray(m.geometry) && !wayIds.has(m.ref as number)) {
          const refs = geometryNodes(m.geometry, undefined, `${at}.geometry`);
          if (wants.ways) handler.way({ id: m.ref as number, refs });
        }
        return { type: m.type as OsmMemberType, ref: m.ref as number, role: typeof m.role === 'string' ? m.role : '' };
      });
      if (wants.relations) handler.relation(tags ? { id, members, tags } : { id, members });
    } else {
      throw new OsmReadError(`type ${JSON.stringify(e.type ?? null)} is not node, way or relation`, where);
    }
  });
  return { withoutGeometry };
}

function isCoord(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

function readTags(v: unknown, where: string): OsmTags | undefined {
  if (v === undefined) return undefined;
  if (!isObj(v)) throw new OsmReadError('tags must be an object of strings', where);
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') throw new OsmReadError(`tag "${k}" must be a string`, where);
  }
  return v as OsmTags;
}

function readIds(v: unknown, where: string): number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isInteger(x))) throw new OsmReadError('must be an array of node ids', where);
  return v as number[];
}
