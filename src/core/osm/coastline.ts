/**
 * The sea from `natural=coastline` ways. OpenStreetMap draws the coast with the land on the left and
 * the sea on the right of each way. The ways are joined end to end into chains (by node id); inside a
 * box, each chain that crosses it is a stretch of coast from one edge to another, and the sea is what
 * lies to its right: walking from where a stretch leaves the box clockwise along the box's edge to where
 * the next stretch enters closes a sea polygon. Closed chains inside the box are islands (holes in the
 * sea around them). A chain that ends inside the box means the file does not hold the whole coast there:
 * then no sea is drawn from the coastline at all (a wrong guess would flood the land).
 */
import { pointInLngLatRing } from '../geo/lngLatRing';
import { bboxClip } from '@turf/turf';
import type { BBox } from './types';

type Pt = [number, number];

export interface CoastlineResult {
  /** Sea polygons: outer ring (clockwise), then islands as holes. */
  sea: Pt[][][];
  /** Ways joined, chains found, and why the sea could not be drawn (undefined when it was). */
  ways: number;
  chains: number;
  failure?: string;
}

/** Join ways (node id lists, in their direction) into chains; a chain that ends where it starts is closed. */
export function joinWays(ways: readonly (readonly number[])[]): number[][] {
  const byStart = new Map<number, number[]>();
  const byEnd = new Map<number, number[]>();
  for (const w of ways) {
    if (w.length < 2) continue;
    let chain = [...w];
    const before = byEnd.get(chain[0]);
    if (before && before !== chain) {
      byEnd.delete(chain[0]);
      byStart.delete(before[0]);
      chain = [...before, ...chain.slice(1)];
    }
    const after = byStart.get(chain[chain.length - 1]);
    if (after && after !== chain && chain[0] !== chain[chain.length - 1]) {
      byStart.delete(after[0]);
      byEnd.delete(after[after.length - 1]);
      chain = [...chain, ...after.slice(1)];
    }
    if (chain[0] === chain[chain.length - 1]) {
      byStart.set(chain[0], chain);
      // A closed chain is finished: keep it where nothing else can join (its end key is its start).
      continue;
    }
    byStart.set(chain[0], chain);
    byEnd.set(chain[chain.length - 1], chain);
  }
  return [...new Set(byStart.values())];
}

/** Position along the box's edge, clockwise from the north-west corner: 0..4 (one unit per side). */
function perimeter(p: Pt, b: BBox): number {
  const [w, s, e, n] = b;
  const eps = 1e-12;
  if (Math.abs(p[1] - n) <= eps) return (p[0] - w) / (e - w);
  if (Math.abs(p[0] - e) <= eps) return 1 + (n - p[1]) / (n - s);
  if (Math.abs(p[1] - s) <= eps) return 2 + (e - p[0]) / (e - w);
  if (Math.abs(p[0] - w) <= eps) return 3 + (p[1] - s) / (n - s);
  return Number.NaN;
}

const CORNERS = (b: BBox): Pt[] => [
  [b[2], b[3]], // NE at 1
  [b[2], b[1]], // SE at 2
  [b[0], b[1]], // SW at 3
  [b[0], b[3]], // NW at 4 (= 0)
];

function signedArea(ring: readonly Pt[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}


const inBox = (p: Pt, b: BBox) => p[0] > b[0] && p[0] < b[2] && p[1] > b[1] && p[1] < b[3];
const same = (a: Pt, b: Pt) => a[0] === b[0] && a[1] === b[1];

/**
 * The sea inside `box` from coastline ways given as chains of positions (joinWays, then positions;
 * positions missing from the file end a chain early). Returns the failure reason instead of guessing.
 */
export function seaFromCoastline(chains: readonly Pt[][], box: BBox, ways: number): CoastlineResult {
  const result: CoastlineResult = { sea: [], ways, chains: chains.length };
  const islands: Pt[][] = [];
  const stretches: Pt[][] = [];
  for (const chain of chains) {
    if (chain.length < 2) continue;
    const closed = same(chain[0], chain[chain.length - 1]);
    if (closed && chain.every((p) => inBox(p, box))) {
      islands.push(chain);
      continue;
    }
    let line = chain;
    if (closed) {
      // Start a closed chain that crosses the box outside it, so its pieces begin and end on the edge.
      const k = chain.findIndex((p) => !inBox(p, box));
      line = [...chain.slice(k, -1), ...chain.slice(0, k + 1)];
    }
    const clipped = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, box).geometry;
    const pieces = (clipped.type === 'MultiLineString' ? clipped.coordinates : [clipped.coordinates]) as Pt[][];
    for (const piece of pieces) {
      if (piece.length < 2) continue;
      if (inBox(piece[0], box) || inBox(piece[piece.length - 1], box)) {
        result.failure = 'a coastline ends inside the area (the file does not hold the whole coast there)';
        return result;
      }
      stretches.push(piece);
    }
  }
  if (stretches.length === 0 && islands.length === 0) return result;

  const seas: Pt[][] = [];
  if (stretches.length === 0) {
    // Only islands: the sea is all around them.
    seas.push([[box[0], box[3]], ...CORNERS(box)]);
  } else {
    const tIn = stretches.map((s) => perimeter(s[0], box));
    const tOut = stretches.map((s) => perimeter(s[s.length - 1], box));
    const used = new Array<boolean>(stretches.length).fill(false);
    for (let start = 0; start < stretches.length; start++) {
      if (used[start]) continue;
      const ring: Pt[] = [];
      let cur = start;
      for (let guard = 0; guard <= stretches.length; guard++) {
        used[cur] = true;
        ring.push(...stretches[cur]);
        // Clockwise along the edge to the nearest entry (the start's own entry closes the ring).
        const from = tOut[cur];
        let next = -1;
        let best = Number.POSITIVE_INFINITY;
        for (let k = 0; k < stretches.length; k++) {
          if (used[k] && k !== start) continue;
          let d = (tIn[k] - from + 4) % 4;
          if (d === 0 && k === cur && stretches.length > 1) d = 4;
          if (d < best) {
            best = d;
            next = k;
          }
        }
        for (let c = Math.floor(from) + 1; c <= from + best; c++) ring.push(CORNERS(box)[(c - 1) % 4]);
        if (next === start || next < 0) break;
        cur = next;
      }
      ring.push(ring[0]);
      const dedup = ring.filter((p, i) => i === 0 || !same(p, ring[i - 1]));
      if (dedup.length >= 4) seas.push(dedup);
    }
  }
  const polygons: Pt[][][] = seas.map((r) => [r]);
  for (const island of islands) {
    // A closed coast with the land on its left runs counter-clockwise; clockwise, it encloses sea.
    if (signedArea(island) < 0) {
      polygons.push([island]);
      continue;
    }
    const home = polygons.find((rings) => pointInLngLatRing(island[0], rings[0]));
    if (home) home.push(island);
  }
  result.sea = polygons;
  return result;
}
