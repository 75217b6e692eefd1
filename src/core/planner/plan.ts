/**
 * The plan document (`plan.json`): what the fleet planner decided, versioned and validated by zod
 * like the mission. Simulator, playback and exporters read only this plus the mission.
 *
 * Times are seconds after the mission start; positions in waypoints are [lng, lat, altitudeM, tS]
 * with altitude in metres above the mission datum: the ground at the mission origin (AMSL = altitude + the
 * datum's elevation; without terrain the ground is 0 everywhere, so this is the height above the ground).
 *
 * Version history (additive changes keep planVersion 1; readers must ignore absent optional fields):
 * - 1: initial format.
 * - 1 (additive): optional `iterationLimit` and `kpis.conflicts`, `kpis.lateMaxMinutes`; documentation
 *   of `lengthM`, `arriveS`, `deliverS` and the separation semantics below.
 * - 1 (additive): optional trip `pad` and `contingencyWh`; legs start and end over the trip's pad.
 * - 1 (additive): `iterationLimit` always written (the default budget is a number of iterations);
 *   optional `searchCutShort` when the time limit stopped the search first.
 *
 * Semantics the planner guarantees (test/unit/planner*.test.ts checks them independently):
 * - A leg's waypoints are its 4D polyline: take-off or climb-out, cruise, an optional hold at cruise
 *   altitude over the destination (waiting for the promise window), descent, and at an order a last
 *   waypoint at the drop height when the drop is done (doneS). The drone moves linearly between
 *   consecutive waypoints.
 * - A drop is done at doneS = deliverS; the promise window applies to it: never before `earliest`,
 *   lateS = max(0, deliverS - latest).
 * - Each trip leaves a full battery (socStart 1) and lands with energy >= reserveWh + contingencyWh under
 *   the forecast; readyS is landS plus the depot's recharge (of trip plus contingency energy) or swap time.
 * - Take-offs and landings are on the trip's pad, climbing and descending vertically over it; two
 *   movements on one pad are apart by the depot's turnaround. No take-off after the depot's last
 *   take-off (open.latest); landing back home may be later.
 * - Separation: two trips conflict when at the same instant (between take-off and landing) they are
 *   closer than settings.separation.horizontalM horizontally AND closer than verticalM vertically,
 *   except two drones in the vertical columns of two different pads (src/core/separation/rule.ts, the
 *   rule the simulator's monitor applies too); every such pair is listed in `conflicts`.
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
  /** Metres flown on this leg: horizontal plus vertical. */
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
  /** Contingency energy planned on top of energyWh (absent in plans made before it existed). */
  contingencyWh: nonNeg.optional(),
  /** Final reserve: never planned to be used; landing below it is an incident. */
  reserveWh: nonNeg,
  /** The pad (index in the depot's pad layout) the trip takes off from and lands on. */
  pad: z.number().int().min(0).optional(),
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
  'at-depot',
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
  /** Conflicts the deconfliction could not remove (= conflicts.length). */
  conflicts: z.number().int().min(0).optional(),
  /** Largest lateness of one delivery, minutes. */
  lateMaxMinutes: nonNeg.optional(),
});
export type PlanKpis = z.infer<typeof planKpisSchema>;

export const planSchema = z.strictObject({
  planVersion: z.literal(PLAN_VERSION),
  missionName: z.string(),
  /** Fingerprint of the mission the plan was made for (see missionFingerprint). */
  missionFingerprint: z.string(),
  seed: z.number().int(),
  /** Solver wall-clock budget, s (0 when only an iteration limit was given). */
  timeLimitS: nonNeg,
  /** Solver iteration budget: the plan is exactly reproducible on any machine unless searchCutShort. */
  iterationLimit: z.number().int().min(0).optional(),
  /** The time limit stopped the search before its iteration budget (the plan depends on the machine). */
  searchCutShort: z.literal(true).optional(),
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
