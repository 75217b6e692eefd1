/**
 * The mission airspace for path finding: every no-fly zone and building as a buffered polygon in
 * local metres, and a cache of merged obstacle sets with their visibility graphs, one per distinct
 * set of obstacles that applies (which depends on the cruise altitude and on the time).
 */
import { type MetricFrame, type XY, createFrame } from '../geo/frame';
import { shapeRings } from '../geo/shapes';
import type { Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { type PolygonRings, bufferRing, unionPolygons } from './buffer';
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

/** Merges the buffered obstacles (so overlapping ones leave no false gaps) and builds the graph. */
export function buildLayer(applying: readonly AirspaceObstacle[], obstacleIds: string[]): ObstacleLayer {
  const merged = unionPolygons(applying.flatMap((o) => o.buffered));
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
  return { obstacleIds, index, graph: buildVisibilityGraph(index) };
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
