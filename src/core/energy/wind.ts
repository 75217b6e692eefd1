/**
 * The wind triangle. The drone holds its airspeed V_a along the track; the wind splits into an
 * along-track part w_a (tailwind positive) and a crosswind part w_c. To stay on track the drone
 * crabs into the crosswind, so its ground speed is v_g = sqrt(V_a^2 - w_c^2) + w_a.
 * Power follows airspeed, time follows ground speed: E = P(V_a) d / v_g.
 */

export interface WindInput {
  speedMps: number;
  /** Meteorological convention: the direction the wind blows FROM, degrees clockwise from north. */
  fromDeg: number;
  /** Gust speed; only compared with the model's wind limit. */
  gustMps?: number;
}

const DEG = Math.PI / 180;

/** The vector the air moves along (east, north), m/s: it blows towards fromDeg + 180. */
export function windVelocity(wind: WindInput): { x: number; y: number } {
  const from = wind.fromDeg * DEG;
  return { x: -wind.speedMps * Math.sin(from), y: -wind.speedMps * Math.cos(from) };
}

export type GroundSpeed =
  | { ok: true; groundSpeedMps: number; tailwindMps: number; crosswindMps: number }
  | { ok: false; reason: string };

/**
 * Ground speed along a track with unit direction (ux, uy) for the given air velocity (wx, wy).
 * Plain numbers so hot loops need no objects; see groundSpeedOnBearing for the friendly form.
 */
export function groundSpeedMps(airspeedMps: number, ux: number, uy: number, wx: number, wy: number): number {
  const along = wx * ux + wy * uy;
  const cross = wx * uy - wy * ux;
  const c2 = airspeedMps * airspeedMps - cross * cross;
  // No heading keeps the drone on track when the crosswind matches its airspeed: report no ground speed.
  return c2 <= 0 ? 0 : Math.sqrt(c2) + along;
}

/** The wind triangle for a track bearing (degrees clockwise from north), with the reason when infeasible. */
export function groundSpeedOnBearing(airspeedMps: number, trackBearingDeg: number, wind: WindInput): GroundSpeed {
  const ux = Math.sin(trackBearingDeg * DEG);
  const uy = Math.cos(trackBearingDeg * DEG);
  const w = windVelocity(wind);
  const tailwindMps = w.x * ux + w.y * uy;
  const crosswindMps = Math.abs(w.x * uy - w.y * ux);
  if (crosswindMps >= airspeedMps) {
    return { ok: false, reason: crosswindReason(crosswindMps, airspeedMps) };
  }
  const g = Math.sqrt(airspeedMps * airspeedMps - crosswindMps * crosswindMps) + tailwindMps;
  if (g <= 0) return { ok: false, reason: headwindReason(-tailwindMps, airspeedMps) };
  return { ok: true, groundSpeedMps: g, tailwindMps, crosswindMps };
}

/** Why a leg cannot be flown in this wind at all, or undefined when the wind is within the limit. */
export function windLimitReason(wind: WindInput, maxWindMps: number): string | undefined {
  const strongest = Math.max(wind.speedMps, wind.gustMps ?? 0);
  if (strongest > maxWindMps) {
    const what = strongest === wind.speedMps ? 'wind' : 'gusts';
    return `${what} of ${fmt(strongest)} m/s exceed the model's limit maxWindMps = ${fmt(maxWindMps)} m/s`;
  }
  return undefined;
}

export function crosswindReason(crosswindMps: number, airspeedMps: number): string {
  return `crosswind ${fmt(crosswindMps)} m/s is not below the airspeed ${fmt(airspeedMps)} m/s: the drone cannot hold its track`;
}

export function headwindReason(headwindMps: number, airspeedMps: number): string {
  return `headwind ${fmt(headwindMps)} m/s at airspeed ${fmt(airspeedMps)} m/s leaves no ground speed`;
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
