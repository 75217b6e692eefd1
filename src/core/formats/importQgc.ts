/**
 * Reading a QGroundControl `.plan`: its exclusion geofences (polygons and circles) become no-fly zones and
 * its rally points candidate depots (no drones yet). The mission items are checked, not imported.
 *
 * As tolerant as QGroundControl's own loader where that is safe, and never silent about what is left out:
 * - a geofence of version 1 (QGroundControl ignores such old fences) is skipped with a warning;
 * - a `breachReturn` point is not imported (a mission has no place for it): warning;
 * - a mission item whose command MAVLink defines but Skyhaul does not know (QGroundControl keeps it as an
 *   "unknown" item) is skipped with a warning naming the command and the items.
 * Refused, with the item named: a file that is not a Plan, a command id MAVLink does not define (a typo
 * or a damaged file), malformed fences and rally points: a file we only half understand is not one to
 * take airspace from.
 */
import type { Depot, NoFlyZone } from '../mission/schema';
import type { Problem } from '../mission/problems';
import { formatPath } from '../mission/problems';
import { KNOWN_MAV_CMDS, MAVLINK_MAV_CMDS } from './mavlink';
import { importJsonText, isNum, isObj } from './importJson';
import { type ImportResult, type MissionPatch, emptyPatch, warn } from './missionPatch';

export interface QgcImportOptions {
  /** Prefix of the generated ids (`fence-1`, `rally-1` by default). */
  zoneIdPrefix?: string;
  depotIdPrefix?: string;
  /** Charging of the candidate depots made from rally points (a mission depot needs one). */
  chargerPowerW?: number;
}

export function importQgcPlanText(text: string, options: QgcImportOptions = {}): ImportResult {
  return importJsonText(text, (raw) => importQgcPlan(raw, options));
}

export function importQgcPlan(raw: unknown, options: QgcImportOptions = {}): ImportResult {
  const errors: Problem[] = [];
  const err = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message, severity: 'error' });
  if (!isObj(raw)) return { ok: false, errors: [{ path: '', message: 'not a QGroundControl plan (expected a JSON object)', severity: 'error' }] };
  if (raw.fileType !== 'Plan') {
    err(['fileType'], `not a QGroundControl plan: expected "Plan", got ${JSON.stringify(raw.fileType ?? null)}`);
    return { ok: false, errors };
  }
  if (raw.version !== 1) err(['version'], `unsupported plan version ${JSON.stringify(raw.version ?? null)} (expected 1)`);

  const patch = emptyPatch();
  checkMissionItems(raw.mission, err, patch);

  const zonePrefix = options.zoneIdPrefix ?? 'fence';
  const depotPrefix = options.depotIdPrefix ?? 'rally';
  const fence = raw.geoFence;
  if (fence !== undefined) {
    if (!isObj(fence)) err(['geoFence'], 'must be an object');
    else if (fence.version === 1) {
      // QGroundControl: "We just ignore old version 1 or prior data".
      const old = Array.isArray(fence.polygon) ? ` (its polygon of ${fence.polygon.length} vertices)` : '';
      warn(patch, `geoFence is version 1, an old format QGroundControl ignores: the fence${old} was not imported`);
    } else {
      if (fence.version !== undefined && fence.version !== 2) err(['geoFence', 'version'], `unsupported geofence version ${JSON.stringify(fence.version)} (expected 2, or 1 which is ignored)`);
      if (fence.breachReturn !== undefined) {
        const ll = latLon(fence.breachReturn);
        if (typeof ll === 'string') err(['geoFence', 'breachReturn'], ll);
        else {
          warn(
            patch,
            `geoFence.breachReturn (${ll[0]}, ${ll[1]}) was not imported: a Skyhaul mission has no fence breach return point (the exported .plan files have none either)`,
          );
        }
      }
      const polygons = fence.polygons ?? [];
      const circles = fence.circles ?? [];
      if (!Array.isArray(polygons)) err(['geoFence', 'polygons'], 'must be an array');
      else
        polygons.forEach((p, i) => {
          const path = ['geoFence', 'polygons', i];
          if (!isObj(p)) return err(path, 'must be an object');
          if (typeof p.inclusion !== 'boolean') return err([...path, 'inclusion'], 'must be true or false');
          if (!Array.isArray(p.polygon) || p.polygon.length < 3) return err([...path, 'polygon'], 'needs at least 3 [lat, lon] vertices');
          const ring: [number, number][] = [];
          p.polygon.forEach((v, j) => {
            const ll = latLon(v);
            if (typeof ll === 'string') err([...path, 'polygon', j], ll);
            else ring.push([ll[1], ll[0]]);
          });
          if (ring.length !== p.polygon.length) return;
          if (p.inclusion) {
            patch.notes.push(`geoFence.polygons[${i}] is an inclusion fence (where to stay inside), not a no-fly zone: skipped`);
            return;
          }
          // QGC stores open rings; a mission polygon repeats the first vertex at the end.
          const first = ring[0];
          const last = ring[ring.length - 1];
          if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
          const n = patch.noFlyZones.length + 1;
          patch.noFlyZones.push({ id: `${zonePrefix}-${n}`, name: `Geofence ${n}`, shape: { type: 'Polygon', coordinates: [ring] } } as NoFlyZone);
        });
      if (!Array.isArray(circles)) err(['geoFence', 'circles'], 'must be an array');
      else
        circles.forEach((c, i) => {
          const path = ['geoFence', 'circles', i];
          if (!isObj(c)) return err(path, 'must be an object');
          if (typeof c.inclusion !== 'boolean') return err([...path, 'inclusion'], 'must be true or false');
          if (!isObj(c.circle)) return err([...path, 'circle'], 'must be an object with center and radius');
          const ll = latLon(c.circle.center);
          if (typeof ll === 'string') return err([...path, 'circle', 'center'], ll);
          if (!isNum(c.circle.radius) || c.circle.radius <= 0) return err([...path, 'circle', 'radius'], 'must be a number of metres > 0');
          if (c.inclusion) {
            patch.notes.push(`geoFence.circles[${i}] is an inclusion fence (where to stay inside), not a no-fly zone: skipped`);
            return;
          }
          const n = patch.noFlyZones.length + 1;
          patch.noFlyZones.push({
            id: `${zonePrefix}-${n}`,
            name: `Geofence ${n}`,
            shape: { type: 'Circle', center: [ll[1], ll[0]], radiusM: c.circle.radius },
          } as NoFlyZone);
        });
    }
  }

  const rally = raw.rallyPoints;
  if (rally !== undefined) {
    if (!isObj(rally)) err(['rallyPoints'], 'must be an object');
    else if (rally.points !== undefined && !Array.isArray(rally.points)) err(['rallyPoints', 'points'], 'must be an array');
    else
      ((rally.points as unknown[] | undefined) ?? []).forEach((v, i) => {
        const ll = latLon(v);
        if (typeof ll === 'string') return err(['rallyPoints', 'points', i], ll);
        const n = i + 1;
        patch.depots.push({
          id: `${depotPrefix}-${n}`,
          name: `Rally point ${n}`,
          position: [ll[1], ll[0]],
          fleet: [],
          charging: { kind: 'charger', powerW: options.chargerPowerW ?? 1000 },
        } as Depot);
      });
    if (patch.depots.length > 0) patch.notes.push(`${patch.depots.length} rally point(s) became candidate depots without drones`);
  }
  if (patch.noFlyZones.length > 0) {
    patch.notes.push('geofences are 2D: the imported zones cover every altitude and are always active');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, patch };
}

