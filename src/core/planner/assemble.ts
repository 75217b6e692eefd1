/**
 * From the solver's routes to flyable trips: every trip rebuilt exactly (tripBuilder), deconflicted in
 * 4D against the trips already placed (separation), repaired when the exact physics or the shifted
 * schedule breaks a hard constraint. Trips are placed in order of take-off over the whole fleet, so each
 * pair of trips is checked once, when the later one is placed, against the final form of the earlier.
 *
 * Deconfliction options, tried in order until one has no conflict: take-off delays (DEPARTURE_DELAYS_S)
 * x layer rotations (which cruise layer each heading sector gets). A trip that has no conflict-free
 * option is placed with its least-conflicting one and its conflicts are listed in the plan.
 *
 * Repair: a trip the exact rebuild finds infeasible (energy above usable minus reserve, landing after
 * the depot closes, no path) is split (its longest feasible prefix flies now, the rest becomes the
 * drone's next trip); an order that cannot fly even alone is left unassigned with the reason.
 */
import { formatClock } from '../mission/time';
import type { PlannerContext } from './context';
import type { FleetType } from './fleetTypes';
import type { UnassignedReason } from './plan';
import { type ConflictHit, SeparationIndex, type Trajectory, type TrajectoryPoint } from '../separation/trajectory';
import { PadBook, tripTrajectory } from '../terminal/padBook';
import { planningMinima } from '../separation/rule';
import { padId } from '../terminal/pads';
import { type BuiltTrip, type TripBuilder, type TripFailure, type TripResult } from './tripBuilder';
import { DEPARTURE_DELAYS_S } from './constants';
import { fmt } from './screen';

export interface PlacedTrip {
  drone: number;
  trip: BuiltTrip;
  /** Index in the separation index. */
  slot: number;
}

export interface PlacedConflict {
  a: number;
  b: number;
  hit: ConflictHit;
}

export interface Dropped {
  order: number;
  reason: UnassignedReason;
  message: string;
}

export interface AssembleResult {
  /** Per drone (ctx.drones order): its trips in flying order. */
  tripsByDrone: BuiltTrip[][];
  placed: PlacedTrip[];
  conflicts: PlacedConflict[];
  dropped: Dropped[];
  /** Trips that needed a delay or another layer rotation to stay separated. */
  deconflictedTrips: number;
  /** Left-over orders that got a trip of their own in the second chance. */
  rescued: number[];
}

interface Chosen {
  trip: BuiltTrip;
  traj: Trajectory;
  hits: { id: number; hit: ConflictHit }[];
}

/** How many drones (the first free) the second chance tries per left-over order. */
const SECOND_CHANCE_DRONES = 12;

interface Pending {
  orders: number[];
  plannedDepartS: number;
}

/** Where a re-plan during the day starts from (absent: the start of the day, an empty sky). */
export interface AssembleStart {
  /** Per drone (ctx.drones order): no take-off before this (still flying, recharging, or now). */
  readyS: readonly number[];
  /** Trips already given out: new trips keep separated from them and off their pad slots. */
  traffic: readonly BuiltTrip[];
}

