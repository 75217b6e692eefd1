/** The drone-model fields the editor shows: label, unit and a one-line hint, in schema order. */
import type { DroneModel } from '../../core/mission';

export type NumericKey = {
  [K in keyof DroneModel]-?: NonNullable<DroneModel[K]> extends number ? K : never;
}[keyof DroneModel];

export interface NumericField {
  key: NumericKey;
  label: string;
  unit: string;
  hint: string;
  /** May be left empty (the schema treats it as absent). */
  optional?: boolean;
}

export const NUMERIC_FIELDS: NumericField[] = [
  { key: 'emptyMassKg', label: 'Empty mass', unit: 'kg', hint: 'frame, motors and avionics' },
  { key: 'batteryMassKg', label: 'Battery mass', unit: 'kg', hint: '' },
  { key: 'batteryWh', label: 'Battery energy', unit: 'Wh', hint: 'nominal' },
  { key: 'usableFraction', label: 'Usable fraction', unit: '', hint: 'depth of discharge x state of health' },
  { key: 'rotorCount', label: 'Rotors', unit: '', hint: 'lift rotors (coaxial pairs count once)' },
  { key: 'rotorDiameterM', label: 'Rotor diameter', unit: 'm', hint: 'or give the disc area', optional: true },
  { key: 'rotorDiscAreaM2', label: 'Disc area per rotor', unit: 'm²', hint: 'overrides the diameter', optional: true },
  { key: 'efficiency', label: 'Efficiency', unit: '', hint: 'real power = ideal / efficiency' },
  { key: 'dragAreaM2', label: 'Body drag area', unit: 'm²', hint: 'C_D x A' },
  { key: 'parcelDragAreaM2', label: 'Parcel drag area', unit: 'm²', hint: 'C_D x A of a carried parcel' },
  { key: 'liftToDrag', label: 'Lift / drag', unit: '', hint: 'fixed-wing cruise only', optional: true },
  { key: 'avionicsW', label: 'Avionics', unit: 'W', hint: '' },
  { key: 'maxPayloadKg', label: 'Max payload', unit: 'kg', hint: '' },
  { key: 'cruiseAirspeedMps', label: 'Cruise airspeed', unit: 'm/s', hint: '' },
  { key: 'maxAirspeedMps', label: 'Max airspeed', unit: 'm/s', hint: '' },
  { key: 'climbRateMps', label: 'Climb rate', unit: 'm/s', hint: '' },
  { key: 'descentRateMps', label: 'Descent rate', unit: 'm/s', hint: '' },
  { key: 'maxWindMps', label: 'Max wind', unit: 'm/s', hint: '' },
];
