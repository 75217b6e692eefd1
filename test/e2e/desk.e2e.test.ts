/**
 * The dispatcher's desk in Chromium, at 1440x900 and at 1024x700, on the tutorial mission plus one
 * time-limited no-fly zone over open ground (opened as a file through the app's Open input, then planned
 * and simulated):
 * - the legend names every marker kind (compared with this test's own list), each name readable in full,
 *   and the panel covers neither the toolbar nor the clock;
 * - a layer switch hides the routes (the scene object is no longer drawn; remembered in local storage),
 *   hidden drop points cannot be clicked, the labels switch hides the store names;
 * - Space plays and pauses (the clock advances, then stops), also right after clicking Play, and not
 *   while typing in a text field;
 * - during 300x playback a drone clicked where the scene draws it this frame gets selected (the camera
 *   following it, and a drone standing at its depot), and a drone over its drop point wins the click
 *   over the drop point;
 * - the time-limited zone looks different at a playback time inside its window and at one outside it
 *   (pixels probed at its projected centre, compared with each other and with the open ground beside);
 * - the charge chart draws the playback time as a cursor in its own colour;
 * - the timeline marks emergencies, losses of separation, diversions and holds (added to the trace) where
 *   they happen, each kind in its colour, titled with its events; clicking one seeks to it.
 * Pixels are only compared within one run (software WebGL).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, canvasColoursAt, openBrowser, waitForScene, hook } from './browser';

interface TraceLike {
  startTime: string;
  endS: number;
  stateNames: string[];
  drones: { droneId: string; tS: number[]; lng: number[]; lat: number[]; altM: number[]; state: number[] }[];
  events: { tS: number; droneId: string; kind: string; state?: string; orderId?: string }[];
}
interface OnScreen {
  x: number;
  y: number;
  altM: number;
  drawnAtS: number;
  tS: number;
  haloPx: number;
  groundPx: number;
}
interface Rgb {
  r: number;
  g: number;
  b: number;
}

const POLL = { timeout: 60_000, interval: 100 };

/** Every kind of thing the map draws, and a word its legend entry must say. */
const MARKER_KINDS: [kind: string, words: RegExp][] = [
  ['depot', /depot/i],
  ['pad', /pad/i],
  ['flagged-depot', /flagged depot/i],
  ['drop-point', /^drop point$/i],
  ['flagged-drop-point', /flagged drop point/i],
  ['order-pending', /pending/i],
  ['order-assigned', /assigned/i],
  ['order-airborne', /airborne/i],
  ['order-delivered', /delivered/i],
  ['order-failed', /failed/i],
  ['zone-always', /always active/i],
  ['zone-timed', /time-limited/i],
  ['zone-timed-active', /\bactive now/i],
  ['zone-timed-inactive', /inactive now/i],
  ['building', /building/i],
  ['route', /planned route/i],
  ['route-planned-deviated', /deviated/i],
  ['route-flown', /flown/i],
  ['drone-ground', /ground/i],
  ['drone-cruise', /flying/i],
  ['drone-drop', /drop/i],
  ['drone-return', /return/i],
  ['drone-holding', /holding/i],
  ['drone-charging', /charging/i],
  ['drone-diverted', /diverted/i],
  ['drone-emergency', /emergency/i],
  ['drone-selected', /selected/i],
  ['parcel', /parcel/i],
  ['trail', /trail/i],
  ['label-store', /store/i],
  ['label-selected', /selected/i],
  ['water', /water/i],
  ['context-road', /main road/i],
  ['context-building', /low building/i],
];

const ZONE_ID = 'nfz-desk-timed';
/** The zone's window, mission seconds, and a time inside and one outside it. */
const ZONE_FROM_S = 1200;
const ZONE_TO_S = 2400;
const INSIDE_S = 1800;
const OUTSIDE_S = 3600;
/** South of the tutorial's depot, clear of its routes, drop points and buildings. */
const ZONE_RING: [number, number][] = [
  [113.998, 22.532],
  [114.002, 22.532],
  [114.002, 22.536],
  [113.998, 22.536],
  [113.998, 22.532],
];
const ZONE_CENTRE: [number, number] = [114.0, 22.534];

