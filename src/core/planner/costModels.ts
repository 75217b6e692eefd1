/** The physics cost model the planner prices a drone model's legs with (its own module: arcs.ts and arcCandidates.ts both need it). */
import { createEnergyCostModel, type EnergyCostModel } from '../energy/costModel';
import type { ModelInfo, PlannerContext } from './context';

/** Cost models for one drone model, cached per payload (they are cheap but used in hot loops). */
export function costModelFor(ctx: PlannerContext, info: ModelInfo, payloadKg: number, cache?: Map<string, EnergyCostModel>): EnergyCostModel {
  const key = `${info.model.id}\u0000${payloadKg}`;
  const hit = cache?.get(key);
  if (hit) return hit;
  const c = createEnergyCostModel(info.model, {
    payloadKg,
    wind: ctx.mission.wind,
    airDensityKgM3: ctx.mission.settings.airDensityKgM3,
  });
  cache?.set(key, c);
  return c;
}
