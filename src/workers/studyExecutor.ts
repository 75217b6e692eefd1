/**
 * The app's what-if executor: plans and simulations of a study on a small pool of Web Workers
 * (src/workers/studyWorker.ts), one task per worker at a time, the rest queued first come first
 * served. runStudy queues a scenario's runs as soon as its plan is known, so while one scenario
 * plans another one's runs already simulate.
 *
 * Workers are started on demand up to the pool size and kept until `dispose`. Cancel terminates
 * every worker at once (a planner in the middle of a search has no cheaper way to stop) and rejects
 * the running and queued tasks with a CancelledError; the executor is done after that.
 *
 * Tests inject fake runners through `spawn`.
 */
import { type Remote, wrap } from 'comlink';
import type { Plan } from '../core/planner/plan';
import type { RunResult } from '../core/whatif/runResult';
import type { DispatchedRun, StudyExecutor } from '../core/whatif/study';
import { CancelledError } from './clients';
import type { StudyTask, StudyWorkerApi } from './studyWorker';

/** What a task gives back: a plan, a simulated run, or a dispatched day. */
type TaskResult = Plan | RunResult | DispatchedRun;

/** Something that runs one task at a time: a Web Worker in the app, a fake in tests. */
export interface TaskRunner {
  run(task: StudyTask): Promise<TaskResult>;
  terminate(): void;
}

export interface PoolActivity {
  /** Tasks running now. */
  running: number;
  /** Tasks waiting for a free worker. */
  queued: number;
  /** Workers started so far. */
  workers: number;
  /** Tasks finished (or failed). */
  finished: number;
}

export interface BrowserStudyExecutor extends StudyExecutor {
  /** Most workers the pool runs at once. */
  readonly size: number;
  activity(): PoolActivity;
  /** Terminate every worker; running and queued tasks reject with CancelledError, later ones too. */
  cancel(): void;
  /** Terminate the workers once the study is over. */
  dispose(): void;
}

export interface StudyExecutorOptions {
  /** Pool size; default defaultPoolSize(). */
  size?: number;
  /** Start one runner (default: a studyWorker Web Worker). */
  spawn?: () => TaskRunner;
  /** Called whenever a task starts, finishes or is queued. */
  onActivity?: (a: PoolActivity) => void;
}

/** Workers for a study: the page's cores, at most 4 (the planner is memory-hungry), at least 1. */
export function defaultPoolSize(hardwareConcurrency = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : 1): number {
  const cores = Number.isFinite(hardwareConcurrency) ? Math.floor(hardwareConcurrency) : 1;
  return Math.max(1, Math.min(4, cores));
}

/** A studyWorker behind comlink. A worker that dies (script error) fails its running task. */
export function spawnStudyWorker(): TaskRunner {
  const worker = new Worker(new URL('./studyWorker.ts', import.meta.url), { type: 'module' });
  const api: Remote<StudyWorkerApi> = wrap<StudyWorkerApi>(worker);
  let failCurrent: ((e: Error) => void) | null = null;
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    failCurrent?.(new Error(`study worker failed: ${e.message || 'script error'}`));
  });
  return {
    run(task) {
      const crashed = new Promise<never>((_, reject) => {
        failCurrent = reject;
      });
      return Promise.race([api.run(task) as Promise<TaskResult>, crashed]).finally(() => {
        failCurrent = null;
      });
    },
    terminate: () => worker.terminate(),
  };
}

interface Job {
  task: StudyTask;
  resolve(v: TaskResult): void;
  reject(e: unknown): void;
}

interface Slot {
  runner: TaskRunner;
  job: Job | null;
}

export function createStudyExecutor(opts: StudyExecutorOptions = {}): BrowserStudyExecutor {
  const size = Math.max(1, Math.floor(opts.size ?? defaultPoolSize()));
  const spawn = opts.spawn ?? spawnStudyWorker;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let finished = 0;
  let closed = false;

  const activity = (): PoolActivity => ({
    running: slots.filter((s) => s.job !== null).length,
    queued: queue.length,
    workers: slots.length,
    finished,
  });
  const report = () => opts.onActivity?.(activity());

  function freeSlot(): Slot | undefined {
    const idle = slots.find((s) => s.job === null);
    if (idle) return idle;
    if (slots.length >= size) return undefined;
    const slot: Slot = { runner: spawn(), job: null };
    slots.push(slot);
    return slot;
  }

  function pump(): void {
    while (!closed && queue.length > 0) {
      const slot = freeSlot();
      if (!slot) break;
      const job = queue.shift()!;
      slot.job = job;
      slot.runner.run(job.task).then(
        (v) => settle(slot, job, () => job.resolve(v)),
        (e) => settle(slot, job, () => job.reject(e)),
      );
    }
    report();
  }

  function settle(slot: Slot, job: Job, deliver: () => void): void {
    // After a cancel the job was already rejected; a late answer from a dying worker is dropped.
    if (closed || slot.job !== job) return;
    slot.job = null;
    finished++;
    deliver();
    pump();
  }

  function submit<T extends TaskResult>(task: StudyTask): Promise<T> {
    if (closed) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      queue.push({ task, resolve: resolve as (v: TaskResult) => void, reject });
      pump();
    });
  }

  function close(reason: 'cancel' | 'dispose'): void {
    if (closed) return;
    closed = true;
    const pending = [...slots.flatMap((s) => (s.job ? [s.job] : [])), ...queue];
    for (const s of slots) {
      s.runner.terminate();
      s.job = null;
    }
    slots.length = 0;
    queue.length = 0;
    for (const job of pending) job.reject(reason === 'cancel' ? new CancelledError() : new Error('study executor disposed'));
    report();
  }

  return {
    size,
    plan: (req) => submit<Plan>({ kind: 'plan', req }),
    simulate: (req) => submit<RunResult>({ kind: 'simulate', req }),
    dispatch: (req) => submit<DispatchedRun>({ kind: 'dispatch', req }),
    activity,
    cancel: () => close('cancel'),
    dispose: () => close('dispose'),
  };
}
