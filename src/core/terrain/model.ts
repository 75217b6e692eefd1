/**
 * The terrain of a mission as the planner and the simulator use it: heights relative to the mission's
 * vertical datum. The datum is the ground at the mission's `origin` (AMSL = z + datumM), so that
 * altitudes stay small numbers near the ground and a mission without terrain is the special case of
 * flat ground at z = 0 with datumM = 0.
 */
import type { XY } from '../geo/frame';
import type { Mission } from '../mission/schema';
import { decodeHeights } from './codec';
import { type ElevationRange, type TerrainGrid, elevationAt, elevationRangeAlong } from './grid';

export interface TerrainModel {
  readonly grid: TerrainGrid;
  /** Elevation AMSL of z = 0: the ground at the mission origin. */
  readonly datumM: number;
  /** Ground height above the datum at a local point. */
  groundZ(x: number, y: number): number;
  /** Lowest and highest ground (above the datum) along a straight segment, exactly. */
  rangeAlong(a: XY, b: XY): ElevationRange;
}

export function terrainModel(grid: TerrainGrid): TerrainModel {
  const datumM = elevationAt(grid, 0, 0);
  return {
    grid,
    datumM,
    groundZ: (x, y) => elevationAt(grid, x, y) - datumM,
    rangeAlong: (a, b) => {
      const r = elevationRangeAlong(grid, a, b);
      return { minM: r.minM - datumM, maxM: r.maxM - datumM };
    },
  };
}

const cache = new WeakMap<object, TerrainModel>();

/** The mission's terrain model (decoded once per terrain object), or null when the ground is flat. */
export function missionTerrain(mission: Pick<Mission, 'terrain'>): TerrainModel | null {
  const t = mission.terrain;
  if (!t) return null;
  let m = cache.get(t);
  if (!m) {
    const heights = decodeHeights(t.heightsF32);
    // The schema has checked the field; a string here means the mission skipped validation.
    if (typeof heights === 'string') throw new Error(`terrain.heightsF32 ${heights}`);
    m = terrainModel({ westM: t.westM, southM: t.southM, spacingM: t.spacingM, cols: t.cols, rows: t.rows, heights });
    cache.set(t, m);
  }
  return m;
}

/** Ground height above the datum at a local point (0 without terrain). */
export function groundZAt(mission: Pick<Mission, 'terrain'>, x: number, y: number): number {
  const m = missionTerrain(mission);
  return m ? m.groundZ(x, y) : 0;
}
