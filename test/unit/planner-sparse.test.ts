/**
 * Sparse leg costs (issue #18): the candidate pairs of a large day, stored by ArcIndex, the same bounds
 * as the dense matrices for the pairs kept, and plans that only ever chain stored pairs.
 */
import { describe, expect, it } from 'vitest';
import { computeModelArcs } from '../../src/core/planner/arcs';
import { DENSE_MAX_NODES, DEPOTS_PER_ORDER, MIN_DEPOTS_PER_ORDER, NEIGHBOURS_PER_ORDER, candidatePairs, prefersSparseArcs } from '../../src/core/planner/arcCandidates';
import { buildContext } from '../../src/core/planner/context';
import { planMission } from '../../src/core/planner';
import { ArcIndex } from '../../src/core/planner/vrp/arcIndex';
import { generateDay } from '../../src/core/scenario/generateDay';
import { solveVrp, type VrpProblem } from '../../src/core/planner/vrp';
import { euclideanMatrix } from '../../src/core/planner/vrp/problem';

describe('ArcIndex', () => {
  it('stores sorted, de-duplicated rows without the diagonal and finds every stored pair', () => {
    const ix = ArcIndex.fromRows([[2, 1, 2, 0], [0], [], [1, 3, 0]]);
    expect([...ix.row(0)]).toEqual([1, 2]);
    expect([...ix.row(3)]).toEqual([0, 1]);
    expect(ix.size).toBe(ix.missing + 2);
    expect(ix.slot(0, 2)).toBe(1);
    expect(ix.slot(2, 0)).toBe(ix.missing);
    expect(ix.slot(1, 1)).toBe(ix.diagonal);
    expect(ix.has(3, 1)).toBe(true);
    expect(ix.has(1, 3)).toBe(false);
    expect([...ix.rowOfSlots()]).toEqual([0, 0, 1, 3, 3]);
  });
});

describe('sparse leg costs', () => {
  // A small generated day: forced sparse, checked against the dense matrices of the same context.
  const mission = generateDay({ orders: 120, stores: 8, dronesPerStore: 2, hours: 4, seed: 3 });
  const ctx = buildContext(mission);
  const info = ctx.models[0];

  it('is used by default only above DENSE_MAX_NODES nodes', () => {
    expect(ctx.points.length).toBeLessThanOrEqual(DENSE_MAX_NODES);
    expect(prefersSparseArcs(ctx)).toBe(false);
    const large = buildContext(generateDay({ orders: DENSE_MAX_NODES, stores: 8, dronesPerStore: 1, hours: 4, seed: 3 }));
    expect(prefersSparseArcs(large)).toBe(true);
  });

  it('keeps pairs both ways, every depot pair, and the nearest depots and orders of each order', () => {
    const ix = candidatePairs(ctx, info);
    const nd = ctx.depots.length;
    for (let i = 0; i < ix.n; i++) for (const j of ix.row(i)) expect(ix.has(j, i)).toBe(true);
    for (let a = 0; a < nd; a++) for (let b = 0; b < nd; b++) expect(ix.has(a, b)).toBe(true);
    let withNeighbours = 0;
    for (const o of ctx.orders) {
      const row = [...ix.row(o.node)];
      expect(row.filter((j) => j < nd).length).toBeGreaterThanOrEqual(MIN_DEPOTS_PER_ORDER);
      const orders = row.filter((j) => j >= nd).length;
      if (orders > 0) withNeighbours++;
      // At least its own NEIGHBOURS_PER_ORDER (or every compatible order), plus those that chose it.
      expect(orders).toBeLessThan(ctx.orders.length);
    }
    // A few orders have no partner (heavy parcels, far-apart windows); most have several.
    expect(withNeighbours).toBeGreaterThan(0.9 * ctx.orders.length);
    expect(ix.missing / ctx.orders.length).toBeLessThan(2 * (NEIGHBOURS_PER_ORDER + DEPOTS_PER_ORDER) + 2 * ctx.depots.length);
    expect(ix.missing).toBeLessThan(ctx.points.length ** 2);
  });

  it('gives the dense bounds for every pair it stores, and no arc for the others', () => {
    const dense = computeModelArcs(ctx, info, undefined, 'dense');
    const sparse = computeModelArcs(ctx, info, undefined, 'sparse');
    expect(sparse.index).toBeDefined();
    const ix = sparse.index!;
    const n = ctx.points.length;
    let finite = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const s = sparse.slot(i, j);
        const d = i * n + j;
        if (i !== j && !ix.has(i, j)) {
          expect(sparse.timeS[s]).toBe(Infinity);
          expect(sparse.layerMask[s]).toBe(0);
          continue;
        }
        expect(sparse.layerMask[s]).toBe(dense.layerMask[d]);
        if (!Number.isFinite(dense.timeS[d])) {
          expect(sparse.timeS[s]).toBe(Infinity);
          continue;
        }
        finite++;
        // Straight lines are taken without the search when in sight: same cost up to rounding.
        expect(sparse.timeS[s]).toBeCloseTo(dense.timeS[d], 6);
        expect(sparse.baseWh[s]).toBeCloseTo(dense.baseWh[d], 6);
        expect(sparse.perKgWh[s]).toBeCloseTo(dense.perKgWh[d], 6);
        expect(sparse.lengthM[s]).toBeCloseTo(dense.lengthM[d], 4);
      }
    }
    expect(finite).toBeGreaterThan(ix.missing / 2);
  });

  it('plans the same orders as the dense plan, chaining only stored pairs', () => {
    const dense = planMission(mission, { seed: 1, iterations: 1500, legCosts: 'dense' });
    const sparse = planMission(mission, { seed: 1, iterations: 1500, legCosts: 'sparse' });
    const assigned = (p: typeof dense) => p.plan.orders.filter((o) => o.status === 'assigned').map((o) => o.orderId);
    expect(sparse.plan.kpis.assigned).toBe(dense.plan.kpis.assigned);
    expect(new Set(assigned(sparse))).toEqual(new Set(assigned(dense)));
    const ix = candidatePairs(ctx, info);
    const nodeOf = new Map<string, number>([...ctx.depots.map((d) => [d.id, d.node] as const), ...ctx.orders.map((o) => [o.id, o.node] as const)]);
    let legs = 0;
    for (const d of sparse.plan.drones) {
      for (const t of d.trips) {
        for (const leg of t.legs) {
          legs++;
          expect(ix.has(nodeOf.get(leg.from.id)!, nodeOf.get(leg.to.id)!)).toBe(true);
        }
      }
    }
    expect(legs).toBeGreaterThan(sparse.plan.kpis.assigned);
    // Energy within a few per cent of the dense plan's.
    expect(sparse.plan.kpis.energyWh).toBeLessThan(dense.plan.kpis.energyWh * 1.05);
  }, 120_000);
});