/** A [lat, lon, ...] vertex, or why it is not one. */
function latLon(v: unknown): [number, number] | string {
  if (!Array.isArray(v) || v.length < 2 || !isNum(v[0]) || !isNum(v[1])) return 'must be [lat, lon] numbers';
  if (v[0] < -90 || v[0] > 90) return `latitude ${v[0]} must be within -90..90 (QGC vertices are [lat, lon])`;
  if (v[1] < -180 || v[1] > 180) return `longitude ${v[1]} must be within -180..180`;
  return [v[0], v[1]];
}

/**
 * Every mission item must be a SimpleItem with a MAV_CMD MAVLink defines, or a ComplexItem; positions must
 * be numbers. Commands MAVLink defines that Skyhaul does not know are skipped with one warning per command.
 */
function checkMissionItems(mission: unknown, err: (path: PropertyKey[], message: string) => void, patch: MissionPatch): void {
  if (mission === undefined) return;
  if (!isObj(mission)) {
    err(['mission'], 'must be an object');
    return;
  }
  if (mission.items === undefined) return;
  if (!Array.isArray(mission.items)) {
    err(['mission', 'items'], 'must be an array');
    return;
  }
  const unknown = new Map<number, number[]>();
  mission.items.forEach((item, i) => {
    const path = ['mission', 'items', i];
    if (!isObj(item)) return err(path, 'must be an object');
    if (item.type === 'ComplexItem') return; // survey / corridor scan: generated geometry, nothing to check here
    if (item.type !== 'SimpleItem') return err([...path, 'type'], `unknown item type ${JSON.stringify(item.type ?? null)} (expected "SimpleItem" or "ComplexItem")`);
    if (!Number.isInteger(item.command)) return err([...path, 'command'], 'must be a MAV_CMD number');
    const command = item.command as number;
    if (!KNOWN_MAV_CMDS.has(command)) {
      if (!MAVLINK_MAV_CMDS.has(command)) return err([...path, 'command'], `unknown MAV_CMD ${String(item.command)}`);
      unknown.set(command, [...(unknown.get(command) ?? []), i]);
    }
    // Mission version 1 files keep the position apart: params [p1..p4] plus coordinate [lat, lon, alt].
    const legacy = Array.isArray(item.params) && item.params.length === 4 && Array.isArray(item.coordinate);
    if (!Array.isArray(item.params) || (item.params.length !== 7 && !legacy)) {
      return err([...path, 'params'], 'must be 7 values [p1, p2, p3, p4, lat, lon, alt]');
    }
    item.params.forEach((p, j) => {
      if (p !== null && !isNum(p)) err([...path, 'params', j], 'must be a number or null');
    });
  });
  for (const [command, at] of unknown) {
    const where = at.map((i) => `mission.items[${i}]`).join(', ');
    warn(
      patch,
      `${where}: MAV_CMD ${command} (${MAVLINK_MAV_CMDS.get(command)}) is not a command Skyhaul knows: skipped (QGroundControl keeps it as an unknown item)`,
    );
  }
}
