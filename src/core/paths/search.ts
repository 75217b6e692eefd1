/**
 * Searches over a visibility graph: A* between two free points (their connections to the graph are
 * checked lazily, only when the search reaches them) and one-to-all Dijkstra for distance matrices.
 */
import { MinHeap } from './minHeap';
import type { XY } from '../geo/frame';
import { convexHull } from './geometry';
import type { FlightCostModel } from '../energy/flightCost';
import { EDGE_FREE, type VisibilityGraph, tangentAt } from './visibilityGraph';

export type PathObjective = 'energy' | 'distance';

/** What a search minimises for a straight cruise segment. */
export interface SegmentWeigher {
  objective: PathObjective;
  /** Cost of flying a -> b; Infinity when it cannot be flown (and `lastInfeasibleReason` says why). */
  cost(a: XY, b: XY): number;
  /** Cost of adjacency entry k (node `from` -> its k-th neighbour), cached per graph. */
  adjCost(k: number, from: XY, to: XY): number;
  /** A lower bound of cost per metre over every heading (0 when no heading can be flown). */
  minCostPerM: number;
  /**
   * The A* heuristic: a lower bound of the cost of any path that moves by (dx, dy). Consistent (it
   * obeys the triangle inequality), so A* still returns the cheapest path.
   */
  lowerBound(dx: number, dy: number): number;
  lastInfeasibleReason?: string;
}

/** Headings probed to bound the cost of a path from below for the heuristic. */
const PROBE_HEADINGS = 72;
/**
 * Margin on the probed bound: between probed headings the cost can dip slightly lower, and an
 * overestimating heuristic could return a costlier path. 5 % is far more than a smooth model dips in 5°.
 */
const HEURISTIC_SAFETY = 0.95;
const PROBE_LENGTH_M = 1000;

/** Energy per adjacency entry; grows with the graph, whose edges are found on demand. */
const energyCaches = new WeakMap<VisibilityGraph, Map<FlightCostModel, Map<number, { costs: Float64Array }>>>();

export function createWeigher(
  graph: VisibilityGraph,
  objective: PathObjective,
  model: FlightCostModel | undefined,
  altitudeM: number,
): SegmentWeigher {
  if (objective === 'distance' || !model) {
    return {
      objective: 'distance',
      cost: (a, b) => Math.hypot(b.x - a.x, b.y - a.y),
      adjCost: (k) => graph.adjLengthM[k],
      minCostPerM: 1,
      lowerBound: (dx, dy) => Math.sqrt(dx * dx + dy * dy),
    };
  }
  let byModel = energyCaches.get(graph);
  if (!byModel) energyCaches.set(graph, (byModel = new Map()));
  let byAlt = byModel.get(model);
  if (!byAlt) byModel.set(model, (byAlt = new Map()));
  let cache = byAlt.get(altitudeM);
  if (!cache) byAlt.set(altitudeM, (cache = { costs: new Float64Array(0) }));
  const adjCache = cache;

  const w: SegmentWeigher = {
    objective: 'energy',
    cost(a, b) {
      const c = model.cruise(a, b, altitudeM);
      if (c.ok) return c.energyWh;
      w.lastInfeasibleReason = c.reason;
      return Infinity;
    },
    adjCost(k, from, to) {
      if (k >= adjCache.costs.length) {
        const grown = new Float64Array(Math.max(graph.adj.length, k + 1)).fill(Number.NaN);
        grown.set(adjCache.costs);
        adjCache.costs = grown;
      }
      const cached = adjCache.costs[k];
      if (!Number.isNaN(cached)) return cached;
      const c = w.cost(from, to);
      adjCache.costs[k] = c;
      return c;
    },
    ...probeCostBound(model, altitudeM),
  };
  return w;
}

/**
 * Bounds the energy of any path from below, from the cost per metre probed on every heading.
 *
 * The displacements one Wh buys on each heading span a convex set (its hull, to be exact) that every
 * path's displacement per Wh stays inside, whatever its turns: so the hull's gauge (the scale at
 * which a displacement reaches the hull's boundary) bounds a path's energy from below. In uniform
 * wind that set is a disc around the wind's drift and the gauge is the straight flight's own energy,
 * so the bound is tight on every heading; a single cheapest rate per metre is loose against the
 * wind and makes A* explore far to the sides. When some heading cannot be flown at all, the cheapest
 * rate stays the bound.
 */
