/**
 * Plan and replay in the browser on the tutorial mission: the planner runs in its worker while the
 * page keeps drawing, the plan is simulated, and the drone the scene draws (read back from the
 * instanced mesh) sits where the trace says it is at the scrubbed time. Expected positions and clock
 * readouts are computed here, independently of the app's code (own interpolation, own clock format).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, startFrameProbe, stopFrameProbe, waitForScene, hook, type Hook } from './browser';
import type { SimKpis } from '../../src/core/sim/kpis';

interface TrackLike {
  droneId: string;
  tS: number[];
  lng: number[];
  lat: number[];
  altM: number[];
}
interface TraceLike {
  startTime: string;
  endS: number;
  drones: TrackLike[];
  events: { tS: number; droneId: string; kind: string; state?: string }[];
  kpis: Pick<SimKpis, 'separationLosses' | 'landingsBelowReserve' | 'padMovements' | 'busiestPadMovements' | 'groundWaitMinutes'>;
}
const POLL = { timeout: 60_000, interval: 200 };

/** Straight-line interpolation between the samples around t (the trace's documented meaning). */
function expectedPosition(track: TrackLike, t: number): [number, number, number] {
  const { tS } = track;
  if (t <= tS[0]) return [track.lng[0], track.lat[0], track.altM[0]];
  const last = tS.length - 1;
  if (t >= tS[last]) return [track.lng[last], track.lat[last], track.altM[last]];
  let i = 0;
  while (tS[i + 1] <= t) i++;
  const f = (t - tS[i]) / (tS[i + 1] - tS[i]);
  const lerp = (v: number[]) => v[i] + f * (v[i + 1] - v[i]);
  return [lerp(track.lng), lerp(track.lat), lerp(track.altM)];
}

/** 3D distance in metres: haversine horizontally plus the altitude difference. */
function metres3d(a: readonly number[], b: readonly number[]): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  const horizontal = 2 * R * Math.asin(Math.sqrt(h));
  return Math.hypot(horizontal, b[2] - a[2]);
}

