/**
 * The mission airspace for path finding: every no-fly zone and building as a buffered polygon in
 * local metres, and a cache of merged obstacle sets with their visibility graphs, one per distinct
 * set of obstacles that applies (which depends on the cruise altitude and on the time).
 */
import { type MetricFrame, type XY, createFrame } from '../geo/frame';
import { shapeRings } from '../geo/shapes';
import type { Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { type PolygonRings, bufferRing, overlapGroups, unionPolygons } from './buffer';
import { type BBox, ringBBox } from './geometry';
import { type ObstacleIndex, createObstacleIndex, strictlyInsideRings } from './obstacleIndex';
import { type VisibilityGraph, buildVisibilityGraph } from './visibilityGraph';

export interface AirspaceObstacle {
  id: string;
  kind: 'zone' | 'building';
  name: string;
  /** The obstacle's own outline in local metres (counter-clockwise). */
  ring: XY[];
  /** Holes of a zone polygon (clockwise): permitted airspace inside the outline. */
  holes: XY[][];
  /** The outline grown by the safety margin (conservatively): the region a path must stay out of. */
  buffered: PolygonRings[];
  bbox: BBox;
  /** Vertical extent, metres above ground: a building spans [0, heightM]. */
  floorM: number;
  ceilingM: number;
  /** Zones with a time window: active from..to in mission seconds; others always. */
  activeFromS: number;
  activeToS: number;
}

/** A time interval in mission seconds; a single instant is {fromS: t, toS: t}. */
export interface TimeSpan {
  fromS: number;
  toS: number;
}

/** One merged obstacle set and its graph (what a cruise layer at some altitude and time sees). */
export interface ObstacleLayer {
  /** Sorted ids of the obstacles merged into this layer. */
  obstacleIds: string[];
  index: ObstacleIndex;
  graph: VisibilityGraph;
  /**
   * Merged obstacles that may enclose p, with the ids merged into each (for explaining an unreachable
   * point): the index's regions when the layer is merged, else the merged groups around p.
   */
  enclosing(p: XY): readonly { rings: XY[][]; sources: string[] }[];
}

export interface Airspace {
  mission: Mission;
  frame: MetricFrame;
  safetyMarginM: number;
  clearanceM: number;
  areaRadiusM: number;
  obstacles: AirspaceObstacle[];
  /** The obstacles level flight at altitudeM must avoid during the span. */
  cruiseObstacles(altitudeM: number, span: TimeSpan): AirspaceObstacle[];
  /** The zones a vertical climb or descent between the two altitudes must not be inside. */
  columnObstacles(lowM: number, highM: number, span: TimeSpan): AirspaceObstacle[];
  /** The merged layer (built on first use, then cached) for level flight at altitudeM during the span. */
  layer(altitudeM: number, span: TimeSpan): ObstacleLayer;
  /** How many layers have been built so far (for diagnostics and tests). */
  readonly layerCount: number;
}

export function buildAirspace(mission: Mission): Airspace {
  const frame = createFrame(mission.origin);
  const { safetyMarginM, clearanceM, areaRadiusM } = mission.settings;
  const obstacles: AirspaceObstacle[] = [];
  for (const z of mission.noFlyZones) {
    const [ring, ...holes] = shapeRings(z.shape, frame);
    // The margin also applies around each hole's edge: a hole smaller than twice the margin closes.
    const buffered = bufferRing(ring, safetyMarginM, holes);
    obstacles.push({
      id: z.id,
      kind: 'zone',
      name: z.name,
      ring,
      holes,
      buffered,
      bbox: unionBBox(buffered),
      floorM: z.floorM ?? 0,
      ceilingM: z.ceilingM ?? Infinity,
      activeFromS: z.active ? toMissionSeconds(mission.startTime, z.active.earliest) : -Infinity,
      activeToS: z.active ? toMissionSeconds(mission.startTime, z.active.latest) : Infinity,
    });
  }
  for (const b of mission.buildings) {
    const [ring] = shapeRings(b.footprint, frame);
    const buffered = bufferRing(ring, safetyMarginM);
    obstacles.push({
      id: b.id,
      kind: 'building',
      name: b.name ?? b.id,
      ring,
      holes: [],
      buffered,
      bbox: unionBBox(buffered),
      floorM: 0,
      ceilingM: b.heightM,
      activeFromS: -Infinity,
      activeToS: Infinity,
    });
  }

  const activeDuring = (o: AirspaceObstacle, span: TimeSpan) => o.activeFromS <= span.toS && o.activeToS >= span.fromS;
  const cruiseObstacles = (altitudeM: number, span: TimeSpan) =>
    obstacles.filter((o) =>
      o.kind === 'building'
        ? // A building is flown over when the cruise keeps the clearance above its roof.
          o.ceilingM > altitudeM - clearanceM
        : o.floorM <= altitudeM && o.ceilingM >= altitudeM && activeDuring(o, span),
    );
  const columnObstacles = (lowM: number, highM: number, span: TimeSpan) =>
    obstacles.filter((o) => o.kind === 'zone' && o.floorM <= highM && o.ceilingM >= lowM && activeDuring(o, span));

  const cache = new Map<string, ObstacleLayer>();
  const layer = (altitudeM: number, span: TimeSpan): ObstacleLayer => {
    const applying = cruiseObstacles(altitudeM, span);
    const ids = applying.map((o) => o.id).sort();
    const key = ids.join('\u0000');
    let hit = cache.get(key);
    if (!hit) {
      hit = buildLayer(applying, ids);
      cache.set(key, hit);
    }
    return hit;
  };

  return {
    mission,
    frame,
    safetyMarginM,
    clearanceM,
    areaRadiusM,
    obstacles,
    cruiseObstacles,
    columnObstacles,
    layer,
    get layerCount() {
      return cache.size;
    },
  };
}

/**
 * Above this many buffered polygons a layer is not merged: polyclip's exact arithmetic needs seconds
 * for a city (10 s for 5,000 buildings), and merging is not needed for exact paths: the convex corners
 * of the union are the convex corners of the pieces outside every other piece (the graph's nodes), and
 * a segment through an overlap crosses into one of the pieces (the visibility test checks each piece).
 * Smaller layers (every mission so far) are merged as before. What merging still gives, the enclosures
 * that explain an unreachable point, `enclosing` computes on demand.
 */
export const MERGE_LIMIT = 400;

/** Merges the buffered obstacles (so overlapping ones leave no false gaps) and builds the graph. */
export function buildLayer(applying: readonly AirspaceObstacle[], obstacleIds: string[], mergeLimit = MERGE_LIMIT): ObstacleLayer {
  const pieces = applying.flatMap((o) => o.buffered);
  if (pieces.length > mergeLimit) return buildUnmergedLayer(applying, obstacleIds);
  const merged = unionPolygons(pieces);
  // Which obstacles each merged region came from: the region containing (or touching) one of its corners.
  const sources: string[][] = merged.map(() => []);
  const mergedBoxes = merged.map((rings) => ringBBox(rings[0]));
  for (const o of applying) {
    const probe = o.buffered[0][0][0];
    let found = -1;
    for (let i = 0; i < merged.length && found < 0; i++) {
      const b = mergedBoxes[i];
      const pad = 1e-3;
      if (probe.x < b.minX - pad || probe.x > b.maxX + pad || probe.y < b.minY - pad || probe.y > b.maxY + pad) continue;
      if (onOrInsidePolygon(probe, merged[i])) found = i;
    }
    if (found >= 0) sources[found].push(o.id);
  }
  const index = createObstacleIndex(merged, sources);
  return { obstacleIds, index, graph: buildVisibilityGraph(index), enclosing: () => index.regions };
}

/** Each buffered piece its own region; merged groups only when an unreachable point needs explaining. */
function buildUnmergedLayer(applying: readonly AirspaceObstacle[], obstacleIds: string[]): ObstacleLayer {
  const pieces: PolygonRings[] = [];
  const sources: string[][] = [];
  for (const o of applying) {
    for (const rings of o.buffered) {
      pieces.push(rings);
      sources.push([o.id]);
    }
  }
  const index = createObstacleIndex(pieces, sources);
  const enclosing = (p: XY) => {
    const out: { rings: XY[][]; sources: string[] }[] = [];
    // Only the groups of overlapping pieces whose box holds p can wall it in.
    for (const group of overlapGroups(pieces)) {
      const boxes = group.map((i) => index.regions[i].bbox);
      if (!boxes.some((b) => b.minX < p.x) || !boxes.some((b) => b.maxX > p.x) || !boxes.some((b) => b.minY < p.y) || !boxes.some((b) => b.maxY > p.y)) continue;
      const ids = [...new Set(group.flatMap((i) => sources[i]))];
      for (const rings of unionPolygons(group.map((i) => pieces[i]))) out.push({ rings, sources: ids.filter((id) => mergedHas(rings, applying, id)) });
    }
    return out;
  };
  return { obstacleIds, index, graph: buildVisibilityGraph(index), enclosing };
}

/** Whether the obstacle's first corner is on or inside the merged polygon (it came from there). */
function mergedHas(rings: readonly XY[][], applying: readonly AirspaceObstacle[], id: string): boolean {
  const o = applying.find((a) => a.id === id);
  return o !== undefined && onOrInsidePolygon(o.buffered[0][0][0], rings);
}

/** The buffered obstacles (from a list) whose interior strictly contains p. */
export function obstaclesContaining(p: XY, list: readonly AirspaceObstacle[]): AirspaceObstacle[] {
  return list.filter(
    (o) =>
      p.x > o.bbox.minX && p.x < o.bbox.maxX && p.y > o.bbox.minY && p.y < o.bbox.maxY && o.buffered.some((rings) => strictlyInsideRings(p, rings)),
  );
}

/** On or inside the outer ring and not strictly inside a hole (an obstacle in a hole is its own region). */
function onOrInsidePolygon(p: XY, rings: readonly XY[][]): boolean {
  return onOrInsideOuter(p, rings[0]) && !rings.slice(1).some((hole) => strictlyInsideRings(p, [hole]));
}

function onOrInsideOuter(p: XY, ring: readonly XY[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    const ex = b.x - a.x;
    const ey = b.y - a.y;
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? ((p.x - a.x) * ex + (p.y - a.y) * ey) / len2 : 0;
    t = Math.max(0, Math.min(1, t));
    if (Math.hypot(p.x - a.x - t * ex, p.y - a.y - t * ey) < 1e-3) return true;
    if (a.y > p.y !== b.y > p.y && p.x < (ex * (p.y - a.y)) / ey + a.x) inside = !inside;
  }
  return inside;
}

function unionBBox(polys: readonly PolygonRings[]): BBox {
  const boxes = polys.map((rings) => ringBBox(rings[0]));
  return {
    minX: Math.min(...boxes.map((b) => b.minX)),
    minY: Math.min(...boxes.map((b) => b.minY)),
    maxX: Math.max(...boxes.map((b) => b.maxX)),
    maxY: Math.max(...boxes.map((b) => b.maxY)),
  };
}
