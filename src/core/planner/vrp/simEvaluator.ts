/**
 * Insertion evaluation by simulating the candidate route. Used for soft latest windows, where lateness
 * propagates along the route and cannot be concatenated in O(1).
 *
 * A drone's day is many short trips, and an insertion changes one of them: refresh keeps each trip's
 * run-before and outcome (TripLog), so a candidate flies only the changed trip from the state before
 * it, then the trips after it until one takes off from the same floor as before (from there on every
 * trip flies exactly as before and is replayed from the log). The cost is the same number, to the bit,
 * as simulating the whole candidate route. A candidate is given up as soon as what it has flown plus
 * the flight cost of the trips still to fly (their distance and flight energy, which no timing changes;
 * hovering and lateness only add) cannot beat the best position so far.
 */
import { arcSlot } from './arcIndex';
import { type Evaluator, type InsertionResult, TRIP_TIE_BREAK } from './evaluator';
import type { VrpModel } from './model';
import type { RouteSet } from './routes';
import { TripSegmentArrays } from './segments';
import { flightObjective, routeObjective } from './objective';
import { EPS, finishRun, flyTrip, newTotals, RouteRun, replayTrip, simulateRoute, TripLog, TripStep } from './simulate';

export class SimEvaluator implements Evaluator {
  private scratch = new Int32Array(64);
  private readonly totals = newTotals();
  /** Per customer: flight energy and per-kg sums of its trip before it (prefix) and after it (suffix). */
  private readonly prefix: TripSegmentArrays;
  private readonly suffix: TripSegmentArrays;
  /** Load of the trip each customer is on. */
  private readonly tripLoadOf: Float64Array;
  private readonly tripCountOf: Int32Array;
  /** Per vehicle: its route's trips as last refreshed (every route is refreshed after each change). */
  private readonly logs: TripLog[];
  /**
   * Per vehicle: flightFrom[k] = flight cost (distance and energy without hovering) of logged trips k..,
   * a lower bound on what they add to any candidate.
   */
  private readonly flightFrom: Float64Array[];
  private readonly run = new RouteRun();
  private readonly step = new TripStep();

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
  ) {
    this.prefix = new TripSegmentArrays(m.n);
    this.suffix = new TripSegmentArrays(m.n);
    this.tripLoadOf = new Float64Array(m.n);
    this.tripCountOf = new Int32Array(m.vehicleCount);
    this.logs = Array.from({ length: m.vehicleCount }, () => new TripLog());
    this.flightFrom = Array.from({ length: m.vehicleCount }, () => new Float64Array(8));
  }

  inserted(v: number): void {
    this.refresh(v);
  }

  refresh(v: number): boolean {
    const rs = this.rs;
    const log = this.logs[v];
    const c = simulateRoute(this.m, v, rs.seq[v], rs.len[v], this.totals, undefined, log);
    let from = this.flightFrom[v];
    if (from.length <= log.count) this.flightFrom[v] = from = new Float64Array(Math.max(log.count + 1, from.length * 2));
    from[log.count] = 0;
    for (let k = log.count - 1; k >= 0; k--) {
      const step = log.steps[k];
      from[k] = from[k + 1] + flightObjective(this.m, step.distance, step.energyWh - step.hoverWh);
    }
    rs.cost[v] = this.totals.cost;
    this.tripCountOf[v] = this.totals.trips;
    // Trip loads (capacity pre-check) and prefix/suffix flight energy (energy pre-check: flight
    // energy alone over the limit is infeasible whatever the schedule; see concatEvaluator.ts).
    const m = this.m;
    const s = rs.seq[v];
    const dc = m.depotCount;
    const type = m.types[m.vehicleType[v]];
    const ix = type.arcIndex;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const n = m.n;
    const d = m.vehicleDepot[v];
    let start = 0;
    for (let i = 1; i < rs.len[v]; i++) {
      if (s[i] < dc) {
        let q = 0;
        for (let k = start + 1; k < i; k++) q += m.demand[s[k]];
        for (let k = start + 1; k < i; k++) this.tripLoadOf[s[k]] = q;
        if (e0) {
          let energy = 0;
          let perKgSum = 0;
          let prev = d;
          for (let k = start + 1; k < i; k++) {
            const c = s[k];
            const idx = arcSlot(ix, n, prev, c);
            energy += perKgSum * m.demand[c] + e0[idx] + e1![idx] * m.demand[c];
            perKgSum += e1![idx];
            this.prefix.energy[c] = energy;
            this.prefix.perKgSum[c] = perKgSum;
            prev = c;
          }
          energy = 0;
          perKgSum = 0;
          let load = 0;
          let next = d;
          for (let k = i - 1; k > start; k--) {
            const c = s[k];
            const idx = arcSlot(ix, n, c, next);
            energy = e0[idx] + e1![idx] * load + energy;
            perKgSum = e1![idx] + perKgSum;
            load += m.demand[c];
            this.suffix.energy[c] = energy;
            this.suffix.perKgSum[c] = perKgSum;
            this.suffix.load[c] = load;
            next = c;
          }
        }
        start = i;
      }
    }
    return c < Infinity;
  }

  tripCount(v: number): number {
    return this.tripCountOf[v];
  }

  bestInsertion(u: number, v: number, bound: number, blink: number, rand: () => number, res: InsertionResult): void {
    const m = this.m;
    const rs = this.rs;
    res.delta = Infinity;
    res.pos = -1;
    res.newTrip = false;
    let best = bound;
    const len = rs.len[v];
    const s = rs.seq[v];
    const t = m.vehicleType[v];
    const d = m.vehicleDepot[v];
    const cap = m.typeCapacity[t];
    const qU = m.demand[u];
    const dc = m.depotCount;
    if (qU > cap + EPS) return;
    const type = m.types[t];
    const ix = type.arcIndex;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const eLimit = m.typeEnergyLimit[t];
    const n = m.n;
    if (this.scratch.length < len + 3) this.scratch = new Int32Array((len + 3) * 2);
    const buf = this.scratch;
    const base = rs.cost[v];
    const log = this.logs[v];
    let j = 0; // the trip that position p is in
    for (let p = 0; p < len - 1; p++) {
      while (j + 1 < log.count && p >= log.starts[j + 1]) j++;
      const a = s[p];
      const b = s[p + 1];
      if (a < dc && b < dc) continue;
      const load = a < dc ? this.tripLoadOf[b] : this.tripLoadOf[a];
      if (load + qU > cap + EPS) continue;
      if (blink > 0 && rand() < blink) continue;
      if (e0) {
        const iau = arcSlot(ix, n, a, u);
        const iub = arcSlot(ix, n, u, b);
        const aDepot = a < dc;
        const bDepot = b < dc;
        const qB = bDepot ? 0 : this.suffix.load[b];
        const s1A = aDepot ? 0 : this.prefix.perKgSum[a];
        let flight = (aDepot ? 0 : this.prefix.energy[a]) + s1A * qU + e0[iau] + e1![iau] * qU;
        flight += (s1A + e1![iau]) * qB + e0[iub] + e1![iub] * qB + (bDepot ? 0 : this.suffix.energy[b]);
        if (flight > eLimit + EPS) continue;
      }
      // Trip j with u after position p, flown from the run before it.
      const from = log.starts[j];
      const to = log.ends[j];
      buf.set(s.subarray(from, p + 1), 0);
      buf[p + 1 - from] = u;
      buf.set(s.subarray(p + 1, to + 1), p + 2 - from);
      const c = this.candidateCost(v, j, buf, to - from + 1, j + 1, base + best);
      if (c - base < best) {
        best = c - base;
        res.delta = best;
        res.pos = p;
        res.newTrip = false;
      }
    }
    const trips = len === 0 ? 0 : this.tripCountOf[v];
    if (trips < m.typeMaxTrips[t]) {
      if (len === 0) {
        buf[0] = d;
        buf[1] = u;
        buf[2] = d;
        const c = simulateRoute(m, v, buf, 3, this.totals);
        if (c < best) {
          res.delta = c;
          res.pos = 0;
          res.newTrip = true;
        }
        return;
      }
      // A new trip [d, u, d] after the depot visit at p: before trip k (k = count: after the last).
      let k = 0;
      for (let p = 0; p < len; p++) {
        if (s[p] >= dc) continue;
        while (k < log.count && log.starts[k] < p) k++;
        buf[0] = d;
        buf[1] = u;
        buf[2] = d;
        const c = this.candidateCost(v, k, buf, 2, k, base + best - TRIP_TIE_BREAK);
        if (c - base + TRIP_TIE_BREAK < best) {
          best = c - base + TRIP_TIE_BREAK;
          res.delta = best;
          res.pos = p;
          res.newTrip = true;
        }
      }
    }
  }

  /**
   * Cost of vehicle v's route with `trip` (buf[0..end], depot to depot) flown from the run before
   * logged trip `at`, followed by the logged trips from `resume` on; Infinity as soon as it cannot
   * come under `limit` (so a candidate that could is always priced in full).
   */
  private candidateCost(v: number, at: number, trip: Int32Array, end: number, resume: number, limit: number): number {
    const m = this.m;
    const log = this.logs[v];
    const run = this.run;
    const step = this.step;
    run.copy(log.before[at]);
    flyTrip(m, v, trip, 0, end, run, step);
    if (this.beyond(v, resume, limit)) return Infinity;
    const s = this.rs.seq[v];
    for (let k = resume; k < log.count; k++) {
      const logged = log.steps[k];
      if (Math.max(run.ready, logged.release) === logged.floor) {
        // Same take-off floor: this trip and every later one fly exactly as logged.
        for (let r = k; r < log.count; r++) replayTrip(run, log.steps[r]);
        break;
      }
      flyTrip(m, v, s, log.starts[k], log.ends[k], run, step);
      if (this.beyond(v, k + 1, limit)) return Infinity;
    }
    return finishRun(m, v, run, this.totals);
  }

  /**
   * Whether the run so far plus the flight cost of logged trips `next`.. exceeds `limit` (with a margin
   * far above rounding, so a candidate at the limit is never given up).
   */
  private beyond(v: number, next: number, limit: number): boolean {
    const bound = routeObjective(this.m, this.m.vehicleType[v], this.run) + this.flightFrom[v][next];
    return bound > limit + 1e-9 * (1 + Math.abs(limit));
  }
}
