/**
 * Arc bounds for the solver: for every drone model and every ordered pair of nodes, the time and the
 * payload-dependent energy of the whole 3D leg (climb from the start height, cruise around the
 * obstacles of a layer, descent, and the drop hover at an order), bounded over all cruise layers so
 * that whatever layer the deconfliction later picks, the exact leg is no dearer than the solver assumed.
 *
 * Energy is linear in payload for the solver: e(load) = e0 + e1 x load, the chord between payload 0 and
 * the model's maximum payload. Power grows convexly with mass (induced power ~ m^1.5), so the chord
 * over-estimates in between: again on the safe side. The exact recomputation (tripBuilder) uses the
 * physics at the real payload.
 *
 * Cruise time does not depend on payload (fixed airspeed), so one energy path matrix at payload 0 per
 * model and layer gives the geometry; energies at other payloads scale with the cruise power.
 */
import type { EnergyCostModel } from '../energy/costModel';
import type { PathError, TimeSpan } from '../paths';
import { MIN_LEG_M, obstaclesContaining } from '../paths';
import { pathMatrix } from '../paths';
import { pathPairs } from '../paths/matrix';
import { candidatePairs, prefersSparseArcs } from './arcCandidates';
import { costModelFor } from './costModels';

export { costModelFor } from './costModels';
import type { ArcIndex } from './vrp/arcIndex';
import type { ModelInfo, PlannerContext } from './context';
import { nodeHeightM } from './context';

export interface ModelArcs {
  modelId: string;
  n: number;
  /**
   * Where the arc i -> j is in the value arrays: i * n + j (dense), or its slot in `index` (sparse: large
   * days keep only the pairs that can share a trip, see arcCandidates.ts; a pair not kept reads as no
   * arc: Infinity, layer mask 0).
   */
  slot: (i: number, j: number) => number;
  /** The stored pairs when sparse; undefined when every pair is (row-major n x n). */
  index: ArcIndex | undefined;
  /** Per arc (see slot), Infinity when no layer can fly the arc. */
  timeS: Float64Array;
  baseWh: Float64Array;
  perKgWh: Float64Array;
  /** Horizontal length of the longest (over layers) cheapest path, m. */
  lengthM: Float64Array;
  /** Bit k set: layer k can fly the arc. */
  layerMask: Uint32Array;
  /** Per node: bit k set when the node's column and position are free at layer k. */
  nodeLayerMask: Uint32Array;
  /** Per node and layer: why the node cannot be used there (first layer's reason kept). */
  nodeProblem: (string | undefined)[];
  /** Why this model cannot fly at all in the planned wind, if so. */
  windProblem: string | undefined;
  /** Hover power per second at maximum payload (air waiting), Wh/s. */
  hoverWhPerS: number;
}

export const MAX_LAYERS = 32;

/** Dense (every pair), sparse (candidate pairs, arcCandidates.ts), or by the size of the day. */
export type LegCostMode = 'auto' | 'dense' | 'sparse';

export function computeModelArcs(ctx: PlannerContext, info: ModelInfo, onLayer?: (done: number, total: number) => void, mode: LegCostMode = 'auto'): ModelArcs {
  const layout = pairLayout(ctx, info, mode);
  return arcsOver(ctx, info, layout, (k) => layerCostsOf(ctx, info, layout, k), onLayer);
}

/**
 * The arc bounds from layer costs computed elsewhere (legCostJobs.ts: one job per model and cruise
 * layer, e.g. on worker threads): `costsOf(k)` gives what layerCostsOf gives for layer k of this model.
 * The same arrays as computeModelArcs, whoever computed the layers.
 */
export function modelArcsFromLayers(ctx: PlannerContext, info: ModelInfo, mode: LegCostMode, costsOf: (layer: number) => LayerCosts): ModelArcs {
  return arcsOver(ctx, info, pairLayout(ctx, info, mode), costsOf);
}

/**
 * Level-flight costs of one model at one cruise layer over the layout's slots, and why each point cannot
 * be used there: the expensive part of the arc bounds (a path search per source), independent of every
 * other layer and model, so that it can run anywhere (legCostJobs.ts). Its result does not depend on
 * what the airspace computed before (the matrix searches test every edge they use).
 */
