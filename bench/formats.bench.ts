/**
 * Export speed: CZML and KML of a large trace against JSON.stringify of the same trace (the least any
 * writer must do: the ratio is the number to watch), and .plan / WPL / GeoJSON for many trips.
 */
import { createRng } from '../src/core/random';
import { type TraceLike, czmlText, exportFiles, traceToCzml, traceToKml } from '../src/core/formats';
import { fixtureMission, fixturePlan } from '../test/unit/formatsFixture';

const mission = fixtureMission();
const DRONES = 100;
const SAMPLES = 5_000;
const rng = createRng(3);
const trace: TraceLike = {
  startTime: mission.startTime,
  missionName: mission.name,
  drones: Array.from({ length: DRONES }, (_, d) => {
    const tS: number[] = [];
    const lng: number[] = [];
    const lat: number[] = [];
    const altM: number[] = [];
    const soc: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      tS.push(i * 2.5 + rng.range(0, 1));
      lng.push(114 + rng.range(-0.05, 0.05));
      lat.push(22.55 + rng.range(-0.05, 0.05));
      altM.push(rng.range(0, 120));
      soc.push(1 - i / SAMPLES);
    }
    return { droneId: `depot-1/m2-class/${d + 1}`, tS, lng, lat, altM, soc };
  }),
};

function best(f: () => number, runs = 3): { ms: number; sink: number } {
  let ms = Infinity;
  let sink = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink += f();
    ms = Math.min(ms, performance.now() - t0);
  }
  return { ms, sink };
}

const samples = DRONES * SAMPLES;
const base = best(() => JSON.stringify(trace).length);
const czml = best(() => czmlText(traceToCzml(trace, mission)).length);
const kml = best(() => traceToKml(trace, mission).length);
console.log(`${samples} samples: JSON.stringify(trace) ${base.ms.toFixed(0)} ms (baseline)`);
console.log(`CZML ${czml.ms.toFixed(0)} ms, ${(czml.ms / base.ms).toFixed(2)}x baseline`);
console.log(`KML  ${kml.ms.toFixed(0)} ms, ${(kml.ms / base.ms).toFixed(2)}x baseline`);

const TRIPS = 500;
const plan = fixturePlan(mission, {
  'depot-1/m2-class/1': Array.from({ length: TRIPS }, (_, i) => ({
    depotId: 'depot-1',
    orderIds: ['order-1', 'order-2', 'order-3'],
    departS: i * 3000,
    altitudesM: [60, 75, 90, 105],
  })),
});
const planJson = best(() => JSON.stringify(plan).length);
console.log(`${TRIPS} trips: JSON.stringify(plan) ${planJson.ms.toFixed(1)} ms (baseline)`);
for (const format of ['qgc', 'wpl', 'geojson'] as const) {
  const r = best(() => {
    const out = exportFiles(format, { mission, plan });
    return out.ok ? out.files.length : -1;
  });
  console.log(`${format.padEnd(7)} ${r.ms.toFixed(1)} ms, ${(r.ms / planJson.ms).toFixed(2)}x baseline`);
}
if (!Number.isFinite(base.sink + czml.sink + kml.sink)) process.exit(1);
