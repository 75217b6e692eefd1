/**
 * The dispatcher's desk tools in the browser on the tutorial mission: the orthographic top-down view
 * (no parallax, clicks still land on the right ground point, pan and zoom still work), the cursor's
 * coordinates, the measuring tool, and the per-trip panel (altitude profile and waypoint table of a
 * planned trip, and a trip flown again at another cruise layer). Expected values are computed here
 * (haversine, own bearing formula), never read from the app's own helpers.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene, hook } from './browser';
import { metresBetween } from '../haversine';

type LngLat = [number, number];
interface MissionLike {
  depots: { id: string; position: LngLat }[];
  orders: { id: string; position: LngLat }[];
  settings: { cruiseAltitudesM: number[] };
}
interface TripLike {
  tripId: string;
  legs: { cruiseAltitudeM: number; waypoints: [number, number, number, number][] }[];
}
interface PlanLike {
  drones: { droneId: string; trips: TripLike[] }[];
}

const POLL = { timeout: 60_000, interval: 200 };

async function project(page: Page, p: LngLat, altitudeM = 0): Promise<{ x: number; y: number }> {
  const px = await hook<{ x: number; y: number } | null>(page, 'project', p, altitudeM);
  if (!px) throw new Error(`[${p}] is not in front of the camera`);
  return px;
}

/** Initial great-circle bearing, degrees true (the navigation formula, written here independently). */
function bearingDeg(a: LngLat, b: LngLat): number {
  const r = Math.PI / 180;
  const y = Math.sin((b[0] - a[0]) * r) * Math.cos(b[1] * r);
  const x = Math.cos(a[1] * r) * Math.sin(b[1] * r) - Math.sin(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r);
  return ((Math.atan2(y, x) / r) % 360 + 360) % 360;
}

/** A point `east`/`north` metres from `p` (small offsets; plain spherical arithmetic). */
function offset(p: LngLat, eastM: number, northM: number): LngLat {
  const R = 6_371_008.8;
  return [p[0] + (eastM / (R * Math.cos((p[1] * Math.PI) / 180))) * (180 / Math.PI), p[1] + (northM / R) * (180 / Math.PI)];
}

/** Top-down, centred on p at a view distance, once the camera is there. */
async function lookDownAt(page: Page, p: LngLat, distanceM: number): Promise<void> {
  if ((await hook<string>(page, 'cameraMode')) !== 'top-down') await page.getByRole('button', { name: 'Top-down' }).click();
  await expect.poll(() => hook<string>(page, 'cameraType'), POLL).toBe('OrthographicCamera');
  await hook(page, 'flyTo', p, distanceM);
  await page.waitForFunction(
    (q) => {
      const c = (window.__skyhaul!.project as (p: LngLat) => { x: number; y: number } | null)(q);
      const r = document.querySelector('canvas')!.getBoundingClientRect();
      return !!c && Math.hypot(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2)) < 1;
    },
    p,
    { timeout: 30_000 },
  );
  await waitForScene(page, (await hook<number>(page, 'frames')) + 3);
}

/** The numbers of an SVG path's d attribute as [x, y] pairs (M/L commands only). */
function pathPoints(d: string): [number, number][] {
  const nums = [...d.matchAll(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g)].map((m) => Number(m[0]));
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i], nums[i + 1]]);
  return out;
}

