/**
 * The reduced visibility graph of a set of merged obstacles, with its edges found on demand.
 *
 * A Euclidean shortest path among polygons bends only at convex obstacle corners, and there it is
 * tangent to the obstacle (both neighbours of the corner on one side of each path segment). So the
 * nodes are the convex corners and the edges the mutually visible pairs tangent at both ends; that is
 * far fewer edges than all visible pairs and still contains every shortest path exactly.
 *
 * Building every edge up front costs O(corners^2) visibility tests (seconds at 10,000 corners), and a
 * search needs the edges of the corners it reaches only. So a corner's candidate edges are found when
 * first asked for (`candidates`) by a scan of the obstacle grid outward from it (`visibleScan.ts`):
 * every corner the scan cannot rule out and that is tangent at both ends. Each candidate's exact
 * segment test, the expensive part, waits until someone needs that edge: A* tests an entry only when
 * it pops it (most candidates lose to a better parent first), `neighbours` tests them all. Entries and
 * their test results are cached with the graph, so later searches in the same layer reuse them. The
 * free entries are exactly the edges the full build had, in the same order (ascending neighbour).
 */
import type { XY } from '../geo/frame';
import { EPS_M } from './geometry';
import { type EdgeGrid, type ObstacleIndex, buildEdgeGrid } from './obstacleIndex';
import { type CornerGrid, buildCornerGrid, scanVisible } from './visibleScan';

export interface VisibilityGraph {
  index: ObstacleIndex;
  /** Node positions. */
  nodes: XY[];
  /** Per node: its ring neighbours (material on the left going prev -> node -> next). */
  prev: XY[];
  next: XY[];
  /** Region of each node. */
  nodeRegion: Int32Array;
  /**
   * Start of node n's candidate edges in `adj` / `adjLengthM` / `adjState` (found on first call, then
   * cached); n has `degree(n)` of them, some maybe not tested yet. An entry's position k is stable, so
   * costs can be cached per entry.
   */
  candidates(n: number): number;
  /** As `candidates`, with every entry tested: n's edges are its entries whose state is EDGE_FREE. */
  neighbours(n: number): number;
  degree(n: number): number;
  /** Tests entry k of node n if it is untested; whether it is an edge. */
  edgeFree(n: number, k: number): boolean;
  /** Neighbour ids, lengths (metres) and test states of every entry so far; read them after `candidates`. */
  readonly adj: Int32Array;
  readonly adjLengthM: Float64Array;
  readonly adjState: Int8Array;
  /** The nodes visible from a free point p (not a node) and tangent there, ascending. */
  visibleFrom(p: XY): number[];
  /**
   * Counts, for benchmarks and diagnostics: candidate entries so far, and how many of them were tested
   * and found to be edges (each edge counted from both ends).
   */
  readonly stats: { nodes: number; entries: number; tested: number; edges: number; expandedNodes: number };
}

