/**
 * Frame time while dragging a depot in the 3D editor, with the 40-store mission, in headless
 * Chromium (SwiftShader WebGL). Prints idle and dragging frame times from the same run and their
 * ratio; no pass/fail threshold (the machine is shared and software-rendered).
 *
 *   npm run bench -- editor-drag        (builds dist/ first if it is missing)
 */
import { openAppForBench, sampleFrames } from './browserBench';

const SAMPLE_MS = 2500;
const ROUNDS = 3;

type LngLat = [number, number];

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p50: s[Math.floor(s.length / 2)] ?? NaN, p95: s[Math.floor(s.length * 0.95)] ?? NaN };
}

const fmt = (x: number) => x.toFixed(1).padStart(6);

const app = await openAppForBench();
try {
  const page = app.page;
  await page.getByTestId('open-file').setInputFiles('missions/shenzhen-40-stores.json');
  await page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 40, null, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Top-down' }).click();
  await page.keyboard.press('v');
  // The whole mission in view (all 40 depots and every drop point drawn), centred on one depot.
  const depot = await page.evaluate(() => (window.__skyhaul!.mission as () => { depots: { id: string; position: LngLat }[] })().depots[0]);
  await page.evaluate((p) => (window.__skyhaul!.flyTo as (p: LngLat, d: number) => void)(p, 30_000), depot.position);
  await page.waitForTimeout(1500);

  // Idle and dragging alternate so load from other processes on the machine hits both alike.
  const idleSamples: number[] = [];
  const dragSamples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    idleSamples.push(...(await sampleFrames(page, () => page.waitForTimeout(SAMPLE_MS))));
    // Grab the depot wherever the previous round left it.
    const pos = await page.evaluate(
      (id) => (window.__skyhaul!.mission as () => { depots: { id: string; position: LngLat }[] })().depots.find((d) => d.id === id)!.position,
      depot.id,
    );
    const at = await page.evaluate((p) => (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number })(p), pos);
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    dragSamples.push(
      ...(await sampleFrames(page, async () => {
        const t0 = Date.now();
        let i = 0;
        // Circle around the start point, one pointer move per step, until the sample time is up.
        while (Date.now() - t0 < SAMPLE_MS) {
          const a = (i++ / 30) * 2 * Math.PI;
          await page.mouse.move(at.x + 40 * Math.sin(a), at.y + 40 * (1 - Math.cos(a)));
        }
        await page.mouse.move(at.x + 30, at.y + 20);
      })),
    );
    await page.mouse.up();
  }
  const idle = stats(idleSamples);
  const dragging = stats(dragSamples);
  const moved = await page.evaluate(
    (id) => (window.__skyhaul!.mission as () => { depots: { id: string; position: LngLat }[] })().depots.find((d) => d.id === id)!.position,
    depot.id,
  );
  const undo = await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })());

  console.log('editor drag, 40-store mission (40 depots, 150 drop points), headless Chromium + SwiftShader, 1280x800');
  console.log('             frames  mean ms  p50 ms  p95 ms');
  console.log(`idle         ${String(idle.n).padStart(6)}  ${fmt(idle.mean)}  ${fmt(idle.p50)}  ${fmt(idle.p95)}`);
  console.log(`dragging     ${String(dragging.n).padStart(6)}  ${fmt(dragging.mean)}  ${fmt(dragging.p50)}  ${fmt(dragging.p95)}`);
  console.log(`ratio dragging/idle (mean frame time): ${(dragging.mean / idle.mean).toFixed(2)}x`);
  console.log(`depot moved: ${JSON.stringify(depot.position)} -> ${JSON.stringify(moved)}; undo steps: ${undo.past} (open file + one per drag round)`);
} finally {
  await app.close();
}
