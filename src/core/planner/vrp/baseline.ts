/**
 * Reference baseline: Clarke-Wright parallel savings, then 2-opt inside each route, then routes
 * packed onto the fleet (one per vehicle; extra routes as further trips where multi-trip allows).
 * Every feasibility check uses the reference simulation, so it honours all constraints, slowly.
 * Customers are attached to their nearest depot.
 */
import { buildModel, type VrpModel } from './model';
import type { VrpProblem } from './problem';
import { evaluateRoutes, type VrpSolution } from './solve';
import { newTotals, simulateRoute } from './simulate';

export interface BaselineResult {
  /** Per vehicle: trips of customer node indices (routes that did not fit on the fleet are left out). */
  routes: number[][][];
  solution: VrpSolution;
  /** Distance of every Clarke-Wright route, including those the fleet could not take. */
  allRoutesDistance: number;
  /** Routes built in total, and how many did not fit on the fleet. */
  routeCount: number;
  unplacedRoutes: number;
}

export function clarkeWrightBaseline(problem: VrpProblem): BaselineResult {
  const m = buildModel(problem);
  const n = m.n;
  const dc = m.depotCount;
  const tot = newTotals();
  // A representative vehicle per depot (first listed) for checks.
  const repVehicle = new Int32Array(dc).fill(-1);
  for (let v = m.vehicleCount - 1; v >= 0; v--) repVehicle[m.vehicleDepot[v]] = v;
  const dist0 = m.types[0].distance;
  const depotOf = new Int32Array(n);
  for (let c = dc; c < n; c++) {
    let best = -1;
    for (let d = 0; d < dc; d++) if (repVehicle[d] >= 0 && (best < 0 || dist0[d * n + c] < dist0[best * n + c])) best = d;
    depotOf[c] = best;
  }
  const routeCost = (d: number, r: number[]) => {
    const seq = [d, ...r, d];
    return simulateRoute(m, repVehicle[d], seq, seq.length, tot);
  };
  const allRoutes: { depot: number; customers: number[] }[] = [];
  for (let d = 0; d < dc; d++) {
    if (repVehicle[d] < 0) continue;
    const custs: number[] = [];
    for (let c = dc; c < n; c++) if (depotOf[c] === d) custs.push(c);
    const dist = m.types[m.vehicleType[repVehicle[d]]].distance;
    // routeId per customer; routes as arrays.
    const routes = new Map<number, number[]>();
    const routeOf = new Map<number, number>();
    for (const c of custs) {
      if (routeCost(d, [c]) === Infinity) continue; // cannot be served alone: left out
      routes.set(c, [c]);
      routeOf.set(c, c);
    }
    const savings: [number, number, number][] = [];
    for (const i of routes.keys())
      for (const j of routes.keys())
        if (i !== j) savings.push([dist[i * n + d] + dist[d * n + j] - dist[i * n + j], i, j]);
    savings.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [s, i, j] of savings) {
      if (s <= 0) break;
      const ri = routeOf.get(i)!;
      const rj = routeOf.get(j)!;
      if (ri === rj) continue;
      const a = routes.get(ri)!;
      const b = routes.get(rj)!;
      if (a[a.length - 1] !== i || b[0] !== j) continue; // i must end its route, j start its route
      const merged = [...a, ...b];
      if (routeCost(d, merged) === Infinity) continue;
      routes.delete(rj);
      routes.set(ri, merged);
      for (const c of b) routeOf.set(c, ri);
    }
    for (const r of routes.values()) allRoutes.push({ depot: d, customers: twoOpt(m, repVehicle[d], d, r) });
  }
  // Pack routes onto vehicles.
  const vehicleTrips: number[][][] = Array.from({ length: m.vehicleCount }, () => []);
  let allRoutesDistance = 0;
  let unplacedRoutes = 0;
  for (const r of allRoutes) {
    const seq = [r.depot, ...r.customers, r.depot];
    simulateRoute(m, repVehicle[r.depot], seq, seq.length, tot);
    allRoutesDistance += tot.distance;
    let placed = false;
    for (let v = 0; v < m.vehicleCount && !placed; v++) {
      if (m.vehicleDepot[v] !== r.depot) continue;
      if (vehicleTrips[v].length === 0) {
        vehicleTrips[v].push(r.customers);
        placed = true;
      }
    }
    for (let v = 0; v < m.vehicleCount && !placed; v++) {
      if (m.vehicleDepot[v] !== r.depot || vehicleTrips[v].length >= m.typeMaxTrips[m.vehicleType[v]]) continue;
      const trips = [...vehicleTrips[v], r.customers];
      const seq = [r.depot, ...trips.flatMap((t) => [...t, r.depot])];
      if (simulateRoute(m, v, seq, seq.length, tot) < Infinity) {
        vehicleTrips[v] = trips;
        placed = true;
      }
    }
    if (!placed) unplacedRoutes++;
  }
  return {
    routes: vehicleTrips,
    solution: evaluateRoutes(problem, vehicleTrips),
    allRoutesDistance,
    routeCount: allRoutes.length,
    unplacedRoutes,
  };
}

/** First-improvement 2-opt (segment reversal) of one route, keeping it feasible. */
function twoOpt(m: VrpModel, v: number, d: number, route: number[]): number[] {
  const tot = newTotals();
  let r = route.slice();
  const cost = (x: number[]) => {
    const seq = [d, ...x, d];
    return simulateRoute(m, v, seq, seq.length, tot);
  };
  let cur = cost(r);
  let improved = true;
  while (improved) {
    improved = false;
    for (let i = 0; i < r.length - 1 && !improved; i++) {
      for (let j = i + 1; j < r.length && !improved; j++) {
        const cand = [...r.slice(0, i), ...r.slice(i, j + 1).reverse(), ...r.slice(j + 1)];
        const c = cost(cand);
        if (c < cur - 1e-9) {
          r = cand;
          cur = c;
          improved = true;
        }
      }
    }
  }
  return r;
}
