/**
 * The fleet planner: mission -> plan document.
 *
 *   1. arcs      3D leg time/energy bounds between all depots and orders, per drone model (path finder
 *                + physics), over all cruise layers
 *   2. screen    orders nobody can serve, with their reason
 *   3. solve     the generic rich VRP (SISR ruin-and-recreate + annealing), in slices so a worker can
 *                report progress and be cancelled between them
 *   4. assemble  exact 3D rebuild of every trip, repair, 4D deconfliction
 *   5. document  plan JSON with order outcomes and KPIs
 *
 * Objective (lexicographic through far-apart weights, see vrp/problem.ts missionObjective):
 * served priority, then total lateness, then energy, then drones used.
 *
 * Determinism: same mission + seed + iteration limit -> same plan on any machine. With a time limit
 * instead, how far the search gets depends on the machine's speed (and load).
 */
import { missionFingerprint } from '../mission/fingerprint';
import type { Mission } from '../mission/schema';
import { type LegCostMode, type ModelArcs, computeModelArcs } from './arcs';
import { assembleTrips } from './assemble';
import { buildContext, type PlannerContext } from './context';
import { buildFleetTypes, type FleetType } from './fleetTypes';
import { planKpis } from './kpis';
import { type OrderOutcome, PLAN_VERSION, type Plan, planSchema } from './plan';
import { screenOrders, soloTiming, fmt } from './screen';
import { TripBuilder, roundTo, toPlanLeg, type BuiltTrip } from './tripBuilder';
import { buildDroneProblem } from './vrpAdapter';
import { defaultSisrParams, solveVrpSteps, type VrpSolution } from './vrp';
import { formatClock } from '../mission/time';

export interface PlanOptions {
  /** Seed of the search. Default 1. */
  seed?: number;
  /**
   * Upper bound on the whole run's wall-clock time, s (leg costs, search, assembly): the search stops
   * early when it would not leave the assembly its time. Absent: no bound.
   */
  timeLimitS?: number;
  /**
   * Search iterations. Default: defaultIterations(customers), a fixed amount of work scaled to the
   * problem, so that the same mission and seed give the same plan on any machine unless the time
   * limit cuts the search short (reported as stats.cutShort and plan.searchCutShort).
   */
  iterations?: number;
  /**
   * Solver slices: the search runs as this many warm-started solves on one cooling schedule. Part of the
   * reproducibility key. Default 1 (the search pauses every few hundred iterations anyway, so a worker
   * can cancel it at any time; each slice rebuilds the solver's neighbour lists, about a second at
   * 1,000 orders).
   */
  slices?: number;
  onProgress?: (p: PlanProgress) => void;
  /**
   * Checked between and inside solver slices: once set, the search stops and the best solution so far
   * is still rebuilt, repaired and deconflicted into a complete plan (cancel = "stop searching").
   */
  signal?: { readonly aborted: boolean };
  /** Milliseconds clock for the time limit; default performance.now. */
  clock?: () => number;
  /**
   * When the run started on that clock, if before this call: the leg costs were computed first (on
   * other threads, `prepared`) and belong to the run, so the time limit and the stage times count them.
   */
  startedAtMs?: number;
  /** Arc bounds computed earlier for this same mission object (prepareMission), to plan it again quickly. */
  prepared?: PreparedMission;
  /**
   * Leg costs for every pair of nodes ('dense') or only for pairs that can share a trip ('sparse',
   * memory near-linear in the stops). Default 'auto': dense up to DENSE_MAX_NODES nodes (arcCandidates.ts).
   */
  legCosts?: LegCostMode;
}

/** The mission's airspace and 3D arc bounds: the expensive, search-independent part of planning. */
export interface PreparedMission {
  ctx: PlannerContext;
  arcsByModel: Map<string, ModelArcs>;
}

/** Computes the arc bounds once (e.g. to compare several time limits or seeds on one mission). */
export function prepareMission(mission: Mission, legCosts: LegCostMode = 'auto'): PreparedMission {
  const ctx = buildContext(mission);
  const arcsByModel = new Map<string, ModelArcs>();
  for (const info of ctx.models) arcsByModel.set(info.model.id, computeModelArcs(ctx, info, undefined, legCosts));
  return { ctx, arcsByModel };
}

