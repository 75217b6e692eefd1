/**
 * Can a customer be served on a trip of its own? The solver asks it to skip customers nothing can
 * serve (the search: hopelessCustomers) and to say why a customer was left out (solve.ts); one answer
 * for both.
 */
import type { VrpModel } from './model';
import { type RouteTotals, newTotals, simulateRoute } from './simulate';

/**
 * One vehicle per fleet group: the one free earliest (lowest index on ties). The others of the group
 * have the same depot and type and start no earlier, so they can serve alone nothing it cannot.
 */
export function earliestOfEachGroup(m: VrpModel): number[] {
  const best = new Int32Array(m.groupCount).fill(-1);
  for (let v = 0; v < m.vehicleCount; v++) {
    const g = m.vehicleGroup[v];
    if (best[g] < 0 || m.vehicleEarly[v] < m.vehicleEarly[best[g]]) best[g] = v;
  }
  return [...best].filter((v) => v >= 0);
}

export type AloneVerdict = 'ok' | 'too-heavy' | 'infeasible-alone';

/** Whether some vehicle serves u on a dedicated trip, else why not. */
export function serveAlone(m: VrpModel, u: number, vehicles: readonly number[], tot: RouteTotals = newTotals()): AloneVerdict {
  let anyCapacity = false;
  const probe = new Int32Array(3);
  for (const v of vehicles) {
    if (m.demand[u] > m.typeCapacity[m.vehicleType[v]] + 1e-9) continue;
    anyCapacity = true;
    probe[0] = probe[2] = m.vehicleDepot[v];
    probe[1] = u;
    if (simulateRoute(m, v, probe, 3, tot) < Infinity) return 'ok';
  }
  return anyCapacity ? 'infeasible-alone' : 'too-heavy';
}

/**
 * 1 for each customer no vehicle can serve even on a dedicated trip: the search never retries them
 * (this assumes the matrices obey the triangle inequality, so company on a trip cannot make a customer
 * reachable). The same probe as the reason solve.ts gives for an unserved customer.
 */
export function hopelessCustomers(m: VrpModel): Uint8Array {
  const hopeless = new Uint8Array(m.n);
  const vehicles = earliestOfEachGroup(m);
  const tot = newTotals();
  for (let u = m.depotCount; u < m.n; u++) hopeless[u] = serveAlone(m, u, vehicles, tot) === 'ok' ? 0 : 1;
  return hopeless;
}
