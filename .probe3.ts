import { readFileSync } from 'node:fs';
import { parseMission } from './src/core/mission/load';
import { planMission } from './src/core/planner';
import { runSimulation } from './src/core/sim';
const m = (parseMission(JSON.parse(readFileSync(process.argv[2], 'utf8'))) as any).mission;
const { plan } = planMission(m, { iterations: Number(process.argv[3] ?? 3000), seed: 1 });
const seed = Number(process.argv[4] ?? 1);
const tr = runSimulation(m, plan, { seed });
for (const e of tr.events) if (['reserve-low', 'divert', 'separation-loss', 'takeoff-resequenced', 'pad-hold', 'landed-below-reserve', 'emergency-landing'].includes(e.kind)) console.log(e.tS, e.kind, e.droneId, e.otherDroneId ?? '', e.reason ?? '', e.horizontalM ?? '', e.verticalM ?? '');
const planTrips = new Map(plan.drones.flatMap((d: any) => d.trips.map((t: any) => [t.tripId, t])));
for (const t of tr.trips) { const p: any = planTrips.get(t.tripId); if (p && t.outcome !== 'landed') console.log(t.tripId, t.outcome, 'used', t.energyWh.toFixed(1), 'plan', p.energyWh, '+', p.contingencyWh, 'reserve', p.reserveWh); }
