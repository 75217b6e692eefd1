/**
 * The generic routing problem the fleet planner solves (rich VRP): depots and customers, vehicle types
 * with their own matrices and energy model, fleets per depot, multi-trip with recharge, release times,
 * time windows (hard, or soft latest), optional customers with a penalty.
 *
 * Indexing convention: node i in [0, depotCount) is a depot, node i in [depotCount, n) a customer.
 * Every matrix is row-major n*n: m[i * n + j] is the value of going from node i to node j.
 * Units are whatever the caller uses consistently; the drone adapter uses s, kg, Wh, m.
 * A vehicle type with an `arcIndex` has sparse matrices instead (see arcIndex.ts).
 */
import type { ArcIndex } from './arcIndex';

export interface VrpDepot {
  x?: number;
  y?: number;
  /** Opening hours: no take-off before, no landing after. */
  openS?: number;
  closeS?: number;
}

export interface VrpCustomer {
  x?: number;
  y?: number;
  /** Payload delivered here. */
  demandKg: number;
  serviceS?: number;
  /** Window on the start of service. Before earliest the vehicle waits; after latest it is late. */
  earliestS?: number;
  latestS?: number;
  /** Parcel ready at the depot: the trip serving it cannot take off before. */
  releaseS?: number;
  /** Weight of serving this customer (mission objective level 1). Default 1. */
  priority?: number;
  /** May be left unserved (prize-collecting); mandatory customers are penalised far harder. */
  optional?: boolean;
}

/** Payload-dependent arc energy: energy(i, j, loadKg) = baseWh[i*n+j] + perKgWh[i*n+j] * loadKg. */
export interface VrpEnergyModel {
  baseWh: Float64Array;
  perKgWh: Float64Array;
  /** Energy per second of waiting in the air at a customer (hover). Default 0. */
  hoverWhPerS?: number;
}

export interface VrpVehicleType {
  id: string;
  capacityKg: number;
  /**
   * Sparse arcs (large problems): every matrix of this type is indexed by `arcIndex.slot(i, j)` instead
   * of i * n + j, and a pair the index does not store reads its `missing` slot (give it unaffordable
   * time and energy: such pairs never share a trip). The solver's neighbourhoods then use the index's
   * rows as candidate lists. Absent: dense n x n matrices.
   */
  arcIndex?: ArcIndex;
  /** Arc cost used by the objective's distance term (metres, or benchmark distance). */
  distance: Float64Array;
  /** Arc travel time (s). May be the same array as `distance`. */
  travelTimeS: Float64Array;
  energy?: VrpEnergyModel;
  /** Hard per-trip limit on energy (flight + hover waiting). Default Infinity. */
  tripEnergyLimitWh?: number;
  /** Maximum trips per vehicle per day (1 = classic VRP). Default 1. */
  maxTrips?: number;
  /** Ground time between two trips: fixedS + perWhS * energy of the trip just flown. Default 0. */
  recharge?: { fixedS: number; perWhS: number };
  /** Hard limit on a vehicle's whole day: first take-off to last landing (waiting included). */
  maxRouteDurationS?: number;
  /** Added to the objective once per vehicle used. Default 0. */
  fixedCost?: number;
}

export interface VrpFleet {
  depot: number;
  vehicleType: number;
  count: number;
  /**
   * When each of the fleet's vehicles is free to take off (a re-plan during the day: a drone still
   * flying or recharging). Absent: every vehicle from the depot's opening. Length `count` when given.
   */
  availableS?: readonly number[];
}

/**
 * Objective = weighted sum. With the mission defaults the weights are far apart, which makes it
 * behave lexicographically for realistic magnitudes (see `missionObjective`).
 */
export interface VrpObjective {
  /** Per unit of `distance`. */
  distanceWeight: number;
  /** Per Wh of trip energy (flight + hover). */
  energyWeight: number;
  /** Per second of lateness (soft windows only; with hard windows lateness is infeasible). */
  latenessWeight: number;
  /** Cost of leaving an optional customer unserved, per unit of its priority. */
  unservedWeight: number;
}

export interface VrpProblem {
  depots: VrpDepot[];
  customers: VrpCustomer[];
  vehicleTypes: VrpVehicleType[];
  fleets: VrpFleet[];
  /** 'hard': arriving after latest is infeasible (VRPTW). 'soft-latest': allowed, minimised as lateness. */
  timeWindows: 'hard' | 'soft-latest';
  objective: VrpObjective;
}

