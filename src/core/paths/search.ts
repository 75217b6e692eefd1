/**
 * Searches over a visibility graph: A* between two free points (their connections to the graph are
 * checked lazily, only when the search reaches them) and one-to-all Dijkstra for distance matrices.
 */
import { MinHeap } from './minHeap';
import type { XY } from '../geo/frame';
import type { FlightCostModel } from '../energy/flightCost';
import { type VisibilityGraph, tangentAt } from './visibilityGraph';

export type PathObjective = 'energy' | 'distance';

/** What a search minimises for a straight cruise segment. */
export interface SegmentWeigher {
  objective: PathObjective;
  /** Cost of flying a -> b; Infinity when it cannot be flown (and `lastInfeasibleReason` says why). */
  cost(a: XY, b: XY): number;
  /** Cost of adjacency entry k (node `from` -> its k-th neighbour), cached per graph. */
  adjCost(k: number, from: XY, to: XY): number;
  /** A lower bound of cost per metre over every heading: the A* heuristic's rate. */
  minCostPerM: number;
  lastInfeasibleReason?: string;
}

/** Headings probed to find the cheapest cost per metre for the heuristic. */
const PROBE_HEADINGS = 72;
/**
 * Margin on the probed minimum: between probed headings the cost can dip slightly lower, and an
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
    minCostPerM: probeMinCostPerM(model, altitudeM),
  };
  return w;
}

/** The cheapest energy per metre over all headings (0 if no heading can be flown). */
export function probeMinCostPerM(model: FlightCostModel, altitudeM: number): number {
  let min = Infinity;
  const o = { x: 0, y: 0 };
  for (let i = 0; i < PROBE_HEADINGS; i++) {
    const a = (2 * Math.PI * i) / PROBE_HEADINGS;
    const c = model.cruise(o, { x: PROBE_LENGTH_M * Math.sin(a), y: PROBE_LENGTH_M * Math.cos(a) }, altitudeM);
    if (c.ok) min = Math.min(min, c.energyWh / PROBE_LENGTH_M);
  }
  return Number.isFinite(min) ? min * HEURISTIC_SAFETY : 0;
}

export interface SearchResult {
  found: boolean;
  /** Polyline from start to goal (both included). */
  points: XY[];
  /** Total cost in the objective's unit (metres or Wh). */
  cost: number;
}

/**
 * A* from s to t (both must be outside every obstacle). Edges from s and into t are not in the graph:
 * s is joined to the corners a grid scan finds visible from it; t is offered to every expanded tangent
 * corner and checked for visibility only when popped (lazy). A corner's own edges are found when it is
 * first expanded (`neighbours`), so a query touches only the part of the graph it explores.
 */
export function searchPath(g: VisibilityGraph, w: SegmentWeigher, s: XY, t: XY): SearchResult {
  const V = g.nodes.length;
  const S = V;
  const T = V + 1;
  const pos = (n: number) => (n < V ? g.nodes[n] : n === S ? s : t);
  const h = (p: XY) => w.minCostPerM * Math.hypot(t.x - p.x, t.y - p.y);

  const eNode: number[] = [];
  const eParent: number[] = [];
  const eG: number[] = [];
  const eLazy: boolean[] = [];
  const heap = new MinHeap();
  const push = (node: number, parent: number, gCost: number, lazy: boolean) => {
    const id = eNode.length;
    eNode.push(node);
    eParent.push(parent);
    eG.push(gCost);
    eLazy.push(lazy);
    heap.push(id, gCost + h(pos(node)));
  };

  const closed = new Uint8Array(V + 2);
  const best = new Float64Array(V + 2).fill(Infinity);
  const parent = new Int32Array(V + 2).fill(-1);
  const gOf = new Float64Array(V + 2);
  push(S, -1, 0, false);
  best[S] = 0;
  let reached = false;
  while (heap.size > 0) {
    const e = heap.pop();
    const n = eNode[e];
    if (closed[n]) continue;
    if (eLazy[e] && !g.index.segmentFree(pos(eParent[e]), pos(n))) continue;
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
        if (c < best[u]) push(u, S, c, false);
      }
    } else {
      const k0 = g.neighbours(n);
      for (let k = k0, end = k0 + g.degree(n); k < end; k++) {
        const v = g.adj[k];
        if (closed[v]) continue;
        const c = gn + w.adjCost(k, p, g.nodes[v]);
        if (c < best[v]) {
          best[v] = c;
          push(v, n, c, false);
        }
      }
    }
    if (n === S || tangentAt(g, n, t)) {
      const c = gn + w.cost(p, t);
      if (c < Infinity) push(T, n, c, true);
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
    for (let k = k0, end = k0 + g.degree(n); k < end; k++) {
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
