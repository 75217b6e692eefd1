/**
 * What stands under a flight track: the track (local metres) sampled every few metres against building
 * footprints, for an altitude profile. Pure geometry; buildings are bucketed on a grid so a city of
 * thousands of footprints costs a few point-in-polygon tests per sample.
 */
import type { XY } from '../geo/frame';
import { distanceToRing, pointInRing } from '../geo/shapes';

export interface ProfileBuilding {
  id: string;
  /** Footprint outline in local metres (closed or not). */
  ring: readonly XY[];
  heightM: number;
}

export interface GroundSample {
  /** Horizontal distance along the track from its start, m. */
  distM: number;
  x: number;
  y: number;
  /** Height of the tallest building whose footprint contains the sample (0 over open ground), m. */
  underM: number;
  /** Id of that building, when there is one. */
  underId?: string;
  /** Height of the tallest building within `nearM` of the sample (footprint or edge), m; >= underM. */
  nearM: number;
}

export interface SampleOptions {
  /** Distance between samples, m (default 5). Long tracks get a longer step so at most maxSamples are made. */
  stepM?: number;
  maxSamples?: number;
  /** Horizontal distance within which a building counts as near the track (default 0: under it only). */
  nearM?: number;
}

interface Prepared {
  b: ProfileBuilding;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const CELL_M = 200;

/**
 * Samples a polyline every stepM metres of horizontal distance (both ends and every vertex included)
 * and reports, per sample, the tallest building under it and the tallest within `nearM` of it.
 */
export function buildingHeightsAlong(track: readonly XY[], buildings: readonly ProfileBuilding[], options: SampleOptions = {}): GroundSample[] {
  const near = Math.max(0, options.nearM ?? 0);
  const maxSamples = Math.max(2, options.maxSamples ?? 4000);
  let total = 0;
  for (let i = 1; i < track.length; i++) total += Math.hypot(track[i].x - track[i - 1].x, track[i].y - track[i - 1].y);
  const step = Math.max(options.stepM ?? 5, total / Math.max(1, maxSamples - track.length), 1e-6);

  // Grid of buildings by bounding box (grown by `near`).
  const grid = new Map<string, Prepared[]>();
  for (const b of buildings) {
    if (b.ring.length < 3 || !(b.heightM > 0)) continue;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of b.ring) {
      minX = Math.min(minX, p.x);
      minY = Math.min(minY, p.y);
      maxX = Math.max(maxX, p.x);
      maxY = Math.max(maxY, p.y);
    }
    const prep = { b, minX: minX - near, minY: minY - near, maxX: maxX + near, maxY: maxY + near };
    for (let cx = Math.floor(prep.minX / CELL_M); cx <= Math.floor(prep.maxX / CELL_M); cx++)
      for (let cy = Math.floor(prep.minY / CELL_M); cy <= Math.floor(prep.maxY / CELL_M); cy++) {
        const key = `${cx},${cy}`;
        const list = grid.get(key);
        if (list) list.push(prep);
        else grid.set(key, [prep]);
      }
  }

  const sample = (x: number, y: number, distM: number): GroundSample => {
    let underM = 0;
    let underId: string | undefined;
    let nearM = 0;
    const at = { x, y };
    for (const p of grid.get(`${Math.floor(x / CELL_M)},${Math.floor(y / CELL_M)}`) ?? []) {
      if (x < p.minX || x > p.maxX || y < p.minY || y > p.maxY) continue;
      const h = p.b.heightM;
      if (h <= nearM && h <= underM) continue;
      const inside = pointInRing(at, p.b.ring);
      if (inside && h > underM) {
        underM = h;
        underId = p.b.id;
      }
      if (h > nearM && (inside || (near > 0 && distanceToRing(at, p.b.ring) <= near))) nearM = h;
    }
    return { distM, x, y, underM, underId, nearM };
  };

  const out: GroundSample[] = [];
  if (track.length === 0) return out;
  out.push(sample(track[0].x, track[0].y, 0));
  let done = 0;
  for (let i = 1; i < track.length; i++) {
    const a = track[i - 1];
    const b = track[i];
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len < 1e-9) continue;
    const n = Math.ceil(len / step);
    for (let k = 1; k <= n; k++) {
      const f = k / n;
      out.push(sample(a.x + f * (b.x - a.x), a.y + f * (b.y - a.y), done + f * len));
    }
    done += len;
  }
  return out;
}
