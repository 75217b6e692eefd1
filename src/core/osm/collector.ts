/**
 * Keeps, from a stream of OpenStreetMap elements, only what an import needs, in as many passes over
 * the file as that takes (two, three when a multipolygon's member ways carry tags of their own):
 *
 * 1. every element: the ways and multipolygon relations with a role (osmRoles), aerodromes and helipads
 *    mapped as nodes, and the refs of untagged ways (the usual multipolygon members);
 * 2. the node positions those ways need (and the member ways pass 1 could not keep, if any);
 * 3. only then, the positions of those late member ways' nodes.
 *
 * Memory: the kept ways and relations, and three numbers per needed node (a sorted id array and the
 * positions); never the file, never the nodes nobody needs. A reader calls `node`/`way`/`relation` for
 * the elements of one pass (`wants` says which), then `endPass()`, and starts another pass while it
 * returns true.
 */
import { isInterestingNode, isInterestingRelation, isInterestingWay, isUntagged } from './tags';
import type { BBox, OsmHandler, OsmNode, OsmRelation, OsmWay } from './types';

export interface OsmCounts {
  nodes: number;
  ways: number;
  relations: number;
}

export class OsmCollector implements OsmHandler {
  /** 1-based number of the pass being read. */
  pass = 1;
  wants = { nodes: true, nodeTags: true, ways: true, relations: true };
  /** Elements in the file (counted in pass 1). */
  readonly counts: OsmCounts = { nodes: 0, ways: 0, relations: 0 };
  /** Aerodromes and helipads mapped as a point. */
  readonly pointNodes: OsmNode[] = [];
  /** Ways with a role, and the member ways of the kept relations (untagged ones without tags). */
  readonly ways = new Map<number, OsmWay>();
  readonly relations: OsmRelation[] = [];
  fileBounds?: BBox;

  private loose = new Map<number, number[]>();
  private missingWays = new Set<number>();
  /** Sorted ids of the nodes whose positions are needed, and their positions (NaN until read). */
  private nodeIds = new Float64Array(0);
  private lat = new Float64Array(0);
  private lon = new Float64Array(0);
  private nodesToRead = 0;

  node(n: OsmNode): void {
    if (this.pass === 1) {
      this.counts.nodes++;
      if (n.tags && isInterestingNode(n.tags)) this.pointNodes.push(n);
      return;
    }
    const i = this.indexOf(n.id);
    if (i >= 0 && Number.isNaN(this.lat[i])) {
      this.lat[i] = n.lat;
      this.lon[i] = n.lon;
      this.nodesToRead--;
    }
  }

  way(w: OsmWay): void {
    if (this.pass === 1) {
      this.counts.ways++;
      if (isInterestingWay(w.tags)) this.ways.set(w.id, w);
      else if (isUntagged(w.tags)) this.loose.set(w.id, w.refs);
      return;
    }
    if (this.missingWays.delete(w.id)) this.ways.set(w.id, { id: w.id, refs: w.refs });
  }

  relation(r: OsmRelation): void {
    if (this.pass !== 1) return;
    this.counts.relations++;
    if (isInterestingRelation(r.tags)) this.relations.push(r);
  }

  bounds(b: BBox): void {
    this.fileBounds ??= b;
  }

  /** End of a pass: true when another pass over the file is needed. */
  endPass(): boolean {
    if (this.pass === 1) {
      for (const r of this.relations) {
        for (const m of r.members) {
          if (m.type !== 'way' || this.ways.has(m.ref)) continue;
          const refs = this.loose.get(m.ref);
          if (refs) this.ways.set(m.ref, { id: m.ref, refs });
          else this.missingWays.add(m.ref);
        }
      }
      this.loose.clear();
      this.needNodes();
    } else if (this.wants.ways) {
      // The member ways found in this pass need their nodes too: one more pass for those alone.
      this.missingWays.clear();
      this.needNodes();
      this.pass++;
      this.wants = { nodes: true, nodeTags: false, ways: false, relations: false };
      return this.nodesToRead > 0;
    } else {
      return false;
    }
    this.pass++;
    const ways = this.missingWays.size > 0;
    this.wants = { nodes: this.nodesToRead > 0, nodeTags: false, ways, relations: false };
    return ways || this.nodesToRead > 0;
  }

  /** [lon, lat] of a node, undefined when the file did not have it. */
  position(id: number): [number, number] | undefined {
    const i = this.indexOf(id);
    if (i < 0 || Number.isNaN(this.lat[i])) return undefined;
    return [this.lon[i], this.lat[i]];
  }

  /** Needed nodes the file did not have (ways cut at the edge of an extract). */
  get nodesMissing(): number {
    return this.nodesToRead;
  }

  /** Every needed node id (all kept ways' refs), sorted, keeping positions already read. */
  private needNodes(): void {
    let n = 0;
    for (const w of this.ways.values()) n += w.refs.length;
    const ids = new Float64Array(n + this.nodeIds.length);
    let k = 0;
    for (const w of this.ways.values()) for (const r of w.refs) ids[k++] = r;
    ids.set(this.nodeIds, k);
    ids.sort();
    let u = 0;
    for (let i = 0; i < ids.length; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[u++] = ids[i];
    const unique = ids.slice(0, u);
    const lat = new Float64Array(u).fill(Number.NaN);
    const lon = new Float64Array(u).fill(Number.NaN);
    let toRead = 0;
    for (let i = 0; i < u; i++) {
      const old = this.indexOf(unique[i]);
      if (old >= 0 && !Number.isNaN(this.lat[old])) {
        lat[i] = this.lat[old];
        lon[i] = this.lon[old];
      } else toRead++;
    }
    this.nodeIds = unique;
    this.lat = lat;
    this.lon = lon;
    this.nodesToRead = toRead;
  }

  private indexOf(id: number): number {
    const ids = this.nodeIds;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = ids[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
