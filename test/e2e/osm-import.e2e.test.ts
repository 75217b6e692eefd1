/**
 * An OpenStreetMap extract opened in the built app: read in the OSM worker (osmtogeojson and the saxes
 * tokenizer as Vite bundles them), the confirmation lists the suggested zones unchecked, one is checked,
 * and the import adds it with the tall buildings and the map context.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene } from './browser';
import { testCity } from '../unit/osmFixture';

const POLL = { timeout: 30_000, interval: 200 };

interface MissionLike {
  noFlyZones: { id: string }[];
  buildings: { id: string; heightM: number }[];
  context?: { water: unknown[]; roads: unknown[]; buildings: unknown[] };
}
const mission = (page: Page) => page.evaluate(() => (window.__skyhaul!.mission as () => MissionLike)());

describe('OpenStreetMap import in the app', () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('reads an .osm file in a worker, confirms one suggested zone, and imports', async () => {
    const { page } = s;
    const before = await mission(page);
    const { f, ids } = testCity();
    await page.getByTestId('open-file').setInputFiles({ name: 'city.osm', mimeType: 'application/xml', buffer: Buffer.from(f.toXml()) });
    const dialog = page.getByTestId('osm-import-dialog');
    await expect.poll(() => dialog.count(), POLL).toBe(1);
    expect(await page.getByTestId('osm-import-summary').textContent()).toContain('buildings: 8'); // the default mission's 50 km area keeps the far one
    const prison = `osm-prison-w${ids.prison}`;
    const boxes = page.getByTestId('osm-suggested-zones').locator('input[type=checkbox]');
    expect(await boxes.count()).toBe(4);
    for (let i = 0; i < 4; i++) expect(await boxes.nth(i).isChecked()).toBe(false);
    await page.getByTestId(`osm-zone-${prison}`).check();
    await page.getByTestId('osm-import-confirm').click();
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    const after = await mission(page);
    expect(after.noFlyZones.map((z) => z.id)).toEqual([...before.noFlyZones.map((z) => z.id), prison]);
    expect(after.buildings.length).toBe(before.buildings.length + 5);
    expect(after.context?.roads.length).toBe((before.context?.roads.length ?? 0) + 3);
    expect(s.errors).toEqual([]);
  });
});
