/**
 * Insertion evaluation by re-simulating the candidate route (O(route length) per position).
 * Used for soft latest windows, where lateness propagates along the route and cannot be
 * concatenated in O(1); drone routes are short (a few parcels per trip), so this stays fast enough.
 */
import { arcSlot } from './arcIndex';
import { type Evaluator, type InsertionResult, TRIP_TIE_BREAK } from './evaluator';
import type { VrpModel } from './model';
import type { RouteSet } from './routes';
import { TripSegmentArrays } from './segments';
import { EPS, newTotals, simulateRoute } from './simulate';

export class SimEvaluator implements Evaluator {
  private scratch = new Int32Array(64);
  private readonly totals = newTotals();
  /** Per customer: flight energy and per-kg sums of its trip before it (prefix) and after it (suffix). */
  private readonly prefix: TripSegmentArrays;
  private readonly suffix: TripSegmentArrays;
  /** Load of the trip each customer is on. */
  private readonly tripLoadOf: Float64Array;
  private readonly tripCountOf: Int32Array;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
  ) {
    this.prefix = new TripSegmentArrays(m.n);
    this.suffix = new TripSegmentArrays(m.n);
    this.tripLoadOf = new Float64Array(m.n);
    this.tripCountOf = new Int32Array(m.vehicleCount);
  }

  refresh(v: number): boolean {
    const rs = this.rs;
    const c = simulateRoute(this.m, v, rs.seq[v], rs.len[v], this.totals);
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
    for (let p = 0; p < len - 1; p++) {
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
      buf.set(s.subarray(0, p + 1), 0);
      buf[p + 1] = u;
      buf.set(s.subarray(p + 1, len), p + 2);
      const c = simulateRoute(m, v, buf, len + 1, this.totals);
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
      for (let p = 0; p < len; p++) {
        if (s[p] >= dc) continue;
        buf.set(s.subarray(0, p + 1), 0);
        buf[p + 1] = u;
        buf[p + 2] = d;
        buf.set(s.subarray(p + 1, len), p + 3);
        const c = simulateRoute(m, v, buf, len + 2, this.totals);
        if (c - base + TRIP_TIE_BREAK < best) {
          best = c - base + TRIP_TIE_BREAK;
          res.delta = best;
          res.pos = p;
          res.newTrip = true;
        }
      }
    }
  }
}
