import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
const [from, to, ...ids] = process.argv.slice(2);
const day = generateDay({ stores: 20, dronesPerStore: 3, orders: 1500, hours: 8, seed: 2 });
const { plan } = planMission(day, { iterations: 3000, seed: 1 });
const tr = runSimulation(day, plan, { seed: 2 });
for (const e of tr.events) if (ids.includes(e.droneId) && e.tS > Number(from) && e.tS < Number(to)) console.log(e.tS, e.kind, e.droneId, e.state ?? '', e.tripId ?? '', e.reason ?? '', JSON.stringify(e.place ?? ''), e.horizontalM ?? '', e.verticalM ?? '');
for (const d of plan.drones) if (ids.includes(d.droneId)) for (const t of d.trips) if (t.landS > Number(from) - 100 && t.departS < Number(to)) { console.log('PLAN', t.tripId, 'dep', t.departS, 'land', t.landS, 'pad', t.pad); const l = t.legs[t.legs.length - 1]; console.log('   last', l.waypoints.slice(-3).map((w) => w.join(',')).join(' | ')); const f = t.legs[0]; console.log('   first', f.waypoints.slice(0, 3).map((w) => w.join(',')).join(' | ')); }
