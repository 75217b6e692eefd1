/**
 * The dispatch board: what the dispatcher knows at a moment of the day and what it has given out.
 *
 * The planner's context (airspace, 3D leg costs between every pair of places, fleet types) is built
 * once for the day's map: it is the distance oracle a routing engine would answer from. The board
 * never reads an order before it is revealed: the open orders, the screening verdicts and every plan
 * are made only from orders placed by then.
 */
import type { Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { type ModelArcs, computeModelArcs } from '../planner/arcs';
import { buildContext, type PlannerContext } from '../planner/context';
import { buildFleetTypes, type FleetType } from '../planner/fleetTypes';
import { assignedOutcomes, documentTrip, type PreparedMission } from '../planner/planMission';
import type { OrderOutcome, Plan, Trip, UnassignedReason } from '../planner/plan';
import { screenOrders, type ScreenVerdict } from '../planner/screen';
import { TripBuilder, type BuiltTrip } from '../planner/tripBuilder';
import type { DispatchRecord } from '../sim/trace';

/** Stand-in availability of a drone out of service: later than any day, so no plan uses it. */
export const OUT_OF_SERVICE_S = 1e9;

/** The day's map as the planner needs it, computed once before the day starts. */
export interface DayMap {
  ctx: PlannerContext;
  /** The airspace and leg costs, in the form the static planner reuses (hindsight on the same day). */
  prepared: PreparedMission;
  types: FleetType[];
  /** Per drone (ctx.drones order): its fleet type. */
  typeOfDrone: FleetType[];
  /** Per order: the screening verdict (read only once the order is revealed). */
  verdicts: (ScreenVerdict | undefined)[];
  /** When each order is placed (revealed to the dispatcher), mission seconds. */
  placedS: number[];
}

export function buildDayMap(mission: Mission, onProgress?: (fraction: number, message: string) => void): DayMap {
  const ctx = buildContext(mission);
  const arcsByModel = new Map<string, ModelArcs>();
  const layerSteps = Math.max(1, ctx.models.length * ctx.layersM.length);
  let done = 0;
  for (const info of ctx.models) {
    arcsByModel.set(
      info.model.id,
      computeModelArcs(ctx, info, () => {
        done++;
        onProgress?.(done / layerSteps, `3D leg costs: ${info.model.id}, layer ${done}/${layerSteps}`);
      }),
    );
  }
  const types = buildFleetTypes(ctx, arcsByModel);
  const typeOfDrone: FleetType[] = [];
  for (const t of types) for (let k = 0; k < t.count; k++) typeOfDrone.push(t);
  const placedS = mission.orders.map((o) => (o.placedAt !== undefined ? Math.max(0, toMissionSeconds(mission.startTime, o.placedAt)) : 0));
  // Each verdict depends on its own order only (and the fleet), so screening them all up front
  // reveals nothing about other orders.
  return { ctx, prepared: { ctx, arcsByModel }, types, typeOfDrone, verdicts: screenOrders(ctx, types), placedS };
}

/** A trip given to a drone (ctx.drones index), as its plan document. */
export interface Given {
  drone: number;
  trip: Trip;
}

export interface Rejection {
  reason: UnassignedReason;
  message: string;
}

export class DispatchBoard {
  readonly builder: TripBuilder;
  /** Revealed, not given out, not rejected (context order indices). */
  readonly open = new Set<number>();
  /** Orders the dispatcher gave up on, with why. */
  readonly rejected = new Map<number, Rejection>();
  /** Per drone: the trips given out, built and as documents. */
  readonly given: BuiltTrip[][];
  readonly documents: Trip[][];
  readonly outcomes = new Map<number, OrderOutcome>();
  /** When each given order was given to its drone, and when each rejected one was given up. */
  readonly givenS = new Map<number, number>();
  readonly rejectedS = new Map<number, number>();
  /** Planned conflicts the deconfliction could not avoid (should stay 0). */
  conflicts = 0;
  private revealedUpTo = 0;
  /** Orders in placement order. */
  private readonly byPlacement: number[];

  constructor(readonly map: DayMap) {
    this.builder = new TripBuilder(map.ctx);
    this.given = map.ctx.drones.map(() => []);
    this.documents = map.ctx.drones.map(() => []);
    this.byPlacement = map.ctx.orders.map((_, k) => k).sort((a, b) => map.placedS[a] - map.placedS[b] || a - b);
  }

  get ctx(): PlannerContext {
    return this.map.ctx;
  }

  /** Orders placed up to tS become known; those no drone can serve are rejected at once. Returns the new ones. */
  reveal(tS: number): number[] {
    const fresh: number[] = [];
    while (this.revealedUpTo < this.byPlacement.length && this.map.placedS[this.byPlacement[this.revealedUpTo]] <= tS) {
      const k = this.byPlacement[this.revealedUpTo++];
      const verdict = this.map.verdicts[k];
      this.open.add(k);
      if (verdict) this.reject(k, verdict, this.map.placedS[k]);
      fresh.push(k);
    }
    return fresh;
  }

  /** Every order has been revealed. */
  get allRevealed(): boolean {
    return this.revealedUpTo >= this.byPlacement.length;
  }

  /** When the next order is placed, or Infinity. */
  get nextPlacementS(): number {
    return this.revealedUpTo < this.byPlacement.length ? this.map.placedS[this.byPlacement[this.revealedUpTo]] : Infinity;
  }

  /** Gives drone v a built trip at nowS: it becomes the drone's next trip document. */
  give(v: number, trip: BuiltTrip, nowS: number): Trip {
    const doc = documentTrip(this.ctx, v, trip, this.given[v].length);
    this.given[v].push(trip);
    this.documents[v].push(doc);
    for (const o of assignedOutcomes(this.ctx, v, trip, doc)) {
      this.outcomes.set(o.index, o.outcome);
      this.givenS.set(o.index, nowS);
      this.open.delete(o.index);
    }
    return doc;
  }

  reject(k: number, why: Rejection, nowS: number): void {
    this.open.delete(k);
    this.rejected.set(k, why);
    this.rejectedS.set(k, nowS);
  }

  /** Battery-ready time after drone v's last given trip (0 when it has none). */
  readyAfterGiven(v: number): number {
    const trips = this.given[v];
    return trips.length > 0 ? trips[trips.length - 1].readyS : 0;
  }

  /** Trips given out that can still meet a new one (in the air or on a pad after tS). */
  traffic(tS: number): BuiltTrip[] {
    const out: BuiltTrip[] = [];
    for (const trips of this.given) for (const t of trips) if (t.landS + t.type.depot.turnaroundS >= tS) out.push(t);
    return out;
  }

  /** Who knew what when, for the trace. */
  record(policy: string): DispatchRecord {
    const ctx = this.ctx;
    return {
      policy,
      orders: ctx.orders.map((o, k) => {
        const givenS = this.givenS.get(k);
        const rejectedS = this.rejectedS.get(k);
        return { orderId: o.id, placedS: this.map.placedS[k], ...(givenS !== undefined ? { givenS } : {}), ...(rejectedS !== undefined ? { rejectedS } : {}) };
      }),
    };
  }

  /** The plan document of everything given out, with every other order's reason. */
  planDocument(base: Omit<Plan, 'drones' | 'orders' | 'conflicts' | 'kpis'>, kpis: (drones: Plan['drones'], orders: Plan['orders']) => Plan['kpis']): Plan {
    const ctx = this.ctx;
    const drones: Plan['drones'] = ctx.drones.map((d, v) => ({ droneId: d.droneId, depotId: d.depotId, modelId: d.modelId, trips: this.documents[v] }));
    const orders: Plan['orders'] = ctx.orders.map((o, k) => {
      const given = this.outcomes.get(k);
      if (given) return given;
      const why = this.rejected.get(k) ?? { reason: 'fleet-saturated' as const, message: 'still open when the day ended: no drone had time for it' };
      return { orderId: o.id, status: 'unassigned', reason: why.reason, message: why.message };
    });
    return { ...base, drones, orders, conflicts: [], kpis: kpis(drones, orders) };
  }
}
