/**
 * Phases: the pieces a flight is made of. Each moves the drone in a straight line (vertical, cruise)
 * or keeps it in place (hover in the air, wait on the ground) at one constant speed and power, so a
 * trace sample at each phase boundary describes the motion exactly.
 */
import { NO_COLUMN } from '../separation/rule';
import { S } from './states';

export const WAIT = 0;
export const VERTICAL = 1;
export const CRUISE = 2;
export const HOVER = 3;
/** What a phase does (numbers, not strings: the clock compares them for every drone at every step). */
export type PhaseKind = typeof WAIT | typeof VERTICAL | typeof CRUISE | typeof HOVER;

export interface Phase {
  kind: PhaseKind;
  /** State code while in this phase. */
  state: number;
  /** Target position (vertical / cruise); hover and wait keep the position. */
  x: number;
  y: number;
  z: number;
  /** Wait: absolute end. Hover: planned duration. */
  untilS: number;
  /** Hover: do not end before this time (the order's window opening). */
  minEndS: number;
  payloadKg: number;
  /** Energy the phase costs under the forecast wind (for the reserve prediction). */
  planWh: number;
  /** Sum of planWh of the phases after this one in the same trip. */
  planAfterWh: number;
  /** Wait: charging power (energy added per second x 3600). */
  chargeW: number;
  /** Deliver this order when the phase ends. */
  orderId: string | null;
  /** The trip ends on the ground at this depot when the phase ends. */
  landDepotId: string | null;
  /** Battery full at the end (swap / charge done). */
  fullAtEnd: boolean;
  /** The phase ends the drone's service (emergency landing). */
  terminal: boolean;
  /** A vertical move in a pad's column: that pad's id (separation rule), else NO_COLUMN. */
  column: number;
  /**
   * When the plan has the drone reach this phase's target, mission seconds (before the trip's take-off
   * delay is added); NaN for phases with no schedule (simulator-made routes, waits).
   */
  planEndS: number;
  /** An approach (the way home from the last drop, the descent onto the pad): clearance is checked before it. */
  approach: boolean;
  /** Part of the way home: clearance is checked again at every restart of a cruise (each gust period). */
  homeward: boolean;
}

export const LOADING_S = 60;
/** A climb from the ground is "take-off" for its first metres, then "climb". */
export const TAKEOFF_M = 10;
/** Simulator-made delivery trips: drop altitude and duration by drop method. */
export const DROP_ALT_M = { land: 0, winch: 15, 'hover-release': 8 } as const;
export const DROP_S = { land: 40, winch: 45, 'hover-release': 10 } as const;

export function mkPhase(kind: PhaseKind, state: number, x: number, y: number, z: number, payloadKg: number): Phase {
  return {
    kind,
    state,
    x,
    y,
    z,
    untilS: 0,
    minEndS: 0,
    payloadKg,
    planWh: 0,
    planAfterWh: 0,
    chargeW: 0,
    orderId: null,
    landDepotId: null,
    fullAtEnd: false,
    terminal: false,
    column: NO_COLUMN,
    planEndS: Number.NaN,
    approach: false,
    homeward: false,
  };
}

/**
 * Vertical move from z0 to z1 at (x, y); climbs from the ground start with a take-off phase. Heights
 * are above the mission datum; groundZ is the ground's there (0 without terrain).
 */
export function pushVertical(
  out: Phase[],
  x: number,
  y: number,
  z0: number,
  z1: number,
  payloadKg: number,
  upState: number,
  downState: number,
  groundZ = 0,
): void {
  if (Math.abs(z1 - z0) < 0.01) return;
  const fromGround = z0 - groundZ < 0.5;
  if (z1 > z0) {
    if (fromGround && upState === S.climb && z1 > groundZ + TAKEOFF_M) {
      out.push(mkPhase(VERTICAL, S['take-off'], x, y, groundZ + TAKEOFF_M, payloadKg));
      out.push(mkPhase(VERTICAL, S.climb, x, y, z1, payloadKg));
    } else out.push(mkPhase(VERTICAL, fromGround && upState === S.climb ? S['take-off'] : upState, x, y, z1, payloadKg));
  } else out.push(mkPhase(VERTICAL, downState, x, y, z1, payloadKg));
}
