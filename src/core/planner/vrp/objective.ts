/**
 * The solver's objective, written once. Every evaluator prices routes through these functions:
 *   route  = distanceWeight x distance + energyWeight x energy  (+ latenessWeight x lateness with soft
 *            windows) + the vehicle type's fixed cost when it flies at all
 *   total  = sum of routes + each unserved customer's penalty
 * The weights come from the problem (vrp/problem.ts: benchmarkObjective, missionObjective).
 * One exception, kept on purpose: the insertion loop of concatEvaluator.ts prices the distance and the
 * energy of a candidate separately, with the same weights, so that it can skip a position on the
 * distance term before computing the energy term.
 */
import { arcSlot } from './arcIndex';
import type { VrpModel } from './model';

/** A trip's or route's distance and energy terms. */
export function flightObjective(m: VrpModel, distance: number, energyWh: number): number {
  return m.distanceWeight * distance + m.energyWeight * energyWh;
}

/** A whole route of vehicle type t (0 when it flies no trip). */
export function routeObjective(m: VrpModel, t: number, r: { trips: number; distance: number; energyWh: number; latenessS: number }): number {
  if (r.trips === 0) return 0;
  return flightObjective(m, r.distance, r.energyWh) + (m.hardWindows ? 0 : m.latenessWeight * r.latenessS) + m.typeFixedCost[t];
}

/** The cost of an arc i -> j for vehicle type t at no payload (neighbourhoods, scales). */
export function arcObjective(m: VrpModel, t: number, i: number, j: number): number {
  const type = m.types[t];
  const k = arcSlot(type.arcIndex, m.n, i, j);
  return flightObjective(m, type.distance[k], type.energy ? type.energy.baseWh[k] : 0);
}

/**
 * Route costs plus the penalty of every customer no route serves. The search passes what its route set
 * knows (routes.ts) to skip what adds nothing: vehicles from `vehicleEnd` on (unused, cost 0) and the
 * scan for unserved customers when there are none. The sum is the same, term for term.
 */
export function totalObjective(
  m: VrpModel,
  routeCost: ArrayLike<number>,
  routeOf: ArrayLike<number>,
  vehicleEnd = m.vehicleCount,
  anyUnserved = true,
): number {
  let c = 0;
  for (let v = 0; v < vehicleEnd; v++) c += routeCost[v];
  if (anyUnserved) for (let u = m.depotCount; u < m.n; u++) if (routeOf[u] < 0) c += m.unservedPenalty[u];
  return c;
}
