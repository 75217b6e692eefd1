/**
 * Editing one trip of a plan: fly it at another of the mission's cruise layers and re-check it.
 *
 * The trip is rebuilt by the planner's own exact trip builder (tripBuilder.ts: every leg flown by the
 * path finder with the physics at the payload on board, scheduled as the planner schedules, checked
 * against energy, payload and the depot's hours), with each leg's layer given instead of the heading
 * rule's. The rebuilt trip is then checked against the rest of the plan as the assembly checks a trip it
 * places: 4D separation from every other trip, its pad free of other movements, and the drone's next trip
 * still taking off after this one's battery is ready. Only a trip that passes every check can be applied.
 *
 * The take-off stays where the plan has it unless the new layer makes the builder's own schedule later
 * (a shorter flight that would otherwise wait in the air over a drop point).
 */
import { formatClock } from '../mission/time';
import type { Mission } from '../mission/schema';
import { type ConflictHit, SeparationIndex, type Trajectory, type TrajectoryPoint } from '../separation/trajectory';
import { planningMinima } from '../separation/rule';
import { PadBook, tripTrajectory } from '../terminal/padBook';
import { nearestPad, padId } from '../terminal/pads';
import { type ModelArcs, computeModelArcs } from './arcs';
import { type PlannerContext, buildContext } from './context';
import { type FleetType, buildFleetTypes } from './fleetTypes';
import { planKpis } from './kpis';
import { type Plan, type Trip, planSchema } from './plan';
import { documentTrip } from './planMission';
import { fmt } from './screen';
import { type BuiltTrip, type TripFailure, TripBuilder } from './tripBuilder';

export interface TripEditConflict {
  droneId: string;
  tripId: string;
  tS: number;
  horizontalM: number;
  verticalM: number;
}

export interface TripEditResult {
  droneId: string;
  tripId: string;
  /** The cruise layer asked for, m. */
  altitudeM: number;
  /** Every check passed: applyTripEdit can put the trip into the plan. */
  ok: boolean;
  /** The trip rebuilt at the layer, as the plan document writes it (absent when it cannot be flown at all). */
  trip?: Trip;
  /** Per order of the trip: drop done and lateness, s. */
  deliveries: { orderId: string; deliverS: number; lateS: number }[];
  /** Why the trip cannot be applied, in words (empty when ok). */
  problems: string[];
  /** Other trips the rebuilt trip would come too close to. */
  conflicts: TripEditConflict[];
}

/** Where a trip is in the plan: its drone's index among the mission's drones and its trip index. */
function locate(ctx: PlannerContext, plan: Plan, tripId: string): { v: number; k: number; droneId: string } | undefined {
  for (const d of plan.drones) {
    const k = d.trips.findIndex((t) => t.tripId === tripId);
    if (k < 0) continue;
    const v = ctx.drones.findIndex((x) => x.droneId === d.droneId);
    return v < 0 ? undefined : { v, k, droneId: d.droneId };
  }
  return undefined;
}

/**
 * The planner context with only the depots and the trip's own orders as nodes (the order indices of the
 * trip, renumbered), so the 3D arc bounds (needed by the fleet types: the reserve's alternate depot) cost
 * a few path matrices instead of the whole mission's.
 */
function tripContext(ctx: PlannerContext, orderIds: readonly string[]): { ctx: PlannerContext; orders: number[] } | string {
  const D = ctx.depots.length;
  const picked = [];
  for (const id of orderIds) {
    const o = ctx.orders.find((x) => x.id === id);
    if (!o) return `order ${id} of the trip is not in the mission`;
    picked.push({ ...o, node: D + picked.length });
  }
  const small: PlannerContext = { ...ctx, orders: picked, points: [...ctx.depots.map((d) => d.xy), ...picked.map((o) => o.xy)] };
  return { ctx: small, orders: picked.map((_, j) => j) };
}

/** The drone's fleet type: its depot's fleet entry of its model (the reserve and recharge depend on both). */
function typeOfDrone(ctx: PlannerContext, types: FleetType[], v: number): FleetType | undefined {
  const d = ctx.drones[v];
  return types.find((t) => t.depot.id === d.depotId && t.info.model.id === d.modelId);
}

