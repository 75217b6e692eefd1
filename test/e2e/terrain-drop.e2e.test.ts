/**
 * A GeoTIFF DEM dropped on the built app (a real drop event carrying the File): read in the terrain
 * worker (geotiff as Vite bundles it), resampled onto the mission's grid, added as one undo step with
 * a notice; then the depot standing on the ridge is drawn at the ridge's height, read back from the
 * depot markers' instance matrices, and its pads lie on the ground there too.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type BrowserSession, dropFile, openBrowser, waitForScene } from './browser';
import { demGeoTiff } from '../unit/demFixture';

const POLL = { timeout: 60_000, interval: 250 };

interface MissionLike {
  origin: [number, number];
  depots: { id: string; position: [number, number] }[];
  terrain?: { spacingM: number; cols: number; rows: number };
}
interface MarkerLike {
  id: string;
  x: number;
  y: number;
  altM: number;
  hidden: boolean;
}
const mission = (page: Page) => page.evaluate(() => (window.__skyhaul!.mission as () => MissionLike)());
const depotMarkers = (page: Page) => page.evaluate(() => (window.__skyhaul!.markers as (k: string) => MarkerLike[] | null)('depot'));

describe('a GeoTIFF dropped on the app becomes the ground', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('imports the DEM in one step and stands the depot on the ridge at the ridge height', async () => {
    const { page } = s;
    const before = await mission(page);
    expect(before.terrain).toBeUndefined();
    const frame = createFrame(before.origin);
    // A north-south ridge, 300 m above a 20 m plain, through one store 6 km east of the origin (the datum stays on the plain).
    const onRidge = before.depots.find((d) => d.id === 'store-05') ?? before.depots[0];
    const ridgeX = frame.toLocal(onRidge.position).x;
    const ridge = (lng: number, lat: number) => 20 + 300 * Math.exp(-((frame.toLocal([lng, lat]).x - ridgeX) ** 2) / (2 * 600 ** 2));
    // Every store and drop plus the 2 km margin, at ~100 m a pixel.
    const tif = demGeoTiff({ west: 113.5, north: 23.1, res: 0.001, width: 900, height: 850 }, ridge);

    const undosBefore = await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })().past);
    await dropFile(page, 'ridge.tif', tif, 'image/tiff');

    await expect.poll(async () => (await mission(page)).terrain !== undefined, POLL).toBe(true);
    const after = await mission(page);
    // The default mission's area at 30 m is more than a terrain holds: the spacing is widened to fit.
    expect(after.terrain!.spacingM).toBeGreaterThan(30);
    expect(after.terrain!.cols * after.terrain!.rows).toBeLessThanOrEqual(1024 * 1024);
    expect(await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })().past)).toBe(undosBefore + 1);
    const notice = await page.getByTestId('notice').textContent();
    expect(notice).toMatch(/Terrain from ridge\.tif: \d+ x \d+ samples every \d+ m .*ground 20\.\d\.\.3[12]\d\.\d m AMSL \(spacing widened/);
    expect(await page.getByTestId('terrain-summary').textContent()).toContain(`every ${after.terrain!.spacingM} m`);
    // The terrain fits the autosave: the edit survives a reload (no "autosave failed" notice).
    expect(await page.getByTestId('autosave-error').count()).toBe(0);
    const saved = await page.evaluate(() => Object.keys(localStorage).reduce((n, k) => n + (localStorage.getItem(k)?.length ?? 0), 0));
    expect(saved).toBeGreaterThan(after.terrain!.cols * after.terrain!.rows * 4);

    // The datum is the plain (the origin is 6 km from the ridge): the store on the crest stands ~300 m up.
    const crest = ridge(...onRidge.position) - ridge(...before.origin);
    expect(crest).toBeGreaterThan(295);
    const at = frame.toLocal(onRidge.position);
    // Within the DEM's own sampling (100 m pixels across a 600 m ridge: about a metre low at the crest).
    await expect.poll(async () => (await depotMarkers(page))?.find((m) => m.id === onRidge.id)?.altM ?? -1, POLL).toBeGreaterThan(crest - 3);
    const markers = (await depotMarkers(page))!;
    const drawn = markers.find((m) => m.id === onRidge.id)!;
    expect(Math.abs(drawn.altM - crest)).toBeLessThan(3);
    expect(Math.hypot(drawn.x - at.x, drawn.y - at.y)).toBeLessThan(0.01);
    // And the page's own ground function agrees with what was drawn, for every store (a far one stays near 0).
    for (const m of markers) {
      const g = await page.evaluate(([x, y]) => (window.__skyhaul!.groundHeight as (x: number, y: number) => number)(x, y), [m.x, m.y]);
      expect(m.altM).toBeCloseTo(g, 3);
    }
    const far = markers.find((m) => Math.abs(m.x - ridgeX) > 5000)!;
    expect(Math.abs(far.altM)).toBeLessThan(1);
    // The pads lie just above the ground under them, not at the datum.
    const pads = await page.evaluate(() => (window.__skyhaul!.pads as () => { liftM: number; count: number } | null)());
    expect(pads?.count).toBeGreaterThan(0);
    expect(pads?.liftM).toBeCloseTo(0.4, 3);
    expect(s.errors).toEqual([]);

    // Remove terrain: flat again, the store back at the datum.
    await page.getByTestId('remove-terrain').click();
    await expect.poll(async () => (await mission(page)).terrain === undefined, POLL).toBe(true);
    await expect.poll(async () => (await depotMarkers(page))?.find((m) => m.id === onRidge.id)?.altM ?? -1, POLL).toBe(0);
  });

  it('refuses a file that is not a GeoTIFF, saying why', async () => {
    const { page } = s;
    await page.getByTestId('open-file').setInputFiles({ name: 'broken.tif', mimeType: 'image/tiff', buffer: Buffer.from('not a tiff at all') });
    await expect
      .poll(() => page.evaluate(() => (window.__skyhaul!.editor as () => { loadErrors: { problems: { message: string }[] } | null })().loadErrors?.problems[0]?.message ?? ''), POLL)
      .toMatch(/^not a readable GeoTIFF/);
    expect((await mission(page)).terrain).toBeUndefined();
  });
});
