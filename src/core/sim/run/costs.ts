/**
 * Flight cost models for a run: the ACTUAL wind of the current gust period (what the drone really
 * spends) and the FORECAST wind (the plan-side estimates the reserve prediction compares against).
 * Both are cached because building a physics model is far dearer than using one.
 */
import type { FlightCostModel } from '../../energy/flightCost';
import { gustPeriodAt, windInPeriod } from '../weather';
import type { Drone, SimRun } from './types';

/** Cost model for the drone at time t with payloadKg aboard, under the actual wind of that gust period. */
export function actualCost(run: SimRun, d: Drone, payloadKg: number, t: number): FlightCostModel {
  const period = gustPeriodAt(run.weather, t);
  if (d.cost && d.costPeriod === period && d.costPayload === payloadKg) return d.cost;
  if (period !== run.actualCachePeriod) {
    // A new gust period: every model of the previous one is stale.
    run.actualCache.clear();
    run.actualCachePeriod = period;
  }
  const key = `${d.modelIdx}|${payloadKg}`;
  let c = run.actualCache.get(key);
  if (!c) {
    c = run.factory(run.unlimitedModels[d.modelIdx], payloadKg, windInPeriod(run.weather, period), run.airDensityKgM3);
    run.actualCache.set(key, c);
  }
  d.cost = c;
  d.costPeriod = period;
  d.costPayload = payloadKg;
  return c;
}

/** Cost model under the mission's forecast wind (no gusts), as the planner saw it. */
export function forecastCost(run: SimRun, d: Drone, payloadKg: number): FlightCostModel {
  const key = `${d.modelIdx}|${payloadKg}`;
  let c = run.forecastCache.get(key);
  if (!c) {
    c = run.factory(d.model, payloadKg, run.forecastWind, run.airDensityKgM3);
    run.forecastCache.set(key, c);
  }
  return c;
}
