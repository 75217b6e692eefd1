/**
 * O(1) insertion evaluation for hard time windows by segment concatenation (Vidal et al. 2013):
 * every customer keeps the data of the partial trip before it (prefix, from the trip's take-off) and
 * after it (suffix, to the landing), and every trip the data of the route before and after it. An
 * insertion is then checked by concatenating prefix + customer + suffix (+ neighbouring trips).
 *
 * Time data (D, TW, E, L): minimal duration, time warp, earliest and latest start without extra
 * waiting / warp; plus R (latest release in the segment, binds the take-off) and busy (travel +
 * service, so air waiting = D - busy). Energy data (En, S1, Q): energy with nothing carried after the
 * segment, sum of perKg coefficients of its arcs, payload of its customers; the energy of A+B is
 * En_A + S1_A*Q_B + arc(a,b) at load Q_B + En_B, which makes payload-dependent energy concatenable.
 *
 * The semantics match simulate.ts exactly for hard windows (a test compares both).
 */
import type { VrpModel } from './model';
import { flightObjective } from './objective';
import type { RouteSet } from './routes';
import { EPS } from './simulate';

// Result registers of the concatenation helpers (module-level so the hot loop never allocates).
let rD = 0;
let rTW = 0;
let rE = 0;
let rL = 0;

function cat(aD: number, aTW: number, aE: number, aL: number, bD: number, bTW: number, bE: number, bL: number, t: number): void {
  const delta = aD - aTW + t;
  const dWT = bE - delta - aL > 0 ? bE - delta - aL : 0;
  const dTW = aE + delta - bL > 0 ? aE + delta - bL : 0;
  rD = aD + bD + t + dWT;
  rTW = aTW + bTW + dTW;
  rE = (bE - delta > aE ? bE - delta : aE) - dWT;
  rL = (bL - delta < aL ? bL - delta : aL) + dTW;
}

/** Restricts a trip's take-off to >= release R. */
function applyRelease(R: number): void {
  if (R > rE) {
    if (R > rL) {
      rTW += R - rL;
      rL = R;
    }
    rE = R;
  }
}

/** Tiny extra cost of adding a trip to a used vehicle (prefers spreading when costs tie). */
export const TRIP_TIE_BREAK = 1e-7;

export interface InsertionResult {
  delta: number;
  pos: number;
  newTrip: boolean;
}

