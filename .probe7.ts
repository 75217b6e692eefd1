import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
const day = generateDay({ stores: 20, dronesPerStore: 3, orders: 1500, hours: 8, seed: 1 });
const { plan } = planMission(day, { iterations: 4000, seed: 1 });
const tr = runSimulation(day, plan, { seed: 1 });
console.log('weather', tr.weather.speedErrorMps, tr.weather.directionErrorDeg, JSON.stringify(day.wind));
const planTrips = new Map(plan.drones.flatMap((d: any) => d.trips.map((t: any) => [t.tripId, t])));
let n = 0;
for (const e of tr.events) if (e.kind === 'reserve-low' && n++ < 8) {
  const t = tr.trips.find((x) => x.tripId === e.tripId)!; const p: any = planTrips.get(e.tripId);
  console.log(e.tS, e.droneId, e.reason, '| used', t.energyWh.toFixed(1), 'plan', p?.energyWh, '+', p?.contingencyWh?.toFixed(1), 'usable-res', (day.droneModels[0].batteryWh * day.droneModels[0].usableFraction - p?.reserveWh).toFixed(1), t.outcome);
}
