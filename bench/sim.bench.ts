/**
 * Simulator speed: simulated seconds per wall-clock second for the default mission and for a
 * 200-drone, two-hour day (target: the whole day in under 1 s, i.e. >= 7,200x real time), each
 * printed with its trace size; plus the cost of the separation check (same run without it as the
 * baseline) and positionAt lookups per second against what playback needs (2,000 drones x 60 fps).
 *
 *   npm run bench -- sim
 *
 * The plans are simple direct one-order trips (test/unit/simPlanHelper.ts), not the fleet planner's.
 */
import { readFileSync } from 'node:fs';
import { parseMissionText } from '../src/core/mission';
import type { Mission } from '../src/core/mission';
import type { Plan } from '../src/core/planner/plan';
import { simulate } from '../src/core/sim/engine';
import { type SimTrace, positionAt } from '../src/core/sim/trace';
import { directPlan, randomMission } from '../test/unit/simPlanHelper';

function timeSim(mission: Mission, plan: Plan, checkSeparation = true): { ms: number; trace: SimTrace } {
  const t0 = performance.now();
  const r = simulate(mission, plan, { seed: 1, checkSeparation });
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return { ms, trace: r.trace };
}

function size(trace: SimTrace): string {
  const bytes = JSON.stringify(trace).length;
  const samples = trace.drones.reduce((s, d) => s + d.tS.length, 0);
  return `${(bytes / 1024).toFixed(0)} KB JSON, ${samples} samples, ${trace.events.length} events`;
}

function report(name: string, mission: Mission, plan: Plan) {
  const cold = timeSim(mission, plan);
  const warm = [0, 1, 2].map(() => timeSim(mission, plan).ms);
  const noSep = [0, 1, 2].map(() => timeSim(mission, plan, false).ms);
  const best = Math.min(...warm);
  const bestNoSep = Math.min(...noSep);
  const simS = cold.trace.endS;
  const drones = cold.trace.drones.length;
  console.log(`\n${name}: ${drones} drones, ${mission.orders.length} orders, ${(simS / 3600).toFixed(2)} h simulated`);
  console.log(`  first run      ${cold.ms.toFixed(0).padStart(6)} ms   ${(simS / (cold.ms / 1000)).toFixed(0).padStart(8)}x real time`);
  console.log(`  best of 3      ${best.toFixed(0).padStart(6)} ms   ${(simS / (best / 1000)).toFixed(0).padStart(8)}x real time`);
  console.log(`  no separation  ${bestNoSep.toFixed(0).padStart(6)} ms   (separation check costs x${(best / bestNoSep).toFixed(2)})`);
  console.log(`  trace          ${size(cold.trace)}`);
  console.log(`  KPIs           ${cold.trace.kpis.delivered}/${cold.trace.kpis.ordersTotal} delivered, ${cold.trace.kpis.separationLosses} losses of separation`);
  return { best, cold: cold.ms, simS, trace: cold.trace };
}

const loaded = parseMissionText(readFileSync('missions/shenzhen-two-hour.json', 'utf8'));
if (!loaded.ok) throw new Error('default mission refused');
const defaultMission = loaded.mission;
report('default mission (shenzhen-two-hour)', defaultMission, directPlan(defaultMission));

// 20 stores x 10 drones; promise windows open over two hours (the last ones at 2 h).
const day = randomMission(2026, { depots: 20, dronesPerDepot: 10, orders: 600, spanS: 9000, windMps: 5, gustMps: 3 });
const big = report('200-drone two-hour day', day, directPlan(day));
const target = 1000 * (big.simS / 7200);
console.log(`  target         whole day under ${target.toFixed(0)} ms (1 s per 2 h): best run at ${(big.best / target).toFixed(2)} of the budget, first run ${(big.cold / target).toFixed(2)}`);

// Playback: positionAt for every drone, many times, into one reused array.
const trace = big.trace;
const out = new Float64Array(3);
const lookups = 2_000_000;
let checksum = 0;
const t0 = performance.now();
for (let i = 0; i < lookups; i++) {
  positionAt(trace, i % trace.drones.length, (i * 3.7) % trace.endS, out);
  checksum += out[2];
}
const perS = lookups / ((performance.now() - t0) / 1000);
const needed = 2000 * 60;
console.log(`\nplayback: positionAt ${(perS / 1e6).toFixed(2)} M lookups/s; 2,000 drones at 60 fps need ${(needed / 1e6).toFixed(2)} M/s -> x${(perS / needed).toFixed(0)} headroom (checksum ${checksum.toFixed(0)})`);
