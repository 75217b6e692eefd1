/**
 * What-if studies in the app, on the tutorial mission in headless Chromium: the variant form shows
 * wrong values in red with the reason, a comparison (the mission vs one more drone per depot and
 * a stronger wind) runs on the worker pool, and the report appears with a column per scenario whose
 * numbers are report.json's (read through the test hook and formatted here, independently of the
 * app's formatter), with its charts drawn; both downloads hold that report. A long comparison shows
 * progress while the page keeps drawing, and Cancel stops it.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type BrowserSession, openBrowser, startFrameProbe, stopFrameProbe, waitForScene, hook } from './browser';

interface SpreadLike {
  mean: number;
}
interface ReportLike {
  title: string;
  settings: { runs: number; iterations?: number };
  scenarios: {
    id: string;
    name: string;
    summary: { drones: number };
    overrides: Record<string, unknown>;
    runs: unknown[];
    kpis: Record<'onTimeRate' | 'delivered' | 'energyPerDeliveryWh' | 'distanceKm', SpreadLike>;
  }[];
}
interface JobLike {
  job: { fraction: number; message: string } | null;
  failure: unknown;
  cancelled: boolean;
  hasReport: boolean;
}

const POLL = { timeout: 120_000, interval: 250 };

/** Text of the first line of each scenario's cell in the key-figures row starting with `label`. */
async function kpiCells(page: Page, label: string): Promise<string[]> {
  return page.evaluate((l) => {
    const rows = [...document.querySelectorAll('[data-testid="whatif-report-panel"] [data-testid="whatif-kpis"] tbody tr')];
    const row = rows.find((r) => (r.querySelector('td')?.textContent ?? '').trim().startsWith(l));
    if (!row) return [];
    return [...row.querySelectorAll('td')].slice(1).map((td) => (td.childNodes[0]?.textContent ?? '').trim());
  }, label);
}

/** Marks drawn in the SVG charts under a test id: count, and the on-screen size of the first svg. */
async function chartMarks(page: Page, testId: string) {
  return page.evaluate((id) => {
    const panel = document.querySelector('[data-testid="whatif-report-panel"]')!;
    return [...panel.querySelectorAll(`[data-testid="${id}"] svg`)].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { marks: svg.querySelectorAll('circle, rect, path, line, polyline, polygon').length, width: box.width, height: box.height };
    });
  }, testId);
}


const pct = (share: number) => (share * 100).toFixed(1);

