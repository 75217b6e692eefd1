/**
 * The 3D editor driven like a user would: real pointer events on the WebGL canvas (page.mouse),
 * keyboard shortcuts, the file input. Expected places are computed in the test from known ground
 * points (projected to the screen with the live camera), never read back from the app's own
 * unprojection.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene } from './browser';
import { metresBetween } from '../haversine';

type LngLat = [number, number];
interface MissionLike {
  depots: { id: string; position: LngLat }[];
  orders: { id: string; position: LngLat }[];
  noFlyZones: { id: string; shape: { type: string; coordinates?: LngLat[][] } }[];
  buildings: { id: string; footprint: { coordinates: LngLat[][] }; heightM: number }[];
}

const POLL = { timeout: 30_000, interval: 200 };
/** An empty stretch of the default mission's map (no markers within a few hundred metres). */
const HOME: LngLat = [114.0, 22.6];
/** Close enough that one screen pixel is well under a metre (the view is ~500 m tall). */
const CAMERA_DISTANCE_M = 600;


/** A point `east`/`north` metres from `p` (small offsets; plain spherical arithmetic). */
function offset(p: LngLat, eastM: number, northM: number): LngLat {
  const R = 6_371_008.8;
  const lat = p[1] + (northM / R) * (180 / Math.PI);
  const lng = p[0] + (eastM / (R * Math.cos((p[1] * Math.PI) / 180))) * (180 / Math.PI);
  return [lng, lat];
}

const mission = (page: Page) => page.evaluate(() => (window.__skyhaul!.mission as () => MissionLike)());

/**
 * Open a file the app must refuse: the load-errors dialog shows the reason (text contained, or a pattern
 * matched), the mission stays as it was, and "Keep current mission" closes the dialog.
 */
