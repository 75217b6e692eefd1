/**
 * The study's PlanFn backed by the fleet planner (src/core/planner planMission). Kept in its own
 * module so a worker can load it by path (the `planFn` export is the contract, see src/cli/pool).
 */
import { planMission } from '../planner';
import type { PlanFn } from './study';

export const planFn: PlanFn = (mission, opts) =>
  planMission(mission, {
    seed: opts.seed,
    ...(opts.timeLimitS !== undefined ? { timeLimitS: opts.timeLimitS } : {}),
    ...(opts.iterations !== undefined ? { iterations: opts.iterations } : {}),
  }).plan;
