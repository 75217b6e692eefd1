/**
 * The distributed study executor: every plan, simulation and dispatched day of a study becomes a BullMQ
 * job on a Redis queue, run by `skyhaul worker` processes on any number of machines. It is a
 * StudyExecutor like the local pool, and each call resolves with its own job's result, so runStudy
 * assembles the report in the same order whichever worker finished first.
 */
import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import type { Plan } from '../../core/planner/plan';
import type { RunResult } from '../../core/whatif/runResult';
import type { DispatchedRun, StudyExecutor } from '../../core/whatif/study';
import { describeBuild, skyhaulBuild } from './fingerprint';
import { bullConnection, commandClient, probeRedis } from './redis';
import { DEFAULT_QUEUE, HEARTBEAT_S, redactUrl } from './url';
import { BlobStore, type RunJobData, type RunTask, decodeValue, encodeTask } from './wire';

export interface QueueExecutorOptions {
  url: string;
  queue?: string;
  /** Give up when no run of this study started, progressed or finished for this long (default 600 s). */
  idleTimeoutS?: number;
  /** Tries per run: a worker thread that dies mid-run is retried (default 2). */
  attempts?: number;
}

export interface QueueExecutor extends StudyExecutor {
  readonly studyId: string;
  /** Worker connections on the queue when the executor started. */
  readonly workersSeen: number;
  close(): Promise<void>;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export async function createQueueExecutor(opts: QueueExecutorOptions): Promise<QueueExecutor> {
  const url = opts.url;
  const name = opts.queue ?? DEFAULT_QUEUE;
  const idleMs = (opts.idleTimeoutS ?? 600) * 1000;
  await probeRedis(url);
  const build = skyhaulBuild();
  const studyId = randomUUID().slice(0, 8);
  const queue = new Queue<RunJobData, string, string>(name, { connection: bullConnection(url) });
  const events = new QueueEvents(name, { connection: bullConnection(url) });
  const redis = commandClient(url);
  const store = new BlobStore(redis);
  const pending = new Map<string, Pending>();
  let seq = 0;
  let lastNews = Date.now();
  // Events for runs already finished can be missed (they started before the stream was read, or the
  // connection dropped); after a quiet spell ask Redis for each pending run's state.
  const reconcile = async () => {
    for (const id of [...pending.keys()]) {
      const job = await queue.getJob(id);
      const state = job ? await job.getState() : undefined;
      if (state === 'completed') settle(id, job!.returnvalue as unknown as string);
      else if (state === 'failed') settle(id, undefined, job!.failedReason, job!.stacktrace?.at(-1));
    }
  };
  const settle = (id: string, value?: string, failure?: string, stack?: string) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    lastNews = Date.now();
    if (failure === undefined) return p.resolve(decodeValue(value as string));
    const err = new Error(failure);
    if (stack) err.stack = stack;
    p.reject(err);
  };
  events.on('completed', ({ jobId, returnvalue }) => settle(jobId, returnvalue as unknown as string));
  // A failed run rejects with the worker's own error and stack (as the local pool's threads give them).
  events.on('failed', ({ jobId, failedReason }) => {
    if (!pending.has(jobId)) return;
    void queue.getJob(jobId).then(
      (job) => settle(jobId, undefined, failedReason, job?.stacktrace?.at(-1)),
      () => settle(jobId, undefined, failedReason),
    );
  });
  const news = ({ jobId }: { jobId: string }) => {
    if (pending.has(jobId)) lastNews = Date.now();
  };
  events.on('active', news);
  events.on('progress', news);
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  const workersSeen = await queue.getWorkersCount();

  const watchdog = setInterval(() => {
    if (pending.size === 0) {
      lastNews = Date.now();
      return;
    }
    const quietMs = Date.now() - lastNews;
    if (quietMs > 2 * HEARTBEAT_S * 1000) void reconcile().catch(() => {});
    if (quietMs <= idleMs) return;
    const err = new Error(
      `no run of the study started or finished for ${Math.round(idleMs / 1000)} s on ${redactUrl(url)} (queue "${name}", ${pending.size} runs waiting): ` +
        `is a worker running there? start one with: skyhaul worker --redis ${redactUrl(url)}${name === DEFAULT_QUEUE ? '' : ` --queue ${name}`}`,
    );
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }, 1000);

  async function submit<T>(task: RunTask): Promise<T> {
    const data = await encodeTask(task, store, build);
    const id = `${studyId}-${++seq}`;
    const result = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
    result.catch(() => {}); // it may settle before queue.add returns (a fast failure); the caller still gets it
    lastNews = Date.now();
    const added = queue.add(`${task.kind}`, data, {
      jobId: id,
      attempts: opts.attempts ?? 2,
      backoff: { type: 'fixed', delay: 1000 },
      // The result travels in the completed event; keep finished jobs a while for inspection only.
      removeOnComplete: { age: 3600, count: 2000 },
      removeOnFail: { age: 24 * 3600 },
    });
    try {
      await added;
    } catch (e) {
      pending.delete(id);
      throw e;
    }
    return result;
  }

  return {
    studyId,
    workersSeen,
    plan: (req) => submit<Plan>({ kind: 'plan', req }),
    simulate: (req) => submit<RunResult>({ kind: 'simulate', req }),
    dispatch: (req) => submit<DispatchedRun>({ kind: 'dispatch', req }),
    async close() {
      clearInterval(watchdog);
      // A study that stopped early (a run failed, or a timeout) takes its unstarted runs off the queue.
      await Promise.all([...pending.keys()].map((id) => queue.remove(id).catch(() => 0)));
      pending.clear();
      await Promise.allSettled([events.close(), queue.close()]);
      redis.disconnect();
    },
  };
}

export const describeQueueTarget = (url: string, queue = DEFAULT_QUEUE) => `${redactUrl(url)} (queue "${queue}", ${describeBuild(skyhaulBuild())})`;