function fixture(): { text: string; name: string } {
  const raw = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
  raw.name = 'Desk e2e: tutorial with a time-limited zone';
  raw.noFlyZones.push({
    id: ZONE_ID,
    name: 'Event stage (time-limited)',
    shape: { type: 'Polygon', coordinates: [ZONE_RING] },
    ceilingM: 150,
    active: { earliest: ZONE_FROM_S, latest: ZONE_TO_S },
  });
  return { text: JSON.stringify(raw), name: raw.name };
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Mean colour of the scene canvas over a (2r+1)² block around a client point. */
async function pixelAt(page: Page, x: number, y: number, r = 3): Promise<Rgb> {
  const block: [number, number][] = [];
  for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) block.push([dx, dy]);
  const colours = await canvasColoursAt(page, x, y, block);
  const mean = (k: number) => colours.reduce((sum, c) => sum + c[k], 0) / colours.length;
  return { r: mean(0), g: mean(1), b: mean(2) };
}

const colourDistance = (a: Rgb, b: Rgb) => Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b);

/** Put the camera top-down (the T key), whatever the view buttons are called. */
async function topDown(page: Page): Promise<void> {
  if ((await hook<string>(page, 'cameraMode')) === 'top-down') return;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('t');
  await expect.poll(() => hook<string>(page, 'cameraMode'), POLL).toBe('top-down');
}

