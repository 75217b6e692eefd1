/**
 * A drone model's physical parameters (SI units). The energy model in src/core/energy reads these;
 * the README's "Physics" section documents each key and its role in the equations.
 */
import { z } from 'zod';

const positive = (unit: string) => z.number().positive(`must be > 0 ${unit}`.trim());

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
  z.strictObject({ command: z.literal('payload-place'), maxDescentM: positive('m').optional() }),
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
    emptyMassKg: positive('kg'),
    batteryMassKg: positive('kg'),
    /** Nominal battery energy. */
    batteryWh: positive('Wh'),
    /** Depth of discharge x state of health: the share of nominal energy that may be used. */
    usableFraction: z.number().gt(0, 'must be within (0, 1]').max(1, 'must be within (0, 1]'),
    rotorCount: z.number().int('must be a whole number').min(1, 'must be >= 1').max(32, 'must be <= 32'),
    /** Give either the rotor diameter or the disc area of one rotor. */
    rotorDiameterM: positive('m').optional(),
    rotorDiscAreaM2: positive('m^2').optional(),
    /** Real power = ideal momentum-theory power / efficiency (figure of merit x drive efficiency). */
    efficiency: z.number().gt(0, 'must be within (0, 1]').max(1, 'must be within (0, 1]'),
    /** Drag coefficient x reference area of the body (C_D A). */
    dragAreaM2: z.number().min(0, 'must be >= 0 m^2'),
    /** C_D A added by a carried parcel. */
    parcelDragAreaM2: z.number().min(0, 'must be >= 0 m^2').default(0),
    /** Cruise lift-to-drag ratio; used by fixed-wing cruise only. */
    liftToDrag: positive('').optional(),
    avionicsW: z.number().min(0, 'must be >= 0 W').default(0),
    maxPayloadKg: z.number().min(0, 'must be >= 0 kg'),
    cruiseAirspeedMps: positive('m/s'),
    maxAirspeedMps: positive('m/s'),
    climbRateMps: positive('m/s'),
    descentRateMps: positive('m/s'),
    /** Wind above which the drone must not fly. */
    maxWindMps: positive('m/s'),
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
