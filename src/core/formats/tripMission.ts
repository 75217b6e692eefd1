/**
 * One planned trip as an autopilot mission: the neutral item list that both the QGroundControl `.plan`
 * and the MAVLink `QGC WPL 110` writers serialise.
 *
 * The plan's waypoints are a 4D polyline per leg (src/core/planner/plan.ts: at an order, the descent ends
 * at the drop height at `arriveS` and a last waypoint at the same spot marks the drop done at `doneS`).
 * Autopilots think in commands instead, so:
 * - the vertical climb over the depot becomes a take-off to the top of that climb;
 * - every other waypoint becomes a NAV_WAYPOINT at its position and altitude; where the plan hovers in
 *   place (two waypoints at one spot, e.g. waiting at cruise altitude for a promise window) the second
 *   becomes a NAV_LOITER_TIME for the hover's seconds;
 * - a hover drop (winch, hover-release): NAV_WAYPOINT at the drop point, the release command of the drone
 *   model (DO_WINCH, DO_GRIPPER, DO_SET_SERVO or NAV_PAYLOAD_PLACE, see releaseFor), then NAV_LOITER_TIME
 *   over the drop point for the planned drop seconds (doneS - arriveS), after which the mission continues
 *   (for an ArduPilot winch, which has no WINCH_DELIVER, a second DO_WINCH reels the line back in first);
 * - a landing (a `land` drop, or the end of the trip) becomes NAV_LAND; a `land` drop adds the release
 *   command on the ground, a NAV_DELAY for the rest of the planned drop and a new take-off;
 * - the trip ends with NAV_LAND at the landing depot (or RETURN_TO_LAUNCH when asked and it lands home).
 * Parameters that are `null` mean NaN in MAVLink ("unspecified": keep the current yaw mode, use the default
 * approach altitude); the `.plan` writes null, as QGroundControl does, and WPL writes NaN.
 */
import type { DropMethod, Mission } from '../mission/schema';
import type { DroneModel, PayloadRelease } from '../mission/droneModel';
import type { DronePlan, Trip, Waypoint } from '../planner/plan';
import { createFrame } from '../geo/frame';
import { missionTerrain } from '../terrain/model';
import { GRIPPER_ACTION, MAV_AUTOPILOT, MAV_CMD, MAV_FRAME, WINCH_ACTION, vehicleTypeFor } from './mavlink';

/** Two waypoints closer than this horizontally are "the same spot" (a vertical climb or descent). */
export const SAME_SPOT_M = 0.5;
/** Altitudes below this are on the ground. */
export const GROUND_M = 0.5;
/** Two waypoints at the same spot closer than this vertically are at the same altitude (a hover). */
export const SAME_ALT_M = 0.05;
/** A hover in place shorter than this is not worth a NAV_LOITER_TIME (the plan's times are rounded to ms). */
export const MIN_HOVER_S = 0.5;
/** DO_SET_SERVO defaults when a model's `payloadRelease` names a servo without saying which or how far. */
export const RELEASE_SERVO_DEFAULT = { servo: 9, pwm: 1900 } as const;
/** QGroundControl's hover speed for a fixed-wing VTOL when none is given (its multicopter-mode speed). */
export const VTOL_HOVER_SPEED_MPS = 5;

