/**
 * The hindsight bound: the static planner with every order of the day known at the start (perfect
 * foresight), flown by the same simulator. What live dispatch is measured against.
 */
import type { Mission } from '../mission/schema';
import { planMission, type PlanOptions } from '../planner/planMission';
import type { Plan } from '../planner/plan';
import { runSimulation, type SimOptions } from '../sim/engine';
import type { SimTrace } from '../sim/trace';
import type { DayMap } from './board';

export interface HindsightResult {
  plan: Plan;
  trace: SimTrace;
  planSeconds: number;
}

export interface HindsightOptions {
  seed?: number;
  iterations?: number;
  /** The day map of the live runs on this same mission: its leg costs are reused. */
  map?: DayMap;
  plan?: Omit<PlanOptions, 'seed' | 'iterations' | 'prepared'>;
  sim?: Omit<SimOptions, 'seed'>;
}

export function hindsightDay(mission: Mission, options: HindsightOptions = {}): HindsightResult {
  const seed = options.seed ?? 1;
  // A deterministic amount of search scaled to the day, unless told otherwise.
  const iterations = options.iterations ?? Math.min(20_000, 10 * mission.orders.length + 1000);
  const out = planMission(mission, { ...options.plan, seed, iterations, prepared: options.map?.prepared });
  const trace = runSimulation(mission, out.plan, { ...options.sim, seed });
  return { plan: out.plan, trace, planSeconds: out.stats.seconds.total };
}