export function probeCostBound(model: FlightCostModel, altitudeM: number): Pick<SegmentWeigher, 'minCostPerM' | 'lowerBound'> {
  let min = Infinity;
  const o = { x: 0, y: 0 };
  const perWh: XY[] = [];
  for (let i = 0; i < PROBE_HEADINGS; i++) {
    const a = (2 * Math.PI * i) / PROBE_HEADINGS;
    const ux = Math.sin(a);
    const uy = Math.cos(a);
    const c = model.cruise(o, { x: PROBE_LENGTH_M * ux, y: PROBE_LENGTH_M * uy }, altitudeM);
    if (!c.ok || !(c.energyWh > 0)) continue;
    const perM = c.energyWh / PROBE_LENGTH_M;
    min = Math.min(min, perM);
    perWh.push({ x: ux / perM, y: uy / perM });
  }
  if (!Number.isFinite(min)) return { minCostPerM: 0, lowerBound: () => 0 };
  const minCostPerM = min * HEURISTIC_SAFETY;
  const byRate = (dx: number, dy: number) => minCostPerM * Math.sqrt(dx * dx + dy * dy);
  if (perWh.length < PROBE_HEADINGS) return { minCostPerM, lowerBound: byRate };
  // Facet k of the hull is the line nx*x + ny*y = 1; the gauge of d is the largest nx*dx + ny*dy.
  const hull = convexHull(perWh);
  const k = hull.length;
  const nx = new Float64Array(k);
  const ny = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const p = hull[i];
    const q = hull[(i + 1) % k];
    const crossPQ = p.x * q.y - p.y * q.x;
    // Every heading flies, so the origin is strictly inside the hull (crossPQ > 0 for a ring).
    if (!(crossPQ > 0)) return { minCostPerM, lowerBound: byRate };
    nx[i] = (HEURISTIC_SAFETY * (q.y - p.y)) / crossPQ;
    ny[i] = (HEURISTIC_SAFETY * (p.x - q.x)) / crossPQ;
  }
  const lowerBound = (dx: number, dy: number) => {
    let g = 0;
    for (let i = 0; i < k; i++) {
      const v = nx[i] * dx + ny[i] * dy;
      if (v > g) g = v;
    }
    return g;
  };
  return { minCostPerM, lowerBound };
}

export interface SearchResult {
  found: boolean;
  /** Polyline from start to goal (both included). */
  points: XY[];
  /** Total cost in the objective's unit (metres or Wh). */
  cost: number;
}

/** What a queued entry still has to pass when popped: nothing, its graph entry's test, or the goal's. */
const TESTED = -1;
const GOAL_TEST = -2;

/**
 * A* from s to t (both must be outside every obstacle). Edges from s and into t are not in the graph:
 * s is joined to the corners a grid scan finds visible from it; t is offered to every expanded tangent
 * corner. A corner's candidate edges are found when it is first expanded (`candidates`), so a query
 * touches only the part of the graph it explores; an untested candidate (and the last step into t) is
 * queued with its cost and its segment test runs only if it is popped (lazy), since most queued
 * entries lose to a cheaper one first. Known and untested entries are queued alike (a known result is
 * just not computed again at the pop), so the search does the same steps whatever earlier searches in
 * the layer happened to test.
 */
