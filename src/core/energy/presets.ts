/**
 * Drone model presets. Each value says where it comes from; where a maker publishes no figure the
 * value is an estimate and the comment says how it was made.
 */
import type { DroneModel } from '../mission/droneModel';

type Preset = DroneModel;

/**
 * Mid-size quadcopter in the class of the Matternet M2 (about 2 kg payload, up to about 70 km/h,
 * about 20 km range: maker's public figures). Masses, rotor size and battery energy are estimates:
 * the battery is sized so that momentum-theory cruise power gives the published range.
 */
const m2Class: Preset = {
  id: 'm2-class',
  name: 'Mid-size quadcopter (Matternet M2 class)',
  kind: 'multirotor',
  emptyMassKg: 7.0,
  batteryMassKg: 2.5,
  batteryWh: 600,
  usableFraction: 0.8,
  rotorCount: 4,
  rotorDiameterM: 0.7,
  efficiency: 0.65,
  dragAreaM2: 0.12,
  parcelDragAreaM2: 0.03,
  avionicsW: 20,
  maxPayloadKg: 2.5,
  cruiseAirspeedMps: 16,
  maxAirspeedMps: 20,
  climbRateMps: 4,
  descentRateMps: 3,
  maxWindMps: 12,
};

export const PRESETS: Record<string, Preset> = {
  [m2Class.id]: m2Class,
};
