/**
 * SISR's ruin (Christiaens & Vanden Berghe 2020, "Slack Induction by String Removals"): remove a few
 * strings of consecutive customers from routes near a random seed customer.
 *
 * Notation key (paper -> here):
 *   c-bar      average customers removed per iteration    params.avgRemoved
 *   L^max      maximum string length                      params.maxStringLength
 *   l_s^max    string length bound this iteration:         maxLength
 *              min(L^max, average route length)
 *   k_s^max    most strings this iteration:                maxStrings
 *              4 c-bar / (1 + l_s^max) - 1
 *   k_s        strings (routes) ruined this iteration      stringCount
 *   adj(c)     customers by distance from c                Neighbourhood.near
 *   l_t^max    string length bound in route t              maxInRoute
 *   l_t        string length removed from route t         length
 *   m          customers kept inside a split string       kept
 *   alpha      split rate                                 params.splitRate
 *   beta       split depth: the chance to stop growing m   params.splitDepth (capacity-only problems;
 *              others keep growing m at the split rate)
 */
import type { Evaluator } from './evaluator';
import type { VrpModel } from './model';
import type { MoveUndo } from './moveUndo';
import type { Neighbourhood } from './neighbourhood';
import type { RouteSet } from './routes';

/** The customers a ruin took out, in removal order, and a flag per node (reused every iteration). */
export class RemovedCustomers {
  readonly list: Int32Array;
  count = 0;
  readonly flag: Uint8Array;

  constructor(n: number) {
    this.list = new Int32Array(n);
    this.flag = new Uint8Array(n);
  }
}

export interface RuinParams {
  /** Average number of customers removed per iteration. */
  avgRemoved: number;
  /** Maximum string length. */
  maxStringLength: number;
  /** Probability of the split-string variant. */
  splitRate: number;
  /**
   * Split depth, on capacity-only problems (CVRP): the kept block grows one customer at a time until a
   * draw below this (or until the string would cover the whole route), so with a small value the
   * removed customers are two strings far apart in one route. Other problems grow it at the split rate
   * (a draw below it keeps one more): far-apart strings of a route with time windows measured worse.
   */
  splitDepth: number;
}

/** How many tries to draw a seed customer that is served before settling for an unserved one. */
const SEED_TRIES = 20;

export class StringRemoval {
  /** Vehicles already ruined this iteration (one string per route): marked with the iteration's stamp. */
  private readonly ruined: Int32Array;
  private stamp = 0;
  /** The customers of the route being ruined, in order (depot visits left out). */
  private readonly customers: Int32Array;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
    private readonly ev: Evaluator,
    private readonly neighbourhood: Neighbourhood,
    private readonly undo: MoveUndo,
    private readonly removed: RemovedCustomers,
    private readonly params: RuinParams,
    private readonly rand: () => number,
  ) {
    this.ruined = new Int32Array(m.vehicleCount);
    this.customers = new Int32Array(m.n + 1);
  }

  /** Removes strings around a random seed into `removed` (which it empties first). */
  ruin(): void {
    const m = this.m;
    const rs = this.rs;
    const dc = m.depotCount;
    const rand = this.rand;
    this.removed.count = 0;
    const served = rs.servedCount;
    const routes = rs.usedCount;
    if (served === 0) return;
    const stamp = ++this.stamp;
    const maxLength = Math.min(this.params.maxStringLength, served / routes);
    const maxStrings = (4 * this.params.avgRemoved) / (1 + maxLength) - 1;
    const stringCount = Math.floor(rand() * maxStrings) + 1;
    const nc = m.n - dc;
    let seed = dc + Math.floor(rand() * nc);
    for (let tries = 0; rs.routeOf[seed] < 0 && tries < SEED_TRIES; tries++) seed = dc + Math.floor(rand() * nc);
    // The seed's route first, then the routes of its neighbours, nearest first.
    let ruinedCount = 0;
    for (let k = -1; k < this.neighbourhood.size && ruinedCount < stringCount; k++) {
      const c = k < 0 ? seed : this.neighbourhood.neighbour(seed, k);
      const v = rs.routeOf[c];
      if (v < 0 || this.ruined[v] === stamp) continue;
      this.ruined[v] = stamp;
      ruinedCount++;
      this.removeString(v, c, maxLength);
    }
  }

  /** Removes a string through customer c from vehicle v's route (sometimes keeping a middle block). */
  private removeString(v: number, c: number, maxLength: number): void {
    const rs = this.rs;
    const rand = this.rand;
    const s = rs.seq[v];
    const dc = this.m.depotCount;
    const customers = this.customers;
    let count = 0;
    let at = 0;
    for (let i = 0; i < rs.len[v]; i++) {
      if (s[i] >= dc) {
        if (s[i] === c) at = count;
        customers[count++] = s[i];
      }
    }
    const maxInRoute = Math.min(count, maxLength);
    const length = Math.floor(rand() * maxInRoute) + 1;
    this.undo.touch(v);
    if (length === count || rand() >= this.params.splitRate) {
      const first = this.stringStart(at, length, count);
      for (let i = first; i < first + length; i++) this.take(customers[i]);
    } else {
      // Split string: a string of length + kept through c, keeping a block of `kept` inside it.
      let kept = 1;
      while (length + kept < count && (this.m.capacityOnly ? rand() >= this.params.splitDepth : rand() < this.params.splitRate)) kept++;
      const total = length + kept;
      const first = this.stringStart(at, total, count);
      const keepAt = first + Math.floor(rand() * (length + 1));
      for (let i = first; i < first + total; i++) if (i < keepAt || i >= keepAt + kept) this.take(customers[i]);
    }
    rs.compact(v, this.removed.flag);
    this.ev.refresh(v);
  }

  /** A random start for a string of `length` among `count` customers that covers position `at`. */
  private stringStart(at: number, length: number, count: number): number {
    const lo = Math.max(0, at - length + 1);
    const hi = Math.min(at, count - length);
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }

  private take(c: number): void {
    const removed = this.removed;
    removed.flag[c] = 1;
    removed.list[removed.count++] = c;
    this.rs.unassign(c);
  }
}
