/**
 * One worker of the app's what-if pool (src/workers/studyExecutor.ts): it plans with the fleet
 * planner, simulates one run or dispatches one live day, whichever the task asks. A task carries everything it needs
 * (mission, plan, seeds), so its result cannot depend on which worker ran it or on what that worker
 * ran before. Only the small run record travels back from a simulation, not its trace.
 *
 * The planner is the CLI's (realPlanFn, synchronous): with an iteration budget the app's plans are the
 * CLI's plans. A running task is stopped by terminating the worker.
 */
import { expose } from 'comlink';
import type { Plan } from '../core/planner/plan';
import { planFn } from '../core/whatif/realPlanner';
import type { RunResult } from '../core/whatif/runResult';
import { type DispatchedRun, type DispatchRequest, type PlanRequest, type SimRequest, dispatchRun, simulateRun } from '../core/whatif/study';

export type StudyTask = { kind: 'plan'; req: PlanRequest } | { kind: 'simulate'; req: SimRequest } | { kind: 'dispatch'; req: DispatchRequest };

export const studyWorkerApi = {
  async run(task: StudyTask): Promise<Plan | RunResult | DispatchedRun> {
    if (task.kind === 'plan') {
      const { mission, seed, timeLimitS, iterations } = task.req;
      return planFn(mission, { seed, timeLimitS, iterations });
    }
    if (task.kind === 'dispatch') return dispatchRun(task.req);
    return simulateRun(task.req);
  },
};

export type StudyWorkerApi = typeof studyWorkerApi;

// Only inside a worker: in Node (tests) or on the main thread there is nothing to expose to.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(studyWorkerApi);
