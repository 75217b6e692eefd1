/**
 * Running a what-if study: plan each scenario once, simulate it over K weather seeds, aggregate,
 * and (with a target) size each scenario's fleet. Where the work runs is the executor's business
 * (in this thread, or a worker pool in the CLI); every task carries its own seeds, so the report does
 * not depend on which worker ran what or in which order tasks finished.
 */
import { missionFingerprint } from '../mission/fingerprint';
import type { Mission } from '../mission/schema';
import type { Plan } from '../planner/plan';
import { simulate } from '../sim/engine';
import { aggregateRuns, histogram, meanReasons, spreadOf } from './aggregate';
import { diffMissions, summarizeMission } from './diff';
import { staffedDepots, withDronesPerDepot } from './overrides';
import { buildReachMap } from './reachMap';
import { type FleetSizing, REPORT_VERSION, type ScenarioInput, type ScenarioReport, type StudyDispatch, type StudySettings, type WhatIfReport } from './report';
import { dispatchDay } from '../dispatch/runDispatch';
import { type RunResult, runResultFromTrace } from './runResult';
import { describeOverrides } from './scenario';
import { planSeed, weatherSeed } from './seeds';
import { sweepFleetSize } from './sweep';

export interface PlanRequest {
  mission: Mission;
  seed: number;
  timeLimitS?: number;
  iterations?: number;
}

export interface SimRequest {
  mission: Mission;
  plan: Plan;
  /** Weather seed. */
  seed: number;
  runIndex: number;
}

export interface DispatchRequest {
  mission: Mission;
  dispatch: StudyDispatch;
  /** Seed of the dispatcher's search and of the weather. */
  seed: number;
  runIndex: number;
}

/** A dispatched day: the trips given out (as a plan document) and the run record. */
export interface DispatchedRun {
  plan: Plan;
  run: RunResult;
}

/** Where plans, simulations and dispatched days run. */
export interface StudyExecutor {
  plan(req: PlanRequest): Promise<Plan>;
  simulate(req: SimRequest): Promise<RunResult>;
  dispatch(req: DispatchRequest): Promise<DispatchedRun>;
}

/** The planner as the study sees it (the real one is planMission; tests inject small ones). */
export type PlanFn = (mission: Mission, opts: { seed: number; timeLimitS?: number; iterations?: number }) => Promise<Plan> | Plan;

