/**
 * The vertical profile of a cruise over terrain. Rule: a leg cruises level at `baseZ` (its layer above
 * the higher of its two ends' ground) and rises wherever the ground plus the layer height would reach
 * above that, so the drone is never less than `aglM` above the ground under it, and comes down again
 * after a ridge.
 *
 * How, and why it is safe: the horizontal path is cut into stations at most `stepM` apart; for each
 * interval between two stations the highest ground along it is known exactly (grid.ts), so R_i = that
 * + aglM is the floor over the interval. Each station's height is max(baseZ, R_before, R_after): both
 * ends of every interval are at or above its floor, so the straight line between them is too. Stations
 * on a straight run whose height lies on the line through their neighbours are dropped (the 3D line is
 * the same); the horizontal path's own corners are always kept.
 */
import type { XY } from '../geo/frame';
import type { TerrainModel } from './model';

export interface ProfilePoint {
  x: number;
  y: number;
  /** Height above the mission datum. */
  z: number;
}

export interface CruiseProfile {
  points: ProfilePoint[];
  /** The most the cruise is above the ground anywhere (an upper bound): for zone altitude bands. */
  maxAglM: number;
}

export interface ProfileOptions {
  /** Longest interval between stations (default: the grid spacing). */
  stepM?: number;
  /** Most stations on one leg (default 2,000): a longer leg gets a longer step. */
  maxStations?: number;
}

export function cruiseProfile(terrain: TerrainModel, path: readonly XY[], aglM: number, baseZ: number, opts: ProfileOptions = {}): CruiseProfile {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y);
  const maxStations = Math.max(2, opts.maxStations ?? 2000);
  const step = Math.max(opts.stepM ?? terrain.grid.spacingM, total / maxStations, 1e-6);

  // Stations, with a flag for the path's own corners.
  const st: { x: number; y: number; corner: boolean; s: number }[] = [{ x: path[0].x, y: path[0].y, corner: true, s: 0 }];
  let s = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 1e-9) continue;
    const n = Math.ceil(len / step);
    for (let k = 1; k <= n; k++) {
      const f = k / n;
      st.push({ x: k === n ? b.x : a.x + f * (b.x - a.x), y: k === n ? b.y : a.y + f * (b.y - a.y), corner: k === n, s: s + f * len });
    }
    s += len;
  }
  const floor: number[] = [];
  const lowest: number[] = [];
  for (let i = 1; i < st.length; i++) {
    const r = terrain.rangeAlong(st[i - 1], st[i]);
    floor.push(r.maxM + aglM);
    lowest.push(r.minM);
  }
  const z = st.map((_, i) => Math.max(baseZ, i > 0 ? floor[i - 1] : -Infinity, i < floor.length ? floor[i] : -Infinity));

  let maxAglM = aglM;
  for (let i = 1; i < st.length; i++) maxAglM = Math.max(maxAglM, Math.max(z[i - 1], z[i]) - lowest[i - 1]);

  // Keep corners, and stations where the slope changes.
  const keep: number[] = [0];
  for (let i = 1; i < st.length - 1; i++) {
    const prev = keep[keep.length - 1];
    const onLine = z[prev] + ((z[i + 1] - z[prev]) * (st[i].s - st[prev].s)) / (st[i + 1].s - st[prev].s);
    if (st[i].corner || Math.abs(z[i] - onLine) > 1e-6) keep.push(i);
  }
  if (st.length > 1) keep.push(st.length - 1);
  return { points: keep.map((i) => ({ x: st[i].x, y: st[i].y, z: z[i] })), maxAglM };
}
