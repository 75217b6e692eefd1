/**
 * Frames per second while replaying 50, 500 and 2,000 drones at 60x, in headless Chromium
 * (SwiftShader WebGL), against the same app with nothing to replay (the "empty scene": the default
 * mission drawn, no drones), measured in the same run. Synthetic traces come from
 * window.__skyhaul.loadSyntheticTrace(n) (src/state/syntheticTrace.ts, the simulator's trace writer).
 * Rounds alternate between the cases so load from other processes on the machine hits all alike.
 * Target (issue 8): 500 drones at no less than half the empty-scene frame rate.
 *
 *   npm run bench -- playback-fps        (builds dist/ first if it is missing; QS="?..." adds a URL query)
 */
import type { Page } from 'playwright-core';
import { openAppForBench, sampleFrames } from './browserBench';

const SAMPLE_MS = 3000;
const ROUNDS = 2;
const COUNTS = [50, 500, 2000];
const SPEED = 60;
/** Start mid-morning of the synthetic day, when most drones are flying. */
const START_S = 1800;

type Hook = Record<string, (...args: unknown[]) => unknown>;

async function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([n, a]) => ((window.__skyhaul as Hook)[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<T>;
}

const fps = (samples: number[]) => (samples.length * 1000) / Math.max(1, samples.reduce((a, b) => a + b, 0));
const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length * 0.95)] ?? NaN;

async function setCase(page: Page, n: number): Promise<void> {
  if (n === 0) {
    await call(page, 'clearResults');
  } else {
    await call(page, 'loadSyntheticTrace', n);
    await call(page, 'setSpeed', SPEED);
    await call(page, 'seek', START_S);
    await call(page, 'play');
  }
  // Let shaders compile and the first frames settle before measuring.
  await page.waitForTimeout(800);
}

const app = await openAppForBench(process.env.QS ?? '');
try {
  const page = app.page;
  await page.waitForTimeout(1000);
  const cases = [0, ...COUNTS];
  const samples = new Map<number, number[]>(cases.map((n) => [n, []]));
  const drawn = new Map<number, number>();
  const updateMs = new Map<number, number>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const n of cases) {
      await setCase(page, n);
      const before = await call<number>(page, 'playbackFrames');
      const beforeMs = await call<number>(page, 'playbackUpdateMs');
      samples.get(n)!.push(...(await sampleFrames(page, () => page.waitForTimeout(SAMPLE_MS))));
      drawn.set(n, (drawn.get(n) ?? 0) + (await call<number>(page, 'playbackFrames')) - before);
      updateMs.set(n, (updateMs.get(n) ?? 0) + (await call<number>(page, 'playbackUpdateMs')) - beforeMs);
      if (n > 0) {
        const pb = await call<{ playing: boolean; tS: number }>(page, 'playback');
        if (!pb.playing) throw new Error(`${n} drones: playback stopped at ${pb.tS}`);
      }
    }
  }
  await call(page, 'clearResults');
  const empty = fps(samples.get(0)!);
  console.log(`playback at ${SPEED}x, default mission drawn, synthetic traces, headless Chromium + SwiftShader, 1280x800, ${ROUNDS} rounds x ${SAMPLE_MS} ms`);
  console.log('case            fps   p95 ms   ratio to empty   drone updates   JS ms per update');
  for (const n of cases) {
    const sm = samples.get(n)!;
    const f = fps(sm);
    const label = n === 0 ? 'empty scene' : `${n} drones`;
    console.log(
      `${label.padEnd(14)} ${f.toFixed(1).padStart(5)}   ${p95(sm).toFixed(1).padStart(6)}   ${(f / empty).toFixed(2).padStart(14)}   ${String(drawn.get(n) ?? 0).padStart(13)}   ${(drawn.get(n) ? (updateMs.get(n) ?? 0) / drawn.get(n)! : 0).toFixed(2).padStart(16)}`,
    );
  }
  const r500 = fps(samples.get(500)!) / empty;
  console.log(`target: 500 drones >= 0.5 x empty-scene fps -> ${r500.toFixed(2)} ${r500 >= 0.5 ? 'met' : 'NOT met'}`);
} finally {
  await app.close();
}
