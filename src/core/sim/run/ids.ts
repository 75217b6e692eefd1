/** Ids and ordering numbers the run hands out (deterministic: counters in the run state). */
import type { SimRun } from './types';

/** A new simulator-made trip id ("sim:N"): re-queued orders and ferries home. */
export function nextSimTripId(run: SimRun): string {
  return `sim:${++run.simTripSeq}`;
}

/** Creation order of a queued task, the tie-break between tasks leaving at the same time. */
export function nextTaskSeq(run: SimRun): number {
  return run.taskSeq++;
}
