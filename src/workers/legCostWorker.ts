/**
 * A leg-cost Web Worker of the app's planner: the plan worker (planWorker.ts) starts a few of these on
 * a day large enough (MIN_THREADED_WORK) and sends each the mission; the worker rebuilds the mission's
 * context (LegCostWorkspace, src/core/planner/legCostJobs.ts) and computes leg-cost jobs (one drone
 * model at one cruise layer) until none is left. Two ways of getting jobs:
 *
 * - shared (the page is cross-origin isolated): `claim` is the run's shared claim counter; the worker
 *   claims and computes jobs (runClaimed) and answers every result at once (`share`);
 * - messages: the worker asks for a job (`next`), builds its workspace while the answer comes, and
 *   answers each job's result (`result`, which also asks for the next) until told `none`.
 *
 * Any failure is answered as `error` (the plan worker turns it into a planning error); the plan worker
 * terminates the worker when the stage ends or is cancelled.
 */
import type { Mission } from '../core/mission/schema';
import type { LayerCosts, LegCostMode } from '../core/planner/arcs';
import { LegCostWorkspace, allJobsClaimed } from '../core/planner/legCostJobs';

/** What the plan worker sends. */
export type ToLegCostWorker =
  | { type: 'start'; mission: Mission; legCosts: LegCostMode; claim?: Int32Array }
  | { type: 'job'; job: number }
  | { type: 'none' };

/** What a leg-cost worker answers. */
export type FromLegCostWorker =
  | { type: 'next' }
  | { type: 'result'; job: number; costs: LayerCosts }
  | { type: 'share'; results: { job: number; costs: LayerCosts }[] }
  | { type: 'error'; message: string };

/** The (distinct, non-shared) buffers of some layer costs, to transfer rather than copy. */
export function costBuffers(costs: readonly LayerCosts[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const c of costs) {
    for (const a of [c.cost, c.lengthM]) if (a.buffer instanceof ArrayBuffer) out.add(a.buffer);
  }
  return [...out];
}

/** The worker's message handler, given how to answer (exported so that tests run it in one thread). */
export function legCostWorkerHandler(post: (msg: FromLegCostWorker, transfer: ArrayBuffer[]) => void): (msg: ToLegCostWorker) => void {
  let start: Extract<ToLegCostWorker, { type: 'start' }> | undefined;
  let ws: LegCostWorkspace | undefined;
  const workspace = (): LegCostWorkspace => {
    if (!start) throw new Error('leg-cost worker: a job before the mission');
    ws ??= new LegCostWorkspace(start.mission, start.legCosts);
    return ws;
  };
  return (msg) => {
    try {
      if (msg.type === 'start') {
        start = msg;
        if (msg.claim) {
          // Every job may be taken already while this worker started: then nothing to build.
          const results = allJobsClaimed(msg.claim) ? [] : workspace().runClaimed(msg.claim);
          post({ type: 'share', results }, costBuffers(results.map((r) => r.costs)));
        } else {
          post({ type: 'next' }, []);
          workspace(); // built while the plan worker answers
        }
      } else if (msg.type === 'job') {
        const w = workspace();
        const job = w.jobs[msg.job];
        if (!job) throw new Error(`leg-cost job ${msg.job} of ${w.jobs.length}`);
        const costs = w.run(job);
        post({ type: 'result', job: msg.job, costs }, costBuffers([costs]));
      }
      // 'none': nothing left; the plan worker terminates this worker.
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) }, []);
    }
  };
}

// Only inside a worker (tests import the handler).
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') {
  const scope = globalThis as unknown as { postMessage(msg: unknown, transfer: Transferable[]): void; onmessage: ((e: MessageEvent<ToLegCostWorker>) => void) | null };
  const handle = legCostWorkerHandler((msg, transfer) => scope.postMessage(msg, transfer));
  scope.onmessage = (e) => handle(e.data);
}
