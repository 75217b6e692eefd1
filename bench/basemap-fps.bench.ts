/**
 * Frames per second with a basemap drawn under the mission, in headless Chromium (SwiftShader WebGL),
 * against the same view with none, measured in the same run (issue 19: the map must not cost the
 * scene its frame rate). The tiles are generated colour-coded PNGs (test/e2e/basemapFixture.ts) served
 * by a local XYZ server, so nothing leaves the machine; the basemap is switched through the Map tab
 * like a user would, and rounds alternate so that load from other processes hits both alike. Views: the
 * default camera (the mission's whole area: the base grid of tiles) and a street view from 2.5 km (the
 * base grid plus the finer detail layer around the view).
 *
 *   npm run bench -- basemap-fps     (builds dist/ first if it is missing)
 */
import type { Page } from 'playwright-core';
import { codedTilePng } from '../test/e2e/basemapFixture';
import { serveLocally } from '../test/e2e/localServer';
import { openAppForBench, sampleFrames } from './browserBench';

const SAMPLE_MS = 4000;
const ROUNDS = Number(process.env.ROUNDS ?? 2);
/**
 * The bar for map content (as for 100,000 buildings): at least half the empty scene's rate.
 * On SwiftShader every textured layer is a full-screen software pass (the base grid, and the detail
 * grid over it from near), so the ratio here is far below what a GPU shows.
 */
const TARGET = 0.5;
const VIEWS: { name: string; distanceM?: number }[] = [{ name: 'mission view' }, { name: 'street view', distanceM: 2500 }];

type Hook = Record<string, (...args: unknown[]) => unknown>;
interface TilesSeen {
  asked: number;
  loaded: number;
  missing: number;
  failed: number;
}

async function call<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(([n, a]) => ((window.__skyhaul as Hook)[n as string] as (...x: unknown[]) => unknown)(...(a as unknown[])), [name, args] as const) as Promise<T>;
}

const fps = (samples: number[]) => (samples.length * 1000) / Math.max(1, samples.reduce((a, b) => a + b, 0));
/** Frames per second from the median frame time: less swayed by stalls from other processes. */
const medianFps = (samples: number[]) => 1000 / Math.max(1e-3, [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Infinity);

async function tileServer(): Promise<{ host: string; close(): Promise<void>; served: () => number }> {
  const pngs = new Map<string, Uint8Array>();
  let served = 0;
  const server = await serveLocally((req, res) => {
    const m = /^\/xyz\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const cors = { 'Access-Control-Allow-Origin': '*' };
    if (!m) {
      res.writeHead(404, cors);
      res.end();
      return;
    }
    const key = `${m[2]}/${m[3]}`;
    if (!pngs.has(key)) pngs.set(key, codedTilePng(Number(m[2]), Number(m[3])));
    served++;
    res.writeHead(200, { ...cors, 'Content-Type': 'image/png' });
    res.end(pngs.get(key));
  });
  return { ...server, served: () => served };
}

const tiles = await tileServer();
const app = await openAppForBench();
try {
  const page = app.page;
  await page.getByTestId('tab-map').click();
  const settled = (t: TilesSeen) => t.loaded + t.missing + t.failed === t.asked;
  const switchBasemap = async (on: boolean) => {
    if (on) {
      await page.getByRole('radio', { name: 'XYZ tiles' }).check();
      await page.locator('#tile-url').fill(`${tiles.host}/xyz/{z}/{x}/{y}.png`);
    } else await page.getByRole('radio', { name: 'None' }).check();
  };
  const waitForTiles = async () => {
    const t0 = Date.now();
    for (;;) {
      const b = await call<{ state: string; tiles: TilesSeen; detail: TilesSeen }>(page, 'basemap');
      if (b.state === 'ready' && b.tiles.loaded > 0 && settled(b.tiles) && settled(b.detail)) return b;
      if (Date.now() - t0 > 60_000) throw new Error(`tiles did not load within a minute (${JSON.stringify(b)})`);
      await page.waitForTimeout(200);
    }
  };
  const samples = new Map<string, number[]>();
  const drawn = new Map<string, string>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const on of [false, true]) {
      await switchBasemap(on);
      for (const view of VIEWS) {
        if (view.distanceM !== undefined) await call(page, 'flyTo', [114.05, 22.55], view.distanceM);
        else await page.getByTitle('Fit the whole mission (F)').click();
        await page.waitForTimeout(1500);
        if (on) {
          const b = await waitForTiles();
          drawn.set(view.name, `${b.tiles.loaded} tiles at zoom ${(b.tiles as { zoom?: number }).zoom ?? '?'} + ${b.detail.loaded} detail tiles`);
        }
        // Let textures upload and frames settle before measuring.
        await page.waitForTimeout(1000);
        const key = `${view.name} ${on ? 'map' : 'none'}`;
        samples.set(key, [...(samples.get(key) ?? []), ...(await sampleFrames(page, () => page.waitForTimeout(SAMPLE_MS)))]);
      }
    }
  }
  console.log(`basemap: generated XYZ tiles from a local server, headless Chromium + SwiftShader, 1280x800, ${ROUNDS} rounds x ${SAMPLE_MS} ms`);
  let worst = Infinity;
  for (const view of VIEWS) {
    const none = fps(samples.get(`${view.name} none`) ?? []);
    const map = fps(samples.get(`${view.name} map`) ?? []);
    const medianRatio = medianFps(samples.get(`${view.name} map`) ?? []) / medianFps(samples.get(`${view.name} none`) ?? []);
    worst = Math.min(worst, map / none);
    console.log(
      `${view.name} (${drawn.get(view.name)}): no basemap ${none.toFixed(1)} fps, basemap ${map.toFixed(1)} fps, ratio ${(map / none).toFixed(2)} ` +
        `(by median frame time ${medianRatio.toFixed(2)})`,
    );
  }
  console.log(`${tiles.served()} tile requests served`);
  console.log(`${worst >= TARGET ? 'PASS' : 'FAIL'}: worst ratio ${worst.toFixed(2)} against ${TARGET}`);
  if (worst < TARGET) process.exitCode = 1;
} finally {
  await app.close();
  await tiles.close();
}
