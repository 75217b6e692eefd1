/**
 * The improvement method: ruin-and-recreate with simulated annealing, after "Slack Induction by String
 * Removals" (SISR, Christiaens & Vanden Berghe 2020). Each iteration removes a few strings of
 * consecutive customers from routes near a random seed customer (spatial adjacency), then re-inserts
 * every removed or still-unserved customer at its cheapest feasible position (with random "blinks"),
 * and accepts the result with a simulated-annealing criterion. Unserved customers carry their penalty,
 * which makes the same loop solve prize-collecting and fixed-fleet problems.
 *
 * Everything in the loop uses preallocated typed arrays; only route buffers grow (by doubling).
 */
import type { Rng } from '../../random';
import type { InsertionResult } from './concatEvaluator';
import type { VrpModel } from './model';
import type { RouteSet } from './routes';
import { arcObjective, totalObjective } from './objective';
import { earliestOfEachGroup, serveAlone } from './alone';
import { newTotals } from './simulate';

export interface Evaluator {
  refresh(v: number): boolean;
  bestInsertion(u: number, v: number, bound: number, blink: number, rand: () => number, res: InsertionResult): void;
}

export interface SisrParams {
  /** Average number of customers removed per iteration. */
  avgRemoved: number;
  /** Maximum string length. */
  maxStringLength: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /** Probability of skipping a position during insertion. */
  blinkRate: number;
  /** Start and final temperature, as multiples of the average nearest-neighbour arc cost. */
  startTemperature: number;
  finalTemperature: number;
  /** Insert first into routes near the customer only (falls back to all routes). */
  granular: boolean;
}

export const defaultSisrParams: SisrParams = {
  avgRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  blinkRate: 0.01,
  // Tuned on a mix of Augerat, Solomon, MTVRPTWR and MDVRPTW instances at equal iteration counts.
  startTemperature: 3,
  finalTemperature: 0.01,
  granular: true,
};

/** Above this many vehicles, insertion first looks only at routes near the customer. */
const GRANULAR_MIN_VEHICLES = 24;
const GRANULAR_NEIGHBOURS = 40;
/** Sparse arcs: the granular pass also tries every vehicle of the customer's nearest depots. */
const NEAR_DEPOTS = 2;

const SORT_RANDOM = 0;
const SORT_DEMAND = 1;
const SORT_FAR = 2;
const SORT_CLOSE = 3;
const SORT_ABSENCE = 4;

