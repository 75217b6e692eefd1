/**
 * One planned trip as an autopilot mission: the neutral item list that both the QGroundControl `.plan`
 * and the MAVLink `QGC WPL 110` writers serialise.
 *
 * The plan's waypoints are a 4D polyline per leg. Autopilots think in commands instead, so:
 * - the vertical climb over the depot becomes a take-off to the top of that climb;
 * - every other waypoint becomes a NAV_WAYPOINT at its position and altitude;
 * - a hover drop (winch, hover-release) becomes a NAV_LOITER_TIME over the drop point holding for the
 *   planned drop seconds, after which the mission continues;
 * - a landing (a `land` drop, or the end of the trip) becomes NAV_LAND, and a `land` drop adds a
 *   NAV_DELAY on the ground and a new take-off;
 * - the trip ends with NAV_LAND at the landing depot (or RETURN_TO_LAUNCH when asked and it lands home).
 */
import type { Mission } from '../mission/schema';
import type { DronePlan, Trip, Waypoint } from '../planner/plan';
import { createFrame } from '../geo/frame';
import { MAV_CMD, MAV_FRAME, vehicleTypeFor, MAV_AUTOPILOT } from './mavlink';

/** Two waypoints closer than this horizontally are "the same spot" (a vertical climb or descent). */
export const SAME_SPOT_M = 0.5;
/** Altitudes below this are on the ground. */
export const GROUND_M = 0.5;
/** QGroundControl's hover speed for a fixed-wing VTOL when none is given (its multicopter-mode speed). */
export const VTOL_HOVER_SPEED_MPS = 5;

export interface MavExportOptions {
  /**
   * `relative` (default): altitudes above the take-off ground, MAV_FRAME 3 (QGC AltitudeMode 1), as the
   * plan stores them. `amsl`: above mean sea level (frame 0, AltitudeMode 2), adding `groundAmslM`.
   */
  altitudeFrame?: 'relative' | 'amsl';
  /** Ground elevation above mean sea level at the depots (Skyhaul has no terrain model yet). Default 0. */
  groundAmslM?: number;
  /** Autopilot the file is for: `px4` (default) or `ardupilot`. */
  firmware?: 'px4' | 'ardupilot';
  /** End with NAV_LAND at the landing depot (default), or RETURN_TO_LAUNCH when the trip lands at home. */
  finish?: 'land' | 'rtl';
  /** NAV_WAYPOINT acceptance radius; 0 lets the autopilot use its default. */
  acceptanceRadiusM?: number;
  /** Override the hover speed written to the file. */
  hoverSpeedMps?: number;
}

/** One mission item; `params` are MAVLink's param1..4, x (lat), y (lon), z (alt) in the item's frame. */
export interface MavItem {
  command: number;
  frame: number;
  /** [p1, p2, p3, p4, lat, lon, alt]; p4 (yaw) is null where "keep the current heading" is meant. */
  params: [number, number, number, number | null, number, number, number];
  /** Whether the item has a position (navigation command) or is a plain command (frame 2). */
  positional: boolean;
}

export interface TripMission {
  droneId: string;
  tripId: string;
  /** The departure depot (home). */
  depotId: string;
  /** Home: the departure depot on the ground, altitude above mean sea level. */
  home: { lat: number; lon: number; amslM: number };
  items: MavItem[];
  firmwareType: number;
  vehicleType: number;
  cruiseSpeedMps: number;
  hoverSpeedMps: number;
  altitudeFrame: 'relative' | 'amsl';
  /** Added to the plan's relative altitudes in the items (0 in the relative frame). */
  altitudeOffsetM: number;
}

export type TripMissionResult = { ok: true; value: TripMission } | { ok: false; path: string; message: string };

