/**
 * Summary numbers a dispatcher reads for one model, payload and wind: hover and cruise power, energy
 * per km, endurance and range with the reserve. The CLI prints these; the app shows them.
 */
import type { DroneModel } from '../mission/droneModel';
import { J_PER_WH } from './constants';
import { type ReservePolicy, reserveWh, usableWh } from './battery';
import { type EnergyConditions, createEnergyCostModel } from './costModel';
import { groundSpeedMps, windVelocity } from './wind';

export interface SummaryInput extends EnergyConditions {
  reserve: ReservePolicy;
  /** Distance to the nearest alternate landing site, m (used when the policy requires one). */
  alternateDistanceM?: number;
}

export type EnergySummary =
  | {
      ok: true;
      /** Power to hover with this payload, W. */
      hoverPowerW: number;
      /** Power in level flight at the cruise airspeed with this payload, W (does not depend on the wind). */
      cruisePowerW: number;
      /** Energy per km of ground track, averaged over all track directions (an out-and-back trip in a random direction), Wh/km. */
      whPerKm: number;
      /** Energy per km straight into the wind (the worst direction), Wh/km. */
      headwindWhPerKm: number;
      /** Cruise time on the energy above the reserve, minutes. */
      enduranceMin: number;
      /** Ground distance on the energy above the reserve at whPerKm, km. */
      rangeKm: number;
      usableWh: number;
      reserveWh: number;
      airspeedMps: number;
      massKg: number;
    }
  | { ok: false; reason: string };

/** Number of track directions averaged for whPerKm (1 degree apart). */
const BEARINGS = 360;

export function energySummary(model: DroneModel, input: SummaryInput): EnergySummary {
  const cost = createEnergyCostModel(model, input);
  if (cost.infeasibleReason !== undefined) return { ok: false, reason: cost.infeasibleReason };
  const airspeed = cost.airspeedMps;
  const w = windVelocity(input.wind);
  if (input.wind.speedMps >= airspeed) {
    return {
      ok: false,
      reason: `wind ${input.wind.speedMps} m/s is not below the airspeed ${airspeed} m/s: some directions cannot be flown`,
    };
  }
  let secondsPerMetre = 0;
  for (let i = 0; i < BEARINGS; i++) {
    const t = (2 * Math.PI * i) / BEARINGS;
    secondsPerMetre += 1 / groundSpeedMps(airspeed, Math.sin(t), Math.cos(t), w.x, w.y);
  }
  secondsPerMetre /= BEARINGS;
  const whPerKm = (cost.cruisePowerW * secondsPerMetre * 1000) / J_PER_WH;
  const headwindWhPerKm = (cost.cruisePowerW * 1000) / (airspeed - input.wind.speedMps) / J_PER_WH;
  const usable = usableWh(model);
  const reserve = reserveWh(model, {
    policy: input.reserve,
    payloadKg: input.payloadKg,
    airDensityKgM3: input.airDensityKgM3,
    windSpeedMps: input.wind.speedMps,
    alternateDistanceM: input.alternateDistanceM,
    airspeedMps: airspeed,
  });
  const availableWh = Math.max(0, usable - reserve);
  return {
    ok: true,
    hoverPowerW: cost.hoverPowerW,
    cruisePowerW: cost.cruisePowerW,
    whPerKm,
    headwindWhPerKm,
    enduranceMin: ((availableWh / cost.cruisePowerW) * J_PER_WH) / 60,
    rangeKm: availableWh / whPerKm,
    usableWh: usable,
    reserveWh: reserve,
    airspeedMps: airspeed,
    massKg: cost.massKg,
  };
}