/** One simulation and its run record; throws on a plan the simulator refuses (a planner bug). */
export function simulateRun(req: SimRequest): RunResult {
  const sim = simulate(req.mission, req.plan, { seed: req.seed });
  if (!sim.ok) throw new Error(`simulation refused the plan: ${sim.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return runResultFromTrace(req.mission, req.plan, sim.trace, req.runIndex);
}

/** One dispatched day (the simulator with the dispatcher inside) and its run record. */
export function dispatchRun(req: DispatchRequest): DispatchedRun {
  const r = dispatchDay(req.mission, { policy: req.dispatch.policy, replanEveryS: req.dispatch.replanEveryS, seed: req.seed });
  return { plan: r.plan, run: runResultFromTrace(req.mission, r.plan, r.trace, req.runIndex) };
}

/** Everything in this thread, one task at a time (tests, the app's worker). */
export function inProcessExecutor(planFn: PlanFn): StudyExecutor {
  return {
    plan: async (req) => planFn(req.mission, { seed: req.seed, timeLimitS: req.timeLimitS, iterations: req.iterations }),
    simulate: async (req) => simulateRun(req),
    dispatch: async (req) => dispatchRun(req),
  };
}

export interface StudyOptions {
  runs: number;
  baseSeed: number;
  timeLimitS?: number;
  iterations?: number;
  /** Size each scenario's fleet for this on-time rate (0..1). */
  target?: number;
  sweepMin?: number;
  sweepMax?: number;
  title?: string;
  /** Dispatch each day live instead of planning it once (see StudySettings.dispatch). */
  dispatch?: StudyDispatch;
  onProgress?: (p: StudyProgress) => void;
}

export interface StudyProgress {
  done: number;
  /** Grows while fleet sizing discovers the sizes it needs. */
  total: number;
  message: string;
}

/** Work units: a plan counts as PLAN_WEIGHT simulations (it usually takes that much longer). */
const PLAN_WEIGHT = 4;

function progressTracker(onProgress?: (p: StudyProgress) => void) {
  let done = 0;
  let total = 0;
  return {
    add(units: number) {
      total += units;
    },
    tick(units: number, message: string) {
      done += units;
      onProgress?.({ done, total, message });
    },
  };
}

interface Evaluated {
  plan: Plan;
  runs: RunResult[];
}

/** Plan once, then simulate every run (all runs are queued at once so a pool can spread them). */
async function planAndSimulate(
  exec: StudyExecutor,
  mission: Mission,
  settings: StudySettings,
  progress: ReturnType<typeof progressTracker>,
  label: string,
): Promise<Evaluated> {
  if (settings.dispatch) return dispatchDays(exec, mission, settings.dispatch, settings, progress, label);
  progress.add(PLAN_WEIGHT + settings.runs);
  const plan = await exec.plan({ mission, seed: settings.planSeed, timeLimitS: settings.timeLimitS, iterations: settings.iterations });
  progress.tick(PLAN_WEIGHT, `${label}: planned`);
  const runs = await Promise.all(
    settings.weatherSeeds.map(async (seed, runIndex) => {
      const r = await exec.simulate({ mission, plan, seed, runIndex });
      progress.tick(1, `${label}: run ${runIndex + 1}/${settings.runs}`);
      return r;
    }),
  );
  return { plan, runs };
}

/** One dispatched day per weather seed; the report's plan is the first day's trips given out. */
async function dispatchDays(
  exec: StudyExecutor,
  mission: Mission,
  dispatch: StudyDispatch,
  settings: StudySettings,
  progress: ReturnType<typeof progressTracker>,
  label: string,
): Promise<Evaluated> {
  progress.add(PLAN_WEIGHT * settings.runs);
  const days = await Promise.all(
    settings.weatherSeeds.map(async (seed, runIndex) => {
      const r = await exec.dispatch({ mission, dispatch, seed, runIndex });
      progress.tick(PLAN_WEIGHT, `${label}: day ${runIndex + 1}/${settings.runs} dispatched`);
      return r;
    }),
  );
  return { plan: days[0].plan, runs: days.map((d) => d.run) };
}

export function studySettings(opts: StudyOptions): StudySettings {
  const runs = Math.max(1, Math.floor(opts.runs));
  return {
    runs,
    baseSeed: opts.baseSeed,
    planSeed: planSeed(opts.baseSeed),
    weatherSeeds: Array.from({ length: runs }, (_, k) => weatherSeed(opts.baseSeed, k)),
    ...(opts.timeLimitS !== undefined ? { timeLimitS: opts.timeLimitS } : {}),
    ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}),
    ...(opts.target !== undefined ? { target: opts.target, sweepMin: opts.sweepMin ?? 1, sweepMax: opts.sweepMax ?? 16 } : {}),
    ...(opts.dispatch ? { dispatch: opts.dispatch } : {}),
  };
}

export async function runStudy(scenarios: readonly ScenarioInput[], exec: StudyExecutor, opts: StudyOptions): Promise<WhatIfReport> {
  if (scenarios.length === 0) throw new Error('runStudy: no scenario');
  const settings = studySettings(opts);
  const progress = progressTracker(opts.onProgress);
  const baseline = scenarios[0];
  const reports = await Promise.all(
    scenarios.map(async (sc): Promise<ScenarioReport> => {
      const { plan, runs } = await planAndSimulate(exec, sc.mission, settings, progress, sc.name);
      const report = scenarioReport(sc, plan, runs, baseline);
      if (settings.target !== undefined) {
        const known = report.summary.dronesPerDepot !== null ? { n: report.summary.dronesPerDepot, plan, runs } : undefined;
        report.fleetSizing = await sizeFleet(exec, sc.mission, settings, progress, sc.name, known);
      }
      return report;
    }),
  );
  return {
    reportVersion: REPORT_VERSION,
    title: opts.title ?? `What-if: ${scenarios.map((s) => s.name).join(' vs ')}`,
    settings,
    scenarios: reports,
    deliveryHistogram: histogram(reports.map((r) => r.runs.flatMap((run) => run.deliveryMinutes))),
  };
}

export function scenarioReport(sc: ScenarioInput, plan: Plan, runs: RunResult[], baseline: ScenarioInput): ScenarioReport {
  const unassignedByReason: Record<string, number> = {};
  for (const o of plan.orders) if (o.status === 'unassigned') unassignedByReason[o.reason] = (unassignedByReason[o.reason] ?? 0) + 1;
  return {
    id: sc.id,
    name: sc.name,
    source: sc.source,
    ...(sc.description ? { description: sc.description } : {}),
    overrides: sc.overrides,
    overrideLines: describeOverrides(sc.overrides),
    notes: sc.notes,
    missionName: sc.mission.name,
    missionFingerprint: missionFingerprint(sc.mission),
    summary: summarizeMission(sc.mission),
    plan: { seed: plan.seed, kpis: plan.kpis, unassignedByReason },
    runs: [...runs].sort((a, b) => a.runIndex - b.runIndex),
    kpis: aggregateRuns(runs),
    notServedReasons: meanReasons(runs),
    changes: { baseline: baseline.name, list: sc === baseline ? [] : diffMissions(baseline.mission, sc.mission) },
    map: buildReachMap(sc.mission),
  };
}

export interface SweepStudyOptions {
  target: number;
  min: number;
  max: number;
  runs: number;
  baseSeed: number;
  timeLimitS?: number;
  iterations?: number;
  exhaustive?: boolean;
  tolerance?: number;
  dispatch?: StudyDispatch;
  onProgress?: (p: StudyProgress) => void;
}

/** The fleet-sizing sweep for one mission (the `sweep` command). */
export async function runSweep(mission: Mission, exec: StudyExecutor, opts: SweepStudyOptions): Promise<FleetSizing> {
  const settings = studySettings({ ...opts, sweepMin: opts.min, sweepMax: opts.max });
  return sizeFleet(exec, mission, settings, progressTracker(opts.onProgress), mission.name, undefined, opts.exhaustive, opts.tolerance);
}

async function sizeFleet(
  exec: StudyExecutor,
  mission: Mission,
  settings: StudySettings,
  progress: ReturnType<typeof progressTracker>,
  label: string,
  known?: { n: number; plan: Plan; runs: RunResult[] },
  exhaustive = false,
  tolerance?: number,
): Promise<FleetSizing> {
  const staffed = staffedDepots(mission).length;
  const details = new Map<number, { spread: ReturnType<typeof spreadOf>; planned: number }>();
  const result = await sweepFleetSize(
    async (n) => {
      let evaluated: Evaluated;
      if (known && known.n === n) evaluated = known;
      else {
        const m = withDronesPerDepot(mission, n);
        if (!m.ok) throw new Error(`fleet size ${n}: ${m.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
        evaluated = await planAndSimulate(exec, m.mission, settings, progress, `${label}, ${n} per depot`);
      }
      const rates = evaluated.runs.map((r) => r.kpis.onTimeRate);
      const spread = spreadOf(rates);
      details.set(n, { spread, planned: evaluated.plan.kpis.assigned });
      return { onTimeRate: spread.mean };
    },
    { target: settings.target ?? 0.95, min: settings.sweepMin ?? 1, max: settings.sweepMax ?? 16, exhaustive, tolerance },
  );
  return {
    target: result.target,
    min: result.min,
    max: result.max,
    dronesPerDepot: result.dronesPerDepot,
    monotonic: result.monotonic,
    method: result.method,
    drones: result.dronesPerDepot === null ? null : result.dronesPerDepot * staffed,
    staffedDepots: staffed,
    points: result.points.map((p) => ({
      dronesPerDepot: p.dronesPerDepot,
      drones: p.dronesPerDepot * staffed,
      onTimeRate: p.onTimeRate,
      meets: p.meets,
      spread: details.get(p.dronesPerDepot)!.spread,
      planned: details.get(p.dronesPerDepot)!.planned,
    })),
  };
}
