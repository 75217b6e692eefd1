/**
 * The planner's leg costs on several Web Workers, in the built app: planning the Shenzhen busy day
 * (above the leg-cost threshold, MIN_THREADED_WORK) starts leg-cost workers inside the plan worker
 * and gives the same plan as planning with them disabled (the in-worker planMission), whether jobs go
 * out through the shared counter (the page is cross-origin isolated) or by messages; Cancel during the
 * leg-cost stage leaves no leg-cost worker running. Worker counts are read from the plan worker
 * (`plannerThreads` in the test hook) and from the browser's own list of workers (playwright).
 */
import { readFileSync } from 'node:fs';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, waitForScene, hook } from './browser';

interface ThreadStatus {
  spawned: number;
  running: number;
  handout: 'shared' | 'messages' | null;
  jobs: number;
  jobsHere: number;
  cancelled: boolean;
}
interface PlanLike {
  kpis: { assigned: number; ordersTotal: number; energyWhTotal?: number; energyKwh?: number } & Record<string, number>;
  drones: unknown[];
  orders: unknown[];
}
interface JobLike {
  job: { fraction: number; message: string } | null;
  hasPlan: boolean;
  cancelled: boolean;
  failure: unknown;
}

const POLL = { timeout: 180_000, interval: 100 };
const MISSION_TEXT = readFileSync('missions/shenzhen-busy-day.json', 'utf8');
const MISSION_NAME = (JSON.parse(MISSION_TEXT) as { name: string }).name;
/** Few iterations and a time limit the run never reaches: the plan depends on the mission and seed only. */
const ITERATIONS = '200';

/** The leg-cost workers the browser itself reports (nested dedicated workers of the plan worker): started so far, and alive now. */
function watchLegWorkers(page: Page): { started: number; alive: Set<Worker> } {
  const seen = { started: 0, alive: new Set<Worker>() };
  page.on('worker', (w) => {
    if (!/legCostWorker/.test(w.url())) return;
    seen.started++;
    seen.alive.add(w);
    w.on('close', () => seen.alive.delete(w));
  });
  return seen;
}

/** Plan with the given leg-cost workers (undefined: the default), wait for the end, read the plan. */
async function planWith(page: Page, legWorkers: { started: number }, workers: number | undefined, handout?: 'shared' | 'messages') {
  await hook(page, 'setPlannerThreads', workers, handout);
  const before = legWorkers.started;
  const started = Date.now();
  // Click and watch the job's messages from the page itself (a round trip per poll from here can miss
  // the leg-cost stage while the page's main thread is busy).
  const messages = await page.evaluate(
    (timeoutMs) =>
      new Promise<string[]>((resolve, reject) => {
        const h = window.__skyhaul as Record<string, () => { job: { message: string } | null }>;
        const seen = new Set<string>();
        const t0 = performance.now();
        (document.querySelector('[data-testid="plan-button"]') as HTMLButtonElement).click();
        const poll = () => {
          const job = h.planJob().job;
          if (!job) return resolve([...seen]);
          seen.add(job.message);
          if (performance.now() - t0 > timeoutMs) reject(new Error('planning did not end'));
          else setTimeout(poll, 10);
        };
        poll();
      }),
    POLL.timeout,
  );
  const seconds = (Date.now() - started) / 1000;
  const j = await hook<JobLike>(page, 'planJob');
  expect(j.failure).toBeNull();
  const plan = await hook<PlanLike>(page, 'plan');
  const status = await hook<ThreadStatus>(page, 'plannerThreads');
  return { plan, status, messages, seconds, browserStarted: legWorkers.started - before };
}

