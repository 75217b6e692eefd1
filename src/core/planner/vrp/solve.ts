/**
 * `solveVrp`: anytime solver entry point. Construction by greedy cheapest insertion (recreate.ts), then
 * SISR ruin-and-recreate (sisr.ts) with simulated-annealing acceptance (annealing.ts) until the budget
 * says stop (stopping.ts: iteration limit, time limit, cancel). Returns the best solution found, fully
 * scheduled and checked.
 *
 * Reproducibility: with `iterationLimit` the run is deterministic for the same problem and seed (the
 * annealing schedule follows the iteration count). With only `timeLimitS` the schedule follows the clock,
 * so results depend on machine speed.
 */
import { createRng } from '../../random';
import { ConcatEvaluator } from './concatEvaluator';
import { buildModel, type VrpModel } from './model';
import type { VrpProblem } from './problem';
import { validateProblem, type VrpProblemError } from './problem';
import { Annealing } from './annealing';
import type { Evaluator } from './evaluator';
import { RouteCopies, RouteSet } from './routes';
import { SimEvaluator } from './simEvaluator';
import { defaultSisrParams, Sisr, type SisrParams } from './sisr';
import { SearchBudget, type StopCriterion } from './stopping';
import { earliestOfEachGroup, serveAlone } from './alone';
import { totalObjective } from './objective';
import { newTotals, simulateRoute, type TripRecord } from './simulate';

export interface VrpProgress {
  /** 0..1 of the time or iteration budget. */
  fraction: number;
  bestCost: number;
  iteration: number;
}

export interface VrpSolveOptions {
  seed?: number;
  /** Wall-clock budget in seconds (needs `clock`, default `performance.now`). */
  timeLimitS?: number;
  /** Iteration budget; makes runs exactly reproducible. */
  iterationLimit?: number;
  onProgress?: (p: VrpProgress) => void;
  /** Iterations between progress calls. Default 200. */
  progressEvery?: number;
  /** Checked every few iterations; when true the best solution so far is returned. */
  signal?: { readonly aborted: boolean };
  /** Milliseconds clock, injected so the core stays free of platform calls. */
  clock?: () => number;
  /** Start from these routes (per vehicle: trips of customer node indices) instead of constructing. */
  initialRoutes?: number[][][];
  params?: Partial<SisrParams>;
}

/** One scheduled trip as the reference simulation records it (see TripRecord in simulate.ts). */
export type VrpTripResult = TripRecord;

export interface VrpRouteResult {
  vehicle: number;
  depot: number;
  vehicleType: number;
  trips: VrpTripResult[];
}

export interface VrpSolution {
  /** Only vehicles that fly at least one trip. */
  routes: VrpRouteResult[];
  /** Customer node indices left unserved. */
  unserved: number[];
  /** Why each unserved customer is unserved. */
  unservedReasons: VrpUnservedReason[];
  objective: {
    cost: number;
    distance: number;
    energyWh: number;
    latenessS: number;
    servedPriority: number;
    unservedPriority: number;
    vehiclesUsed: number;
    trips: number;
  };
  /** True when every hard constraint holds and every mandatory customer is served. */
  feasible: boolean;
  violations: string[];
  iterations: number;
  /** Seconds to the first complete (all mandatory served, feasible) solution, if the clock was used. */
  firstFeasibleS?: number;
  seconds: number;
}

/**
 * - 'too-heavy': demand above every vehicle type's capacity;
 * - 'infeasible-alone': no vehicle of any fleet can serve it even on a dedicated trip (window, energy,
 *   release, depot hours, duration);
 * - 'fleet-saturated': a dedicated trip would be feasible, but the plan has no room (or serving it
 *   would cost more than its unserved penalty).
 */
export interface VrpUnservedReason {
  customer: number;
  reason: 'too-heavy' | 'infeasible-alone' | 'fleet-saturated';
}

export type VrpSolveResult = { ok: true; solution: VrpSolution } | { ok: false; errors: VrpProblemError[] };

const defaultClock = () => globalThis.performance.now();

