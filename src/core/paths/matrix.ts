/**
 * Many-to-many level-flight costs for the planner: one Dijkstra per source over the static graph.
 *
 * Each point is connected to the graph once (its visible tangent corners), then every source runs
 * one Dijkstra to all corners and reads each target off as min over the target's visible corners,
 * or the straight line when the two points see each other. Cost: P connections + P Dijkstras +
 * P^2 straight-line checks, instead of P^2 separate searches.
 */
import type { XY } from '../geo/frame';
import type { FlightCostModel } from '../energy/flightCost';
import { type Airspace, type TimeSpan, obstaclesContaining } from './airspace';
import { type PathError, inObstacleError, toSpan } from './horizontal';
import { type PathObjective, createWeigher, dijkstraFrom, visibleNodes } from './search';

export interface PathMatrix {
  n: number;
  objective: PathObjective;
  /** Row-major n x n: [i * n + j] is the cost i -> j (metres or Wh); Infinity when there is no path. */
  cost: Float64Array;
  /** Row-major n x n: horizontal length of that cheapest path, metres. */
  lengthM: Float64Array;
  /** Per point: why it cannot be used (inside an obstacle), or undefined. */
  problems: (PathError | undefined)[];
}

export function pathMatrix(
  airspace: Airspace,
  points: readonly XY[],
  altitudeM: number,
  time: number | TimeSpan,
  opts: { objective?: PathObjective; cost?: FlightCostModel } = {},
): PathMatrix {
  const n = points.length;
  const span = toSpan(time);
  const layer = airspace.layer(altitudeM, span);
  const g = layer.graph;
  const objective: PathObjective = opts.objective ?? (opts.cost ? 'energy' : 'distance');
  const w = createWeigher(g, objective, opts.cost, altitudeM);
  const cost = new Float64Array(n * n).fill(Infinity);
  const lengthM = new Float64Array(n * n).fill(Infinity);
  const cruise = airspace.cruiseObstacles(altitudeM, span);
  const problems = points.map((p) => {
    const inside = obstaclesContaining(p, cruise);
    return inside.length ? inObstacleError('start-in-zone', p, inside, airspace) : undefined;
  });
  const usable = points.map((_, i) => !problems[i]);
  const outOf = points.map((p, i) => (usable[i] ? visibleNodes(g, w, p, false) : []));
  const into = points.map((p, i) => (usable[i] ? visibleNodes(g, w, p, true) : []));

  for (let i = 0; i < n; i++) {
    if (!usable[i]) continue;
    cost[i * n + i] = 0;
    lengthM[i * n + i] = 0;
    // Straight lines first: symmetric visibility, checked once per pair.
    for (let j = i + 1; j < n; j++) {
      if (!usable[j] || !g.index.segmentFree(points[i], points[j])) continue;
      const d = Math.hypot(points[j].x - points[i].x, points[j].y - points[i].y);
      cost[i * n + j] = w.cost(points[i], points[j]);
      cost[j * n + i] = w.cost(points[j], points[i]);
      lengthM[i * n + j] = d;
      lengthM[j * n + i] = d;
    }
  }
  for (let i = 0; i < n; i++) {
    if (!usable[i] || outOf[i].length === 0) continue;
    const tree = dijkstraFrom(g, w, outOf[i]);
    for (let j = 0; j < n; j++) {
      if (j === i || !usable[j]) continue;
      let best = cost[i * n + j];
      let bestLen = lengthM[i * n + j];
      for (const v of into[j]) {
        const c = tree.cost[v.node] + v.cost;
        if (c < best) {
          best = c;
          bestLen = tree.lengthM[v.node] + v.lengthM;
        }
      }
      cost[i * n + j] = best;
      lengthM[i * n + j] = bestLen;
    }
  }
  return { n, objective: w.objective, cost, lengthM, problems };
}