/** hh:mm:ss of a mission second in the start time's own offset (tutorial: +08:00). */
function clockAt(startTime: string, seconds: number): string {
  const m = /([+-])(\d\d):(\d\d)$/.exec(startTime)!;
  const offsetMs = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
  const local = new Date(new Date(startTime).getTime() + seconds * 1000 + offsetMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}`;
}


/** Non-transparent pixels of the first canvas inside a container (uPlot draws on a canvas). */
async function paintedPixels(page: Page, testId: string): Promise<number> {
  return page.evaluate((id) => {
    const c = document.querySelector(`[data-testid="${id}"] canvas`) as HTMLCanvasElement | null;
    if (!c || c.width === 0) return 0;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  }, testId);
}

describe('plan and replay the tutorial mission', () => {
  let s: BrowserSession;
  let trace: TraceLike;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(`${inject('baseUrl')}?mission=tutorial`);
    await waitForScene(s.page);
    await s.page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 1, null, POLL);
    await s.page.getByTestId('tab-plan').click();
  });
  afterAll(async () => s?.close());

  it('plans in the worker with a progress bar while the page keeps drawing and stays clickable', async () => {
    const page = s.page;
    // A budget the time limit stops first: four seconds of search.
    await page.getByTestId('plan-time-limit').fill('4');
    await page.getByTestId('plan-iterations').fill('100000000');
    await startFrameProbe(page);
    // The first progress report from the planner (not the page's own "starting") follows the click
    // within a second: the worker was loaded when the Plan tab opened.
    const firstReportMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          (document.querySelector('[data-testid="plan-button"]') as HTMLButtonElement).click();
          const poll = () => {
            const text = document.querySelector('[data-testid="job-message"]')?.textContent ?? '';
            if (text && !/starting the planner/.test(text)) resolve(performance.now() - t0);
            else if (performance.now() - t0 > 20_000) resolve(Number.POSITIVE_INFINITY);
            else setTimeout(poll, 10);
          };
          poll();
        }),
    );
    expect(firstReportMs).toBeLessThan(1000);
    await expect.poll(() => page.getByTestId('job-progress').count(), POLL).toBe(1);
    // Progress moves forward while the job runs.
    await expect
      .poll(async () => Number(await page.getByTestId('job-progress').locator('progress').getAttribute('value')), POLL)
      .toBeGreaterThan(0.2);
    // The page answers a click while the planner works: the camera mode toggles, the job is still running.
    await page.getByRole('button', { name: 'Top-down' }).click();
    await expect.poll(() => page.getByRole('button', { name: '3D view' }).count()).toBe(1);
    expect((await hook<{ job: unknown }>(page, 'planJob')).job).not.toBeNull();
    await expect.poll(async () => (await hook<{ hasPlan: boolean; job: unknown }>(page, 'planJob')).hasPlan, POLL).toBe(true);
    // The panel says the time limit cut the search short (the plan may differ on another run).
    await expect.poll(() => page.getByTestId('plan-cut-short').count(), POLL).toBe(1);
    const probe = await stopFrameProbe(page);
    // Four seconds of planning: frames kept coming (software WebGL on a shared machine is slow, so the bounds are loose).
    expect(probe.frames).toBeGreaterThan(20);
    expect(probe.maxGapMs).toBeLessThan(1500);
    await expect.poll(() => page.getByTestId('plan-assigned').textContent(), POLL).toBe('5/5 planned');
    const plan = await hook<{ drones: { trips: unknown[] }[] }>(page, 'plan');
    expect(plan.drones.reduce((n, d) => n + d.trips.length, 0)).toBeGreaterThan(0);
    await page.getByRole('button', { name: '3D view' }).click();
  });

  it('simulates, and the drone drawn at a scrubbed time is where the trace puts it (within 1 m)', async () => {
    const page = s.page;
    await page.getByTestId('simulate-button').click();
    await expect.poll(() => page.getByTestId('timeline').count(), POLL).toBe(1);
    trace = await hook<TraceLike>(page, 'trace');
    expect(trace.drones.length).toBe(2);
    // A time in the middle of the first cruise of the busiest drone.
    const drone = [...trace.drones].sort((a, b) => b.tS.length - a.tS.length)[0];
    const cruise = trace.events.find((e) => e.droneId === drone.droneId && e.kind === 'state' && e.state === 'cruise')!;
    const T = Math.round(cruise.tS + 40);
    await page.getByTestId('scrub').fill(String(T));
    await expect.poll(async () => (await hook<{ tS: number }>(page, 'playback')).tS, POLL).toBe(T);
    await expect.poll(async () => (await hook<{ drawnAtS: number } | null>(page, 'droneShown', drone.droneId))?.drawnAtS, POLL).toBe(T);
    const shown = (await hook<{ position: number[] }>(page, 'droneShown', drone.droneId)).position;
    const expected = expectedPosition(drone, T);
    expect(expected[2]).toBeGreaterThan(20); // airborne: a real test of the 3D position
    expect(metres3d(shown, expected)).toBeLessThan(1);
    // The other drone too (it may be on the ground).
    const other = trace.drones.find((d) => d.droneId !== drone.droneId)!;
    const otherShown = (await hook<{ position: number[] }>(page, 'droneShown', other.droneId)).position;
    expect(metres3d(otherShown, expectedPosition(other, T))).toBeLessThan(1);
    await expect.poll(() => page.getByTestId('time-readout').textContent(), POLL).toBe(clockAt(trace.startTime, T));
  });

  it('steps to the next event', async () => {
    const page = s.page;
    const t0 = (await hook<{ tS: number }>(page, 'playback')).tS;
    const next = Math.min(...trace.events.map((e) => e.tS).filter((t) => t > t0 + 1e-3));
    await page.getByTestId('next-event').click();
    await expect.poll(async () => (await hook<{ tS: number }>(page, 'playback')).tS, POLL).toBeCloseTo(next, 6);
  });

  it('clicking an event in the log seeks there and selects the drone, whose card opens', async () => {
    const page = s.page;
    await page.getByTestId('tab-replay').click();
    const row = page.locator('[data-testid="event-row"][data-kind="delivered"]').nth(1);
    const t = Number(await row.getAttribute('data-t'));
    const droneId = (await row.getAttribute('data-drone'))!;
    await row.click();
    await expect.poll(async () => (await hook<{ tS: number }>(page, 'playback')).tS, POLL).toBe(t);
    const pb = await hook<{ selected: string[]; followed: string | null }>(page, 'playback');
    expect(pb.selected).toEqual([droneId]);
    expect(pb.followed).toBe(droneId);
    await expect.poll(() => page.getByTestId('time-readout').textContent(), POLL).toBe(clockAt(trace.startTime, t));
    await expect.poll(() => page.getByTestId('drone-card-id').textContent(), POLL).toBe(droneId);
    await expect.poll(() => page.getByTestId('drone-card-state').textContent(), POLL).toBe('climb-out');
    // The followed drone is at the camera's orbit target: it projects to the middle of the canvas.
    const drone = trace.drones.find((d) => d.droneId === droneId)!;
    const [lng, lat, alt] = expectedPosition(drone, t);
    await expect
      .poll(
        () =>
          page.evaluate(
            ([p, a]) => {
              const c = (window.__skyhaul as Hook).project(p, a) as { x: number; y: number } | null;
              const r = document.querySelector('canvas')!.getBoundingClientRect();
              return c ? Math.hypot(c.x - (r.left + r.width / 2), c.y - (r.top + r.height / 2)) : Infinity;
            },
            [[lng, lat], alt] as const,
          ),
        POLL,
      )
      .toBeLessThan(3);
  });

  it('clicking a drone in the scene selects it and opens its card', async () => {
    const page = s.page;
    await hook(page, 'selectDrone', null);
    await page.getByRole('button', { name: 'Top-down' }).click();
    const busiest = [...trace.drones].sort((a, b) => b.tS.length - a.tS.length)[0];
    const T = Math.round(trace.events.find((e) => e.droneId === busiest.droneId && e.state === 'cruise')!.tS + 30);
    await hook(page, 'seek', T);
    const [lng, lat, alt] = expectedPosition(busiest, T);
    expect(alt).toBeGreaterThan(20);
    await hook(page, 'flyTo', [lng, lat], 800);
    await expect.poll(async () => (await hook<{ drawnAtS: number }>(page, 'droneShown', busiest.droneId)).drawnAtS, POLL).toBe(T);
    await page.waitForTimeout(300);
    const at = await hook<{ x: number; y: number }>(page, 'project', [lng, lat], alt);
    await page.mouse.click(Math.round(at.x), Math.round(at.y));
    await expect.poll(async () => (await hook<{ selected: string[] }>(page, 'playback')).selected, POLL).toEqual([busiest.droneId]);
    await expect.poll(() => page.getByTestId('drone-card-id').textContent(), POLL).toBe(busiest.droneId);
    await page.getByRole('button', { name: '3D view' }).click();
  });

  it('draws the state-of-charge and deliveries charts', async () => {
    const page = s.page;
    await expect.poll(() => paintedPixels(page, 'soc-chart'), POLL).toBeGreaterThan(500);
    await expect.poll(() => paintedPixels(page, 'deliveries-chart'), POLL).toBeGreaterThan(500);
    await expect.poll(() => page.getByTestId('kpi-on-time-rate').textContent(), POLL).toMatch(/\d+\.\d %/);
    // The terminal's figures of the simulated day, as the trace has them.
    expect(await page.getByTestId('kpi-separation-losses').textContent()).toBe(String(trace.kpis.separationLosses));
    expect(await page.getByTestId('kpi-landings-below-reserve').textContent()).toBe(String(trace.kpis.landingsBelowReserve));
    expect(trace.kpis.padMovements).toBeGreaterThan(0);
    expect(await page.getByTestId('kpi-pad-movements').textContent()).toBe(`${trace.kpis.padMovements} (busiest pad ${trace.kpis.busiestPadMovements})`);
    expect(await page.getByTestId('kpi-ground-wait').textContent()).toBe(`${trace.kpis.groundWaitMinutes.toFixed(1)} min`);
  });

  it('plays: the clock advances at the chosen speed and pauses', async () => {
    const page = s.page;
    await hook(page, 'seek', 0);
    await page.getByTestId('speed').selectOption('600');
    const wallStart = Date.now();
    await page.getByTestId('play-pause').click();
    await page.waitForTimeout(1000);
    await page.getByTestId('play-pause').click();
    const wallS = (Date.now() - wallStart) / 1000;
    const pb = await hook<{ tS: number; playing: boolean }>(page, 'playback');
    expect(pb.playing).toBe(false);
    // 600 mission seconds per wall second at most (slow frames are capped, never skipped ahead).
    expect(pb.tS).toBeGreaterThan(100);
    expect(pb.tS).toBeLessThanOrEqual(600 * wallS);
  });

  it('Cancel stops a long planning run and keeps the best plan found so far', async () => {
    const page = s.page;
    await page.getByTestId('tab-plan').click();
    await page.getByTestId('plan-time-limit').fill('120');
    await page.getByTestId('plan-iterations').fill('100000000');
    await page.getByTestId('plan-button').click();
    await expect.poll(() => page.getByTestId('job-message').textContent(), POLL).toMatch(/search/);
    const started = Date.now();
    await page.getByTestId('cancel-job').click();
    await expect.poll(async () => (await hook<{ job: unknown }>(page, 'planJob')).job, POLL).toBeNull();
    expect(Date.now() - started).toBeLessThan(30_000);
    const state = await hook<{ hasPlan: boolean; cancelled: boolean; hasTrace: boolean }>(page, 'planJob');
    expect(state).toMatchObject({ hasPlan: true, cancelled: true, hasTrace: false });
    await expect.poll(() => page.getByTestId('plan-assigned').textContent(), POLL).toBe('5/5 planned');
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
