/**
 * Mission -> generic VRP problem. Nodes: every depot, then the orders that passed pre-screening
 * (so the solver's customer k is order `customerOrders[k]`). Every customer is optional: what the
 * solver cannot fit is reported as fleet-saturated rather than breaking the plan.
 *
 * Windows: the mission's promise window is on the drop being done; the solver's window is on the
 * start of service, so both bounds shift by the drop duration. Earliest is hard (the solver delays the
 * take-off rather than hover, and any waiting left costs hover energy); latest is soft (lateness is the
 * objective's second level).
 */
import { missionObjective, type VrpProblem } from './vrp';
import type { PlannerContext } from './context';
import type { FleetType } from './fleetTypes';
import { MAX_TRIPS_PER_DRONE } from './constants';
import type { ModelArcs } from './arcs';
import { ArcIndex, arcValues } from './vrp/arcIndex';

/** Stand-ins for "no arc" that keep the solver's arithmetic finite. */
const NO_ARC_TIME_S = 1e7;
const NO_ARC_WH = 1e7;
const NO_ARC_M = 1e6;

interface ProblemMatrices {
  /** Sparse: the problem's pairs (the context's candidate pairs between the problem's nodes). */
  index?: ArcIndex;
  distance: Float64Array;
  time: Float64Array;
  base: Float64Array;
  perKg: Float64Array;
}

/** The context's sparse arcs restricted to the problem's nodes, renumbered, with the no-arc stand-ins. */
function sparseMatrices(arcs: ModelArcs, nodeOfProblem: Int32Array): ProblemMatrices {
  const ctxIndex = arcs.index!;
  const problemOf = new Int32Array(arcs.n).fill(-1);
  nodeOfProblem.forEach((node, p) => {
    problemOf[node] = p;
  });
  const rows = Array.from(nodeOfProblem, (node) => {
    const out: number[] = [];
    for (const j of ctxIndex.row(node)) if (problemOf[j] >= 0) out.push(problemOf[j]);
    return out;
  });
  const index = ArcIndex.fromRows(rows);
  const distance = arcValues(index, NO_ARC_M);
  const time = arcValues(index, NO_ARC_TIME_S);
  const base = arcValues(index, NO_ARC_WH);
  const perKg = arcValues(index, 0);
  const rowOf = index.rowOfSlots();
  for (let s = 0; s < index.missing; s++) {
    const from = arcs.slot(nodeOfProblem[rowOf[s]], nodeOfProblem[index.col[s]]);
    const finite = (v: number, fallback: number) => (Number.isFinite(v) ? v : fallback);
    distance[s] = finite(arcs.lengthM[from], NO_ARC_M);
    time[s] = finite(arcs.timeS[from], NO_ARC_TIME_S);
    base[s] = finite(arcs.baseWh[from], NO_ARC_WH);
    perKg[s] = finite(arcs.perKgWh[from], 0);
  }
  return { index, distance, time, base, perKg };
}

export interface DroneProblem {
  problem: VrpProblem;
  /** Customer k of the problem is ctx.orders[customerOrders[k]]. */
  customerOrders: number[];
  /** Problem node -> context node (depots keep their index). */
  nodeOfProblem: Int32Array;
}

/**
 * `availableS` (per drone, ctx.drones order): when each drone is free to take off, for a re-plan
 * during the day; absent, every drone from its depot's opening.
 */
export function buildDroneProblem(ctx: PlannerContext, types: FleetType[], served: readonly boolean[], availableS?: readonly number[]): DroneProblem {
  const customerOrders = ctx.orders.map((_, k) => k).filter((k) => served[k]);
  const D = ctx.depots.length;
  const nodeOfProblem = Int32Array.from([...ctx.depots.map((d) => d.node), ...customerOrders.map((k) => ctx.orders[k].node)]);
  const n = nodeOfProblem.length;
  // Matrices restricted to the problem's nodes, one set per model (shared by that model's types).
  const byModel = new Map<string, ProblemMatrices>();
  const sub = (src: Float64Array, N: number, fallback: number) => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      const row = nodeOfProblem[i] * N;
      for (let j = 0; j < n; j++) {
        const v = src[row + nodeOfProblem[j]];
        out[i * n + j] = Number.isFinite(v) ? v : fallback;
      }
    }
    return out;
  };
  for (const t of types) {
    if (byModel.has(t.arcs.modelId)) continue;
    if (t.arcs.index) {
      byModel.set(t.arcs.modelId, sparseMatrices(t.arcs, nodeOfProblem));
      continue;
    }
    const N = t.arcs.n;
    byModel.set(t.arcs.modelId, {
      distance: sub(t.arcs.lengthM, N, NO_ARC_M),
      time: sub(t.arcs.timeS, N, NO_ARC_TIME_S),
      base: sub(t.arcs.baseWh, N, NO_ARC_WH),
      perKg: sub(t.arcs.perKgWh, N, 0),
    });
  }
  const problem: VrpProblem = {
    depots: ctx.depots.map((d) => ({ x: d.xy.x, y: d.xy.y, openS: d.openS, closeS: d.closeS })),
    customers: customerOrders.map((k) => {
      const o = ctx.orders[k];
      return {
        x: o.xy.x,
        y: o.xy.y,
        demandKg: o.parcelKg,
        serviceS: o.dropS,
        earliestS: Math.max(0, o.earliestS - o.dropS),
        latestS: Math.max(0, o.latestS - o.dropS),
        releaseS: o.readyS,
        priority: o.priority,
        optional: true,
      };
    }),
    vehicleTypes: types.map((t) => {
      const m = byModel.get(t.arcs.modelId)!;
      return {
        id: `${t.depot.id}/${t.info.model.id}`,
        capacityKg: t.info.model.maxPayloadKg,
        ...(m.index ? { arcIndex: m.index } : {}),
        distance: m.distance,
        travelTimeS: m.time,
        energy: { baseWh: m.base, perKgWh: m.perKg, hoverWhPerS: t.arcs.hoverWhPerS },
        tripEnergyLimitWh: t.tripLimitWh,
        maxTrips: MAX_TRIPS_PER_DRONE,
        recharge: t.depot.recharge,
        // Objective level 4: drones used (see missionObjective).
        fixedCost: 1,
      };
    }),
    fleets: types.map((t, i) => {
      // Vehicles expand type by type (see fleetTypes.ts), so type i's drones follow the earlier types'.
      const first = types.slice(0, i).reduce((sum, u) => sum + u.count, 0);
      return { depot: t.depot.node, vehicleType: i, count: t.count, ...(availableS ? { availableS: availableS.slice(first, first + t.count) } : {}) };
    }),
    timeWindows: 'soft-latest',
    objective: missionObjective(),
  };
  // No depot means no drone: the problem is built (every order unassigned) but never solved.
  if (D === 0 && types.some((t) => t.count > 0)) throw new Error('buildDroneProblem: drones without a depot');
  return { problem, customerOrders, nodeOfProblem };
}
