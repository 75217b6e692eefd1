/**
 * Where the simulator gets flight costs: a factory that makes a FlightCostModel for one drone model,
 * parcel mass and wind. The simulator calls it with the ACTUAL wind of each gust period (the planner
 * used the forecast), so a plan can meet reality and fail.
 *
 * The default is the physics model of src/core/energy (the one the planner uses). `fallbackCostModel`
 * is a simpler stand-in (momentum-theory hover power held constant, the wind triangle for ground speed)
 * kept for tests that want a model independent of the physics code.
 */
import { createEnergyCostModel } from '../energy/costModel';
import type { FlightCostModel } from '../energy/flightCost';
import type { DroneModel } from '../mission/droneModel';
import type { Wind } from '../mission/schema';

export type CostModelFactory = (model: DroneModel, payloadKg: number, wind: Wind, airDensityKgM3: number) => FlightCostModel;

const G = 9.81;
const DEG = Math.PI / 180;

/** Momentum-theory hover power of the loaded drone (ideal / efficiency + avionics). */
export function hoverPowerW(model: DroneModel, payloadKg: number, airDensityKgM3: number): number {
  const discM2 = model.rotorDiscAreaM2 ?? Math.PI * ((model.rotorDiameterM ?? 0.5) / 2) ** 2;
  const thrustN = (model.emptyMassKg + model.batteryMassKg + payloadKg) * G;
  const ideal = thrustN ** 1.5 / Math.sqrt(2 * airDensityKgM3 * discM2 * model.rotorCount);
  return ideal / model.efficiency + model.avionicsW;
}

/** Constant-power, wind-triangle stand-in for the physics model (see the file comment). */
export const fallbackCostModel: CostModelFactory = (model, payloadKg, wind, airDensityKgM3) => {
  const powerW = hoverPowerW(model, payloadKg, airDensityKgM3);
  const airspeedMps = model.cruiseAirspeedMps;
  // Wind vector (the direction it blows TO), east/north components.
  const toRad = (wind.fromDeg + 180) * DEG;
  const wx = wind.speedMps * Math.sin(toRad);
  const wy = wind.speedMps * Math.cos(toRad);
  const wh = (s: number) => (powerW * s) / 3600;
  return {
    cruise(a, b) {
      const d = Math.hypot(b.x - a.x, b.y - a.y);
      if (d < 1e-9) return { ok: true, airspeedMps, groundSpeedMps: airspeedMps, powerW, durationS: 0, energyWh: 0 };
      const ux = (b.x - a.x) / d;
      const uy = (b.y - a.y) / d;
      const along = wx * ux + wy * uy;
      const cross = -wx * uy + wy * ux;
      if (Math.abs(cross) >= airspeedMps) return { ok: false, reason: `crosswind ${Math.abs(cross).toFixed(1)} m/s exceeds airspeed` };
      const groundSpeedMps = Math.sqrt(airspeedMps ** 2 - cross ** 2) + along;
      if (groundSpeedMps <= 0.1) return { ok: false, reason: `headwind ${(-along).toFixed(1)} m/s leaves no ground speed` };
      const durationS = d / groundSpeedMps;
      return { ok: true, airspeedMps, groundSpeedMps, powerW, durationS, energyWh: wh(durationS) };
    },
    vertical(dzM) {
      const rate = dzM >= 0 ? model.climbRateMps : model.descentRateMps;
      const durationS = Math.abs(dzM) / rate;
      return { durationS, energyWh: wh(durationS), powerW };
    },
    hover(seconds) {
      return { durationS: seconds, energyWh: wh(seconds), powerW };
    },
  };
};

/** The factory the simulator uses when none is given: the physics model. */
export const physicsCostModelFactory: CostModelFactory = (model, payloadKg, wind, airDensityKgM3) =>
  createEnergyCostModel(model, { payloadKg, wind, airDensityKgM3 });

export const defaultCostModelFactory: CostModelFactory = physicsCostModelFactory;
