/**
 * Exact forward simulation of one vehicle's day: the reference semantics of the solver.
 *
 * A route is a node sequence with the vehicle's depot between trips: [d, c1, c2, d, c3, d].
 * Each trip takes off at max(vehicle ready, depot open, latest release of its parcels), then the
 * take-off is delayed as far as it removes waiting in the air without making anyone (more) late
 * (Savelsbergh's forward slack), so waiting happens on the ground. After landing the vehicle is
 * ready again after fixedS + perWhS * tripEnergy.
 *
 * Used for the final solution report, for the soft-window (mission) search and by the baseline.
 * No allocation unless a recorder is passed.
 */
import type { VrpModel } from './model';
import { routeObjective } from './objective';

/** Tolerance for time/energy/load comparisons (floating point sums). */
export const EPS = 1e-7;

export interface RouteTotals {
  cost: number;
  distance: number;
  energyWh: number;
  latenessS: number;
  /** Sum of violations that make the route infeasible (0 = feasible). */
  violation: number;
  trips: number;
}

export interface TripRecord {
  customers: number[];
  departS: number;
  returnS: number;
  /** When the vehicle is ready again (recharge done). */
  readyS: number;
  loadKg: number;
  energyWh: number;
  distance: number;
  airWaitS: number;
  arrivalS: number[];
  serviceStartS: number[];
  latenessS: number;
}

const tmpArrival = { v: new Float64Array(64) };
const tmpStart = { v: new Float64Array(64) };

function ensure(buf: { v: Float64Array }, size: number): Float64Array {
  if (buf.v.length < size) buf.v = new Float64Array(Math.max(size, buf.v.length * 2));
  return buf.v;
}

/**
 * Simulates `seq[0..len)` for vehicle `v`; writes totals into `out` and returns out.cost
 * (Infinity if infeasible under the model's hard constraints).
 */
export function simulateRoute(
  m: VrpModel,
  v: number,
  seq: Int32Array | readonly number[],
  len: number,
  out: RouteTotals,
  record?: TripRecord[],
): number {
  out.cost = 0;
  out.distance = 0;
  out.energyWh = 0;
  out.latenessS = 0;
  out.violation = 0;
  out.trips = 0;
  if (len <= 2) return 0;
  const t = m.vehicleType[v];
  const depot = m.vehicleDepot[v];
  const n = m.n;
  const type = m.types[t];
  const ix = type.arcIndex;
  const dist = type.distance;
  const tt = type.travelTimeS;
  const e0 = type.energy?.baseWh;
  const e1 = type.energy?.perKgWh;
  const hover = m.typeHoverWhPerS[t];
  const cap = m.typeCapacity[t];
  const eLimit = m.typeEnergyLimit[t];
  const arrival = ensure(tmpArrival, len);
  const start = ensure(tmpStart, len);
  let ready = m.vehicleEarly[v];
  let firstDepart = -1;
  let lastLand = 0;
  let violation = 0;
  let s = 0; // index of the trip's start depot in seq
  while (s < len - 1) {
    let e = s + 1;
    while (e < len && seq[e] >= m.depotCount) e++;
    if (e >= len) {
      violation += 1; // route must end at a depot
      break;
    }
    if (e === s + 1) {
      s = e;
      continue; // empty trip: ignored
    }
    out.trips++;
    let load = 0;
    let rel = 0;
    for (let k = s + 1; k < e; k++) {
      const c = seq[k];
      load += m.demand[c];
      if (m.release[c] > rel) rel = m.release[c];
    }
    if (load > cap + EPS) violation += load - cap;
    let t0 = Math.max(ready, rel);
    // Pass 1: earliest take-off; find how far it can be delayed.
    let time = t0;
    let prev = depot;
    let cumWait = 0;
    let delay = Infinity;
    for (let k = s + 1; k < e; k++) {
      const c = seq[k];
      const a = time + tt[ix === undefined ? prev * n + c : ix.slot(prev, c)];
      const st = a > m.early[c] ? a : m.early[c];
      const w = st - a;
      const slack = m.late[c] - st;
      const bound = cumWait + w + (slack > 0 ? slack : 0);
      if (bound < delay) delay = bound;
      cumWait += w;
      time = st + m.service[c];
      prev = c;
    }
    if (cumWait < delay) delay = cumWait;
    t0 += delay;
    // Pass 2: the schedule flown.
    time = t0;
    prev = depot;
    let onboard = load;
    let energy = 0;
    let distance = 0;
    let airWait = 0;
    let lateness = 0;
    for (let k = s + 1; k < e; k++) {
      const c = seq[k];
      const idx = ix === undefined ? prev * n + c : ix.slot(prev, c);
      distance += dist[idx];
      if (e0) energy += e0[idx] + e1![idx] * onboard;
      const a = time + tt[idx];
      const st = a > m.early[c] ? a : m.early[c];
      airWait += st - a;
      if (st > m.late[c]) lateness += st - m.late[c];
      arrival[k] = a;
      start[k] = st;
      time = st + m.service[c];
      onboard -= m.demand[c];
      prev = c;
    }
    const idx = ix === undefined ? prev * n + depot : ix.slot(prev, depot);
    distance += dist[idx];
    if (e0) energy += e0[idx] + e1![idx] * (onboard > 0 ? onboard : 0);
    energy += hover * airWait;
    const land = time + tt[idx];
    if (land > m.late[depot] + EPS) violation += land - m.late[depot];
    if (energy > eLimit + EPS) violation += energy - eLimit;
    if (m.hardWindows && lateness > EPS) violation += lateness;
    if (firstDepart < 0) firstDepart = t0;
    lastLand = land;
    const readyNext = land + m.typeRechargeFixed[t] + m.typeRechargePerWh[t] * energy;
    if (record) {
      const customers: number[] = [];
      const arr: number[] = [];
      const sts: number[] = [];
      for (let k = s + 1; k < e; k++) {
        customers.push(seq[k]);
        arr.push(arrival[k]);
        sts.push(start[k]);
      }
      record.push({
        customers,
        departS: t0,
        returnS: land,
        readyS: readyNext,
        loadKg: load,
        energyWh: energy,
        distance,
        airWaitS: airWait,
        arrivalS: arr,
        serviceStartS: sts,
        latenessS: lateness,
      });
    }
    ready = readyNext;
    out.distance += distance;
    out.energyWh += energy;
    out.latenessS += lateness;
    s = e;
  }
  if (out.trips > m.typeMaxTrips[t]) violation += out.trips - m.typeMaxTrips[t];
  if (out.trips > 0 && lastLand - firstDepart > m.typeMaxDuration[t] + EPS) violation += lastLand - firstDepart - m.typeMaxDuration[t];
  out.violation = violation;
  out.cost = routeObjective(m, t, out);
  if (violation > 0) return Infinity;
  return out.cost;
}

export function newTotals(): RouteTotals {
  return { cost: 0, distance: 0, energyWh: 0, latenessS: 0, violation: 0, trips: 0 };
}
