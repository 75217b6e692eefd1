/**
 * Drone model presets that resemble real delivery aircraft. Each value says where it comes from:
 * "maker" = a figure the maker publishes (approximate, as quoted in press material and spec pages),
 * otherwise it is an estimate and the comment says how it was made. The README's Physics section
 * has the same table with the methods.
 *
 * Methods used for the estimates:
 *  - Battery energy from mass at 200 Wh/kg (pack level; delivery-drone Li-ion packs are 150-250 Wh/kg).
 *  - Battery size, where unpublished, chosen so this model reproduces the maker's range figure.
 *  - efficiency 0.6: rotor figure of merit about 0.7 x motor and controller about 0.85; the FlyCart 30
 *    back-calculation below (0.58-0.63 from its published hover times) agrees.
 *  - usableFraction 0.85: depth of discharge about 0.9 x state of health about 0.95.
 *  - dragAreaM2 (C_D A): frontal area x C_D about 1 for a bluff multirotor body; parcelDragAreaM2 for a
 *    shoebox-sized parcel (0.2 m x 0.15 m face, C_D about 1), about 0.03 m^2.
 */
import type { DroneModel } from '../mission/droneModel';

type Preset = DroneModel;

/**
 * Small multirotor in the class of Manna's aircraft (maker: payload about 2-3.5 kg, 60-80 km/h,
 * deliveries within a 2-3 km radius at 50-80 m) and of Wing's payload class (about 2.3 kg).
 * Masses, rotors and battery are estimates for a quadcopter of that payload class; the battery is
 * 1.5 kg at 200 Wh/kg. Its radius in this model (about 7 km with a full parcel) is above the
 * operator's published service radius, which is an operational rather than an energy limit.
 */
const mannaClass: Preset = {
  id: 'manna-class',
  name: 'Small multirotor (Manna / Wing payload class)',
  kind: 'multirotor',
  emptyMassKg: 4.5, // estimate
  batteryMassKg: 1.5, // estimate
  batteryWh: 300, // estimate: 1.5 kg x 200 Wh/kg
  usableFraction: 0.85, // estimate (see above)
  rotorCount: 4, // estimate
  rotorDiameterM: 0.56, // estimate: 22-inch propellers, usual for 6-10 kg quadcopters
  efficiency: 0.6, // estimate (see above)
  dragAreaM2: 0.07, // estimate: about 0.07 m^2 frontal area x C_D 1
  parcelDragAreaM2: 0.03, // estimate (see above)
  avionicsW: 15, // estimate: flight controller, radios, cameras
  maxPayloadKg: 3.5, // maker: up to about 3.5 kg
  cruiseAirspeedMps: 18, // maker: 60-80 km/h -> 18 m/s (65 km/h)
  maxAirspeedMps: 22, // maker: 80 km/h
  climbRateMps: 5, // estimate
  descentRateMps: 3, // estimate
  maxWindMps: 12, // estimate: typical multirotor limit
};

/**
 * Mid-size quadcopter in the class of the Matternet M2 (maker: about 2 kg payload, up to about
 * 70 km/h, about 20 km range). Masses, rotor size and battery are estimates: the battery is sized
 * (2.6 kg at 200 Wh/kg) so that this model flies about 20 km with a 2 kg parcel landing with 20 %.
 */
const m2Class: Preset = {
  id: 'm2-class',
  name: 'Mid-size quadcopter (Matternet M2 class)',
  kind: 'multirotor',
  emptyMassKg: 6.5, // estimate
  batteryMassKg: 2.6, // estimate
  batteryWh: 520, // estimate: sized for the published range (see above)
  usableFraction: 0.85, // estimate
  rotorCount: 4, // maker: quadcopter
  rotorDiameterM: 0.66, // estimate: 26-inch propellers
  efficiency: 0.6, // estimate
  dragAreaM2: 0.1, // estimate: body with parcel bay, about 0.1 m^2 frontal x C_D 1
  parcelDragAreaM2: 0.03, // estimate
  avionicsW: 20, // estimate
  // The maker quotes about 2 kg; 2.5 kg is an assumed structural limit so the bundled missions'
  // parcels (up to 2.2 kg) fit this model.
  maxPayloadKg: 2.5,
  cruiseAirspeedMps: 16, // estimate: below the maker's top speed, near best range with a parcel
  maxAirspeedMps: 19.5, // maker: about 70 km/h
  climbRateMps: 4, // estimate
  descentRateMps: 3, // estimate
  maxWindMps: 12, // estimate
};

