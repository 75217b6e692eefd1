import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
const day = generateDay({ stores: 20, dronesPerStore: 3, orders: 1500, hours: 8, seed: 1 });
const { plan } = planMission(day, { iterations: 4000, seed: 1 });
for (const [name, w] of [['exact', { speedErrorMps: 0, directionErrorDeg: 0, gustScale: 0 }], ['s1', {}]] as const) {
  const tr = runSimulation(day, plan, { seed: 1, weather: w as any });
  const planTrips = new Map(plan.drones.flatMap((d: any) => d.trips.map((t: any) => [t.tripId, t])));
  let over = 0, n = 0, worst = 0, worstId = '';
  for (const t of tr.trips) { const p: any = planTrips.get(t.tripId); if (!p || t.outcome !== 'landed') continue; const r = t.energyWh / p.energyWh; n++; over += r; if (r > worst) { worst = r; worstId = t.tripId; } }
  console.log(name, 'mean ratio', (over / n).toFixed(3), 'worst', worst.toFixed(3), worstId, 'div', tr.kpis.diversions);
  const p: any = planTrips.get(worstId); const t = tr.trips.find((x) => x.tripId === worstId)!;
  console.log('   worst trip plan', p.energyWh, '+', p.contingencyWh, 'dep', p.departS, 'sim dep', t.departS, 'land plan', p.landS, 'sim', t.endS);
}
