/**
 * A queue worker: takes study runs off the Redis queue and runs them on the local worker-thread pool,
 * the same pool and task runner as a local `compare` (src/cli/pool), so a run computes the same thing
 * wherever it lands. The runs execute on threads, which keeps this thread free to renew BullMQ's job
 * locks: a long plan is not mistaken for a crashed worker.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import { type PoolExecutor, createPoolExecutor } from '../pool/pool';
import { describeBuild, skyhaulBuild } from './fingerprint';
import { bullConnection, commandClient, probeRedis } from './redis';
import { DEFAULT_QUEUE, HEARTBEAT_S, redactUrl } from './url';
import { BlobStore, type RunJobData, type RunTask, decodeTask, encodeValue } from './wire';

export interface QueueWorkerOptions {
  url: string;
  queue?: string;
  /** Runs at a time (worker threads); default one per core. */
  concurrency?: number;
  /** Seconds a dead worker's run stays locked before another worker takes it (default 30, BullMQ's). */
  lockS?: number;
  log(line: string): void;
}

export interface QueueWorker {
  readonly concurrency: number;
  readonly processed: number;
  /** Stop taking runs; without force, finish the ones in progress first. */
  close(force?: boolean): Promise<void>;
}

function runOnPool(pool: PoolExecutor, task: RunTask): Promise<unknown> {
  if (task.kind === 'plan') return pool.plan(task.req);
  if (task.kind === 'dispatch') return pool.dispatch(task.req);
  return pool.simulate(task.req);
}

export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  await probeRedis(opts.url);
  const build = skyhaulBuild();
  const pool = createPoolExecutor({ workers: opts.concurrency });
  const redis = commandClient(opts.url);
  const store = new BlobStore(redis);
  const me = `${hostname()}:${process.pid}`;
  let processed = 0;

  const worker = new Worker<RunJobData, string>(
    opts.queue ?? DEFAULT_QUEUE,
    async (job) => {
      if (job.data.build !== build.fingerprint) {
        throw new UnrecoverableError(
          `worker ${me} is ${describeBuild(build)} but the study was started by Skyhaul ${job.data.version} (code ${job.data.build}): ` +
            'run the same Skyhaul version (the same checkout) on the coordinator and every worker',
        );
      }
      const started = Date.now();
      const task = await decodeTask(job.data, store);
      // Progress events tell the coordinator this run is alive however long it takes.
      const heartbeat = setInterval(() => void job.updateProgress({ aliveS: Math.round((Date.now() - started) / 1000) }).catch(() => {}), HEARTBEAT_S * 1000);
      try {
        const result = await runOnPool(pool, task);
        processed++;
        opts.log(`done ${job.name} ${job.id} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return encodeValue(result);
      } finally {
        clearInterval(heartbeat);
      }
    },
    {
      connection: bullConnection(opts.url),
      concurrency: pool.workers,
      name: me.replace(/\s/g, '_'), // CLIENT SETNAME, which lists the worker for the coordinator; no spaces allowed
      // A worker process that dies leaves its runs locked; after the lock expires the stalled-job
      // check of any live worker puts them back on the queue, up to twice before the run fails.
      maxStalledCount: 2,
      lockDuration: (opts.lockS ?? 30) * 1000,
      stalledInterval: (opts.lockS ?? 30) * 1000,
    },
  );
  worker.on('failed', (job, err) => opts.log(`failed ${job?.name ?? 'run'} ${job?.id ?? ''}: ${err.message}`));
  worker.on('error', (err) => opts.log(`error: ${err.message}`));
  await worker.waitUntilReady();
  opts.log(`worker ${me} ready: ${redactUrl(opts.url)}, queue "${opts.queue ?? DEFAULT_QUEUE}", ${pool.workers} at a time, ${describeBuild(build)}`);

  return {
    concurrency: pool.workers,
    get processed() {
      return processed;
    },
    async close(force = false) {
      await worker.close(force);
      await pool.close();
      redis.disconnect();
    },
  };
}