describe('what-if comparison in the app (tutorial mission)', () => {
  let s: BrowserSession;
  let report: ReportLike;

  beforeAll(async () => {
    s = await openBrowser();
    await s.page.goto(`${inject('baseUrl')}?mission=tutorial`);
    await waitForScene(s.page);
    await s.page.waitForFunction(() => (window.__skyhaul!.mission as () => { depots: unknown[] })().depots.length === 1, null, POLL);
    await s.page.getByTestId('tab-whatif').click();
  });
  afterAll(async () => s?.close());

  it('shows the mission as the baseline and a wrong value of a variant in red with its reason', async () => {
    const page = s.page;
    await expect.poll(() => page.getByTestId('whatif-baseline').textContent(), POLL).toMatch(/1 depot with 2 drones, 5 orders/);
    await page.getByTestId('whatif-add-variant').click();
    const v = page.getByTestId('whatif-variant');
    await expect.poll(() => v.count(), POLL).toBe(1);
    await v.getByTestId('whatif-name').fill('3 drones, 8 m/s wind');
    await v.getByTestId('whatif-dronesPerDepot').fill('2.5');
    await expect.poll(() => v.getByTestId('whatif-dronesPerDepot-error').textContent(), POLL).toMatch(/overrides\.dronesPerDepot: must be a whole number/);
    await v.getByTestId('whatif-windSpeedMps').fill('70');
    await expect.poll(() => v.getByTestId('whatif-windSpeedMps-error').textContent(), POLL).toMatch(/at most 60/);
    // Shown in red, and the comparison cannot start.
    const colour = await v.getByTestId('whatif-windSpeedMps').evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe('rgb(161, 18, 18)');
    expect(await page.getByTestId('whatif-run').isDisabled()).toBe(true);
    await v.getByTestId('whatif-dronesPerDepot').fill('3');
    await v.getByTestId('whatif-windSpeedMps').fill('8');
    await expect.poll(() => v.locator('.field-error').count(), POLL).toBe(0);
    expect(await page.getByTestId('whatif-run').isDisabled()).toBe(false);
  });

  it('runs the comparison on workers and shows the report with both scenarios and drawn charts', async () => {
    const page = s.page;
    await page.getByTestId('whatif-runs').fill('2');
    await page.getByTestId('whatif-budget').selectOption('iterations');
    await page.getByTestId('whatif-iterations').fill('150');
    await page.getByTestId('whatif-run').click();
    await expect.poll(async () => (await hook<JobLike>(page, 'whatifJob')).hasReport, POLL).toBe(true);
    const state = await hook<JobLike>(page, 'whatifJob');
    expect(state.failure).toBeNull();
    report = await hook<ReportLike>(page, 'whatifReport');

    expect(report.settings).toMatchObject({ runs: 2, iterations: 150 });
    expect(report.scenarios.map((x) => x.name)).toEqual(['Tutorial: one store, five drops', '3 drones, 8 m/s wind']);
    expect(report.scenarios.map((x) => x.summary.drones)).toEqual([2, 3]);
    expect(report.scenarios[1].overrides).toEqual({ dronesPerDepot: 3, wind: { speedMps: 8 } });
    for (const sc of report.scenarios) expect(sc.runs).toHaveLength(2);

    const panel = page.getByTestId('whatif-report-panel');
    await expect.poll(() => panel.count(), POLL).toBe(1);
    const headers = await panel.locator('[data-testid="whatif-kpis"] thead th').allTextContents();
    expect(headers.slice(1)).toEqual(report.scenarios.map((x) => x.name));
  });

  it('shows report.json numbers in each scenario column', async () => {
    const page = s.page;
    expect(await kpiCells(page, 'On-time rate')).toEqual(report.scenarios.map((x) => pct(x.kpis.onTimeRate.mean)));
    expect(await kpiCells(page, 'Delivered')).toEqual(report.scenarios.map((x) => x.kpis.delivered.mean.toFixed(1)));
    expect(await kpiCells(page, 'Energy per delivery')).toEqual(report.scenarios.map((x) => x.kpis.energyPerDeliveryWh.mean.toFixed(1)));
    expect(await kpiCells(page, 'Distance flown')).toEqual(report.scenarios.map((x) => x.kpis.distanceKm.mean.toFixed(1)));
    // The sidebar's short summary agrees.
    const summary = await page.locator('[data-testid="whatif-result"] tbody tr').evaluateAll((rows) =>
      rows.map((r) => (r.querySelectorAll('td')[1]?.textContent ?? '').replace(' %', '')),
    );
    expect(summary).toEqual(report.scenarios.map((x) => pct(x.kpis.onTimeRate.mean)));
  });

  it('draws the charts: on-time runs, delivery times and a reach map per scenario', async () => {
    const page = s.page;
    for (const [id, count] of [
      ['whatif-ontime', 1],
      ['whatif-histogram', 1],
      ['whatif-map', 2],
    ] as const) {
      const charts = await chartMarks(page, id);
      expect(charts, id).toHaveLength(count);
      for (const c of charts) {
        expect(c.marks, id).toBeGreaterThan(3);
        expect(c.width, id).toBeGreaterThan(100);
        expect(c.height, id).toBeGreaterThan(50);
      }
    }
  });

  it('downloads report.json (the hook report) and the self-contained HTML report', async () => {
    const page = s.page;
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('whatif-report-panel').getByTestId('whatif-download-json').click()]);
    expect(json.suggestedFilename()).toBe('report.json');
    // Through JSON, as the file went (-0 is written as 0).
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));

    const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('whatif-report-panel').getByTestId('whatif-download-html').click()]);
    expect(html.suggestedFilename()).toBe('what-if-report.html');
    const text = readFileSync((await html.path())!, 'utf8');
    expect(text).toMatch(/^<!doctype html>/i);
    expect(text.match(/<svg/g)!.length).toBeGreaterThanOrEqual(4);
    for (const sc of report.scenarios) expect(text).toContain(sc.name);
    expect(text).toContain(`${pct(report.scenarios[1].kpis.onTimeRate.mean)}`);

    await page.getByTestId('whatif-close-report').click();
    await expect.poll(() => page.getByTestId('whatif-report-panel').count(), POLL).toBe(0);
  });

  it('a long comparison shows progress while the page keeps drawing, and Cancel stops it', async () => {
    const page = s.page;
    // A budget of a million iterations per plan: minutes of search, so the comparison is still running.
    await page.getByTestId('whatif-iterations').fill('1000000');
    await startFrameProbe(page);
    await page.getByTestId('whatif-run').click();
    await expect.poll(() => page.getByTestId('whatif-progress').count(), POLL).toBe(1);
    await expect.poll(() => page.getByTestId('whatif-progress-message').textContent(), POLL).toMatch(/worker.* busy/);
    // The page answers a click while the workers plan.
    await page.getByRole('button', { name: 'Top-down' }).click();
    await expect.poll(() => page.getByRole('button', { name: '3D view' }).count(), POLL).toBe(1);
    await page.waitForTimeout(1500);
    const probe = await stopFrameProbe(page);
    expect(probe.frames).toBeGreaterThan(10);
    expect(probe.maxGapMs).toBeLessThan(1500);
    expect((await hook<JobLike>(page, 'whatifJob')).job).not.toBeNull();

    const started = Date.now();
    await page.getByTestId('whatif-cancel').click();
    await expect.poll(async () => (await hook<JobLike>(page, 'whatifJob')).job, POLL).toBeNull();
    expect(Date.now() - started).toBeLessThan(20_000);
    const after = await hook<JobLike>(page, 'whatifJob');
    expect(after).toMatchObject({ cancelled: true, failure: null, hasReport: true });
    await expect.poll(() => page.getByTestId('whatif-cancelled').count(), POLL).toBe(1);
    // The previous report is kept.
    expect(await hook<ReportLike>(page, 'whatifReport')).toEqual(report);
    await page.getByRole('button', { name: '3D view' }).click();
  });

  it('raised no page errors', () => {
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
