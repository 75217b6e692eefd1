import { planMission } from './src/core/planner';
import { busyTutorial, withOverrides } from './test/unit/whatifFixture';
const m = withOverrides(busyTutorial(2), { wind: { speedMps: 9 } });
console.log(JSON.stringify(m.wind));
const { plan } = planMission(m, { iterations: 200, seed: 1 });
console.log(plan.kpis);
console.log(plan.orders.slice(0, 3));
for (const d of plan.drones) for (const t of d.trips) console.log(t.tripId, t.energyWh, t.contingencyWh);