export type PlanStage = 'paths' | 'screen' | 'solve' | 'assemble' | 'done';

export interface PlanProgress {
  stage: PlanStage;
  /** 0..1 over the whole planning run. */
  fraction: number;
  message: string;
  /** Best solver objective so far (solve stage). */
  bestCost?: number;
}

export interface PlanStats {
  nodes: number;
  customers: number;
  screenedOut: number;
  iterations: number;
  solverSeconds: number;
  /** Seconds per stage (wall clock; not part of the plan). */
  seconds: { paths: number; solve: number; assemble: number; total: number };
  objective: VrpSolution['objective'] | undefined;
  legPlans: number;
  deconflictedTrips: number;
  repairedOrders: number;
  /** Orders the solver left out that the exact schedule still had room for. */
  rescuedOrders: number;
  cancelled: boolean;
  /** The search's iteration budget (given, or defaultIterations). */
  iterationBudget: number;
  /** The time limit stopped the search before its budget: another run may give another plan. */
  cutShort: boolean;
}

export interface PlanOutput {
  plan: Plan;
  stats: PlanStats;
}

/** Stage weights in the overall progress fraction (a caller computing the leg costs itself reports them within `paths`). */
export const PLAN_STAGE_SHARE = { paths: 0.25, solve: 0.65, assemble: 0.1 } as const;