export interface LayerCosts {
  /** Per slot of the layout (`pairSlots` of them): cruise energy at payload 0, Wh; Infinity when no path. */
  cost: Float64Array;
  /** Per slot: horizontal length of that cheapest path, m. */
  lengthM: Float64Array;
  /** Per node: why it cannot be used at this layer (inside a zone or building), if so. */
  problems: (string | undefined)[];
}

/** The layers the arc bounds are taken over (at most MAX_LAYERS). */
export function arcLayers(ctx: PlannerContext): number[] {
  return ctx.layersM.slice(0, MAX_LAYERS);
}

/** Whether this model gets layer costs at all (not when it cannot fly in the planned wind). */
export function modelFlies(ctx: PlannerContext, info: ModelInfo): boolean {
  return costModelFor(ctx, info, 0).infeasibleReason === undefined;
}

/** The layout (dense or sparse) the mode gives this context and model. */
export function pairLayout(ctx: PlannerContext, info: ModelInfo, mode: LegCostMode): PairLayout {
  const sparse = mode === 'sparse' || (mode === 'auto' && prefersSparseArcs(ctx));
  return sparse ? sparseLayout(ctx, info) : denseLayout(ctx);
}

/** Layer k's costs for this model (the one computation, in this thread or in a leg-cost job). */
export function layerCostsOf(ctx: PlannerContext, info: ModelInfo, layout: PairLayout, k: number): LayerCosts {
  const pm = layout.layerCosts(arcLayers(ctx)[k], { fromS: 0, toS: ctx.horizonS }, costModelFor(ctx, info, 0));
  return { cost: pm.cost, lengthM: pm.lengthM, problems: pm.problems.map((p) => p?.message) };
}

/** Where arcs are kept: every ordered pair (row-major n x n), or the candidate pairs of an ArcIndex. */
export interface PairLayout {
  index: ArcIndex | undefined;
  /** Slots in the value arrays. */
  size: number;
  /** Slots 0 .. pairSlots - 1 are pairs (i, j) to price; the rest (sparse: "missing", "diagonal") are not. */
  pairSlots: number;
  row(s: number): number;
  col(s: number): number;
  /** A node to itself: staying put, zero. */
  isDiagonal(s: number): boolean;
  slot(i: number, j: number): number;
  /** Cruise costs and lengths per slot at one layer, and each point's problem there. */
  layerCosts(altM: number, span: TimeSpan, cost: EnergyCostModel): { cost: Float64Array; lengthM: Float64Array; problems: readonly (PathError | undefined)[] };
}

function denseLayout(ctx: PlannerContext): PairLayout {
  const n = ctx.points.length;
  return {
    index: undefined,
    size: n * n,
    pairSlots: n * n,
    row: (s) => Math.floor(s / n),
    col: (s) => s % n,
    isDiagonal: (s) => s % (n + 1) === 0,
    slot: (i, j) => i * n + j,
    layerCosts: (altM, span, cost) => pathMatrix(ctx.airspace, ctx.points, altM, span, { cost }),
  };
}

/** A large day: only the pairs that can share a trip (arcCandidates.ts); a pair not kept reads as no arc. */
function sparseLayout(ctx: PlannerContext, info: ModelInfo): PairLayout {
  const index = candidatePairs(ctx, info);
  const rowOf = index.rowOfSlots();
  return {
    index,
    size: index.size,
    pairSlots: index.missing,
    row: (s) => rowOf[s],
    col: (s) => index.col[s],
    isDiagonal: (s) => s === index.diagonal,
    slot: (i, j) => index.slot(i, j),
    layerCosts: (altM, span, cost) => pathPairs(ctx.airspace, ctx.points, index, altM, span, { cost }),
  };
}

