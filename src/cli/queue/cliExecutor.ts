/**
 * The executor a study command runs on: the local worker-thread pool (the default, nothing to install)
 * or, with --redis, the distributed queue. The flags and their checks live here once for compare,
 * sweep and simulate.
 */
import type { Fault, Mission } from '../../core/mission/schema';
import type { Plan } from '../../core/planner/plan';
import type { SimKpis } from '../../core/sim/kpis';
import type { StudyExecutor } from '../../core/whatif/study';
import { type CliIO, UsageError } from '../command';
import { positiveSecondsFlag } from '../args';
import { createPoolExecutor } from '../pool/pool';
import { DEFAULT_QUEUE, RedisUnreachableError, redisUrlProblem } from './url';

export const QUEUE_OPTIONS = {
  redis: { type: 'string' },
  queue: { type: 'string' },
  'queue-timeout': { type: 'string' },
} as const;

export const QUEUE_USAGE = [
  '  --redis url     run on `skyhaul worker` processes (on any machine) through this Redis, redis://host:6379;',
  `                  --queue name (default ${DEFAULT_QUEUE}), --queue-timeout s: give up when no run starts or`,
  '                  finishes for that long (default 600); docs/distributed.md',
];

export interface QueueFlags {
  redis?: string;
  queue?: string;
  'queue-timeout'?: string;
}

export interface CliStudyExecutor extends StudyExecutor {
  /** Where the runs went, for the last progress line ("2 workers", "workers on redis://..."). */
  readonly label: string;
  close(): Promise<void>;
}

/** Usage errors of the queue flags (thrown before any file is read). */
export function checkQueueFlags(values: QueueFlags, workers: number | undefined): void {
  if (values.redis === undefined) {
    if (values.queue !== undefined || values['queue-timeout'] !== undefined) throw new UsageError('--queue and --queue-timeout need --redis');
    return;
  }
  const problem = redisUrlProblem(values.redis);
  if (problem) throw new UsageError(problem);
  if (workers !== undefined) throw new UsageError('--workers sets local threads; with --redis each machine sets its own (skyhaul worker --concurrency N)');
  positiveSecondsFlag('--queue-timeout', values['queue-timeout']);
}

/** The executor for the flags, or undefined after printing why Redis cannot be used (exit 1). */
export async function cliStudyExecutor(values: QueueFlags, workers: number | undefined, io: CliIO): Promise<CliStudyExecutor | undefined> {
  checkQueueFlags(values, workers);
  if (values.redis === undefined) {
    const pool = createPoolExecutor({ workers });
    return { ...pool, label: `${pool.workers} worker${pool.workers > 1 ? 's' : ''}`, close: () => pool.close() };
  }
  const url = values.redis;
  // BullMQ and ioredis load only when a study uses them: the local pool's commands start as fast as before.
  const { createQueueExecutor, describeQueueTarget } = await import('./executor');
  try {
    const exec = await createQueueExecutor({ url, queue: values.queue, idleTimeoutS: positiveSecondsFlag('--queue-timeout', values['queue-timeout']) });
    const target = describeQueueTarget(url, values.queue);
    io.err(
      exec.workersSeen > 0
        ? `sending runs to ${target}: ${exec.workersSeen} worker${exec.workersSeen > 1 ? 's' : ''} connected\n`
        : `sending runs to ${target}: no worker connected yet; start \`skyhaul worker --redis ${url}\` on each machine\n`,
    );
    // Ctrl-C takes the study's unstarted runs off the queue, or the workers would still run them.
    const onSigint = () => void exec.close().finally(() => process.exit(130));
    process.once('SIGINT', onSigint);
    const close = () => {
      process.off('SIGINT', onSigint);
      return exec.close();
    };
    return { plan: exec.plan, simulate: exec.simulate, dispatch: exec.dispatch, label: `workers on ${target}`, close };
  } catch (e) {
    if (!(e instanceof RedisUnreachableError)) throw e;
    io.err(`${e.message}\n`);
    return undefined;
  }
}

/**
 * `simulate --runs K --redis`: the runs after the first (which ran here, for its trace and warnings)
 * on the workers, as study simulations of the same plan; the command's extra faults join the
 * mission's own, as the simulator would add them. Undefined after printing why Redis cannot be used.
 */
export async function simulateSeedsOnQueue(
  values: QueueFlags,
  io: CliIO,
  run: { mission: Mission; faults: Fault[]; plan: Plan; seeds: number[] },
  onDone: (done: number) => void,
): Promise<{ seed: number; kpis: SimKpis }[] | undefined> {
  const exec = await cliStudyExecutor(values, undefined, io);
  if (!exec) return undefined;
  const mission = run.faults.length > 0 ? { ...run.mission, faults: [...(run.mission.faults ?? []), ...run.faults] } : run.mission;
  let done = 0;
  try {
    return await Promise.all(
      run.seeds.map(async (seed, i) => {
        const r = await exec.simulate({ mission, plan: run.plan, seed, runIndex: i });
        onDone(++done);
        return { seed, kpis: r.kpis };
      }),
    );
  } finally {
    await exec.close();
  }
}
