/**
 * Geometries from the kept elements, by `osmtogeojson` (overpass turbo's converter: OSM's polygon
 * rules for closed ways, multipolygon ring assembly with holes), fed in batches so that memory stays
 * bounded however large the import: the kept relations with their member ways, then the other ways a
 * few thousand at a time. Coastline ways are not given to it (they are lines to be joined into the
 * sea's outline, coastline.ts).
 */
import osmtogeojson from 'osmtogeojson';
import type { OsmCollector } from './collector';
import { osmRoles } from './tags';
import type { OsmTags } from './types';

type Ring = [number, number][];

export type OsmGeometry =
  | { type: 'Polygon'; coordinates: Ring[] }
  | { type: 'MultiPolygon'; coordinates: Ring[][] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Point'; coordinates: [number, number] };

export interface OsmFeature {
  osmType: 'node' | 'way' | 'relation';
  osmId: number;
  tags: OsmTags;
  geometry: OsmGeometry;
  /** Some of its nodes or member ways were not in the file (cut at the edge of an extract). */
  tainted: boolean;
}

/** Ways and nodes in one call to osmtogeojson at most (memory stays a few MB per batch). */
const WAYS_PER_BATCH = 4000;

interface JsonElement {
  type: 'node' | 'way' | 'relation';
  id: number;
  [k: string]: unknown;
}

/**
 * Every feature with a role (coastlines aside), to `onFeature` as each batch is done. `onBatch` hears the share done so far (0..1), between
 * batches, so a caller can show progress and yield to the event loop.
 */
export async function assembleFeatures(
  c: OsmCollector,
  onFeature: (f: OsmFeature) => void,
  onBatch?: (fraction: number) => void | Promise<void>,
): Promise<void> {
  const seen = new Set<string>();
  const run = (elements: JsonElement[]) => {
    const fc = osmtogeojson({ elements } as never, { flatProperties: false }) as unknown as {
      features: { id: string; geometry: OsmGeometry | null; properties: { type: string; id: number; tags?: OsmTags; tainted?: boolean } }[];
    };
    for (const f of fc.features) {
      if (!f.geometry || seen.has(f.id)) continue;
      const p = f.properties;
      if (p.type !== 'node' && p.type !== 'way' && p.type !== 'relation') continue;
      seen.add(f.id);
      onFeature({ osmType: p.type, osmId: p.id, tags: p.tags ?? {}, geometry: f.geometry, tainted: p.tainted === true });
    }
  };
  const nodeElements = (refs: readonly number[], into: JsonElement[], added: Set<number>) => {
    for (const r of refs) {
      if (added.has(r)) continue;
      added.add(r);
      const p = c.position(r);
      if (p) into.push({ type: 'node', id: r, lat: p[1], lon: p[0] });
    }
  };

  const memberWays = new Set<number>();
  for (const r of c.relations) for (const m of r.members) if (m.type === 'way') memberWays.add(m.ref);
  const simpleWays = [...c.ways.values()].filter((w) => !memberWays.has(w.id) && !osmRoles(w.tags).coastline);
  const total = c.relations.length + simpleWays.length + 1;
  let done = 0;

  // Relations, with their member ways and nodes, in batches of about WAYS_PER_BATCH ways.
  let batch: JsonElement[] = [];
  let added = new Set<number>();
  let addedWays = new Set<number>();
  let ways = 0;
  const flush = async () => {
    if (batch.length > 0) run(batch);
    batch = [];
    added = new Set();
    addedWays = new Set();
    ways = 0;
    await onBatch?.(done / total);
  };
  for (const r of c.relations) {
    for (const m of r.members) {
      if (m.type !== 'way' || addedWays.has(m.ref)) continue;
      const w = c.ways.get(m.ref);
      if (!w) continue;
      addedWays.add(m.ref);
      nodeElements(w.refs, batch, added);
      batch.push({ type: 'way', id: w.id, nodes: w.refs, ...(w.tags ? { tags: w.tags } : {}) });
      ways++;
    }
    batch.push({ type: 'relation', id: r.id, members: r.members, tags: r.tags ?? {} });
    done++;
    if (ways >= WAYS_PER_BATCH) await flush();
  }
  await flush();
  for (const w of simpleWays) {
    nodeElements(w.refs, batch, added);
    batch.push({ type: 'way', id: w.id, nodes: w.refs, tags: w.tags ?? {} });
    done++;
    if (++ways >= WAYS_PER_BATCH) await flush();
  }
  await flush();
  for (const n of c.pointNodes) onFeature({ osmType: 'node', osmId: n.id, tags: n.tags ?? {}, geometry: { type: 'Point', coordinates: [n.lon, n.lat] }, tainted: false });
}
