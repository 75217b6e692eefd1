/**
 * The flight physics in the app, driven like a user would: the Physics tab, a depot selected from
 * the Things list, the reach ring really mounted in the 3D scene, the range-vs-payload chart really
 * drawn, and model edits that are validated before they reach the mission (and show up in the live
 * "out of range" flags).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene } from './browser';

interface ModelLike {
  id: string;
  batteryWh: number;
}
interface RingInfo {
  depotId: string;
  modelId: string;
  payloadKg: number;
  radiiM: number[];
  linePoints: number;
}

const POLL = { timeout: 30_000, interval: 200 };

const models = (page: Page) => page.evaluate(() => (window.__skyhaul!.mission as () => { droneModels: ModelLike[] })().droneModels);
const ring = (page: Page) => page.evaluate(() => (window.__skyhaul!.reachRing as () => RingInfo | null)());
const rangeKm = async (page: Page) => Number.parseFloat((await page.getByTestId('physics-range-km').textContent()) ?? 'NaN');
/** Orders marked out of range in the Things list (their reason is in the button's title). */
const outOfRangeTitles = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('[data-testid="thing-list"] .thing.flagged')]
      .map((b) => b.title)
      .filter((t) => t.includes('out of range')),
  );

describe('flight physics in the app', () => {
  let s: BrowserSession;
  let originalWh: number;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
    originalWh = (await models(s.page))[0].batteryWh;
  });
  afterAll(async () => s?.close());

  it('opens the Physics tab: models, summary numbers, and a hint to select a depot', async () => {
    const page = s.page;
    await page.getByTestId('tab-physics').click();
    await expect.poll(() => page.getByTestId('physics-tab').count(), POLL).toBe(1);
    expect(await page.getByTestId('physics-model-m2-class').count()).toBe(1);
    expect(await page.getByTestId('reach-status').textContent()).toMatch(/select a depot to see its reach/i);
    expect(await ring(page)).toBeNull();
    for (const id of ['hover-w', 'cruise-w', 'wh-per-km', 'endurance-min', 'range-km']) {
      expect(await page.getByTestId(`physics-${id}`).textContent()).toMatch(/\d/);
    }
    expect(await rangeKm(page)).toBeGreaterThan(0);
  });

  it('draws the range-vs-payload chart (the canvas has the range curve\'s colour)', async () => {
    const page = s.page;
    await page.locator('[data-testid="range-payload-chart"] canvas').first().waitFor({ timeout: 30_000 });
    const counts = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('[data-testid="range-payload-chart"] canvas')!;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      let blue = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        painted++;
        // The range series is stroked #1f5fbf.
        if (Math.abs(data[i] - 0x1f) < 40 && Math.abs(data[i + 1] - 0x5f) < 40 && Math.abs(data[i + 2] - 0xbf) < 40) blue++;
      }
      return { painted, blue, width: c.width, height: c.height };
    });
    expect(counts.width).toBeGreaterThan(100);
    expect(counts.painted).toBeGreaterThan(500);
    expect(counts.blue).toBeGreaterThan(50);
  });

  it('selecting a depot in the Things list mounts its wind-skewed reach ring in the scene', async () => {
    const page = s.page;
    await page.getByTestId('tab-things').click();
    await page.getByTestId('thing-list').getByRole('button', { name: /store-01/ }).first().click();
    await page.getByTestId('tab-physics').click();
    await expect.poll(async () => (await ring(page))?.depotId ?? null, POLL).toBe('store-01');
    const r = (await ring(page))!;
    expect(r.modelId).toBe('m2-class');
    expect(r.payloadKg).toBe(1);
    expect(r.radiiM).toHaveLength(72);
    expect(r.linePoints).toBe(73);
    const lo = Math.min(...r.radiiM);
    const hi = Math.max(...r.radiiM);
    expect(lo).toBeGreaterThan(500);
    // The default mission has a 5 m/s wind: the region is lopsided, not a circle.
    expect(hi / lo).toBeGreaterThan(1.02);
    expect(await page.getByTestId('reach-status').textContent()).toContain('store-01');
  });

  it('a heavier parcel in the Physics tab shrinks the ring', async () => {
    const page = s.page;
    const before = Math.max(...(await ring(page))!.radiiM);
    await page.getByTestId('physics-parcel-kg').fill('2');
    await expect.poll(async () => (await ring(page))?.payloadKg, POLL).toBe(2);
    expect(Math.max(...(await ring(page))!.radiiM)).toBeLessThan(before);
  });

  it('editing batteryWh writes the model through the store and raises the range and the reach', async () => {
    const page = s.page;
    const rangeBefore = await rangeKm(page);
    const reachBefore = Math.max(...(await ring(page))!.radiiM);
    const doubled = originalWh * 2;
    await page.locator('#dme-batteryWh').fill(String(doubled));
    await expect.poll(async () => (await models(page))[0].batteryWh, POLL).toBe(doubled);
    await expect.poll(() => rangeKm(page), POLL).toBeGreaterThan(rangeBefore * 1.5);
    await expect.poll(async () => Math.max(...(await ring(page))!.radiiM), POLL).toBeGreaterThan(reachBefore * 1.5);
  });

  it('an invalid value is shown in red with the reason and is not written', async () => {
    const page = s.page;
    const written = (await models(page))[0].batteryWh;
    const range = await rangeKm(page);
    const field = page.locator('#dme-batteryWh');
    await field.fill('-5');
    await expect.poll(() => page.getByTestId('model-error-batteryWh').textContent(), POLL).toMatch(/must be > 0/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 40, 40)');
    expect((await models(page))[0].batteryWh).toBe(written);
    expect(await rangeKm(page)).toBe(range);
  });

  it('a small battery puts drop points out of range, with the reason naming a depot', async () => {
    const page = s.page;
    expect(await outOfRangeTitles(page)).toEqual([]);
    await page.locator('#dme-batteryWh').fill('150');
    await expect.poll(async () => (await models(page))[0].batteryWh, POLL).toBe(150);
    await page.getByTestId('tab-things').click();
    await expect.poll(async () => (await outOfRangeTitles(page)).length, POLL).toBeGreaterThan(0);
    const [first] = await outOfRangeTitles(page);
    expect(first).toMatch(/out of range: nearest depot store-\d+ reaches [\d.]+ km in this direction at [\d.]+ kg, order is [\d.]+ km away/);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
