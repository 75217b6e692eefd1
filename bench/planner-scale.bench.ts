/**
 * Fleet planner at city scale: 1,000 orders, 40 depots, 200 drones on a generated city (seeded):
 * zones, towers, wind, two-hour promise windows over a six-hour day.
 *
 * Prints: the 3D arc-bound stage, the time to a first feasible plan (construction only, then the exact
 * rebuild and deconfliction), and the quality curve: the plan's lexicographic objective (served
 * priority, lateness, energy, drones) for growing solver time limits, with ratios against the first
 * feasible plan measured in the same run. Set PLANNER_BENCH_LIMITS="2,5" to change the curve's points.
 */
import { type MissionInput, parseMission } from '../src/core/mission';
import { type PlanOutput, planMission, prepareMission } from '../src/core/planner';
import { createRng } from '../src/core/random';
import { M2, ORIGIN, ll, square } from '../test/unit/plannerFixture';

function city(seed: number): MissionInput {
  const rng = createRng(seed);
  const R = 12_000;
  const zones: NonNullable<MissionInput['noFlyZones']> = [
    { id: 'airport', name: 'Airport', shape: { type: 'Circle', center: ll(-9000, 2000), radiusM: 2500 } },
    { id: 'port', name: 'Port', shape: { type: 'Polygon', coordinates: [square(6000, -8000, 1500, 800)] }, ceilingM: 150 },
    { id: 'stadium', name: 'Stadium', shape: { type: 'Circle', center: ll(2000, 3000), radiusM: 500 }, active: { earliest: 7200, latest: 14400 } },
    { id: 'hospital', name: 'Hospital', shape: { type: 'Polygon', coordinates: [square(-3000, -4000, 300)] } },
  ];
  const inZone = (x: number, y: number) => Math.hypot(x + 9000, y - 2000) < 2700 || (Math.abs(x - 6000) < 1600 && Math.abs(y + 8000) < 900) || (Math.abs(x + 3000) < 400 && Math.abs(y + 4000) < 400);
  const buildings: NonNullable<MissionInput['buildings']> = Array.from({ length: 30 }, (_, i) => ({
    id: `tower-${i}`,
    footprint: { type: 'Polygon' as const, coordinates: [square(rng.range(-3000, 3000), rng.range(-3000, 3000), 30 + rng.range(0, 40))] },
    heightM: 80 + rng.range(0, 300),
  }));
  const point = () => {
    for (;;) {
      const a = rng.range(0, 2 * Math.PI);
      const r = R * Math.sqrt(rng.next());
      const x = r * Math.cos(a);
      const y = r * Math.sin(a);
      if (!inZone(x, y) && !(Math.abs(x) < 3100 && Math.abs(y) < 3100 && rng.next() < 0.5)) return { x, y };
    }
  };
  const depots = Array.from({ length: 40 }, (_, i) => {
    const p = point();
    return {
      id: `store-${String(i + 1).padStart(2, '0')}`,
      name: `Store ${i + 1}`,
      position: ll(p.x, p.y),
      fleet: [{ modelId: 'm2', count: 5 }],
      charging: i % 2 ? { kind: 'swap' as const, swapS: 180 } : { kind: 'charger' as const, powerW: 1500 },
    };
  });
  const orders = Array.from({ length: 1000 }, (_, i) => {
    const p = point();
    const earliest = Math.floor(rng.range(0, 4 * 3600));
    return {
      id: `o-${String(i + 1).padStart(4, '0')}`,
      position: ll(p.x, p.y),
      parcelKg: Math.round(rng.range(0.2, 2.4) * 10) / 10,
      window: { earliest, latest: earliest + 7200 },
      priority: rng.next() < 0.1 ? 3 : 1,
      drop: rng.pick(['winch', 'winch', 'hover-release', 'land'] as const),
      readyAt: earliest,
    };
  });
  return {
    schemaVersion: 1,
    name: 'Generated city: 1000 orders, 40 stores, 200 drones',
    startTime: '2026-05-01T08:00:00+08:00',
    horizonS: 6 * 3600,
    origin: ORIGIN,
    droneModels: [M2],
    depots,
    orders,
    noFlyZones: zones,
    buildings,
    wind: { speedMps: 5, fromDeg: 135, gustMps: 2 },
  };
}

const loaded = parseMission(city(2026));
if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
const mission = loaded.mission;
const now = () => performance.now();

let t = now();
const prepared = prepareMission(mission);
const arcsS = (now() - t) / 1000;
console.log(`city: ${mission.orders.length} orders, ${mission.depots.length} depots, ${prepared.ctx.drones.length} drones, ${mission.noFlyZones.length} zones, ${mission.buildings.length} towers`);
console.log(`3D arc bounds (${prepared.ctx.points.length} nodes x ${prepared.ctx.layersM.length} layers): ${arcsS.toFixed(1)} s`);

const describe = (o: PlanOutput) => {
  const k = o.plan.kpis;
  return {
    assigned: k.assigned,
    priority: k.servedPriority,
    lateMin: k.lateMinutesTotal,
    energyKWh: k.energyWh / 1000,
    drones: k.dronesUsed,
    trips: k.trips,
    conflicts: o.plan.conflicts.length,
  };
};
const row = (label: string, o: PlanOutput, base?: ReturnType<typeof describe>) => {
  const d = describe(o);
  const ratio = base ? `  energy x${(d.energyKWh / base.energyKWh).toFixed(3)}, late x${base.lateMin > 0 ? (d.lateMin / base.lateMin).toFixed(3) : '-'}` : '';
  console.log(
    `${label.padEnd(22)} assigned ${String(d.assigned).padStart(4)}/${mission.orders.length}  priority ${d.priority}  late ${d.lateMin.toFixed(0).padStart(6)} min  energy ${d.energyKWh.toFixed(2)} kWh  drones ${d.drones}  trips ${d.trips}  conflicts ${d.conflicts}  ` +
      `(solve ${o.stats.solverSeconds.toFixed(1)} s, ${o.stats.iterations} it, rebuild+deconflict ${o.stats.seconds.assemble.toFixed(1)} s)${ratio}`,
  );
  return d;
};

// First feasible plan: construction only (0 iterations), then the exact rebuild and deconfliction.
t = now();
const first = planMission(mission, { iterations: 0, prepared });
const firstS = (now() - t) / 1000;
console.log(`time to a first feasible plan: ${(arcsS + firstS).toFixed(1)} s (arc bounds ${arcsS.toFixed(1)} s + construction, rebuild and deconfliction ${firstS.toFixed(1)} s)`);
const base = row('construction (baseline)', first);
const reasons = new Map<string, number>();
for (const o of first.plan.orders) if (o.status === 'unassigned') reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
console.log(`unassigned by reason: ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ') || 'none'}`);

const limits = (process.env.PLANNER_BENCH_LIMITS ?? '5,15,30').split(',').map(Number);
console.log('quality curve (objective vs solver time limit):');
for (const limit of limits) {
  // A budget no limit reaches: the time limit alone decides how far the search gets.
  const o = planMission(mission, { timeLimitS: limit, iterations: 1e9, prepared, seed: 1 });
  row(`time limit ${limit} s`, o, base);
}
