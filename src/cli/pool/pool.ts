/**
 * The CLI's worker threads (tinypool), one worker per core by default: the study executor (plans and
 * simulations; tasks are queued as soon as they are known, so while one scenario plans another one's
 * runs already simulate) and the leg-cost jobs of one plan (legCosts.ts).
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type TinypoolClass from 'tinypool';
import type { Plan } from '../../core/planner/plan';
import type { RunResult } from '../../core/whatif/runResult';
import type { DispatchedRun, StudyExecutor } from '../../core/whatif/study';
import type { LegCostResult, LegCostTask, PoolTask } from './tasks';

export interface PoolExecutorOptions {
  /** Worker threads; default one per core (os.availableParallelism()). */
  workers?: number;
  /** Path of a module exporting `planFn` (default: the fleet planner, src/core/whatif/realPlanner.ts). */
  planModule?: string;
}

export interface PoolExecutor extends StudyExecutor {
  readonly workers: number;
  /** Leg-cost jobs (legCostJobs.ts) claimed and computed on a worker until none is left (tasks.ts). */
  legCosts(task: Omit<LegCostTask, 'kind'>): Promise<LegCostResult[]>;
  close(): Promise<void>;
}

/**
 * Tinypool finds its worker entry from its own import.meta.url. Imported through tsx's tsImport (as
 * bin/skyhaul.mjs runs the CLI) that URL carries a "?tsx-namespace=" query and tinypool starts the
 * wrong file, so the pool hangs. Loaded with require (Node >= 20.19 loads ESM that way) the URL is
 * plain; older Node falls back to import, which is fine when the CLI runs under plain tsx.
 */
async function loadTinypool(): Promise<typeof TinypoolClass> {
  try {
    return (createRequire(import.meta.url)('tinypool') as { default: typeof TinypoolClass }).default;
  } catch {
    return (await import('tinypool')).default;
  }
}

export const DEFAULT_PLAN_MODULE = fileURLToPath(new URL('../../core/whatif/realPlanner.ts', import.meta.url));

export function createPoolExecutor(opts: PoolExecutorOptions = {}): PoolExecutor {
  const workers = Math.max(1, Math.floor(opts.workers ?? availableParallelism()));
  const planModule = opts.planModule ?? DEFAULT_PLAN_MODULE;
  const poolP = loadTinypool().then((Tinypool) => new Tinypool({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    // Workers keep their loaded planner between tasks; results never depend on that (see tasks.ts).
    isolateWorkers: false,
  }));
  // Tinypool unrefs its workers; without a ref'd handle the CLI process could exit while the
  // workers are still loading (nothing else keeps the event loop alive between tasks).
  const keepAlive = setInterval(() => {}, 1 << 30);
  const run = async <T>(task: PoolTask) => (await poolP).run(task) as Promise<T>;
  return {
    workers,
    plan: (req) => run<Plan>({ kind: 'plan', planModule, req }),
    simulate: (req) => run<RunResult>({ kind: 'simulate', req }),
    dispatch: (req) => run<DispatchedRun>({ kind: 'dispatch', req }),
    legCosts: (task) => run<LegCostResult[]>({ kind: 'legCosts', ...task }),
    close: async () => {
      clearInterval(keepAlive);
      await (await poolP).destroy();
    },
  };
}
