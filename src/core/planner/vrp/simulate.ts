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
 * A route's simulation between two trips: when the vehicle is ready again and the totals so far. The
 * route is flown trip by trip (flyTrip), so a caller that knows the state before a trip can fly a
 * changed trip and what follows without flying the trips before it again (simEvaluator.ts).
 */
export class RouteRun {
  ready = 0;
  /** Take-off of the first trip (-1: none flown yet). */
  firstDepart = -1;
  lastLand = 0;
  /** Sum of what breaks a hard constraint so far (0: none). */
  violation = 0;
  trips = 0;
  distance = 0;
  energyWh = 0;
  latenessS = 0;

  /** Vehicle v before its first trip. */
  begin(m: VrpModel, v: number): void {
    this.copy(NOTHING_FLOWN);
    this.ready = m.vehicleEarly[v];
  }

  copy(o: RouteRun): void {
    this.ready = o.ready;
    this.firstDepart = o.firstDepart;
    this.lastLand = o.lastLand;
    this.violation = o.violation;
    this.trips = o.trips;
    this.distance = o.distance;
    this.energyWh = o.energyWh;
    this.latenessS = o.latenessS;
  }
}

/** A run before any trip (its fields' initial values). */
const NOTHING_FLOWN = new RouteRun();

/** What one trip added to its route's run (a reusable scratch value). */
export class TripStep {
  /** Latest release among the trip's parcels. */
  release = 0;
  /**
   * The earliest take-off before the delay that moves waiting to the ground: max(ready, release). The
   * trip's schedule depends on nothing else, so a trip with the same floor flies exactly as before.
   */
  floor = 0;
  distance = 0;
  energyWh = 0;
  /** The part of energyWh spent hovering (waiting in the air): the only part that depends on timing. */
  hoverWh = 0;
  latenessS = 0;
  violation = 0;
  land = 0;
  readyNext = 0;
}

/**
 * Flies the trip seq[s] (its depot), seq[s+1..e) (customers), seq[e] (depot) of vehicle v from `run`,
 * adds it to `run` and describes it in `step`.
 */
export function flyTrip(m: VrpModel, v: number, seq: Int32Array | readonly number[], s: number, e: number, run: RouteRun, step: TripStep, record?: TripRecord[]): void {
  const t = m.vehicleType[v];
  const depot = m.vehicleDepot[v];
  const n = m.n;
  const type = m.types[t];
  const ix = type.arcIndex;
  const dist = type.distance;
  const tt = type.travelTimeS;
  const e0 = type.energy?.baseWh;
  const e1 = type.energy?.perKgWh;
  const cap = m.typeCapacity[t];
  const arrival = ensure(tmpArrival, e + 1);
  const start = ensure(tmpStart, e + 1);
  run.trips++;
  let violation = 0;
  let load = 0;
  let rel = 0;
  for (let k = s + 1; k < e; k++) {
    const c = seq[k];
    load += m.demand[c];
    if (m.release[c] > rel) rel = m.release[c];
  }
  if (load > cap + EPS) violation += load - cap;
  let t0 = Math.max(run.ready, rel);
  step.release = rel;
  step.floor = t0;
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
  const hoverWh = m.typeHoverWhPerS[t] * airWait;
  energy += hoverWh;
  const land = time + tt[idx];
  if (land > m.late[depot] + EPS) violation += land - m.late[depot];
  if (energy > m.typeEnergyLimit[t] + EPS) violation += energy - m.typeEnergyLimit[t];
  if (m.hardWindows && lateness > EPS) violation += lateness;
  if (run.firstDepart < 0) run.firstDepart = t0;
  run.lastLand = land;
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
  run.ready = readyNext;
  run.violation += violation;
  run.distance += distance;
  run.energyWh += energy;
  run.latenessS += lateness;
  step.distance = distance;
  step.energyWh = energy;
  step.hoverWh = hoverWh;
  step.latenessS = lateness;
  step.violation = violation;
  step.land = land;
  step.readyNext = readyNext;
}

/** Adds a trip that flies exactly as before (same take-off floor) from what `step` recorded of it. */
export function replayTrip(run: RouteRun, step: TripStep): void {
  run.trips++;
  run.lastLand = step.land;
  run.ready = step.readyNext;
  run.violation += step.violation;
  run.distance += step.distance;
  run.energyWh += step.energyWh;
  run.latenessS += step.latenessS;
}

/** The route's totals into `out` once every trip is flown; returns its cost (Infinity: infeasible). */
export function finishRun(m: VrpModel, v: number, run: RouteRun, out: RouteTotals): number {
  const t = m.vehicleType[v];
  let violation = run.violation;
  if (run.trips > m.typeMaxTrips[t]) violation += run.trips - m.typeMaxTrips[t];
  if (run.trips > 0 && run.lastLand - run.firstDepart > m.typeMaxDuration[t] + EPS) violation += run.lastLand - run.firstDepart - m.typeMaxDuration[t];
  out.trips = run.trips;
  out.distance = run.distance;
  out.energyWh = run.energyWh;
  out.latenessS = run.latenessS;
  out.violation = violation;
  out.cost = routeObjective(m, t, out);
  if (violation > 0) return Infinity;
  return out.cost;
}

/**
 * Per trip of one route as last simulated: the run before it, where it starts and ends in the sequence
 * (its depot visits) and what it added; `before[count]` is the run after the last trip.
 */
export class TripLog {
  count = 0;
  readonly before: RouteRun[] = [new RouteRun()];
  readonly steps: TripStep[] = [];
  starts = new Int32Array(8);
  ends = new Int32Array(8);

  /** Starts a new log of a route. */
  clear(): void {
    this.count = 0;
  }

  /** The step of the next trip, seq[s..e], with the run before it saved. */
  next(run: RouteRun, s: number, e: number): TripStep {
    const k = this.count++;
    if (this.steps.length <= k) {
      this.steps.push(new TripStep());
      this.before.push(new RouteRun());
    }
    if (this.starts.length <= k) {
      this.starts = grown(this.starts, k);
      this.ends = grown(this.ends, k);
    }
    this.before[k].copy(run);
    this.starts[k] = s;
    this.ends[k] = e;
    return this.steps[k];
  }

  /** Saves the run after the last trip. */
  end(run: RouteRun): void {
    this.before[this.count].copy(run);
  }
}

function grown(a: Int32Array<ArrayBuffer>, k: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(Math.max(k + 1, a.length * 2));
  b.set(a);
  return b;
}

const scratchRun = new RouteRun();
const scratchStep = new TripStep();

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
  /** Filled with every trip's step and the run before it (simEvaluator.ts). */
  log?: TripLog,
): number {
  const run = scratchRun;
  run.begin(m, v);
  log?.clear();
  if (len <= 2) {
    log?.end(run);
    return finishRun(m, v, run, out);
  }
  let s = 0; // index of the trip's start depot in seq
  while (s < len - 1) {
    let e = s + 1;
    while (e < len && seq[e] >= m.depotCount) e++;
    if (e >= len) {
      run.violation += 1; // route must end at a depot
      break;
    }
    if (e > s + 1) flyTrip(m, v, seq, s, e, run, log ? log.next(run, s, e) : scratchStep, record); // an empty trip is ignored
    s = e;
  }
  log?.end(run);
  return finishRun(m, v, run, out);
}

export function newTotals(): RouteTotals {
  return { cost: 0, distance: 0, energyWh: 0, latenessS: 0, violation: 0, trips: 0 };
}
