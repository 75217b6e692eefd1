/**
 * Which leg costs a large day computes (sparse leg costs, issue #18): the pairs of nodes that can
 * share a trip, so that memory and time grow with the stops instead of their square.
 *
 * - every depot <-> depot pair (alternates, the reserve's nearest other depot);
 * - each order <-> its DEPOTS_PER_ORDER nearest depots that a round trip could reach at all (straight
 *   line at the most favourable ground speed against the model's usable energy), and always its
 *   MIN_DEPOTS_PER_ORDER nearest ones (so screening still names the closest depot and its numbers);
 * - each order <-> its NEIGHBOURS_PER_ORDER nearest orders that could be on one trip with it: both
 *   parcels fit in the payload, the two lie within that reach of each other, and one drop can follow
 *   the other without being more than CHAIN_SLACK_S late (earliest drop of the first + straight flight
 *   at the best ground speed + the second's drop time, against the second's latest).
 *
 * Pairs are kept both ways (i -> j and j -> i). Any pair left out reads as "no arc" in the solver: it
 * never puts those two stops one after the other.
 */
import { ArcIndex } from './vrp/arcIndex';
import type { ModelInfo, PlannerContext } from './context';
import { costModelFor } from './costModels';

/** Up to this many nodes (depots + orders) the leg costs are dense (every pair), as before. */
export const DENSE_MAX_NODES = 400;
/** Orders an order may share a trip with, nearest first after the payload and window filters. */
export const NEIGHBOURS_PER_ORDER = 30;
/** Depots that may serve an order: its nearest ones in reach. */
export const DEPOTS_PER_ORDER = 8;
/** Depots every order keeps an arc with, in reach or not. */
export const MIN_DEPOTS_PER_ORDER = 2;
/** Lateness still judged "can chain" (windows are soft: a little lateness may beat another trip). */
export const CHAIN_SLACK_S = 900;

/** Whether this context gets sparse leg costs. */
export function prefersSparseArcs(ctx: PlannerContext): boolean {
  return ctx.points.length > DENSE_MAX_NODES;
}

/** Furthest a drone of this model can be from a point and still fly back to it, m (an upper bound). */
export function reachRadiusM(ctx: PlannerContext, info: ModelInfo): number {
  const empty = costModelFor(ctx, info, 0);
  const groundMps = empty.airspeedMps + ctx.mission.wind.speedMps;
  const whPerM = empty.cruisePowerW / 3600 / Math.max(1e-6, groundMps);
  return whPerM > 0 ? info.usableWh / (2 * whPerM) : Infinity;
}

export function candidatePairs(ctx: PlannerContext, info: ModelInfo): ArcIndex {
  const n = ctx.points.length;
  const nd = ctx.depots.length;
  const rows: number[][] = Array.from({ length: n }, () => []);
  const link = (i: number, j: number) => {
    rows[i].push(j);
    rows[j].push(i);
  };
  for (let a = 0; a < nd; a++) for (let b = a + 1; b < nd; b++) link(ctx.depots[a].node, ctx.depots[b].node);
  const reachM = reachRadiusM(ctx, info);
  const dist = (i: number, j: number) => Math.hypot(ctx.points[i].x - ctx.points[j].x, ctx.points[i].y - ctx.points[j].y);

  // Orders <-> depots.
  const byDistance = new Float64Array(nd);
  const depotOrder = ctx.depots.map((_, k) => k);
  for (const o of ctx.orders) {
    for (let k = 0; k < nd; k++) byDistance[k] = dist(o.node, ctx.depots[k].node);
    depotOrder.sort((a, b) => byDistance[a] - byDistance[b] || a - b);
    for (let r = 0; r < nd && r < DEPOTS_PER_ORDER; r++) {
      const k = depotOrder[r];
      if (r < MIN_DEPOTS_PER_ORDER || byDistance[k] <= reachM) link(o.node, ctx.depots[k].node);
    }
  }

  // Orders <-> orders: rings of grid cells around each order until the nearest candidates are known.
  const empty = costModelFor(ctx, info, 0);
  const bestMps = Math.max(1e-6, empty.airspeedMps + ctx.mission.wind.speedMps);
  const capKg = info.model.maxPayloadKg;
  const chains = (i: number, j: number, d: number) => {
    const a = ctx.orders[i];
    const b = ctx.orders[j];
    return a.earliestS + d / bestMps + b.dropS <= b.latestS + CHAIN_SLACK_S;
  };
  // Orders bucketed by grid cell (cells sorted by key, orders of a cell contiguous in `byCell`).
  const CELL_M = 1000;
  const no = ctx.orders.length;
  const cx = new Int32Array(no);
  const cy = new Int32Array(no);
  ctx.orders.forEach((o, k) => {
    cx[k] = Math.floor(o.xy.x / CELL_M);
    cy[k] = Math.floor(o.xy.y / CELL_M);
  });
  const cellKey = (x: number, y: number) => (x + 32768) * 65536 + (y + 32768);
  const byCell = Array.from({ length: no }, (_, k) => k).sort((a, b) => cellKey(cx[a], cy[a]) - cellKey(cx[b], cy[b]) || a - b);
  const cellStart = new Map<number, [number, number]>();
  for (let r = 0; r < no; ) {
    const key = cellKey(cx[byCell[r]], cy[byCell[r]]);
    let e = r + 1;
    while (e < no && cellKey(cx[byCell[e]], cy[byCell[e]]) === key) e++;
    cellStart.set(key, [r, e]);
    r = e;
  }
  const maxRing = Math.ceil(Math.min(reachM, 1e6) / CELL_M) + 1;
  const foundK: number[] = [];
  const foundD: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < no; i++) {
    const oi = ctx.orders[i];
    foundK.length = 0;
    foundD.length = 0;
    for (let r = 0; r <= maxRing; r++) {
      for (let dx = -r; dx <= r; dx++) {
        const edge = Math.abs(dx) === r;
        for (let dy = -r; dy <= r; dy += edge ? 1 : 2 * r) {
          const range = cellStart.get(cellKey(cx[i] + dx, cy[i] + dy));
          if (range) {
            for (let q = range[0]; q < range[1]; q++) {
              const j = byCell[q];
              if (j === i) continue;
              const oj = ctx.orders[j];
              if (oi.parcelKg + oj.parcelKg > capKg) continue;
              const d = Math.hypot(oi.xy.x - oj.xy.x, oi.xy.y - oj.xy.y);
              if (d > reachM || !(chains(i, j, d) || chains(j, i, d))) continue;
              foundK.push(j);
              foundD.push(d);
            }
          }
          if (r === 0) break;
        }
      }
      // Ring r covers everything closer than r cells: once K are that close, nothing further beats them.
      if (foundK.length >= NEIGHBOURS_PER_ORDER && kthSmallest(foundD, NEIGHBOURS_PER_ORDER) <= r * CELL_M) break;
    }
    order.length = 0;
    for (let q = 0; q < foundK.length; q++) order.push(q);
    order.sort((a, b) => foundD[a] - foundD[b] || foundK[a] - foundK[b]);
    for (let q = 0; q < order.length && q < NEIGHBOURS_PER_ORDER; q++) link(oi.node, ctx.orders[foundK[order[q]]].node);
  }
  return ArcIndex.fromRows(rows);
}

/** The k-th smallest value (1-based) of xs, without reordering xs. */
function kthSmallest(xs: readonly number[], k: number): number {
  return Float64Array.from(xs).sort()[k - 1];
}