async function expectRefused(page: Page, file: string | { name: string; buffer: Buffer }, reason: string | RegExp): Promise<void> {
  const before = await mission(page);
  const payload = typeof file === 'string' ? file : { name: file.name, mimeType: 'application/json', buffer: file.buffer };
  await page.getByTestId('open-file').setInputFiles(payload);
  const dialog = page.getByTestId('load-errors');
  if (typeof reason === 'string') await expect.poll(() => dialog.textContent(), POLL).toContain(reason);
  else await expect.poll(() => dialog.textContent(), POLL).toMatch(reason);
  expect(await mission(page)).toEqual(before);
  await dialog.getByRole('button', { name: 'Keep current mission' }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}
const editor = (page: Page) =>
  page.evaluate(() =>
    (window.__skyhaul!.editor as () => { tool: string; selection: { kind: string; id: string } | null; notice: { text: string } | null })(),
  );
const frames = (page: Page) => page.evaluate(() => (window.__skyhaul!.frames as () => number)());

async function project(page: Page, p: LngLat): Promise<{ x: number; y: number }> {
  const px = await page.evaluate((q) => (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(q), p);
  if (!px) throw new Error(`[${p}] is not in front of the camera`);
  return px;
}

/** Look straight down at HOME from close by, and wait until a few frames show it. */
async function lookAtHome(page: Page) {
  if ((await page.evaluate(() => (window.__skyhaul!.cameraMode as () => string)())) !== 'top-down') {
    await page.getByRole('button', { name: 'Top-down' }).click();
  }
  await page.evaluate(([p, d]) => (window.__skyhaul!.flyTo as (p: LngLat, d: number) => void)(p as LngLat, d as number), [HOME, CAMERA_DISTANCE_M]);
  await waitForScene(page, (await frames(page)) + 3);
  // The camera is where we asked: HOME projects to the middle of the canvas.
  await page.waitForFunction(
    (p) => {
      const c = (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(p);
      const r = document.querySelector('canvas')!.getBoundingClientRect();
      return !!c && Math.hypot(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2)) < 2;
    },
    HOME,
    { timeout: 30_000 },
  );
}

async function clickGround(page: Page, p: LngLat) {
  const px = await project(page, p);
  await page.mouse.click(Math.round(px.x), Math.round(px.y));
}

describe('the 3D map editor', () => {
  let s: BrowserSession;
  let original: MissionLike;
  let added: LngLat;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
    await lookAtHome(s.page);
    original = await mission(s.page);
  });
  afterAll(async () => s?.close());

  it('adds a depot where the ground is clicked (within 1 m)', async () => {
    const page = s.page;
    await page.keyboard.press('d');
    await expect.poll(async () => (await editor(page)).tool).toBe('depot');
    added = offset(HOME, 120, -70);
    await clickGround(page, added);
    await expect.poll(() => page.getByTestId('depot-count').textContent(), POLL).toBe(String(original.depots.length + 1));
    const m = await mission(page);
    const depot = m.depots[m.depots.length - 1];
    expect(original.depots.some((d) => d.id === depot.id)).toBe(false);
    expect(metresBetween(depot.position, added)).toBeLessThan(1);
    expect((await editor(page)).selection).toEqual({ kind: 'depot', id: depot.id });
  });

  it('drags the depot to a new place; the camera does not pan meanwhile', async () => {
    const page = s.page;
    await page.keyboard.press('v');
    const before = await mission(page);
    const depot = before.depots[before.depots.length - 1];
    const from = await project(page, depot.position);
    const target = offset(HOME, -150, 90);
    const to = await project(page, target);
    await page.mouse.move(Math.round(from.x), Math.round(from.y));
    await page.mouse.down();
    await page.mouse.move(Math.round((from.x + to.x) / 2), Math.round((from.y + to.y) / 2), { steps: 5 });
    await page.mouse.move(Math.round(to.x), Math.round(to.y), { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => metresBetween((await mission(page)).depots.at(-1)!.position, target), POLL).toBeLessThan(2);
    // The map did not move under the cursor: HOME still projects where it did.
    const home = await project(page, HOME);
    const box = (await page.locator('canvas').boundingBox())!;
    expect(Math.hypot(home.x - (box.x + box.width / 2), home.y - (box.y + box.height / 2))).toBeLessThan(2);
    // One drag is one undo step: add + move = 2 steps.
    const undo = await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })());
    expect(undo.past).toBe(2);
  });

  it('undo twice restores the original mission exactly; redo brings the edits back', async () => {
    const page = s.page;
    const edited = await mission(page);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => mission(page), POLL).toEqual(original);
    await page.keyboard.press('Control+Shift+z');
    await page.keyboard.press('Control+y');
    await expect.poll(() => mission(page), POLL).toEqual(edited);
  });

  it('names the undo steps: the Undo tooltip and the History list; a pick there undoes back to before it', async () => {
    const page = s.page;
    const edited = await mission(page);
    const depotId = edited.depots.at(-1)!.id;
    await expect.poll(() => page.getByTestId('undo').getAttribute('title'), POLL).toBe(`Undo Move ${depotId} (Ctrl+Z)`);
    await page.getByTestId('history').click();
    const steps = page.getByTestId('history-list').locator('button');
    await expect.poll(() => steps.allTextContents(), POLL).toEqual([`Move ${depotId}`, 'New depot']);
    await steps.nth(1).click();
    await expect.poll(() => mission(page), POLL).toEqual(original);
    await expect.poll(() => page.getByTestId('redo').getAttribute('title'), POLL).toBe('Redo New depot (Ctrl+Shift+Z or Ctrl+Y)');
    await page.keyboard.press('Control+y');
    await page.keyboard.press('Control+y');
    await expect.poll(() => mission(page), POLL).toEqual(edited);
  });

  it('restores the autosaved edits after a reload', async () => {
    const page = s.page;
    const edited = await mission(page);
    await page.reload();
    await waitForScene(page);
    await expect.poll(() => mission(page), POLL).toEqual(edited);
    await lookAtHome(page);
  });

  it('draws a no-fly zone of 4 corners (closing on the first corner)', async () => {
    const page = s.page;
    const before = await mission(page);
    await page.keyboard.press('z');
    const corners = [offset(HOME, -100, -100), offset(HOME, 100, -100), offset(HOME, 100, 100), offset(HOME, -100, 100)];
    for (const c of corners) await clickGround(page, c);
    await expect.poll(async () => (await page.evaluate(() => (window.__skyhaul!.editor as () => { draft: unknown[] })().draft)).length).toBe(4);
    await clickGround(page, corners[0]);
    await expect.poll(async () => (await mission(page)).noFlyZones.length, POLL).toBe(before.noFlyZones.length + 1);
    const zone = (await mission(page)).noFlyZones.at(-1)!;
    const ring = zone.shape.coordinates![0];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    corners.forEach((c, i) => expect(metresBetween(ring[i], c)).toBeLessThan(1));
  });

  it('drags a corner of the selected zone (one undo step, ring stays closed)', async () => {
    const page = s.page;
    await page.keyboard.press('v');
    const before = await mission(page);
    const zone = before.noFlyZones.at(-1)!;
    expect((await editor(page)).selection).toEqual({ kind: 'zone', id: zone.id });
    const steps = await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })().past);
    const from = await project(page, zone.shape.coordinates![0][2]);
    const target = offset(HOME, 160, 60);
    const to = await project(page, target);
    await page.mouse.move(Math.round(from.x), Math.round(from.y));
    await page.mouse.down();
    await page.mouse.move(Math.round(to.x), Math.round(to.y), { steps: 8 });
    await page.mouse.up();
    await expect
      .poll(async () => metresBetween((await mission(page)).noFlyZones.at(-1)!.shape.coordinates![0][2], target), POLL)
      .toBeLessThan(2);
    const ring = (await mission(page)).noFlyZones.at(-1)!.shape.coordinates![0];
    expect(ring[4]).toEqual(ring[0]);
    expect(ring[0]).toEqual(zone.shape.coordinates![0][0]);
    expect(await page.evaluate(() => (window.__skyhaul!.undoState as () => { past: number })().past)).toBe(steps + 1);
  });

  it('refuses a self-crossing no-fly zone and says why', async () => {
    const page = s.page;
    await page.keyboard.press('z');
    const before = await mission(page);
    const bowTie = [offset(HOME, 120, 110), offset(HOME, 200, 190), offset(HOME, 200, 110), offset(HOME, 120, 190)];
    for (const c of bowTie) await clickGround(page, c);
    await clickGround(page, bowTie[0]);
    await expect.poll(() => page.getByTestId('notice').textContent(), POLL).toMatch(/crosses itself/);
    expect(await mission(page)).toEqual(before);
  });

  it('draws a building, closing with a double-click', async () => {
    const page = s.page;
    const before = await mission(page);
    await page.keyboard.press('b');
    const corners = [offset(HOME, -220, 120), offset(HOME, -160, 120), offset(HOME, -160, 180)];
    for (const c of corners.slice(0, 2)) await clickGround(page, c);
    const last = await project(page, corners[2]);
    await page.mouse.dblclick(Math.round(last.x), Math.round(last.y));
    await expect.poll(async () => (await mission(page)).buildings.length, POLL).toBe(before.buildings.length + 1);
    const b = (await mission(page)).buildings.at(-1)!;
    expect(b.footprint.coordinates[0]).toHaveLength(4);
    expect(b.heightM).toBeGreaterThan(0);
  });

  it('marks a drop point placed inside a no-fly zone, with the reason on hover', async () => {
    const page = s.page;
    await page.keyboard.press('o');
    const before = await mission(page);
    const spot = offset(HOME, -30, -30); // inside the zone drawn above
    await clickGround(page, spot);
    await expect.poll(async () => (await mission(page)).orders.length, POLL).toBe(before.orders.length + 1);
    const order = (await mission(page)).orders.at(-1)!;
    const checks = await page.evaluate(() => (window.__skyhaul!.checks as () => { path: string; message: string }[])());
    expect(checks.some((c) => c.path === `orders[${before.orders.length}].position` && /inside no-fly zone/.test(c.message))).toBe(true);
    const px = await project(page, order.position);
    await page.mouse.move(Math.round(px.x) + 2, Math.round(px.y) + 2);
    await page.mouse.move(Math.round(px.x), Math.round(px.y));
    await expect.poll(() => page.getByTestId('hover-label').textContent(), POLL).toMatch(/inside no-fly zone/);
  });

  it('edits a field in the inspector: invalid values are shown and never written', async () => {
    const page = s.page;
    await page.keyboard.press('Escape');
    await page.keyboard.press('v');
    const before = await mission(page);
    const depot = before.depots.at(-1)!;
    // Select the depot by clicking its marker.
    const at = await project(page, depot.position);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await editor(page)).selection, POLL).toEqual({ kind: 'depot', id: depot.id });
    const lat = page.getByTestId('field-position.1');
    await lat.fill('95');
    await expect.poll(() => page.getByTestId('field-position.1-error').textContent(), POLL).toMatch(/latitude must be within -90..90/);
    expect(await mission(page)).toEqual(before);
    await page.getByTestId('field-name').fill('Harbour depot');
    await expect.poll(async () => (await mission(page)).depots.at(-1)!.id === depot.id && (await mission(page)).depots.at(-1)!.position).toEqual(depot.position);
    await expect.poll(async () => (await page.evaluate(() => (window.__skyhaul!.mission as () => { depots: { name: string }[] })().depots.at(-1)!.name))).toBe('Harbour depot');
  });

  it('refuses to open an invalid mission file, lists its errors and keeps the mission', async () => {
    // The dialog names the thing (order order-1) and keeps the loader's message and path.
    const [path, message] = readFileSync('missions/invalid/duplicate-id.expected', 'utf8').trim().split(/: (.*)/s);
    const literal = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expectRefused(s.page, 'missions/invalid/duplicate-id.json', new RegExp(`order order-1: id: ${literal(message)}.*${literal(path)}`));
  });

  it('refuses a file that is not UTF-8, saying where, and keeps the mission', async () => {
    const text = readFileSync('missions/tutorial.json');
    const at = text.indexOf(Buffer.from('"name"')) + 9;
    const buffer = Buffer.concat([text.subarray(0, at), Buffer.of(0xff), text.subarray(at)]);
    await expectRefused(s.page, { name: 'latin1.json', buffer }, /not valid UTF-8 at byte \d+ \(line \d+, column \d+\)/);
  });

  it('refuses with reasons, never an uncaught error, the files that once crashed the loader', async () => {
    const base = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
    const cases: [string, unknown, RegExp][] = [
      ['empty-ring.json', { ...base, noFlyZones: [{ ...base.noFlyZones[0], shape: { type: 'Polygon', coordinates: [[]] } }] }, /noFlyZones\[0\]\.shape\.coordinates\[0\]/],
      ['v0-null-zone.json', { ...base, schemaVersion: 0, noFlyZones: [null] }, /noFlyZones\[0\]/],
    ];
    for (const [name, doc, reason] of cases) await expectRefused(s.page, { name, buffer: Buffer.from(JSON.stringify(doc)) }, reason);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
