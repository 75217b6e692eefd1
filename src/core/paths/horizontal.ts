/**
 * Level-flight routing at one altitude: checks the end points, runs the graph search and explains a
 * failure (which zone a point is in, which zones wall it in, which wind forbids it).
 */
import type { XY } from '../geo/frame';
import { pointInShape } from '../geo/shapes';
import type { FlightCostModel } from '../energy/flightCost';
import { type Airspace, type AirspaceObstacle, type ObstacleLayer, type TimeSpan, obstaclesContaining } from './airspace';
import { type PathObjective, type SegmentWeigher, createWeigher, searchPath } from './search';
import { strictlyInsideRings } from './obstacleIndex';

export type PathErrorCode = 'start-in-zone' | 'end-in-zone' | 'unreachable' | 'zero-length' | 'outside-area' | 'infeasible-wind';

export interface PathError {
  ok: false;
  code: PathErrorCode;
  /** One sentence for a person, naming the zones or buildings involved. */
  message: string;
  /** Ids of the no-fly zones involved. */
  zones?: string[];
  /** Ids of the buildings involved. */
  buildings?: string[];
}

export interface HorizontalPath {
  ok: true;
  /** Polyline from start to goal in local metres (both ends included). */
  points: XY[];
  lengthM: number;
  /** What the search minimised: metres, or Wh for the energy objective. */
  cost: number;
  objective: PathObjective;
  /** The merged obstacle layer the path was found in. */
  layer: ObstacleLayer;
}

export interface HorizontalOptions {
  /** 'energy' needs `cost`; default 'energy' when a cost model is given, else 'distance'. */
  objective?: PathObjective;
  cost?: FlightCostModel;
}

/** Points closer than this are the same place: a leg between them is refused as zero-length. */
export const MIN_LEG_M = 0.01;

export function toSpan(time: number | TimeSpan): TimeSpan {
  return typeof time === 'number' ? { fromS: time, toS: time } : time;
}

/** Describes obstacles for messages: `no-fly zone "Airport" (nfz-1)`, with "inside" or "within the margin". */
export function describeObstacles(p: XY, list: readonly AirspaceObstacle[], marginM: number): string {
  return list
    .map((o) => {
      const what = o.kind === 'zone' ? `no-fly zone "${o.name}" (${o.id})` : `building "${o.name}" (${o.id})`;
      return pointInShape(p, [o.ring, ...o.holes]) ? `inside ${what}` : `within the ${marginM} m safety margin of ${what}`;
    })
    .join(' and ');
}

export function obstacleIds(list: readonly AirspaceObstacle[]): { zones?: string[]; buildings?: string[] } {
  const zones = list.filter((o) => o.kind === 'zone').map((o) => o.id);
  const buildings = list.filter((o) => o.kind === 'building').map((o) => o.id);
  return { ...(zones.length ? { zones } : {}), ...(buildings.length ? { buildings } : {}) };
}

export function fmtXY(p: XY): string {
  return `(${p.x.toFixed(0)}, ${p.y.toFixed(0)}) m`;
}

/** Bad ends of a leg that no search can fix: outside the area, zero length. */
export function checkEnds(airspace: Airspace, a: XY, b: XY): PathError | undefined {
  for (const [p, which] of [
    [a, 'start'],
    [b, 'end'],
  ] as const) {
    const r = Math.hypot(p.x, p.y);
    if (!(r <= airspace.areaRadiusM)) {
      return {
        ok: false,
        code: 'outside-area',
        message: `the ${which} ${fmtXY(p)} is ${(r / 1000).toFixed(1)} km from the origin, outside the mission area (${airspace.areaRadiusM / 1000} km)`,
      };
    }
  }
  if (Math.hypot(b.x - a.x, b.y - a.y) < MIN_LEG_M) {
    return { ok: false, code: 'zero-length', message: `start and end are the same place ${fmtXY(a)}: nothing to fly` };
  }
  return undefined;
}

