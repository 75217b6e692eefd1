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

/** Stand-ins for "no arc" that keep the solver's arithmetic finite. */
const NO_ARC_TIME_S = 1e7;
const NO_ARC_WH = 1e7;
const NO_ARC_M = 1e6;

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
  const byModel = new Map<string, { distance: Float64Array; time: Float64Array; base: Float64Array; perKg: Float64Array }>();
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