/** Build the mission items for one trip of one drone. */
export function tripToMission(
  mission: Mission,
  drone: DronePlan,
  trip: Trip,
  options: MavExportOptions = {},
): TripMissionResult {
  const model = mission.droneModels.find((m) => m.id === drone.modelId);
  if (!model) return { ok: false, path: `drones[${drone.droneId}].modelId`, message: `unknown drone model "${drone.modelId}"` };
  const home = mission.depots.find((d) => d.id === trip.depotId);
  if (!home) return { ok: false, path: `trips[${trip.tripId}].depotId`, message: `unknown depot "${trip.depotId}"` };
  const ordersById = new Map(mission.orders.map((o) => [o.id, o]));

  const altitudeFrame = options.altitudeFrame ?? 'relative';
  const groundAmslM = options.groundAmslM ?? 0;
  const offset = altitudeFrame === 'amsl' ? groundAmslM : 0;
  const navFrame = altitudeFrame === 'amsl' ? MAV_FRAME.GLOBAL : MAV_FRAME.GLOBAL_RELATIVE_ALT;
  const vtol = model.kind === 'fixedwing-vtol';
  const frame = createFrame(home.position);
  const horizontalM = (a: Waypoint, b: Waypoint) => {
    const pa = frame.toLocal([a[0], a[1]]);
    const pb = frame.toLocal([b[0], b[1]]);
    return Math.hypot(pa.x - pb.x, pa.y - pb.y);
  };

  const items: MavItem[] = [];
  const nav = (command: number, p: [number, number, number, number | null], w: Waypoint, altM = w[2]) =>
    items.push({ command, frame: navFrame, params: [...p, w[1], w[0], altM + offset], positional: true });
  const plain = (command: number, p: [number, number, number, number]) =>
    items.push({ command, frame: MAV_FRAME.MISSION, params: [...p, 0, 0, 0], positional: false });

  const acceptance = options.acceptanceRadiusM ?? 0;
  const cruiseSpeedMps = model.cruiseAirspeedMps;
  const hoverSpeedMps = options.hoverSpeedMps ?? (vtol ? Math.min(VTOL_HOVER_SPEED_MPS, cruiseSpeedMps) : cruiseSpeedMps);
  const takeoffCmd = vtol ? MAV_CMD.NAV_VTOL_TAKEOFF : MAV_CMD.NAV_TAKEOFF;
  const landCmd = vtol ? MAV_CMD.NAV_VTOL_LAND : MAV_CMD.NAV_LAND;

  let onGround = true;
  let current: Waypoint | undefined;
  let speedSet = false;

  trip.legs.forEach((leg, legIndex) => {
    const wps = leg.waypoints;
    let i = 0;
    if (onGround) {
      // The leading column: waypoints straight above the first one (the climb out).
      let j = 0;
      while (j + 1 < wps.length && horizontalM(wps[j + 1], wps[0]) < SAME_SPOT_M) j++;
      const columnTop = Math.max(...wps.slice(0, j + 1).map((w) => w[2]));
      const next = wps[j + 1];
      // No climb in the plan (it leaves the ground on a slant): climb to where it is going next.
      const takeoffAltM = columnTop >= GROUND_M ? columnTop : (next?.[2] ?? leg.cruiseAltitudeM);
      nav(takeoffCmd, [0, 0, 0, null], wps[0], takeoffAltM);
      current = [wps[0][0], wps[0][1], takeoffAltM, wps[j][3]];
      onGround = false;
      i = j + 1;
      if (!speedSet) {
        // Speed type: 0 airspeed (fixed-wing cruise), 1 ground speed (multirotors have no airspeed sensor).
        plain(MAV_CMD.DO_CHANGE_SPEED, [vtol ? 0 : 1, cruiseSpeedMps, -1, 0]);
        speedSet = true;
      }
    } else {
      // Airborne continuation: skip the points where the drone already is.
      while (i < wps.length && current && horizontalM(wps[i], current) < SAME_SPOT_M && Math.abs(wps[i][2] - current[2]) < 0.05) i++;
    }

    const n = wps.length;
    const last = wps[n - 1];
    const endsOnGround = last[2] < GROUND_M;
    const toOrder = leg.to.kind === 'order';
    const order = toOrder ? ordersById.get(leg.to.id) : undefined;
    const isFinalLeg = legIndex === trip.legs.length - 1;
    const mustLand = endsOnGround || !toOrder || order?.drop === 'land';

    // The trailing column: the descent straight down onto the destination.
    let k = n - 1;
    if (endsOnGround) while (k - 1 >= i && horizontalM(wps[k - 1], last) < SAME_SPOT_M) k--;
    const lastAirborne = endsOnGround ? k : n - 1;
    for (let w = i; w <= lastAirborne && w < n; w++) {
      if (wps[w][2] < GROUND_M) continue;
      const isDropHover = toOrder && !mustLand && w === n - 1;
      if (isDropHover) {
        const holdS = Math.max(0, leg.doneS - Math.max(leg.arriveS, wps[w][3]));
        // p2 heading required 0, p3 radius 0 (hover), p4 exit cross-track 0.
        nav(MAV_CMD.NAV_LOITER_TIME, [holdS, 0, 0, 0], wps[w]);
      } else {
        nav(MAV_CMD.NAV_WAYPOINT, [0, acceptance, 0, null], wps[w]);
      }
      current = wps[w];
    }
    if (!mustLand) return;

    const landsHome = isFinalLeg && trip.landDepotId === trip.depotId;
    if (isFinalLeg && options.finish === 'rtl' && landsHome) {
      plain(MAV_CMD.NAV_RETURN_TO_LAUNCH, [0, 0, 0, 0]);
    } else {
      nav(landCmd, [0, 0, 0, null], last, 0);
    }
    current = [last[0], last[1], 0, last[3]];
    onGround = true;
    if (!isFinalLeg) {
      // A `land` drop: wait on the ground for the rest of the planned drop, then take off again (next leg).
      const groundS = Math.max(0, leg.doneS - Math.max(leg.arriveS, last[3]));
      plain(MAV_CMD.NAV_DELAY, [groundS, -1, -1, -1]);
    }
  });

  const firmwareType = options.firmware === 'ardupilot' ? MAV_AUTOPILOT.ARDUPILOTMEGA : MAV_AUTOPILOT.PX4;
  return {
    ok: true,
    value: {
      droneId: drone.droneId,
      tripId: trip.tripId,
      depotId: home.id,
      home: { lat: home.position[1], lon: home.position[0], amslM: groundAmslM },
      items,
      firmwareType,
      vehicleType: vehicleTypeFor(model),
      cruiseSpeedMps,
      hoverSpeedMps,
      altitudeFrame,
      altitudeOffsetM: offset,
    },
  };
}
