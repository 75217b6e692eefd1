/**
 * What a pool worker does with a task: plan with the named planner module, simulate one run, dispatch
 * one day, or compute one leg-cost job (one drone model at one cruise layer, legCostJobs.ts).
 * A task carries everything it needs (mission, plan, seeds), so its result cannot depend on the
 * worker that ran it or on what that worker ran before. Modules load on a worker's first task of their
 * kind, so a pool started for leg costs only loads the planner.
 */
import { pathToFileURL } from 'node:url';
import type { DispatchedRun, DispatchRequest, PlanFn, PlanRequest, SimRequest } from '../../core/whatif/study';
import type { Mission } from '../../core/mission/schema';
import type { LayerCosts, LegCostMode } from '../../core/planner/arcs';
import type { LegCostWorkspace } from '../../core/planner/legCostJobs';
import type { Plan } from '../../core/planner/plan';
import type { RunResult } from '../../core/whatif/runResult';

/**
 * A worker's share of one planning run's leg-cost jobs (legCostJobs(ctx), the same list in every thread
 * since it is a function of the mission): it claims jobs one at a time from the shared `claim` counter
 * (legCostClaim: the main thread and the other workers claim from the same one, so a job is computed
 * once, by whoever is free first) and answers the results of the jobs it claimed. `key` names the run:
 * a worker rebuilds the planner context from `mission` on its first task of a key and keeps it for the
 * next ones.
 */
export interface LegCostTask {
  kind: 'legCosts';
  key: string;
  mission: Mission;
  legCosts: LegCostMode;
  /** legCostClaim(), shared with the main thread. */
  claim: Int32Array;
}

/** One job's result, by its index in legCostJobs(ctx). */
export interface LegCostResult {
  job: number;
  costs: LayerCosts;
}

export type PoolTask = { kind: 'plan'; planModule: string; req: PlanRequest } | { kind: 'simulate'; req: SimRequest } | { kind: 'dispatch'; req: DispatchRequest } | LegCostTask;

const planners = new Map<string, Promise<PlanFn>>();

/** Load a module exporting `planFn: PlanFn` (once per worker). */
function loadPlanner(path: string): Promise<PlanFn> {
  let p = planners.get(path);
  if (!p) {
    p = import(pathToFileURL(path).href).then((m: { planFn?: PlanFn }) => {
      if (typeof m.planFn !== 'function') throw new Error(`${path} does not export planFn`);
      return m.planFn;
    });
    planners.set(path, p);
  }
  return p;
}

/** Workspaces of the last few leg-cost keys (a worker serves one planning run at a time, usually). */
const workspaces = new Map<string, LegCostWorkspace>();
const KEPT_WORKSPACES = 2;

async function runLegCostTask(task: LegCostTask): Promise<LegCostResult[]> {
  const jobs = await import('../../core/planner/legCostJobs');
  let ws = workspaces.get(task.key);
  if (!ws) {
    if (jobs.allJobsClaimed(task.claim)) return []; // all taken while this worker started: no context to build
    ws = new jobs.LegCostWorkspace(task.mission, task.legCosts);
    workspaces.set(task.key, ws);
    for (const k of workspaces.keys()) if (workspaces.size > KEPT_WORKSPACES) workspaces.delete(k);
  }
  return ws.runClaimed(task.claim);
}

export async function runTask(task: PoolTask): Promise<Plan | RunResult | DispatchedRun | LegCostResult[]> {
  if (task.kind === 'legCosts') return runLegCostTask(task);
  const study = await import('../../core/whatif/study');
  if (task.kind === 'plan') {
    const planFn = await loadPlanner(task.planModule);
    const { mission, seed, timeLimitS, iterations } = task.req;
    return planFn(mission, { seed, timeLimitS, iterations });
  }
  if (task.kind === 'dispatch') return study.dispatchRun(task.req);
  return study.simulateRun(task.req);
}
