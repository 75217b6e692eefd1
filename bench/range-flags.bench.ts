/**
 * Live "out of range" flags (src/state/rangeFlags.ts) on an editor-sized mission: 150 orders x 40
 * depots, parcel masses in 0.1 kg steps (so ~25 distinct masses), wind on. Measured: the first pass
 * (cold radii cache), the pass after an edit that moves one order (what a drag costs per frame), and
 * an edit of the drone model (every radius recomputed). Baseline in the same run: the same flags with
 * no memoisation (reachRadii per order x depot), on a sample of orders and scaled up.
 */
import { PRESETS, reachRadii } from '../src/core/energy';
import { createFrame } from '../src/core/geo/frame';
import { type MissionInput, parseMission } from '../src/core/mission';
import { createRng } from '../src/core/random';
import { localGeometry } from '../src/state/geometry';
import { ReachRadiiCache, bearingDeg, missionReachConditions, rangeFlags, ringRadiusAtBearing } from '../src/state/rangeFlags';

const origin: [number, number] = [114.05, 22.55];
const frame = createFrame(origin);
const rng = createRng(11);
// A small battery so that many orders are out of reach (the slow path: every depot is checked).
const model = { ...PRESETS['m2-class'], batteryWh: 220 };
const input: MissionInput = {
  schemaVersion: 1,
  name: 'range flags bench',
  startTime: '2025-01-01T08:00:00+08:00',
  origin,
  droneModels: [model],
  depots: Array.from({ length: 40 }, (_, i) => ({
    id: `s${i}`,
    name: `s${i}`,
    position: frame.toLngLat({ x: rng.range(-15_000, 15_000), y: rng.range(-15_000, 15_000) }),
    fleet: [{ modelId: model.id, count: 3 }],
    charging: { kind: 'swap' as const, swapS: 60 },
  })),
  orders: Array.from({ length: 150 }, (_, i) => ({
    id: `o${i}`,
    position: frame.toLngLat({ x: rng.range(-20_000, 20_000), y: rng.range(-20_000, 20_000) }),
    parcelKg: Math.round(rng.range(0.1, 2.5) * 10) / 10,
    window: { earliest: 0, latest: 7200 },
  })),
  wind: { speedMps: 6, fromDeg: 230, gustMps: 2 },
};
const parsed = parseMission(input);
if (!parsed.ok) throw new Error(parsed.errors[0].message);
const mission = parsed.mission;

function time(f: () => void, runs: number): number {
  f();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
}

/** No memoisation: reachRadii for every order x depot (sampled: 10 orders, scaled to 150). */
function naiveMs(): number {
  const geo = localGeometry(mission, frame);
  const conditions = missionReachConditions(mission);
  const sample = geo.orders.slice(0, 10);
  const t0 = performance.now();
  let served = 0;
  for (const { order, at } of sample) {
    for (const d of geo.depots) {
      const r = reachRadii(model, { ...conditions, payloadKg: order.parcelKg });
      if (r.ok && Math.hypot(at.x - d.at.x, at.y - d.at.y) <= ringRadiusAtBearing(r.radiiM, bearingDeg(d.at, at))) served++;
    }
  }
  if (served < 0) throw new Error('unreachable');
  return ((performance.now() - t0) * geo.orders.length) / sample.length;
}

const naive = Math.min(naiveMs(), naiveMs());
const cache = new ReachRadiiCache();
const t0 = performance.now();
const flags = rangeFlags(mission, localGeometry(mission, frame), cache);
const cold = performance.now() - t0;
const masses = new Set(mission.orders.map((o) => o.parcelKg)).size;
const coldCalls = cache.computed;

// A drag moves one order per frame: a new order object, the rest shared; the radii stay cached.
let k = 0;
const warm = time(() => {
  k++;
  const orders = mission.orders.map((o, i) => (i === 0 ? { ...o, position: frame.toLngLat({ x: k, y: 0 }) } : o));
  rangeFlags({ ...mission, orders }, localGeometry({ ...mission, orders }, frame), cache);
}, 200);
// An edit of the model is a new object: every (mass) radius is recomputed once.
let wh = 220;
const modelEdit = time(() => {
  wh += 1;
  const m = { ...mission, droneModels: [{ ...mission.droneModels[0], batteryWh: wh }] };
  rangeFlags(m, localGeometry(m, frame), cache);
}, 20);

console.log(`mission: ${mission.orders.length} orders x ${mission.depots.length} depots, ${masses} distinct parcel masses, ${flags.length} flagged`);
console.log(`no memoisation (baseline): ${naive.toFixed(1)} ms per pass`);
console.log(`first pass (cold cache):   ${cold.toFixed(2)} ms (${(naive / cold).toFixed(0)}x faster), ${coldCalls} reachRadii calls`);
console.log(`after moving one order:    ${warm.toFixed(3)} ms (${(naive / warm).toFixed(0)}x faster)`);
console.log(`after a model edit:        ${modelEdit.toFixed(2)} ms (${(naive / modelEdit).toFixed(0)}x faster)`);
