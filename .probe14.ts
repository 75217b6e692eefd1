import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
for (const daySeed of [3, 4, 5, 6]) {
  const day = generateDay({ stores: 10, dronesPerStore: 4, orders: 600, hours: 6, seed: daySeed, ...(daySeed % 2 ? { storeHours: 5 } : {}) });
  if (daySeed === 4) day.wind = { speedMps: 8, fromDeg: 200, gustMps: 4 };
  const { plan } = planMission(day, { iterations: 1500, seed: 1 });
  const exact = runSimulation(day, plan, { seed: 1, weather: { speedErrorMps: 0, directionErrorDeg: 0, gustScale: 0 } });
  const row = [daySeed, plan.kpis.assigned, plan.kpis.onTime, plan.kpis.conflicts, 'exact', exact.kpis.separationLosses, exact.kpis.groundWaitMinutes, exact.kpis.holdMinutes, exact.kpis.onTime];
  for (const seed of [1, 2, 3]) { const k = runSimulation(day, plan, { seed }).kpis; row.push(`| s${seed} sep ${k.separationLosses} em ${k.emergencyLandings} below ${k.landingsBelowReserve} ot ${k.onTime} div ${k.diversions}`); }
  console.log(row.join(' '));
}
