/**
 * Depot launch/landing pads in the app: drawn in the 3D scene (one instanced mesh, read back from the
 * live scene through the test hook and seen in the canvas pixels), described on hover, and edited in
 * the inspector (validated, undoable). Expected counts and places come from the mission file and
 * plain spherical geometry, not from the app's own layout code.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, canvasColoursAt, openBrowser, waitForScene } from './browser';
import { metresBetween } from '../haversine';

type LngLat = [number, number];
interface DepotLike {
  id: string;
  position: LngLat;
  fleet: { count: number }[];
  pads?: { count?: number; spacingM?: number; turnaroundS?: number; positions?: LngLat[] };
}
interface PadsShown {
  count: number;
  centres: LngLat[];
  liftM: number;
  pickable: boolean;
}

const POLL = { timeout: 30_000, interval: 200 };
/** Close enough that the depot marker (~11 px) is ~2 m across and pads 15 m apart are ~90 px apart. */
const CAMERA_DISTANCE_M = 150;
/** MARKER_COLORS.pad in src/scene/markerGeometry.ts (drawn unlit, not tone mapped). */
const PAD_RGB = [0x5f, 0x8f, 0xdc];

const defaultMission = JSON.parse(readFileSync('missions/shenzhen-two-hour.json', 'utf8')) as { depots: DepotLike[] };

/** A depot's pad count by the documented rule: count, explicit positions, or one per drone (at least one). */
function padCount(d: DepotLike): number {
  if (d.pads?.positions) return d.pads.positions.length;
  if (d.pads?.count !== undefined) return d.pads.count;
  return Math.max(1, d.fleet.reduce((s, f) => s + f.count, 0));
}

/** Pads on the terminal's hexagonal grid: no two closer than the spacing, each one spacing from a neighbour. */
function expectGrid(centres: readonly LngLat[], spacing: number): void {
  centres.forEach((c) => {
    const nearest = Math.min(...centres.filter((o) => o !== c).map((o) => metresBetween(c, o)));
    if (centres.length > 1) expect(nearest).toBeCloseTo(spacing, 0);
  });
}


const mission = (page: Page) => page.evaluate(() => (window.__skyhaul!.mission as () => { depots: DepotLike[] })());
const pads = (page: Page) => page.evaluate(() => (window.__skyhaul!.pads as () => PadsShown | null)());
const padCountShown = async (page: Page) => (await pads(page))?.count ?? -1;
const frames = (page: Page) => page.evaluate(() => (window.__skyhaul!.frames as () => number)());
const selection = (page: Page) => page.evaluate(() => (window.__skyhaul!.editor as () => { selection: unknown })().selection);

