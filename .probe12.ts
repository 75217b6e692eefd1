import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
const [orders, stores, drones, hours, iters, daySeed, windS, gust] = process.argv.slice(2).map(Number);
const day = generateDay({ stores, dronesPerStore: drones, orders, hours, seed: daySeed });
if (windS) day.wind = { speedMps: windS, fromDeg: 60, gustMps: gust };
const { plan } = planMission(day, { iterations: iters, seed: 1 });
console.log('plan', JSON.stringify({ assigned: plan.kpis.assigned, onTime: plan.kpis.onTime, conflicts: plan.kpis.conflicts }));
for (const seed of [1, 2, 3, 4, 5]) {
  const tr = runSimulation(day, plan, { seed });
  const k = tr.kpis;
  console.log('seed', seed, JSON.stringify({ onTime: k.onTimeRate, sep: k.separationLosses, emerg: k.emergencyLandings, below: k.landingsBelowReserve, minSoc: k.minSoc, gw: k.groundWaitMinutes, hold: k.holdMinutes, reseq: k.takeoffsResequenced, div: k.diversions, failed: k.failed }));
  for (const e of tr.events.filter((e) => e.kind === 'separation-loss' || e.kind === 'emergency-landing' || e.kind === 'landed-below-reserve').slice(0, 3)) console.log('   ', e.kind, e.tS, e.droneId, e.otherDroneId ?? '', e.horizontalM ?? '', e.verticalM ?? '', e.reason ?? '');
}
