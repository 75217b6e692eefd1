/**
 * What the rest of a trip will cost: the drone's own estimate, for the battery-reserve rule. The rest
 * of a paced route (phases with planned end times) is priced phase by phase at the pace the schedule
 * asks for, under the day's wind as the drone has come to know it (the forecast with the day's error
 * and the mean gust: the steady wind it measures, not the gust of the moment). Routes without a
 * schedule fall back to scaling the forecast estimate by how reality compared so far.
 */
import type { FlightCostModel } from '../../energy/flightCost';
import { CRUISE, HOVER, VERTICAL } from '../phases';
import type { Drone, SimRun } from './types';

/** Cost model under the day's steady wind (forecast + error + mean gust), cached per model and payload. */
function dayCost(run: SimRun, d: Drone, payloadKg: number): FlightCostModel {
  const key = `${d.modelIdx}|${payloadKg}`;
  let c = run.dayWindCache.get(key);
  if (!c) {
    const w = run.weather;
    const wind = {
      speedMps: Math.max(0, w.forecast.speedMps + w.speedErrorMps + w.forecast.gustMps / 2),
      fromDeg: (((w.forecast.fromDeg + w.directionErrorDeg) % 360) + 360) % 360,
      gustMps: 0,
    };
    c = run.factory(run.unlimitedModels[d.modelIdx], payloadKg, wind, run.airDensityKgM3);
    run.dayWindCache.set(key, c);
  }
  return c;
}

/**
 * Energy of the phases after the current one, flown to their schedule under the day's wind, Wh;
 * undefined when the route has no schedule (or the physics cannot fly a piece of it).
 */
export function pacedRestWh(run: SimRun, d: Drone): number | undefined {
  const phases = d.phases;
  const cur = phases[d.phaseIndex];
  if (!cur) return undefined;
  // The schedule's time where the current phase ends: its own, or (a hold the simulator put in) the last one before.
  let prevEnd = Number.NaN;
  for (let k = d.phaseIndex; k >= 0 && !Number.isFinite(prevEnd); k--) prevEnd = phases[k].planEndS;
  if (!Number.isFinite(prevEnd)) return undefined;
  let x = cur.kind === VERTICAL || cur.kind === CRUISE ? cur.x : d.x;
  let y = cur.kind === VERTICAL || cur.kind === CRUISE ? cur.y : d.y;
  let z = cur.kind === VERTICAL || cur.kind === CRUISE ? cur.z : d.z;
  let wh = 0;
  for (let k = d.phaseIndex + 1; k < phases.length; k++) {
    const ph = phases[k];
    const c = dayCost(run, d, ph.payloadKg);
    if (!Number.isFinite(ph.planEndS)) {
      // Only a hold the simulator put in has no schedule: its hover, the schedule moved by it.
      if (ph.kind !== HOVER) return undefined;
      wh += c.hover(ph.untilS).energyWh;
      continue;
    }
    const durationS = Math.max(0, ph.planEndS - prevEnd);
    if (ph.kind === VERTICAL) wh += c.vertical(ph.z - z).energyWh;
    else if (ph.kind === CRUISE) {
      const dist = Math.hypot(ph.x - x, ph.y - y);
      const r = c.cruise({ x, y }, { x: ph.x, y: ph.y }, (z + ph.z) / 2, durationS > 0 ? { groundSpeedMps: dist / durationS, maxAirspeedMps: d.paceCapMps } : undefined);
      if (!r.ok) return undefined;
      wh += r.energyWh;
    } else if (ph.kind === HOVER) wh += c.hover(Math.max(durationS, ph.untilS)).energyWh;
    if (ph.kind === VERTICAL || ph.kind === CRUISE) {
      x = ph.x;
      y = ph.y;
      z = ph.z;
    }
    prevEnd = ph.planEndS;
  }
  return wh;
}
