import { planMission } from './src/core/planner';
import { generateDay } from './src/core/scenario/generateDay';
import { runSimulation } from './src/core/sim';
const [orders, stores, drones, hours, iters, storeHours] = process.argv.slice(2).map(Number);
const day = generateDay({ stores, dronesPerStore: drones, orders, hours, seed: 1, ...(storeHours ? { storeHours } : {}) });
const t0 = Date.now();
const { plan } = planMission(day, { iterations: iters, seed: 1 });
console.log('plan', (Date.now() - t0) / 1000, 's', JSON.stringify(plan.kpis));
for (const seed of [1, 2, 3]) {
  const t1 = Date.now();
  const tr = runSimulation(day, plan, { seed });
  const k = tr.kpis;
  console.log('seed', seed, JSON.stringify({ onTime: k.onTimeRate, sep: k.separationLosses, emerg: k.emergencyLandings, below: k.landingsBelowReserve, minSoc: k.minSoc, gw: k.groundWaitMinutes, hold: k.holdMinutes, reseq: k.takeoffsResequenced, div: k.diversions, failed: k.failed, pads: k.padMovements }), (Date.now() - t1) / 1000, 's');
  const kinds = new Map<string, number>();
  for (const e of tr.events) if (e.kind === 'separation-loss' || e.kind === 'landed-below-reserve' || e.kind === 'emergency-landing') { const key = e.kind + ':' + (e.reason ?? '').slice(0, 60); kinds.set(key, (kinds.get(key) ?? 0) + 1); }
  for (const [k2, n] of kinds) console.log('   ', n, k2);
  for (const e of tr.events.filter((e) => e.kind === 'separation-loss').slice(0, 4)) console.log('    loss', e.tS, e.droneId, e.otherDroneId, e.horizontalM, e.verticalM, e.place);
}