/** The shortest (or cheapest) level path from a to b at altitudeM, avoiding what applies during the time. */
export function shortestHorizontalPath(
  airspace: Airspace,
  a: XY,
  b: XY,
  altitudeM: number,
  time: number | TimeSpan,
  opts: HorizontalOptions = {},
): HorizontalPath | PathError {
  const bad = checkEnds(airspace, a, b);
  if (bad) return bad;
  const span = toSpan(time);
  const cruise = airspace.cruiseObstacles(altitudeM, span);
  const inA = obstaclesContaining(a, cruise);
  if (inA.length) return inObstacleError('start-in-zone', a, inA, airspace);
  const inB = obstaclesContaining(b, cruise);
  if (inB.length) return inObstacleError('end-in-zone', b, inB, airspace);
  return routeInLayer(airspace, airspace.layer(altitudeM, span), a, b, altitudeM, opts);
}

export function inObstacleError(code: 'start-in-zone' | 'end-in-zone', p: XY, list: AirspaceObstacle[], airspace: Airspace): PathError {
  const which = code === 'start-in-zone' ? 'start' : 'end';
  return {
    ok: false,
    code,
    message: `the ${which} ${fmtXY(p)} is ${describeObstacles(p, list, airspace.safetyMarginM)}`,
    ...obstacleIds(list),
  };
}

/** Search in a layer whose obstacles are known not to contain a or b. */
export function routeInLayer(
  airspace: Airspace,
  layer: ObstacleLayer,
  a: XY,
  b: XY,
  altitudeM: number,
  opts: HorizontalOptions,
): HorizontalPath | PathError {
  const objective: PathObjective = opts.objective ?? (opts.cost ? 'energy' : 'distance');
  const weigher: SegmentWeigher = createWeigher(layer.graph, objective, opts.cost, altitudeM);
  if (weigher.objective === 'energy' && weigher.minCostPerM === 0) {
    weigher.cost(a, b); // records the model's reason
    return {
      ok: false,
      code: 'infeasible-wind',
      message: `no heading can be flown at ${altitudeM} m: ${weigher.lastInfeasibleReason ?? 'the cost model refuses every heading'}`,
    };
  }
  const found = searchPath(layer.graph, weigher, a, b);
  if (found.found) {
    return { ok: true, points: found.points, lengthM: polylineLengthM(found.points), cost: found.cost, objective: weigher.objective, layer };
  }
  if (weigher.objective === 'energy') {
    const geometric = searchPath(layer.graph, createWeigher(layer.graph, 'distance', undefined, altitudeM), a, b);
    if (geometric.found) {
      return {
        ok: false,
        code: 'infeasible-wind',
        message: `a path exists but part of every route cannot be flown: ${weigher.lastInfeasibleReason ?? 'refused by the cost model'}`,
      };
    }
  }
  return unreachableError(airspace, layer, a, b);
}

/** Explains a failed search: which merged obstacle encloses the start or the end. */
function unreachableError(airspace: Airspace, layer: ObstacleLayer, a: XY, b: XY): PathError {
  const walls = new Set<string>();
  const parts: string[] = [];
  for (const [p, which] of [
    [a, 'start'],
    [b, 'end'],
  ] as const) {
    for (const r of layer.enclosing(p)) {
      if (!strictlyInsideRings(p, [r.rings[0]])) continue;
      // Inside the outer ring but not inside the region: in a hole, walled in by the region's sources.
      r.sources.forEach((id) => walls.add(id));
      const names = airspace.obstacles.filter((o) => r.sources.includes(o.id)).map((o) => `"${o.name}" (${o.id})`);
      parts.push(`the ${which} ${fmtXY(p)} is walled in by ${names.join(', ')}`);
    }
  }
  const list = airspace.obstacles.filter((o) => walls.has(o.id));
  return {
    ok: false,
    code: 'unreachable',
    message: parts.length ? `no path: ${parts.join('; ')}` : `no path from ${fmtXY(a)} to ${fmtXY(b)} avoids the obstacles`,
    ...obstacleIds(list),
  };
}

export function polylineLengthM(points: readonly XY[]): number {
  let len = 0;
  for (let i = 1; i < points.length; i++) len += Math.hypot(points[i].x - points[i - 1].x, points[i].y - points[i - 1].y);
  return len;
}

/** Length of the shortest level path, Infinity when there is none (matrix-friendly). */
export function legLengthM(airspace: Airspace, a: XY, b: XY, altitudeM: number, time: number | TimeSpan): number {
  const r = shortestHorizontalPath(airspace, a, b, altitudeM, time, { objective: 'distance' });
  return r.ok ? r.lengthM : r.code === 'zero-length' ? 0 : Infinity;
}
