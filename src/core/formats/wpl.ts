/**
 * MAVLink waypoint files (`QGC WPL 110`, mavlink.io "File Formats"): a header line, then one line per
 * item with 12 tab-separated fields
 * INDEX CURRENT_WP COORD_FRAME COMMAND PARAM1 PARAM2 PARAM3 PARAM4 LAT LON ALT AUTOCONTINUE.
 * Row 0 is home (absolute altitude). The format has no fence or rally data. Unspecified parameters are
 * written `NaN` (pymavlink, QGroundControl and Mission Planner read it as NaN).
 */
import type { Mission } from '../mission/schema';
import type { DronePlan, Trip } from '../planner/plan';
import { MAV_CMD, MAV_FRAME } from './mavlink';
import { decimal } from './numbers';
import { type MavExportOptions, type TripMission, tripToMission } from './tripMission';

export const WPL_HEADER = 'QGC WPL 110';

export type WplResult = { ok: true; value: string } | { ok: false; path: string; message: string };

export function tripToWpl(mission: Mission, drone: DronePlan, trip: Trip, options: MavExportOptions = {}): WplResult {
  const built = tripToMission(mission, drone, trip, options);
  if (!built.ok) return built;
  return { ok: true, value: wplFromTripMission(built.value) };
}

export function wplFromTripMission(tm: TripMission): string {
  const rows: string[] = [WPL_HEADER];
  rows.push(row([0, 1, MAV_FRAME.GLOBAL, MAV_CMD.NAV_WAYPOINT, 0, 0, 0, 0, tm.home.lat, tm.home.lon, tm.home.amslM, 1]));
  tm.items.forEach((item, i) => {
    // WPL has no null: an unspecified parameter (null in the .plan) is NaN, as MAVLink means it ("keep the
    // yaw mode", "default approach altitude"); 0 would be a real value (yaw 0 turns PX4 to the north).
    const p = item.params.map((v) => v ?? Number.NaN);
    rows.push(row([i + 1, 0, item.frame, item.command, ...p, 1]));
  });
  return `${rows.join('\n')}\n`;
}

function row(fields: number[]): string {
  return fields.map(decimal).join('\t');
}
