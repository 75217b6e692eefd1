/** The HTML report and the in-app view, from a report model built by hand-free means (a real small study). */
import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { type WhatIfReport, colourOf, inProcessExecutor, kpiRows, realPlanFn, renderReportHtml, runStudy } from '../../src/core/whatif';
import { ReportView } from '../../src/ui/whatif/ReportView';
import { ITERATIONS, busyTutorial, withOverrides } from './whatifFixture';

let report: WhatIfReport;
beforeAll(async () => {
  report = await runStudy(
    [
      { id: 'a', name: 'Two <drones> & co', source: 'a.json', overrides: {}, notes: [], mission: busyTutorial(2) },
      { id: 'b', name: 'one drone', source: 'b.json', overrides: { dronesPerDepot: 1 }, notes: [], mission: withOverrides(busyTutorial(2), { dronesPerDepot: 1 }) },
    ],
    inProcessExecutor(realPlanFn),
    { runs: 2, baseSeed: 1, iterations: ITERATIONS, target: 0.9, sweepMax: 4 },
  );
});

describe('HTML report', () => {
  it('is one self-contained document: no external reference, every chart present', () => {
    const html = renderReportHtml(report);
    // No attribute loads anything: no src, no stylesheet link, no url() other than in-document ids.
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/url\((?!#)/);
    expect(html).not.toMatch(/<script(?![^>]*type="application\/json")/);
    for (const kind of ['ontime', 'histogram', 'map', 'sweep']) expect(html).toContain(`data-chart="${kind}"`);
    expect(html.match(/data-chart="map"/g)).toHaveLength(2);
  });

  it('escapes names and embeds the model it was drawn from', () => {
    const html = renderReportHtml(report);
    expect(html).toContain('Two &lt;drones&gt; &amp; co');
    expect(html).not.toContain('Two <drones>');
    const json = /<script type="application\/json" id="skyhaul-report">(.*)<\/script>/s.exec(html)![1];
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('shows the on-time means of the runs in its KPI table', () => {
    const html = renderReportHtml(report);
    const row = kpiRows(report).find((r) => r.label === 'On-time rate')!;
    report.scenarios.forEach((s, i) => {
      const mean = s.runs.reduce((a, r) => a + r.kpis.onTimeRate, 0) / s.runs.length;
      expect(row.cells[i].main).toBe((mean * 100).toFixed(1));
      expect(html).toContain(`>${row.cells[i].main}<`);
    });
    const fleet = kpiRows(report).find((r) => r.label.startsWith('Drones needed'))!;
    expect(fleet.cells.map((c) => c.main)).toEqual(report.scenarios.map((s) => String(s.fleetSizing!.dronesPerDepot)));
  });
});

describe('ReportView', () => {
  it('renders the same tables and charts in the DOM', () => {
    const html = renderToString(<ReportView report={report} progress={{ fraction: 0.5, message: 'planning' }} />).replaceAll('<!-- -->', '');
    expect(html).toContain('data-testid="whatif-report"');
    for (const kind of ['ontime', 'histogram', 'map', 'sweep']) expect(html).toContain(`data-chart="${kind}"`);
    const row = kpiRows(report).find((r) => r.label === 'On-time rate')!;
    for (const c of row.cells) expect(html).toContain(c.main);
    expect(html).toContain(colourOf(1));
    expect(html).toContain('aria-valuenow="50"');
  });
});
