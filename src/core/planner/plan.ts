/**
 * The plan document (`plan.json`): what the fleet planner decided, versioned and validated by zod
 * like the mission. Simulator, playback and exporters read only this plus the mission.
 *
 * Times are seconds after the mission start; positions in waypoints are [lng, lat, altitudeM, tS]
 * with altitude in metres above the take-off ground (relative frame, as autopilots' "relative to home").
 */
import { z } from 'zod';

export const PLAN_VERSION = 1;

const nonNeg = z.number().min(0);

/** A stop a leg starts or ends at. */
export const stopSchema = z.strictObject({
  kind: z.enum(['depot', 'order']),
  id: z.string().min(1),
});

export const waypointSchema = z.tuple([z.number(), z.number(), z.number(), nonNeg]);

export const legSchema = z.strictObject({
  from: stopSchema,
  to: stopSchema,
  departS: nonNeg,
  /** Arrival over the destination, before the drop. */
  arriveS: nonNeg,
  /** When the drop (winch / land / release) is finished; equals arriveS at a depot. */
  doneS: nonNeg,
  /** Parcel mass carried on this leg. */
  payloadKg: nonNeg,
  cruiseAltitudeM: nonNeg,
  lengthM: nonNeg,
  energyWh: nonNeg,
  /** State of charge (0..1 of usable energy) when the leg is done. */
  socAfter: z.number().min(0).max(1),
  waypoints: z.array(waypointSchema).min(2),
});

export const tripSchema = z.strictObject({
  tripId: z.string().min(1),
  depotId: z.string().min(1),
  /** Where the trip lands (usually depotId). */
  landDepotId: z.string().min(1),
  departS: nonNeg,
  landS: nonNeg,
  /** Battery ready again (recharge or swap done). */
  readyS: nonNeg,
  orderIds: z.array(z.string()).min(1),
  payloadKg: nonNeg,
  energyWh: nonNeg,
  reserveWh: nonNeg,
  socStart: z.number().min(0).max(1),
  socEnd: z.number().min(0).max(1),
  legs: z.array(legSchema).min(2),
});

export const dronePlanSchema = z.strictObject({
  droneId: z.string().min(1),
  depotId: z.string().min(1),
  modelId: z.string().min(1),
  trips: z.array(tripSchema),
});

export const unassignedReasonSchema = z.enum([
  'out-of-reach',
  'too-heavy',
  'in-no-fly-zone',
  'window-impossible',
  'fleet-saturated',
  'wind-limit',
]);
export type UnassignedReason = z.infer<typeof unassignedReasonSchema>;

export const orderOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({
    orderId: z.string().min(1),
    status: z.literal('assigned'),
    droneId: z.string().min(1),
    tripId: z.string().min(1),
    /** Drop done (parcel delivered). */
    deliverS: nonNeg,
    /** Seconds after the promise window's latest; 0 when on time. */
    lateS: nonNeg,
  }),
  z.strictObject({
    orderId: z.string().min(1),
    status: z.literal('unassigned'),
    reason: unassignedReasonSchema,
    /** A sentence for the dispatcher, e.g. "needs 812 Wh from the nearest depot, the best drone has 480". */
    message: z.string().min(1),
  }),
]);
export type OrderOutcome = z.infer<typeof orderOutcomeSchema>;

export const conflictSchema = z.strictObject({
  a: z.strictObject({ droneId: z.string(), tripId: z.string() }),
  b: z.strictObject({ droneId: z.string(), tripId: z.string() }),
  tS: nonNeg,
  /** [lng, lat, altitudeM] midway between the two drones at the closest approach. */
  where: z.tuple([z.number(), z.number(), z.number()]),
  horizontalM: nonNeg,
  verticalM: nonNeg,
});

export const planKpisSchema = z.strictObject({
  ordersTotal: z.number().int().min(0),
  assigned: z.number().int().min(0),
  unassigned: z.number().int().min(0),
  onTime: z.number().int().min(0),
  late: z.number().int().min(0),
  lateMinutesTotal: nonNeg,
  servedPriority: nonNeg,
  totalPriority: nonNeg,
  energyWh: nonNeg,
  energyPerDeliveryWh: nonNeg,
  distanceKm: nonNeg,
  dronesUsed: z.number().int().min(0),
  trips: z.number().int().min(0),
});
export type PlanKpis = z.infer<typeof planKpisSchema>;

export const planSchema = z.strictObject({
  planVersion: z.literal(PLAN_VERSION),
  missionName: z.string(),
  /** Fingerprint of the mission the plan was made for (see missionFingerprint). */
  missionFingerprint: z.string(),
  seed: z.number().int(),
  timeLimitS: nonNeg,
  drones: z.array(dronePlanSchema),
  orders: z.array(orderOutcomeSchema),
  conflicts: z.array(conflictSchema),
  kpis: planKpisSchema,
});

export type Plan = z.infer<typeof planSchema>;
export type DronePlan = Plan['drones'][number];
export type Trip = DronePlan['trips'][number];
export type Leg = Trip['legs'][number];
export type Waypoint = z.infer<typeof waypointSchema>;
