/**
 * The ground's height under a local point, in scene metres (above the mission datum, the ground at the
 * origin; 0 everywhere without terrain): the one function every layer that stands things on the ground
 * uses (markers, pads, selection, labels, drop lines), so they all agree with the terrain mesh and the
 * drones' trace altitudes. One function per terrain object (decoded once, in missionTerrain's cache).
 */
import type { Terrain } from '../core/mission/terrain';
import { missionTerrain } from '../core/terrain/model';
import { useMissionStore } from './missionStore';

export type GroundHeight = (x: number, y: number) => number;

/** Flat ground at the datum (a mission without terrain). */
export const flatGround: GroundHeight = () => 0;

const byTerrain = new WeakMap<Terrain, GroundHeight>();

export function groundHeightFor(terrain: Terrain | undefined): GroundHeight {
  if (!terrain) return flatGround;
  let f = byTerrain.get(terrain);
  if (!f) {
    const model = missionTerrain({ terrain });
    f = model ? (x, y) => model.groundZ(x, y) : flatGround;
    byTerrain.set(terrain, f);
  }
  return f;
}

/** The current mission's ground height (a new function only when the terrain changes). */
export function useGroundHeight(): GroundHeight {
  return groundHeightFor(useMissionStore((s) => s.mission.terrain));
}

/** The same, outside React (per-frame loops, probes). */
export function currentGroundHeight(): GroundHeight {
  return groundHeightFor(useMissionStore.getState().mission.terrain);
}
