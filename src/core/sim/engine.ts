/**
 * The simulator: flies a plan through simulated time on one clock for the whole fleet.
 *
 * Each drone runs a list of phases (ground wait, vertical, cruise, hover) built from its plan trips;
 * a phase moves the drone in a straight line at a constant speed and drains the battery at a
 * constant power, both taken from the flight cost model under the ACTUAL wind of the current gust
 * period, and restarted at every gust boundary. Between phase boundaries nothing changes, so the
 * trace samples written at each boundary describe the motion exactly.
 *
 * The fleet clock advances in fixed steps (stepS, default 1 s). After each step the simulator checks
 * separation between airborne drones and each drone's own rules (battery critical -> emergency
 * landing; predicted landing charge below the reserve -> return or divert). Faults and zone
 * activations happen at their exact times (all drones are advanced to that moment first).
 *
 * Same mission + plan + seed + options -> the same trace, bit for bit.
 */
import type { XY } from '../geo/frame';
import { createFrame } from '../geo/frame';
import { pointInRing } from '../geo/shapes';
import type { FlightCostModel } from '../flight/costModel';
import type { DroneModel } from '../mission/droneModel';
import { fleetDrones } from '../mission/fleet';
import { missionFingerprint } from '../mission/fingerprint';
import type { Problem } from '../mission/problems';
import type { Depot, Fault, Mission, Order } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import type { Plan, Trip } from '../planner/plan';
import { createRng } from '../random';
import { type Airspace, buildAirspace, shortestHorizontalPath } from '../paths';
import { type CostModelFactory, defaultCostModelFactory } from './costFactory';
import { checkFaults } from './faults';
import { computeKpis } from './kpis';
import { checkPlan } from './planCheck';
import { SeparationMonitor } from './separation';
import { depotClosures } from './closures';
import { CRUISE, DROP_ALT_M, DROP_S, HOVER, LOADING_S, type Phase, VERTICAL, WAIT, mkPhase, pushVertical } from './phases';
import { buildSimZones, segmentEntersZone } from './zones';
import { DRONE_STATES, type SimEvent, S } from './states';
import { type DroneTrack, type OrderResult, TRACE_VERSION, type SimTrace, type TripResult, emptyTrack, pushSample } from './trace';
import { type WeatherOptions, drawWeather, gustPeriodAt, windInPeriod } from './weather';

export interface SimOptions {
  /** Seed of the weather (forecast error, gusts). Default 1. */
  seed?: number;
  /** Flight costs per drone model, parcel mass and wind; default: see costFactory.ts. */
  costModelFactory?: CostModelFactory;
  weather?: WeatherOptions;
  /** Faults in addition to the mission's own. */
  faults?: Fault[];
  /** Fleet clock step for separation and contingency checks. Default 1 s. */
  stepS?: number;
  /** Hard end of the simulation. Default: the last planned battery-ready time + 2 h (or the horizon). */
  endS?: number;
  /** Check loss of separation (default true). */
  checkSeparation?: boolean;
  /** Called with the share of the planned day simulated so far (0..1), every progressEveryS. */
  onProgress?: (fraction: number) => void;
  progressEveryS?: number;
}

export type SimResult = { ok: true; trace: SimTrace; warnings: Problem[] } | { ok: false; errors: Problem[] };

/** Validate plan and faults against the mission, then simulate. Bad input comes back as errors. */
export function simulate(mission: Mission, plan: unknown, options: SimOptions = {}): SimResult {
  const checked = checkPlan(mission, plan);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const faultErrors = [...checkFaults(mission, mission.faults ?? []), ...checkFaults(mission, options.faults ?? [], 'options.faults')];
  if (faultErrors.length > 0) return { ok: false, errors: faultErrors };
  return { ok: true, trace: runSimulation(mission, checked.plan, options), warnings: checked.warnings };
}

// ---------------------------------------------------------------------------------------------
// Phases and drones

interface Task {
  tripId: string;
  /** Planned trip, or undefined for a trip the simulator made up (re-queued order, ferry home). */
  plan?: Trip;
  fromDepotId: string;
  toDepotId: string;
  orderIds: string[];
  earliestS: number;
  seq: number;
}

interface ActiveTrip {
  task: Task;
  result: TripResult;
  departed: boolean;
  reserveWh: number;
  /** Forecast-wind energy of the whole trip as built (the simulator's own estimate of the plan). */
  planTotalWh: number;
  planDoneWh: number;
  reserveHandled: boolean;
  /** The route was replaced by a contingency (no second automatic reroute for reserve). */
  contingency: boolean;
}

interface Drone {
  idx: number;
  id: string;
  homeDepotId: string;
  modelIdx: number;
  model: DroneModel;
  usableWh: number;
  track: DroneTrack;
  x: number;
  y: number;
  z: number;
  energyWh: number;
  state: number;
  /** Depot it stands at (null in flight). */
  atDepotId: string | null;
  out: boolean;
  grounded: boolean;
  queue: Task[];
  trip: ActiveTrip | null;
  aboard: string[];
  phases: Phase[];
  pi: number;
  /** The current phase has begun (hover / wait end fixed). */
  begun: boolean;
  /** Velocity and power are valid until segEndS. */
  running: boolean;
  segEndS: number;
  /** segEndS is a gust boundary, not the phase's end. */
  segIsRestart: boolean;
  holdEndS: number;
  vx: number;
  vy: number;
  vz: number;
  powerW: number;
  /** Size of the current phase when it began (m, m or s) for the reserve prediction. */
  phaseSize: number;
  emergency: boolean;
  batteryEmptyLogged: boolean;
  hoverPowerW: number;
  costPeriod: number;
  costPayload: number;
  cost: FlightCostModel | null;
}

/** Start an emergency landing when the energy left is this share of usable above what the descent needs. */
const EMERGENCY_MARGIN = 0.02;
/** An order brought back this many times is reported failed rather than flown again and again. */
const MAX_REQUEUES = 3;

// ---------------------------------------------------------------------------------------------

