/**
 * `skyhaul worker`: run what-if study runs (plans, simulations, dispatched days) that `compare`,
 * `sweep` or `simulate --runs` put on a Redis queue with --redis. Start one per machine.
 */
import { parseCommandArgs, positiveSecondsFlag, wholeNumberFlag } from '../args';
import { type Command, UsageError } from '../command';
import { RedisUnreachableError, redisUrlProblem } from '../queue/url';

const USAGE = [
  'skyhaul worker --redis <url> [--concurrency N] [--queue name]',
  '  runs the plans and simulations of studies started elsewhere with --redis (compare, sweep, simulate --runs)',
  '  --redis url        the Redis the studies use, e.g. redis://10.0.0.5:6379',
  '  --concurrency N    runs at a time on this machine (worker threads; default one per core)',
  '  --queue name       the queue (default skyhaul; must match the study\'s --queue)',
  '  --lock-timeout s   a run of a worker that died goes to another worker after s seconds (default 30)',
  '  Runs until Ctrl-C (finishes the runs in progress; a second Ctrl-C stops at once, and they run elsewhere).',
  '  Every machine needs the same Skyhaul checkout: a worker refuses runs of another version.',
].join('\n');

const OPTIONS = {
  redis: { type: 'string' },
  concurrency: { type: 'string' },
  queue: { type: 'string' },
  'lock-timeout': { type: 'string' },
} as const;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run study runs from a Redis queue (compare/sweep/simulate --redis on another machine)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.redis === undefined) throw new UsageError('--redis is required');
    const problem = redisUrlProblem(values.redis);
    if (problem) throw new UsageError(problem);
    const concurrency = values.concurrency === undefined ? undefined : wholeNumberFlag('--concurrency', values.concurrency, 1, 1);
    const lockS = positiveSecondsFlag('--lock-timeout', values['lock-timeout']);

    const { startQueueWorker } = await import('../queue/worker'); // BullMQ loads only for this command
    let worker: Awaited<ReturnType<typeof startQueueWorker>>;
    try {
      worker = await startQueueWorker({ url: values.redis, queue: values.queue, concurrency, lockS, log: (line) => io.err(`${line}\n`) });
    } catch (e) {
      if (!(e instanceof RedisUnreachableError)) throw e;
      io.err(`${e.message}\n`);
      return 1;
    }
    // Serve until a signal: the first finishes the runs in progress, a second leaves them to BullMQ's
    // stalled-job check, which hands them to another worker.
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          io.err(`${signal} again: stopping now\n`);
          void worker.close(true).finally(resolve);
          return;
        }
        stopping = true;
        io.err(`${signal}: finishing the runs in progress (${signal} again to stop now)\n`);
        void worker.close().finally(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.err(`worker stopped after ${worker.processed} run${worker.processed === 1 ? '' : 's'}\n`);
    return 0;
  },
};
