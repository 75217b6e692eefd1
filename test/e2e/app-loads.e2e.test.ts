import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, canvasColourCount, openBrowser, waitForScene } from './browser';

describe('the app opens on the bundled default mission', () => {
  let s: BrowserSession;
  /** Requests that would leave this machine: refused, as with no network (no basemap is set by default). */
  const offMachine: string[] = [];
  beforeAll(async () => {
    s = await openBrowser();
    await s.context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (['data:', 'blob:'].includes(url.protocol) || ['127.0.0.1', 'localhost'].includes(url.hostname)) return route.continue();
      offMachine.push(url.href);
      return route.abort();
    });
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
  });
  afterAll(async () => s?.close());

  it('lists the 20 Shenzhen depots and every order in the overlay', async () => {
    await expect.poll(() => s.page.getByTestId('depot-count').textContent()).toBe('20');
    const orders = await s.page.evaluate(() => (window.__skyhaul!.mission as () => { orders: unknown[] })().orders.length);
    expect(orders).toBeGreaterThanOrEqual(100);
    expect(await s.page.getByTestId('order-count').textContent()).toBe(String(orders));
  });

  it('draws the mission in 3D (the canvas is not blank)', async () => {
    expect(await canvasColourCount(s.page)).toBeGreaterThan(8);
  });

  it('toggles the top-down camera and keeps drawing', async () => {
    const before = await s.page.evaluate(() => (window.__skyhaul!.frames as () => number)());
    await s.page.getByRole('button', { name: 'Top-down' }).click();
    await expect.poll(() => s.page.getByRole('button', { name: '3D view' }).count()).toBe(1);
    await waitForScene(s.page, before + 3);
    expect(await canvasColourCount(s.page)).toBeGreaterThan(8);
  });

  it('shows a scale bar with a metric length', async () => {
    await expect.poll(() => s.page.getByTestId('scale-bar').textContent()).toMatch(/\d+ (m|km)/);
  });

  it('is cross-origin isolated, so the planner can share a cancel flag with its worker', async () => {
    expect(await s.page.evaluate(() => window.crossOriginIsolated)).toBe(true);
  });

  it('works with no network: asked for nothing off this machine', () => {
    expect(offMachine).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
