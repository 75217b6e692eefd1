import { readFileSync } from 'node:fs';
import { parseMission } from './src/core/mission/load';
import { planMission } from './src/core/planner';
import { runSimulation } from './src/core/sim';
const m = (parseMission(JSON.parse(readFileSync('missions/shenzhen-two-hour.json', 'utf8'))) as any).mission;
const { plan } = planMission(m, { iterations: 3000, seed: 1 });
const tr = runSimulation(m, plan, { seed: 1 });
const ids = process.argv.slice(2);
for (const d of plan.drones) if (ids.includes(d.droneId)) for (const t of d.trips) if (t.landS > 10000 && t.departS < 11000) { console.log('PLAN', t.tripId, 'pad', t.pad, 'dep', t.departS, 'land', t.landS); for (const l of t.legs) console.log('  leg', l.from.id, '->', l.to.id, l.waypoints.map((w: any) => `[${w[2]}@${w[3]}]`).join(' ')); }
for (const t of tr.trips) if (ids.includes(t.droneId) && t.endS > 10000 && t.departS < 11000) console.log('SIM', t.tripId, t.departS, t.endS, t.outcome);
for (const e of tr.events) if (ids.includes(e.droneId) && e.tS > 10500 && e.tS < 10800) console.log(e.tS, e.kind, e.droneId, e.state ?? '', e.reason ?? '', e.place ?? '');
