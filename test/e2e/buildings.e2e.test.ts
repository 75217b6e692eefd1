/**
 * The mission's buildings are drawn as a few merged meshes (src/scene/buildingsMesh.tsx), yet pointing
 * at one still hovers and selects that building: the ray's triangle names it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene, hook } from './browser';

type LngLat = [number, number];
interface BuildingLike {
  id: string;
  footprint: { coordinates: LngLat[][] };
  heightM: number;
}
const POLL = { timeout: 30_000, interval: 200 };

const editor = (page: Page) => hook<{ hover: { kind: string; id: string } | null; selection: { kind: string; id: string } | null }>(page, 'editor');

/** The middle of a footprint (corner average, closing corner left out). */
function middle(b: BuildingLike): LngLat {
  const ring = b.footprint.coordinates[0].slice(0, -1);
  return [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
}

describe('mission buildings drawn merged', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
  });
  afterAll(async () => s?.close());

  it('are a few meshes, not one per building', async () => {
    const m = await hook<{ buildings: BuildingLike[] }>(s.page, 'mission');
    expect(m.buildings.length).toBeGreaterThan(5);
    expect((await hook<{ found: boolean }>(s.page, 'sceneObject', 'buildings:0')).found).toBe(true);
    expect((await hook<{ found: boolean }>(s.page, 'sceneObject', `building:${m.buildings[0].id}`)).found).toBe(false);
  });

  it('hover and select the building under the pointer', async () => {
    const page = s.page;
    const { buildings } = await hook<{ buildings: BuildingLike[] }>(page, 'mission');
    // Three buildings of ordinary height (a 600 m tower's roof is out of a close view).
    for (const b of buildings.filter((x) => x.heightM < 150).slice(0, 3)) {
      const at = middle(b);
      await hook(page, 'flyTo', at, 700);
      await waitForScene(page, (await hook<number>(page, 'frames')) + 5);
      await page.waitForTimeout(1500);
      // A little under the roof, so the ray meets this building's roof and nothing in front of it.
      const px = await hook<{ x: number; y: number } | null>(page, 'project', at, b.heightM - 0.5);
      if (!px) throw new Error(`${b.id} is not in front of the camera`);
      const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [px.x, px.y]);
      expect(under, `what is under the pointer at ${b.id}`).toBe('CANVAS');
      await page.mouse.move(Math.round(px.x) - 3, Math.round(px.y) - 3);
      await page.mouse.move(Math.round(px.x), Math.round(px.y));
      await expect.poll(async () => (await editor(page)).hover, POLL).toEqual({ kind: 'building', id: b.id });
      await page.mouse.click(Math.round(px.x), Math.round(px.y));
      await expect.poll(async () => (await editor(page)).selection, POLL).toMatchObject({ kind: 'building', id: b.id });
      await page.keyboard.press('Escape');
    }
    expect(s.errors).toEqual([]);
  });
});
