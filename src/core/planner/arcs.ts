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
  if (mode === 'sparse' || (mode === 'auto' && prefersSparseArcs(ctx))) return computeSparseModelArcs(ctx, info, onLayer);
  const n = ctx.points.length;
  const nn = n * n;
  const timeS = new Float64Array(nn);
  const e0 = new Float64Array(nn);
  const eCap = new Float64Array(nn);
  const lengthM = new Float64Array(nn);
  const layerMask = new Uint32Array(nn);
  const nodeLayerMask = new Uint32Array(n);
  const nodeProblem: (string | undefined)[] = new Array(n).fill(undefined);
  const capKg = info.model.maxPayloadKg;
  const empty = costModelFor(ctx, info, 0);
  const full = capKg > 0 ? costModelFor(ctx, info, capKg) : empty;
  const layers = ctx.layersM.slice(0, MAX_LAYERS);
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
      const pm = pathMatrix(ctx.airspace, ctx.points, altM, span, { cost: empty });
      const bit = 1 << k;
      const columns = (lowM: number) => ctx.airspace.columnObstacles(lowM, altM, span);
      for (let i = 0; i < n; i++) {
        const problem = pm.problems[i]?.message;
        const inColumn = problem ? [] : obstaclesContaining(ctx.points[i], columns(Math.min(heights[i], altM)));
        if (altM < heights[i]) nodeProblem[i] ??= `cruise layer ${altM} m is below the drop height ${heights[i]} m`;
        else if (problem || inColumn.length) {
          nodeProblem[i] ??= problem ?? `the climb or descent at ${altM} m crosses ${inColumn.map((o) => `"${o.name}" (${o.id})`).join(', ')}`;
        } else nodeLayerMask[i] |= bit;
      }
      const climbRate = info.model.climbRateMps;
      const descentRate = info.model.descentRateMps;
      for (let i = 0; i < n; i++) {
        if (!(nodeLayerMask[i] & bit)) continue;
        const climbS = (altM - heights[i]) / climbRate;
        for (let j = 0; j < n; j++) {
          if (i === j || !(nodeLayerMask[j] & bit)) continue;
          const ij = i * n + j;
          const cruiseWh = pm.cost[ij];
          if (!Number.isFinite(cruiseWh)) continue;
          const cruiseS = empty.cruisePowerW > 0 ? (cruiseWh * 3600) / empty.cruisePowerW : 0;
          const descentS = (altM - heights[j]) / descentRate;
          const t = climbS + cruiseS + descentS;
          const a = arcEnergy(empty, climbS, cruiseS, descentS + dropHover[j]);
          const b = arcEnergy(full, climbS, cruiseS, descentS + dropHover[j]);
          if (!(layerMask[ij] !== 0) || t > timeS[ij]) timeS[ij] = t;
          if (!(layerMask[ij] !== 0) || a > e0[ij]) e0[ij] = a;
          if (!(layerMask[ij] !== 0) || b > eCap[ij]) eCap[ij] = b;
          if (!(layerMask[ij] !== 0) || pm.lengthM[ij] > lengthM[ij]) lengthM[ij] = pm.lengthM[ij];
          layerMask[ij] |= bit;
        }
      }
      onLayer?.(k + 1, layers.length);
    });
  } else onLayer?.(layers.length, layers.length);

  // A drop at a depot's own spot is no flight (the path finder refuses a zero-length leg): no arc
  // between a depot and an order at the same place, so only another depot can serve it (screen.ts).
  const nd = ctx.depots.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || (i >= nd && j >= nd)) continue;
      const a = ctx.points[i];
      const b = ctx.points[j];
      if (Math.hypot(b.x - a.x, b.y - a.y) < MIN_LEG_M) layerMask[i * n + j] = 0;
    }
  }
  const perKgWh = new Float64Array(nn);
  for (let ij = 0; ij < nn; ij++) {
    if (layerMask[ij] === 0) {
      const diagonal = ij % (n + 1) === 0;
      timeS[ij] = diagonal ? 0 : Infinity;
      e0[ij] = diagonal ? 0 : Infinity;
      lengthM[ij] = diagonal ? 0 : Infinity;
      perKgWh[ij] = 0;
    } else perKgWh[ij] = capKg > 0 ? Math.max(0, (eCap[ij] - e0[ij]) / capKg) : 0;
  }
  return {
    modelId: info.model.id,
    n,
    slot: (i, j) => i * n + j,
    index: undefined,
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

/**
 * computeModelArcs for a large day: the same bounds, for the candidate pairs only (arcCandidates.ts),
 * stored by slot of an ArcIndex; the `missing` slot reads as no arc, the `diagonal` one as zero.
 */
function computeSparseModelArcs(ctx: PlannerContext, info: ModelInfo, onLayer?: (done: number, total: number) => void): ModelArcs {
  const n = ctx.points.length;
  const index = candidatePairs(ctx, info);
  const size = index.size;
  const stored = index.missing;
  const rowOf = index.rowOfSlots();
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
  const layers = ctx.layersM.slice(0, MAX_LAYERS);
  const span = { fromS: 0, toS: ctx.horizonS };
  const heights = Array.from({ length: n }, (_, i) => nodeHeightM(ctx, i));
  const dropHover = Array.from({ length: n }, (_, i) => {
    if (i < ctx.depots.length) return 0;
    const o = ctx.orders[i - ctx.depots.length];
    return o.drop === 'land' ? 0 : o.dropS;
  });
  const arcEnergy = (c: EnergyCostModel, climbS: number, cruiseS: number, hoverS: number) =>
    (c.climbPowerW * climbS + c.cruisePowerW * cruiseS + c.hoverPowerW * hoverS) / 3600;

  if (empty.infeasibleReason === undefined) {
    layers.forEach((altM, k) => {
      const pc = pathPairs(ctx.airspace, ctx.points, index, altM, span, { cost: empty });
      const bit = 1 << k;
      const columns = (lowM: number) => ctx.airspace.columnObstacles(lowM, altM, span);
      for (let i = 0; i < n; i++) {
        const problem = pc.problems[i]?.message;
        const inColumn = problem ? [] : obstaclesContaining(ctx.points[i], columns(Math.min(heights[i], altM)));
        if (altM < heights[i]) nodeProblem[i] ??= `cruise layer ${altM} m is below the drop height ${heights[i]} m`;
        else if (problem || inColumn.length) {
          nodeProblem[i] ??= problem ?? `the climb or descent at ${altM} m crosses ${inColumn.map((o) => `"${o.name}" (${o.id})`).join(', ')}`;
        } else nodeLayerMask[i] |= bit;
      }
      for (let s = 0; s < stored; s++) {
        const i = rowOf[s];
        const j = index.col[s];
        if (!(nodeLayerMask[i] & bit) || !(nodeLayerMask[j] & bit)) continue;
        const cruiseWh = pc.cost[s];
        if (!Number.isFinite(cruiseWh)) continue;
        const climbS = (altM - heights[i]) / info.model.climbRateMps;
        const cruiseS = empty.cruisePowerW > 0 ? (cruiseWh * 3600) / empty.cruisePowerW : 0;
        const descentS = (altM - heights[j]) / info.model.descentRateMps;
        const t = climbS + cruiseS + descentS;
        const a = arcEnergy(empty, climbS, cruiseS, descentS + dropHover[j]);
        const b = arcEnergy(full, climbS, cruiseS, descentS + dropHover[j]);
        const first = layerMask[s] === 0;
        if (first || t > timeS[s]) timeS[s] = t;
        if (first || a > e0[s]) e0[s] = a;
        if (first || b > eCap[s]) eCap[s] = b;
        if (first || pc.lengthM[s] > lengthM[s]) lengthM[s] = pc.lengthM[s];
        layerMask[s] |= bit;
      }
      onLayer?.(k + 1, layers.length);
    });
  } else onLayer?.(layers.length, layers.length);

  // No flight between a depot and an order at its very spot (as in the dense case).
  const nd = ctx.depots.length;
  for (let s = 0; s < stored; s++) {
    const i = rowOf[s];
    const j = index.col[s];
    if (i >= nd && j >= nd) continue;
    const a = ctx.points[i];
    const b = ctx.points[j];
    if (Math.hypot(b.x - a.x, b.y - a.y) < MIN_LEG_M) layerMask[s] = 0;
  }
  const perKgWh = new Float64Array(size);
  for (let s = 0; s < size; s++) {
    if (s === index.diagonal) continue; // zeros: staying put
    if (layerMask[s] === 0) {
      timeS[s] = Infinity;
      e0[s] = Infinity;
      lengthM[s] = Infinity;
    } else perKgWh[s] = capKg > 0 ? Math.max(0, (eCap[s] - e0[s]) / capKg) : 0;
  }
  return {
    modelId: info.model.id,
    n,
    slot: (i, j) => index.slot(i, j),
    index,
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