export interface MavExportOptions {
  /**
   * `relative` (default): altitudes above the take-off ground (home), MAV_FRAME 3 (QGC AltitudeMode 1).
   * `amsl`: above mean sea level (frame 0, AltitudeMode 2): home's ground AMSL + the relative altitude.
   */
  altitudeFrame?: 'relative' | 'amsl';
  /**
   * Ground elevation above mean sea level at the depots, for a mission without terrain. Default 0.
   * Ignored when the mission has `terrain`: then home's ground comes from it.
   */
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

/** A MAVLink parameter; null is NaN ("unspecified": keep the current yaw mode, use the default). */
export type MavParam = number | null;

/** One mission item; `params` are MAVLink's param1..4, x (lat), y (lon), z (alt) in the item's frame. */
export interface MavItem {
  command: number;
  frame: number;
  /** [p1, p2, p3, p4, lat, lon, alt]; null where MAVLink means NaN (yaw: keep the current heading). */
  params: [MavParam, MavParam, MavParam, MavParam, number, number, number];
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

/**
 * The parcel release a drone model uses for a drop: the model's `payloadRelease` when it has one, else by
 * the drop method (winch: DO_WINCH deliver; hover-release and land: DO_GRIPPER release). A `land` drop
 * lands, so a model set to a hover release (`winch`, `payload-place`) lets go with its gripper there.
 */
export function releaseFor(model: Pick<DroneModel, 'payloadRelease'>, drop: DropMethod): PayloadRelease {
  const r = model.payloadRelease;
  if (drop === 'land') return r && (r.command === 'gripper' || r.command === 'servo') ? r : { command: 'gripper' };
  return r ?? (drop === 'winch' ? { command: 'winch' } : { command: 'gripper' });
}

/** Seconds rounded to the millisecond (the plan's resolution), without the float noise of a difference. */
const secondsMs = (s: number) => Math.max(0, Math.round(s * 1000) / 1000);

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
  // Plan altitudes are above the mission datum (the ground at the origin; the ground itself without
  // terrain). Items are written above home's ground (relative) or above sea level (amsl).
  const terrain = missionTerrain(mission);
  const missionFrame = terrain ? createFrame(mission.origin) : undefined;
  const groundZ = (lng: number, lat: number): number => {
    if (!terrain || !missionFrame) return 0;
    const p = missionFrame.toLocal([lng, lat]);
    return terrain.groundZ(p.x, p.y);
  };
  const homeZ = groundZ(home.position[0], home.position[1]);
  const groundAmslM = terrain ? homeZ + terrain.datumM : (options.groundAmslM ?? 0);
  const offset = altitudeFrame === 'amsl' ? groundAmslM : 0;
  /** Height above the ground under a waypoint (what "on the ground" and drop heights mean). */
  const aboveGround = (w: Waypoint) => w[2] - groundZ(w[0], w[1]);
  const navFrame = altitudeFrame === 'amsl' ? MAV_FRAME.GLOBAL : MAV_FRAME.GLOBAL_RELATIVE_ALT;
  const vtol = model.kind === 'fixedwing-vtol';
  const frame = createFrame(home.position);
  const horizontalM = (a: Waypoint, b: Waypoint) => {
    const pa = frame.toLocal([a[0], a[1]]);
    const pb = frame.toLocal([b[0], b[1]]);
    return Math.hypot(pa.x - pb.x, pa.y - pb.y);
  };
  /** Same spot and same altitude: the drone hovers between the two. */
  const samePlace = (a: Waypoint, b: Waypoint) => horizontalM(a, b) < SAME_SPOT_M && Math.abs(a[2] - b[2]) < SAME_ALT_M;

  const items: MavItem[] = [];
  const nav = (command: number, p: [MavParam, MavParam, MavParam, MavParam], w: Waypoint, altM = w[2]) =>
    items.push({ command, frame: navFrame, params: [...p, w[1], w[0], altM - homeZ + offset], positional: true });
  const plain = (command: number, p: [number, number, number, number]) =>
    items.push({ command, frame: MAV_FRAME.MISSION, params: [...p, 0, 0, 0], positional: false });
  const ardupilot = options.firmware === 'ardupilot';
  /** The release at the drop point; returns what to do when the hold is over (ArduPilot winch: reel in). */
  const release = (r: PayloadRelease, at: Waypoint): (() => void) | undefined => {
    switch (r.command) {
      case 'gripper':
        plain(MAV_CMD.DO_GRIPPER, [r.instance ?? 1, GRIPPER_ACTION.RELEASE, 0, 0]);
        return undefined;
      case 'winch': {
        const instance = r.instance ?? 1;
        if (!ardupilot) {
          // WINCH_DELIVER: drop, slow down, touch down, reel up, lock (length and rate are not used).
          plain(MAV_CMD.DO_WINCH, [instance, WINCH_ACTION.DELIVER, 0, 0]);
          return undefined;
        }
        // ArduPilot's winch takes relax / length / rate only: lower the drop height (down to the ground,
        // where the hook lets go), and reel the same length back in when the hold is over. Rate 0: its default.
        plain(MAV_CMD.DO_WINCH, [instance, WINCH_ACTION.RELATIVE_LENGTH_CONTROL, aboveGround(at), 0]);
        return () => plain(MAV_CMD.DO_WINCH, [instance, WINCH_ACTION.RELATIVE_LENGTH_CONTROL, -aboveGround(at), 0]);
      }
      case 'servo':
        plain(MAV_CMD.DO_SET_SERVO, [r.servo ?? RELEASE_SERVO_DEFAULT.servo, r.pwm ?? RELEASE_SERVO_DEFAULT.pwm, 0, 0]);
        return undefined;
      case 'payload-place':
        // Descends at most the drop height (down to the ground) until the hanging parcel touches it.
        nav(MAV_CMD.NAV_PAYLOAD_PLACE, [r.maxDescentM ?? aboveGround(at), 0, 0, 0], at);
        return undefined;
    }
  };

