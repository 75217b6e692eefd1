/**
 * Exact rebuild of one trip: every leg flown by the path finder (planLeg) with the physics cost model
 * at the payload really on board (less after each drop), at the cruise layer the deconfliction chose,
 * scheduled like the solver does (take off as late as removes air waiting without making anyone later)
 * and then checked against every hard constraint. Nothing here trusts the solver's approximations.
 */
import type { EnergyCostModel } from '../energy/costModel';
import type { CruiseSegment } from '../energy/contingency';
import type { XY } from '../geo/frame';
import { type FlightLeg, planLeg } from '../paths';
import { costModelFor } from './arcs';
import type { PlannerContext } from './context';
import type { FleetType } from './fleetTypes';
import type { Leg } from './plan';

/** A leg in mission seconds with its waypoints in local metres (the plan's form is made at the end). */
export interface BuiltLeg {
  fromNode: number;
  toNode: number;
  departS: number;
  arriveS: number;
  doneS: number;
  payloadKg: number;
  altitudeM: number;
  flight: FlightLeg;
  /** Battery drawn since take-off when the leg is done, Wh. */
  cumEnergyWh: number;
}

export interface BuiltTrip {
  type: FleetType;
  orders: number[];
  /** Pad at the depot for take-off and landing. */
  pad: number;
  departS: number;
  landS: number;
  readyS: number;
  energyWh: number;
  /** Contingency energy planned on top of energyWh. */
  contingencyWh: number;
  payloadKg: number;
  legs: BuiltLeg[];
  /** Per order (same order as `orders`): drop done and lateness. */
  deliverS: number[];
  lateS: number[];
}

export type TripFailure =
  | { kind: 'energy'; needWh: number; contingencyWh: number; limitWh: number }
  | { kind: 'depot-hours'; departS: number; closeS: number }
  | { kind: 'payload'; payloadKg: number; capKg: number }
  | { kind: 'path'; message: string };

export type TripResult = { ok: true; trip: BuiltTrip } | { ok: false; failure: TripFailure; trip?: BuiltTrip };

export interface TripRequest {
  type: FleetType;
  /** Context order indices, in flying order. */
  orders: number[];
  /** The drone is ready (battery full) from this time on. */
  readyS: number;
  /** Extra take-off delay after the best departure (deconfliction), s. */
  delayS: number;
  /** Rotates the heading -> layer assignment (deconfliction). */
  layerRotation: number;
  /** The depot pad the trip takes off from and lands on (index into DepotInfo.pads). */
  pad: number;
  /**
   * Per leg, the cruise layer to fly instead of the heading rule's (layerFor): an edit of one trip
   * (src/core/planner/tripEdit.ts). Each value must be one of the mission's layers; the legs are still
   * flown by the path finder and checked like any other.
   */
  altitudesM?: readonly number[];
}

export class TripBuilder {
  private readonly legCache = new Map<string, FlightLeg | string>();
  private readonly costCache = new Map<string, EnergyCostModel>();
  legCalls = 0;

  constructor(private readonly ctx: PlannerContext) {}

  /**
   * With time-limited zones leg geometry is cached per departure time, which rarely repeats across
   * trips: drop it after each placed trip so memory stays bounded.
   */
  tripDone(): void {
    if (this.ctx.timedZones) this.legCache.clear();
  }

