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

/** Candidate pairs in compressed sparse rows: row i's targets are col[rowStart[i]] .. col[rowStart[i + 1] - 1], ascending. */
export interface PairRows {
  rowStart: Int32Array;
  col: Int32Array;
}

export interface PairCosts {
  /** Per pair (slot = position in `col`): cost i -> j (metres or Wh); Infinity when there is no path. */
  cost: Float64Array;
  /** Per pair: horizontal length of that cheapest path, metres. */
  lengthM: Float64Array;
  problems: (PathError | undefined)[];
}

/**
 * pathMatrix for the given pairs only (the sparse leg costs of large days): the same costs as
 * pathMatrix gives for those pairs, in memory proportional to the pairs. A source runs its Dijkstra only
 * when one of its targets is hidden behind an obstacle: when a target is in sight the straight line is
 * the cheapest path (uniform wind: the cost of a heading does not depend on where it is flown), so a
 * source with every target in sight needs no search.
 */
export function pathPairs(
  airspace: Airspace,
  points: readonly XY[],
  pairs: PairRows,
  altitudeM: number,
  time: number | TimeSpan,
  opts: { objective?: PathObjective; cost?: FlightCostModel } = {},
): PairCosts {
  const n = points.length;
  const { rowStart, col } = pairs;
  const span = toSpan(time);
  const layer = airspace.layer(altitudeM, span);
  const g = layer.graph;
  const objective: PathObjective = opts.objective ?? (opts.cost ? 'energy' : 'distance');
  const w = createWeigher(g, objective, opts.cost, altitudeM);
  const cost = new Float64Array(col.length).fill(Infinity);
  const lengthM = new Float64Array(col.length).fill(Infinity);
  const cruise = airspace.cruiseObstacles(altitudeM, span);
  const problems = points.map((p) => {
    const inside = obstaclesContaining(p, cruise);
    return inside.length ? inObstacleError('start-in-zone', p, inside, airspace) : undefined;
  });
  const usable = points.map((_, i) => !problems[i]);
  const slotOf = (i: number, j: number) => {
    let lo = rowStart[i];
    let hi = rowStart[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (col[mid] < j) lo = mid + 1;
      else if (col[mid] > j) hi = mid - 1;
      else return mid;
    }
    return -1;
  };
  // Straight lines: symmetric visibility, checked once for a pair stored both ways.
  const hidden = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!usable[i]) continue;
    for (let s = rowStart[i]; s < rowStart[i + 1]; s++) {
      const j = col[s];
      if (!usable[j]) continue;
      const back = slotOf(j, i);
      if (back >= 0 && j < i) {
        if (cost[back] === Infinity) hidden[i] = 1;
        else {
          cost[s] = w.cost(points[i], points[j]);
          lengthM[s] = lengthM[back];
        }
        continue;
      }
      if (!g.index.segmentFree(points[i], points[j])) {
        hidden[i] = 1;
        continue;
      }
      cost[s] = w.cost(points[i], points[j]);
      lengthM[s] = Math.hypot(points[j].x - points[i].x, points[j].y - points[i].y);
    }
  }
  // Around obstacles: one Dijkstra per source with a hidden target; targets connect through their
  // visible corners (computed once per target that needs them).
  const into: ({ node: number; cost: number; lengthM: number }[] | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (!usable[i] || !hidden[i]) continue;
    const outOf = visibleNodes(g, w, points[i], false);
    if (outOf.length === 0) continue;
    const tree = dijkstraFrom(g, w, outOf);
    for (let s = rowStart[i]; s < rowStart[i + 1]; s++) {
      const j = col[s];
      if (!usable[j]) continue;
      into[j] ??= visibleNodes(g, w, points[j], true);
      let best = cost[s];
      let bestLen = lengthM[s];
      for (const v of into[j]) {
        const c = tree.cost[v.node] + v.cost;
        if (c < best) {
          best = c;
          bestLen = tree.lengthM[v.node] + v.lengthM;
        }
      }
      cost[s] = best;
      lengthM[s] = bestLen;
    }
  }
  return { cost, lengthM, problems };
}
