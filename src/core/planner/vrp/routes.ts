/**
 * Mutable route state of the search. Each vehicle has a node sequence with its depot between trips,
 * [d, c1, c2, d, c3, d], or length 0 when unused. Buffers grow by doubling and are reused.
 */
import type { VrpModel } from './model';

export class RouteSet {
  readonly seq: Int32Array[];
  readonly len: Int32Array;
  /** Vehicle serving each customer, -1 when unserved (depots: -1). */
  readonly routeOf: Int32Array;
  readonly cost: Float64Array;
  /**
   * Kept up to date by every change below, so that the search's per-iteration totals need not scan the
   * fleet and the customers: vehicles with a route, customers on a route, and an index past the last
   * vehicle that ever had a route (every vehicle from it on is unused and costs 0; insertion fills the
   * lowest empty vehicle first, so on a large unlimited fleet it stays near the number of routes).
   */
  usedCount = 0;
  servedCount = 0;
  usedEnd = 0;

  constructor(readonly m: VrpModel) {
    const V = m.vehicleCount;
    this.seq = Array.from({ length: V }, () => new Int32Array(16));
    this.len = new Int32Array(V);
    this.routeOf = new Int32Array(m.n).fill(-1);
    this.cost = new Float64Array(V);
  }

  /** Number of customers on no route. */
  get unservedCount(): number {
    return this.m.n - this.m.depotCount - this.servedCount;
  }

  private setLength(v: number, len: number): void {
    const was = this.len[v];
    this.len[v] = len;
    if ((was === 0) !== (len === 0)) this.usedCount += len === 0 ? -1 : 1;
    if (len > 0 && v >= this.usedEnd) this.usedEnd = v + 1;
  }

  private assign(u: number, v: number): void {
    if (this.routeOf[u] < 0) this.servedCount++;
    this.routeOf[u] = v;
  }

  /** Customer u is on no route any more (the caller takes it out of the sequence, e.g. with compact). */
  unassign(u: number): void {
    if (this.routeOf[u] >= 0) this.servedCount--;
    this.routeOf[u] = -1;
  }

  private grow(v: number, need: number): Int32Array {
    let s = this.seq[v];
    if (s.length < need) {
      const bigger = new Int32Array(Math.max(need, s.length * 2));
      bigger.set(s.subarray(0, this.len[v]));
      this.seq[v] = s = bigger;
    }
    return s;
  }

  /** Inserts customer u between positions p and p+1 (same trip). */
  insertAfter(v: number, p: number, u: number): void {
    const len = this.len[v];
    const s = this.grow(v, len + 1);
    s.copyWithin(p + 2, p + 1, len);
    s[p + 1] = u;
    this.setLength(v, len + 1);
    this.assign(u, v);
  }

  /** Opens a new trip [u, depot] right after the depot visit at position p (or a first trip if empty). */
  insertTrip(v: number, p: number, u: number): void {
    const d = this.m.vehicleDepot[v];
    const len = this.len[v];
    if (len === 0) {
      const s = this.grow(v, 3);
      s[0] = d;
      s[1] = u;
      s[2] = d;
      this.setLength(v, 3);
    } else {
      const s = this.grow(v, len + 2);
      s.copyWithin(p + 3, p + 1, len);
      s[p + 1] = u;
      s[p + 2] = d;
      this.setLength(v, len + 2);
    }
    this.assign(u, v);
  }

  /** Removes customers whose `removed` flag is set, dropping trips that become empty. */
  compact(v: number, removed: Uint8Array): void {
    const s = this.seq[v];
    const len = this.len[v];
    const dc = this.m.depotCount;
    let w = 0;
    for (let r = 0; r < len; r++) {
      const x = s[r];
      if (x >= dc) {
        if (removed[x]) continue;
        s[w++] = x;
      } else if (w === 0 || s[w - 1] >= dc) {
        s[w++] = x; // depot: keep unless it would follow another depot
      }
    }
    this.setLength(v, w <= 2 ? 0 : w);
  }

  /** Copies a node sequence into vehicle v's route as is (routeOf untouched: see setRoute). */
  copyRouteFrom(v: number, src: Int32Array, srcLen: number): void {
    const s = this.grow(v, srcLen);
    s.set(src.subarray(0, srcLen));
    this.setLength(v, srcLen);
  }

  /**
   * Vehicle v's route becomes src[0..srcLen), with routeOf kept right: its customers point to v, and
   * those it no longer serves to nobody, unless another route has claimed them already (so routes can
   * be set one by one in any order, e.g. when undoing a move between two routes).
   */
  setRoute(v: number, src: Int32Array, srcLen: number): void {
    const dc = this.m.depotCount;
    const old = this.seq[v];
    for (let i = 0; i < this.len[v]; i++) if (old[i] >= dc && this.routeOf[old[i]] === v) this.unassign(old[i]);
    this.copyRouteFrom(v, src, srcLen);
    for (let i = 0; i < srcLen; i++) if (src[i] >= dc) this.assign(src[i], v);
  }

  /** Trips of vehicle v as customer lists (allocates; for output and tests). */
  trips(v: number): number[][] {
    const out: number[][] = [];
    let cur: number[] | null = null;
    const s = this.seq[v];
    for (let i = 0; i < this.len[v]; i++) {
      if (s[i] < this.m.depotCount) {
        if (cur && cur.length) out.push(cur);
        cur = [];
      } else cur!.push(s[i]);
    }
    return out;
  }
}

/**
 * Saved copies of routes, one buffer per vehicle (grown by doubling, then reused): the search's undo of
 * a rejected move (save the routes a move touches) and its best solution so far (save every route).
 */
export class RouteCopies {
  private readonly seq: Int32Array[];
  private readonly len: Int32Array;

  constructor(vehicleCount: number) {
    this.seq = Array.from({ length: vehicleCount }, () => new Int32Array(16));
    this.len = new Int32Array(vehicleCount);
  }

  save(rs: RouteSet, v: number): void {
    const len = rs.len[v];
    if (this.seq[v].length < len) this.seq[v] = new Int32Array(Math.max(len, this.seq[v].length * 2));
    this.seq[v].set(rs.seq[v].subarray(0, len));
    this.len[v] = len;
  }

  /** Puts vehicle v's saved route back (its cost is not refreshed). */
  restore(rs: RouteSet, v: number): void {
    rs.setRoute(v, this.seq[v], this.len[v]);
  }

  saveAll(rs: RouteSet): void {
    for (let v = 0; v < this.len.length; v++) this.save(rs, v);
  }

  restoreAll(rs: RouteSet): void {
    for (let v = 0; v < this.len.length; v++) this.restore(rs, v);
  }
}