/** Solves in one go (see solveVrpSteps for a search that can pause). */
export function solveVrp(problem: VrpProblem, options: VrpSolveOptions = {}): VrpSolveResult {
  const steps = solveVrpSteps(problem, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Search iterations between two pauses of solveVrpSteps. */
const ITERATIONS_PER_STEP = 512;

/**
 * The solver as resumable steps: it pauses (yields) every few hundred iterations, so that a caller on a
 * worker can let a cancel message or a progress report through. Pausing changes nothing in the search:
 * the same problem and options give the same solution as solveVrp.
 */
export function* solveVrpSteps(problem: VrpProblem, options: VrpSolveOptions = {}): Generator<void, VrpSolveResult, void> {
  const errors = validateProblem(problem);
  if (errors.length) return { ok: false, errors };
  const m = buildModel(problem);
  const clock = options.clock ?? defaultClock;
  const t0 = clock();
  const rng = createRng(options.seed ?? 1);
  const rs = new RouteSet(m);
  const ev: Evaluator = m.hardWindows ? new ConcatEvaluator(m, rs) : new SimEvaluator(m, rs);
  const params = { ...defaultSisrParams, ...options.params };
  const sisr = new Sisr(m, rs, ev, rng, params);
  if (options.initialRoutes) {
    loadRoutes(m, rs, options.initialRoutes);
    for (let v = 0; v < m.vehicleCount; v++) ev.refresh(v);
  }
  sisr.insertUnserved();
  let current = sisr.totalCost();
  const best = new RouteCopies(m.vehicleCount);
  best.saveAll(rs);
  let bestCost = current;
  let firstFeasibleS: number | undefined = allMandatoryServed(m, rs) ? (clock() - t0) / 1000 : undefined;
  const budget: StopCriterion = new SearchBudget(options.iterationLimit ?? Infinity, options.timeLimitS, clock, t0, options.signal);
  const annealing = new Annealing(params, sisr.neighbourhood.costScale);
  const progressEvery = options.progressEvery ?? 200;
  let it = 0;
  while (!budget.shouldStop(it)) {
    const T = annealing.temperature(budget.fraction);
    sisr.step();
    const candidate = sisr.totalCost();
    if (annealing.accepts(candidate, current, T, sisr.rand)) {
      sisr.commit();
      current = candidate;
      if (candidate < bestCost - 1e-9) {
        bestCost = candidate;
        best.saveAll(rs);
        if (firstFeasibleS === undefined && allMandatoryServed(m, rs)) firstFeasibleS = (clock() - t0) / 1000;
      }
    } else sisr.rollback();
    it++;
    if (options.onProgress && it % progressEvery === 0) options.onProgress({ fraction: Math.max(budget.fraction, budget.shown), bestCost, iteration: it });
    if (it % ITERATIONS_PER_STEP === 0) yield;
  }
  best.restoreAll(rs);
  const solution = report(m, rs);
  solution.iterations = it;
  solution.firstFeasibleS = firstFeasibleS;
  solution.seconds = (clock() - t0) / 1000;
  options.onProgress?.({ fraction: 1, bestCost: solution.objective.cost, iteration: it });
  return { ok: true, solution };
}

function allMandatoryServed(m: VrpModel, rs: RouteSet): boolean {
  for (let u = m.depotCount; u < m.n; u++) if (rs.routeOf[u] < 0 && !m.problem.customers[u - m.depotCount].optional) return false;
  return true;
}

function loadRoutes(m: VrpModel, rs: RouteSet, routes: number[][][]): void {
  routes.forEach((trips, v) => {
    if (v >= m.vehicleCount) return;
    const d = m.vehicleDepot[v];
    const seq: number[] = [d];
    for (const trip of trips) {
      if (!trip.length) continue;
      seq.push(...trip, d);
    }
    if (seq.length > 2) rs.setRoute(v, Int32Array.from(seq), seq.length);
  });
}

/** Schedules and checks the routes in `rs` with the reference simulation. */
export function report(m: VrpModel, rs: RouteSet): VrpSolution {
  const routes: VrpRouteResult[] = [];
  const violations: string[] = [];
  const tot = newTotals();
  const routeCost = new Float64Array(m.vehicleCount);
  let distance = 0;
  let energyWh = 0;
  let latenessS = 0;
  let trips = 0;
  for (let v = 0; v < m.vehicleCount; v++) {
    if (rs.len[v] === 0) continue;
    const rec: TripRecord[] = [];
    const c = simulateRoute(m, v, rs.seq[v], rs.len[v], tot, rec);
    if (c === Infinity) violations.push(`vehicle ${v}: route breaks a hard constraint (excess ${tot.violation.toFixed(3)})`);
    routeCost[v] = tot.cost;
    distance += tot.distance;
    energyWh += tot.energyWh;
    latenessS += tot.latenessS;
    trips += rec.length;
    routes.push({ vehicle: v, depot: m.vehicleDepot[v], vehicleType: m.vehicleType[v], trips: rec });
  }
  const unserved: number[] = [];
  const unservedReasons: VrpUnservedReason[] = [];
  let servedPriority = 0;
  let unservedPriority = 0;
  for (let u = m.depotCount; u < m.n; u++) {
    if (rs.routeOf[u] < 0) {
      unserved.push(u);
      unservedReasons.push({ customer: u, reason: whyUnserved(m, u) });
      unservedPriority += m.priority[u];
      if (!m.problem.customers[u - m.depotCount].optional) violations.push(`customer ${u}: mandatory but unserved`);
    } else servedPriority += m.priority[u];
  }
  const cost = totalObjective(m, routeCost, rs.routeOf);
  return {
    routes,
    unserved,
    unservedReasons,
    objective: { cost, distance, energyWh, latenessS, servedPriority, unservedPriority, vehiclesUsed: routes.length, trips },
    feasible: violations.length === 0,
    violations,
    iterations: 0,
    seconds: 0,
  };
}

function whyUnserved(m: VrpModel, u: number): VrpUnservedReason['reason'] {
  const verdict = serveAlone(m, u, earliestOfEachGroup(m));
  return verdict === 'ok' ? 'fleet-saturated' : verdict;
}

/** Evaluates given routes (per vehicle: trips of customer indices) with the reference simulation. */
export function evaluateRoutes(problem: VrpProblem, routes: number[][][]): VrpSolution {
  const m = buildModel(problem);
  const rs = new RouteSet(m);
  loadRoutes(m, rs, routes);
  return report(m, rs);
}
