/**
 * O(1) insertion evaluation for hard time windows by segment concatenation (Vidal et al. 2013): every
 * customer keeps the segment data (segments.ts) of its trip before it (prefix, from the take-off) and
 * after it (suffix, to the landing), and every trip the data of the route's trips before and after it.
 * An insertion is then checked by concatenating prefix + customer + suffix (+ the neighbouring trips).
 *
 * The semantics match simulate.ts exactly for hard windows (a test compares both).
 */
import { arcSlot } from './arcIndex';
import { type Evaluator, type InsertionResult, TRIP_TIE_BREAK } from './evaluator';
import type { VrpModel } from './model';
import { flightObjective } from './objective';
import type { RouteSet } from './routes';
import {
  appendSegment,
  appendVisit,
  applyRelease,
  concatTime,
  prependSegment,
  prependVisit,
  RouteTrips,
  TimeSegment,
  TripSegmentArrays,
} from './segments';
import { EPS } from './simulate';

export type { InsertionResult };

export class ConcatEvaluator implements Evaluator {
  /**
   * Per customer: its trip from the take-off up to and including it. A depot's entry holds the empty
   * segment of the vehicle being evaluated (`startAtDepot`), so a position next to the depot needs no
   * special case.
   */
  private readonly prefix: TripSegmentArrays;
  /** Per customer: its trip from it to the landing (a depot's entry: as in `prefix`). */
  private readonly suffix: TripSegmentArrays;
  /** Per customer: the index of its trip in its vehicle's route. */
  private readonly tripOf: Int32Array;
  /** Per vehicle (grown on demand). */
  private readonly routeTrips: RouteTrips[];
  /** Per vehicle: the load of its least loaded trip (a customer that fits none can only open a trip). */
  private readonly minTripLoad: Float64Array;
  /** Per depot: the first take-off its prefix and suffix entries hold (NaN: not written yet). */
  private readonly depotEarly: Float64Array;
  // Scratch segments, reused so that the hot loops never allocate (results of the concatenations).
  /** A trip being built or a candidate trip with the customer inserted. */
  private readonly work = new TimeSegment();
  /** A candidate route: the candidate trip joined to the route's other trips. */
  private readonly routeWork = new TimeSegment();
  /**
   * Per vehicle type: true when the insertion loop may price a position from u's own matrix row and the
   * route's stored legs (dense symmetric distances, no energy term): the same numbers, read from memory
   * the loop walks in order instead of one matrix column per position.
   */
  private readonly rowPricing: boolean[];
  /** Per vehicle (rowPricing types): leg[v][p] = distance from route position p to p + 1. */
  private readonly leg: Float64Array[];
  /**
   * Per vehicle type: whether anything reads its time data (VrpModel.typeTimed). Untimed types
   * (capacity-only problems such as CVRP) skip the time bookkeeping, and with it the per-customer
   * prefixes and suffixes, which only the time and energy checks read: their insertions need the trips'
   * loads and the route's legs. Their trip time entries are left at the empty segment and never read.
   */
  private readonly timed: boolean[];
  /** Positions left until the next blink, and the blink rate it was drawn for. */
  private blinkLeft = 0;
  private blinkRate = -1;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
  ) {
    this.prefix = new TripSegmentArrays(m.n);
    this.suffix = new TripSegmentArrays(m.n);
    this.tripOf = new Int32Array(m.n);
    this.minTripLoad = new Float64Array(m.vehicleCount);
    this.rowPricing = m.types.map((t) => m.energyWeight === 0 && t.arcIndex === undefined && isSymmetric(t.distance, m.n));
    this.leg = Array.from({ length: m.vehicleCount }, () => new Float64Array(16));
    this.timed = m.typeTimed;
    this.depotEarly = new Float64Array(m.depotCount).fill(Number.NaN);
    this.routeTrips = Array.from({ length: m.vehicleCount }, () => new RouteTrips(4));
  }

  tripCount(v: number): number {
    return this.rs.len[v] === 0 ? 0 : this.routeTrips[v].count;
  }

  /** Recomputes vehicle v's caches and cost (rs.cost[v]); returns false if the route is infeasible. */
  refresh(v: number): boolean {
    const rs = this.rs;
    if (rs.len[v] === 0) {
      rs.cost[v] = 0;
      return true;
    }
    this.startAtDepot(v);
    const rt = this.tripsOfSize(v);
    rs.cost[v] = this.forwardPass(v, rt);
    const t = this.m.vehicleType[v];
    if (this.rowPricing[t]) this.storeLegs(v);
    if (this.timed[t]) this.backwardPass(v);
    this.chainTrips(rt);
    return this.feasible(v, rt);
  }

  /** The depot's prefix and suffix entries become vehicle v's empty segment (its own first take-off). */
  private startAtDepot(v: number): void {
    const m = this.m;
    const d = m.vehicleDepot[v];
    // The vehicle's own first take-off (>= its depot's opening) bounds every trip's start. Most calls
    // find the entries already right (vehicles of a depot mostly share it), so check before writing.
    if (this.depotEarly[d] === m.vehicleEarly[v]) return;
    this.depotEarly[d] = m.vehicleEarly[v];
    this.prefix.setEmpty(d, m.vehicleEarly[v], m.late[d]);
    this.suffix.setEmpty(d, m.vehicleEarly[v], m.late[d]);
  }

  /** leg[v][p] = distance of route position p to p + 1 (dense matrix). */
  private storeLegs(v: number): void {
    const s = this.rs.seq[v];
    const len = this.rs.len[v];
    const n = this.m.n;
    const dist = this.m.types[this.m.vehicleType[v]].distance;
    const leg = this.legsFor(v, len);
    for (let p = 0; p + 1 < len; p++) leg[p] = dist[s[p] * n + s[p + 1]];
  }

  /** Vehicle v's leg buffer, grown (by doubling, its legs kept) to hold a route of `len` positions. */
  private legsFor(v: number, len: number): Float64Array {
    let leg = this.leg[v];
    if (leg.length < len) {
      const bigger = new Float64Array(Math.max(len, leg.length * 2));
      bigger.set(leg);
      this.leg[v] = leg = bigger;
    }
    return leg;
  }

  /** Vehicle v's trip cache, grown to hold its trips. */
  private tripsOfSize(v: number): RouteTrips {
    const s = this.rs.seq[v];
    const len = this.rs.len[v];
    let trips = 0;
    for (let i = 0; i < len - 1; i++) if (s[i] < this.m.depotCount) trips++;
    let rt = this.routeTrips[v];
    if (rt.capacity < trips + 1) this.routeTrips[v] = rt = new RouteTrips(Math.max(trips + 1, rt.capacity * 2));
    return rt;
  }

  /** Prefixes of every customer, and each trip's data (rt); returns the route's cost. */
  private forwardPass(v: number, rt: RouteTrips): number {
    const m = this.m;
    const s = this.rs.seq[v];
    const len = this.rs.len[v];
    const t = m.vehicleType[v];
    const d = m.vehicleDepot[v];
    const n = m.n;
    const type = m.types[t];
    const ix = type.arcIndex;
    const dist = type.distance;
    const tt = type.travelTimeS;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const pre = this.prefix;
    const tripOf = this.tripOf;
    const seg = this.work;
    const timed = this.timed[t];
    let j = 0;
    for (let start = 0; start < len - 1; j++) {
      pre.time.read(d, seg);
      let release = 0;
      let busy = 0;
      let energy = 0;
      let perKgSum = 0;
      let load = 0;
      let distance = 0;
      let prev = d;
      let k = start + 1;
      for (; s[k] >= m.depotCount; k++) {
        const c = s[k];
        const arc = arcSlot(ix, n, prev, c);
        if (timed) appendVisit(seg, tt[arc], m.service[c], m.early[c], m.late[c]);
        if (m.release[c] > release) release = m.release[c];
        busy += tt[arc] + m.service[c];
        const q = m.demand[c];
        if (e0) {
          energy += perKgSum * q + e0[arc] + e1![arc] * q;
          perKgSum += e1![arc];
        }
        load += q;
        distance += dist[arc];
        if (timed) pre.write(c, seg, release, busy, energy, perKgSum, load);
        tripOf[c] = j;
        prev = c;
      }
      // The way home, then the take-off waits for the parcels; waiting in the air costs hover energy.
      const back = arcSlot(ix, n, prev, d);
      if (timed) {
        appendSegment(seg, tt[back], this.suffix.time, d);
        applyRelease(seg, release);
      }
      busy += tt[back];
      if (e0) energy += e0[back];
      distance += dist[back];
      energy += m.typeHoverWhPerS[t] * (seg.duration - busy);
      rt.trip.write(j, seg);
      rt.energy[j] = energy;
      rt.load[j] = load;
      rt.recharge[j] = m.typeRechargeFixed[t] + m.typeRechargePerWh[t] * energy;
      rt.cost[j] = flightObjective(m, distance, energy);
      start = k;
    }
    rt.count = j;
    return this.routeTotals(v, rt);
  }

  /** Vehicle v's cost from its trips' (its fixed cost and every trip's), and its least trip load. */
  private routeTotals(v: number, rt: RouteTrips): number {
    let cost = this.m.typeFixedCost[this.m.vehicleType[v]];
    let minLoad = Infinity;
    for (let k = 0; k < rt.count; k++) {
      cost += rt.cost[k];
      if (rt.load[k] < minLoad) minLoad = rt.load[k];
    }
    this.minTripLoad[v] = minLoad;
    return cost;
  }

  /**
   * Vehicle v has just received customer u after route position p, inside a trip (RouteSet.insertAfter).
   * An untimed type (see `timed`) needs only that trip's load and cost, the legs and u's trip index, so
   * they are updated in place instead of walking the route again; other types are refreshed.
   */
  inserted(v: number, p: number, u: number): void {
    const m = this.m;
    const t = m.vehicleType[v];
    if (this.timed[t]) {
      this.refresh(v);
      return;
    }
    const s = this.rs.seq[v];
    const len = this.rs.len[v];
    const a = s[p];
    const b = s[p + 2];
    const j = a >= m.depotCount ? this.tripOf[a] : this.tripOf[b];
    const type = m.types[t];
    const ix = type.arcIndex;
    const n = m.n;
    const au = type.distance[arcSlot(ix, n, a, u)];
    const ub = type.distance[arcSlot(ix, n, u, b)];
    const rt = this.routeTrips[v];
    this.tripOf[u] = j;
    rt.load[j] += m.demand[u];
    // No energy term on an untimed type: a trip costs its distance.
    rt.cost[j] += flightObjective(m, au + ub - type.distance[arcSlot(ix, n, a, b)], 0);
    this.rs.cost[v] = this.routeTotals(v, rt);
    if (this.rowPricing[t]) {
      const leg = this.legsFor(v, len);
      leg.copyWithin(p + 2, p + 1, len - 2);
      leg[p] = au;
      leg[p + 1] = ub;
    }
  }

  /** Suffixes of every customer. */
  private backwardPass(v: number): void {
    const m = this.m;
    const s = this.rs.seq[v];
    const d = m.vehicleDepot[v];
    const n = m.n;
    const type = m.types[m.vehicleType[v]];
    const ix = type.arcIndex;
    const tt = type.travelTimeS;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const suf = this.suffix;
    const seg = this.work;
    const timed = this.timed[m.vehicleType[v]];
    for (let end = this.rs.len[v] - 1; end > 0; ) {
      suf.time.read(d, seg);
      let release = 0;
      let busy = 0;
      let energy = 0;
      let perKgSum = 0;
      let load = 0;
      let next = d;
      let k = end - 1;
      for (; s[k] >= m.depotCount; k--) {
        const c = s[k];
        const arc = arcSlot(ix, n, c, next);
        if (timed) prependVisit(seg, m.service[c], m.early[c], m.late[c], tt[arc]);
        if (m.release[c] > release) release = m.release[c];
        busy += tt[arc] + m.service[c];
        if (e0) {
          // The arc out of c carries what is still on board after c.
          energy = e0[arc] + e1![arc] * load + energy;
          perKgSum = e1![arc] + perKgSum;
        }
        load += m.demand[c];
        suf.write(c, seg, release, busy, energy, perKgSum, load);
        next = c;
      }
      end = k;
    }
  }

  /** Every trip within its load, energy and windows; the whole route within its windows, duration and trips. */
  private feasible(v: number, rt: RouteTrips): boolean {
    const m = this.m;
    const t = m.vehicleType[v];
    const last = rt.count - 1;
    for (let j = 0; j <= last; j++) {
      if (rt.trip.timeWarp[j] > EPS || rt.energy[j] > m.typeEnergyLimit[t] + EPS || rt.load[j] > m.typeCapacity[t] + EPS) return false;
    }
    return !(rt.upTo.timeWarp[last] > EPS || rt.upTo.duration[last] > m.typeMaxDuration[t] + EPS || rt.count > m.typeMaxTrips[t]);
  }

  /** Route-level prefixes and suffixes over the trips, joined by their recharges. */
  private chainTrips(rt: RouteTrips): void {
    const seg = this.work;
    const last = rt.count - 1;
    rt.trip.read(0, seg);
    rt.upTo.write(0, seg);
    for (let k = 1; k <= last; k++) {
      appendSegment(seg, rt.recharge[k - 1], rt.trip, k);
      rt.upTo.write(k, seg);
    }
    rt.trip.read(last, seg);
    rt.from.write(last, seg);
    for (let k = last - 1; k >= 0; k--) {
      prependSegment(seg, rt.trip, k, rt.recharge[k]);
      rt.from.write(k, seg);
    }
  }

  /**
   * Whether vehicle v's route stays feasible (time warp, maximum duration) with trip j replaced by
   * `candidate` of energy `energy` (`replace` false: the candidate is a new trip before trip j).
   */
  private routeOk(v: number, j: number, replace: boolean, energy: number, candidate: TimeSegment): boolean {
    const rt = this.routeTrips[v];
    const t = this.m.vehicleType[v];
    const seg = this.routeWork;
    seg.copy(candidate);
    const after = replace ? j + 1 : j;
    if (after < rt.count) appendSegment(seg, this.m.typeRechargeFixed[t] + this.m.typeRechargePerWh[t] * energy, rt.from, after);
    if (j > 0) prependSegment(seg, rt.upTo, j - 1, rt.recharge[j - 1]);
    return seg.timeWarp <= EPS && seg.duration <= this.m.typeMaxDuration[t] + EPS;
  }

  /**
   * Cheapest feasible insertion of customer u into vehicle v with cost increase below `bound`: inside
   * one of its trips (this loop) or as a new trip (insertAsNewTrip). Each position is skipped with
   * probability `blink` (SISR's blinks). Writes into `res`.
   * (The position loop stays in this method on purpose: V8 then compiles it as a unit of its own
   * instead of inlining it into the search loop, where the helpers below would no longer be inlined.)
   */
  bestInsertion(u: number, v: number, bound: number, blink: number, rand: () => number, res: InsertionResult): void {
    const m = this.m;
    const rs = this.rs;
    res.delta = Infinity;
    res.pos = -1;
    res.newTrip = false;
    const t = m.vehicleType[v];
    const cap = m.typeCapacity[t];
    const qU = m.demand[u];
    if (qU > cap + EPS) return;
    this.startAtDepot(v);
    const n = m.n;
    const dc = m.depotCount;
    const type = m.types[t];
    const ix = type.arcIndex;
    const dist = type.distance;
    const hasEnergy = type.energy !== undefined;
    const energyLimit = m.typeEnergyLimit[t];
    // The objective's weights (objective.ts), applied term by term so a position can be skipped on
    // its distance before its energy is computed.
    const wD = m.distanceWeight;
    const wE = m.energyWeight;
    const len = rs.len[v];
    const s = rs.seq[v];
    const rt = this.routeTrips[v];
    const trips = this.tripCount(v);
    const needRoute = trips > 0 && (trips > 1 || m.typeMaxDuration[t] < Infinity);
    const timed = this.timed[t];
    let best = bound;
    const rowPricing = this.rowPricing[t];
    const rowU = u * n;
    const leg = this.leg[v];
    // No trip has room for u: skip the positions (they would all fail the load test, drawing no blink).
    const room = trips > 0 && this.minTripLoad[v] + qU <= cap + EPS;
    for (let p = 0; room && p < len - 1; p++) {
      const a = s[p];
      const b = s[p + 1];
      if (a < dc && b < dc) continue;
      // One trip: `room` already says u fits in it.
      const j = trips === 1 ? 0 : a < dc ? this.tripOf[b] : this.tripOf[a];
      if (trips > 1 && rt.load[j] + qU > cap + EPS) continue;
      if (blink > 0) {
        // Blinks without a draw per position: a countdown to the next blinked position, geometric with
        // the blink rate (the same law as one Bernoulli draw per position), kept across calls.
        if (blink !== this.blinkRate) {
          this.blinkRate = blink;
          this.blinkLeft = nextBlink(blink, rand);
        }
        if (--this.blinkLeft <= 0) {
          this.blinkLeft = nextBlink(blink, rand);
          continue;
        }
      }
      let delta = 0;
      if (rowPricing) {
        delta = wD * (dist[rowU + a] + dist[rowU + b] - leg[p]);
        if (delta >= best) continue;
      }
      const au = arcSlot(ix, n, a, u);
      const ub = arcSlot(ix, n, u, b);
      if (!rowPricing) {
        delta = wD * (dist[au] + dist[ub] - dist[arcSlot(ix, n, a, b)]);
        if (delta >= best && wE === 0) continue;
      }
      if (timed && !this.timeFits(t, a, u, b, au, ub)) continue;
      let energy = 0;
      if (hasEnergy) {
        energy = this.insertedEnergy(t, a, u, b, au, ub);
        if (energy > energyLimit + EPS) continue;
        delta += wE * (energy - rt.energy[j]);
      }
      if (delta >= best) continue;
      if (timed && needRoute && !this.routeOk(v, j, true, energy, this.work)) continue;
      best = delta;
      res.delta = delta;
      res.pos = p;
      res.newTrip = false;
    }
    if (trips < m.typeMaxTrips[t]) this.insertAsNewTrip(u, v, best, res);
  }

  /** work = prefix(a) + u + suffix(b), take-off at the latest release; false when it breaks a window. */
  private timeFits(t: number, a: number, u: number, b: number, au: number, ub: number): boolean {
    const m = this.m;
    const tt = m.types[t].travelTimeS;
    const pre = this.prefix;
    const suf = this.suffix;
    const seg = this.work;
    const before = pre.time;
    // seg = prefix(a) + u, straight from the arrays (the hottest line of the search: no copy first).
    concatTime(seg, before.duration[a], before.timeWarp[a], before.earliest[a], before.latest[a], m.service[u], 0, m.early[u], m.late[u], tt[au]);
    if (seg.timeWarp > EPS) return false;
    appendSegment(seg, tt[ub], suf.time, b);
    let release = m.release[u];
    if (pre.release[a] > release) release = pre.release[a];
    if (suf.release[b] > release) release = suf.release[b];
    applyRelease(seg, release);
    if (seg.timeWarp > EPS) return false;
    return true;
  }

  /** Energy of the trip prefix(a) + u + suffix(b) (after timeFits: waiting in `work` is hovered). */
  private insertedEnergy(t: number, a: number, u: number, b: number, au: number, ub: number): number {
    const m = this.m;
    const type = m.types[t];
    const tt = type.travelTimeS;
    const e0 = type.energy!.baseWh;
    const e1 = type.energy!.perKgWh;
    const pre = this.prefix;
    const suf = this.suffix;
    const qU = m.demand[u];
    const qB = suf.load[b];
    // prefix + u, then (prefix + u) + suffix, carrying suffix's load over every earlier arc.
    let energy = pre.energy[a] + pre.perKgSum[a] * qU + e0[au] + e1[au] * qU;
    const perKgSum = pre.perKgSum[a] + e1[au];
    energy += perKgSum * qB + e0[ub] + e1[ub] * qB + suf.energy[b];
    const busy = pre.busy[a] + tt[au] + m.service[u] + tt[ub] + suf.busy[b];
    return energy + m.typeHoverWhPerS[t] * (this.work.duration - busy);
  }

  /** Best new trip [depot, u, depot] in v's route, if it beats `best` (after the last trip or between two). */
  private insertAsNewTrip(u: number, v: number, best: number, res: InsertionResult): void {
    const m = this.m;
    const rs = this.rs;
    const t = m.vehicleType[v];
    const d = m.vehicleDepot[v];
    const n = m.n;
    const type = m.types[t];
    const ix = type.arcIndex;
    const tt = type.travelTimeS;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const len = rs.len[v];
    const out = arcSlot(ix, n, d, u);
    const back = arcSlot(ix, n, u, d);
    // Tie-break: with equal cost, an unused vehicle keeps more timing slack than one more trip.
    // The comparisons keep the form `x <= limit` / `delta < best`: a NaN fails them, as it always has.
    let delta = m.distanceWeight * (type.distance[out] + type.distance[back]) + (len === 0 ? m.typeFixedCost[t] : TRIP_TIE_BREAK);
    if (!(delta < best) && m.energyWeight === 0) return;
    const seg = this.work;
    this.prefix.time.read(d, seg);
    appendVisit(seg, tt[out], m.service[u], m.early[u], m.late[u]);
    appendSegment(seg, tt[back], this.suffix.time, d);
    applyRelease(seg, m.release[u]);
    if (!(seg.timeWarp <= EPS)) return;
    let energy = 0;
    if (e0) {
      energy = e0[out] + e1![out] * m.demand[u] + e0[back] + m.typeHoverWhPerS[t] * (seg.duration - tt[out] - m.service[u] - tt[back]);
      if (!(energy <= m.typeEnergyLimit[t] + EPS)) return;
      delta += m.energyWeight * energy;
    }
    if (!(delta < best)) return;
    if (len === 0) {
      if (!(seg.duration <= m.typeMaxDuration[t] + EPS)) return;
      res.delta = delta;
      res.pos = 0;
      res.newTrip = true;
      return;
    }
    // Every slot between trips, in route order; p is the position of the depot visit before the new trip.
    const s = rs.seq[v];
    let j = 0;
    for (let p = 0; p < len; p++) {
      if (s[p] >= m.depotCount) continue;
      if (this.routeOk(v, j, false, energy, seg)) {
        res.delta = delta;
        res.pos = p;
        res.newTrip = true;
        return;
      }
      j++;
    }
  }
}

/** Positions up to and including the next blinked one: geometric on 1, 2, ... with success rate `blink`. */
function nextBlink(blink: number, rand: () => number): number {
  if (blink >= 1) return 1;
  return 1 + Math.floor(Math.log(1 - rand()) / Math.log1p(-blink));
}

/** Whether a dense n x n matrix is symmetric (exactly). */
function isSymmetric(a: Float64Array, n: number): boolean {
  if (a.length !== n * n) return false;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (a[i * n + j] !== a[j * n + i]) return false;
  return true;
}