function arcsOver(ctx: PlannerContext, info: ModelInfo, layout: PairLayout, costsOf: (layer: number) => LayerCosts, onLayer?: (done: number, total: number) => void): ModelArcs {
  const n = ctx.points.length;
  const { size, pairSlots } = layout;
  const timeS = new Float64Array(size);
  const e0 = new Float64Array(size);
  const eCap = new Float64Array(size);
  const lengthM = new Float64Array(size);
  const layerMask = new Uint32Array(size);
  const nodeLayerMask = new Uint32Array(n);
  const nodeProblem: (string | undefined)[] = new Array(n).fill(undefined);
  const capKg = info.model.maxPayloadKg;
  const empty = costModelFor(ctx, info, 0);
  const full = capKg > 0 ? costModelFor(ctx, info, capKg) : empty;
  const layers = arcLayers(ctx);
  const span = { fromS: 0, toS: ctx.horizonS };
  const heights = Array.from({ length: n }, (_, i) => nodeHeightM(ctx, i));
  const dropHover = Array.from({ length: n }, (_, i) => {
    if (i < ctx.depots.length) return 0;
    const o = ctx.orders[i - ctx.depots.length];
    return o.drop === 'land' ? 0 : o.dropS; // landed: rotors off, no energy
  });
  const arcEnergy = (c: EnergyCostModel, climbS: number, cruiseS: number, hoverS: number) =>
    (c.climbPowerW * climbS + c.cruisePowerW * cruiseS + c.hoverPowerW * hoverS) / 3600;

  if (empty.infeasibleReason === undefined) {
    layers.forEach((altM, k) => {
      const pm = costsOf(k);
      const bit = 1 << k;
      const columns = (lowM: number) => ctx.airspace.columnObstacles(lowM, altM, span);
      for (let i = 0; i < n; i++) {
        const problem = pm.problems[i];
        const inColumn = problem ? [] : obstaclesContaining(ctx.points[i], columns(Math.min(heights[i], altM)));
        if (altM < heights[i]) nodeProblem[i] ??= `cruise layer ${altM} m is below the drop height ${heights[i]} m`;
        else if (problem || inColumn.length) {
          nodeProblem[i] ??= problem ?? `the climb or descent at ${altM} m crosses ${inColumn.map((o) => `"${o.name}" (${o.id})`).join(', ')}`;
        } else nodeLayerMask[i] |= bit;
      }
      const climbRate = info.model.climbRateMps;
      const descentRate = info.model.descentRateMps;
      for (let s = 0; s < pairSlots; s++) {
        if (layout.isDiagonal(s)) continue;
        const i = layout.row(s);
        const j = layout.col(s);
        if (!(nodeLayerMask[i] & bit) || !(nodeLayerMask[j] & bit)) continue;
        const cruiseWh = pm.cost[s];
        if (!Number.isFinite(cruiseWh)) continue;
        const climbS = (altM - heights[i]) / climbRate;
        const cruiseS = empty.cruisePowerW > 0 ? (cruiseWh * 3600) / empty.cruisePowerW : 0;
        const descentS = (altM - heights[j]) / descentRate;
        const t = climbS + cruiseS + descentS;
        const a = arcEnergy(empty, climbS, cruiseS, descentS + dropHover[j]);
        const b = arcEnergy(full, climbS, cruiseS, descentS + dropHover[j]);
        // Bounded over the layers: the dearest of each, so any layer the deconfliction picks is covered.
        const first = layerMask[s] === 0;
        if (first || t > timeS[s]) timeS[s] = t;
        if (first || a > e0[s]) e0[s] = a;
        if (first || b > eCap[s]) eCap[s] = b;
        if (first || pm.lengthM[s] > lengthM[s]) lengthM[s] = pm.lengthM[s];
        layerMask[s] |= bit;
      }
      onLayer?.(k + 1, layers.length);
    });
  } else onLayer?.(layers.length, layers.length);

  // A drop at a depot's own spot is no flight (the path finder refuses a zero-length leg): no arc
  // between a depot and an order at the same place, so only another depot can serve it (screen.ts).
  const nd = ctx.depots.length;
  for (let s = 0; s < pairSlots; s++) {
    if (layout.isDiagonal(s)) continue;
    const i = layout.row(s);
    const j = layout.col(s);
    if (i >= nd && j >= nd) continue;
    const a = ctx.points[i];
    const b = ctx.points[j];
    if (Math.hypot(b.x - a.x, b.y - a.y) < MIN_LEG_M) layerMask[s] = 0;
  }
  const perKgWh = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    if (layout.isDiagonal(s)) continue; // zeros: staying put
    if (layerMask[s] === 0) {
      timeS[s] = Infinity;
      e0[s] = Infinity;
      lengthM[s] = Infinity;
    } else perKgWh[s] = capKg > 0 ? Math.max(0, (eCap[s] - e0[s]) / capKg) : 0;
  }
  return {
    modelId: info.model.id,
    n,
    slot: layout.slot,
    index: layout.index,
    timeS,
    baseWh: e0,
    perKgWh,
    lengthM,
    layerMask,
    nodeLayerMask,
    nodeProblem,
    windProblem: empty.infeasibleReason,
    hoverWhPerS: full.hoverPowerW / 3600,
  };
}
