/**
 * The physics FlightCostModel (interface in src/core/energy/flightCost.ts) for one drone model, one
 * payload, one wind and one air density. The path finder and the planner call it in hot loops, so
 * every power is computed once here; cruise() does a few multiplications and one square root.
 */
import type { XY } from '../geo/frame';
import type { CruiseCost, CruisePace, FlightCostModel, VerticalCost } from './flightCost';
import type { DroneModel } from '../mission/droneModel';
import { J_PER_WH } from './constants';
import { climbPowerW, cruisePowerW, hoverPowerW, totalMassKg } from './power';
import { type WindInput, crosswindReason, headwindReason, windLimitReason, windVelocity } from './wind';

/** Slowest airspeed a paced multirotor is flown at (below it the power model is hover anyway). */
const MIN_ROTOR_AIRSPEED_MPS = 1;
/** Slowest airspeed a paced fixed wing is flown at, as a share of its cruise airspeed (stall margin). */
const MIN_WING_AIRSPEED_SHARE = 0.75;

export interface EnergyConditions {
  payloadKg: number;
  wind: WindInput;
  airDensityKgM3: number;
  /** Cruise airspeed; default the model's cruiseAirspeedMps. */
  airspeedMps?: number;
}

/** A FlightCostModel that also exposes the cached powers (handy for summaries and displays). */
export interface EnergyCostModel extends FlightCostModel {
  readonly airspeedMps: number;
  readonly massKg: number;
  readonly hoverPowerW: number;
  readonly cruisePowerW: number;
  readonly climbPowerW: number;
  readonly descentPowerW: number;
  /** Why no leg can be flown at all under these conditions (wind limit, payload, airspeed), if so. */
  readonly infeasibleReason: string | undefined;
}

/** Why these conditions rule out every leg, or undefined. */
export function conditionsProblem(model: DroneModel, c: EnergyConditions): string | undefined {
  const airspeed = c.airspeedMps ?? model.cruiseAirspeedMps;
  if (!(c.payloadKg >= 0)) return `payload must be >= 0 kg (got ${c.payloadKg})`;
  if (c.payloadKg > model.maxPayloadKg) {
    return `payload ${c.payloadKg} kg exceeds the model's maxPayloadKg = ${model.maxPayloadKg} kg`;
  }
  if (!(airspeed > 0)) return `airspeed must be > 0 m/s (got ${airspeed})`;
  if (airspeed > model.maxAirspeedMps) {
    return `airspeed ${airspeed} m/s exceeds the model's maxAirspeedMps = ${model.maxAirspeedMps} m/s`;
  }
  if (!(c.airDensityKgM3 > 0)) return `air density must be > 0 kg/m^3 (got ${c.airDensityKgM3})`;
  return windLimitReason(c.wind, model.maxWindMps);
}

export function createEnergyCostModel(model: DroneModel, c: EnergyConditions): EnergyCostModel {
  const airspeedMps = c.airspeedMps ?? model.cruiseAirspeedMps;
  const rho = c.airDensityKgM3;
  const hoverW = hoverPowerW(model, c.payloadKg, rho);
  const cruiseW = cruisePowerW(model, c.payloadKg, airspeedMps, rho);
  const climbW = climbPowerW(model, c.payloadKg, model.climbRateMps, rho);
  // Descent: rotors still carry the weight and nothing is recovered, so hover power for the descent time.
  const descentW = hoverW;
  const { x: wx, y: wy } = windVelocity(c.wind);
  const infeasibleReason = conditionsProblem(model, c);
  const airspeed2 = airspeedMps * airspeedMps;

  function cruise(a: XY, b: XY, _altitudeM?: number, pace?: CruisePace): CruiseCost {
    if (infeasibleReason !== undefined) return { ok: false, reason: infeasibleReason };
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const d = Math.sqrt(dx * dx + dy * dy);
    if (d === 0) {
      return { ok: true, airspeedMps, groundSpeedMps: airspeedMps, powerW: cruiseW, durationS: 0, energyWh: 0 };
    }
    const ux = dx / d;
    const uy = dy / d;
    if (pace) return pacedCruise(d, ux, uy, pace);
    const along = wx * ux + wy * uy;
    const cross = wx * uy - wy * ux;
    const c2 = airspeed2 - cross * cross;
    if (c2 <= 0) return { ok: false, reason: crosswindReason(Math.abs(cross), airspeedMps) };
    const groundSpeedMps = Math.sqrt(c2) + along;
    if (groundSpeedMps <= 0) return { ok: false, reason: headwindReason(-along, airspeedMps) };
    const durationS = d / groundSpeedMps;
    return { ok: true, airspeedMps, groundSpeedMps, powerW: cruiseW, durationS, energyWh: (cruiseW * durationS) / J_PER_WH };
  }

  /** Cruise to a schedule: the airspeed that gives the wanted ground speed, within the model's range. */
  function pacedCruise(d: number, ux: number, uy: number, pace: CruisePace): CruiseCost {
    const minAirspeed = model.kind === 'fixedwing-vtol' ? MIN_WING_AIRSPEED_SHARE * model.cruiseAirspeedMps : MIN_ROTOR_AIRSPEED_MPS;
    const maxAirspeed = Math.max(minAirspeed, Math.min(pace.maxAirspeedMps, model.maxAirspeedMps));
    // Air velocity = wanted ground velocity - wind.
    const want = Math.max(0, pace.groundSpeedMps);
    let air = Math.hypot(want * ux - wx, want * uy - wy);
    let groundSpeedMps = want;
    if (air > maxAirspeed || air < minAirspeed) {
      // Out of range: fly at the nearest limit and keep the track (wind triangle at that airspeed).
      air = air > maxAirspeed ? maxAirspeed : minAirspeed;
      const along = wx * ux + wy * uy;
      const cross = wx * uy - wy * ux;
      const c2 = air * air - cross * cross;
      if (c2 <= 0) return { ok: false, reason: crosswindReason(Math.abs(cross), air) };
      groundSpeedMps = Math.sqrt(c2) + along;
      if (groundSpeedMps <= 0) return { ok: false, reason: headwindReason(-along, air) };
    }
    const powerW = cruisePowerW(model, c.payloadKg, air, rho);
    const durationS = d / groundSpeedMps;
    return { ok: true, airspeedMps: air, groundSpeedMps, powerW, durationS, energyWh: (powerW * durationS) / J_PER_WH };
  }

  function vertical(dzM: number): VerticalCost {
    if (dzM >= 0) {
      const durationS = dzM / model.climbRateMps;
      return { durationS, energyWh: (climbW * durationS) / J_PER_WH, powerW: climbW };
    }
    const durationS = -dzM / model.descentRateMps;
    return { durationS, energyWh: (descentW * durationS) / J_PER_WH, powerW: descentW };
  }

  function hover(seconds: number): VerticalCost {
    return { durationS: seconds, energyWh: (hoverW * seconds) / J_PER_WH, powerW: hoverW };
  }

  return {
    cruise,
    vertical,
    hover,
    airspeedMps,
    massKg: totalMassKg(model, c.payloadKg),
    hoverPowerW: hoverW,
    cruisePowerW: cruiseW,
    climbPowerW: climbW,
    descentPowerW: descentW,
    infeasibleReason,
  };
}