/** Plans a mission synchronously (CLI, tests, benchmarks). */
export function planMission(mission: Mission, options: PlanOptions = {}): PlanOutput {
  const steps = planSteps(mission, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Plans a mission, awaiting `yieldToEvents` between steps (a Web Worker passes a macrotask so that
 * a cancel message can arrive). Same result as planMission for the same options.
 */
export async function planMissionAsync(mission: Mission, options: PlanOptions, yieldToEvents: () => Promise<void>): Promise<PlanOutput> {
  const steps = planSteps(mission, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await yieldToEvents();
  }
}

/** The planner as a sequence of resumable steps (each yield is a safe point to pause). */
export function* planSteps(mission: Mission, options: PlanOptions = {}): Generator<void, PlanOutput, void> {
  const clock = options.clock ?? (() => globalThis.performance.now());
  const t0 = options.startedAtMs ?? clock();
  const seed = options.seed ?? 1;
  const timeLimitS = options.timeLimitS;
  const deadlineMs = timeLimitS !== undefined ? t0 + timeLimitS * 1000 : Infinity;
  const slices = Math.max(1, Math.floor(options.slices ?? 1));
  const report = (stage: PlanStage, fraction: number, message: string, bestCost?: number) =>
    options.onProgress?.({ stage, fraction: Math.min(1, Math.max(0, fraction)), message, bestCost });
  const aborted = () => options.signal?.aborted === true;

  // 1. Arcs (prepared ones: their stage is over, whoever computed them; the bar does not go back).
  const reuse = options.prepared?.ctx.mission === mission ? options.prepared : undefined;
  if (reuse) report('paths', PLAN_STAGE_SHARE.paths, 'airspace and leg costs ready');
  else report('paths', 0, 'building the airspace');
  const ctx = reuse?.ctx ?? buildContext(mission);
  yield;
  const arcsByModel = reuse?.arcsByModel ?? new Map<string, ModelArcs>();
  const layerSteps = ctx.models.length * ctx.layersM.length;
  let layerDone = 0;
  for (const info of reuse ? [] : ctx.models) {
    arcsByModel.set(
      info.model.id,
      computeModelArcs(ctx, info, () => {
        layerDone++;
        report('paths', (PLAN_STAGE_SHARE.paths * layerDone) / Math.max(1, layerSteps), `3D leg costs: ${info.model.id}, layer ${layerDone}/${layerSteps}`);
      }, options.legCosts),
    );
    yield;
  }
  const tPaths = clock();

  // 2. Screen.
  const types = buildFleetTypes(ctx, arcsByModel);
  const verdicts = screenOrders(ctx, types);
  report('screen', PLAN_STAGE_SHARE.paths, `${verdicts.filter(Boolean).length} of ${ctx.orders.length} orders cannot be served by any drone`);
  const typeOfDrone: FleetType[] = [];
  for (const t of types) for (let k = 0; k < t.count; k++) typeOfDrone.push(t);
  yield;

  // 3. Solve.
  const dp = buildDroneProblem(ctx, types, verdicts.map((v) => v === undefined));
  const iterations = options.iterations ?? defaultIterations(dp.customerOrders.length);
  // The time the search may take: what the limit leaves once the assembly has its share.
  const searchEndMs = deadlineMs - assemblyReserveMs(dp.customerOrders.length, timeLimitS);
  let solution: VrpSolution | undefined;
  let totalIterations = 0;
  let solverSeconds = 0;
  if (dp.customerOrders.length > 0 && typeOfDrone.length > 0) {
    const T0 = defaultSisrParams.startTemperature;
    const Tf = defaultSisrParams.finalTemperature;
    let initial: number[][][] | undefined;
    for (let k = 0; k < slices; k++) {
      const leftMs = searchEndMs - clock();
      const res = yield* solveVrpSteps(dp.problem, {
        seed: (seed * 7919 + k * 104729) >>> 0,
        // Past the search's time: the construction alone (0 iterations).
        iterationLimit: leftMs > 0 ? sliceShare(iterations, slices, k) : 0,
        timeLimitS: Number.isFinite(leftMs) ? Math.max(0, leftMs / 1000 / (slices - k)) : undefined,
        clock,
        signal: options.signal,
        initialRoutes: initial,
        // One annealing schedule across the slices: each slice covers its part of the cooling.
        params: { startTemperature: T0 * (Tf / T0) ** (k / slices), finalTemperature: T0 * (Tf / T0) ** ((k + 1) / slices) },
        onProgress: (p) =>
          report('solve', PLAN_STAGE_SHARE.paths + PLAN_STAGE_SHARE.solve * ((k + p.fraction) / slices), `searching: slice ${k + 1}/${slices}, ${totalIterations + p.iteration} iterations`, p.bestCost),
      });
      if (!res.ok) throw new Error(`planner built an invalid routing problem: ${res.errors.map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
      solution = res.solution;
      totalIterations += solution.iterations;
      solverSeconds += solution.seconds;
      initial = toInitialRoutes(solution, typeOfDrone.length);
      yield;
      if (aborted()) break;
    }
  }
  const tSolve = clock();
  const cutShort = !aborted() && dp.customerOrders.length > 0 && typeOfDrone.length > 0 && totalIterations < iterations;

  // 4. Assemble: exact trips, repair, deconfliction.
  const builder = new TripBuilder(ctx);
  const routes = (solution?.routes ?? []).map((r) => ({
    drone: r.vehicle,
    trips: r.trips.map((t) => ({ orders: t.customers.map((c) => dp.customerOrders[c - ctx.depots.length]), plannedDepartS: t.departS })),
  }));
  report('assemble', PLAN_STAGE_SHARE.paths + PLAN_STAGE_SHARE.solve, 'flying every trip exactly and deconflicting');
  const assembled = assembleTrips(
    ctx,
    typeOfDrone,
    routes,
    builder,
    (done, total) => report('assemble', PLAN_STAGE_SHARE.paths + PLAN_STAGE_SHARE.solve + (PLAN_STAGE_SHARE.assemble * done) / Math.max(1, total), `trip ${done}/${total}`),
    (solution?.unserved ?? []).map((c) => dp.customerOrders[c - ctx.depots.length]),
  );
  yield;

  // 5. The document.
  const plan = toPlan(ctx, options, seed, timeLimitS, iterations, cutShort, assembled, verdicts, new Set(solution?.unserved.map((c) => dp.customerOrders[c - ctx.depots.length]) ?? []), types);
  const tEnd = clock();
  report('done', 1, `${plan.kpis.assigned}/${plan.kpis.ordersTotal} orders assigned`);
  return {
    plan,
    stats: {
      nodes: ctx.points.length,
      customers: dp.customerOrders.length,
      screenedOut: verdicts.filter(Boolean).length,
      iterations: totalIterations,
      solverSeconds,
      seconds: { paths: (tPaths - t0) / 1000, solve: (tSolve - tPaths) / 1000, assemble: (tEnd - tSolve) / 1000, total: (tEnd - t0) / 1000 },
      objective: solution?.objective,
      legPlans: builder.legCalls,
      deconflictedTrips: assembled.deconflictedTrips,
      repairedOrders: assembled.dropped.length,
      rescuedOrders: assembled.rescued.length,
      cancelled: aborted(),
      iterationBudget: iterations,
      cutShort,
    },
  };
}

/**
 * The default search budget: a fixed number of iterations scaled to the customers (about a second of
 * search at 150 orders, half a minute at 1,250 on a laptop core), the same on every machine.
 */
export function defaultIterations(customers: number): number {
  return Math.min(25_000, Math.max(5_000, 20 * customers));
}

/** Wall-clock time kept for assembly (exact trips, deconfliction) out of a time limit, ms. */
function assemblyReserveMs(customers: number, timeLimitS: number | undefined): number {
  if (timeLimitS === undefined) return 0;
  return Math.min(0.25 * timeLimitS * 1000, 500 + 2 * customers);
}

/** Iterations of slice k when `total` is spread over `slices` (the first slices take the remainder). */
function sliceShare(total: number, slices: number, k: number): number {
  const base = Math.floor(total / slices);
  return base + (k < total % slices ? 1 : 0);
}

function toInitialRoutes(s: VrpSolution, vehicles: number): number[][][] {
  const out: number[][][] = Array.from({ length: vehicles }, () => []);
  for (const r of s.routes) out[r.vehicle] = r.trips.map((t) => [...t.customers]);
  return out;
}

function toPlan(
  ctx: PlannerContext,
  options: PlanOptions,
  seed: number,
  timeLimitS: number | undefined,
  iterations: number,
  cutShort: boolean,
  assembled: ReturnType<typeof assembleTrips>,
  verdicts: ReturnType<typeof screenOrders>,
  unserved: Set<number>,
  types: FleetType[],
): Plan {
  void options;
  const r3 = (t: number) => roundTo(t, 3);
  const outcome = new Map<number, Plan['orders'][number]>();
  const drones: Plan['drones'] = ctx.drones.map((d, v) => ({
    droneId: d.droneId,
    depotId: d.depotId,
    modelId: d.modelId,
    trips: assembled.tripsByDrone[v].map((trip: BuiltTrip, k) => {
      const doc = documentTrip(ctx, v, trip, k);
      for (const o of assignedOutcomes(ctx, v, trip, doc)) outcome.set(o.index, o.outcome);
      return doc;
    }),
  }));
  for (const d of assembled.dropped) {
    outcome.set(d.order, { orderId: ctx.orders[d.order].id, status: 'unassigned', reason: d.reason, message: d.message });
  }
  verdicts.forEach((v, k) => {
    if (v) outcome.set(k, { orderId: ctx.orders[k].id, status: 'unassigned', reason: v.reason, message: v.message });
  });
  ctx.orders.forEach((o, k) => {
    if (outcome.has(k)) return;
    outcome.set(k, { orderId: o.id, status: 'unassigned', reason: 'fleet-saturated', message: saturatedMessage(ctx, types, k, unserved.has(k)) });
  });
  const orders = ctx.orders.map((_, k) => outcome.get(k)!);
  const conflicts: Plan['conflicts'] = assembled.conflicts.map((c) => {
    const a = assembled.placed.find((p) => p.slot === c.a)!;
    const b = assembled.placed.find((p) => p.slot === c.b)!;
    const [lng, lat] = ctx.airspace.frame.toLngLat({ x: c.hit.x, y: c.hit.y });
    const ref = (p: typeof a) => ({ droneId: ctx.drones[p.drone].droneId, tripId: tripIdOf(ctx, assembled, p) });
    return {
      a: ref(a),
      b: ref(b),
      tS: r3(c.hit.tS),
      where: [roundTo(lng, 7), roundTo(lat, 7), roundTo(c.hit.z, 2)],
      horizontalM: roundTo(c.hit.horizontalM, 2),
      verticalM: roundTo(c.hit.verticalM, 2),
    };
  });
  const plan: Plan = {
    planVersion: PLAN_VERSION,
    missionName: ctx.mission.name,
    missionFingerprint: missionFingerprint(ctx.mission),
    seed,
    timeLimitS: timeLimitS ?? 0,
    iterationLimit: iterations,
    ...(cutShort ? { searchCutShort: true } : {}),
    drones,
    orders,
    conflicts,
    kpis: planKpis(ctx.mission, drones, orders, conflicts.length),
  };
  return planSchema.parse(plan);
}

/** A built trip as the plan document writes it: drone v's trip number k (0-based). */
export function documentTrip(ctx: PlannerContext, v: number, trip: BuiltTrip, k: number): Plan['drones'][number]['trips'][number] {
  const d = ctx.drones[v];
  const usable = ctx.models.find((m) => m.model.id === d.modelId)!.usableWh;
  const r3 = (t: number) => roundTo(t, 3);
  return {
    tripId: `${d.droneId}/t${k + 1}`,
    depotId: trip.type.depot.id,
    landDepotId: trip.type.depot.id,
    departS: r3(trip.departS),
    landS: r3(trip.landS),
    readyS: r3(trip.readyS),
    orderIds: trip.orders.map((o) => ctx.orders[o].id),
    payloadKg: roundTo(trip.payloadKg, 6),
    energyWh: roundTo(trip.energyWh, 4),
    contingencyWh: roundTo(trip.contingencyWh, 4),
    reserveWh: roundTo(trip.type.reserveWh, 4),
    pad: trip.pad,
    socStart: 1,
    socEnd: Math.min(1, Math.max(0, roundTo((usable - trip.energyWh) / usable, 6))),
    legs: trip.legs.map((leg) => toPlanLeg(ctx, leg, usable, r3)),
  };
}

/** The 'assigned' outcome of each order of a built trip (with its document form). */
export function assignedOutcomes(ctx: PlannerContext, v: number, trip: BuiltTrip, doc: Plan['drones'][number]['trips'][number]): { index: number; outcome: OrderOutcome }[] {
  const droneId = ctx.drones[v].droneId;
  return trip.orders.map((o, i) => ({
    index: o,
    outcome: { orderId: ctx.orders[o].id, status: 'assigned', droneId, tripId: doc.tripId, deliverS: roundTo(trip.deliverS[i], 3), lateS: roundTo(trip.lateS[i], 3) },
  }));
}

function tripIdOf(ctx: PlannerContext, a: ReturnType<typeof assembleTrips>, p: { drone: number; trip: BuiltTrip }): string {
  const k = a.tripsByDrone[p.drone].indexOf(p.trip);
  return `${ctx.drones[p.drone].droneId}/t${k + 1}`;
}

function saturatedMessage(ctx: PlannerContext, types: FleetType[], k: number, leftBySolver: boolean): string {
  const o = ctx.orders[k];
  const able = types.filter((t) => t.count > 0 && t.info.model.maxPayloadKg >= o.parcelKg && soloTiming(t, o).landS <= t.depot.closeS);
  const drones = able.reduce((s, t) => s + t.count, 0);
  const depots = [...new Set(able.map((t) => t.depot.id))];
  const where = depots.length <= 3 ? depots.join(', ') : `${depots.slice(0, 3).join(', ')} and ${depots.length - 3} more`;
  const window = `${formatClock(ctx.mission.startTime, o.earliestS)}-${formatClock(ctx.mission.startTime, o.latestS)}`;
  return `${leftBySolver ? 'no drone had time for it' : 'not fitted into the schedule'}: the ${drones} drone${drones === 1 ? '' : 's'} able to reach it (${where}) are used by other deliveries of higher value (priority ${o.priority}, ${fmt(o.parcelKg, 2)} kg, window ${window})`;
}
