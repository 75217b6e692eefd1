/**
 * The MAVLink numbers Skyhaul writes and reads (mavlink.io common.xml): commands, frames, autopilots,
 * vehicle types, and QGroundControl's altitude modes. Named constants so exporters read like the spec.
 */
import type { DroneModel } from '../mission/droneModel';

/** MAV_CMD ids used by the exporters. */
export const MAV_CMD = {
  NAV_WAYPOINT: 16,
  NAV_LOITER_TIME: 19,
  NAV_RETURN_TO_LAUNCH: 20,
  NAV_LAND: 21,
  NAV_TAKEOFF: 22,
  NAV_VTOL_TAKEOFF: 84,
  NAV_VTOL_LAND: 85,
  NAV_DELAY: 93,
  DO_JUMP: 177,
  DO_CHANGE_SPEED: 178,
} as const;

/**
 * Every MAV_CMD a mission item in an imported `.plan` may carry (common.xml mission commands). Anything
 * else is refused: an id we do not know could be a typo or a vendor command we would silently drop.
 */
export const KNOWN_MAV_CMDS: ReadonlyMap<number, string> = new Map([
  [16, 'NAV_WAYPOINT'],
  [17, 'NAV_LOITER_UNLIM'],
  [18, 'NAV_LOITER_TURNS'],
  [19, 'NAV_LOITER_TIME'],
  [20, 'NAV_RETURN_TO_LAUNCH'],
  [21, 'NAV_LAND'],
  [22, 'NAV_TAKEOFF'],
  [23, 'NAV_LAND_LOCAL'],
  [24, 'NAV_TAKEOFF_LOCAL'],
  [30, 'NAV_CONTINUE_AND_CHANGE_ALT'],
  [31, 'NAV_LOITER_TO_ALT'],
  [80, 'NAV_ROI'],
  [82, 'NAV_SPLINE_WAYPOINT'],
  [84, 'NAV_VTOL_TAKEOFF'],
  [85, 'NAV_VTOL_LAND'],
  [92, 'NAV_GUIDED_ENABLE'],
  [93, 'NAV_DELAY'],
  [94, 'NAV_PAYLOAD_PLACE'],
  [112, 'CONDITION_DELAY'],
  [113, 'CONDITION_CHANGE_ALT'],
  [114, 'CONDITION_DISTANCE'],
  [115, 'CONDITION_YAW'],
  [176, 'DO_SET_MODE'],
  [177, 'DO_JUMP'],
  [178, 'DO_CHANGE_SPEED'],
  [179, 'DO_SET_HOME'],
  [181, 'DO_SET_RELAY'],
  [182, 'DO_REPEAT_RELAY'],
  [183, 'DO_SET_SERVO'],
  [184, 'DO_REPEAT_SERVO'],
  [189, 'DO_LAND_START'],
  [194, 'DO_GO_AROUND'],
  [195, 'DO_SET_ROI_LOCATION'],
  [197, 'DO_SET_ROI_NONE'],
  [201, 'DO_SET_ROI'],
  [202, 'DO_DIGICAM_CONFIGURE'],
  [203, 'DO_DIGICAM_CONTROL'],
  [205, 'DO_MOUNT_CONTROL'],
  [206, 'DO_SET_CAM_TRIGG_DIST'],
  [207, 'DO_FENCE_ENABLE'],
  [208, 'DO_PARACHUTE'],
  [211, 'DO_GRIPPER'],
  [212, 'DO_AUTOTUNE_ENABLE'],
  [214, 'DO_SET_CAM_TRIGG_INTERVAL'],
  [223, 'DO_ENGINE_CONTROL'],
  [530, 'SET_CAMERA_MODE'],
  [531, 'SET_CAMERA_ZOOM'],
  [532, 'SET_CAMERA_FOCUS'],
  [1000, 'DO_GIMBAL_MANAGER_PITCHYAW'],
  [2000, 'IMAGE_START_CAPTURE'],
  [2001, 'IMAGE_STOP_CAPTURE'],
  [2500, 'VIDEO_START_CAPTURE'],
  [2501, 'VIDEO_STOP_CAPTURE'],
  [3000, 'DO_VTOL_TRANSITION'],
  [42600, 'DO_WINCH'],
]);

/** MAV_FRAME values. */
export const MAV_FRAME = {
  GLOBAL: 0,
  MISSION: 2,
  GLOBAL_RELATIVE_ALT: 3,
  GLOBAL_TERRAIN_ALT: 10,
} as const;

/** QGroundControl's per-item `AltitudeMode` (and `globalPlanAltitudeMode`). */
export const QGC_ALTITUDE_MODE = { RELATIVE: 1, ABSOLUTE: 2, TERRAIN: 4 } as const;

/** MAV_AUTOPILOT values QGroundControl stores as `firmwareType`. */
export const MAV_AUTOPILOT = { ARDUPILOTMEGA: 3, PX4: 12 } as const;

/** MAV_TYPE values QGroundControl stores as `vehicleType`. */
export const MAV_TYPE = {
  FIXED_WING: 1,
  QUADROTOR: 2,
  HEXAROTOR: 13,
  OCTOROTOR: 14,
  TRICOPTER: 15,
  /** Standard VTOL (separate lift and cruise propulsion, "quadplane"); PX4 reports it as 22. */
  VTOL_FIXEDROTOR: 22,
  DECAROTOR: 35,
  DODECAROTOR: 29,
} as const;

/** MAV_TYPE for a drone model: multirotors by rotor count, fixed-wing VTOLs as a standard VTOL. */
export function vehicleTypeFor(model: Pick<DroneModel, 'kind' | 'rotorCount'>): number {
  if (model.kind === 'fixedwing-vtol') return MAV_TYPE.VTOL_FIXEDROTOR;
  switch (model.rotorCount) {
    case 3:
      return MAV_TYPE.TRICOPTER;
    case 6:
      return MAV_TYPE.HEXAROTOR;
    case 8:
      return MAV_TYPE.OCTOROTOR;
    case 10:
      return MAV_TYPE.DECAROTOR;
    case 12:
      return MAV_TYPE.DODECAROTOR;
    default:
      // 4 rotors, and odd counts MAVLink has no type for: a quadrotor is what ground stations handle best.
      return MAV_TYPE.QUADROTOR;
  }
}
