/**
 * QGroundControl `.plan` files (JSON, fileType "Plan", version 1): one per drone trip, with the
 * mission's no-fly zones as exclusion geofences and the other depots as rally points.
 * Field names follow QGroundControl's "Plan File Format" (mission version 2, geoFence version 2,
 * rallyPoints version 2). Vertices are [lat, lon] there, unlike GeoJSON.
 */
import type { Mission, NoFlyZone } from '../mission/schema';
import type { DronePlan, Trip } from '../planner/plan';
import { MAV_CMD, QGC_ALTITUDE_MODE } from './mavlink';
import { type MavExportOptions, type MavItem, type TripMission, tripToMission } from './tripMission';

export interface QgcSimpleItem {
  type: 'SimpleItem';
  command: number;
  frame: number;
  autoContinue: boolean;
  doJumpId: number;
  params: (number | null)[];
  Altitude?: number;
  AltitudeMode?: number;
  AMSLAltAboveTerrain?: null;
}

export interface QgcFencePolygon {
  inclusion: boolean;
  /** Vertices [lat, lon], not closed (the last vertex is not a copy of the first). */
  polygon: [number, number][];
  version: 1;
}

export interface QgcFenceCircle {
  circle: { center: [number, number]; radius: number };
  inclusion: boolean;
  version: 1;
}

export interface QgcPlanFile {
  fileType: 'Plan';
  version: 1;
  groundStation: string;
  mission: {
    version: 2;
    firmwareType: number;
    vehicleType: number;
    cruiseSpeed: number;
    hoverSpeed: number;
    globalPlanAltitudeMode: number;
    /** [lat, lon, altitude above mean sea level] */
    plannedHomePosition: [number, number, number];
    items: QgcSimpleItem[];
  };
  geoFence: { version: 2; polygons: QgcFencePolygon[]; circles: QgcFenceCircle[] };
  rallyPoints: { version: 2; points: [number, number, number][] };
}

export type QgcPlanResult = { ok: true; value: QgcPlanFile } | { ok: false; path: string; message: string };

/** The `.plan` document for one trip. */
export function tripToQgcPlan(mission: Mission, drone: DronePlan, trip: Trip, options: MavExportOptions = {}): QgcPlanResult {
  const built = tripToMission(mission, drone, trip, options);
  if (!built.ok) return built;
  return { ok: true, value: qgcPlanFromTripMission(mission, built.value) };
}

/** Stable JSON text of a `.plan` (QGroundControl writes 4-space indents; any JSON reader is fine). */
export function qgcPlanText(plan: QgcPlanFile): string {
  return `${JSON.stringify(plan, null, 4)}\n`;
}

export function qgcPlanFromTripMission(mission: Mission, tm: TripMission): QgcPlanFile {
  const altitudeMode = tm.altitudeFrame === 'amsl' ? QGC_ALTITUDE_MODE.ABSOLUTE : QGC_ALTITUDE_MODE.RELATIVE;
  // Rally points hover at the lowest cruise layer above their depot (altitude above home, per QGC).
  const rallyAltM = Math.min(...mission.settings.cruiseAltitudesM);
  return {
    fileType: 'Plan',
    version: 1,
    groundStation: 'QGroundControl',
    mission: {
      version: 2,
      firmwareType: tm.firmwareType,
      vehicleType: tm.vehicleType,
      cruiseSpeed: tm.cruiseSpeedMps,
      hoverSpeed: tm.hoverSpeedMps,
      globalPlanAltitudeMode: altitudeMode,
      plannedHomePosition: [tm.home.lat, tm.home.lon, tm.home.amslM],
      items: tm.items.map((item, i) => qgcItem(item, i + 1, altitudeMode)),
    },
    geoFence: {
      version: 2,
      polygons: mission.noFlyZones.flatMap((z) => fencePolygon(z)),
      circles: mission.noFlyZones.flatMap((z) => fenceCircle(z)),
    },
    rallyPoints: {
      version: 2,
      points: mission.depots
        .filter((d) => d.id !== tm.depotId)
        .map((d): [number, number, number] => [d.position[1], d.position[0], rallyAltM]),
    },
  };
}

function qgcItem(item: MavItem, doJumpId: number, altitudeMode: number): QgcSimpleItem {
  const out: QgcSimpleItem = {
    type: 'SimpleItem',
    command: item.command,
    frame: item.frame,
    autoContinue: true,
    doJumpId,
    params: [...item.params],
  };
  // QGC keeps Altitude/AltitudeMode only on items that have a position; RTL and DO_* have none.
  if (item.positional && item.command !== MAV_CMD.NAV_RETURN_TO_LAUNCH) {
    out.Altitude = item.params[6];
    out.AltitudeMode = altitudeMode;
    out.AMSLAltAboveTerrain = null;
  }
  return out;
}

/**
 * A zone's outer ring as an exclusion polygon. Holes are dropped: excluding the whole outline is the
 * conservative reading. Altitude bands and active windows have no place in a 2D geofence and are lost.
 */
function fencePolygon(z: NoFlyZone): QgcFencePolygon[] {
  if (z.shape.type !== 'Polygon') return [];
  const ring = z.shape.coordinates[0].slice(0, -1);
  return [{ inclusion: false, polygon: ring.map(([lng, lat]): [number, number] => [lat, lng]), version: 1 }];
}

function fenceCircle(z: NoFlyZone): QgcFenceCircle[] {
  if (z.shape.type !== 'Circle') return [];
  return [{ circle: { center: [z.shape.center[1], z.shape.center[0]], radius: z.shape.radiusM }, inclusion: false, version: 1 }];
}
