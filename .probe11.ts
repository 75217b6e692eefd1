import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
const day = generateDay({ stores: 5, dronesPerStore: 3, orders: 500, hours: 6, seed: 1, storeHours: 6 });
const { plan } = planMission(day, { iterations: 500, seed: 1 });
const nf = plan.orders.filter((o: any) => o.status === 'unassigned' && o.reason === 'in-no-fly-zone');
console.log(nf.length); for (const o of nf.slice(0, 4)) console.log(JSON.stringify(o));
