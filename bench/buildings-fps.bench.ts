/**
 * Frames per second with 100,000 buildings drawn, in headless Chromium (SwiftShader WebGL), against the
 * same view with none, measured in the same run (issue 19: at least half the empty scene's rate).
 *
 * The default mission is opened twice through the app's own file input: once with a generated city of
 * 100,000 map-context buildings (bench/buildingsCity.ts: blocks, streets, 10-60 m footprints, 6-60 m
 * high, 16 x 16 km around the origin), once with none; rounds alternate so that load from other
 * processes hits both alike. Three views: the default camera (fitted to the mission's area, the city a
 * small patch), the city centre from 9 km (it fills the screen) and from 2.5 km. Also timed: the merged geometry build in Node (src/scene/buildingsGeometry.ts) and, in the page,
 * opening the file until the buildings are in the scene (parse, validation, geometry, first frame).
 *
 *   npm run bench -- buildings-fps     (builds dist/ first if it is missing)
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import * as THREE from 'three';
import { createFrame } from '../src/core/geo/frame';
import { buildBuildingChunks, contextBuildingShapes } from '../src/scene/buildingsGeometry';
import { openAppForBench, sampleFrames } from './browserBench';
import { generateCity } from './buildingsCity';

const COUNT = 100_000;
const SAMPLE_MS = 4000;
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const TARGET = 0.5;
/** The views measured: the default camera first (no distance), then flown to the city centre. */
const VIEWS: { name: string; distanceM?: number }[] = [
  { name: 'mission view' },
  { name: 'city view', distanceM: 9000 },
  { name: 'street view', distanceM: 2500 },
];

type Hook = Record<string, (...args: unknown[]) => unknown>;