export function assembleTrips(
  ctx: PlannerContext,
  typeOfDrone: FleetType[],
  routes: { drone: number; trips: Pending[] }[],
  builder: TripBuilder,
  onProgress?: (done: number, total: number) => void,
  leftovers: readonly number[] = [],
  start?: AssembleStart,
): AssembleResult {
  const sep = ctx.mission.settings.separation;
  const index = new SeparationIndex(planningMinima(sep));
  const pads = new PadBook();
  for (const trip of start?.traffic ?? []) {
    const traj = trajectoryOf(trip);
    pads.book(trip.type.depot, trip.pad, traj);
    index.add(traj);
  }
  const queues: Pending[][] = ctx.drones.map(() => []);
  for (const r of routes) queues[r.drone].push(...r.trips.map((t) => ({ ...t, orders: [...t.orders] })));
  const ready = ctx.drones.map((_, v) => Math.max(typeOfDrone[v].depot.openS, start?.readyS[v] ?? 0));
  const tripsByDrone: BuiltTrip[][] = ctx.drones.map(() => []);
  const placed: PlacedTrip[] = [];
  const conflicts: PlacedConflict[] = [];
  const dropped: Dropped[] = [];
  let deconflictedTrips = 0;
  const rescued: number[] = [];
  const L = Math.max(1, Math.min(ctx.layersM.length, 32));
  const total = queues.reduce((s, q) => s + q.length, 0);
  let processed = 0;
  const hhmm = (s: number) => formatClock(ctx.mission.startTime, s);

  for (;;) {
    // The drone whose next trip takes off first (ties: lower drone index) goes next.
    let v = -1;
    let key = Infinity;
    for (let d = 0; d < queues.length; d++) {
      if (queues[d].length === 0) continue;
      const k = Math.max(queues[d][0].plannedDepartS, ready[d]);
      if (k < key) {
        key = k;
        v = d;
      }
    }
    if (v < 0) break;
    const pending = queues[v].shift()!;
    const type = typeOfDrone[v];
    if (pending.orders.length === 0) continue;

    const attempt = (delayS: number, rotation: number, pad: number): TripResult =>
      builder.build({ type, orders: pending.orders, readyS: ready[v], delayS, layerRotation: rotation, pad });

    // Feasible at all (no delay, any layer rotation)?
    let firstFeasible: { rotation: number; result: TripResult & { ok: true } } | undefined;
    let failure: TripFailure | undefined;
    for (let r = 0; r < L && !firstFeasible; r++) {
      const res = attempt(0, r, ctx.homePad[v]);
      if (res.ok) firstFeasible = { rotation: r, result: res };
      else failure ??= res.failure;
    }
    if (!firstFeasible) {
      repair(v, pending, failure!);
      continue;
    }
    place(v, deconflict(v, firstFeasible, attempt, false)!);
    processed++;
    onProgress?.(processed, total);
  }

  // Second chance: orders the solver could not fit, or a repair left out for lack of time, get a trip
  // of their own on the drone that is free first, if it is feasible and conflict-free.
  const retry = [...leftovers, ...dropped.filter((d) => d.reason === 'fleet-saturated').map((d) => d.order)];
  retry.sort((a, b) => ctx.orders[b].priority - ctx.orders[a].priority || a - b);
  for (const k of retry) {
    const o = ctx.orders[k];
    const candidates = ctx.drones
      .map((_, v) => v)
      .filter((v) => typeOfDrone[v].info.model.maxPayloadKg >= o.parcelKg)
      // Sparse leg costs (large days): only drones whose depot has a leg to the order can fly it.
      .filter((v) => {
        const { arcs, depot } = typeOfDrone[v];
        return arcs.index === undefined || arcs.layerMask[arcs.slot(depot.node, o.node)] !== 0;
      })
      .sort((a, b) => ready[a] - ready[b] || a - b)
      .slice(0, SECOND_CHANCE_DRONES);
    for (const v of candidates) {
      const attempt = (delayS: number, rotation: number, pad: number): TripResult =>
        builder.build({ type: typeOfDrone[v], orders: [k], readyS: ready[v], delayS, layerRotation: rotation, pad });
      let first: { rotation: number; result: TripResult & { ok: true } } | undefined;
      for (let r = 0; r < L && !first; r++) {
        const res = attempt(0, r, ctx.homePad[v]);
        if (res.ok) first = { rotation: r, result: res };
      }
      const chosen = first && deconflict(v, first, attempt, true);
      if (!chosen) continue;
      place(v, chosen);
      const at = dropped.findIndex((d) => d.order === k);
      if (at >= 0) dropped.splice(at, 1);
      rescued.push(k);
      break;
    }
  }
  return { tripsByDrone, placed, conflicts, dropped, deconflictedTrips, rescued };

  /**
   * Delays x layer rotations (x the depot's other pads when the drone's home pad is taken), first
   * option with no conflict and free pads wins; else (unless required) the first feasible.
   */
  function deconflict(
    v: number,
    firstFeasible: { rotation: number; result: TripResult & { ok: true } },
    attempt: (delayS: number, rotation: number, pad: number) => TripResult,
    requireFree: boolean,
  ): Chosen | undefined {
    const home = ctx.homePad[v];
    const padCount = typeOfDrone[v].depot.pads.length;
    let fallback: Chosen | undefined;
    let padBusy: Chosen | undefined;
    for (const delayS of DEPARTURE_DELAYS_S) {
      for (let r = 0; r < L; r++) {
        for (let k = 0; k < padCount; k++) {
          const pad = (home + k) % padCount;
          const res = delayS === 0 && r === firstFeasible.rotation && k === 0 ? firstFeasible.result : attempt(delayS, r, pad);
          if (!res.ok) {
            // Later is only worse (at delay 0 another rotation may still fit).
            if (res.failure.kind === 'depot-hours' && delayS > 0) return requireFree ? undefined : (fallback ?? padBusy);
            break;
          }
          const traj = trajectoryOf(res.trip);
          const padFree = pads.isFree(res.trip.type.depot, pad, traj);
          const hits = index.conflicts(traj, fallback !== undefined || requireFree);
          if (hits.length === 0 && padFree) {
            if (delayS > 0 || r !== firstFeasible.rotation || k > 0) deconflictedTrips++;
            return { trip: res.trip, traj, hits };
          }
          // Fallback: the first option with its pad free; an option with a busy pad only as the last resort.
          if (padFree) fallback ??= { trip: res.trip, traj, hits };
          else padBusy ??= { trip: res.trip, traj, hits };
          // Another pad only helps when this one is taken.
          if (padFree) break;
        }
      }
    }
    return requireFree ? undefined : (fallback ?? padBusy);
  }

  function place(v: number, chosen: Chosen): void {
    pads.book(chosen.trip.type.depot, chosen.trip.pad, chosen.traj);
    const slot = index.add(chosen.traj);
    for (const h of chosen.hits) conflicts.push({ a: h.id, b: slot, hit: h.hit });
    placed.push({ drone: v, trip: chosen.trip, slot });
    tripsByDrone[v].push(chosen.trip);
    ready[v] = chosen.trip.readyS;
    builder.tripDone();
  }

  function repair(v: number, pending: Pending, failure: TripFailure): void {
    const type = typeOfDrone[v];
    const orders = pending.orders;
    // Longest feasible prefix flies now, the rest becomes the drone's next trip.
    for (let k = orders.length - 1; k >= 1; k--) {
      const res = builder.build({ type, orders: orders.slice(0, k), readyS: ready[v], delayS: 0, layerRotation: 0, pad: ctx.homePad[v] });
      if (res.ok) {
        queues[v].unshift({ orders: orders.slice(0, k), plannedDepartS: pending.plannedDepartS }, { orders: orders.slice(k), plannedDepartS: pending.plannedDepartS });
        return;
      }
    }
    // Not even the first order alone: leave it out with the reason, keep the rest.
    const single = orders.length === 1 ? failure : (builder.build({ type, orders: [orders[0]], readyS: ready[v], delayS: 0, layerRotation: 0, pad: ctx.homePad[v] }) as { ok: false; failure: TripFailure }).failure;
    const o = ctx.orders[orders[0]];
    dropped.push({ order: orders[0], ...explain(single, o.id, o.parcelKg, ready[v], type) });
    if (orders.length > 1) queues[v].unshift({ orders: orders.slice(1), plannedDepartS: pending.plannedDepartS });
  }

  function explain(f: TripFailure, orderId: string, parcelKg: number, readyS: number, type: FleetType): { reason: UnassignedReason; message: string } {
    switch (f.kind) {
      case 'energy':
        return {
          reason: 'out-of-reach',
          message: `flown exactly (3D path, ${fmt(parcelKg, 2)} kg, planned wind) the trip needs ${fmt(f.needWh, 0)} Wh plus ${fmt(f.contingencyWh, 0)} Wh contingency, usable energy less the final reserve is ${fmt(f.limitWh, 0)} Wh`,
        };
      case 'depot-hours':
        return {
          reason: readyS > type.depot.openS ? 'fleet-saturated' : 'window-impossible',
          message: `the drone planned for ${orderId} is free from ${hhmm(readyS)} and would take off at ${hhmm(f.departS)}, after its depot's last take-off at ${hhmm(f.closeS)}`,
        };
      case 'payload':
        return { reason: 'too-heavy', message: `${fmt(f.payloadKg, 2)} kg exceeds the drone's ${fmt(f.capKg, 2)} kg payload` };
      case 'path':
        return { reason: 'in-no-fly-zone', message: f.message };
    }
  }
}

/**
 * The trip's 4D trajectory for the separation rule: its waypoints, with the vertical moves over its
 * pad (take-off climb, landing descent) marked as that pad's column.
 */
export function trajectoryOf(trip: BuiltTrip): Trajectory {
  const pts: TrajectoryPoint[] = [];
  for (const leg of trip.legs) for (const w of leg.flight.waypoints) pts.push({ t: leg.departS + w.tS, x: w.x, y: w.y, z: w.altM });
  const depot = trip.type.depot;
  return tripTrajectory(pts, depot.pads[trip.pad], padId(depot.node, trip.pad));
}
