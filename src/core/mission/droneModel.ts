/**
 * A drone model's physical parameters (SI units). The energy model in src/core/energy reads these;
 * the README's "Physics" section documents each key and its role in the equations.
 */
import { z } from 'zod';

const positive = (unit: string) => z.number().positive(`must be > 0 ${unit}`.trim());

/**
 * Physical upper bounds: generous (well above any delivery aircraft; the largest preset carries 30 kg
 * on a 3968 Wh battery at 20 m/s), but finite, so the energy model never meets 1e300 kg or 1e308 Wh
 * (which overflow to Infinity and come back as nonsense such as "walled in by no-fly zones").
 */
export const DRONE_MODEL_LIMITS = {
  massKg: 10_000, // a heavy-lift helicopter's payload class
  batteryWh: 1_000_000, // 1 MWh: a lorry's battery is a few hundred kWh
  speedMps: 200, // 720 km/h, above any drone and any wind it could fly in
  rotorDiameterM: 50, // a large helicopter's rotor is about 20-30 m
  areaM2: 2_000, // one rotor disc of 50 m diameter; drag areas far below
  liftToDrag: 100, // a sailplane's best glide is about 60
  powerW: 1_000_000, // 1 MW of avionics
  descentM: 1_000,
} as const;
const L = DRONE_MODEL_LIMITS;

/** A positive quantity with a physical maximum and the reason for it. */
const bounded = (unit: string, max: number, why: string) => positive(unit).max(max, `must be at most ${max} ${unit} (${why})`);
const massKg = () => bounded('kg', L.massKg, 'no delivery drone is heavier');
const speedMps = () => bounded('m/s', L.speedMps, 'no drone flies faster');

export const droneKindSchema = z.enum(['multirotor', 'fixedwing-vtol']);
export type DroneKind = z.infer<typeof droneKindSchema>;

const wholeIn = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be >= ${min}`).max(max, `must be <= ${max}`);

/**
 * How the autopilot lets go of the parcel at a drop (used by the mission exports, src/core/formats):
 * - `gripper`: MAV_CMD_DO_GRIPPER (211) release, gripper `instance` (default 1);
 * - `winch`: MAV_CMD_DO_WINCH (42600) WINCH_DELIVER, winch `instance` (default 1);
 * - `servo`: MAV_CMD_DO_SET_SERVO (183), servo output `servo` (default 9) to `pwm` microseconds (default 1900);
 * - `payload-place`: MAV_CMD_NAV_PAYLOAD_PLACE (94) at the drop point, descending at most `maxDescentM`
 *   (default: the drop height) until the hanging parcel touches the ground (hover drops only).
 * Absent: chosen by each order's drop method (winch: winch, hover-release and land: gripper).
 */
export const payloadReleaseSchema = z.discriminatedUnion('command', [
  z.strictObject({ command: z.literal('gripper'), instance: wholeIn(0, 255).optional() }),
  z.strictObject({ command: z.literal('winch'), instance: wholeIn(1, 255).optional() }),
  z.strictObject({ command: z.literal('servo'), servo: wholeIn(0, 255).optional(), pwm: wholeIn(500, 2500).optional() }),
  z.strictObject({ command: z.literal('payload-place'), maxDescentM: bounded('m', L.descentM, 'above any cruise altitude').optional() }),
]);
export type PayloadRelease = z.infer<typeof payloadReleaseSchema>;

export const droneModelSchema = z
  .strictObject({
    id: z
      .string()
      .min(1, 'must not be empty')
      .regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and _ . : -'),
    name: z.string().min(1, 'must not be empty'),
    kind: droneKindSchema,
    /** Frame, motors and avionics, without battery or parcel. */
    emptyMassKg: massKg(),
    batteryMassKg: massKg(),
    /** Nominal battery energy. */
    batteryWh: bounded('Wh', L.batteryWh, '1 MWh; no drone battery holds more'),
    /** Depth of discharge x state of health: the share of nominal energy that may be used. */
    usableFraction: z.number().gt(0, 'must be within (0, 1]').max(1, 'must be within (0, 1]'),
    rotorCount: z.number().int('must be a whole number').min(1, 'must be >= 1').max(32, 'must be <= 32'),
    /** Give either the rotor diameter or the disc area of one rotor. */
    rotorDiameterM: bounded('m', L.rotorDiameterM, 'larger than any helicopter rotor').optional(),
    rotorDiscAreaM2: bounded('m^2', L.areaM2, 'a rotor of 50 m diameter').optional(),
    /** Real power = ideal momentum-theory power / efficiency (figure of merit x drive efficiency). */
    efficiency: z.number().gt(0, 'must be within (0, 1]').max(1, 'must be within (0, 1]'),
    /** Drag coefficient x reference area of the body (C_D A). */
    dragAreaM2: z.number().min(0, 'must be >= 0 m^2').max(L.areaM2, `must be at most ${L.areaM2} m^2 (larger than any aircraft's drag area)`),
    /** C_D A added by a carried parcel. */
    parcelDragAreaM2: z.number().min(0, 'must be >= 0 m^2').max(L.areaM2, `must be at most ${L.areaM2} m^2 (larger than any parcel's drag area)`).default(0),
    /** Cruise lift-to-drag ratio; used by fixed-wing cruise only. */
    liftToDrag: positive('').max(L.liftToDrag, `must be at most ${L.liftToDrag} (a sailplane's best glide is about 60)`).optional(),
    avionicsW: z.number().min(0, 'must be >= 0 W').max(L.powerW, `must be at most ${L.powerW} W (1 MW)`).default(0),
    maxPayloadKg: z.number().min(0, 'must be >= 0 kg').max(L.massKg, `must be at most ${L.massKg} kg (no delivery drone lifts more)`),
    cruiseAirspeedMps: speedMps(),
    maxAirspeedMps: speedMps(),
    climbRateMps: speedMps(),
    descentRateMps: speedMps(),
    /** Wind above which the drone must not fly. */
    maxWindMps: speedMps(),
    /** The parcel release the exported autopilot missions use; absent: by each order's drop method. */
    payloadRelease: payloadReleaseSchema.optional(),
  })
  .superRefine((m, ctx) => {
    if (m.rotorDiameterM === undefined && m.rotorDiscAreaM2 === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rotorDiameterM'], message: 'give rotorDiameterM or rotorDiscAreaM2' });
    }
    if (m.kind === 'fixedwing-vtol' && m.liftToDrag === undefined) {
      ctx.addIssue({ code: 'custom', path: ['liftToDrag'], message: 'a fixedwing-vtol model needs liftToDrag' });
    }
    if (m.cruiseAirspeedMps > m.maxAirspeedMps) {
      ctx.addIssue({
        code: 'custom',
        path: ['cruiseAirspeedMps'],
        message: `must not exceed maxAirspeedMps (${m.maxAirspeedMps})`,
      });
    }
  });

export type DroneModel = z.infer<typeof droneModelSchema>;
