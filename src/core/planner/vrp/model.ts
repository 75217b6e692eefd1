/**
 * The solver's flat view of a VrpProblem: typed arrays per node and one entry per individual vehicle,
 * so the search loops read numbers, never objects.
 */
import type { VrpProblem, VrpVehicleType } from './problem';

export interface VrpModel {
  problem: VrpProblem;
  /** Total nodes (depots + customers). */
  n: number;
  depotCount: number;
  demand: Float64Array;
  service: Float64Array;
  early: Float64Array;
  late: Float64Array;
  release: Float64Array;
  priority: Float64Array;
  /** Objective cost of leaving each customer unserved (mandatory ones: huge). */
  unservedPenalty: Float64Array;
  /** Per vehicle (expanded from fleets): its depot, type, and the fleet group it belongs to. */
  vehicleCount: number;
  vehicleDepot: Int32Array;
  vehicleType: Int32Array;
  vehicleGroup: Int32Array;
  /** Per vehicle: first possible take-off (its depot's opening, or later when it is still busy). */
  vehicleEarly: Float64Array;
  groupCount: number;
  /**
   * Per vehicle: its class of interchangeable vehicles (same fleet group and same first take-off). Two
   * empty vehicles of one class are the same choice, so an insertion tries one of them.
   */
  vehicleClass: Int32Array;
  classCount: number;
  types: VrpVehicleType[];
  /** Per type: derived scalars. */
  typeCapacity: Float64Array;
  typeEnergyLimit: Float64Array;
  typeMaxTrips: Int32Array;
  typeRechargeFixed: Float64Array;
  typeRechargePerWh: Float64Array;
  typeMaxDuration: Float64Array;
  typeFixedCost: Float64Array;
  typeHoverWhPerS: Float64Array;
  hardWindows: boolean;
  /**
   * Per vehicle type: whether anything reads its time data. Without closing times no window can be
   * broken (time warp comes only from them); then only hover energy (waiting in the air) and a maximum
   * route duration need the times.
   */
  typeTimed: boolean[];
  /** No type is timed (CVRP): only loads constrain a route, so a route's order matters for its length alone. */
  capacityOnly: boolean;
  distanceWeight: number;
  energyWeight: number;
  latenessWeight: number;
  /** Largest arc distance-cost, used to scale temperatures and penalties. */
  maxArc: number;
}

/** Mandatory customers cost this many times the largest arc when unserved: never worth dropping. */
const MANDATORY_PENALTY_ARCS = 1e4;

export function buildModel(problem: VrpProblem): VrpModel {
  const depotCount = problem.depots.length;
  const n = depotCount + problem.customers.length;
  const demand = new Float64Array(n);
  const service = new Float64Array(n);
  const early = new Float64Array(n);
  const late = new Float64Array(n);
  const release = new Float64Array(n);
  const priority = new Float64Array(n);
  const unservedPenalty = new Float64Array(n);
  problem.depots.forEach((d, i) => {
    early[i] = d.openS ?? 0;
    late[i] = d.closeS ?? Infinity;
  });
  const types = problem.vehicleTypes;
  let maxArc = 0;
  for (const t of types) {
    const m = t.distance;
    for (let k = 0; k < m.length; k++) if (m[k] > maxArc) maxArc = m[k];
    if (t.energy && problem.objective.energyWeight > 0) {
      const b = t.energy.baseWh;
      for (let k = 0; k < b.length; k++) {
        const c = b[k] * problem.objective.energyWeight;
        if (c > maxArc) maxArc = c;
      }
    }
  }
  if (maxArc <= 0) maxArc = 1;
  problem.customers.forEach((c, k) => {
    const i = depotCount + k;
    demand[i] = c.demandKg;
    service[i] = c.serviceS ?? 0;
    early[i] = c.earliestS ?? 0;
    late[i] = c.latestS ?? Infinity;
    release[i] = c.releaseS ?? 0;
    priority[i] = c.priority ?? 1;
    unservedPenalty[i] = c.optional
      ? problem.objective.unservedWeight * priority[i]
      : Math.max(problem.objective.unservedWeight * priority[i], MANDATORY_PENALTY_ARCS * maxArc * n);
  });
  const vDepot: number[] = [];
  const vType: number[] = [];
  const vGroup: number[] = [];
  const vEarly: number[] = [];
  problem.fleets.forEach((f, g) => {
    for (let k = 0; k < f.count; k++) {
      vDepot.push(f.depot);
      vType.push(f.vehicleType);
      vGroup.push(g);
      vEarly.push(Math.max(early[f.depot], f.availableS?.[k] ?? 0));
    }
  });
  const classOf = new Map<string, number>();
  const vClass = vGroup.map((g, v) => {
    const key = `${g}:${vEarly[v]}`;
    if (!classOf.has(key)) classOf.set(key, classOf.size);
    return classOf.get(key)!;
  });
  const unbounded = late.every((x) => x === Infinity);
  const typeTimed = types.map((t) => !unbounded || t.energy !== undefined || (t.maxRouteDurationS ?? Infinity) < Infinity);
  return {
    problem,
    n,
    depotCount,
    demand,
    service,
    early,
    late,
    release,
    priority,
    unservedPenalty,
    vehicleCount: vDepot.length,
    vehicleDepot: Int32Array.from(vDepot),
    vehicleType: Int32Array.from(vType),
    vehicleGroup: Int32Array.from(vGroup),
    vehicleEarly: Float64Array.from(vEarly),
    vehicleClass: Int32Array.from(vClass),
    classCount: classOf.size,
    groupCount: problem.fleets.length,
    types,
    typeCapacity: Float64Array.from(types, (t) => t.capacityKg),
    typeEnergyLimit: Float64Array.from(types, (t) => t.tripEnergyLimitWh ?? Infinity),
    typeMaxTrips: Int32Array.from(types, (t) => Math.min(t.maxTrips ?? 1, 1 << 20)),
    typeRechargeFixed: Float64Array.from(types, (t) => t.recharge?.fixedS ?? 0),
    typeRechargePerWh: Float64Array.from(types, (t) => t.recharge?.perWhS ?? 0),
    typeMaxDuration: Float64Array.from(types, (t) => t.maxRouteDurationS ?? Infinity),
    typeFixedCost: Float64Array.from(types, (t) => t.fixedCost ?? 0),
    typeHoverWhPerS: Float64Array.from(types, (t) => t.energy?.hoverWhPerS ?? 0),
    hardWindows: problem.timeWindows === 'hard',
    typeTimed,
    capacityOnly: typeTimed.every((timed) => !timed),
    distanceWeight: problem.objective.distanceWeight,
    energyWeight: problem.objective.energyWeight,
    latenessWeight: problem.objective.latenessWeight,
    maxArc,
  };
}
