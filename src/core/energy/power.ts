/**
 * Power per flight phase for a drone model carrying a payload. Everything here is a pure function of
 * the model's parameters (src/core/mission/droneModel.ts), the payload and the air density.
 *
 *  - hover, descent:  ideal momentum-theory hover power / efficiency + avionics
 *  - climb:           hover power + m g v_z / efficiency
 *  - cruise:          multirotor: Stolaroff forward-flight power / efficiency + avionics
 *                     fixed-wing VTOL: m g V / (efficiency L/D) + parcel drag power + avionics
 */
import type { DroneModel } from '../mission/droneModel';
import {
  climbExtraPowerW,
  fixedWingCruisePowerW,
  forwardFlightPowerW,
  idealHoverPowerW,
} from './rotor';

/** The parameters the physics reads; a full DroneModel satisfies it. */
export type PhysicsParams = Pick<
  DroneModel,
  | 'kind'
  | 'emptyMassKg'
  | 'batteryMassKg'
  | 'rotorCount'
  | 'rotorDiameterM'
  | 'rotorDiscAreaM2'
  | 'efficiency'
  | 'dragAreaM2'
  | 'parcelDragAreaM2'
  | 'liftToDrag'
  | 'avionicsW'
>;

/** Take-off mass: empty + battery + payload, kg. */
export function totalMassKg(model: Pick<DroneModel, 'emptyMassKg' | 'batteryMassKg'>, payloadKg: number): number {
  return model.emptyMassKg + model.batteryMassKg + payloadKg;
}

/** Disc area of all rotors, m^2: rotorDiscAreaM2 per rotor if given, else pi d^2 / 4 per rotor. */
export function totalDiscAreaM2(model: Pick<DroneModel, 'rotorCount' | 'rotorDiameterM' | 'rotorDiscAreaM2'>): number {
  const perRotor =
    model.rotorDiscAreaM2 ?? (model.rotorDiameterM !== undefined ? (Math.PI * model.rotorDiameterM ** 2) / 4 : NaN);
  return perRotor * model.rotorCount;
}

/** C_D A in forward flight: the body, plus the parcel's when one is carried. */
export function dragAreaWithPayloadM2(model: Pick<DroneModel, 'dragAreaM2' | 'parcelDragAreaM2'>, payloadKg: number): number {
  return model.dragAreaM2 + (payloadKg > 0 ? model.parcelDragAreaM2 : 0);
}

/** Electrical power to hover (and to descend: no energy is recovered), W, avionics included. */
export function hoverPowerW(model: PhysicsParams, payloadKg: number, airDensityKgM3: number): number {
  const ideal = idealHoverPowerW(totalMassKg(model, payloadKg), totalDiscAreaM2(model), airDensityKgM3);
  return ideal / model.efficiency + model.avionicsW;
}

/** Power during a vertical climb at climbRateMps, W: hover power plus the potential-energy rate. */
export function climbPowerW(model: PhysicsParams, payloadKg: number, climbRateMps: number, airDensityKgM3: number): number {
  return hoverPowerW(model, payloadKg, airDensityKgM3) + climbExtraPowerW(totalMassKg(model, payloadKg), climbRateMps, model.efficiency);
}

/** Power in steady level flight at the given airspeed (not ground speed), W, avionics included. */
export function cruisePowerW(model: PhysicsParams, payloadKg: number, airspeedMps: number, airDensityKgM3: number): number {
  const massKg = totalMassKg(model, payloadKg);
  if (model.kind === 'fixedwing-vtol') {
    // The wing carries the weight; an external parcel adds its own parasite drag power D V / eta.
    const liftToDrag = model.liftToDrag ?? NaN;
    const parcelDragPowerW =
      payloadKg > 0 ? (0.5 * airDensityKgM3 * airspeedMps ** 3 * model.parcelDragAreaM2) / model.efficiency : 0;
    return fixedWingCruisePowerW(massKg, airspeedMps, liftToDrag, model.efficiency) + parcelDragPowerW + model.avionicsW;
  }
  return (
    forwardFlightPowerW({
      massKg,
      airspeedMps,
      airDensityKgM3,
      totalDiscAreaM2: totalDiscAreaM2(model),
      dragAreaM2: dragAreaWithPayloadM2(model, payloadKg),
      efficiency: model.efficiency,
    }) + model.avionicsW
  );
}
