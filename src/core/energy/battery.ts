/**
 * Battery and reserve. Usable energy = nominal Wh x usableFraction (depth of discharge x state of
 * health). The reserve is what a flight must still have when it lands, the way autopilots' low /
 * critical thresholds and manned-aviation fuel rules work:
 *   reserve = max(minPercent % of usable, energy to hover hoverMinutes + energy to reach the nearest
 *             alternate landing site against a full headwind (when the policy requires an alternate)).
 */
import type { DroneModel } from '../mission/droneModel';
import type { Settings } from '../mission/schema';
import { J_PER_WH } from './constants';
import { cruisePowerW, hoverPowerW } from './power';

/** The final-reserve part of the policy (contingency energy is the planner's, see planner/contingency.ts). */
export type ReservePolicy = Omit<Settings['reserve'], 'contingencyPercent'> & { contingencyPercent?: number };

/** The mission schema's default policy: land with 20 % and 2 minutes of hover, no alternate. */
export const DEFAULT_RESERVE: ReservePolicy = { minPercent: 20, hoverMinutes: 2, alternateRequired: false };

/** Energy that may be drawn from a full battery, Wh. */
export function usableWh(model: Pick<DroneModel, 'batteryWh' | 'usableFraction'>): number {
  return model.batteryWh * model.usableFraction;
}

/**
 * State of charge after drawing drawnWh from a full battery: 1 full, 0 at the usable limit.
 * Not clamped: a negative value means the flight would have run the battery past its usable energy.
 */
export function stateOfCharge(usableEnergyWh: number, drawnWh: number): number {
  return (usableEnergyWh - drawnWh) / usableEnergyWh;
}

export interface ReserveInput {
  policy: ReservePolicy;
  /** Payload still on board when the reserve would be used (usually 0 after the drop). */
  payloadKg: number;
  airDensityKgM3: number;
  /** Wind speed for the alternate leg, assumed to be a full headwind (its direction is not known). */
  windSpeedMps?: number;
  /** Distance from the landing point to the nearest alternate landing site, m. */
  alternateDistanceM?: number;
  /** Airspeed for the alternate leg; default the model's cruise airspeed. */
  airspeedMps?: number;
}

export interface ReserveBreakdown {
  /** minPercent of usable energy, Wh. */
  percentWh: number;
  /** Hovering hoverMinutes, Wh. */
  hoverWh: number;
  /** Reaching the alternate against a full headwind, Wh (0 when not required or no distance given; Infinity when the headwind leaves no ground speed). */
  alternateWh: number;
  /** The reserve: max(percentWh, hoverWh + alternateWh), Wh. */
  reserveWh: number;
}

export function reserveBreakdown(model: DroneModel, input: ReserveInput): ReserveBreakdown {
  const percentWh = (usableWh(model) * input.policy.minPercent) / 100;
  const hoverWh = (hoverPowerW(model, input.payloadKg, input.airDensityKgM3) * input.policy.hoverMinutes * 60) / J_PER_WH;
  let alternateWh = 0;
  if (input.policy.alternateRequired && input.alternateDistanceM !== undefined && input.alternateDistanceM > 0) {
    const airspeed = input.airspeedMps ?? model.cruiseAirspeedMps;
    const groundSpeed = airspeed - (input.windSpeedMps ?? 0);
    alternateWh =
      groundSpeed > 0
        ? (cruisePowerW(model, input.payloadKg, airspeed, input.airDensityKgM3) * input.alternateDistanceM) / groundSpeed / J_PER_WH
        : Infinity;
  }
  return { percentWh, hoverWh, alternateWh, reserveWh: Math.max(percentWh, hoverWh + alternateWh) };
}

/** Energy that must remain at landing under the policy, Wh. */
export function reserveWh(model: DroneModel, input: ReserveInput): number {
  return reserveBreakdown(model, input).reserveWh;
}
