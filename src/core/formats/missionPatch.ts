/**
 * What an import produces: things to add to a mission (zones, depots, buildings), never a whole new
 * mission. The app and the CLI merge it with mergeMissionPatch, which renames colliding ids and
 * re-validates the result through the mission loader, so an import can never produce a mission the
 * loader would refuse.
 */
import { type Building, type Depot, type LoadResult, type Mission, type NoFlyZone, type Problem, parseMission } from '../mission';

export interface MissionPatch {
  noFlyZones: NoFlyZone[];
  depots: Depot[];
  buildings: Building[];
  /** What the import skipped or assumed, one sentence each (shown to the user, not errors). */
  notes: string[];
}

export type ImportResult = { ok: true; patch: MissionPatch } | { ok: false; errors: Problem[] };

export const emptyPatch = (): MissionPatch => ({ noFlyZones: [], depots: [], buildings: [], notes: [] });

export interface MergeReport {
  /** Ids that were taken in the mission and got a suffix: [imported id, id used]. */
  renamed: [string, string][];
  /** Imported items the mission already has (same zone shape, same depot position): not added twice. */
  duplicates: string[];
}

/** Depots closer than this (degrees, ~1 cm) are the same place. */
const SAME_PLACE_DEG = 1e-7;

const outerRingKey = (z: NoFlyZone) =>
  JSON.stringify(z.shape.type === 'Circle' ? z.shape : z.shape.coordinates[0]);

/**
 * The mission with the patch appended; ids that already exist get `-2`, `-3`, ...; zones and depots the
 * mission already has are left out (reported as duplicates).
 */
export function mergeMissionPatch(mission: Mission, patch: MissionPatch): LoadResult & { report?: MergeReport } {
  const renamed: [string, string][] = [];
  const duplicates: string[] = [];
  // Re-importing a fence exported from this mission must not double its zones and depots.
  const zoneKeys = new Set(mission.noFlyZones.map(outerRingKey));
  const zones = patch.noFlyZones.filter((z) => {
    const dup = zoneKeys.has(outerRingKey(z));
    if (dup) duplicates.push(`no-fly zone ${z.id} (same shape as an existing zone)`);
    return !dup;
  });
  const depots = patch.depots.filter((d) => {
    const same = mission.depots.find(
      (e) => Math.abs(e.position[0] - d.position[0]) < SAME_PLACE_DEG && Math.abs(e.position[1] - d.position[1]) < SAME_PLACE_DEG,
    );
    if (same) duplicates.push(`depot ${d.id} (at depot ${same.id})`);
    return !same;
  });
  const uniq = <T extends { id: string }>(existing: readonly { id: string }[], added: readonly T[]): T[] => {
    const taken = new Set(existing.map((e) => e.id));
    return added.map((item) => {
      let id = item.id;
      for (let n = 2; taken.has(id); n++) id = `${item.id}-${n}`;
      taken.add(id);
      if (id !== item.id) renamed.push([item.id, id]);
      return id === item.id ? item : { ...item, id };
    });
  };
  const merged: Mission = {
    ...mission,
    noFlyZones: [...mission.noFlyZones, ...uniq(mission.noFlyZones, zones)],
    depots: [...mission.depots, ...uniq(mission.depots, depots)],
    buildings: [...mission.buildings, ...uniq(mission.buildings, patch.buildings)],
  };
  const result = parseMission(merged);
  return result.ok ? { ...result, report: { renamed, duplicates } } : result;
}