/** Stop, clear both selections and stop following; speed back to 60x. */
async function settle(page: Page): Promise<void> {
  await hook(page, 'pause');
  await hook(page, 'selectDrone', null);
  await hook(page, 'followDrone', null);
  await hook(page, 'setSpeed', 60);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  if ((await hook<{ selection: unknown }>(page, 'editor')).selection) await page.keyboard.press('Escape');
}

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('the dispatcher’s desk at $width x $height', (viewport) => {
  let s: BrowserSession;
  let trace: TraceLike;
  const fx = fixture();

  beforeAll(async () => {
    s = await openBrowser(viewport);
    const page = s.page;
    await page.goto(inject('baseUrl'));
    await waitForScene(page);
    await page.getByTestId('open-file').setInputFiles({ name: 'desk.json', mimeType: 'application/json', buffer: Buffer.from(fx.text) });
    await page.waitForFunction((name) => (window.__skyhaul!.mission as () => { name: string })().name === name, fx.name, POLL);
    const result = await hook<{ planned: boolean; drones: number }>(page, 'planAndSimulate', 2);
    expect(result).toMatchObject({ planned: true, drones: 2 });
    await page.getByTestId('timeline').waitFor({ timeout: POLL.timeout });
    trace = await hook<TraceLike>(page, 'trace');
  });
  afterAll(async () => s?.close());

  it('the legend names every marker kind, readably, and the panel covers neither the toolbar nor the clock', async () => {
    const page = s.page;
    const panel = page.getByTestId('layers-panel');
    expect(await panel.isVisible()).toBe(true);
    // It starts folded to its title; unfolded, it stays so (remembered).
    expect(await page.getByTestId('layers-toggle').getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('layers-toggle').click();
    await expect.poll(() => page.getByTestId('legend-item').count(), POLL).toBeGreaterThan(0);
    const kinds = await page.getByTestId('legend-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect([...kinds].sort()).toEqual(MARKER_KINDS.map(([k]) => k).sort());
    // Each entry, scrolled into the panel's view: its name in full (not cut off by its column), with its symbol.
    const entries = await page.getByTestId('legend-item').evaluateAll((els) =>
      els.map((el) => {
        const li = el as HTMLElement;
        li.scrollIntoView({ block: 'nearest' });
        const r = li.getBoundingClientRect();
        const panel = li.closest('[data-testid="layers-panel"]')!.getBoundingClientRect();
        return {
          kind: li.dataset.kind ?? '',
          name: (li.querySelector('span')?.textContent ?? '').trim(),
          shown: r.width > 0 && r.height > 0 && r.top >= panel.top - 1 && r.bottom <= panel.bottom + 1,
          whole: li.scrollWidth <= li.clientWidth + 1,
          symbols: li.querySelectorAll('svg').length,
        };
      }),
    );
    for (const [kind, words] of MARKER_KINDS) {
      const e = entries.find((x) => x.kind === kind)!;
      expect(e, kind).toMatchObject({ shown: true, whole: true, symbols: 1 });
      expect(e.name, kind).toMatch(words);
    }
    const box = (await panel.boundingBox())!;
    const toolbar = (await page.locator('.toolbar').boundingBox())!;
    const clock = (await page.getByTestId('time-readout').boundingBox())!;
    expect(overlaps(box, toolbar)).toBe(false);
    expect(overlaps(box, clock)).toBe(false);
    // Inside the window, and every toolbar button is still the topmost element at its centre.
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    const covered = await page.locator('.toolbar button').evaluateAll((buttons) =>
      buttons
        .filter((b) => (b as HTMLElement).offsetParent !== null)
        .filter((b) => {
          const r = b.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return !top || !(b === top || b.contains(top));
        })
        .map((b) => b.textContent),
    );
    expect(covered).toEqual([]);
  });

  it('the routes switch hides the routes; hidden drop points take no click; the labels switch hides the names', async () => {
    const page = s.page;
    await settle(page);
    expect(await hook(page, 'sceneObject', 'plan-routes')).toMatchObject({ found: true, visible: true });
    await page.getByTestId('layer-routes').click();
    await expect.poll(async () => (await hook<{ visible: boolean }>(page, 'sceneObject', 'plan-routes')).visible, POLL).toBe(false);
    expect((await hook<{ visible: Record<string, boolean> }>(page, 'layers')).visible.routes).toBe(false);
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('skyhaul.layers.v1')))!);
    expect(stored.visible.routes).toBe(false);
    expect(stored.panelOpen).toBe(true);
    await page.getByTestId('layer-routes').click();
    await expect.poll(async () => (await hook<{ visible: boolean }>(page, 'sceneObject', 'plan-routes')).visible, POLL).toBe(true);

    // Drop points: hidden, a click where one is does not select it; shown again, it does.
    await hook(page, 'seek', 0);
    await topDown(page);
    const mission = await hook<{ orders: { id: string; position: [number, number] }[] }>(page, 'mission');
    const order = mission.orders[0];
    await hook(page, 'flyTo', order.position, 1500);
    await page.waitForTimeout(800);
    await page.getByTestId('layer-drops').click();
    await expect.poll(async () => (await hook<{ visible: boolean }>(page, 'sceneObject', 'orders')).visible, POLL).toBe(false);
    let at = await hook<{ x: number; y: number }>(page, 'project', order.position, 8);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await page.waitForTimeout(300);
    expect((await hook<{ selection: unknown }>(page, 'editor')).selection).toBeNull();
    await page.getByTestId('layer-drops').click();
    await expect.poll(async () => (await hook<{ visible: boolean }>(page, 'sceneObject', 'orders')).visible, POLL).toBe(true);
    await page.waitForTimeout(300);
    at = await hook<{ x: number; y: number }>(page, 'project', order.position, 8);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await hook<{ selection: unknown }>(page, 'editor')).selection, POLL).toEqual({ kind: 'order', id: order.id });
    // The selected drop point is named on the map, with the store.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('f');
    await expect
      .poll(async () => (await hook<{ items: { text: string; kind: string; shown: boolean }[] }>(page, 'mapLabels')).items.filter((l) => l.shown).map((l) => l.text).sort(), POLL)
      .toEqual([order.id, 'Tutorial store'].sort());
    await page.keyboard.press('Escape');
    await page.getByTestId('layer-labels').click();
    await expect.poll(() => page.getByTestId('map-labels').isVisible(), POLL).toBe(false);
    await page.getByTestId('layer-labels').click();
    await expect.poll(() => page.getByTestId('map-labels').isVisible(), POLL).toBe(true);
  });

  it('Space plays and pauses: the clock advances, then stops', async () => {
    const page = s.page;
    await settle(page);
    await hook(page, 'seek', 600);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await hook<{ playing: boolean }>(page, 'playback')).playing, POLL).toBe(true);
    await page.waitForTimeout(700);
    expect((await hook<{ tS: number }>(page, 'playback')).tS).toBeGreaterThan(610);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await hook<{ playing: boolean }>(page, 'playback')).playing, POLL).toBe(false);
    const stopped = (await hook<{ tS: number }>(page, 'playback')).tS;
    await page.waitForTimeout(400);
    expect((await hook<{ tS: number }>(page, 'playback')).tS).toBe(stopped);

    // Play clicked with the mouse keeps the focus: Space then pauses, once (not paused and played again).
    await page.getByTestId('play-pause').click();
    await expect.poll(async () => (await hook<{ playing: boolean }>(page, 'playback')).playing, POLL).toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await hook<{ playing: boolean }>(page, 'playback')).playing, POLL).toBe(false);
    await page.waitForTimeout(300);
    expect((await hook<{ playing: boolean }>(page, 'playback')).playing).toBe(false);

    // A space typed in a field is the field's (a number field: ignored there), not play.
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-time-limit').focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    expect((await hook<{ playing: boolean }>(page, 'playback')).playing).toBe(false);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  });

  it('during 300x playback, a drone clicked where it is drawn gets selected (followed, and standing at its depot)', async () => {
    const page = s.page;
    await settle(page);
    await topDown(page);
    const busiest = [...trace.drones].sort((a, b) => b.tS.length - a.tS.length)[0];
    const cruise = trace.events.find((e) => e.droneId === busiest.droneId && e.kind === 'state' && e.state === 'cruise')!;
    await hook(page, 'seek', cruise.tS + 2);
    await hook(page, 'followDrone', busiest.droneId);
    await page.waitForTimeout(1200);
    await hook(page, 'setSpeed', 300);
    await hook(page, 'play');
    await page.waitForTimeout(300);
    const at = await hook<OnScreen>(page, 'droneOnScreen', busiest.droneId);
    expect(at.altM).toBeGreaterThan(20);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await hook<{ selected: string[] }>(page, 'playback')).selected, POLL).toEqual([busiest.droneId]);
    let pb = await hook<{ playing: boolean; tS: number }>(page, 'playback');
    expect(pb.playing).toBe(true);
    expect(pb.tS).toBeGreaterThan(cruise.tS + 60);
    expect((await hook<{ selection: unknown }>(page, 'editor')).selection).toBeNull();

    // A drone standing at its depot while the clock races: a stretch of at least 450 s on the ground.
    await settle(page);
    const ground = new Set(['idle', 'charging', 'loading', 'battery-swap']);
    let pick: { droneId: string; fromS: number; index: number } | undefined;
    for (const d of trace.drones) {
      for (let i = 0; i < d.tS.length && !pick; i++) {
        if (!ground.has(trace.stateNames[d.state[i]]) || d.tS[i] < 300) continue;
        let j = i;
        while (j + 1 < d.tS.length && ground.has(trace.stateNames[d.state[j + 1]])) j++;
        const until = j + 1 < d.tS.length ? d.tS[j + 1] : trace.endS;
        if (until - d.tS[i] >= 450) pick = { droneId: d.droneId, fromS: d.tS[i], index: i };
      }
      if (pick) break;
    }
    expect(pick).toBeDefined();
    const standing = trace.drones.find((d) => d.droneId === pick!.droneId)!;
    await hook(page, 'seek', pick!.fromS + 5);
    await hook(page, 'flyTo', [standing.lng[pick!.index], standing.lat[pick!.index]], 400);
    await page.waitForTimeout(1200);
    await hook(page, 'setSpeed', 300);
    await hook(page, 'play');
    await page.waitForTimeout(100);
    const there = await hook<OnScreen>(page, 'droneOnScreen', pick!.droneId);
    // No other drone within reach of the click: the test asks for this one.
    for (const d of trace.drones.filter((x) => x.droneId !== pick!.droneId)) {
      const other = await hook<OnScreen | null>(page, 'droneOnScreen', d.droneId);
      if (other) expect(Math.hypot(other.x - there.x, other.y - there.y)).toBeGreaterThan(there.groundPx);
    }
    await page.mouse.click(Math.round(there.x), Math.round(there.y));
    await expect.poll(async () => (await hook<{ selected: string[] }>(page, 'playback')).selected, POLL).toEqual([pick!.droneId]);
    pb = await hook<{ playing: boolean; tS: number }>(page, 'playback');
    expect(pb.playing).toBe(true);
    // The depot and its pads under and around the drone did not take the click.
    expect((await hook<{ selection: unknown }>(page, 'editor')).selection).toBeNull();
    await settle(page);
  });

  it('a drone over its drop point wins the click over the drop point, while playing', async () => {
    const page = s.page;
    await settle(page);
    await topDown(page);
    const mission = await hook<{ orders: { id: string; position: [number, number] }[] }>(page, 'mission');
    // The first drop: the drone hovers over the drop point from the drop until the climb-out.
    const drop = trace.events.find((e) => e.kind === 'state' && e.state === 'drop')!;
    const climbOut = trace.events.find((e) => e.droneId === drop.droneId && e.kind === 'state' && e.state === 'climb-out' && e.tS > drop.tS)!;
    const delivered = trace.events.find((e) => e.droneId === drop.droneId && e.kind === 'delivered' && e.tS >= drop.tS)!;
    const order = mission.orders.find((o) => o.id === delivered.orderId)!;
    expect(climbOut.tS - drop.tS).toBeGreaterThan(10);
    await hook(page, 'seek', drop.tS + 1);
    await hook(page, 'flyTo', order.position, 800);
    await page.waitForTimeout(1200);
    await hook(page, 'setSpeed', 2);
    await hook(page, 'play');
    await page.waitForTimeout(200);
    const at = await hook<OnScreen>(page, 'droneOnScreen', drop.droneId);
    const marker = await hook<{ x: number; y: number }>(page, 'project', order.position, 0);
    // The drop point's marker is under the drone's halo.
    expect(Math.hypot(marker.x - at.x, marker.y - at.y)).toBeLessThan(at.haloPx / 2);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await hook<{ selected: string[] }>(page, 'playback')).selected, POLL).toEqual([drop.droneId]);
    const pb = await hook<{ playing: boolean; tS: number }>(page, 'playback');
    expect(pb.playing).toBe(true);
    expect(pb.tS).toBeLessThan(climbOut.tS);
    expect((await hook<{ selection: unknown }>(page, 'editor')).selection).toBeNull();
    await settle(page);
  });

  it('the time-limited zone looks different when active at the playback time and when not', async () => {
    const page = s.page;
    await settle(page);
    await topDown(page);
    // Only the zone and the ground under the probe.
    for (const layer of ['routes', 'drones', 'labels']) await hook(page, 'setLayer', layer, false);
    await hook(page, 'flyTo', ZONE_CENTRE, 1500);
    await page.waitForTimeout(1000);
    const centre = await hook<{ x: number; y: number }>(page, 'project', ZONE_CENTRE, 0);
    // Open ground as far east of the zone's edge as the zone is wide.
    const east = await hook<{ x: number; y: number }>(page, 'project', [114.0062, 22.534], 0);
    const probe = async (t: number, look: string) => {
      await hook(page, 'seek', t);
      await expect.poll(async () => (await hook<{ drawnAtS: number; look: string }>(page, 'zoneShown', ZONE_ID))?.drawnAtS, POLL).toBe(t);
      expect((await hook<{ look: string }>(page, 'zoneShown', ZONE_ID)).look).toBe(look);
      await page.waitForTimeout(400);
      return { zone: await pixelAt(page, centre.x, centre.y), ground: await pixelAt(page, east.x, east.y) };
    };
    const active = await probe(INSIDE_S, 'timed-active');
    const inactive = await probe(OUTSIDE_S, 'timed-inactive');
    const before = await probe(ZONE_FROM_S - 300, 'timed-inactive');
    console.log(`zone pixels at ${viewport.width}x${viewport.height}: active ${JSON.stringify(active)}, inactive ${JSON.stringify(inactive)}`);
    expect(colourDistance(active.ground, inactive.ground)).toBeLessThan(6);
    expect(colourDistance(active.zone, inactive.zone)).toBeGreaterThan(40);
    // Active: strongly amber against the ground; inactive: close to the ground, only faintly tinted.
    expect(colourDistance(active.zone, active.ground)).toBeGreaterThan(3 * colourDistance(inactive.zone, inactive.ground));
    expect(active.zone.r - active.zone.b).toBeGreaterThan(inactive.zone.r - inactive.zone.b + 30);
    expect(colourDistance(before.zone, inactive.zone)).toBeLessThan(6);
    for (const layer of ['routes', 'drones', 'labels']) await hook(page, 'setLayer', layer, true);
  });

  it('the charge chart draws the playback time as a cursor in its own colour', async () => {
    const page = s.page;
    await settle(page);
    await hook(page, 'selectDrone', trace.drones[0].droneId);
    await hook(page, 'seek', 1000);
    await page.getByTestId('tab-replay').click();
    const cursorPixels = () =>
      page.evaluate(() => {
        const c = document.querySelector('[data-testid="soc-chart"] canvas') as HTMLCanvasElement | null;
        if (!c || c.width === 0) return 0;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        // The cursor colour #312e81 (no series, axis or grid is drawn in it).
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0x31) < 24 && Math.abs(d[i + 1] - 0x2e) < 24 && Math.abs(d[i + 2] - 0x81) < 24 && d[i + 3] > 100) n++;
        return n;
      });
    await expect.poll(cursorPixels, POLL).toBeGreaterThan(40);
  });

  it('the timeline marks emergencies, losses of separation, diversions and holds where they happen; a mark seeks to its event', async () => {
    const page = s.page;
    await settle(page);
    const original = await hook<TraceLike>(page, 'trace');
    const [a, b] = original.drones.map((d) => d.droneId);
    // The tutorial day has none of these: four are added to its trace (a copy, loaded back after).
    const added = [
      { tS: 700, droneId: a, kind: 'hold', reason: 'pad busy' },
      { tS: 1500, droneId: a, kind: 'separation-loss', otherDroneId: b, horizontalM: 30, verticalM: 5 },
      { tS: 2500, droneId: b, kind: 'divert', depotId: 'depot-1', reason: 'test' },
      { tS: 3300, droneId: b, kind: 'emergency-landing', reason: 'test' },
    ];
    const changed = { ...original, events: [...original.events, ...added].sort((x, y) => x.tS - y.tS) };
    await hook(page, 'loadTrace', changed);
    const marks = page.getByTestId('event-mark');
    await expect.poll(() => marks.count(), POLL).toBe(4);
    const shown = await marks.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { kind: (el as HTMLElement).dataset.kind, t: Number((el as HTMLElement).dataset.t), x: r.left + r.width / 2, title: el.getAttribute('title') ?? '', colour: getComputedStyle(el).backgroundColor, h: r.height };
      }),
    );
    expect(shown.map((m) => [m.kind, m.t])).toEqual([
      ['hold', 700],
      ['separation', 1500],
      ['diversion', 2500],
      ['emergency', 3300],
    ]);
    expect(new Set(shown.map((m) => m.colour)).size).toBe(4);
    // Where the slider's thumb stands at that time (the track is inset by half a thumb at each end).
    const slider = (await page.getByTestId('scrub').boundingBox())!;
    for (const m of shown) {
      const share = (m.x - slider.x - 8) / (slider.width - 16);
      expect(Math.abs(share - m.t / changed.endS), m.kind).toBeLessThan(0.01);
      expect(m.h).toBeGreaterThan(4);
    }
    expect(shown[0].title.split('\n')[0]).toBe('hold');
    expect(shown[1].title).toMatch(/^loss of separation\n10:25:00 depot-1 #\d and depot-1 #\d, 30 m apart$/);
    expect(shown[3].title).toContain('10:55:00');
    await marks.nth(1).click();
    await expect.poll(async () => (await hook<{ tS: number }>(page, 'playback')).tS, POLL).toBe(1500);
    await hook(page, 'loadTrace', original);
    await expect.poll(() => marks.count(), POLL).toBe(0);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
