/**
 * The what-if HTML report in headless Chromium, opened from a file: its charts are drawn (every
 * chart has visible marks with a size on screen) and it makes no network request at all.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessExecutor, realPlanFn, renderReportHtml, runStudy } from '../../src/core/whatif';
import { busyTutorial, withOverrides } from '../unit/whatifFixture';
import { type BrowserSession, openBrowser } from './browser';

let session: BrowserSession;
const dir = mkdtempSync(join(tmpdir(), 'skyhaul-report-e2e-'));
let reportFile: string;

beforeAll(async () => {
  const report = await runStudy(
    [
      { id: 'a', name: 'two drones', source: 'a.json', overrides: {}, notes: [], mission: busyTutorial(2) },
      { id: 'b', name: 'one drone, windy', source: 'b.json', overrides: {}, notes: [], mission: withOverrides(busyTutorial(1), { wind: { speedMps: 7 } }) },
    ],
    inProcessExecutor(realPlanFn),
    { runs: 2, baseSeed: 1, iterations: 200, target: 0.9, sweepMax: 4 },
  );
  reportFile = join(dir, 'index.html');
  writeFileSync(reportFile, renderReportHtml(report));
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Open a file with every request routed through a check: only the file itself may load. */
async function openOffline(file: string) {
  const requests: string[] = [];
  const record = (r: { url(): string }) => requests.push(r.url());
  session.page.on('request', record);
  // Anything that would leave the machine is also refused, so a missed request cannot succeed.
  await session.context.route('**/*', (route) => {
    const url = route.request().url();
    return url.startsWith('file:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await session.page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await session.page.waitForTimeout(300);
  await session.context.unrouteAll();
  session.page.off('request', record);
  // The document itself is the only request.
  expect(requests).toEqual([pathToFileURL(file).href]);
  return requests;
}

/** Per chart kind: how many charts, and how many of them have visible marks with a size. */
async function drawnCharts() {
  return session.page.evaluate(() => {
    const out: Record<string, { charts: number; drawn: number }> = {};
    for (const svg of document.querySelectorAll('svg[data-chart]')) {
      const kind = svg.getAttribute('data-chart')!;
      const box = svg.getBoundingClientRect();
      const marks = [...svg.querySelectorAll('.mark')].filter((m) => {
        const b = (m as SVGGraphicsElement).getBBox();
        return b.width > 0 || b.height > 0;
      });
      out[kind] ??= { charts: 0, drawn: 0 };
      out[kind].charts++;
      if (box.width > 100 && box.height > 50 && marks.length > 0) out[kind].drawn++;
    }
    return out;
  });
}

describe('what-if HTML report', () => {
  it('opens from a file with every chart drawn and no network request', async () => {
    const requests = await openOffline(reportFile);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    const charts = await drawnCharts();
    expect(charts).toEqual({
      ontime: { charts: 1, drawn: 1 },
      histogram: { charts: 1, drawn: 1 },
      map: { charts: 2, drawn: 2 },
      sweep: { charts: 1, drawn: 1 },
    });
    expect(await session.page.locator('table[data-table="kpis"] tbody tr').count()).toBeGreaterThan(8);
    expect(session.errors).toEqual([]);
  });

  it('the bundled Shenzhen comparison (docs/report) opens offline with its charts drawn', async () => {
    const bundled = resolve('docs/report/index.html');
    expect(existsSync(bundled)).toBe(true);
    const requests = await openOffline(bundled);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    const charts = await drawnCharts();
    for (const kind of ['ontime', 'histogram', 'map']) expect(charts[kind]?.drawn, kind).toBe(charts[kind]?.charts);
    expect(charts.map?.charts).toBeGreaterThanOrEqual(2);
  });
});
