/**
 * A dispatched day: the simulator runs the day and the dispatcher works inside it. The clock stops at
 * every re-plan (rolling) or order placement (greedy); the dispatcher sees the orders placed so far and
 * the fleet as the simulator has it (who is flying, how late, who is out of service), and the trips it
 * gives out are queued on the simulated drones at once. The result is an ordinary trace (it plays in
 * the app) and the plan document of every trip given out.
 */
import type { Fault, Mission } from '../mission/schema';
import { missionFingerprint } from '../mission/fingerprint';
import { planKpis } from '../planner/kpis';
import { PLAN_VERSION, type Plan } from '../planner/plan';
import { type LiveDroneStatus, type SimOptions, startLiveSimulation } from '../sim/engine';
import type { SimTrace } from '../sim/trace';
import { buildDayMap, DispatchBoard, type DayMap, type Given } from './board';
import { GreedyDispatcher } from './greedy';
import { DEFAULT_ROLLING_ITERATIONS, RollingDispatcher, type RollingOptions } from './rolling';

export type DispatchPolicy = 'rolling' | 'greedy';
export const DISPATCH_POLICIES: readonly DispatchPolicy[] = ['rolling', 'greedy'];

export interface DispatchOptions {
  policy: DispatchPolicy;
  /** Seconds between re-plans (rolling). Default 120. */
  replanEveryS?: number;
  /** Seed of the search and of the simulated weather. Default 1. */
  seed?: number;
  iterations?: RollingOptions['iterations'];
  /** The day's map, when already built for this mission (several policies or seeds on one day). */
  map?: DayMap;
  /** Share of the day done (0..1) and what is happening. */
  onProgress?: (fraction: number, message: string) => void;
  /** Checked at every stop of the clock: the day ends there, with what was given out so far. */
  signal?: { readonly aborted: boolean };
  /** Milliseconds clock for the re-plan timings (not for any decision). Default performance.now. */
  clock?: () => number;
  sim?: Omit<SimOptions, 'seed' | 'onProgress'>;
}

export interface ReplanStats {
  count: number;
  p50S: number;
  p95S: number;
  maxS: number;
  /** Open orders at the largest re-plan. */
  maxOpen: number;
}

export interface DispatchResult {
  policy: DispatchPolicy;
  trace: SimTrace;
  plan: Plan;
  replans: ReplanStats;
  /** Seconds to build the day's map (leg-cost oracle) before the day starts. */
  mapSeconds: number;
  cancelled: boolean;
}

export function dispatchDay(mission: Mission, options: DispatchOptions): DispatchResult {
  const clock = options.clock ?? (() => globalThis.performance.now());
  const seed = options.seed ?? 1;
  const everyS = Math.max(1, options.replanEveryS ?? 120);
  const report = options.onProgress ?? (() => {});
  const t0 = clock();
  const map = options.map ?? buildDayMap(mission, (f, m) => report(0.1 * f, m));
  const mapSeconds = (clock() - t0) / 1000;
  const board = new DispatchBoard(map);
  const sim = startLiveSimulation(mission, { ...options.sim, seed });
  const durations: number[] = [];
  let maxOpen = 0;
  const timed = (open: number, work: () => void) => {
    const a = clock();
    work();
    durations.push((clock() - a) / 1000);
    maxOpen = Math.max(maxOpen, open);
  };
  const give = (given: readonly Given[]) => {
    for (const g of given) sim.queueTrips(map.ctx.drones[g.drone].droneId, [g.trip]);
  };
  const dayEndS = mission.horizonS;
  const progress = (t: number) => report(0.1 + 0.9 * Math.min(1, t / dayEndS), `${policyLabel(options.policy)} at ${Math.round(t / 60)} min of ${Math.round(dayEndS / 60)}`);
  let cancelled = false;

  if (options.policy === 'greedy') {
    const greedy = new GreedyDispatcher(board);
    while (!board.allRevealed) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const t = board.nextPlacementS;
      if (t > dayEndS) break;
      sim.advanceTo(t);
      const status = sim.status();
      for (const k of board.reveal(t)) {
        if (!board.open.has(k)) continue;
        timed(1, () => {
          const g = greedy.assign(k, t, status);
          if (g) give([g]);
        });
      }
      progress(t);
    }
  } else {
    const rolling = new RollingDispatcher(board, { replanEveryS: everyS, seed, iterations: options.iterations ?? DEFAULT_ROLLING_ITERATIONS });
    // The dispatcher re-plans every everyS, and at once when it hears of a fault (a drone lost or
    // grounded, a depot closing or reopening).
    const alarms = faultTimes([...(mission.faults ?? []), ...(options.sim?.faults ?? [])]);
    let ai = 0;
    for (let t = 0; t <= dayEndS; ) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      while (ai < alarms.length && alarms[ai] <= t) ai++;
      const nextAlarmS = alarms[ai] ?? Infinity;
      // Nothing open and nothing placed by now: on to the first re-plan after the next placement.
      if (board.open.size === 0 && board.nextPlacementS > t) {
        if (board.allRevealed) break;
        t = Math.min(Math.ceil(board.nextPlacementS / everyS) * everyS, nextAlarmS);
        continue;
      }
      sim.advanceTo(t);
      board.reveal(t);
      if (board.open.size > 0) {
        const status: LiveDroneStatus[] = sim.status();
        timed(board.open.size, () => give(rolling.replan(t, status)));
        progress(t);
      }
      t = Math.min((Math.floor(t / everyS) + 1) * everyS, nextAlarmS);
    }
  }
  const trace = sim.finish(new Map([...board.rejected].map(([k, why]) => [map.ctx.orders[k].id, `${why.reason}: ${why.message}`])));
  trace.dispatch = board.record(options.policy);
  const plan = board.planDocument(
    { planVersion: PLAN_VERSION, missionName: mission.name, missionFingerprint: missionFingerprint(mission), seed, timeLimitS: 0 },
    (drones, orders) => planKpis(mission, drones, orders, board.conflicts),
  );
  report(1, 'day done');
  return { policy: options.policy, trace, plan, replans: replanStats(durations, maxOpen), mapSeconds, cancelled };
}

/** When faults happen (the dispatcher hears of each at once), sorted, without repeats. */
function faultTimes(faults: readonly Fault[]): number[] {
  const at = faults.flatMap((f) => (f.kind === 'motor-failure' ? [f.atS] : f.kind === 'grounded' ? [f.fromS] : [f.fromS, f.toS]));
  return [...new Set(at)].sort((a, b) => a - b);
}

function policyLabel(p: DispatchPolicy): string {
  return p === 'rolling' ? 'rolling re-plans' : 'greedy dispatch';
}

function replanStats(durations: readonly number[], maxOpen: number): ReplanStats {
  const s = [...durations].sort((a, b) => a - b);
  const q = (p: number) => (s.length === 0 ? 0 : s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]);
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return { count: s.length, p50S: r3(q(0.5)), p95S: r3(q(0.95)), maxS: r3(s[s.length - 1] ?? 0), maxOpen };
}