async function project(page: Page, p: LngLat): Promise<{ x: number; y: number }> {
  const px = await page.evaluate((q) => (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(q), p);
  if (!px) throw new Error(`[${p}] is not in front of the camera`);
  return px;
}

/** The pad centres drawn within `radiusM` of a point. */
async function padsNear(page: Page, at: LngLat, radiusM = 60): Promise<LngLat[]> {
  return ((await pads(page))?.centres ?? []).filter((c) => metresBetween(c, at) < radiusM);
}

/** Colour of the WebGL canvas at a client pixel (the canvas keeps its drawing buffer). */
async function pixelAt(page: Page, x: number, y: number): Promise<number[]> {
  return (await canvasColoursAt(page, x, y))[0];
}

async function waitFrames(page: Page, n = 3) {
  await waitForScene(page, (await frames(page)) + n);
}

/** Look straight down at a point from close by. */
async function lookAt(page: Page, p: LngLat) {
  if ((await page.evaluate(() => (window.__skyhaul!.cameraMode as () => string)())) !== 'top-down') {
    await page.getByRole('button', { name: 'Top-down' }).click();
  }
  await page.evaluate(([q, d]) => (window.__skyhaul!.flyTo as (p: LngLat, d: number) => void)(q as LngLat, d as number), [p, CAMERA_DISTANCE_M]);
  await page.waitForFunction(
    (q) => {
      const c = (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(q);
      const r = document.querySelector('canvas')!.getBoundingClientRect();
      return !!c && Math.hypot(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2)) < 2;
    },
    p,
    { timeout: 30_000 },
  );
  await waitFrames(page);
}

/** Every pad centre near `at` is drawn in the pad colour on the canvas (not hidden under anything). */
async function expectPadsVisible(page: Page, centres: LngLat[]) {
  await waitFrames(page);
  for (const c of centres) {
    const px = await project(page, c);
    const rgb = await pixelAt(page, px.x, px.y);
    rgb.forEach((v, i) => expect(Math.abs(v - PAD_RGB[i]), `pad at [${c}] drawn as rgb(${rgb})`).toBeLessThan(16));
  }
}

describe('depot pads', () => {
  let s: BrowserSession;
  const expectedTotal = defaultMission.depots.reduce((n, d) => n + padCount(d), 0);
  // The depot edited below: the first with the default pads (one per drone, 15 m, 30 s) and several drones.
  const depotIndex = defaultMission.depots.findIndex((d) => d.pads === undefined && padCount(d) > 1);
  const depot = defaultMission.depots[depotIndex];
  const drones = padCount(depot);

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
  });
  afterAll(async () => s?.close());

  it('draws one pad per pad of the bundled default mission, in one instanced mesh that takes no pointer events', async () => {
    const page = s.page;
    expect((await mission(page)).depots.map((d) => d.id)).toEqual(defaultMission.depots.map((d) => d.id));
    expect(depotIndex).toBeGreaterThanOrEqual(0);
    await expect.poll(() => padCountShown(page), POLL).toBe(expectedTotal);
    const shown = (await pads(page))!;
    expect(shown.centres).toHaveLength(expectedTotal);
    expect(shown.pickable).toBe(false);
    // On the ground, just above the ground plane and the grid.
    expect(shown.liftM).toBeGreaterThan(0);
    expect(shown.liftM).toBeLessThan(1);
    // Each depot has its pads around it (3 drones: 3 pads on the 15 m grid, clear of the towers' margins).
    for (const d of defaultMission.depots) {
      const near = shown.centres.filter((c) => metresBetween(c, d.position) < 60);
      expect(near, d.id).toHaveLength(padCount(d));
      if (d.pads?.positions) continue;
      expectGrid(near, d.pads?.spacingM ?? 15);
    }
  });

  it('the pads are seen around the depot marker when zoomed in', async () => {
    const page = s.page;
    await lookAt(page, depot.position);
    await expectPadsVisible(page, await padsNear(page, depot.position));
  });

  it('the depot hover label gives its pads', async () => {
    const page = s.page;
    const at = await project(page, depot.position);
    await page.mouse.move(Math.round(at.x) + 2, Math.round(at.y) + 2);
    await page.mouse.move(Math.round(at.x), Math.round(at.y));
    await expect.poll(() => page.getByTestId('hover-label-more').textContent(), POLL).toBe(`${drones} pads, 15 m apart, 30 s turnaround`);
  });

  it('changing the pad count in the inspector changes the pads in the scene', async () => {
    const page = s.page;
    await page.keyboard.press('v');
    const at = await project(page, depot.position);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(() => selection(page), POLL).toEqual({ kind: 'depot', id: depot.id });
    const count = page.getByTestId('field-pads.count');
    expect(await count.inputValue()).toBe('');
    expect(await count.getAttribute('placeholder')).toBe(`${drones} (one per drone)`);
    expect(await page.getByTestId('field-pads.spacingM').inputValue()).toBe('15');
    expect(await page.getByTestId('field-pads.turnaroundS').inputValue()).toBe('30');

    await count.fill('6');
    await expect.poll(() => padCountShown(page), POLL).toBe(expectedTotal - drones + 6);
    expect((await mission(page)).depots[depotIndex].pads).toEqual({ count: 6, spacingM: 15, turnaroundS: 30 });
    const six = await padsNear(page, depot.position);
    expect(six).toHaveLength(6);
    // On the 15 m grid around the depot: a hexagon of side 15 (unless a tower's margin moves some out).
    six.forEach((c) => expect(metresBetween(c, depot.position)).toBeLessThan(30.5));
    expectGrid(six, 15);
    await expectPadsVisible(page, six);
  });

  it('refuses an invalid pad count with the schema reason and keeps the pads', async () => {
    const page = s.page;
    const before = await mission(page);
    await page.getByTestId('field-pads.count').fill('2.5');
    await expect.poll(() => page.getByTestId('field-pads.count-error').textContent(), POLL).toBe('must be a whole number');
    await page.getByTestId('field-pads.spacingM').fill('4');
    await expect.poll(() => page.getByTestId('field-pads.spacingM-error').textContent(), POLL).toMatch(/must be >= 8 m/);
    expect(await mission(page)).toEqual(before);
    expect(await padCountShown(page)).toBe(expectedTotal - drones + 6);
  });

  it('spacing and turnaround edits reach the scene and the hover label', async () => {
    const page = s.page;
    await page.getByTestId('field-pads.spacingM').fill('25');
    await page.getByTestId('field-pads.turnaroundS').fill('45');
    await expect.poll(async () => (await mission(page)).depots[depotIndex].pads, POLL).toEqual({ count: 6, spacingM: 25, turnaroundS: 45 });
    await expect.poll(async () => (await padsNear(page, depot.position)).map((c) => Math.round(metresBetween(c, depot.position))), POLL).toEqual([
      25, 25, 25, 25, 25, 25,
    ]);
    const at = await project(page, depot.position);
    await page.mouse.move(Math.round(at.x) + 2, Math.round(at.y) + 2);
    await page.mouse.move(Math.round(at.x), Math.round(at.y));
    await expect.poll(() => page.getByTestId('hover-label-more').textContent(), POLL).toBe('6 pads, 25 m apart, 45 s turnaround');
  });

  it('undo steps back through the pad edits', async () => {
    const page = s.page;
    // Three edits: count, spacing, turnaround (each field one step).
    for (let i = 0; i < 3; i++) await page.getByTestId('undo').click();
    await expect.poll(async () => (await mission(page)).depots[depotIndex].pads, POLL).toBeUndefined();
    await expect.poll(() => padCountShown(page), POLL).toBe(expectedTotal);
    await page.getByTestId('redo').click();
    await expect.poll(() => padCountShown(page), POLL).toBe(expectedTotal - drones + 6);
  });

  it('emptying the count goes back to one pad per drone', async () => {
    const page = s.page;
    await page.getByTestId('field-pads.count').fill('');
    await expect.poll(async () => (await mission(page)).depots[depotIndex].pads, POLL).toBeUndefined();
    await expect.poll(() => padCountShown(page), POLL).toBe(expectedTotal);
  });

  it('a click on a pad reaches the ground: the drop point tool places a drop point on it', async () => {
    const page = s.page;
    // Leave the inspector box, so the tool key reaches the app.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const pad = (await padsNear(page, depot.position))[0];
    const before = (await page.evaluate(() => (window.__skyhaul!.mission as () => { orders: unknown[] })().orders.length)) as number;
    await page.keyboard.press('o');
    const px = await project(page, pad);
    await page.mouse.click(Math.round(px.x), Math.round(px.y));
    await expect
      .poll(async () => page.evaluate(() => (window.__skyhaul!.mission as () => { orders: unknown[] })().orders.length), POLL)
      .toBe(before + 1);
    const order = await page.evaluate(() => (window.__skyhaul!.mission as () => { orders: { position: LngLat }[] })().orders.at(-1)!);
    expect(metresBetween(order.position, pad)).toBeLessThan(1);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