export class Sisr {
  private readonly removed: Int32Array;
  private removedCount = 0;
  private readonly isRemoved: Uint8Array;
  private readonly ruined: Uint8Array;
  private readonly touched: Uint8Array;
  private readonly touchedList: Int32Array;
  private touchedCount = 0;
  private readonly backup: Int32Array[];
  private readonly backupLen: Int32Array;
  private readonly classSeen: Int32Array;
  private readonly vehicleMark: Int32Array;
  private stamp = 0;
  private readonly keys: Float64Array;
  private readonly custPos: Int32Array;
  readonly absences: Float64Array;
  private readonly res: InsertionResult = { delta: 0, pos: 0, newTrip: false };
  private readonly depotDistance: Float64Array;
  readonly rand: () => number;
  /** Neighbours of each customer by distance (row k of customer c at (c - depotCount) * K). */
  private readonly adj: Int32Array;
  private readonly K: number;
  /** Average cost of an arc to a near neighbour: the temperature unit. */
  readonly costScale: number;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
    private readonly ev: Evaluator,
    rng: Rng,
    private readonly params: SisrParams,
  ) {
    const n = m.n;
    this.rand = rng.next;
    this.removed = new Int32Array(n);
    this.isRemoved = new Uint8Array(n);
    this.ruined = new Uint8Array(m.vehicleCount);
    this.touched = new Uint8Array(m.vehicleCount);
    this.touchedList = new Int32Array(m.vehicleCount);
    this.backup = Array.from({ length: m.vehicleCount }, () => new Int32Array(16));
    this.backupLen = new Int32Array(m.vehicleCount);
    this.classSeen = new Int32Array(Math.max(1, m.classCount));
    this.vehicleMark = new Int32Array(m.vehicleCount);
    this.keys = new Float64Array(n);
    this.custPos = new Int32Array(n + 1);
    this.absences = new Float64Array(n);
    // Adjacency and scales from the first vehicle type's cost (distance + energy weight).
    const t0 = m.types[0];
    const ix = t0.arcIndex;
    const at = (i: number, j: number) => (ix === undefined ? i * n + j : ix.slot(i, j));
    const cost = (i: number, j: number) => arcObjective(m, 0, i, j);
    const geo = (i: number, j: number) => t0.distance[at(i, j)] + t0.travelTimeS[at(i, j)] * 1e-9;
    const nc = n - m.depotCount;
    this.K = Math.max(1, Math.min(nc - 1, 80));
    this.adj = new Int32Array(Math.max(1, nc * this.K));
    this.depotDistance = new Float64Array(n);
    this.nearDepot = new Int32Array(ix ? nc * NEAR_DEPOTS : 0);
    let scaleSum = 0;
    let scaleCount = 0;
    const key = new Float64Array(n);
    for (let c = m.depotCount; c < n; c++) {
      const nb: number[] = [];
      // Sparse arcs: the neighbours are the stored candidates (pairs that can share a trip), not all.
      const row = ix?.row(c);
      const count = row ? row.length : n;
      for (let r = 0; r < count; r++) {
        const x = row ? row[r] : r;
        if (x === c || x < m.depotCount) continue;
        nb.push(x);
        key[x] = geo(c, x) + geo(x, c);
      }
      nb.sort((a, b) => key[a] - key[b] || a - b);
      const base = (c - m.depotCount) * this.K;
      for (let k = 0; k < this.K && k < nb.length; k++) this.adj[base + k] = nb[k];
      // A short candidate list repeats its last entry (or c itself): the ruin skips routes already
      // ruined and the granular pass marks vehicles, so a repeat changes nothing.
      for (let k = nb.length; k < this.K; k++) this.adj[base + k] = nb.length ? nb[nb.length - 1] : c;
      for (let k = 0; k < 5 && k < nb.length; k++) {
        scaleSum += cost(c, nb[k]);
        scaleCount++;
      }
      let dd = Infinity;
      for (let d = 0; d < m.depotCount; d++) dd = Math.min(dd, t0.distance[at(d, c)]);
      this.depotDistance[c] = dd;
      if (ix) {
        const near = [...ix.row(c)].filter((d) => d < m.depotCount).sort((a, b) => t0.distance[at(a, c)] - t0.distance[at(b, c)] || a - b);
        for (let k = 0; k < NEAR_DEPOTS; k++) this.nearDepot[(c - m.depotCount) * NEAR_DEPOTS + k] = k < near.length ? near[k] : -1;
      }
    }
    this.costScale = scaleCount > 0 && scaleSum > 0 ? scaleSum / scaleCount : 1;
    this.vehiclesByDepot = m.types.some((t) => t.arcIndex !== undefined)
      ? Array.from({ length: m.depotCount }, (_, d) => Int32Array.from({ length: m.vehicleCount }, (_, v) => v).filter((v) => m.vehicleDepot[v] === d))
      : undefined;
    // Customers no vehicle can serve even on a dedicated trip are never retried (assumes the matrices
    // obey the triangle inequality, so company on a trip cannot make a customer reachable).
    this.hopeless = new Uint8Array(n);
    const vehicles = earliestOfEachGroup(m);
    const tot = newTotals();
    for (let u = m.depotCount; u < n; u++) this.hopeless[u] = serveAlone(m, u, vehicles, tot) === 'ok' ? 0 : 1;
  }

  /** 1 for customers that cannot be served by any vehicle, even alone. */
  readonly hopeless: Uint8Array;
  /** Sparse arcs: each depot's vehicles (insertion looks only at depots with an arc to the customer). */
  private readonly vehiclesByDepot: Int32Array[] | undefined;
  /** Sparse arcs: each customer's NEAR_DEPOTS nearest depots (-1: none), by the first type's distance. */
  private readonly nearDepot: Int32Array;

  private depotServes(d: number, u: number): boolean {
    for (const t of this.m.types) if (t.arcIndex === undefined || t.arcIndex.has(d, u)) return true;
    return false;
  }

  temperature(fraction: number): number {
    const T0 = this.params.startTemperature * this.costScale;
    const Tf = this.params.finalTemperature * this.costScale;
    return T0 * Math.pow(Tf / T0, Math.min(1, Math.max(0, fraction)));
  }

  totalCost(): number {
    return totalObjective(this.m, this.rs.cost, this.rs.routeOf);
  }

  private touch(v: number): void {
    if (this.touched[v]) return;
    this.touched[v] = 1;
    this.touchedList[this.touchedCount++] = v;
    const len = this.rs.len[v];
    if (this.backup[v].length < len) this.backup[v] = new Int32Array(Math.max(len, this.backup[v].length * 2));
    this.backup[v].set(this.rs.seq[v].subarray(0, len));
    this.backupLen[v] = len;
  }

  /** Forget the backups: the current state is accepted. */
  commit(): void {
    for (let k = 0; k < this.touchedCount; k++) this.touched[this.touchedList[k]] = 0;
    this.touchedCount = 0;
  }

  /** Restore every route touched since the last commit. */
  rollback(): void {
    const rs = this.rs;
    const dc = this.m.depotCount;
    for (let k = 0; k < this.touchedCount; k++) {
      const v = this.touchedList[k];
      const s = rs.seq[v];
      for (let i = 0; i < rs.len[v]; i++) if (s[i] >= dc) rs.routeOf[s[i]] = -1;
    }
    for (let k = 0; k < this.touchedCount; k++) {
      const v = this.touchedList[k];
      rs.copyRouteFrom(v, this.backup[v], this.backupLen[v]);
      const s = rs.seq[v];
      for (let i = 0; i < rs.len[v]; i++) if (s[i] >= dc) rs.routeOf[s[i]] = v;
      this.ev.refresh(v);
      this.touched[v] = 0;
    }
    this.touchedCount = 0;
  }

  /** One ruin-and-recreate step on the current state (caller decides accept/rollback). */
  step(): void {
    this.ruin();
    this.recreate();
  }

  /** Inserts every unserved customer (the construction, from an empty or partial state). */
  insertUnserved(): void {
    this.removedCount = 0;
    this.recreate();
  }

  private ruin(): void {
    const m = this.m;
    const rs = this.rs;
    const dc = m.depotCount;
    const rand = this.rand;
    this.removedCount = 0;
    let served = 0;
    let routes = 0;
    for (let v = 0; v < m.vehicleCount; v++) {
      if (rs.len[v] > 0) {
        routes++;
        served += rs.customerCount(v);
      }
      this.ruined[v] = 0;
    }
    if (served === 0) return;
    const avgLen = served / routes;
    const lsMax = Math.min(this.params.maxStringLength, avgLen);
    const ksMax = (4 * this.params.avgRemoved) / (1 + lsMax) - 1;
    const ks = Math.floor(rand() * ksMax) + 1;
    const nc = m.n - dc;
    let seed = dc + Math.floor(rand() * nc);
    for (let tries = 0; rs.routeOf[seed] < 0 && tries < 20; tries++) seed = dc + Math.floor(rand() * nc);
    let ruinedCount = 0;
    for (let k = -1; k < this.K && ruinedCount < ks; k++) {
      const c = k < 0 ? seed : this.adj[(seed - dc) * this.K + k];
      const v = rs.routeOf[c];
      if (v < 0 || this.ruined[v]) continue;
      this.ruined[v] = 1;
      ruinedCount++;
      this.removeString(v, c, lsMax);
    }
  }

  private removeString(v: number, c: number, lsMax: number): void {
    const rs = this.rs;
    const rand = this.rand;
    const s = rs.seq[v];
    const dc = this.m.depotCount;
    // Customer positions of the route, ignoring depot visits between trips.
    let count = 0;
    let idx = 0;
    for (let i = 0; i < rs.len[v]; i++) {
      if (s[i] >= dc) {
        if (s[i] === c) idx = count;
        this.custPos[count++] = s[i];
      }
    }
    const ltMax = Math.min(count, lsMax);
    const lt = Math.floor(rand() * ltMax) + 1;
    this.touch(v);
    if (lt === count || rand() >= this.params.splitRate) {
      const lo = Math.max(0, idx - lt + 1);
      const hi = Math.min(idx, count - lt);
      const first = lo + Math.floor(rand() * (hi - lo + 1));
      for (let i = first; i < first + lt; i++) this.markRemoved(this.custPos[i]);
    } else {
      // Split string: remove lt customers of a string of lt + kept, keeping a middle block.
      let kept = 1;
      while (lt + kept < count && rand() < this.params.splitRate) kept++;
      const total = lt + kept;
      const lo = Math.max(0, idx - total + 1);
      const hi = Math.min(idx, count - total);
      const first = lo + Math.floor(rand() * (hi - lo + 1));
      const keepAt = first + Math.floor(rand() * (lt + 1));
      for (let i = first; i < first + total; i++) if (i < keepAt || i >= keepAt + kept) this.markRemoved(this.custPos[i]);
    }
    rs.compact(v, this.isRemoved);
    this.ev.refresh(v);
  }

  private markRemoved(c: number): void {
    this.isRemoved[c] = 1;
    this.removed[this.removedCount++] = c;
    this.rs.routeOf[c] = -1;
  }

  private recreate(): void {
    const m = this.m;
    const rs = this.rs;
    const rand = this.rand;
    const dc = m.depotCount;
    // Also retry customers that were already unserved.
    for (let u = dc; u < m.n; u++) if (rs.routeOf[u] < 0 && !this.isRemoved[u] && !this.hopeless[u]) this.removed[this.removedCount++] = u;
    for (let k = 0; k < this.removedCount; k++) this.isRemoved[this.removed[k]] = 0;
    const list = this.removed;
    const cnt = this.removedCount;
    // Order (SISR weights 4:4:2:1; absences when some are unserved).
    const r = rand() * 11;
    let mode = r < 4 ? SORT_RANDOM : r < 8 ? SORT_DEMAND : r < 10 ? SORT_FAR : SORT_CLOSE;
    if (rand() < 0.2) mode = SORT_ABSENCE;
    for (let k = 0; k < cnt; k++) {
      const u = list[k];
      this.keys[u] =
        mode === SORT_RANDOM
          ? rand()
          : mode === SORT_DEMAND
            ? -m.demand[u]
            : mode === SORT_FAR
              ? -this.depotDistance[u]
              : mode === SORT_CLOSE
                ? this.depotDistance[u]
                : -this.absences[u];
    }
    // Insertion sort (lists are short).
    for (let i = 1; i < cnt; i++) {
      const x = list[i];
      const kx = this.keys[x];
      let j = i - 1;
      while (j >= 0 && this.keys[list[j]] > kx) {
        list[j + 1] = list[j];
        j--;
      }
      list[j + 1] = x;
    }
    const blink = this.params.blinkRate;
    const res = this.res;
    for (let k = 0; k < cnt; k++) {
      const u = list[k];
      let bestDelta = m.unservedPenalty[u];
      let bestV = -1;
      let bestPos = -1;
      let bestNew = false;
      // Granular pass: only vehicles serving one of u's nearest neighbours, plus one empty vehicle per
      // fleet; if that finds nothing, every vehicle (so feasibility is never lost to the filter).
      // Sparse arcs (large days): only vehicles of depots with an arc to u; u's neighbours are those it
      // can share a trip with (same hours), so the vehicles of its nearest depots are tried too: a
      // drone busy elsewhere in the day may still fly u on another trip.
      const byDepot = this.vehiclesByDepot;
      const granular = this.params.granular && m.vehicleCount > GRANULAR_MIN_VEHICLES;
      for (let pass = granular ? 0 : 1; pass < 2 && bestV < 0; pass++) {
        this.stamp++;
        if (pass === 0) {
          const row = (u - dc) * this.K;
          const lim = Math.min(this.K, GRANULAR_NEIGHBOURS);
          for (let k = 0; k < lim; k++) {
            const w = rs.routeOf[this.adj[row + k]];
            if (w >= 0) this.vehicleMark[w] = this.stamp;
          }
          if (byDepot) {
            for (let k = 0; k < NEAR_DEPOTS; k++) {
              const d = this.nearDepot[(u - dc) * NEAR_DEPOTS + k];
              if (d >= 0) for (const w of byDepot[d]) this.vehicleMark[w] = this.stamp;
            }
          }
        }
        for (let g = 0; g < (byDepot ? dc : 1); g++) {
          if (byDepot && !this.depotServes(g, u)) continue;
          const list = byDepot?.[g];
          const count = list ? list.length : m.vehicleCount;
          for (let q = 0; q < count; q++) {
            const v = list ? list[q] : q;
            if (rs.len[v] !== 0 && pass === 0 && this.vehicleMark[v] !== this.stamp) continue;
            // Sparse arcs: a vehicle whose depot has no arc to u cannot serve it.
            const ixv = m.types[m.vehicleType[v]].arcIndex;
            if (ixv !== undefined && !ixv.has(m.vehicleDepot[v], u)) continue;
            if (rs.len[v] === 0) {
              const c = m.vehicleClass[v];
              if (this.classSeen[c] === this.stamp) continue; // one empty vehicle per class is enough
              this.classSeen[c] = this.stamp;
            }
            this.ev.bestInsertion(u, v, bestDelta, blink, rand, res);
            if (res.delta < bestDelta) {
              bestDelta = res.delta;
              bestV = v;
              bestPos = res.pos;
              bestNew = res.newTrip;
            }
          }
        }
      }
      if (bestV >= 0) {
        this.touch(bestV);
        if (bestNew) rs.insertTrip(bestV, bestPos, u);
        else rs.insertAfter(bestV, bestPos, u);
        this.ev.refresh(bestV);
      } else {
        this.absences[u]++;
      }
    }
    this.removedCount = 0;
  }
}
