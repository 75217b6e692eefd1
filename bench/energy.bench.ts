/**
 * Energy cost model in the path finder's hot loop: cruise() per segment, against the physics-free
 * distanceCostModel measured in the same run (the ratio is the number to watch), plus the cost of
 * building a model (done once per drone x payload x wind).
 */
import { distanceCostModel } from '../src/core/energy/flightCost';
import type { FlightCostModel } from '../src/core/energy/flightCost';
import { PRESETS, createEnergyCostModel, reachRing } from '../src/core/energy';
import { createRng } from '../src/core/random';

const N = 2_000_000;
const rng = createRng(7);
const xs = new Float64Array(N + 1);
const ys = new Float64Array(N + 1);
for (let i = 0; i <= N; i++) {
  xs[i] = rng.range(-20_000, 20_000);
  ys[i] = rng.range(-20_000, 20_000);
}

function timeCruise(model: FlightCostModel): { nsPerCall: number; sink: number } {
  let sink = 0;
  const a = { x: 0, y: 0 };
  const b = { x: 0, y: 0 };
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    a.x = xs[i];
    a.y = ys[i];
    b.x = xs[i + 1];
    b.y = ys[i + 1];
    const c = model.cruise(a, b, 60);
    if (c.ok) sink += c.energyWh;
  }
  return { nsPerCall: ((performance.now() - t0) * 1e6) / N, sink };
}

function best<T extends { nsPerCall: number }>(f: () => T, runs = 5): T {
  let r = f();
  for (let i = 1; i < runs; i++) {
    const next = f();
    if (next.nsPerCall < r.nsPerCall) r = next;
  }
  return r;
}

const wind = { speedMps: 6, fromDeg: 230 };
const baseline = best(() => timeCruise(distanceCostModel({ speedMps: 16, verticalMps: 3, powerW: 900 })));
const energy = best(() => timeCruise(createEnergyCostModel(PRESETS['m2-class'], { payloadKg: 1.5, wind, airDensityKgM3: 1.225 })));
console.log(`cruise(): distanceCostModel ${baseline.nsPerCall.toFixed(1)} ns/call (baseline)`);
console.log(`cruise(): energy model      ${energy.nsPerCall.toFixed(1)} ns/call, ${(energy.nsPerCall / baseline.nsPerCall).toFixed(2)}x baseline`);

const BUILDS = 20_000;
const t0 = performance.now();
let built = 0;
for (let i = 0; i < BUILDS; i++) {
  built += createEnergyCostModel(PRESETS['m2-class'], { payloadKg: (i % 25) / 10, wind, airDensityKgM3: 1.225 }).cruisePowerW;
}
const buildUs = ((performance.now() - t0) * 1e3) / BUILDS;
console.log(`createEnergyCostModel: ${buildUs.toFixed(2)} us per model (${(buildUs * 1000 / energy.nsPerCall).toFixed(0)} cruise calls)`);

const RINGS = 500;
const t1 = performance.now();
for (let i = 0; i < RINGS; i++) {
  reachRing(PRESETS['m2-class'], { x: 0, y: 0 }, { payloadKg: 1, wind, airDensityKgM3: 1.225, reserve: { minPercent: 20, hoverMinutes: 2, alternateRequired: false } });
}
console.log(`reachRing (72 bearings): ${(((performance.now() - t1) * 1e3) / RINGS).toFixed(1)} us per ring`);
if (!Number.isFinite(baseline.sink + energy.sink + built)) process.exit(1);
