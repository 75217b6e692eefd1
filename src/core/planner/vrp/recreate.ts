/**
 * SISR's recreate: greedy insertion with blinks. The removed customers and every customer still
 * unserved are sorted by one of SISR's orders (random, demand, far, close: weights 4:4:2:1; sometimes
 * most often left out first), then each goes to its cheapest feasible position in any vehicle, each
 * position skipped with the blink probability; a customer no position beats its unserved penalty for
 * stays out, and its absence count rises.
 */
import type { Evaluator, InsertionResult } from './evaluator';
import type { VrpModel } from './model';
import type { MoveUndo } from './moveUndo';
import { NEAR_DEPOTS, type Neighbourhood } from './neighbourhood';
import type { RemovedCustomers } from './ruin';
import type { RouteSet } from './routes';

/** Above this many vehicles, insertion first looks only at routes near the customer. */
const GRANULAR_MIN_VEHICLES = 24;
/** Chance to sort by absences (customers most often left out first) instead of SISR's orders. */
const ABSENCE_ORDER_RATE = 0.2;

const SORT_RANDOM = 0;
const SORT_DEMAND = 1;
const SORT_FAR = 2;
const SORT_CLOSE = 3;
const SORT_ABSENCE = 4;

export interface RecreateParams {
  /** Probability of skipping a position during insertion (SISR's beta). */
  blinkRate: number;
  /** Insert first into routes near the customer only (falls back to all routes). */
  granular: boolean;
  /** The granular pass tries the vehicles serving one of the customer's this many nearest neighbours. */
  granularNeighbours: number;
}