export function searchPath(g: VisibilityGraph, w: SegmentWeigher, s: XY, t: XY): SearchResult {
  const V = g.nodes.length;
  const S = V;
  const T = V + 1;
  const pos = (n: number) => (n < V ? g.nodes[n] : n === S ? s : t);
  const h = (p: XY) => w.lowerBound(t.x - p.x, t.y - p.y);

  const eNode: number[] = [];
  const eParent: number[] = [];
  const eG: number[] = [];
  const eTest: number[] = [];
  const heap = new MinHeap();
  const push = (node: number, parent: number, gCost: number, test: number) => {
    const id = eNode.length;
    eNode.push(node);
    eParent.push(parent);
    eG.push(gCost);
    eTest.push(test);
    heap.push(id, gCost + h(pos(node)));
  };

  const closed = new Uint8Array(V + 2);
  const parent = new Int32Array(V + 2).fill(-1);
  const gOf = new Float64Array(V + 2);
  push(S, -1, 0, TESTED);
  let reached = false;
  while (heap.size > 0) {
    const e = heap.pop();
    const n = eNode[e];
    if (closed[n]) continue;
    const test = eTest[e];
    if (test >= 0 && !g.edgeFree(eParent[e], test)) continue;
    if (test === GOAL_TEST && !g.index.segmentFree(pos(eParent[e]), t)) continue;
    closed[n] = 1;
    parent[n] = eParent[e];
    const gn = eG[e];
    gOf[n] = gn;
    if (n === T) {
      reached = true;
      break;
    }
    const p = pos(n);
    if (n === S) {
      // Only the corners visible from s (and tangent there), found by a scan of the grid.
      for (const u of g.visibleFrom(p)) {
        const c = w.cost(p, g.nodes[u]);
        if (c < Infinity) push(u, S, c, TESTED);
      }
    } else {
      const k0 = g.candidates(n);
      for (let k = k0, end = k0 + g.degree(n); k < end; k++) {
        const v = g.adj[k];
        if (closed[v]) continue;
        // Every offer is queued with its entry, whether earlier searches in the layer tested it or not,
        // and judged when popped: so the queue, and the path on equal costs, never depend on them.
        const c = gn + w.adjCost(k, p, g.nodes[v]);
        if (c < Infinity) push(v, n, c, k);
      }
    }
    if (n === S || tangentAt(g, n, t)) {
      const c = gn + w.cost(p, t);
      if (c < Infinity) push(T, n, c, GOAL_TEST);
    }
  }
  if (!reached) return { found: false, points: [], cost: Infinity };
  const points: XY[] = [];
  for (let n = T; n !== -1; n = parent[n]) points.push(pos(n));
  points.reverse();
  return { found: true, points, cost: gOf[T] };
}

/** Graph nodes visible from p and tangent there, with the cost p -> node (or node -> p when `into`). */
export function visibleNodes(
  g: VisibilityGraph,
  w: SegmentWeigher,
  p: XY,
  into: boolean,
): { node: number; cost: number; lengthM: number }[] {
  const out: { node: number; cost: number; lengthM: number }[] = [];
  for (const u of g.visibleFrom(p)) {
    const q = g.nodes[u];
    const cost = into ? w.cost(q, p) : w.cost(p, q);
    if (cost === Infinity) continue;
    out.push({ node: u, cost, lengthM: Math.hypot(q.x - p.x, q.y - p.y) });
  }
  return out;
}

/**
 * Dijkstra over the whole graph from seed nodes with initial costs; returns the cost to every node
 * and the length of that cheapest route (they differ when the objective is energy).
 */
export function dijkstraFrom(
  g: VisibilityGraph,
  w: SegmentWeigher,
  seeds: readonly { node: number; cost: number; lengthM: number }[],
): { cost: Float64Array; lengthM: Float64Array } {
  const V = g.nodes.length;
  const cost = new Float64Array(V).fill(Infinity);
  const lengthM = new Float64Array(V).fill(Infinity);
  const closed = new Uint8Array(V);
  const eNode: number[] = [];
  const eKey: number[] = [];
  const eLen: number[] = [];
  const heap = new MinHeap();
  const push = (n: number, c: number, len: number) => {
    eNode.push(n);
    eKey.push(c);
    eLen.push(len);
    heap.push(eNode.length - 1, c);
  };
  for (const s of seeds) {
    if (s.cost < cost[s.node]) {
      cost[s.node] = s.cost;
      lengthM[s.node] = s.lengthM;
      push(s.node, s.cost, s.lengthM);
    }
  }
  while (heap.size > 0) {
    const e = heap.pop();
    const n = eNode[e];
    if (closed[n]) continue;
    closed[n] = 1;
    cost[n] = eKey[e];
    lengthM[n] = eLen[e];
    const p = g.nodes[n];
    const k0 = g.neighbours(n);
    const state = g.adjState;
    for (let k = k0, end = k0 + g.degree(n); k < end; k++) {
      if (state[k] !== EDGE_FREE) continue;
      const v = g.adj[k];
      if (closed[v]) continue;
      const c = eKey[e] + w.adjCost(k, p, g.nodes[v]);
      if (c < cost[v]) {
        cost[v] = c;
        push(v, c, eLen[e] + g.adjLengthM[k]);
      }
    }
  }
  return { cost, lengthM };
}