async function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([n, a]) => ((window.__skyhaul as Hook)[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<T>;
}

const fps = (samples: number[]) => (samples.length * 1000) / Math.max(1, samples.reduce((a, b) => a + b, 0));

const base = JSON.parse(readFileSync('missions/shenzhen-two-hour.json', 'utf8'));
const frame = createFrame(base.origin);
const city = generateCity({ count: COUNT, halfSizeM: 8000, seed: 100, streetM: [14, 30], heightM: [6, 60] });
const buildings = city.buildings.map((b) => ({
  footprint: { type: 'Polygon' as const, coordinates: [[...b.ring, b.ring[0]].map((p) => frame.toLngLat(p))] },
  heightM: Math.round(b.heightM * 10) / 10,
}));
const withCity = JSON.stringify({ ...base, name: `${base.name} + ${COUNT} buildings`, context: { ...(base.context ?? {}), buildings } });
const without = JSON.stringify({ ...base, name: `${base.name} + no buildings`, context: { ...(base.context ?? {}), buildings: [] } });

// The geometry build on its own, in Node (the page does the same work inside a useMemo).
const shapesT0 = performance.now();
const shapes = contextBuildingShapes(buildings, frame);
const shapesMs = performance.now() - shapesT0;
const buildT0 = performance.now();
// The same options as src/scene/ContextLayer.tsx.
const chunks = buildBuildingChunks(shapes, { baked: new THREE.Color('#c9cdd4'), roofs: true });
const buildMs = performance.now() - buildT0;
const triangles = chunks.reduce((n, c) => n + c.triangleOwner.length, 0);
const vertices = chunks.reduce((n, c) => n + c.geometry.getAttribute('position').count, 0);
const roofTriangles = chunks.reduce((n, c) => n + (c.roofGeometry?.getIndex()?.count ?? 0) / 3, 0);
for (const c of chunks) {
  c.geometry.dispose();
  c.roofGeometry?.dispose();
}

/** How many chunks are drawn with walls and how many as roofs only, right now. */
async function lod(page: Page): Promise<{ full: number; roofs: number; points: number }> {
  const n = { full: 0, roofs: 0, points: 0 };
  for (let i = 0; i < chunks.length; i++) {
    if ((await call<{ visible: boolean }>(page, 'sceneObject', `context-buildings:${i}`)).visible) n.full++;
    if ((await call<{ visible: boolean }>(page, 'sceneObject', `context-buildings-roofs:${i}`)).visible) n.roofs++;
    if ((await call<{ visible: boolean }>(page, 'sceneObject', `context-buildings-points:${i}`)).visible) n.points++;
  }
  return n;
}

async function open(page: Page, text: string, name: string): Promise<number> {
  const t0 = Date.now();
  await page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const want = text === withCity ? COUNT : 0;
  for (;;) {
    const m = await call<{ context?: { buildings: unknown[] } }>(page, 'mission');
    const drawn = await call<{ found: boolean }>(page, 'sceneObject', 'context-buildings');
    if ((m.context?.buildings.length ?? 0) === want && drawn.found === want > 0) break;
    if (Date.now() - t0 > 120_000) throw new Error(`${name} did not open within 2 minutes`);
    await page.waitForTimeout(100);
  }
  const ms = Date.now() - t0;
  // Let shaders compile and the first frames settle before measuring.
  await page.waitForTimeout(1000);
  return ms;
}

const app = await openAppForBench();
try {
  const page = app.page;
  await page.waitForTimeout(1000);
  // Three views: the default one (fitted to the mission's 50 km area: the city is a small patch), the
  // city centre from 9 km (the city fills the screen) and from 2.5 km (the near blocks with walls).
  const views = VIEWS.map((v) => v.name);
  const samples = new Map<string, number[]>();
  const drawnAs = new Map<string, { full: number; roofs: number; points: number }>();
  const pxPerKm = new Map<string, number>();
  const scale = async () => {
    const o = await call<{ x: number; y: number }>(page, 'projectLocal', 0, 0, 0);
    const e = await call<{ x: number; y: number }>(page, 'projectLocal', 1000, 0, 0);
    return Math.hypot(e.x - o.x, e.y - o.y);
  };
  const sample = async (key: string) => {
    samples.set(key, [...(samples.get(key) ?? []), ...(await sampleFrames(page, () => page.waitForTimeout(SAMPLE_MS)))]);
  };
  const openMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [text, name] of [
      [without, 'none'],
      [withCity, 'city'],
    ] as const) {
      const ms = await open(page, text, `${name}.json`);
      if (name === 'city') openMs.push(ms);
      for (const view of VIEWS) {
        if (view.distanceM !== undefined) {
          await call(page, 'flyTo', base.origin, view.distanceM);
          await page.waitForTimeout(2500);
        }
        await sample(`${view.name} ${name}`);
        pxPerKm.set(view.name, await scale());
        if (name === 'city') drawnAs.set(view.name, await lod(page));
      }
    }
  }
  console.log(`${COUNT} map-context buildings, headless Chromium + SwiftShader, 1280x800, ${ROUNDS} rounds x ${SAMPLE_MS} ms`);
  console.log(
    `geometry (Node): ${chunks.length} chunks, ${(triangles / 1e6).toFixed(2)} M triangles, ${(vertices / 1e6).toFixed(2)} M vertices; ` +
      `built in ${buildMs.toFixed(0)} ms (+ ${shapesMs.toFixed(0)} ms lng/lat to metres)`,
  );
  console.log(`roofs only (far level of detail): ${(roofTriangles / 1e6).toFixed(2)} M triangles`);
  console.log(`in the page: file opened to buildings in the scene ${openMs.map((m) => `${(m / 1000).toFixed(1)} s`).join(', ')}`);
  let worst = Infinity;
  for (const view of views) {
    const none = fps(samples.get(`${view} none`) ?? []);
    const full = fps(samples.get(`${view} city`) ?? []);
    const ratio = full / none;
    worst = Math.min(worst, ratio);
    const d = drawnAs.get(view);
    console.log(
      `${view} (${(pxPerKm.get(view) ?? 0).toFixed(0)} px per km; chunks: ${d?.full} with walls, ${d?.roofs} roofs only, ${d?.points} as points): ` +
        `no buildings ${none.toFixed(1)} fps, ${COUNT} buildings ${full.toFixed(1)} fps, ratio ${ratio.toFixed(2)}`,
    );
  }
  console.log(`${worst >= TARGET ? 'PASS' : 'FAIL'}: ${COUNT} buildings at >= ${worst.toFixed(2)} x the empty scene's frame rate in every view (target >= ${TARGET})`);
  if (worst < TARGET) process.exitCode = 1;
} finally {
  await app.close();
}