export class ConcatEvaluator {
  // Per customer: prefix and suffix data within its trip.
  private readonly pD: Float64Array;
  private readonly pTW: Float64Array;
  private readonly pE: Float64Array;
  private readonly pL: Float64Array;
  private readonly pR: Float64Array;
  private readonly pB: Float64Array;
  private readonly pEn: Float64Array;
  private readonly pS1: Float64Array;
  private readonly pQ: Float64Array;
  private readonly sD: Float64Array;
  private readonly sTW: Float64Array;
  private readonly sE: Float64Array;
  private readonly sL: Float64Array;
  private readonly sR: Float64Array;
  private readonly sB: Float64Array;
  private readonly sEn: Float64Array;
  private readonly sS1: Float64Array;
  private readonly sQ: Float64Array;
  private readonly tripOf: Int32Array;
  // Per vehicle, per trip (grown on demand).
  private readonly trip: TripCache[];
  readonly hasEnergy: boolean;
  readonly hasRelease: boolean;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
  ) {
    const n = m.n;
    const f = () => new Float64Array(n);
    this.pD = f();
    this.pTW = f();
    this.pE = f();
    this.pL = f();
    this.pR = f();
    this.pB = f();
    this.pEn = f();
    this.pS1 = f();
    this.pQ = f();
    this.sD = f();
    this.sTW = f();
    this.sE = f();
    this.sL = f();
    this.sR = f();
    this.sB = f();
    this.sEn = f();
    this.sS1 = f();
    this.sQ = f();
    this.tripOf = new Int32Array(n);
    this.trip = Array.from({ length: m.vehicleCount }, () => new TripCache(4));
    this.hasEnergy = m.types.some((t) => t.energy !== undefined);
    let rel = false;
    for (let i = m.depotCount; i < n; i++) if (m.release[i] > 0) rel = true;
    this.hasRelease = rel;
  }

  /** Recomputes vehicle v's caches and cost (rs.cost[v]); returns false if the route is infeasible. */
  refresh(v: number): boolean {
    const m = this.m;
    const rs = this.rs;
    const s = rs.seq[v];
    const len = rs.len[v];
    if (len === 0) {
      rs.cost[v] = 0;
      return true;
    }
    const t = m.vehicleType[v];
    const d = m.vehicleDepot[v];
    const n = m.n;
    const type = m.types[t];
    const ix = type.arcIndex;
    const dist = type.distance;
    const tt = type.travelTimeS;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const hover = m.typeHoverWhPerS[t];
    // The vehicle's own first take-off (>= its depot's opening) bounds every trip's start.
    const dE = m.vehicleEarly[v];
    const dL = m.late[d];
    const { pD, pTW, pE, pL, pR, pB, pEn, pS1, pQ, sD, sTW, sE, sL, sR, sB, sEn, sS1, sQ } = this;
    let tc = this.trip[v];
    let trips = 0;
    for (let i = 0; i < len - 1; i++) if (s[i] < m.depotCount) trips++;
    if (tc.cap < trips + 1) this.trip[v] = tc = new TripCache(Math.max(trips + 1, tc.cap * 2));
    let cost = m.typeFixedCost[t];
    let feasible = true;
    let j = 0;
    let start = 0;
    while (start < len - 1) {
      let end = start + 1;
      while (s[end] >= m.depotCount) end++;
      // Forward (prefixes).
      let D = 0;
      let TW = 0;
      let E = dE;
      let L = dL;
      let R = 0;
      let B = 0;
      let En = 0;
      let S1 = 0;
      let Q = 0;
      let dsum = 0;
      let prev = d;
      for (let k = start + 1; k < end; k++) {
        const c = s[k];
        const idx = ix === undefined ? prev * n + c : ix.slot(prev, c);
        cat(D, TW, E, L, m.service[c], 0, m.early[c], m.late[c], tt[idx]);
        D = rD;
        TW = rTW;
        E = rE;
        L = rL;
        if (m.release[c] > R) R = m.release[c];
        B += tt[idx] + m.service[c];
        const q = m.demand[c];
        if (e0) {
          En += S1 * q + e0[idx] + e1![idx] * q;
          S1 += e1![idx];
        }
        Q += q;
        dsum += dist[idx];
        pD[c] = D;
        pTW[c] = TW;
        pE[c] = E;
        pL[c] = L;
        pR[c] = R;
        pB[c] = B;
        pEn[c] = En;
        pS1[c] = S1;
        pQ[c] = Q;
        this.tripOf[c] = j;
        prev = c;
      }
      const idxBack = ix === undefined ? prev * n + d : ix.slot(prev, d);
      cat(D, TW, E, L, 0, 0, dE, dL, tt[idxBack]);
      applyRelease(R);
      B += tt[idxBack];
      if (e0) En += e0[idxBack];
      dsum += dist[idxBack];
      En += hover * (rD - B);
      tc.D[j] = rD;
      tc.TW[j] = rTW;
      tc.E[j] = rE;
      tc.L[j] = rL;
      tc.En[j] = En;
      tc.Q[j] = Q;
      tc.gap[j] = m.typeRechargeFixed[t] + m.typeRechargePerWh[t] * En;
      const tripCost = flightObjective(m, dsum, En);
      tc.cost[j] = tripCost;
      cost += tripCost;
      if (rTW > EPS || En > m.typeEnergyLimit[t] + EPS || Q > m.typeCapacity[t] + EPS) feasible = false;
      // Backward (suffixes).
      D = 0;
      TW = 0;
      E = dE;
      L = dL;
      R = 0;
      B = 0;
      En = 0;
      S1 = 0;
      Q = 0;
      let next = d;
      for (let k = end - 1; k > start; k--) {
        const c = s[k];
        const idx = ix === undefined ? c * n + next : ix.slot(c, next);
        cat(m.service[c], 0, m.early[c], m.late[c], D, TW, E, L, tt[idx]);
        D = rD;
        TW = rTW;
        E = rE;
        L = rL;
        if (m.release[c] > R) R = m.release[c];
        B += tt[idx] + m.service[c];
        const q = m.demand[c];
        if (e0) {
          En = e0[idx] + e1![idx] * Q + En;
          S1 = e1![idx] + S1;
        }
        Q += q;
        sD[c] = D;
        sTW[c] = TW;
        sE[c] = E;
        sL[c] = L;
        sR[c] = R;
        sB[c] = B;
        sEn[c] = En;
        sS1[c] = S1;
        sQ[c] = Q;
        next = c;
      }
      j++;
      start = end;
    }
    tc.count = j;
    // Route-level prefix/suffix over trips (only matters with several trips or a duration limit).
    tc.preD[0] = tc.D[0];
    tc.preTW[0] = tc.TW[0];
    tc.preE[0] = tc.E[0];
    tc.preL[0] = tc.L[0];
    for (let k = 1; k < j; k++) {
      cat(tc.preD[k - 1], tc.preTW[k - 1], tc.preE[k - 1], tc.preL[k - 1], tc.D[k], tc.TW[k], tc.E[k], tc.L[k], tc.gap[k - 1]);
      tc.preD[k] = rD;
      tc.preTW[k] = rTW;
      tc.preE[k] = rE;
      tc.preL[k] = rL;
    }
    tc.sufD[j - 1] = tc.D[j - 1];
    tc.sufTW[j - 1] = tc.TW[j - 1];
    tc.sufE[j - 1] = tc.E[j - 1];
    tc.sufL[j - 1] = tc.L[j - 1];
    for (let k = j - 2; k >= 0; k--) {
      cat(tc.D[k], tc.TW[k], tc.E[k], tc.L[k], tc.sufD[k + 1], tc.sufTW[k + 1], tc.sufE[k + 1], tc.sufL[k + 1], tc.gap[k]);
      tc.sufD[k] = rD;
      tc.sufTW[k] = rTW;
      tc.sufE[k] = rE;
      tc.sufL[k] = rL;
    }
    if (tc.preTW[j - 1] > EPS || tc.preD[j - 1] > m.typeMaxDuration[t] + EPS || j > m.typeMaxTrips[t]) feasible = false;
    rs.cost[v] = cost;
    return feasible;
  }

  /**
   * Route-level check of vehicle v with trip slot `j` replaced by the trip in registers (rD..rL) of
   * energy `en`; `replace` false means the trip is inserted before trip j instead (new trip).
   */
  private routeOk(v: number, j: number, replace: boolean, en: number): boolean {
    const tc = this.trip[v];
    const t = this.m.vehicleType[v];
    let D = rD;
    let TW = rTW;
    let E = rE;
    let L = rL;
    const gapSelf = this.m.typeRechargeFixed[t] + this.m.typeRechargePerWh[t] * en;
    const after = replace ? j + 1 : j;
    if (after < tc.count) {
      cat(D, TW, E, L, tc.sufD[after], tc.sufTW[after], tc.sufE[after], tc.sufL[after], gapSelf);
      D = rD;
      TW = rTW;
      E = rE;
      L = rL;
    }
    if (j > 0) {
      cat(tc.preD[j - 1], tc.preTW[j - 1], tc.preE[j - 1], tc.preL[j - 1], D, TW, E, L, tc.gap[j - 1]);
      D = rD;
      TW = rTW;
    }
    return TW <= EPS && D <= this.m.typeMaxDuration[t] + EPS;
  }

  /**
   * Cheapest feasible insertion of customer u into vehicle v with cost increase below `bound`.
   * Each position is skipped with probability `blink` (SISR's blinks). Writes into `res`.
   */
  bestInsertion(u: number, v: number, bound: number, blink: number, rand: () => number, res: InsertionResult): void {
    const m = this.m;
    const rs = this.rs;
    res.delta = Infinity;
    res.pos = -1;
    res.newTrip = false;
    let best = bound;
    const t = m.vehicleType[v];
    const d = m.vehicleDepot[v];
    const n = m.n;
    const dc = m.depotCount;
    const type = m.types[t];
    const ix = type.arcIndex;
    const dist = type.distance;
    const tt = type.travelTimeS;
    const e0 = type.energy?.baseWh;
    const e1 = type.energy?.perKgWh;
    const hover = m.typeHoverWhPerS[t];
    const cap = m.typeCapacity[t];
    const eLimit = m.typeEnergyLimit[t];
    // The objective's weights (objective.ts), applied term by term so a position can be skipped on
    // its distance before its energy is computed.
    const wD = m.distanceWeight;
    const wE = m.energyWeight;
    const qU = m.demand[u];
    const sU = m.service[u];
    const eU = m.early[u];
    const lU = m.late[u];
    const rU = m.release[u];
    // The vehicle's own first take-off (>= its depot's opening) bounds every trip's start.
    const dE = m.vehicleEarly[v];
    const dL = m.late[d];
    const len = rs.len[v];
    const s = rs.seq[v];
    const tc = this.trip[v];
    const trips = len === 0 ? 0 : tc.count;
    const needRoute = trips > 0 && (trips > 1 || m.typeMaxDuration[t] < Infinity);
    const { pD, pTW, pE, pL, pR, pB, pEn, pS1, sD, sTW, sE, sL, sR, sB, sEn, sS1, sQ } = this;
    // Insertions inside existing trips.
    if (qU <= cap + EPS) {
      for (let p = 0; p < len - 1; p++) {
        const a = s[p];
        const b = s[p + 1];
        const aDepot = a < dc;
        const bDepot = b < dc;
        if (aDepot && bDepot) continue;
        const j = aDepot ? this.tripOf[b] : this.tripOf[a];
        if (tc.Q[j] + qU > cap + EPS) continue;
        if (blink > 0 && rand() < blink) continue;
        const iau = ix === undefined ? a * n + u : ix.slot(a, u);
        const iub = ix === undefined ? u * n + b : ix.slot(u, b);
        let delta = wD * (dist[iau] + dist[iub] - dist[ix === undefined ? a * n + b : ix.slot(a, b)]);
        if (delta >= best && wE === 0) continue;
        // Time: prefix(a) + u + suffix(b).
        if (aDepot) cat(0, 0, dE, dL, sU, 0, eU, lU, tt[iau]);
        else cat(pD[a], pTW[a], pE[a], pL[a], sU, 0, eU, lU, tt[iau]);
        if (rTW > EPS) continue;
        if (bDepot) cat(rD, rTW, rE, rL, 0, 0, dE, dL, tt[iub]);
        else cat(rD, rTW, rE, rL, sD[b], sTW[b], sE[b], sL[b], tt[iub]);
        let R = rU;
        if (!aDepot && pR[a] > R) R = pR[a];
        if (!bDepot && sR[b] > R) R = sR[b];
        applyRelease(R);
        if (rTW > EPS) continue;
        let en = 0;
        if (e0) {
          // Energy: prefix(a) + u + suffix(b), payload-dependent.
          const qB = bDepot ? 0 : sQ[b];
          const enB = bDepot ? 0 : sEn[b];
          const s1B = bDepot ? 0 : sS1[b];
          const enA = aDepot ? 0 : pEn[a];
          const s1A = aDepot ? 0 : pS1[a];
          // prefix + u
          let En = enA + s1A * qU + e0[iau] + e1![iau] * qU;
          let S1 = s1A + e1![iau];
          // (prefix+u) + suffix, carrying qB over every earlier arc
          En += S1 * qB + e0[iub] + e1![iub] * qB + enB;
          S1 += e1![iub] + s1B;
          const busy = (aDepot ? 0 : pB[a]) + tt[iau] + sU + tt[iub] + (bDepot ? 0 : sB[b]);
          en = En + hover * (rD - busy);
          if (en > eLimit + EPS) continue;
          delta += wE * (en - tc.En[j]);
          if (delta >= best) continue;
        } else if (delta >= best) continue;
        if (needRoute && !this.routeOk(v, j, true, en)) continue;
        best = delta;
        res.delta = delta;
        res.pos = p;
        res.newTrip = false;
      }
    }
    // A new trip [d, u, d] before trip j (j = trips: after the last one).
    if (trips < m.typeMaxTrips[t] && qU <= cap + EPS) {
      const idu = ix === undefined ? d * n + u : ix.slot(d, u);
      const iud = ix === undefined ? u * n + d : ix.slot(u, d);
      // Tie-break: with equal cost, an unused vehicle keeps more timing slack than one more trip.
      let delta = wD * (dist[idu] + dist[iud]) + (len === 0 ? m.typeFixedCost[t] : TRIP_TIE_BREAK);
      if (delta < best || wE !== 0) {
        cat(0, 0, dE, dL, sU, 0, eU, lU, tt[idu]);
        cat(rD, rTW, rE, rL, 0, 0, dE, dL, tt[iud]);
        applyRelease(rU);
        let en = 0;
        let ok = rTW <= EPS;
        if (ok && e0) {
          en = e0[idu] + e1![idu] * qU + e0[iud] + hover * (rD - tt[idu] - sU - tt[iud]);
          ok = en <= eLimit + EPS;
          delta += wE * en;
        }
        if (ok && delta < best) {
          const D0 = rD;
          const TW0 = rTW;
          const E0 = rE;
          const L0 = rL;
          if (trips === 0) {
            if (D0 <= m.typeMaxDuration[t] + EPS) {
              best = delta;
              res.delta = delta;
              res.pos = 0;
              res.newTrip = true;
            }
          } else {
            // Try every slot between trips; position p of the depot visit before the new trip.
            let j = 0;
            for (let p = 0; p < len; p++) {
              if (s[p] >= dc) continue;
              rD = D0;
              rTW = TW0;
              rE = E0;
              rL = L0;
              if (this.routeOk(v, j, false, en)) {
                best = delta;
                res.delta = delta;
                res.pos = p;
                res.newTrip = true;
                break;
              }
              j++;
            }
          }
        }
      }
    }
  }

  tripCount(v: number): number {
    return this.rs.len[v] === 0 ? 0 : this.trip[v].count;
  }
}

class TripCache {
  count = 0;
  readonly D: Float64Array;
  readonly TW: Float64Array;
  readonly E: Float64Array;
  readonly L: Float64Array;
  readonly En: Float64Array;
  readonly Q: Float64Array;
  readonly gap: Float64Array;
  readonly cost: Float64Array;
  readonly preD: Float64Array;
  readonly preTW: Float64Array;
  readonly preE: Float64Array;
  readonly preL: Float64Array;
  readonly sufD: Float64Array;
  readonly sufTW: Float64Array;
  readonly sufE: Float64Array;
  readonly sufL: Float64Array;
  constructor(readonly cap: number) {
    const f = () => new Float64Array(cap);
    this.D = f();
    this.TW = f();
    this.E = f();
    this.L = f();
    this.En = f();
    this.Q = f();
    this.gap = f();
    this.cost = f();
    this.preD = f();
    this.preTW = f();
    this.preE = f();
    this.preL = f();
    this.sufD = f();
    this.sufTW = f();
    this.sufE = f();
    this.sufL = f();
  }
}
