/**
 * Does a plan belong to this mission? The simulator refuses a plan that names a drone, order or depot
 * the mission does not have (each mismatch named with its path). A different mission fingerprint is
 * only a warning: the mission may have been edited harmlessly (a renamed zone, added faults) and the
 * id checks catch what would make the simulation meaningless.
 */
import { type Plan, planSchema } from '../planner/plan';
import type { Mission } from '../mission/schema';
import { fleetDrones } from '../mission/fleet';
import { missionFingerprint } from '../mission/fingerprint';
import { type Problem, formatPath } from '../mission/problems';

export type PlanCheckResult = { ok: true; plan: Plan; warnings: Problem[] } | { ok: false; errors: Problem[] };

export function checkPlan(mission: Mission, raw: unknown): PlanCheckResult {
  const parsed = planSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message, severity: 'error' as const })),
    };
  }
  const plan = parsed.data;
  const errors: Problem[] = [];
  const warnings: Problem[] = [];
  const err = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message, severity: 'error' });

  const fleet = new Map(fleetDrones(mission).map((d) => [d.droneId, d]));
  const depots = new Set(mission.depots.map((d) => d.id));
  const orders = new Set(mission.orders.map((o) => o.id));
  const seenDrones = new Set<string>();
  const orderTrip = new Map<string, string>();

  plan.drones.forEach((d, i) => {
    const f = fleet.get(d.droneId);
    if (!f) err(['drones', i, 'droneId'], `unknown drone "${d.droneId}": the mission has no such drone`);
    else {
      if (f.depotId !== d.depotId) err(['drones', i, 'depotId'], `drone "${d.droneId}" belongs to depot "${f.depotId}", not "${d.depotId}"`);
      if (f.modelId !== d.modelId) err(['drones', i, 'modelId'], `drone "${d.droneId}" is a "${f.modelId}", not "${d.modelId}"`);
    }
    if (seenDrones.has(d.droneId)) err(['drones', i, 'droneId'], `drone "${d.droneId}" appears twice`);
    seenDrones.add(d.droneId);
    d.trips.forEach((trip, j) => {
      const tp = ['drones', i, 'trips', j];
      if (!depots.has(trip.depotId)) err([...tp, 'depotId'], `unknown depot "${trip.depotId}"`);
      if (!depots.has(trip.landDepotId)) err([...tp, 'landDepotId'], `unknown depot "${trip.landDepotId}"`);
      trip.orderIds.forEach((o, k) => {
        if (!orders.has(o)) err([...tp, 'orderIds', k], `unknown order "${o}"`);
        const other = orderTrip.get(o);
        if (other) err([...tp, 'orderIds', k], `order "${o}" is also carried by trip "${other}"`);
        orderTrip.set(o, trip.tripId);
      });
      trip.legs.forEach((leg, k) => {
        for (const end of ['from', 'to'] as const) {
          const stop = leg[end];
          const known = stop.kind === 'depot' ? depots.has(stop.id) : orders.has(stop.id);
          if (!known) err([...tp, 'legs', k, end, 'id'], `unknown ${stop.kind} "${stop.id}"`);
        }
      });
    });
  });
  plan.orders.forEach((o, i) => {
    if (!orders.has(o.orderId)) err(['orders', i, 'orderId'], `unknown order "${o.orderId}"`);
  });
  if (errors.length > 0) return { ok: false, errors };

  // The fingerprint of the mission as it is, and as it was before faults were added to it.
  const prints = [missionFingerprint(mission), missionFingerprint({ ...mission, faults: undefined })];
  if (!prints.includes(plan.missionFingerprint)) {
    warnings.push({
      path: 'missionFingerprint',
      message: `the plan was made for another version of the mission (${plan.missionFingerprint}, mission is ${prints[0]}); simulating anyway`,
      severity: 'check',
    });
  }
  return { ok: true, plan, warnings };
}