describe('dispatcher desk: top-down, coordinates, measuring, trip panel', () => {
  let s: BrowserSession;
  let mission: MissionLike;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(`${inject('baseUrl')}?mission=tutorial`);
    await waitForScene(s.page);
    await s.page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 1, null, POLL);
    mission = await hook<MissionLike>(s.page, 'mission');
  });
  afterAll(async () => s?.close());

  it('top-down is an orthographic camera: no parallax, fit, zoom and pan still work, 3D is perspective again', async () => {
    const page = s.page;
    expect(await hook<string>(page, 'cameraType')).toBe('PerspectiveCamera');
    const depot = mission.depots[0].position;
    await lookDownAt(page, depot, 1500);
    // A point 300 m up projects where the ground under it does (a perspective camera would move it off-centre).
    const side = offset(depot, 400, 250);
    const ground = await project(page, side, 0);
    const high = await project(page, side, 300);
    expect(Math.hypot(ground.x - high.x, ground.y - high.y)).toBeLessThan(0.5);
    // Scale: 500 m east on screen is the same number of pixels anywhere in the view.
    const a = await project(page, offset(depot, -300, 200));
    const b = await project(page, offset(depot, 200, 200));
    const c = await project(page, offset(depot, -300, -250));
    const d = await project(page, offset(depot, 200, -250));
    expect(Math.abs(Math.hypot(b.x - a.x, b.y - a.y) - Math.hypot(d.x - c.x, d.y - c.y))).toBeLessThan(0.5);
    // North up: a point north of the depot is straight above it on screen.
    const centre = await project(page, depot);
    const north = await project(page, offset(depot, 0, 300));
    expect(Math.abs(north.x - centre.x)).toBeLessThan(0.5);
    expect(north.y).toBeLessThan(centre.y);

    // Wheel zoom (in) at the centre: the same 500 m take more pixels.
    const before = Math.hypot(b.x - a.x, b.y - a.y);
    const box = (await page.locator('canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    // Each wheel notch zooms by 5 %.
    for (let i = 0; i < 6; i++) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(50);
    }
    await expect
      .poll(async () => {
        const a2 = await project(page, offset(depot, -300, 200));
        const b2 = await project(page, offset(depot, 200, 200));
        return Math.hypot(b2.x - a2.x, b2.y - a2.y) / before;
      }, POLL)
      .toBeGreaterThan(1.2);
    // Left-drag on open ground pans: the ground under the cursor follows it (and nothing was edited).
    const grab = offset(depot, 30, -140);
    const start = await project(page, grab);
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [Math.round(start.x), Math.round(start.y)])).toBe('CANVAS');
    await page.mouse.move(Math.round(start.x), Math.round(start.y));
    await page.mouse.down();
    await page.mouse.move(Math.round(start.x) + 60, Math.round(start.y) + 40, { steps: 6 });
    await page.mouse.up();
    // (the controls ease out: wait until the map settles)
    await expect
      .poll(async () => {
        const moved = await project(page, grab);
        return Math.hypot(moved.x - (Math.round(start.x) + 60), moved.y - (Math.round(start.y) + 40));
      }, POLL)
      .toBeLessThan(3);
    expect(await hook<MissionLike>(page, 'mission')).toEqual(mission);
    // Fit (F) frames every depot and drop point.
    await page.keyboard.press('f');
    await waitForScene(page, (await hook<number>(page, 'frames')) + 3);
    for (const p of [...mission.depots, ...mission.orders].map((x) => x.position)) {
      const q = await project(page, p);
      expect(q.x).toBeGreaterThan(box.x);
      expect(q.x).toBeLessThan(box.x + box.width);
      expect(q.y).toBeGreaterThan(box.y);
      expect(q.y).toBeLessThan(box.y + box.height);
    }
    await page.getByRole('button', { name: '3D view' }).click();
    await expect.poll(() => hook<string>(page, 'cameraType'), POLL).toBe('PerspectiveCamera');
  });

  it('the cursor readout shows the latitude and longitude of the ground under the pointer', async () => {
    const page = s.page;
    const depot = mission.depots[0].position;
    await lookDownAt(page, depot, 600);
    const at = await project(page, depot);
    await page.mouse.move(Math.round(at.x) - 40, Math.round(at.y) + 30);
    await page.mouse.move(Math.round(at.x), Math.round(at.y), { steps: 3 });
    const read = async () => {
      const text = (await page.getByTestId('cursor-latlng').textContent()) ?? '';
      const m = /([\d.]+)° ([NS]), ([\d.]+)° ([EW])/.exec(text);
      if (!m) return Infinity;
      const lat = Number(m[1]) * (m[2] === 'S' ? -1 : 1);
      const lng = Number(m[3]) * (m[4] === 'W' ? -1 : 1);
      return metresBetween([lng, lat], depot);
    };
    // One pixel is about half a metre at this view; the readout has 6 decimals (~0.1 m).
    await expect.poll(read, POLL).toBeLessThan(2);
    expect(await page.getByTestId('cursor-local').textContent()).toMatch(/^x -?\d+ m, y -?\d+ m$/);
  });

  it('measures distance and bearing between a depot and a drop point (haversine within 0.5 %); Esc clears', async () => {
    const page = s.page;
    const depot = mission.depots[0].position;
    const order = [...mission.orders].sort((a, b) => metresBetween(b.position, depot) - metresBetween(a.position, depot))[0].position;
    const mid: LngLat = [(depot[0] + order[0]) / 2, (depot[1] + order[1]) / 2];
    await lookDownAt(page, mid, metresBetween(depot, order) * 3);
    await page.keyboard.press('m');
    await expect.poll(async () => (await hook<{ tool: string }>(page, 'editor')).tool).toBe('measure');
    expect(await page.getByTestId('tool-measure').getAttribute('aria-pressed')).toBe('true');
    for (const [i, p] of [depot, order].entries()) {
      const q = await project(page, p);
      // Nothing over the map there (a label, a panel): the click reaches the canvas.
      expect(await page.evaluate(([x, y]) => { const e = document.elementFromPoint(x, y); return `${e?.tagName} ${e?.className}`; }, [Math.round(q.x), Math.round(q.y)])).toBe('CANVAS ');
      await page.mouse.click(Math.round(q.x), Math.round(q.y));
      await expect.poll(async () => (await hook<LngLat[]>(page, 'measurePoints')).length, POLL).toBe(i + 1);
    }
    await expect.poll(() => page.getByTestId('measure-segment').count(), POLL).toBe(1);
    const expected = metresBetween(depot, order);
    const total = Number(await page.getByTestId('measure-total').getAttribute('data-distance-m'));
    expect(Math.abs(total - expected) / expected).toBeLessThan(0.005);
    // What the panel says in words: km with 3 decimals (or m), and the bearing.
    const shown = (await page.getByTestId('measure-total').textContent())!;
    const shownM = shown.endsWith(' km') ? Number(shown.slice(0, -3)) * 1000 : Number(shown.slice(0, -2));
    expect(Math.abs(shownM - expected) / expected).toBeLessThan(0.005);
    const bearing = Number(await page.getByTestId('measure-segment').getAttribute('data-bearing-deg'));
    expect(Math.abs(((bearing - bearingDeg(depot, order) + 540) % 360) - 180)).toBeLessThan(0.5);
    const bearingText = /(\d{3}\.\d)°/.exec((await page.getByTestId('measure-segment').textContent())!)!;
    expect(Math.abs(((Number(bearingText[1]) - bearingDeg(depot, order) + 540) % 360) - 180)).toBeLessThan(0.1);
    // A third point on open ground lands where it was clicked (top-down picking, within 1 m).
    const open = offset(mid, 150, -120);
    const q = await project(page, open);
    await page.mouse.click(Math.round(q.x), Math.round(q.y));
    await expect.poll(() => page.getByTestId('measure-segment').count(), POLL).toBe(2);
    const pts = await hook<LngLat[]>(page, 'measurePoints');
    expect(metresBetween(pts[2], open)).toBeLessThan((metresBetween(depot, order) * 3) / 400);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('measure-segment').count(), POLL).toBe(0);
    expect(await hook<LngLat[]>(page, 'measurePoints')).toEqual([]);
    await page.keyboard.press('v');
    await expect.poll(() => page.getByTestId('measure-panel').count()).toBe(0);
    await page.getByRole('button', { name: '3D view' }).click();
  });

  it('plans and simulates, then shows a trip: an altitude profile up to its cruise layer and one table row per waypoint', async () => {
    const page = s.page;
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-time-limit').fill('20');
    await page.getByTestId('plan-button').click();
    await expect.poll(async () => (await hook<{ hasPlan: boolean }>(page, 'planJob')).hasPlan, POLL).toBe(true);
    await page.getByTestId('simulate-button').click();
    await expect.poll(async () => (await hook<{ hasTrace: boolean }>(page, 'planJob')).hasTrace, POLL).toBe(true);
    const plan = await hook<PlanLike>(page, 'plan');
    const drone = plan.drones.find((d) => d.trips.length > 0)!;
    const trip = drone.trips[0];

    // From the plan summary's trip list.
    await page.locator('details.trips > summary').click();
    await page.locator(`[data-testid="trip-link"][data-trip-id="${trip.tripId}"]`).click();
    await expect.poll(() => page.getByTestId('trip-panel').getAttribute('data-trip-id'), POLL).toBe(trip.tripId);
    await expectTripShown(page, trip);

    // From the selected drone's card: another trip of the drone when it has one.
    await hook(page, 'selectDrone', drone.droneId);
    await expect.poll(() => page.getByTestId('drone-card-id').textContent(), POLL).toBe(drone.droneId);
    const other = drone.trips.at(-1)!;
    await page.getByTestId('drone-trip-picker').selectOption(other.tripId);
    await expect.poll(() => page.getByTestId('trip-panel').getAttribute('data-trip-id'), POLL).toBe(other.tripId);
    await expectTripShown(page, other);
  });

  it('flies the trip at another cruise layer with the planner, and the applied plan has it there', async () => {
    const page = s.page;
    const tripId = (await page.getByTestId('trip-panel').getAttribute('data-trip-id'))!;
    const before = await hook<PlanLike>(page, 'plan');
    const trip = before.drones.flatMap((d) => d.trips).find((t) => t.tripId === tripId)!;
    const current = Math.max(...trip.legs.map((l) => l.cruiseAltitudeM));
    let applied: number | undefined;
    for (const layer of mission.settings.cruiseAltitudesM.filter((l) => l !== current)) {
      await page.getByTestId('trip-layer-select').selectOption(String(layer));
      await page.getByTestId('trip-recheck').click();
      await expect.poll(() => page.getByTestId('trip-recheck-result').count(), POLL).toBe(1);
      if ((await page.getByTestId('trip-recheck-result').getAttribute('data-ok')) === 'true') {
        applied = layer;
        break;
      }
      // Refused: the reasons are listed.
      expect(await page.getByTestId('trip-recheck-result').locator('li').count()).toBeGreaterThan(0);
    }
    expect(applied).toBeDefined();
    await page.getByTestId('trip-apply').click();
    await expect
      .poll(async () => {
        const p = await hook<PlanLike>(page, 'plan');
        return p.drones.flatMap((d) => d.trips).find((t) => t.tripId === tripId)!.legs.map((l) => l.cruiseAltitudeM);
      }, POLL)
      .toEqual(trip.legs.map(() => applied));
    // The old simulation is gone (the plan changed); the panel shows the trip at its new layer.
    expect((await hook<{ hasTrace: boolean }>(page, 'planJob')).hasTrace).toBe(false);
    const after = (await hook<PlanLike>(page, 'plan')).drones.flatMap((d) => d.trips).find((t) => t.tripId === tripId)!;
    await expectTripShown(page, after);
    expect(await page.getByTestId('trip-cruise').textContent()).toBe(`${applied} m`);
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});