export const benchmarkObjective = (): VrpObjective => ({
  distanceWeight: 1,
  energyWeight: 0,
  latenessWeight: 0,
  unservedWeight: 1e9,
});

/**
 * Mission defaults, in lexicographic order of importance: served priority (1e9 per priority unit),
 * lateness (1e4 per s), energy (10 per Wh), vehicles used (fixedCost 1 on each vehicle type, set by the
 * adapter). They separate the levels for days of up to ~1e4 s of total lateness and ~1e5 Wh.
 */
export const missionObjective = (): VrpObjective => ({
  distanceWeight: 0,
  energyWeight: 10,
  latenessWeight: 1e4,
  unservedWeight: 1e9,
});

export interface VrpProblemError {
  path: string;
  reason: string;
}

/** Checks shapes and ranges; returns every problem found (empty = ok). */
export function validateProblem(p: VrpProblem): VrpProblemError[] {
  const errs: VrpProblemError[] = [];
  const n = p.depots.length + p.customers.length;
  if (p.depots.length === 0) errs.push({ path: 'depots', reason: 'at least one depot is required' });
  p.customers.forEach((c, i) => {
    if (!(c.demandKg >= 0)) errs.push({ path: `customers[${i}].demandKg`, reason: 'must be >= 0' });
    if ((c.earliestS ?? 0) > (c.latestS ?? Infinity))
      errs.push({ path: `customers[${i}]`, reason: 'earliestS is after latestS' });
    if ((c.serviceS ?? 0) < 0) errs.push({ path: `customers[${i}].serviceS`, reason: 'must be >= 0' });
  });
  p.vehicleTypes.forEach((t, i) => {
    const size = t.arcIndex ? t.arcIndex.size : n * n;
    const shape = t.arcIndex ? `${size} entries (arcIndex.size)` : `${n}x${n} entries`;
    if (t.arcIndex && t.arcIndex.n !== n) errs.push({ path: `vehicleTypes[${i}].arcIndex`, reason: `must cover the ${n} nodes` });
    for (const key of ['distance', 'travelTimeS'] as const)
      if (t[key].length !== size) errs.push({ path: `vehicleTypes[${i}].${key}`, reason: `needs ${shape}` });
    if (t.energy) {
      if (t.energy.baseWh.length !== size || t.energy.perKgWh.length !== size)
        errs.push({ path: `vehicleTypes[${i}].energy`, reason: `matrices need ${shape}` });
    }
    if (!(t.capacityKg >= 0)) errs.push({ path: `vehicleTypes[${i}].capacityKg`, reason: 'must be >= 0' });
    if ((t.maxTrips ?? 1) < 1) errs.push({ path: `vehicleTypes[${i}].maxTrips`, reason: 'must be >= 1' });
  });
  p.fleets.forEach((f, i) => {
    if (!(f.depot >= 0 && f.depot < p.depots.length)) errs.push({ path: `fleets[${i}].depot`, reason: 'no such depot' });
    if (!(f.vehicleType >= 0 && f.vehicleType < p.vehicleTypes.length))
      errs.push({ path: `fleets[${i}].vehicleType`, reason: 'no such vehicle type' });
    if (!(f.count >= 0 && Number.isInteger(f.count))) errs.push({ path: `fleets[${i}].count`, reason: 'must be an integer >= 0' });
    if (f.availableS !== undefined && (f.availableS.length !== f.count || f.availableS.some((a) => !(a >= 0))))
      errs.push({ path: `fleets[${i}].availableS`, reason: 'needs one time >= 0 per vehicle (count entries)' });
  });
  return errs;
}

/** Row-major Euclidean matrix over the given points, each distance passed through `round`. */
export function euclideanMatrix(points: readonly { x: number; y: number }[], round: (d: number) => number = (d) => d): Float64Array {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) m[i * n + j] = round(Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
  return m;
}

/** All nodes' coordinates in index order (depots first); missing coordinates read as 0. */
export function nodePoints(p: Pick<VrpProblem, 'depots' | 'customers'>): { x: number; y: number }[] {
  return [...p.depots, ...p.customers].map((q) => ({ x: q.x ?? 0, y: q.y ?? 0 }));
}