describe('leg costs on Web Workers in the app (busy day)', () => {
  let s: BrowserSession;
  let legWorkers: ReturnType<typeof watchLegWorkers>;

  beforeAll(async () => {
    s = await openBrowser();
    legWorkers = watchLegWorkers(s.page);
    await s.page.goto(inject('baseUrl'));
    await waitForScene(s.page);
    await s.page.getByTestId('open-file').setInputFiles({ name: 'shenzhen-busy-day.json', mimeType: 'application/json', buffer: Buffer.from(MISSION_TEXT) });
    await s.page.waitForFunction((name) => (window.__skyhaul!.mission as () => { name: string })().name === name, MISSION_NAME, POLL);
    await s.page.getByTestId('tab-plan').click();
    await s.page.getByTestId('plan-time-limit').fill('600');
    await s.page.getByTestId('plan-iterations').fill(ITERATIONS);
  });
  afterAll(async () => s?.close());

  it('plans with leg-cost workers and gives the plan of the planner without them', async () => {
    const page = s.page;
    expect(await page.evaluate(() => window.crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);

    const alone = await planWith(page, legWorkers, 0);
    expect(alone.status).toMatchObject({ spawned: 0, running: 0 });
    expect(alone.browserStarted).toBe(0);

    const shared = await planWith(page, legWorkers, undefined);
    // cores - 1 workers, at least 1, at most the jobs - 1 (drone models x cruise layers: 4 on this day).
    const expected = Math.min(Math.max(1, cores - 1), shared.status.jobs - 1);
    expect(expected).toBeGreaterThanOrEqual(1);
    expect(shared.status).toMatchObject({ spawned: expected, running: 0, handout: 'shared', cancelled: false });
    expect(shared.browserStarted).toBe(expected);
    // Progress moves during the stage, in the CLI's words.
    expect(shared.messages.some((m) => /^(3D leg costs: \d+\/\d+ layers on \d+ threads, \d+ s|building the airspace \(leg costs on \d+ threads\))$/.test(m))).toBe(true);

    const messages = await planWith(page, legWorkers, 2, 'messages');
    expect(messages.status).toMatchObject({ spawned: Math.min(2, messages.status.jobs - 1), running: 0, handout: 'messages', cancelled: false });
    expect(messages.browserStarted).toBe(messages.status.spawned);
    // None left once the stage is over.
    await expect.poll(() => legWorkers.alive.size, POLL).toBe(0);

    console.log(
      `busy day, ${cores} cores: alone ${alone.seconds.toFixed(1)} s; shared counter ${shared.seconds.toFixed(1)} s (${shared.status.spawned} workers, ${shared.status.jobsHere}/${shared.status.jobs} jobs in the plan worker); ` +
        `messages ${messages.seconds.toFixed(1)} s (${messages.status.spawned} workers, ${messages.status.jobsHere}/${messages.status.jobs} here); browser saw ${legWorkers.started} leg-cost workers started`,
    );
    // The same plan: its summary, and the whole document.
    expect(alone.plan.kpis.assigned).toBeGreaterThan(0);
    for (const other of [shared.plan, messages.plan]) {
      expect(other.kpis.assigned).toBe(alone.plan.kpis.assigned);
      expect(other.kpis).toEqual(alone.plan.kpis);
      expect(JSON.stringify(other)).toBe(JSON.stringify(alone.plan));
    }
  }, 600_000);

  it('cancel during the leg-cost stage ends the run at once and leaves no leg-cost worker running', async () => {
    const page = s.page;
    await hook(page, 'setPlannerThreads', undefined, undefined);
    // Cancel as soon as the page hears of the leg-cost stage (from the page itself: its main thread can
    // be busy for seconds on this day, so a cancel may still land after the stage: then try again).
    let inStage = false;
    for (let attempt = 0; attempt < 3 && !inStage; attempt++) {
      const before = legWorkers.started;
      await hook(page, 'clearResults');
      const t = await page.evaluate(
        () =>
          new Promise<{ cancelAt: number; endAt: number }>((resolve) => {
            const h = window.__skyhaul as Record<string, () => { job: { message: string } | null }>;
            const t0 = performance.now();
            let cancelAt = -1;
            (document.querySelector('[data-testid="plan-button"]') as HTMLButtonElement).click();
            const poll = () => {
              const job = h.planJob().job;
              if (cancelAt < 0 && /leg costs/.test(job?.message ?? '')) {
                cancelAt = performance.now() - t0;
                (document.querySelector('[data-testid="cancel-job"]') as HTMLButtonElement).click();
              }
              if (!job) resolve({ cancelAt, endAt: performance.now() - t0 });
              else setTimeout(poll, 10);
            };
            poll();
          }),
      );
      const j = await hook<JobLike>(page, 'planJob');
      expect(j.failure).toBeNull();
      const st = await hook<ThreadStatus>(page, 'plannerThreads');
      expect(st.running).toBe(0);
      expect(legWorkers.started - before).toBe(st.spawned);
      await expect.poll(() => legWorkers.alive.size, POLL).toBe(0);
      inStage = st.cancelled;
      console.log(`cancel attempt ${attempt + 1}: cancel at ${(t.cancelAt / 1000).toFixed(1)} s, job over at ${(t.endAt / 1000).toFixed(1)} s, ${st.cancelled ? 'in the leg-cost stage' : 'after it'}`);
      if (inStage) {
        // No plan (none existed yet), no failure, and not the 4 s hard cancel: the plan worker answered.
        expect(j.hasPlan).toBe(false);
        expect(t.endAt - t.cancelAt).toBeLessThan(3000);
      } else expect(j.cancelled).toBe(true);
    }
    expect(inStage).toBe(true);
  }, 300_000);

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
