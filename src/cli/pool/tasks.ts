/**
 * What a pool worker does with a task: plan with the named planner module, or simulate one run.
 * A task carries everything it needs (mission, plan, seeds), so its result cannot depend on the
 * worker that ran it or on what that worker ran before.
 */
import { pathToFileURL } from 'node:url';
import { type DispatchedRun, type DispatchRequest, type PlanFn, type PlanRequest, type SimRequest, dispatchRun, simulateRun } from '../../core/whatif/study';
import type { Plan } from '../../core/planner/plan';
import type { RunResult } from '../../core/whatif/runResult';

export type PoolTask = { kind: 'plan'; planModule: string; req: PlanRequest } | { kind: 'simulate'; req: SimRequest } | { kind: 'dispatch'; req: DispatchRequest };

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

export async function runTask(task: PoolTask): Promise<Plan | RunResult | DispatchedRun> {
  if (task.kind === 'plan') {
    const planFn = await loadPlanner(task.planModule);
    const { mission, seed, timeLimitS, iterations } = task.req;
    return planFn(mission, { seed, timeLimitS, iterations });
  }
  if (task.kind === 'dispatch') return dispatchRun(task.req);
  return simulateRun(task.req);
}
