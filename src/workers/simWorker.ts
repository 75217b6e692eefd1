/**
 * The simulator in a Web Worker (comlink): plain data in (mission JSON, plan JSON, options), plain
 * data out (the trace, or the problems that refused the input). The app creates it with
 *   new Worker(new URL('./workers/simWorker.ts', import.meta.url), { type: 'module' })
 * and calls `wrap<SimWorkerApi>(worker).simulate(mission, plan, { seed }, proxy(onProgress))`.
 *
 * `simWorkerApi` is also exported so tests (and the main thread, if ever needed) can call it directly.
 */
import { expose } from 'comlink';
import { type Problem, parseMission } from '../core/mission';
import type { Fault } from '../core/mission/schema';
import { simulate } from '../core/sim/engine';
import type { SimTrace } from '../core/sim/trace';
import type { WeatherOptions } from '../core/sim/weather';

export interface SimWorkerOptions {
  seed?: number;
  faults?: Fault[];
  weather?: WeatherOptions;
}

export type SimWorkerResult =
  | { ok: true; trace: SimTrace; warnings: Problem[] }
  | { ok: false; problems: Problem[] };

export const simWorkerApi = {
  /** Simulate a plan; onProgress (a comlink proxy in the app) gets 0..1 now and then, and 1 at the end. */
  async simulate(
    mission: unknown,
    plan: unknown,
    options: SimWorkerOptions = {},
    onProgress?: (fraction: number) => void,
  ): Promise<SimWorkerResult> {
    const loaded = parseMission(mission);
    if (!loaded.ok) return { ok: false, problems: loaded.errors };
    const result = simulate(loaded.mission, plan, {
      seed: options.seed,
      faults: options.faults,
      weather: options.weather,
      onProgress,
      progressEveryS: 300,
    });
    if (!result.ok) return { ok: false, problems: result.errors };
    return { ok: true, trace: result.trace, warnings: result.warnings };
  },
};

export type SimWorkerApi = typeof simWorkerApi;

// Only inside a worker: in Node (tests) or on the main thread there is nothing to expose to.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined') expose(simWorkerApi);
