/**
 * Conservative buffering and merging of obstacle polygons in local metres.
 *
 * The buffer of a ring by a margin is the Minkowski sum of the ring with a regular polygon that
 * CIRCUMSCRIBES the margin circle, so it contains every point within the margin (never less than
 * the margin anywhere; at most margin / cos(pi / BUFFER_SIDES) at the corners).
 * Merging uses turf's planar union (polyclip) on metre coordinates, once per obstacle set.
 */
import { featureCollection, polygon as turfPolygon, union } from '@turf/turf';
import type { XY } from '../geo/frame';
import { signedArea } from '../geo/shapes';
import { cleanRing, convexHull, isConvexCcw, ringBBox } from './geometry';

/** Sides of the regular polygon standing in for the margin circle (1.9 % overshoot at the corners). */
export const BUFFER_SIDES = 16;

/** A polygon with holes: rings[0] is the outer ring (counter-clockwise), the rest are holes (clockwise). */
export type PolygonRings = XY[][];

function marginPolygon(marginM: number): XY[] {
  const r = marginM / Math.cos(Math.PI / BUFFER_SIDES);
  const out: XY[] = [];
  for (let i = 0; i < BUFFER_SIDES; i++) {
    const a = (2 * Math.PI * (i + 0.5)) / BUFFER_SIDES;
    out.push({ x: r * Math.cos(a), y: r * Math.sin(a) });
  }
  return out;
}

/**
 * The ring (minus its holes, if any) grown by marginM: one or more polygons (a concave ring's buffer
 * can enclose holes). A hole shrinks by the margin (its edges are swept like the outer ones) and
 * vanishes when it is narrower than twice the margin.
 */
export function bufferRing(ring: readonly XY[], marginM: number, holes: readonly (readonly XY[])[] = []): PolygonRings[] {
  const ccw = signedArea(ring) < 0 ? [...ring].reverse() : [...ring];
  const cwHoles = holes.filter((h) => h.length >= 3).map((h) => (signedArea(h) > 0 ? [...h].reverse() : [...h]));
  if (marginM <= 0) return cwHoles.length ? unionPolygons([[ccw, ...cwHoles]]) : [[cleanRing(ccw)]];
  const disc = marginPolygon(marginM);
  if (cwHoles.length) {
    // The polygon with its holes, plus every edge (outer and hole) swept by the margin polygon.
    const pieces: PolygonRings[] = [[ccw, ...cwHoles]];
    for (const r of [ccw, ...cwHoles]) pieces.push(...sweptEdges(r, disc));
    return unionPolygons(pieces);
  }
  if (isConvexCcw(ccw)) {
    // Minkowski sum of two convex polygons = hull of all pairwise vertex sums.
    const pts: XY[] = [];
    for (const p of ccw) for (const d of disc) pts.push({ x: p.x + d.x, y: p.y + d.y });
    return [[convexHull(pts)]];
  }
  // Concave: the ring itself plus, for each edge, the edge swept by the margin polygon.
  return unionPolygons([[ccw], ...sweptEdges(ccw, disc)]);
}

/** Each edge of the ring swept by the (convex) margin polygon. */
function sweptEdges(ring: readonly XY[], disc: readonly XY[]): PolygonRings[] {
  const out: PolygonRings[] = [];
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % ring.length];
    const pts: XY[] = [];
    for (const d of disc) {
      pts.push({ x: a.x + d.x, y: a.y + d.y });
      pts.push({ x: b.x + d.x, y: b.y + d.y });
    }
    out.push([convexHull(pts)]);
  }
  return out;
}

/** Planar union of polygons; the result's polygons are disjoint (they may touch at single points). */
export function unionPolygons(polys: readonly PolygonRings[]): PolygonRings[] {
  if (polys.length === 0) return [];
  if (polys.length === 1) return [normalize(polys[0])];
  return unionAll(polys);
}

/**
 * Groups of polygons whose bounding boxes overlap or touch, transitively (sweep along x, union-find):
 * polygons in different groups cannot merge, so each group can be merged on its own.
 */
export function overlapGroups(polys: readonly PolygonRings[]): number[][] {
  const pad = 1e-3;
  const boxes = polys.map((rings) => ringBBox(rings[0]));
  const parent = polys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const order = polys.map((_, i) => i).sort((a, b) => boxes[a].minX - boxes[b].minX);
  let active: number[] = [];
  for (const i of order) {
    const b = boxes[i];
    active = active.filter((j) => boxes[j].maxX + pad >= b.minX);
    for (const j of active) {
      if (boxes[j].minY <= b.maxY + pad && boxes[j].maxY + pad >= b.minY) parent[find(i)] = find(j);
    }
    active.push(i);
  }
  const byRoot = new Map<number, number[]>();
  polys.forEach((_, i) => {
    const r = find(i);
    const list = byRoot.get(r);
    if (list) list.push(i);
    else byRoot.set(r, [i]);
  });
  return [...byRoot.values()];
}

function unionAll(polys: readonly PolygonRings[]): PolygonRings[] {
  const features = polys.map((rings) => turfPolygon(rings.map(closeRing)));
  let merged: ReturnType<typeof union>;
  try {
    merged = union(featureCollection(features));
  } catch {
    // polyclip can fail on near-degenerate input. Unmerged polygons are still safe (the visibility
    // test checks every polygon), only paths through the seams between overlapping ones are lost.
    return polys.map(normalize);
  }
  if (!merged) return [];
  const g = merged.geometry;
  const coords = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return coords.map((rings) => normalize(rings.map(openRing)));
}

function closeRing(ring: readonly XY[]): [number, number][] {
  const out = ring.map((p): [number, number] => [p.x, p.y]);
  out.push([ring[0].x, ring[0].y]);
  return out;
}

function openRing(coords: number[][]): XY[] {
  return coords.slice(0, -1).map((c) => ({ x: c[0], y: c[1] }));
}

/** Outer ring counter-clockwise, holes clockwise, degenerate bits removed. */
function normalize(rings: readonly XY[][]): PolygonRings {
  return rings
    .map((ring, i) => {
      const clean = cleanRing(ring);
      const area = signedArea(clean);
      const wantCcw = i === 0;
      return (area > 0) === wantCcw ? clean : clean.reverse();
    })
    .filter((ring) => ring.length >= 3);
}
