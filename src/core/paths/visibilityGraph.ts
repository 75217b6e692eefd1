/**
 * The reduced visibility graph of a set of merged obstacles.
 *
 * A Euclidean shortest path among polygons bends only at convex obstacle corners, and there it is
 * tangent to the obstacle (both neighbours of the corner on one side of each path segment). So the
 * nodes are the convex corners and the edges the mutually visible pairs tangent at both ends; that is
 * far fewer edges than all visible pairs and still contains every shortest path exactly.
 */
import type { XY } from '../geo/frame';
import { EPS_M } from './geometry';
import type { ObstacleIndex } from './obstacleIndex';

export interface VisibilityGraph {
  index: ObstacleIndex;
  /** Node positions. */
  nodes: XY[];
  /** Per node: its ring neighbours (material on the left going prev -> node -> next). */
  prev: XY[];
  next: XY[];
  /** Region of each node. */
  nodeRegion: Int32Array;
  /** Adjacency in CSR form: neighbours of n are adj[adjStart[n] .. adjStart[n + 1]). */
  adjStart: Int32Array;
  adj: Int32Array;
  /** Length of each adjacency entry, metres. */
  adjLengthM: Float64Array;
  /** Counts, for benchmarks and diagnostics. */
  stats: { nodes: number; edges: number; candidatePairs: number };
}

/** Whether the line through node n towards p leaves both ring neighbours of n on one side. */
export function tangentAt(g: VisibilityGraph, n: number, p: XY): boolean {
  const u = g.nodes[n];
  const dx = p.x - u.x;
  const dy = p.y - u.y;
  const len = Math.hypot(dx, dy);
  if (len < EPS_M) return true;
  const a = g.prev[n];
  const b = g.next[n];
  const sa = (dx * (a.y - u.y) - dy * (a.x - u.x)) / len;
  const sb = (dx * (b.y - u.y) - dy * (b.x - u.x)) / len;
  return !((sa > EPS_M && sb < -EPS_M) || (sa < -EPS_M && sb > EPS_M));
}

export function buildVisibilityGraph(index: ObstacleIndex): VisibilityGraph {
  const nodes: XY[] = [];
  const prev: XY[] = [];
  const next: XY[] = [];
  const region: number[] = [];
  index.regions.forEach((r, ri) => {
    for (const ring of r.rings) {
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const a = ring[(i + n - 1) % n];
        const b = ring[i];
        const c = ring[(i + 1) % n];
        // Convex corner of the material (left turn): the only places a shortest path can bend.
        const turn = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        const scale = Math.hypot(c.x - a.x, c.y - a.y) || 1;
        // A corner inside another region (only if regions overlap, i.e. merging failed) is no way through.
        if (turn / scale > EPS_M && !insideOther(index, ri, b)) {
          nodes.push(b);
          prev.push(a);
          next.push(c);
          region.push(ri);
        }
      }
    }
  });
  const V = nodes.length;
  const xs = new Float64Array(V);
  const ys = new Float64Array(V);
  const pax = new Float64Array(V);
  const pay = new Float64Array(V);
  const nbx = new Float64Array(V);
  const nby = new Float64Array(V);
  for (let i = 0; i < V; i++) {
    xs[i] = nodes[i].x;
    ys[i] = nodes[i].y;
    pax[i] = prev[i].x - xs[i];
    pay[i] = prev[i].y - ys[i];
    nbx[i] = next[i].x - xs[i];
    nby[i] = next[i].y - ys[i];
  }
  // Tangency only needs signs, so the unnormalised cross products compared against EPS * length.
  const tangent = (i: number, dx: number, dy: number, len: number) => {
    const sa = dx * pay[i] - dy * pax[i];
    const sb = dx * nby[i] - dy * nbx[i];
    const e = EPS_M * len;
    return !((sa > e && sb < -e) || (sa < -e && sb > e));
  };
  const edgesA: number[] = [];
  const edgesB: number[] = [];
  let candidatePairs = 0;
  for (let i = 0; i < V; i++) {
    const xi = xs[i];
    const yi = ys[i];
    for (let j = i + 1; j < V; j++) {
      const dx = xs[j] - xi;
      const dy = ys[j] - yi;
      const len = Math.sqrt(dx * dx + dy * dy);
      if (!tangent(i, dx, dy, len) || !tangent(j, -dx, -dy, len)) continue;
      candidatePairs++;
      if (index.segmentFree(nodes[i], nodes[j])) {
        edgesA.push(i);
        edgesB.push(j);
      }
    }
  }
  const adjStart = new Int32Array(V + 1);
  for (let k = 0; k < edgesA.length; k++) {
    adjStart[edgesA[k] + 1]++;
    adjStart[edgesB[k] + 1]++;
  }
  for (let i = 0; i < V; i++) adjStart[i + 1] += adjStart[i];
  const adj = new Int32Array(adjStart[V]);
  const adjLengthM = new Float64Array(adjStart[V]);
  const fill = adjStart.slice(0, V);
  for (let k = 0; k < edgesA.length; k++) {
    const a = edgesA[k];
    const b = edgesB[k];
    const d = Math.hypot(xs[b] - xs[a], ys[b] - ys[a]);
    adj[fill[a]] = b;
    adjLengthM[fill[a]++] = d;
    adj[fill[b]] = a;
    adjLengthM[fill[b]++] = d;
  }
  return {
    index,
    nodes,
    prev,
    next,
    nodeRegion: Int32Array.from(region),
    adjStart,
    adj,
    adjLengthM,
    stats: { nodes: V, edges: edgesA.length, candidatePairs },
  };
}

function insideOther(index: ObstacleIndex, own: number, p: XY): boolean {
  const r = index.regionContaining(p);
  return r >= 0 && r !== own;
}