/** The state of a candidate entry: its segment test not run yet, passed, or failed. */
export const EDGE_UNTESTED = 0;
export const EDGE_FREE = 1;
export const EDGE_BLOCKED = -1;

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
  const scanGrid = exposedEdgeGrid(index);
  const corners: CornerGrid = buildCornerGrid(scanGrid, xs, ys);

  // Entry pool: node n's candidates are adj[start[n] .. start[n] + deg[n]); start -1 until found.
  const start = new Int32Array(V).fill(-1);
  const deg = new Int32Array(V);
  let adj = new Int32Array(Math.max(64, V * 8));
  let adjLen = new Float64Array(adj.length);
  let adjState = new Int8Array(adj.length);
  let used = 0;
  let expanded = 0;
  let tested = 0;
  let free = 0;

  /** The full build's tangency test, always with i < j so that both ends agree bit for bit. */
  const tangentPair = (i: number, j: number): boolean => {
    const dx = xs[j] - xs[i];
    const dy = ys[j] - ys[i];
    const len = Math.sqrt(dx * dx + dy * dy);
    return tangent(i, dx, dy, len) && tangent(j, -dx, -dy, len);
  };

  const candidates = (n: number): number => {
    if (start[n] >= 0) return start[n];
    // Only corners the scan cannot rule out, tangent at both ends.
    const found = scanVisible(scanGrid, corners, xs[n], ys[n], n, (v) => (v < n ? tangentPair(v, n) : tangentPair(n, v)), {
      prev: prev[n],
      next: next[n],
    });
    found.sort((a, b) => a - b);
    if (used + found.length > adj.length) {
      const size = Math.max(adj.length * 2, used + found.length);
      const a2 = new Int32Array(size);
      a2.set(adj.subarray(0, used));
      const l2 = new Float64Array(size);
      l2.set(adjLen.subarray(0, used));
      const s2 = new Int8Array(size);
      s2.set(adjState.subarray(0, used));
      adj = a2;
      adjLen = l2;
      adjState = s2;
    }
    start[n] = used;
    deg[n] = found.length;
    for (const v of found) {
      adj[used] = v;
      adjLen[used] = Math.hypot(xs[v] - xs[n], ys[v] - ys[n]);
      adjState[used++] = EDGE_UNTESTED;
    }
    expanded++;
    return start[n];
  };

  const edgeFree = (n: number, k: number): boolean => {
    if (adjState[k] === EDGE_UNTESTED) {
      const v = adj[k];
      // Ordered by id, as the tangency test, so that n -> v and v -> n get the same answer.
      const ok = v < n ? index.segmentFree(nodes[v], nodes[n]) : index.segmentFree(nodes[n], nodes[v]);
      adjState[k] = ok ? EDGE_FREE : EDGE_BLOCKED;
      tested++;
      if (ok) free++;
    }
    return adjState[k] === EDGE_FREE;
  };

  const neighbours = (n: number): number => {
    const k0 = candidates(n);
    for (let k = k0, end = k0 + deg[n]; k < end; k++) edgeFree(n, k);
    return k0;
  };

  const g: VisibilityGraph = {
    index,
    nodes,
    prev,
    next,
    nodeRegion: Int32Array.from(region),
    candidates,
    neighbours,
    edgeFree,
    degree: (n) => (start[n] >= 0 ? deg[n] : (candidates(n), deg[n])),
    get adj() {
      return adj;
    },
    get adjLengthM() {
      return adjLen;
    },
    get adjState() {
      return adjState;
    },
    visibleFrom(p) {
      const sg = scanGrid;
      const inGrid = p.x >= sg.minX && p.y >= sg.minY && p.x <= sg.minX + sg.nx * sg.cell && p.y <= sg.minY + sg.ny * sg.cell;
      let out: number[];
      if (inGrid) out = scanVisible(sg, corners, p.x, p.y, -1, (u) => tangentAt(g, u, p));
      else {
        // Outside the grid the scan has no cell to start from: test every tangent corner.
        out = [];
        for (let u = 0; u < V; u++) if (tangentAt(g, u, p)) out.push(u);
      }
      return out.sort((a, b) => a - b).filter((u) => index.segmentFree(p, nodes[u]));
    },
    get stats() {
      return { nodes: V, entries: used, tested, edges: free, expandedNodes: expanded };
    },
  };
  return g;
}

/**
 * The scan's grid: only edges on the outside of the obstacles (an edge whose middle lies inside another
 * piece, as in an unmerged city block, is hidden behind that piece's own outline anyway). Leaving
 * edges out only makes the scan prune less, never wrongly.
 */
function exposedEdgeGrid(index: ObstacleIndex): EdgeGrid {
  const { edges, prevEdge, minX, minY, cell, nx, ny } = index.grid;
  const n = edges.length / 4;
  const ids: number[] = [];
  for (let e = 0; e < n; e++) {
    const mid = { x: (edges[4 * e] + edges[4 * e + 2]) / 2, y: (edges[4 * e + 1] + edges[4 * e + 3]) / 2 };
    if (index.regionContaining(mid) < 0) ids.push(e);
  }
  return buildEdgeGrid(edges, prevEdge, Int32Array.from(ids), { minX, minY, maxX: minX + nx * cell, maxY: minY + ny * cell }, 2);
}

function insideOther(index: ObstacleIndex, own: number, p: XY): boolean {
  const r = index.regionContaining(p);
  return r >= 0 && r !== own;
}
