/**
 * The built app opened for basemap tests: on the Map tab, looking straight down, with the mission's own
 * drawing hidden so that the canvas shows the map itself, and with every request off this machine
 * refused (and listed). Shared by the raster and the vector basemap tests.
 */
import { expect } from 'vitest';
import type { LngLat } from '../../src/core/geo/frame';
import { type BrowserSession, openBrowser, waitForScene } from './browser';

export const MAP_POLL = { timeout: 60_000, interval: 250 };

/** One tile layer's counts, as the `basemap` test hook reports them. */
export interface TilesSeen {
  zoom: number | null;
  asked: number;
  loaded: number;
  missing: number;
  failed: number;
  /** Why the last tile that failed did. */
  lastError: string | null;
}

export interface BasemapSeen {
  state: string;
  error: string | null;
  /** The base layer over the mission, and the detail layer around the view. */
  tiles: TilesSeen;
  detail: TilesSeen;
  attribution: string | null;
}

export interface MapPage {
  session: BrowserSession;
  /** Calls a test-hook entry (window.__skyhaul[name]) in the page. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  basemap(): Promise<BasemapSeen>;
  /**
   * Looks straight down at p from distanceM, waits until the tiles for that view are in (the detail
   * layer follows the camera a few times a second) and returns p's screen position and the zoom drawn on top.
   */
  lookAt(p: LngLat, distanceM: number, altitudeM?: number): Promise<{ x: number; y: number; zoom: number }>;
}

const MISSION_LAYERS = ['depots', 'drops', 'zones', 'buildings', 'routes', 'drones', 'labels', 'water'];

export async function openMapPage(baseUrl: string, blocked: string[]): Promise<MapPage> {
  const session = await openBrowser();
  const { page } = session;
  // No network: anything not on this machine is refused (and listed).
  await session.context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  const call = <T>(name: string, ...args: unknown[]) =>
    page.evaluate(([n, a]) => (window.__skyhaul![n] as (...x: unknown[]) => unknown)(...a), [name, args] as const) as Promise<T>;
  const basemap = () => call<BasemapSeen>('basemap');
  await page.goto(baseUrl);
  await waitForScene(page);
  await page.getByTestId('tab-map').click();
  await page.getByRole('button', { name: 'Top-down' }).click();
  await page.waitForFunction(() => (window.__skyhaul!.cameraMode as () => string)() === 'top-down');
  for (const layer of MISSION_LAYERS) await call('setLayer', layer, false);

  const settled = (t: TilesSeen) => t.loaded + t.missing + t.failed === t.asked;
  const lookAt = async (p: LngLat, distanceM: number, altitudeM = 0) => {
    await call('flyTo', p, distanceM);
    await page.waitForTimeout(800);
    await expect.poll(async () => {
      const b = await basemap();
      return settled(b.tiles) && settled(b.detail);
    }, MAP_POLL).toBe(true);
    await waitForScene(page, (await call<number>('frames')) + 4);
    const at = await call<{ x: number; y: number } | null>('project', p, altitudeM);
    if (!at) throw new Error('point not on screen');
    const b = await basemap();
    return { ...at, zoom: b.detail.zoom ?? b.tiles.zoom! };
  };
  return { session, call, basemap, lookAt };
}
