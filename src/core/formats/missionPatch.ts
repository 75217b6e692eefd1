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
  /**
   * The notes (also in `notes`) about something in the file that was left out: an old geofence QGroundControl
   * ignores too, mission items with commands Skyhaul does not know, a breach return point. Shown as warnings.
   */
  warnings: string[];
}

export type ImportResult = { ok: true; patch: MissionPatch } | { ok: false; errors: Problem[] };

export const emptyPatch = (): MissionPatch => ({ noFlyZones: [], depots: [], buildings: [], notes: [], warnings: [] });

/** Adds a warning to the patch (to `warnings`, and to `notes`, which lists everything to tell the user). */
export function warn(patch: MissionPatch, message: string): void {
  patch.warnings.push(message);
  patch.notes.push(message);
}

export interface MergeReport {
  /** Ids that were taken in the mission and got a suffix: [imported id, id used]. */
  renamed: [string, string][];
  /**
   * Imported items the mission already has (same zone shape, same building footprint, same depot
   * position): not added twice.
   */
  duplicates: string[];
}

/** Depots closer than this (degrees, ~1 cm) are the same place. */
const SAME_PLACE_DEG = 1e-7;

/**
 * A ring as the same key whatever its winding and starting vertex (GeoJSON exports rewind rings to
 * RFC 7946's counter-clockwise; QGroundControl drops the closing vertex). Coordinates to 1e-9 degrees.
 */
function ringKey(ring: readonly (readonly number[])[]): string {
  const pts = ring.map((p) => [Math.round(p[0] * 1e9) / 1e9, Math.round(p[1] * 1e9) / 1e9]);
  const [f, l] = [pts[0], pts[pts.length - 1]];
  if (pts.length > 1 && f[0] === l[0] && f[1] === l[1]) pts.pop();
  let area = 0;
  for (let i = 0; i < pts.length; i++) {
    const [a, b] = [pts[i], pts[(i + 1) % pts.length]];
    area += a[0] * b[1] - b[0] * a[1];
  }
  if (area < 0) pts.reverse();
  let start = 0;
  pts.forEach((p, i) => {
    const s = pts[start];
    if (p[0] < s[0] || (p[0] === s[0] && p[1] < s[1])) start = i;
  });
  return JSON.stringify([...pts.slice(start), ...pts.slice(0, start)]);
}

const outerRingKey = (z: NoFlyZone) =>
  z.shape.type === 'Circle' ? JSON.stringify(z.shape) : ringKey(z.shape.coordinates[0]);
const footprintKey = (b: Building) => ringKey(b.footprint.coordinates[0]);

/**
 * The mission with the patch appended; ids that already exist get `-2`, `-3`, ...; zones, buildings and
 * depots the mission already has are left out (reported as duplicates).
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
  // Re-importing a GeoJSON exported from this mission must not double its buildings either.
  const buildingsByFootprint = new Map(mission.buildings.map((b) => [footprintKey(b), b.id]));
  const buildings = patch.buildings.filter((b) => {
    const same = buildingsByFootprint.get(footprintKey(b));
    if (same !== undefined) duplicates.push(`building ${b.id} (same footprint as building ${same})`);
    return same === undefined;
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
    buildings: [...mission.buildings, ...uniq(mission.buildings, buildings)],
  };
  const result = parseMission(merged);
  return result.ok ? { ...result, report: { renamed, duplicates } } : result;
}