/**
 * Fixed-wing VTOL with a tethered drop in the class of Zipline's P2 (maker: about 3.6 kg / 8 lb
 * payload, about 100 km/h, 16 km / 10 mi service radius; the aircraft hovers high while a droid is
 * lowered on a tether). Masses, rotors, L/D and battery are estimates: L/D 10 is typical of small
 * UAVs carrying lift-rotor booms; the battery (3.2 kg at 200 Wh/kg) gives this model a delivery
 * radius of about 16 km with a full parcel at 100 m altitude and a one-minute drop hover.
 */
const p2Class: Preset = {
  id: 'p2-class',
  name: 'Fixed-wing VTOL with tethered drop (Zipline P2 class)',
  kind: 'fixedwing-vtol',
  emptyMassKg: 17, // estimate
  batteryMassKg: 3.2, // estimate
  batteryWh: 640, // estimate: 3.2 kg x 200 Wh/kg, matches the published radius (see above)
  usableFraction: 0.85, // estimate
  rotorCount: 4, // estimate: lift rotors used for take-off, drop and landing
  rotorDiameterM: 0.8, // estimate
  efficiency: 0.6, // estimate; the same drive efficiency is used for hover and cruise (a simplification)
  dragAreaM2: 0.05, // estimate; fixed-wing cruise drag is in liftToDrag, this is unused in cruise
  parcelDragAreaM2: 0, // the parcel rides inside the droid, inside the airframe
  liftToDrag: 10, // estimate (see above)
  avionicsW: 30, // estimate
  maxPayloadKg: 3.6, // maker: about 8 lb
  cruiseAirspeedMps: 27, // maker: about 100 km/h
  maxAirspeedMps: 31, // estimate
  climbRateMps: 4, // estimate
  descentRateMps: 3, // estimate
  maxWindMps: 13, // estimate
};

/**
 * Heavy octocopter (four coaxial pairs) with a winch in the class of the DJI FlyCart 30. Maker
 * figures, as recalled from the public spec page (approximate; check the current sheet): maximum
 * take-off mass 95 kg, 65 kg with two batteries, 30 kg payload on two batteries, two DB2000 packs of
 * about 1984 Wh each (38 Ah at 52.2 V), 54-inch (1.37 m) propellers, 20 m/s top speed, 12 m/s wind
 * resistance, about 16 km range with 30 kg, hover about 29 min empty and 18 min with 30 kg.
 * Efficiency is back-calculated from those hover times: momentum-theory power / (0.9 x 3968 Wh /
 * hover time) gives 0.58 (empty) and 0.63 (30 kg); 0.6 is used. The coaxial pairs are counted as 4
 * discs; their interference loss is inside that efficiency. Drag area is fitted so the model gives
 * about 16 km with 30 kg at 15 m/s landing with about 10 %.
 */
const flyCart30Class: Preset = {
  id: 'flycart30-class',
  name: 'Heavy lifter (DJI FlyCart 30 class)',
  kind: 'multirotor',
  emptyMassKg: 42.5, // maker: 65 kg with batteries minus two packs of about 11.25 kg
  batteryMassKg: 22.5, // maker: two DB2000 packs
  batteryWh: 3968, // maker: 2 x 1984 Wh
  usableFraction: 0.9, // estimate
  rotorCount: 4, // maker: 8 propellers on 4 coaxial arms, counted as 4 discs
  rotorDiameterM: 1.37, // maker: 54-inch propellers
  efficiency: 0.6, // estimate: back-calculated from published hover times (see above)
  dragAreaM2: 0.9, // estimate: fitted to the published range (see above)
  parcelDragAreaM2: 0.25, // estimate: a 30 kg cargo box about 0.5 m x 0.5 m, C_D 1
  avionicsW: 50, // estimate
  maxPayloadKg: 30, // maker: with two batteries
  cruiseAirspeedMps: 15, // estimate: assumed cruise for the published range
  maxAirspeedMps: 20, // maker
  climbRateMps: 5, // maker (approximate)
  descentRateMps: 3, // estimate
  maxWindMps: 12, // maker: wind resistance
};

export const PRESETS: Record<string, Preset> = {
  [mannaClass.id]: mannaClass,
  [m2Class.id]: m2Class,
  [p2Class.id]: p2Class,
  [flyCart30Class.id]: flyCart30Class,
};

/** Preset ids in a stable order, smallest aircraft first. */
export const PRESET_IDS: readonly string[] = Object.keys(PRESETS);