/** The 4D trajectory of a trip of the plan document (pad columns marked), as the simulator builds it. */
function docTrajectory(ctx: PlannerContext, trip: Trip): { traj: Trajectory; depot: PlannerContext['depots'][number]; pad: number } | undefined {
  const depot = ctx.depots.find((d) => d.id === trip.depotId);
  if (!depot) return undefined;
  const { frame } = ctx.airspace;
  const first = trip.legs[0].waypoints[0];
  const start = frame.toLocal([first[0], first[1]]);
  const pad = trip.pad !== undefined && trip.pad < depot.pads.length ? trip.pad : nearestPad(depot.pads, start.x, start.y);
  const pts: TrajectoryPoint[] = [];
  for (const leg of trip.legs)
    for (const w of leg.waypoints) {
      const p = frame.toLocal([w[0], w[1]]);
      pts.push({ t: w[3], x: p.x, y: p.y, z: w[2] });
    }
  return { traj: tripTrajectory(pts, depot.pads[pad], padId(depot.node, pad)), depot, pad };
}

function builtTrajectory(trip: BuiltTrip): Trajectory {
  const pts: TrajectoryPoint[] = [];
  for (const leg of trip.legs) for (const w of leg.flight.waypoints) pts.push({ t: leg.departS + w.tS, x: w.x, y: w.y, z: w.altM });
  const depot = trip.type.depot;
  return tripTrajectory(pts, depot.pads[trip.pad], padId(depot.node, trip.pad));
}

function failureText(f: TripFailure, startTime: string): string {
  switch (f.kind) {
    case 'energy':
      return `the trip needs ${fmt(f.needWh, 0)} Wh plus ${fmt(f.contingencyWh, 0)} Wh contingency; usable energy less the final reserve is ${fmt(f.limitWh, 0)} Wh`;
    case 'depot-hours':
      return `it would take off at ${formatClock(startTime, f.departS)}, after the depot's last take-off at ${formatClock(startTime, f.closeS)}`;
    case 'payload':
      return `${fmt(f.payloadKg, 2)} kg exceeds the drone's ${fmt(f.capKg, 2)} kg payload`;
    case 'path':
      return f.message;
  }
}

/** Per leg, the cruise layer each leg of the trip flies in the plan. */
export function tripLayers(trip: Trip): number[] {
  return trip.legs.map((l) => l.cruiseAltitudeM);
}

/**
 * Rebuilds one trip of the plan with every leg at `altitudeM` (one of mission.settings.cruiseAltitudesM,
 * or per leg with an array) and checks it against the rest of the plan. The plan must have been made for
 * this mission (same fingerprint): the caller says so.
 */