  /** The layer for a leg: sector of its bearing, rotated, moved up to the next layer the arc allows. */
  layerFor(type: FleetType, fromNode: number, toNode: number, rotation: number): number | undefined {
    const { ctx } = this;
    const L = Math.min(ctx.layersM.length, 32);
    const mask = type.arcs.layerMask[type.arcs.slot(fromNode, toNode)];
    if (mask === 0) return undefined;
    const a = ctx.points[fromNode];
    const b = ctx.points[toNode];
    const bearing = ((Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI + 360) % 360;
    const sector = Math.floor(bearing / (360 / L)) % L;
    for (let k = 0; k < L; k++) {
      const layer = (sector + rotation + k) % L;
      if (mask & (1 << layer)) return ctx.layersM[layer];
    }
    return undefined;
  }

  /** Where a leg starts or ends: a depot's legs at the trip's pad, an order's at the drop point. */
  private pointOf(node: number, pad: number): XY {
    const { ctx } = this;
    return node < ctx.depots.length ? ctx.depots[node].pads[pad] : ctx.points[node];
  }

  private leg(type: FleetType, fromNode: number, toNode: number, altitudeM: number, payloadKg: number, departS: number, holdS: number, pad: number): FlightLeg | string {
    const { ctx } = this;
    const hold = Math.round(holdS * 1000) / 1000;
    // Leg geometry depends on the departure only when some zone is time-limited.
    const when = ctx.timedZones ? Math.round(departS * 1000) / 1000 : 0;
    const key = `${type.info.model.id}|${fromNode}|${toNode}|${pad}|${altitudeM}|${payloadKg}|${hold}|${when}`;
    const hit = this.legCache.get(key);
    if (hit !== undefined) return hit;
    this.legCalls++;
    const D = ctx.depots.length;
    const fromOrder = fromNode >= D ? ctx.orders[fromNode - D] : undefined;
    const toOrder = toNode >= D ? ctx.orders[toNode - D] : undefined;
    const r = planLeg(ctx.airspace, {
      from: this.pointOf(fromNode, pad),
      to: this.pointOf(toNode, pad),
      altitudeM,
      departS: when,
      cost: costModelFor(ctx, type.info, payloadKg, this.costCache),
      drop: toOrder ? { method: toOrder.drop, seconds: toOrder.dropS } : undefined,
      startAltM: fromOrder?.dropHeightM ?? 0,
      holdS: hold,
    });
    const value = r.ok ? r : r.message;
    this.legCache.set(key, value);
    return value;
  }

  build(req: TripRequest): TripResult {
    const { ctx } = this;
    const { type, orders } = req;
    const depot = type.depot;
    const info = type.info;
    const stops = orders.map((k) => ctx.orders[k]);
    const payloadKg = stops.reduce((s, o) => s + o.parcelKg, 0);
    const capKg = info.model.maxPayloadKg;
    if (payloadKg > capKg + 1e-9) return { ok: false, failure: { kind: 'payload', payloadKg, capKg } };
    const nodes = [depot.node, ...stops.map((o) => o.node), depot.node];
    const onboard: number[] = [];
    let carried = payloadKg;
    for (let i = 0; i < nodes.length - 1; i++) {
      onboard.push(Math.max(0, round9(carried)));
      if (i < stops.length) carried -= stops[i].parcelKg;
    }
    const alts: number[] = [];
    for (let i = 0; i < nodes.length - 1; i++) {
      const alt = req.altitudesM ? req.altitudesM[i] : this.layerFor(type, nodes[i], nodes[i + 1], req.layerRotation);
      if (alt === undefined) return { ok: false, failure: { kind: 'path', message: `no cruise layer can fly ${nodeName(ctx, nodes[i])} -> ${nodeName(ctx, nodes[i + 1])}` } };
      alts.push(alt);
    }
    const release = stops.reduce((m, o) => Math.max(m, o.readyS), 0);
    const earliestDeparture = Math.max(req.readyS, depot.openS, release);

    // Leg durations without waiting; with timed zones they may change with the departure, so settle them.
    let departS = earliestDeparture;
    let legs: (FlightLeg | string)[] = [];
    for (let round = 0; round < 3; round++) {
      legs = this.legsAt(type, nodes, alts, onboard, departS, req.pad);
      const bad = legs.find((l): l is string => typeof l === 'string');
      if (bad) return { ok: false, failure: { kind: 'path', message: bad } };
      const fl = legs as FlightLeg[];
      const best = earliestDeparture + this.groundDelay(stops, fl, earliestDeparture) + req.delayS;
      if (Math.abs(best - departS) < 1e-6 && round > 0) break;
      departS = best;
      if (!ctx.timedZones) break;
    }
    // Final pass: with the waits (holds) at cruise altitude over each drop point.
    const built: BuiltLeg[] = [];
    const deliverS: number[] = [];
    const lateS: number[] = [];
    let time = departS;
    let energy = 0;
    for (let i = 0; i < nodes.length - 1; i++) {
      const toOrder = i < stops.length ? stops[i] : undefined;
      let fl = this.leg(type, nodes[i], nodes[i + 1], alts[i], onboard[i], time, 0, req.pad);
      if (typeof fl === 'string') return { ok: false, failure: { kind: 'path', message: fl } };
      if (toOrder) {
        const arrive = time + fl.durationS - toOrder.dropS;
        const wait = toOrder.earliestS - toOrder.dropS - arrive;
        if (wait > 1e-6) {
          fl = this.leg(type, nodes[i], nodes[i + 1], alts[i], onboard[i], time, wait + 1e-3, req.pad);
          if (typeof fl === 'string') return { ok: false, failure: { kind: 'path', message: fl } };
        }
      }
      energy += fl.energyWh;
      const done = time + fl.durationS;
      const arriveS = toOrder ? done - toOrder.dropS : done;
      built.push({
        fromNode: nodes[i],
        toNode: nodes[i + 1],
        departS: time,
        arriveS,
        doneS: done,
        payloadKg: onboard[i],
        altitudeM: alts[i],
        flight: fl,
        cumEnergyWh: energy,
      });
      if (toOrder) {
        deliverS.push(done);
        lateS.push(Math.max(0, done - toOrder.latestS));
      }
      time = done;
    }
    const landS = time;
    // Ground time is planned for the day the contingency is needed: the landing delay the design wind
    // error would cause, then the recharge of trip AND contingency energy.
    const { contingencyWh, delayS: landingDelayS } = type.contingency.price(energy, cruiseSegments(built));
    const readyS = landS + Math.min(landingDelayS, MAX_PLANNED_LANDING_DELAY_S) + depot.recharge.fixedS + depot.recharge.perWhS * (energy + contingencyWh);
    const trip: BuiltTrip = { type, orders, pad: req.pad, departS, landS, readyS, energyWh: energy, contingencyWh, payloadKg, legs: built, deliverS, lateS };
    if (energy + contingencyWh > type.afterReserveWh + 1e-9) return { ok: false, failure: { kind: 'energy', needWh: energy, contingencyWh, limitWh: type.afterReserveWh }, trip };
    // Opening hours bound the take-off; the store always takes its own drone back.
    if (departS > depot.closeS + 1e-9) return { ok: false, failure: { kind: 'depot-hours', departS, closeS: depot.closeS }, trip };
    return { ok: true, trip };
  }

  private legsAt(type: FleetType, nodes: number[], alts: number[], onboard: number[], departS: number, pad: number): (FlightLeg | string)[] {
    const out: (FlightLeg | string)[] = [];
    let t = departS;
    for (let i = 0; i < nodes.length - 1; i++) {
      const l = this.leg(type, nodes[i], nodes[i + 1], alts[i], onboard[i], t, 0, pad);
      out.push(l);
      if (typeof l === 'string') return out;
      t += l.durationS;
    }
    return out;
  }

  /**
   * How long the take-off can wait on the ground: as long as it removes waiting in the air without
   * making any drop later than its latest (Savelsbergh's forward slack, as the solver schedules).
   */
  private groundDelay(stops: PlannerContext['orders'], legs: FlightLeg[], departS: number): number {
    let time = departS;
    let cumWait = 0;
    let delay = Infinity;
    for (let i = 0; i < stops.length; i++) {
      const o = stops[i];
      const arrive = time + legs[i].durationS - o.dropS;
      const start = Math.max(arrive, o.earliestS - o.dropS);
      const w = start - arrive;
      const slack = o.latestS - o.dropS - start;
      delay = Math.min(delay, cumWait + w + Math.max(0, slack));
      cumWait += w;
      time = start + o.dropS;
    }
    return Math.max(0, Math.min(delay, cumWait));
  }
}

/** The most landing delay the plan makes room for after a trip (a longer one the sim must absorb). */
const MAX_PLANNED_LANDING_DELAY_S = 900;

/** The level segments of a trip's legs, with the time the plan gives each (for contingency pricing). */
function cruiseSegments(legs: readonly BuiltLeg[]): CruiseSegment[] {
  const out: CruiseSegment[] = [];
  for (const leg of legs) {
    const w = leg.flight.waypoints;
    for (let i = 0; i + 1 < w.length; i++) {
      const dx = w[i + 1].x - w[i].x;
      const dy = w[i + 1].y - w[i].y;
      if (Math.hypot(dx, dy) >= 0.5) out.push({ dx, dy, durationS: w[i + 1].tS - w[i].tS, payloadKg: leg.payloadKg });
    }
  }
  return out;
}

function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export function nodeName(ctx: PlannerContext, node: number): string {
  return node < ctx.depots.length ? ctx.depots[node].id : ctx.orders[node - ctx.depots.length].id;
}

/** The plan's form of a built leg: stops by id, waypoints as [lng, lat, altitudeM, tS]. */
export function toPlanLeg(ctx: PlannerContext, leg: BuiltLeg, usableWh: number, round: (t: number) => number): Leg {
  const D = ctx.depots.length;
  const stop = (node: number) => (node < D ? { kind: 'depot' as const, id: ctx.depots[node].id } : { kind: 'order' as const, id: ctx.orders[node - D].id });
  return {
    from: stop(leg.fromNode),
    to: stop(leg.toNode),
    departS: round(leg.departS),
    arriveS: round(leg.arriveS),
    doneS: round(leg.doneS),
    payloadKg: leg.payloadKg,
    cruiseAltitudeM: leg.altitudeM,
    lengthM: roundTo(leg.flight.lengthM, 2),
    energyWh: roundTo(leg.flight.energyWh, 4),
    socAfter: Math.min(1, Math.max(0, roundTo((usableWh - leg.cumEnergyWh) / usableWh, 6))),
    waypoints: leg.flight.waypoints.map((w) => [roundTo(w.lng, 7), roundTo(w.lat, 7), roundTo(w.altM, 2), round(leg.departS + w.tS)] as [number, number, number, number]),
  };
}

export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