/** Simulate a plan already checked against the mission (see simulate). */
export function runSimulation(mission: Mission, plan: Plan, options: SimOptions = {}): SimTrace {
  const seed = options.seed ?? 1;
  const factory = options.costModelFactory ?? defaultCostModelFactory;
  const stepS = options.stepS ?? 1;
  const frame = createFrame(mission.origin);
  const rho = mission.settings.airDensityKgM3;
  const reserveFraction = mission.settings.reserve.minPercent / 100;
  const cruiseLayers = mission.settings.cruiseAltitudesM;

  const depots = new Map<string, { depot: Depot; x: number; y: number }>();
  for (const d of mission.depots) {
    const p = frame.toLocal(d.position);
    depots.set(d.id, { depot: d, x: p.x, y: p.y });
  }
  const orders = new Map<string, { order: Order; x: number; y: number; earliestS: number; latestS: number }>();
  for (const o of mission.orders) {
    const p = frame.toLocal(o.position);
    orders.set(o.id, {
      order: o,
      x: p.x,
      y: p.y,
      earliestS: toMissionSeconds(mission.startTime, o.window.earliest),
      latestS: toMissionSeconds(mission.startTime, o.window.latest),
    });
  }
  const models = mission.droneModels;
  const modelIndex = new Map(models.map((m, i) => [m.id, i]));

  let lastPlannedS = 0;
  for (const dp of plan.drones) for (const t of dp.trips) lastPlannedS = Math.max(lastPlannedS, t.readyS, t.landS);
  const endCapS = options.endS ?? (lastPlannedS || mission.horizonS) + 7200;
  const progressSpanS = Math.max(1, lastPlannedS || mission.horizonS);

  const rng = createRng(seed);
  const weather = drawWeather(mission.wind, rng, endCapS, options.weather);

  // --- cost models: actual wind per gust period, forecast wind for plan-side estimates
  /** Built on first need (a reroute or a simulator-made trip near a zone). */
  let airspace: Airspace | null = null;
  const actualCache = new Map<string, FlightCostModel>();
  // In flight the wind limit is not a wall: a drone caught in stronger wind still flies (only the
  // physics can stop it: a headwind or crosswind above its airspeed). The limit is the planner's rule.
  const unlimitedModels = models.map((m) => ({ ...m, maxWindMps: Number.MAX_VALUE }));
  let actualCachePeriod = -1;
  const actualCost = (d: Drone, payloadKg: number, t: number): FlightCostModel => {
    const period = gustPeriodAt(weather, t);
    if (d.cost && d.costPeriod === period && d.costPayload === payloadKg) return d.cost;
    if (period !== actualCachePeriod) {
      actualCache.clear();
      actualCachePeriod = period;
    }
    const key = `${d.modelIdx}|${payloadKg}`;
    let c = actualCache.get(key);
    if (!c) {
      c = factory(unlimitedModels[d.modelIdx], payloadKg, windInPeriod(weather, period), rho);
      actualCache.set(key, c);
    }
    d.cost = c;
    d.costPeriod = period;
    d.costPayload = payloadKg;
    return c;
  };
  const forecastWind = { speedMps: mission.wind.speedMps, fromDeg: mission.wind.fromDeg, gustMps: 0 };
  const forecastCache = new Map<string, FlightCostModel>();
  const forecastCost = (d: Drone, payloadKg: number): FlightCostModel => {
    const key = `${d.modelIdx}|${payloadKg}`;
    let c = forecastCache.get(key);
    if (!c) {
      c = factory(d.model, payloadKg, forecastWind, rho);
      forecastCache.set(key, c);
    }
    return c;
  };

  // --- zones (those with an activity window can appear mid-flight)
  const zones = buildSimZones(mission, frame);

  // --- faults and depot closures
  const faults = [...(mission.faults ?? []), ...(options.faults ?? [])];
  const { isClosed, openFrom } = depotClosures(faults);

  // --- output
  const events: SimEvent[] = [];
  const tripResults: TripResult[] = [];
  const orderResults = new Map<string, OrderResult>();
  const place = (x: number, y: number, z: number): [number, number, number] => {
    const [lng, lat] = frame.toLngLat({ x, y });
    return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7, Math.round(z * 100) / 100];
  };
  const emit = (e: SimEvent) => events.push(e);

  // --- drones
  const fleet = fleetDrones(mission);
  const planByDrone = new Map(plan.drones.map((d) => [d.droneId, d]));
  let taskSeq = 0;
  let simTripSeq = 0;
  const drones: Drone[] = fleet.map((f, idx) => {
    const depot = depots.get(f.depotId)!;
    const model = models[modelIndex.get(f.modelId)!];
    const usableWh = model.batteryWh * model.usableFraction;
    const dp = planByDrone.get(f.droneId);
    const firstSoc = dp?.trips[0]?.socStart ?? 1;
    const d: Drone = {
      idx,
      id: f.droneId,
      homeDepotId: f.depotId,
      modelIdx: modelIndex.get(f.modelId)!,
      model,
      usableWh,
      track: emptyTrack(f.droneId, f.depotId, f.modelId),
      x: depot.x,
      y: depot.y,
      z: 0,
      energyWh: usableWh * firstSoc,
      state: -1,
      atDepotId: f.depotId,
      out: false,
      grounded: false,
      queue: (dp?.trips ?? []).map((trip) => ({
        tripId: trip.tripId,
        plan: trip,
        fromDepotId: trip.depotId,
        toDepotId: trip.landDepotId,
        orderIds: [...trip.orderIds],
        earliestS: trip.departS,
        seq: taskSeq++,
      })),
      trip: null,
      aboard: [],
      phases: [],
      pi: 0,
      begun: false,
      running: false,
      segEndS: 0,
      segIsRestart: false,
      holdEndS: 0,
      vx: 0,
      vy: 0,
      vz: 0,
      powerW: 0,
      phaseSize: 0,
      emergency: false,
      batteryEmptyLogged: false,
      hoverPowerW: 0,
      costPeriod: -1,
      costPayload: -1,
      cost: null,
    };
    d.hoverPowerW = forecastCost(d, 0).hover(1).powerW;
    return d;
  });
  const droneById = new Map(drones.map((d) => [d.id, d]));

  // Every order starts pending (planned), or failed when the plan could not place it.
  const plannedOrders = new Set(plan.drones.flatMap((d) => d.trips.flatMap((t) => t.orderIds)));
  const unassigned = new Map(plan.orders.filter((o) => o.status === 'unassigned').map((o) => [o.orderId, o]));
  for (const o of mission.orders) {
    if (plannedOrders.has(o.id)) orderResults.set(o.id, { orderId: o.id, status: 'pending', reason: 'not flown before the end', requeued: 0 });
    else {
      const u = unassigned.get(o.id);
      const reason = u && u.status === 'unassigned' ? `not planned (${u.reason}: ${u.message})` : 'not planned (missing from the plan)';
      orderResults.set(o.id, { orderId: o.id, status: 'failed', reason, requeued: 0 });
    }
  }
  const failOrder = (orderId: string, reason: string, t: number, d: Drone | null) => {
    const r = orderResults.get(orderId)!;
    if (r.status !== 'pending') return;
    r.status = 'failed';
    r.reason = reason;
    if (d) r.droneId = d.id;
    emit({ tS: t, droneId: d?.id ?? '', kind: 'order-failed', orderId, reason });
  };

  // -------------------------------------------------------------------------------------------
  // Building phases

  /** Forecast-wind energy of each phase, from the position the previous one ends at. */
  const estimatePhases = (d: Drone, phases: Phase[], fromX: number, fromY: number, fromZ: number): number => {
    let px = fromX;
    let py = fromY;
    let pz = fromZ;
    for (const ph of phases) {
      const c = forecastCost(d, ph.payloadKg);
      if (ph.kind === VERTICAL) ph.planWh = c.vertical(ph.z - pz).energyWh;
      else if (ph.kind === CRUISE) {
        const r = c.cruise({ x: px, y: py }, { x: ph.x, y: ph.y }, (pz + ph.z) / 2);
        ph.planWh = (r.ok ? r.energyWh : Infinity) + (Math.abs(ph.z - pz) > 0.01 ? c.vertical(ph.z - pz).energyWh : 0);
      } else if (ph.kind === HOVER) ph.planWh = c.hover(ph.untilS).energyWh;
      if (ph.kind === VERTICAL || ph.kind === CRUISE) {
        px = ph.x;
        py = ph.y;
        pz = ph.z;
      }
    }
    let after = 0;
    for (let i = phases.length - 1; i >= 0; i--) {
      phases[i].planAfterWh = after;
      after += phases[i].planWh;
    }
    return after;
  };

  /** Phases of a planned trip, leg by leg, from its waypoints. */
  const planTripPhases = (d: Drone, trip: Trip): Phase[] => {
    const out: Phase[] = [];
    let cx = d.x;
    let cy = d.y;
    let cz = d.z;
    trip.legs.forEach((leg, k) => {
      const toOrder = leg.to.kind === 'order';
      const fromOrder = leg.from.kind === 'order';
      const up = fromOrder ? S['climb-out'] : S.climb;
      const down = toOrder ? S.descent : S.landing;
      const level = toOrder ? S.cruise : S.return;
      for (let i = 0; i < leg.waypoints.length; i++) {
        const w = leg.waypoints[i];
        const p = frame.toLocal([w[0], w[1]]);
        const z = w[2];
        const dh = Math.hypot(p.x - cx, p.y - cy);
        if (dh < 0.5) pushVertical(out, cx, cy, cz, z, leg.payloadKg, up, down);
        else out.push(mkPhase(CRUISE, level, p.x, p.y, z, leg.payloadKg));
        cx = dh < 0.5 ? cx : p.x;
        cy = dh < 0.5 ? cy : p.y;
        cz = z;
      }
      if (toOrder) {
        const o = orders.get(leg.to.id)!;
        const drop = mkPhase(HOVER, S.drop, cx, cy, cz, leg.payloadKg);
        drop.untilS = Math.max(0, leg.doneS - leg.arriveS);
        drop.minEndS = o.earliestS;
        drop.orderId = leg.to.id;
        out.push(drop);
      } else if (k === trip.legs.length - 1) {
        pushVertical(out, cx, cy, cz, 0, leg.payloadKg, up, S.landing);
        cz = 0;
      }
    });
    if (out.length === 0) out.push(mkPhase(VERTICAL, S.landing, cx, cy, 0, 0));
    out[out.length - 1].landDepotId = trip.landDepotId;
    return out;
  };

  const layerFor = (d: Drone) => cruiseLayers[d.idx % cruiseLayers.length];

  /** Direct route: up to the cruise layer, straight across, then down (landing, or to a drop). */
  const directPhases = (
    d: Drone,
    fromX: number,
    fromY: number,
    fromZ: number,
    toX: number,
    toY: number,
    endZ: number,
    payloadKg: number,
    levelState: number,
    downState: number,
    atS: number,
  ): Phase[] => {
    const out: Phase[] = [];
    const alt = Math.max(layerFor(d), Math.min(fromZ, 150));
    pushVertical(out, fromX, fromY, fromZ, alt, payloadKg, fromZ >= 0.5 && d.state === S.drop ? S['climb-out'] : S.climb, downState);
    if (levelState === S.diverted) for (const ph of out) ph.state = S.diverted;
    for (const p of detourPoints(fromX, fromY, toX, toY, alt, atS)) out.push(mkPhase(CRUISE, levelState, p.x, p.y, alt, payloadKg));
    out.push(mkPhase(CRUISE, levelState, toX, toY, alt, payloadKg));
    pushVertical(out, toX, toY, alt, endZ, payloadKg, S.climb, downState);
    return out;
  };

  /**
   * Corners of a path around the zones a straight line would cross during the next hour (none when
   * the line is clear, or when the path finder finds no way: then the drone flies straight, and the
   * trace shows it).
   */
  const detourPoints = (ax: number, ay: number, bx: number, by: number, alt: number, atS: number): XY[] => {
    let crosses = false;
    for (let i = 0; i < zones.length && !crosses; i++) {
      const z = zones[i];
      if (z.toS <= atS || z.fromS >= atS + 3600) continue;
      crosses = segmentHitsZone(ax, ay, bx, by, alt, alt, i);
    }
    if (!crosses) return [];
    airspace ??= buildAirspace(mission);
    const path = shortestHorizontalPath(airspace, { x: ax, y: ay }, { x: bx, y: by }, alt, { fromS: atS, toS: atS + 3600 });
    return path.ok ? path.points.slice(1, -1) : [];
  };

  /** Phases of a simulator-made trip: deliver one order direct (or fly empty) and land at toDepot. */
  const adhocTripPhases = (d: Drone, task: Task): Phase[] => {
    const from = depots.get(task.fromDepotId)!;
    const to = depots.get(task.toDepotId)!;
    const out: Phase[] = [];
    let x = from.x;
    let y = from.y;
    let payload = task.orderIds.reduce((s, id) => s + orders.get(id)!.order.parcelKg, 0);
    let z = 0;
    for (const id of task.orderIds) {
      const o = orders.get(id)!;
      const dropAlt = DROP_ALT_M[o.order.drop];
      out.push(...directPhases(d, x, y, z, o.x, o.y, dropAlt, payload, S.cruise, S.descent, task.earliestS));
      const drop = mkPhase(HOVER, S.drop, o.x, o.y, dropAlt, payload);
      drop.untilS = DROP_S[o.order.drop];
      drop.minEndS = o.earliestS;
      drop.orderId = id;
      out.push(drop);
      payload -= o.order.parcelKg;
      x = o.x;
      y = o.y;
      z = dropAlt;
    }
    out.push(...directPhases(d, x, y, z, to.x, to.y, 0, Math.max(0, payload), S.return, S.landing, task.earliestS));
    out[out.length - 1].landDepotId = task.toDepotId;
    return out;
  };

  // -------------------------------------------------------------------------------------------
  // Samples, states, phase switching

  const sample = (d: Drone, t: number) => {
    const [lng, lat] = frame.toLngLat({ x: d.x, y: d.y });
    pushSample(d.track, t, lng, lat, d.z, d.energyWh / d.usableWh, d.state);
  };

  const setState = (d: Drone, state: number, t: number, reason?: string) => {
    if (d.state === state) return;
    d.state = state;
    const e: SimEvent = { tS: t, droneId: d.id, kind: 'state', state: DRONE_STATES[state] };
    if (d.trip) e.tripId = d.trip.task.tripId;
    if (reason) e.reason = reason;
    emit(e);
  };

  /** Replace the drone's remaining phases (a contingency or a new trip); the next advance starts them. */
  const setPhases = (d: Drone, phases: Phase[], t: number) => {
    d.phases = phases;
    d.pi = 0;
    d.begun = false;
    d.running = false;
    sample(d, t);
  };

  /** Idle on the ground with nothing to do (until something is queued). */
  const idleForever = (d: Drone): Phase[] => {
    const p = mkPhase(WAIT, S.idle, d.x, d.y, 0, 0);
    p.untilS = Infinity;
    return [p];
  };

  // -------------------------------------------------------------------------------------------
  // Re-queueing orders

  const forecastTripWh = (d: Drone, task: Task): number => estimatePhases(d, adhocTripPhases(d, task), depots.get(task.fromDepotId)!.x, depots.get(task.fromDepotId)!.y, 0);

  /** Hand orders whose parcels are at depotId to a drone of that depot, or fail them with a reason. */
  const requeue = (orderIds: readonly string[], depotId: string, reason: string, t: number, from: Drone | null) => {
    for (const orderId of orderIds) {
      const r = orderResults.get(orderId)!;
      if (r.status !== 'pending') continue;
      if (r.requeued >= MAX_REQUEUES) {
        failOrder(orderId, `given up after ${r.requeued} re-queues (${reason})`, t, from);
        continue;
      }
      const candidates = drones.filter((d) => d.homeDepotId === depotId && !d.out && !d.grounded);
      if (candidates.length === 0) {
        failOrder(orderId, `no drone left at depot ${depotId} (${reason})`, t, from);
        continue;
      }
      // Prefer another drone; among them the least busy, then the first.
      candidates.sort((a, b) => Number(a === from) - Number(b === from) || a.queue.length - b.queue.length || a.idx - b.idx);
      const d = candidates[0];
      const o = orders.get(orderId)!;
      // Leave so as to arrive when the promise window opens, not hover there for an hour.
      const dep = depots.get(depotId)!;
      const approachS = Math.hypot(o.x - dep.x, o.y - dep.y) / d.model.cruiseAirspeedMps + layerFor(d) / d.model.climbRateMps + LOADING_S;
      const task: Task = {
        tripId: `sim:${++simTripSeq}`,
        fromDepotId: depotId,
        toDepotId: depotId,
        orderIds: [orderId],
        earliestS: Math.max(t, o.earliestS - approachS),
        seq: taskSeq++,
      };
      // A drop point inside a zone that is active now: not before the zone ends.
      const blocking = zones.find((z) => t >= z.fromS && t < z.toS && z.floorM <= DROP_ALT_M[o.order.drop] && pointInRing({ x: o.x, y: o.y }, z.ring));
      if (blocking && !Number.isFinite(blocking.toS)) {
        failOrder(orderId, `drop point inside no-fly zone ${blocking.zone.id} (${reason})`, t, from);
        continue;
      }
      if (blocking) task.earliestS = Math.max(task.earliestS, blocking.toS);
      if (o.order.parcelKg > d.model.maxPayloadKg) {
        failOrder(orderId, `too heavy for the drones at depot ${depotId} (${reason})`, t, from);
        continue;
      }
      const needWh = forecastTripWh(d, task);
      if (needWh > d.usableWh * (1 - reserveFraction)) {
        failOrder(orderId, `out of reach for a direct trip from depot ${depotId} (${reason})`, t, from);
        continue;
      }
      r.requeued++;
      r.droneId = d.id;
      d.queue.push(task);
      d.queue.sort((a, b) => a.earliestS - b.earliestS || a.seq - b.seq);
      emit({ tS: t, droneId: d.id, kind: 'order-requeued', orderId, tripId: task.tripId, depotId, reason });
      // A drone still waiting on the ground reconsiders what to fly next.
      if (d.trip && !d.trip.departed) {
        d.queue.unshift(d.trip.task);
        d.queue.sort((a, b) => a.earliestS - b.earliestS || a.seq - b.seq);
        d.trip = null;
        setPhases(d, [], t);
      } else if (!d.trip && d.atDepotId && d.phases[d.pi]?.untilS === Infinity) setPhases(d, [], t);
    }
  };

  /** The drone will not fly its queued trips: their orders go to other drones or fail. */
  const flushQueue = (d: Drone, reason: string, t: number) => {
    const tasks = d.queue.splice(0);
    if (d.trip && !d.trip.departed) {
      tasks.unshift(d.trip.task);
      d.trip = null;
    }
    for (const task of tasks) requeue(task.orderIds, task.fromDepotId, reason, t, d);
  };

  // -------------------------------------------------------------------------------------------
  // Starting trips

  /** Pick the next task and build its phases (ground wait, loading, flight). False: nothing to do. */
  const startNextTrip = (d: Drone, t: number): boolean => {
    if (d.out || d.grounded || !d.atDepotId) return false;
    let task = d.queue[0];
    if (!task) return false;
    if (task.fromDepotId !== d.atDepotId) {
      // Stranded at another depot (diverted): fly home empty first.
      task = { tripId: `sim:${++simTripSeq}`, fromDepotId: d.atDepotId, toDepotId: task.fromDepotId, orderIds: [], earliestS: openFrom(task.fromDepotId, t), seq: taskSeq++ };
    } else d.queue.shift();
    const departS = openFrom(task.fromDepotId, Math.max(t, task.earliestS));
    const phases: Phase[] = [];
    if (departS - LOADING_S > t) {
      const idle = mkPhase(WAIT, S.idle, d.x, d.y, 0, 0);
      idle.untilS = departS - LOADING_S;
      phases.push(idle);
    }
    if (departS > t) {
      const loading = mkPhase(WAIT, S.loading, d.x, d.y, 0, 0);
      loading.untilS = departS;
      phases.push(loading);
    }
    const flight = task.plan ? planTripPhases(d, task.plan) : adhocTripPhases(d, task);
    const planTotalWh = estimatePhases(d, flight, d.x, d.y, d.z);
    // The planner's reserve for its trips; for the simulator's own: the mission's policy (share or hover time).
    const policyWh = Math.max(d.usableWh * reserveFraction, forecastCost(d, 0).hover(mission.settings.reserve.hoverMinutes * 60).energyWh);
    d.trip = {
      task,
      departed: false,
      reserveWh: task.plan && task.plan.reserveWh > 0 ? task.plan.reserveWh : policyWh,
      planTotalWh,
      planDoneWh: 0,
      reserveHandled: false,
      contingency: false,
      result: {
        droneId: d.id,
        tripId: task.tripId,
        departS,
        endS: departS,
        plannedEnergyWh: task.plan?.energyWh ?? 0,
        energyWh: 0,
        distanceM: 0,
        outcome: 'in-flight',
      },
    };
    setPhases(d, [...phases, ...flight], t);
    return true;
  };

  /** Called when the drone leaves the ground on its trip. */
  const depart = (d: Drone, t: number) => {
    const trip = d.trip!;
    trip.departed = true;
    trip.result.departS = t;
    d.atDepotId = null;
    const aboard: string[] = [];
    for (const id of trip.task.orderIds) {
      const r = orderResults.get(id)!;
      if (r.status === 'pending') {
        aboard.push(id);
        r.droneId = d.id;
      }
    }
    d.aboard = aboard;
    tripResults.push(trip.result);
  };

  // -------------------------------------------------------------------------------------------
  // Phase execution

  /** Begin (or restart at a gust boundary) the current phase at time t. */
  const beginPhase = (d: Drone, ph: Phase, t: number) => {
    if (d.trip && !d.trip.departed && ph.kind !== WAIT) {
      // The depot closed while the drone was loading: wait for it to reopen.
      if (isClosed(d.trip.task.fromDepotId, t)) {
        d.queue.unshift(d.trip.task);
        d.trip = null;
        setPhases(d, [], t);
        return;
      }
      depart(d, t);
    }
    if (!d.begun) {
      d.begun = true;
      if (ph.kind === HOVER) d.holdEndS = Math.max(t + ph.untilS, ph.minEndS);
      d.phaseSize =
        ph.kind === CRUISE ? Math.hypot(ph.x - d.x, ph.y - d.y) : ph.kind === VERTICAL ? Math.abs(ph.z - d.z) : ph.kind === HOVER ? d.holdEndS - t : 0;
      // Landing at a closed depot: divert before starting the approach.
      if (ph.landDepotId && ph.kind === VERTICAL && ph.state === S.landing && isClosed(ph.landDepotId, t) && !d.emergency) {
        divertToOpenDepot(d, t, `depot ${ph.landDepotId} closed`);
        return;
      }
    }
    setState(d, ph.state, t);
    d.vx = 0;
    d.vy = 0;
    d.vz = 0;
    d.segIsRestart = false;
    if (ph.kind === WAIT) {
      d.powerW = -ph.chargeW;
      d.segEndS = ph.untilS;
    } else {
      const cost = actualCost(d, ph.payloadKg, t);
      const boundary = (gustPeriodAt(weather, t) + 1) * weather.gustPeriodS;
      let durationS = 0;
      let energyWh = 0;
      if (ph.kind === VERTICAL) {
        const c = cost.vertical(ph.z - d.z);
        durationS = c.durationS;
        energyWh = c.energyWh;
      } else if (ph.kind === CRUISE) {
        const c = cost.cruise({ x: d.x, y: d.y }, { x: ph.x, y: ph.y }, (d.z + ph.z) / 2);
        if (!c.ok) {
          startEmergency(d, t, `cannot fly on: ${c.reason}`);
          return;
        }
        durationS = c.durationS;
        energyWh = c.energyWh + (Math.abs(ph.z - d.z) > 0.01 ? cost.vertical(ph.z - d.z).energyWh : 0);
      } else {
        durationS = Math.max(0, d.holdEndS - t);
        energyWh = cost.hover(durationS).energyWh;
      }
      d.powerW = durationS > 0 ? (energyWh * 3600) / durationS : 0;
      if (durationS > 0 && ph.kind !== HOVER) {
        d.vx = (ph.x - d.x) / durationS;
        d.vy = (ph.y - d.y) / durationS;
        d.vz = (ph.z - d.z) / durationS;
        if (ph.kind === VERTICAL) {
          d.vx = 0;
          d.vy = 0;
        }
      }
      d.segEndS = t + durationS;
      if (boundary < d.segEndS) {
        d.segEndS = boundary;
        d.segIsRestart = true;
      }
    }
    d.running = true;
    sample(d, t);
  };

  /** The current phase is done at time t: snap to its target and act on its end. */
  const endPhase = (d: Drone, ph: Phase, t: number) => {
    if (ph.kind === VERTICAL || ph.kind === CRUISE) {
      d.x = ph.x;
      d.y = ph.y;
      d.z = ph.z;
    }
    if (ph.fullAtEnd) d.energyWh = d.usableWh;
    d.pi++;
    d.begun = false;
    d.running = false;
    if (ph.orderId) deliver(d, ph.orderId, t);
    if (ph.terminal) {
      d.out = true;
      d.z = 0;
      setState(d, S['emergency-landed'], t);
      finishTrip(d, t, 'emergency-landed');
      for (const id of d.aboard) failOrder(id, `emergency landing (${d.id})`, t, d);
      d.aboard = [];
      flushQueue(d, `drone ${d.id} out of service`, t);
      setPhases(d, [], t);
      return;
    }
    if (ph.landDepotId) land(d, ph.landDepotId, t);
  };

  const deliver = (d: Drone, orderId: string, t: number) => {
    const at = d.aboard.indexOf(orderId);
    if (at < 0) return;
    d.aboard.splice(at, 1);
    const r = orderResults.get(orderId)!;
    const lateS = Math.max(0, Math.round((t - orders.get(orderId)!.latestS) * 1000) / 1000);
    r.status = 'delivered';
    r.droneId = d.id;
    r.deliverS = Math.round(t * 1000) / 1000;
    r.lateS = lateS;
    delete r.reason;
    const e: SimEvent = { tS: t, droneId: d.id, kind: 'delivered', orderId, place: place(d.x, d.y, d.z) };
    if (d.trip) e.tripId = d.trip.task.tripId;
    if (lateS > 0) e.lateS = lateS;
    emit(e);
  };

  const finishTrip = (d: Drone, t: number, outcome: TripResult['outcome'], landDepotId?: string) => {
    if (!d.trip) return;
    const r = d.trip.result;
    r.endS = Math.round(t * 1000) / 1000;
    r.outcome = outcome;
    r.energyWh = Math.round(r.energyWh * 1e4) / 1e4;
    r.distanceM = Math.round(r.distanceM * 100) / 100;
    if (landDepotId) r.landDepotId = landDepotId;
    d.trip = null;
  };

  const land = (d: Drone, depotId: string, t: number) => {
    const planned = d.trip?.task.toDepotId;
    finishTrip(d, t, depotId === planned ? 'landed' : 'diverted', depotId);
    d.atDepotId = depotId;
    d.z = 0;
    if (d.aboard.length > 0) requeue(d.aboard.splice(0), depotId, `brought back to depot ${depotId} by ${d.id}`, t, d);
    if (d.grounded) {
      setState(d, S.idle, t, 'grounded');
      flushQueue(d, `drone ${d.id} grounded`, t);
      setPhases(d, idleForever(d), t);
      return;
    }
    const depot = depots.get(depotId)!.depot;
    const phases: Phase[] = [];
    const missingWh = d.usableWh - d.energyWh;
    if (missingWh > 1e-9) {
      const swap = depot.charging.kind === 'swap';
      const p = mkPhase(WAIT, swap ? S['battery-swap'] : S.charging, d.x, d.y, 0, 0);
      const durationS = depot.charging.kind === 'swap' ? depot.charging.swapS : (missingWh * 3600) / depot.charging.powerW;
      p.untilS = t + durationS;
      p.chargeW = (missingWh * 3600) / durationS;
      p.fullAtEnd = true;
      phases.push(p);
    }
    if (depotId !== d.homeDepotId && d.queue.length === 0) {
      // Stranded away from home: ferry back once home is open again.
      d.queue.push({ tripId: `sim:${++simTripSeq}`, fromDepotId: depotId, toDepotId: d.homeDepotId, orderIds: [], earliestS: openFrom(d.homeDepotId, t), seq: taskSeq++ });
    }
    setPhases(d, phases, t);
  };

  // -------------------------------------------------------------------------------------------
  // Contingencies

  const startEmergency = (d: Drone, t: number, reason: string) => {
    if (d.out || d.emergency) return;
    d.emergency = true;
    emit({ tS: t, droneId: d.id, kind: 'emergency-landing', reason, place: place(d.x, d.y, d.z) });
    if (d.trip) d.trip.contingency = true;
    const down = mkPhase(VERTICAL, S.landing, d.x, d.y, 0, d.phases[d.pi]?.payloadKg ?? 0);
    down.terminal = true;
    setState(d, S.landing, t, reason);
    setPhases(d, [down], t);
  };

  /** Energy of a direct flight from here to a depot under the current actual wind (Infinity if impossible). */
  const directWh = (d: Drone, toX: number, toY: number, payloadKg: number, t: number): number => {
    const c = actualCost(d, payloadKg, t);
    const alt = Math.max(layerFor(d), Math.min(d.z, 150));
    const r = c.cruise({ x: d.x, y: d.y }, { x: toX, y: toY }, alt);
    if (!r.ok) return Infinity;
    return r.energyWh + c.vertical(alt - d.z).energyWh + c.vertical(-alt).energyWh;
  };

  /** Open depots by direct energy from here, nearest first, each with whether it is reachable. */
  const depotOptions = (d: Drone, t: number, exclude?: string) => {
    const payloadKg = d.phases[d.pi]?.payloadKg ?? 0;
    const list: { id: string; wh: number }[] = [];
    for (const [id, dep] of depots) {
      if (id === exclude || isClosed(id, t)) continue;
      list.push({ id, wh: directWh(d, dep.x, dep.y, payloadKg, t) });
    }
    list.sort((a, b) => a.wh - b.wh || (a.id < b.id ? -1 : 1));
    return list;
  };

  /** Fly direct to depotId now, abandoning the rest of the route. */
  const flyDirectTo = (d: Drone, depotId: string, t: number, kind: 'return' | 'diverted') => {
    const dep = depots.get(depotId)!;
    const payloadKg = d.aboard.reduce((s, id) => s + orders.get(id)!.order.parcelKg, 0);
    const phases = directPhases(d, d.x, d.y, d.z, dep.x, dep.y, 0, payloadKg, kind === 'return' ? S.return : S.diverted, S.landing, t);
    phases[phases.length - 1].landDepotId = depotId;
    estimatePhases(d, phases, d.x, d.y, d.z);
    if (d.trip) d.trip.contingency = true;
    setPhases(d, phases, t);
  };

  const divertToOpenDepot = (d: Drone, t: number, reason: string) => {
    const options = depotOptions(d, t);
    const reachable = options.find((o) => o.wh < d.energyWh);
    if (!reachable) {
      startEmergency(d, t, `${reason}; no open depot reachable`);
      return;
    }
    const home = d.trip?.task.toDepotId;
    const kind = reachable.id === home ? 'return' : 'diverted';
    emit({ tS: t, droneId: d.id, kind: 'divert', depotId: reachable.id, reason, place: place(d.x, d.y, d.z) });
    flyDirectTo(d, reachable.id, t, kind);
  };

  /** Energy the rest of the trip will take, scaled by how reality compares with the forecast so far. */
  const predictedRemainingWh = (d: Drone, t: number): number => {
    const ph = d.phases[d.pi];
    if (!ph || !d.trip) return 0;
    let remainingShare = 1;
    if (d.begun && d.phaseSize > 0) {
      const left = ph.kind === CRUISE ? Math.hypot(ph.x - d.x, ph.y - d.y) : ph.kind === VERTICAL ? Math.abs(ph.z - d.z) : d.holdEndS - t;
      remainingShare = Math.min(1, Math.max(0, left / d.phaseSize));
    }
    const planLeft = ph.planAfterWh + ph.planWh * remainingShare;
    const trip = d.trip;
    const planTotal = trip.planTotalWh;
    trip.planDoneWh = Math.max(0, planTotal - planLeft);
    // Reality vs forecast, once enough of the trip is flown to tell.
    const ratio = trip.planDoneWh > 0.1 * planTotal ? Math.min(3, Math.max(0.8, trip.result.energyWh / trip.planDoneWh)) : 1;
    return planLeft * ratio;
  };

  const checkReserve = (d: Drone, t: number) => {
    const trip = d.trip;
    if (!trip || trip.contingency || !trip.departed) return;
    const predictedWh = d.energyWh - predictedRemainingWh(d, t);
    if (predictedWh >= trip.reserveWh) return;
    const dropsLeft = d.aboard.length > 0;
    // Heading home already and still able to land: keep the planned route (log once), but look again
    // every step in case it stops being able to.
    const keepRoute = !dropsLeft && predictedWh > 0;
    if (trip.reserveHandled && keepRoute) return;
    const firstTime = !trip.reserveHandled;
    trip.reserveHandled = true;
    const predictedSoc = (Math.floor((predictedWh / d.usableWh) * 1000) / 10).toFixed(1); // 19.96 -> 19.9, not 20.0
    if (firstTime) emit({
      tS: t,
      droneId: d.id,
      kind: 'reserve-low',
      tripId: trip.task.tripId,
      reason: `predicted ${predictedSoc} % at landing, reserve ${((trip.reserveWh / d.usableWh) * 100).toFixed(1)} %`,
      place: place(d.x, d.y, d.z),
    });
    if (keepRoute) return;
    const options = depotOptions(d, t);
    const reachable = options.find((o) => o.wh < d.energyWh) ?? options[0];
    if (!reachable) return;
    const kind = reachable.id === trip.task.toDepotId ? 'return' : 'diverted';
    emit({
      tS: t,
      droneId: d.id,
      kind: 'divert',
      depotId: reachable.id,
      tripId: trip.task.tripId,
      reason: `battery reserve: ${kind === 'return' ? 'returning' : 'diverting'} with ${d.aboard.length} parcel(s) aboard${reachable.wh < d.energyWh ? '' : ' (no depot within reach: nearest)'}`,
      place: place(d.x, d.y, d.z),
    });
    flyDirectTo(d, reachable.id, t, kind);
  };

  const checkEmergency = (d: Drone, t: number) => {
    if (d.emergency || d.out || d.atDepotId) return;
    const descentWh = (d.hoverPowerW * (d.z / d.model.descentRateMps)) / 3600;
    if (d.energyWh <= descentWh + EMERGENCY_MARGIN * d.usableWh) startEmergency(d, t, 'battery critical');
  };

  // --- zones that become active mid-flight

  const segmentHitsZone = (ax: number, ay: number, bx: number, by: number, zLo: number, zHi: number, zi: number): boolean =>
    segmentEntersZone(zones[zi], ax, ay, bx, by, zLo, zHi);

  /** Whether the rest of the drone's route crosses zone zi. */
  const routeHitsZone = (d: Drone, zi: number): boolean => {
    let px = d.x;
    let py = d.y;
    let pz = d.z;
    for (let i = d.pi; i < d.phases.length; i++) {
      const ph = d.phases[i];
      if (ph.kind === CRUISE || ph.kind === VERTICAL) {
        if (segmentHitsZone(px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) return true;
        px = ph.x;
        py = ph.y;
        pz = ph.z;
      }
    }
    return false;
  };

  /** The rest of the route with every cruise that crosses zone zi replaced by a path around it; null if impossible. */
  const detourAroundZone = (d: Drone, zi: number, t: number): Phase[] | null => {
    airspace ??= buildAirspace(mission);
    const out: Phase[] = [];
    let px = d.x;
    let py = d.y;
    let pz = d.z;
    for (let i = d.pi; i < d.phases.length; i++) {
      const ph = d.phases[i];
      if (ph.kind === VERTICAL && segmentHitsZone(px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) return null;
      if (ph.kind === CRUISE && segmentHitsZone(px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) {
        const path = shortestHorizontalPath(airspace, { x: px, y: py }, { x: ph.x, y: ph.y }, Math.max(pz, ph.z), { fromS: t, toS: t + 3600 });
        if (!path.ok) return null;
        for (let k = 1; k < path.points.length - 1; k++) {
          out.push({ ...ph, x: path.points[k].x, y: path.points[k].y, orderId: null, landDepotId: null, terminal: false, fullAtEnd: false });
        }
        out.push({ ...ph });
      } else {
        const copy = { ...ph };
        // A drop in progress keeps its remaining time.
        if (i === d.pi && d.begun && ph.kind === HOVER) copy.untilS = Math.max(0, d.holdEndS - t);
        out.push(copy);
      }
      if (ph.kind === CRUISE || ph.kind === VERTICAL) {
        px = ph.x;
        py = ph.y;
        pz = ph.z;
      }
    }
    return out;
  };

  const activeZonesAt = (t: number) => zones.map((_, i) => i).filter((i) => t >= zones[i].fromS && t < zones[i].toS);

  const onZoneActive = (zi: number, t: number) => {
    const z = zones[zi];
    emit({ tS: t, droneId: '', kind: 'zone-active', zoneId: z.zone.id });
    const active = activeZonesAt(t);
    for (const d of drones) {
      if (d.out || d.atDepotId || d.emergency || !d.trip) continue;
      if (!routeHitsZone(d, zi)) continue;
      const inside = pointInRing({ x: d.x, y: d.y }, z.ring) && d.z >= z.floorM && d.z <= z.ceilingM;
      // First choice: keep the route and its drops, flying around the zone (path finder).
      const detour = inside ? null : detourAroundZone(d, zi, t);
      if (detour) {
        emit({ tS: t, droneId: d.id, kind: 'reroute', zoneId: z.zone.id, tripId: d.trip.task.tripId, reason: `zone ${z.zone.id} became active across the route: flying around it`, place: place(d.x, d.y, d.z) });
        const trip = d.trip;
        d.phases = detour;
        d.pi = 0;
        trip.planTotalWh = trip.planDoneWh + estimatePhases(d, detour, d.x, d.y, d.z);
        setPhases(d, detour, t);
        continue;
      }
      // Otherwise straight to the nearest depot whose direct line is clear of every active zone
      // (leaving the zone if inside); parcels aboard are re-queued there.
      const alt = Math.max(layerFor(d), Math.min(d.z, 150));
      const clear = (id: string) => {
        const dep = depots.get(id)!;
        return active.every((i) => (inside && i === zi) || !segmentHitsZone(d.x, d.y, dep.x, dep.y, Math.min(d.z, alt), alt, i));
      };
      const optionsList = depotOptions(d, t);
      const pick = optionsList.find((o) => o.wh < d.energyWh && clear(o.id)) ?? optionsList.find((o) => o.wh < d.energyWh) ?? optionsList[0];
      if (!pick) {
        startEmergency(d, t, `zone ${z.zone.id} became active and no depot is open`);
        continue;
      }
      const kind = pick.id === d.trip.task.toDepotId ? 'return' : 'diverted';
      const clearNote = clear(pick.id) ? '' : ' (no clear direct line; crossing the zone)';
      emit({
        tS: t,
        droneId: d.id,
        kind: 'reroute',
        zoneId: z.zone.id,
        depotId: pick.id,
        reason: `zone ${z.zone.id} became active across the route: direct to depot ${pick.id}${inside ? ', leaving the zone' : ''}${clearNote}`,
        place: place(d.x, d.y, d.z),
      });
      flyDirectTo(d, pick.id, t, kind);
    }
  };

  // --- faults

  const onFault = (f: Fault, t: number) => {
    if (f.kind === 'depot-closed') return; // handled by the closure windows and the depot events below
    const d = droneById.get(f.droneId)!;
    if (d.out) return;
    if (f.kind === 'motor-failure') {
      emit({ tS: t, droneId: d.id, kind: 'fault', reason: 'motor failure', place: place(d.x, d.y, d.z) });
      if (d.atDepotId) {
        d.out = true;
        setState(d, S.idle, t, 'motor failure: out of service');
        flushQueue(d, `motor failure of ${d.id}`, t);
        setPhases(d, idleForever(d), t);
      } else startEmergency(d, t, 'motor failure');
    } else {
      emit({ tS: t, droneId: d.id, kind: 'fault', reason: 'grounded', place: place(d.x, d.y, d.z) });
      d.grounded = true;
      if (d.atDepotId) {
        flushQueue(d, `drone ${d.id} grounded`, t);
        setState(d, S.idle, t, 'grounded');
        setPhases(d, idleForever(d), t);
      }
    }
  };

  // --- world events in time order
  type WorldEvent = { tS: number; seq: number; run: (t: number) => void };
  const world: WorldEvent[] = [];
  faults.forEach((f, i) => {
    if (f.kind === 'depot-closed') {
      world.push({ tS: f.fromS, seq: i, run: (t) => emit({ tS: t, droneId: '', kind: 'depot-closed', depotId: f.depotId, reason: `closed until ${f.toS}` }) });
      world.push({ tS: f.toS, seq: i, run: (t) => emit({ tS: t, droneId: '', kind: 'depot-reopened', depotId: f.depotId }) });
    } else world.push({ tS: f.kind === 'motor-failure' ? f.atS : f.fromS, seq: i, run: (t) => onFault(f, t) });
  });
  zones.forEach((z, i) => {
    if (Number.isFinite(z.fromS) && z.fromS > 0) world.push({ tS: z.fromS, seq: 1000 + i, run: (t) => onZoneActive(i, t) });
  });
  world.sort((a, b) => a.tS - b.tS || a.seq - b.seq);

  // -------------------------------------------------------------------------------------------
  // The clock

  /** Advance one drone from t0 to t1 (phase by phase inside the interval). */
  const advance = (d: Drone, t0: number, t1: number) => {
    let t = t0;
    for (let guard = 0; t < t1 && guard < 10_000; guard++) {
      if (d.out) return;
      if (d.pi >= d.phases.length) {
        if (!startNextTrip(d, t)) {
          setPhases(d, idleForever(d), t);
        }
        continue;
      }
      const ph = d.phases[d.pi];
      if (!d.running) {
        beginPhase(d, ph, t);
        if (!d.running) continue; // the phase was replaced (divert / emergency)
      }
      const until = d.segEndS < t1 ? d.segEndS : t1;
      const dt = until - t;
      if (dt > 0) {
        d.x += d.vx * dt;
        d.y += d.vy * dt;
        d.z += d.vz * dt;
        const wh = (d.powerW * dt) / 3600;
        d.energyWh -= wh;
        if (d.trip && ph.kind !== WAIT) {
          d.trip.result.energyWh += wh;
          d.trip.result.distanceM += Math.hypot(d.vx, d.vy) * dt;
        }
        t = until;
      }
      if (t >= d.segEndS) {
        if (d.segIsRestart) d.running = false;
        else endPhase(d, ph, t);
      }
    }
    if (d.energyWh < 0 && !d.batteryEmptyLogged && !d.atDepotId) {
      d.batteryEmptyLogged = true;
      emit({ tS: t, droneId: d.id, kind: 'battery-empty', place: place(d.x, d.y, d.z) });
    }
  };

  const n = drones.length;
  const x0 = new Float64Array(n);
  const y0 = new Float64Array(n);
  const z0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const z1 = new Float64Array(n);
  const airborne = new Uint8Array(n);
  let maxGust = 0;
  for (const g of weather.gustMps) maxGust = Math.max(maxGust, g);
  const maxSpeed =
    Math.max(1, ...models.map((m) => m.maxAirspeedMps + Math.max(m.climbRateMps, m.descentRateMps))) +
    mission.wind.speedMps +
    Math.abs(weather.speedErrorMps) +
    maxGust;
  const separation =
    options.checkSeparation === false
      ? null
      : new SeparationMonitor(n, mission.settings.separation.horizontalM, mission.settings.separation.verticalM, maxSpeed * stepS);

  for (const d of drones) {
    d.state = S.idle;
    sample(d, 0);
  }
  let t = 0;
  let wi = 0;
  let step = 0;
  const progressEveryS = options.progressEveryS ?? 600;
  let nextProgressS = progressEveryS;
  while (t < endCapS) {
    const t1 = Math.min(endCapS, t + stepS);
    for (let i = 0; i < n; i++) {
      x0[i] = drones[i].x;
      y0[i] = drones[i].y;
      z0[i] = drones[i].z;
    }
    // World events inside this step happen at their exact time.
    let tc = t;
    while (wi < world.length && world[wi].tS < t1) {
      const te = Math.max(tc, world[wi].tS);
      for (const d of drones) advance(d, tc, te);
      tc = te;
      world[wi++].run(te);
    }
    for (let i = 0; i < n; i++) {
      const d = drones[i];
      // Fast path: waiting on the ground without charging changes nothing this step.
      if (d.out || (d.running && d.powerW === 0 && d.atDepotId !== null && d.segEndS >= t1 && d.phases[d.pi].kind === WAIT)) continue;
      advance(d, tc, t1);
    }
    t = t1;
    let busy = wi < world.length;
    for (let i = 0; i < n; i++) {
      const d = drones[i];
      x1[i] = d.x;
      y1[i] = d.y;
      z1[i] = d.z;
      const flying = !d.out && d.atDepotId === null;
      airborne[i] = flying ? 1 : 0;
      if (flying) {
        checkEmergency(d, t);
        checkReserve(d, t);
      }
      if (!busy && !d.out && (d.trip || d.queue.length > 0 || (d.pi < d.phases.length && d.phases[d.pi].untilS !== Infinity))) busy = true;
    }
    if (separation) {
      separation.check(step, x0, y0, z0, x1, y1, z1, airborne, (loss) => {
        const a = drones[loss.a];
        const b = drones[loss.b];
        const s = loss.atFraction;
        const at = t - stepS + s * stepS;
        const mx = (x0[loss.a] + s * (x1[loss.a] - x0[loss.a]) + x0[loss.b] + s * (x1[loss.b] - x0[loss.b])) / 2;
        const my = (y0[loss.a] + s * (y1[loss.a] - y0[loss.a]) + y0[loss.b] + s * (y1[loss.b] - y0[loss.b])) / 2;
        const mz = (z0[loss.a] + s * (z1[loss.a] - z0[loss.a]) + z0[loss.b] + s * (z1[loss.b] - z0[loss.b])) / 2;
        emit({
          tS: Math.round(at * 1000) / 1000,
          droneId: a.id,
          otherDroneId: b.id,
          kind: 'separation-loss',
          place: place(mx, my, mz),
          horizontalM: Math.round(loss.horizontalM * 100) / 100,
          verticalM: Math.round(loss.verticalM * 100) / 100,
        });
      });
    }
    step++;
    if (options.onProgress && t >= nextProgressS) {
      nextProgressS += progressEveryS;
      options.onProgress(Math.min(1, t / progressSpanS));
    }
    if (!busy) break;
  }
  const endS = t;

  // Close the books: a last sample per drone, orders still aboard or queued stay pending with a reason.
  for (const d of drones) {
    sample(d, endS);
    if (d.trip?.departed) {
      d.trip.result.endS = endS;
      d.trip.result.energyWh = Math.round(d.trip.result.energyWh * 1e4) / 1e4;
    }
    for (const id of d.aboard) {
      const r = orderResults.get(id)!;
      if (r.status === 'pending') r.reason = `in flight on ${d.id} at the end`;
    }
  }
  options.onProgress?.(1);

  // Events in time order; a stable sort keeps same-time events in the order they happened.
  const ordered = events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.tS - b.e.tS || a.i - b.i)
    .map(({ e }) => ({ ...e, tS: Math.round(e.tS * 1000) / 1000 }));
  const tracks = drones.map((d) => d.track);
  const orderList = mission.orders.map((o) => orderResults.get(o.id)!);
  return {
    traceVersion: TRACE_VERSION,
    missionName: mission.name,
    missionFingerprint: missionFingerprint(mission),
    startTime: mission.startTime,
    seed,
    endS: Math.round(endS * 1000) / 1000,
    stateNames: [...DRONE_STATES],
    weather,
    drones: tracks,
    events: ordered,
    orders: orderList,
    trips: tripResults,
    kpis: computeKpis(orderList, tripResults, tracks, ordered, operatingSpan(tripResults, endS)),
  };
}

/** From the mission start to the last landing (the span utilisation is measured over). */
function operatingSpan(trips: readonly TripResult[], endS: number): number {
  let last = 0;
  for (const t of trips) last = Math.max(last, t.endS);
  return last > 0 ? last : endS;
}