describe('solver on sparse arcs', () => {
  it('gives the dense solution when the index stores every pair, and never chains a missing pair', () => {
    const pts = Array.from({ length: 31 }, (_, i) => ({ x: i === 0 ? 0 : 100 * Math.cos(i) * (1 + (i % 5)), y: i === 0 ? 0 : 100 * Math.sin(i * 1.7) * (1 + (i % 3)) }));
    const n = pts.length;
    const dense = euclideanMatrix(pts);
    const problem = (arcIndex?: ArcIndex): VrpProblem => {
      const m = arcIndex ? toSparse(dense, n, arcIndex) : dense;
      return {
        depots: [{ x: 0, y: 0, openS: 0, closeS: 1e6 }],
        customers: pts.slice(1).map((p) => ({ x: p.x, y: p.y, demandKg: 1 })),
        vehicleTypes: [{ id: 'v', capacityKg: 4, distance: m, travelTimeS: m, ...(arcIndex ? { arcIndex } : {}) }],
        fleets: [{ depot: 0, vehicleType: 0, count: 10 }],
        timeWindows: 'hard',
        objective: { distanceWeight: 1, energyWeight: 0, latenessWeight: 0, unservedWeight: 1e9 },
      };
    };
    const all = ArcIndex.fromRows(Array.from({ length: n }, () => Array.from({ length: n }, (_, j) => j)));
    const a = solveVrp(problem(), { seed: 2, iterationLimit: 300 });
    const b = solveVrp(problem(all), { seed: 2, iterationLimit: 300 });
    if (!a.ok || !b.ok) throw new Error('invalid problem');
    expect(b.solution.objective.cost).toBeCloseTo(a.solution.objective.cost, 9);
    expect(b.solution.routes.map((r) => r.trips.map((t) => t.customers))).toEqual(a.solution.routes.map((r) => r.trips.map((t) => t.customers)));

    // Each customer keeps the depot and its 4 nearest customers.
    const rows = pts.map((_, i) =>
      i === 0
        ? pts.map((_, j) => j)
        : [0, ...pts.map((_, j) => j).filter((j) => j > 0 && j !== i).sort((x, y) => dense[i * n + x] - dense[i * n + y]).slice(0, 4)],
    );
    for (let i = 1; i < n; i++) for (const j of rows[i]) if (!rows[j].includes(i)) rows[j].push(i);
    const few = ArcIndex.fromRows(rows);
    const c = solveVrp(problem(few), { seed: 2, iterationLimit: 300 });
    if (!c.ok) throw new Error('invalid problem');
    expect(c.solution.feasible).toBe(true);
    expect(c.solution.unserved).toEqual([]);
    for (const r of c.solution.routes) {
      for (const t of r.trips) {
        const seq = [0, ...t.customers, 0];
        for (let k = 0; k + 1 < seq.length; k++) expect(few.has(seq[k], seq[k + 1])).toBe(true);
      }
    }
  });
});

function toSparse(dense: Float64Array, n: number, ix: ArcIndex): Float64Array {
  const out = new Float64Array(ix.size);
  out[ix.missing] = 1e7;
  for (let i = 0; i < n; i++) for (const j of ix.row(i)) out[ix.slot(i, j)] = dense[i * n + j];
  return out;
}