export function recheckTripAtLayer(mission: Mission, plan: Plan, tripId: string, altitudeM: number | readonly number[]): TripEditResult {
  const ctx = buildContext(mission);
  const at = locate(ctx, plan, tripId);
  const layers = typeof altitudeM === 'number' ? undefined : altitudeM;
  const asked = typeof altitudeM === 'number' ? altitudeM : Math.max(...altitudeM);
  const base = { tripId, altitudeM: asked, droneId: at?.droneId ?? '', deliveries: [], conflicts: [] };
  if (!at) return { ...base, ok: false, problems: [`trip ${tripId} is not in the plan`] };
  const original = plan.drones.find((d) => d.droneId === at.droneId)!.trips[at.k];
  const altitudes = layers ? [...layers] : original.legs.map(() => altitudeM as number);
  const notLayer = altitudes.filter((a) => !ctx.layersM.includes(a));
  if (notLayer.length) return { ...base, ok: false, problems: [`${notLayer[0]} m is not one of the mission's cruise layers (${ctx.layersM.join(', ')} m)`] };
  if (altitudes.length !== original.legs.length) return { ...base, ok: false, problems: [`the trip has ${original.legs.length} legs, ${altitudes.length} layers were given`] };

  const small = tripContext(ctx, original.orderIds);
  if (typeof small === 'string') return { ...base, ok: false, problems: [small] };
  const info = small.ctx.models.find((m) => m.model.id === ctx.drones[at.v].modelId);
  if (!info) return { ...base, ok: false, problems: [`drone model ${ctx.drones[at.v].modelId} is not in the mission`] };
  const arcsByModel = new Map<string, ModelArcs>([[info.model.id, computeModelArcs(small.ctx, info)]]);
  const types = buildFleetTypes(small.ctx, arcsByModel);
  const type = typeOfDrone(small.ctx, types, at.v);
  if (!type) return { ...base, ok: false, problems: [`no fleet entry flies drone ${at.droneId}`] };

  // The drone is free when its previous trip's battery is ready (the assembly's `ready`), else at opening.
  const drone = plan.drones.find((d) => d.droneId === at.droneId)!;
  const previous = at.k > 0 ? drone.trips[at.k - 1] : undefined;
  const readyS = Math.max(type.depot.openS, previous?.readyS ?? 0);
  const pad = docTrajectory(ctx, original)?.pad ?? ctx.homePad[at.v];
  const builder = new TripBuilder(small.ctx);
  const request = { type, orders: small.orders, readyS, layerRotation: 0, pad, altitudesM: altitudes };
  let result = builder.build({ ...request, delayS: 0 });
  // Keep the plan's take-off when the new schedule would leave earlier (the plan's own delay).
  const natural = result.trip?.departS;
  if (natural !== undefined && original.departS > natural + 1e-3) result = builder.build({ ...request, delayS: original.departS - natural });

  const problems: string[] = [];
  const built = result.trip;
  if (!result.ok) problems.push(failureText(result.failure, mission.startTime));
  if (!built) return { ...base, ok: false, problems };

  const doc = documentTrip(small.ctx, at.v, built, at.k);
  const deliveries = built.orders.map((o, i) => ({ orderId: small.ctx.orders[o].id, deliverS: built.deliverS[i], lateS: built.lateS[i] }));
  const next = drone.trips[at.k + 1];
  if (next && next.departS < built.readyS - 1e-6) {
    problems.push(
      `the drone's next trip ${next.tripId} takes off at ${formatClock(mission.startTime, next.departS)}, before this trip's battery is ready at ${formatClock(mission.startTime, built.readyS)}`,
    );
  }

  // Against the rest of the plan: pads and 4D separation.
  const traj = builtTrajectory(built);
  const pads = new PadBook();
  const index = new SeparationIndex(planningMinima(mission.settings.separation));
  const owners: { droneId: string; tripId: string }[] = [];
  for (const d of plan.drones)
    for (const t of d.trips) {
      if (t.tripId === tripId) continue;
      const other = docTrajectory(ctx, t);
      if (!other) continue;
      pads.book(other.depot, other.pad, other.traj);
      index.add(other.traj);
      owners.push({ droneId: d.droneId, tripId: t.tripId });
    }
  if (!pads.isFree(type.depot, built.pad, traj)) problems.push(`pad ${built.pad + 1} of ${type.depot.id} is taken by another take-off or landing then`);
  const conflicts = index.conflicts(traj).map(({ id, hit }: { id: number; hit: ConflictHit }) => ({
    ...owners[id],
    tS: hit.tS,
    horizontalM: hit.horizontalM,
    verticalM: hit.verticalM,
  }));
  if (conflicts.length) problems.push(`it comes closer than the separation minima to ${conflicts.map((c) => c.tripId).join(', ')}`);
  return { ...base, ok: problems.length === 0, trip: doc, deliveries, problems, conflicts };
}

/**
 * The plan with the edited trip in place of the original: its orders' outcomes follow (drop times,
 * lateness) and the KPIs are recomputed from the plan's own trips. Throws unless the edit passed.
 */
export function applyTripEdit(mission: Mission, plan: Plan, edit: TripEditResult): Plan {
  if (!edit.ok || !edit.trip) throw new Error(`trip ${edit.tripId} cannot be applied: ${edit.problems.join('; ')}`);
  const trip = edit.trip;
  const drones = plan.drones.map((d) => (d.droneId !== edit.droneId ? d : { ...d, trips: d.trips.map((t) => (t.tripId === edit.tripId ? trip : t)) }));
  const byOrder = new Map(edit.deliveries.map((x) => [x.orderId, x]));
  const orders = plan.orders.map((o) => {
    const x = byOrder.get(o.orderId);
    return x && o.status === 'assigned' ? { ...o, deliverS: round3(x.deliverS), lateS: round3(x.lateS) } : o;
  });
  // The edited trip has no conflict (else it would not pass); the plan's other conflicts stand.
  const conflicts = plan.conflicts.filter((c) => c.a.tripId !== edit.tripId && c.b.tripId !== edit.tripId);
  return planSchema.parse({ ...plan, drones, orders, conflicts, kpis: planKpis(mission, drones, orders, conflicts.length) });
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