/** The panel's profile path reaches the trip's cruise altitude (within 1 m), with one row per waypoint. */
async function expectTripShown(page: Page, trip: TripLike): Promise<void> {
  const waypoints = trip.legs.reduce((n, l) => n + l.waypoints.length, 0);
  const cruise = Math.max(...trip.legs.map((l) => l.cruiseAltitudeM));
  await expect.poll(() => page.getByTestId('waypoint-row').count(), POLL).toBe(waypoints);
  const d = (await page.getByTestId('trip-profile-path').getAttribute('d'))!;
  const pts = pathPoints(d);
  expect(pts.length).toBe(waypoints);
  expect(Math.abs(Math.max(...pts.map((p) => p[1])) - cruise)).toBeLessThan(1);
  expect(Math.min(...pts.map((p) => p[1]))).toBeCloseTo(0, 6);
  // The path is drawn (not an empty box): its height on screen is the cruise altitude on the axis's scale.
  const box = (await page.getByTestId('trip-profile-path').boundingBox())!;
  expect(box.height).toBeGreaterThan(20);
  expect(box.width).toBeGreaterThan(100);
  // The table's altitudes are the plan's.
  const alts = await page.getByTestId('waypoint-row').evaluateAll((rows) => rows.map((r) => Number(r.children[3].textContent)));
  expect(alts).toEqual(trip.legs.flatMap((l) => l.waypoints.map((w) => Number(w[2].toFixed(1)))));
}
