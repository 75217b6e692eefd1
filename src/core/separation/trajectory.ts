/**
 * Strategic 4D separation: every planned trip is a piecewise-linear trajectory in (x, y, altitude, t);
 * two trips conflict when the separation rule (./rule.ts, shared with the simulator's monitor) finds a
 * loss at some instant. The check is exact for piecewise-linear motion: between consecutive
 * breakpoints of both trajectories the relative motion is linear and lossInInterval solves it. A
 * spatio-temporal hash keeps the candidate pairs few.
 */
import { type SeparationMinima, NO_COLUMN, lossInInterval, separatedByPads } from './rule';

export type { SeparationMinima } from './rule';

/** Flattened (t, x, y, z) samples: the trajectory's breakpoints in time order. */
export interface Trajectory {
  t: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Pad column of the segment from breakpoint i to i + 1 (NO_COLUMN outside any). */
  col: Int32Array;
}

export interface ConflictHit {
  tS: number;
  x: number;
  y: number;
  z: number;
  horizontalM: number;
  verticalM: number;
}

export interface TrajectoryPoint {
  t: number;
  x: number;
  y: number;
  z: number;
  /** Pad column of the segment that starts at this point; absent: none. */
  col?: number;
}

export function makeTrajectory(points: readonly TrajectoryPoint[]): Trajectory {
  // Drop zero-duration repeats that would make intervals empty, keep order.
  const keep: TrajectoryPoint[] = [];
  for (const p of points) {
    const last = keep[keep.length - 1];
    if (last && p.t < last.t) continue; // never go back in time
    if (last && p.t === last.t) keep[keep.length - 1] = p;
    else keep.push(p);
  }
  return {
    t: Float64Array.from(keep, (p) => p.t),
    x: Float64Array.from(keep, (p) => p.x),
    y: Float64Array.from(keep, (p) => p.y),
    z: Float64Array.from(keep, (p) => p.z),
    col: Int32Array.from(keep, (p) => p.col ?? NO_COLUMN),
  };
}

/** The trajectory moved later by dt seconds (a delayed take-off flown on the same schedule). */
export function shiftTrajectory(tr: Trajectory, dt: number): Trajectory {
  return { ...tr, t: tr.t.map((t) => t + dt) };
}

/** The part of the trajectory from fromS on (unchanged when it starts later; empty-safe: at least one point). */
export function clipTrajectory(tr: Trajectory, fromS: number): Trajectory {
  const n = tr.t.length;
  if (n === 0 || tr.t[0] >= fromS) return tr;
  if (tr.t[n - 1] <= fromS) {
    const k = n - 1;
    return { t: Float64Array.of(fromS), x: Float64Array.of(tr.x[k]), y: Float64Array.of(tr.y[k]), z: Float64Array.of(tr.z[k]), col: Int32Array.of(tr.col[k]) };
  }
  const i = segmentAt(tr, fromS);
  const p = { x: 0, y: 0, z: 0 };
  at(tr, fromS, p, i);
  const rest = n - (i + 1);
  const out: Trajectory = { t: new Float64Array(rest + 1), x: new Float64Array(rest + 1), y: new Float64Array(rest + 1), z: new Float64Array(rest + 1), col: new Int32Array(rest + 1) };
  out.t[0] = fromS;
  out.x[0] = p.x;
  out.y[0] = p.y;
  out.z[0] = p.z;
  out.col[0] = tr.col[i];
  out.t.set(tr.t.subarray(i + 1), 1);
  out.x.set(tr.x.subarray(i + 1), 1);
  out.y.set(tr.y.subarray(i + 1), 1);
  out.z.set(tr.z.subarray(i + 1), 1);
  out.col.set(tr.col.subarray(i + 1), 1);
  return out;
}

