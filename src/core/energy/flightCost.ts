/**
 * What flying costs, behind one interface. The path finder and the planner ask a FlightCostModel
 * for the time and energy of each piece of a flight; the physics model (src/core/energy) provides
 * the real one, `distanceCostModel` a physics-free stand-in (energy proportional to time).
 */
import type { XY } from '../geo/frame';

export type CruiseCost =
  | {
      ok: true;
      airspeedMps: number;
      groundSpeedMps: number;
      powerW: number;
      durationS: number;
      energyWh: number;
    }
  | { ok: false; reason: string };

export interface VerticalCost {
  durationS: number;
  energyWh: number;
  powerW: number;
}

/**
 * Flying to a schedule (4D conformance): hold this ground speed along the track, with any airspeed up
 * to maxAirspeedMps; when that is not enough, fly at maxAirspeedMps (and arrive late).
 */
export interface CruisePace {
  groundSpeedMps: number;
  maxAirspeedMps: number;
}

export interface FlightCostModel {
  /**
   * Level flight along the straight segment a -> b (local metres) at the given altitude, at the
   * model's cruise airspeed, or to a pace (models that cannot change airspeed ignore it).
   */
  cruise(a: XY, b: XY, altitudeM: number, pace?: CruisePace): CruiseCost;
  /** Vertical flight by dzM metres (positive up) at the model's climb or descent rate. */
  vertical(dzM: number): VerticalCost;
  /** Hovering in place for the given seconds (drop, winch, waiting). */
  hover(seconds: number): VerticalCost;
}

/** A physics-free model: fixed speeds and a constant power; energy is proportional to time. */
export function distanceCostModel(opts: { speedMps: number; verticalMps: number; powerW: number }): FlightCostModel {
  const wh = (s: number) => (opts.powerW * s) / 3600;
  return {
    cruise(a, b) {
      const d = Math.hypot(b.x - a.x, b.y - a.y);
      const durationS = d / opts.speedMps;
      return { ok: true, airspeedMps: opts.speedMps, groundSpeedMps: opts.speedMps, powerW: opts.powerW, durationS, energyWh: wh(durationS) };
    },
    vertical(dzM) {
      const durationS = Math.abs(dzM) / opts.verticalMps;
      return { durationS, energyWh: wh(durationS), powerW: opts.powerW };
    },
    hover(seconds) {
      return { durationS: seconds, energyWh: wh(seconds), powerW: opts.powerW };
    },
  };
}
