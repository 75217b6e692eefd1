/**
 * A drone model's physical parameters (SI units). The energy model in src/core/energy reads these;
 * the README's "Physics" section documents each key and its role in the equations.
 */
import { z } from 'zod';

const positive = (unit: string) => z.number().positive(`must be > 0 ${unit}`.trim());

export const droneKindSchema = z.enum(['multirotor', 'fixedwing-vtol']);
export type DroneKind = z.infer<typeof droneKindSchema>;

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
