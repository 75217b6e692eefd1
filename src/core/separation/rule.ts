/**
 * The separation rule, one piece of code for the planner (strategic check of planned 4D trajectories)
 * and the simulator (loss-of-separation monitor, step by step):
 *
 * - In the open sky two drones are in loss when, at the same instant, they are closer than the
 *   mission's horizontal minimum AND closer than its vertical minimum.
 * - In a depot terminal, a drone climbing from or descending to its pad flies in that pad's vertical
 *   column. Two drones in the columns of two different pads are kept apart by the pads themselves (at
 *   least MIN_PAD_SPACING_M between pad centres), so the open-sky minima do not apply between them.
 *   Every other pair, including two drones over the SAME pad and a column drone against any drone
 *   outside a column, is held to the open-sky minima. There is no other waiver.
 */

export interface SeparationMinima {
  horizontalM: number;
  verticalM: number;
}

/**
 * What plans (and the simulator's clearance checks) keep on top of the minima: a flown trajectory
 * differs from its plan by a little (a pace that reaches each waypoint on time, not each instant), and
 * a plan that keeps exactly the minimum would lose it to a centimetre. The monitor checks the minima.
 */
export const PLANNING_BUFFER = { horizontalM: 10, verticalM: 2 } as const;

/** The minima plans are made with: the mission's plus the planning buffer. */
export function planningMinima(min: SeparationMinima): SeparationMinima {
  if (!(min.horizontalM > 0 && min.verticalM > 0)) return min;
  return { horizontalM: min.horizontalM + PLANNING_BUFFER.horizontalM, verticalM: min.verticalM + PLANNING_BUFFER.verticalM };
}

/** A drone that is not in a pad column. */
export const NO_COLUMN = -1;

/** Whether the pad-column rule keeps this pair apart (both in columns, of different pads). */
export function separatedByPads(columnA: number, columnB: number): boolean {
  return columnA !== NO_COLUMN && columnB !== NO_COLUMN && columnA !== columnB;
}

export interface IntervalLoss {
  /** Share of the interval (0..1) at the closest horizontal approach while both minima are broken. */
  s: number;
  horizontalM: number;
  verticalM: number;
}

/**
 * Loss of separation while the relative position moves linearly, r(s) = r0 + dr * s for s in [0, 1]:
 * the times with horizontal distance below the minimum form one interval (a quadratic), those with
 * vertical distance below the minimum another (linear); a loss is their overlap. Returns the closest
 * horizontal approach inside the overlap, or undefined. `instant` (a zero-length interval) accepts a
 * single point of overlap.
 */
export function lossInInterval(
  rx: number,
  ry: number,
  rz: number,
  dx: number,
  dy: number,
  dz: number,
  min: SeparationMinima,
  instant = false,
): IntervalLoss | undefined {
  const H = min.horizontalM;
  const V = min.verticalM;
  if (!(H > 0 && V > 0)) return undefined;
  const A = dx * dx + dy * dy;
  const B = 2 * (rx * dx + ry * dy);
  const C = rx * rx + ry * ry - H * H;
  let hLo: number;
  let hHi: number;
  if (A < 1e-12) {
    if (C >= 0) return undefined;
    hLo = 0;
    hHi = 1;
  } else {
    const disc = B * B - 4 * A * C;
    if (disc <= 0) return undefined;
    const sq = Math.sqrt(disc);
    hLo = Math.max(0, (-B - sq) / (2 * A));
    hHi = Math.min(1, (-B + sq) / (2 * A));
    if (hLo >= hHi) return undefined;
  }
  let vLo: number;
  let vHi: number;
  if (Math.abs(dz) < 1e-12) {
    if (Math.abs(rz) >= V) return undefined;
    vLo = 0;
    vHi = 1;
  } else {
    const s1 = (-V - rz) / dz;
    const s2 = (V - rz) / dz;
    vLo = Math.max(0, Math.min(s1, s2));
    vHi = Math.min(1, Math.max(s1, s2));
  }
  const lo = Math.max(hLo, vLo);
  const hi = Math.min(hHi, vHi);
  if (!(hi > lo) && !(instant && hi >= lo)) return undefined;
  let s = A > 1e-12 ? -B / (2 * A) : lo;
  s = Math.min(hi, Math.max(lo, s));
  return { s, horizontalM: Math.hypot(rx + dx * s, ry + dy * s), verticalM: Math.abs(rz + dz * s) };
}