export class BlinkInsertion {
  /** Per customer: how many times it was left unserved after a recreate (the absence order). */
  readonly absences: Float64Array;
  private readonly keys: Float64Array;
  /** Vehicles the granular pass may try (marked with the current stamp). */
  private readonly vehicleMark: Int32Array;
  /** Classes of interchangeable vehicles whose empty one was tried already (current stamp). */
  private readonly classSeen: Int32Array;
  /** The granular pass's vehicles, and their scan-order keys. */
  private readonly candidates: Int32Array;
  private readonly candidateKey: Float64Array;
  /** Per node: 1 for a customer that was already unserved when this recreate began (not just ruined). */
  private readonly leftOut: Uint8Array;
  /** Per node: 1 for an optional customer (one the plan may leave out, for a stated reason). */
  private readonly optional: Uint8Array;
  /** Per class: its lowest-index empty vehicle (-1: none), kept during a recreate. */
  private readonly firstEmpty: Int32Array;
  private stamp = 0;
  private readonly res: InsertionResult = { delta: 0, pos: 0, newTrip: false };
  /** The best insertion of the customer at hand (vehicle -1: none beats its penalty). */
  private bestDelta = 0;
  private bestVehicle = -1;
  private bestPos = -1;
  private bestNewTrip = false;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
    private readonly ev: Evaluator,
    private readonly neighbourhood: Neighbourhood,
    private readonly undo: MoveUndo,
    private readonly removed: RemovedCustomers,
    /** 1 for customers nothing can serve (alone.ts): never retried. */
    private readonly hopeless: Uint8Array,
    private readonly params: RecreateParams,
    private readonly rand: () => number,
  ) {
    this.absences = new Float64Array(m.n);
    this.keys = new Float64Array(m.n);
    this.vehicleMark = new Int32Array(m.vehicleCount);
    this.classSeen = new Int32Array(Math.max(1, m.classCount));
    this.candidates = new Int32Array(m.vehicleCount + Math.max(1, m.classCount));
    this.candidateKey = new Float64Array(m.vehicleCount + Math.max(1, m.classCount));
    this.firstEmpty = new Int32Array(Math.max(1, m.classCount));
    this.leftOut = new Uint8Array(m.n);
    this.optional = new Uint8Array(m.n);
    m.problem.customers.forEach((c, k) => {
      this.optional[m.depotCount + k] = c.optional ? 1 : 0;
    });
  }

  /** Inserts the removed customers and retries every unserved one; empties `removed`. */
  recreate(): void {
    this.findFirstEmpty();
    this.addUnserved();
    this.sortForInsertion();
    const removed = this.removed;
    for (let k = 0; k < removed.count; k++) {
      const u = removed.list[k];
      this.findBest(u);
      if (this.bestVehicle >= 0) this.insert(u);
      else this.absences[u]++;
    }
    removed.count = 0;
  }

  /** Adds the customers that were already unserved (and can be served) to the list; clears the flags. */
  private addUnserved(): void {
    const removed = this.removed;
    for (let k = 0; k < removed.count; k++) this.leftOut[removed.list[k]] = 0;
    // Every unserved customer was just removed (the usual case): nothing else to add.
    const others = this.rs.unservedCount - removed.count;
    for (let u = this.m.depotCount; others > 0 && u < this.m.n; u++) {
      if (this.rs.routeOf[u] < 0 && !removed.flag[u] && !this.hopeless[u]) {
        removed.list[removed.count++] = u;
        this.leftOut[u] = 1;
      }
    }
    for (let k = 0; k < removed.count; k++) removed.flag[removed.list[k]] = 0;
  }

  /** Sorts the list by one random order: SISR's random, demand, far, close (4:4:2:1), or absences. */
  private sortForInsertion(): void {
    const m = this.m;
    const rand = this.rand;
    const list = this.removed.list;
    const count = this.removed.count;
    const r = rand() * 11;
    let mode = r < 4 ? SORT_RANDOM : r < 8 ? SORT_DEMAND : r < 10 ? SORT_FAR : SORT_CLOSE;
    if (rand() < ABSENCE_ORDER_RATE) mode = SORT_ABSENCE;
    const depotDistance = this.neighbourhood.depotDistance;
    for (let k = 0; k < count; k++) {
      const u = list[k];
      this.keys[u] =
        mode === SORT_RANDOM
          ? rand()
          : mode === SORT_DEMAND
            ? -m.demand[u]
            : mode === SORT_FAR
              ? -depotDistance[u]
              : mode === SORT_CLOSE
                ? depotDistance[u]
                : -this.absences[u];
    }
    // Insertion sort (lists are short; stable, so ties keep the list's order).
    for (let i = 1; i < count; i++) {
      const x = list[i];
      const kx = this.keys[x];
      let j = i - 1;
      while (j >= 0 && this.keys[list[j]] > kx) {
        list[j + 1] = list[j];
        j--;
      }
      list[j + 1] = x;
    }
  }

  /**
   * The cheapest insertion of u below its unserved penalty. Granular pass first: only vehicles serving
   * one of u's nearest neighbours, plus one empty vehicle per class; if that finds nothing, every vehicle
   * (so feasibility is never lost to the filter), except for an optional customer that was left out
   * before this move: it is retried every iteration, and near routes are where a move makes room for it
   * (on a loaded day the fleet-wide scan for each left-out order was more than half the planning time).
   * Sparse arcs (large days): only vehicles of depots with an arc to u; u's neighbours are those it can
   * share a trip with (same hours), so the vehicles of its nearest depots are tried too: a drone busy
   * elsewhere in the day may still fly u on another trip.
   *
   * The granular pass lists its candidates (marked used vehicles, each class's first empty vehicle) and
   * tries them in the order of a scan over all vehicles, without the scan: with a large fleet (an
   * unlimited CVRP fleet has one vehicle per customer) that scan was most of the insertion's time.
   */
  private findBest(u: number): void {
    const m = this.m;
    this.bestDelta = m.unservedPenalty[u];
    this.bestVehicle = -1;
    if (this.params.granular && m.vehicleCount > GRANULAR_MIN_VEHICLES) {
      this.stamp++;
      const count = this.granularCandidates(u);
      const cand = this.candidates;
      for (let q = 0; q < count; q++) this.tryVehicle(u, cand[q]);
      if (this.bestVehicle >= 0 || (this.leftOut[u] && this.optional[u])) return;
    }
    this.stamp++;
    const byDepot = this.neighbourhood.vehiclesByDepot;
    for (let g = 0; g < (byDepot ? m.depotCount : 1); g++) {
      if (byDepot && !this.neighbourhood.depotServes(g, u)) continue;
      const list = byDepot?.[g];
      const count = list ? list.length : m.vehicleCount;
      for (let q = 0; q < count; q++) this.tryVehicle(u, list ? list[q] : q);
    }
  }

  /**
   * The granular pass's vehicles into `candidates`, in scan order (by depot with sparse arcs, then by
   * index): the used vehicles serving u's near neighbours (or flying from its nearest depots), and the
   * first empty vehicle of each class. Returns their number.
   */
  private granularCandidates(u: number): number {
    const m = this.m;
    const rs = this.rs;
    const nb = this.neighbourhood;
    const byDepot = nb.vehiclesByDepot;
    const mark = this.vehicleMark;
    const stamp = this.stamp;
    const cand = this.candidates;
    const key = this.candidateKey;
    let count = 0;
    const lim = Math.min(nb.size, this.params.granularNeighbours);
    const near = nb.near;
    const routeOf = rs.routeOf;
    const base = (u - m.depotCount) * nb.size;
    for (let k = 0; k < lim; k++) {
      const w = routeOf[near[base + k]];
      if (w >= 0 && mark[w] !== stamp) {
        mark[w] = stamp;
        cand[count++] = w;
      }
    }
    if (byDepot) {
      for (let k = 0; k < NEAR_DEPOTS; k++) {
        const d = nb.nearDepot[(u - m.depotCount) * NEAR_DEPOTS + k];
        if (d < 0) continue;
        const list = byDepot[d];
        for (let q = 0; q < list.length; q++) {
          const w = list[q];
          if (rs.len[w] !== 0 && mark[w] !== stamp) {
            mark[w] = stamp;
            cand[count++] = w;
          }
        }
      }
    }
    const firstEmpty = this.firstEmpty;
    for (let c = 0; c < m.classCount; c++) if (firstEmpty[c] >= 0) cand[count++] = firstEmpty[c];
    // Scan order: depot (with sparse arcs), then index; vehicles are listed per depot in index order.
    if (!byDepot) {
      // Dense arcs: the order is the vehicle index itself.
      for (let i = 1; i < count; i++) {
        const x = cand[i];
        let j = i - 1;
        while (j >= 0 && cand[j] > x) {
          cand[j + 1] = cand[j];
          j--;
        }
        cand[j + 1] = x;
      }
      return count;
    }
    const V = m.vehicleCount;
    for (let q = 0; q < count; q++) key[q] = m.vehicleDepot[cand[q]] * V + cand[q];
    for (let i = 1; i < count; i++) {
      const x = cand[i];
      const kx = key[i];
      let j = i - 1;
      while (j >= 0 && key[j] > kx) {
        cand[j + 1] = cand[j];
        key[j + 1] = key[j];
        j--;
      }
      cand[j + 1] = x;
      key[j + 1] = kx;
    }
    return count;
  }

  /**
   * Each class's lowest-index empty vehicle (-1: none), from a scan that stops once every class has one
   * (insertion fills the lowest empty vehicle first, so used vehicles sit at the front); insert() keeps
   * it up to date.
   */
  private findFirstEmpty(): void {
    const m = this.m;
    const firstEmpty = this.firstEmpty;
    firstEmpty.fill(-1);
    let missing = m.classCount;
    for (let v = 0; v < m.vehicleCount && missing > 0; v++) {
      const c = m.vehicleClass[v];
      if (this.rs.len[v] === 0 && firstEmpty[c] < 0) {
        firstEmpty[c] = v;
        missing--;
      }
    }
  }

  /** Empty vehicle v is about to get a route: its class's first empty vehicle becomes the next one. */
  private emptyTaken(v: number): void {
    const m = this.m;
    const c = m.vehicleClass[v];
    if (this.firstEmpty[c] !== v) return;
    let w = v + 1;
    while (w < m.vehicleCount && (m.vehicleClass[w] !== c || this.rs.len[w] !== 0)) w++;
    this.firstEmpty[c] = w < m.vehicleCount ? w : -1;
  }

  /** u's best insertion into vehicle v, kept when it beats the best so far. */
  private tryVehicle(u: number, v: number): void {
    const m = this.m;
    const rs = this.rs;
    // Sparse arcs: a vehicle whose depot has no arc to u cannot serve it.
    const ix = m.types[m.vehicleType[v]].arcIndex;
    if (ix !== undefined && !ix.has(m.vehicleDepot[v], u)) return;
    if (rs.len[v] === 0) {
      const c = m.vehicleClass[v];
      if (this.classSeen[c] === this.stamp) return; // one empty vehicle per class is enough
      this.classSeen[c] = this.stamp;
    }
    const res = this.res;
    this.ev.bestInsertion(u, v, this.bestDelta, this.params.blinkRate, this.rand, res);
    if (res.delta < this.bestDelta) {
      this.bestDelta = res.delta;
      this.bestVehicle = v;
      this.bestPos = res.pos;
      this.bestNewTrip = res.newTrip;
    }
  }

  private insert(u: number): void {
    const v = this.bestVehicle;
    this.undo.touch(v);
    if (this.rs.len[v] === 0) this.emptyTaken(v);
    if (this.bestNewTrip) {
      this.rs.insertTrip(v, this.bestPos, u);
      this.ev.refresh(v);
    } else {
      this.rs.insertAfter(v, this.bestPos, u);
      this.ev.inserted(v, this.bestPos, u);
    }
  }
}