  const acceptance = options.acceptanceRadiusM ?? 0;
  const cruiseSpeedMps = model.cruiseAirspeedMps;
  const hoverSpeedMps = options.hoverSpeedMps ?? (vtol ? Math.min(VTOL_HOVER_SPEED_MPS, cruiseSpeedMps) : cruiseSpeedMps);
  const takeoffCmd = vtol ? MAV_CMD.NAV_VTOL_TAKEOFF : MAV_CMD.NAV_TAKEOFF;
  const landCmd = vtol ? MAV_CMD.NAV_VTOL_LAND : MAV_CMD.NAV_LAND;

  let onGround = true;
  let current: Waypoint | undefined;
  let speedSet = false;

  /** Airborne waypoints from..to as NAV_WAYPOINTs; a hover in place as NAV_LOITER_TIME for its seconds. */
  const flyThrough = (wps: readonly Waypoint[], from: number, to: number) => {
    for (let w = from; w <= to; w++) {
      const p = wps[w];
      if (aboveGround(p) < GROUND_M) continue;
      if (current && samePlace(current, p)) {
        const hoverS = secondsMs(p[3] - current[3]);
        // p2 heading required 0, p3 radius 0 (hover), p4 exit cross-track 0.
        if (hoverS >= MIN_HOVER_S) nav(MAV_CMD.NAV_LOITER_TIME, [hoverS, 0, 0, 0], p);
      } else {
        nav(MAV_CMD.NAV_WAYPOINT, [0, acceptance, 0, null], p);
      }
      current = p;
    }
  };

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
      const takeoffAltM = columnTop - groundZ(wps[0][0], wps[0][1]) >= GROUND_M ? columnTop : (next?.[2] ?? homeZ + leg.cruiseAltitudeM);
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
      while (i < wps.length && current && samePlace(wps[i], current)) i++;
    }

    const n = wps.length;
    const last = wps[n - 1];
    const endsOnGround = aboveGround(last) < GROUND_M;
    const toOrder = leg.to.kind === 'order';
    const order = toOrder ? ordersById.get(leg.to.id) : undefined;
    const isFinalLeg = legIndex === trip.legs.length - 1;
    const mustLand = endsOnGround || !toOrder || order?.drop === 'land';
    // The drop point is reached with the first of the trailing waypoints at the last one's place.
    let reach = n - 1;
    while (reach > 0 && samePlace(wps[reach - 1], last)) reach--;
    // Planned time at the drop point: from reaching it (never before arriveS) to doneS.
    const dropS = secondsMs(leg.doneS - Math.max(leg.arriveS, wps[reach][3]));

    if (!mustLand) {
      // A hover drop: reach the drop point, release, hold for the planned drop time.
      flyThrough(wps, i, reach);
      if (!current || !samePlace(current, last)) {
        nav(MAV_CMD.NAV_WAYPOINT, [0, acceptance, 0, null], last);
        current = last;
      }
      const afterHold = release(releaseFor(model, order?.drop ?? 'winch'), last);
      nav(MAV_CMD.NAV_LOITER_TIME, [dropS, 0, 0, 0], last);
      afterHold?.();
      current = last;
      return;
    }

    // The trailing column: the descent straight down onto the destination (from its top, including a
    // hover at the top, e.g. a wait for the promise window before a land drop).
    let k = n - 1;
    if (endsOnGround) {
      while (k - 1 >= i && horizontalM(wps[k - 1], last) < SAME_SPOT_M) k--;
      while (k + 1 < n && aboveGround(wps[k + 1]) >= GROUND_M && samePlace(wps[k + 1], wps[k])) k++;
    }
    flyThrough(wps, i, k);

    const landsHome = isFinalLeg && trip.landDepotId === trip.depotId;
    if (isFinalLeg && options.finish === 'rtl' && landsHome) {
      plain(MAV_CMD.NAV_RETURN_TO_LAUNCH, [0, 0, 0, 0]);
    } else {
      // p3: a VTOL's approach altitude, NaN = the autopilot's default; p4 yaw NaN = keep the heading mode.
      nav(landCmd, [0, 0, vtol ? null : 0, null], last, groundZ(last[0], last[1]));
    }
    current = [last[0], last[1], groundZ(last[0], last[1]), last[3]];
    onGround = true;
    if (!isFinalLeg) {
      // A `land` drop: release on the ground, wait there for the rest of the planned drop, then take off
      // again (next leg).
      if (order) release(releaseFor(model, 'land'), current);
      plain(MAV_CMD.NAV_DELAY, [dropS, -1, -1, -1]);
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
