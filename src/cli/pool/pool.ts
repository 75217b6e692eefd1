/**
 * The study executor of the CLI: plans and simulations on worker threads (tinypool), one worker per
 * core by default. Tasks are queued as soon as they are known, so while one scenario plans another
 * one's runs already simulate.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Plan } from '../../core/planner/plan';
import type { RunResult } from '../../core/whatif/runResult';
import type { StudyExecutor } from '../../core/whatif/study';
import type { PoolTask } from './tasks';

export interface PoolExecutorOptions {
  /** Worker threads; default one per core (os.availableParallelism()). */
  workers?: number;
  /** Path of a module exporting `planFn` (default: the fleet planner, src/core/whatif/realPlanner.ts). */
  planModule?: string;
}

export interface PoolExecutor extends StudyExecutor {
  readonly workers: number;
  close(): Promise<void>;
}

export const DEFAULT_PLAN_MODULE = fileURLToPath(new URL('../../core/whatif/realPlanner.ts', import.meta.url));

export function createPoolExecutor(opts: PoolExecutorOptions = {}): PoolExecutor {
  const workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
  const planModule = opts.planModule ?? DEFAULT_PLAN_MODULE;
  const pool = new Tinypool({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Workers keep their loaded planner between tasks; results never depend on that (see tasks.ts).
    isolateWorkers: false,
  });
  const run = <T>(task: PoolTask) => pool.run(task) as Promise<T>;
  return {
    workers,
    plan: (req) => run<Plan>({ kind: 'plan', planModule, req }),
    simulate: (req) => run<RunResult>({ kind: 'simulate', req }),
    close: () => pool.destroy(),
  };
}