/** Index of the segment that contains time t (the one starting at or before it). */
function segmentAt(tr: Trajectory, t: number): number {
  let lo = 0;
  let hi = tr.t.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tr.t[mid] <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Position at time t (clamped to the ends). Index hint speeds up monotone queries. */
function at(tr: Trajectory, t: number, out: { x: number; y: number; z: number }, hint: number): number {
  const n = tr.t.length;
  let i = Math.max(0, Math.min(hint, n - 2));
  while (i > 0 && tr.t[i] > t) i--;
  while (i < n - 2 && tr.t[i + 1] < t) i++;
  if (n === 1 || t <= tr.t[0]) {
    out.x = tr.x[0];
    out.y = tr.y[0];
    out.z = tr.z[0];
    return 0;
  }
  if (t >= tr.t[n - 1]) {
    out.x = tr.x[n - 1];
    out.y = tr.y[n - 1];
    out.z = tr.z[n - 1];
    return n - 2;
  }
  const dt = tr.t[i + 1] - tr.t[i];
  const f = dt > 0 ? (t - tr.t[i]) / dt : 1;
  out.x = tr.x[i] + (tr.x[i + 1] - tr.x[i]) * f;
  out.y = tr.y[i] + (tr.y[i + 1] - tr.y[i]) * f;
  out.z = tr.z[i] + (tr.z[i + 1] - tr.z[i]) * f;
  return i;
}

/** The closest conflicting moment between two trajectories, or undefined when they stay separated. */
export function firstConflict(a: Trajectory, b: Trajectory, min: SeparationMinima): ConflictHit | undefined {
  if (!(min.horizontalM > 0 && min.verticalM > 0)) return undefined;
  const t0 = Math.max(a.t[0], b.t[0]);
  const t1 = Math.min(a.t[a.t.length - 1], b.t[b.t.length - 1]);
  if (t1 < t0) return undefined;
  // Merged breakpoints inside [t0, t1].
  const times: number[] = [t0];
  for (const tr of [a, b]) for (let i = 0; i < tr.t.length; i++) if (tr.t[i] > t0 && tr.t[i] < t1) times.push(tr.t[i]);
  times.push(t1);
  times.sort((p, q) => p - q);
  const pa0 = { x: 0, y: 0, z: 0 };
  const pa1 = { x: 0, y: 0, z: 0 };
  const pb0 = { x: 0, y: 0, z: 0 };
  const pb1 = { x: 0, y: 0, z: 0 };
  let ha = 0;
  let hb = 0;
  let best: ConflictHit | undefined;
  for (let k = 0; k < times.length - 1 || (k === 0 && times.length === 1); k++) {
    const u = times[k];
    const v = times.length > 1 ? times[k + 1] : u;
    if (v < u) continue;
    const mid = (u + v) / 2;
    if (separatedByPads(a.col[segmentAt(a, mid)], b.col[segmentAt(b, mid)])) continue;
    ha = at(a, u, pa0, ha);
    hb = at(b, u, pb0, hb);
    at(a, v, pa1, ha);
    at(b, v, pb1, hb);
    const len = v - u;
    // Relative motion r(s) = r0 + dr * s, s in [0, 1].
    const rx = pa0.x - pb0.x;
    const ry = pa0.y - pb0.y;
    const rz = pa0.z - pb0.z;
    const dx = pa1.x - pb1.x - rx;
    const dy = pa1.y - pb1.y - ry;
    const dz = pa1.z - pb1.z - rz;
    const loss = lossInInterval(rx, ry, rz, dx, dy, dz, min, len === 0);
    if (!loss) continue;
    const s = loss.s;
    if (!best || loss.horizontalM < best.horizontalM) {
      const ax = pa0.x + (pa1.x - pa0.x) * s;
      const ay = pa0.y + (pa1.y - pa0.y) * s;
      const az = pa0.z + (pa1.z - pa0.z) * s;
      best = {
        tS: u + len * s,
        x: ax - (rx + dx * s) / 2,
        y: ay - (ry + dy * s) / 2,
        z: az - (rz + dz * s) / 2,
        horizontalM: loss.horizontalM,
        verticalM: loss.verticalM,
      };
    }
  }
  return best;
}

/**
 * Index of accepted trajectories by (time slice, grid cell): a trajectory is entered in every cell its
 * bounding box per time slice touches, grown by the horizontal minimum.
 */
export class SeparationIndex {
  private readonly cells = new Map<string, number[]>();
  readonly items: Trajectory[] = [];
  private stamp = 0;
  private seen = new Int32Array(64);

  constructor(
    private readonly min: SeparationMinima,
    private readonly sliceS = 30,
    private readonly cellM = Math.max(250, min.horizontalM * 2),
  ) {}

  private keys(tr: Trajectory, visit: (key: string) => void): void {
    const pad = this.min.horizontalM;
    const n = tr.t.length;
    if (n === 0) return;
    const first = Math.floor(tr.t[0] / this.sliceS);
    const last = Math.floor(tr.t[n - 1] / this.sliceS);
    const p = { x: 0, y: 0, z: 0 };
    let hint = 0;
    for (let s = first; s <= last; s++) {
      const u = Math.max(tr.t[0], s * this.sliceS);
      const v = Math.min(tr.t[n - 1], (s + 1) * this.sliceS);
      hint = at(tr, u, p, hint);
      let minX = p.x;
      let maxX = p.x;
      let minY = p.y;
      let maxY = p.y;
      for (let i = hint; i < n && tr.t[i] <= v; i++) {
        if (tr.t[i] < u) continue;
        minX = Math.min(minX, tr.x[i]);
        maxX = Math.max(maxX, tr.x[i]);
        minY = Math.min(minY, tr.y[i]);
        maxY = Math.max(maxY, tr.y[i]);
      }
      at(tr, v, p, hint);
      minX = Math.min(minX, p.x) - pad;
      maxX = Math.max(maxX, p.x) + pad;
      minY = Math.min(minY, p.y) - pad;
      maxY = Math.max(maxY, p.y) + pad;
      for (let cx = Math.floor(minX / this.cellM); cx <= Math.floor(maxX / this.cellM); cx++)
        for (let cy = Math.floor(minY / this.cellM); cy <= Math.floor(maxY / this.cellM); cy++) visit(`${s},${cx},${cy}`);
    }
  }

  /** Indices of accepted trajectories that may come close to tr. */
  candidates(tr: Trajectory): number[] {
    this.stamp++;
    if (this.seen.length < this.items.length) {
      const bigger = new Int32Array(Math.max(this.items.length, this.seen.length * 2));
      bigger.set(this.seen);
      this.seen = bigger;
    }
    const out: number[] = [];
    this.keys(tr, (key) => {
      const list = this.cells.get(key);
      if (!list) return;
      for (const id of list) {
        if (this.seen[id] === this.stamp) continue;
        this.seen[id] = this.stamp;
        out.push(id);
      }
    });
    return out.sort((p, q) => p - q);
  }

  private readonly removed = new Set<number>();

  /** Take a trajectory out of the checks (its trip was replaced, e.g. by a delayed copy). */
  remove(id: number): void {
    this.removed.add(id);
  }

  /** Every accepted trajectory tr conflicts with, with the closest moment of each. */
  conflicts(tr: Trajectory, stopAtFirst = false, ignore?: number): { id: number; hit: ConflictHit }[] {
    const out: { id: number; hit: ConflictHit }[] = [];
    for (const id of this.candidates(tr)) {
      if (id === ignore || this.removed.has(id)) continue;
      const hit = firstConflict(tr, this.items[id], this.min);
      if (hit) {
        out.push({ id, hit });
        if (stopAtFirst) break;
      }
    }
    return out;
  }

  add(tr: Trajectory): number {
    const id = this.items.length;
    this.items.push(tr);
    this.keys(tr, (key) => {
      let list = this.cells.get(key);
      if (!list) this.cells.set(key, (list = []));
      if (list[list.length - 1] !== id) list.push(id);
    });
    return id;
  }
}
