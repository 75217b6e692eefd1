/**
 * The self-contained HTML report: one file with inline CSS and inline SVG charts, no executable script and no
 * external reference, so it opens offline, from an e-mail attachment or a file share, and prints.
 * The report model is embedded too (a JSON script block, inert), so the file is its own data.
 */
import { colourOf, escapeXml, histogramSvg, onTimeChartSvg, reachMapSvg, sweepSvg } from './charts';
import type { WhatIfReport } from './report';
import { formatValue, kpiRows, reasonRows, studyLine } from './tables';

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 12px 0 6px; }
p.meta { color: #555; margin: 0 0 12px; }
table { border-collapse: collapse; background: #fff; margin: 6px 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f0f0f0; }
td .range { display: block; color: #666; font-size: 12px; }
td.best { background: #e8f4ea; font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 6px; border-radius: 2px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 16px; }
.card { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 10px; }
ul { margin: 4px 0; padding-left: 20px; }
.chart { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 8px; margin: 6px 0; }
details { margin: 8px 0; }
.note { color: #666; font-size: 12px; }
`;

function esc(s: string): string {
  return escapeXml(s);
}

function scenarioHeader(report: WhatIfReport): string {
  return report.scenarios.map((s, i) => `<th><span class="swatch" style="background:${colourOf(i)}"></span>${esc(s.name)}</th>`).join('');
}

function kpiTableHtml(report: WhatIfReport): string {
  const rows = kpiRows(report)
    .map(
      (r) =>
        `<tr><td>${esc(r.label)}${r.unit ? ` <span class="note">(${esc(r.unit)})</span>` : ''}</td>${r.cells
          .map((c) => `<td${c.best ? ' class="best"' : ''}>${esc(c.main)}${c.range ? `<span class="range">${esc(c.range)}</span>` : ''}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  return `<table data-table="kpis"><thead><tr><th>KPI (mean, p5 – p95 over runs)</th>${scenarioHeader(report)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function reasonsHtml(report: WhatIfReport): string {
  const rows = reasonRows(report);
  if (rows.length === 0) return '<p>Every order was delivered in every run.</p>';
  return `<table data-table="reasons"><thead><tr><th>Reason (mean orders per run)</th>${scenarioHeader(report)}</tr></thead><tbody>${rows
    .map((r) => `<tr><td>${esc(r.reason)}</td>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function changesHtml(report: WhatIfReport): string {
  return `<div class="grid">${report.scenarios
    .map((s, i) => {
      const items = [
        ...s.overrideLines.map((l) => `override: ${l}`),
        ...s.changes.list.map((c) => `${c.topic}: ${c.text}`),
        ...s.notes.map((n) => `note: ${n}`),
      ];
      const body =
        i === 0
          ? `<p>Baseline${s.overrideLines.length ? '' : ' (no overrides)'}.</p>${items.length ? `<ul>${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>` : ''}`
          : items.length
            ? `<p>Against <b>${esc(s.changes.baseline)}</b>:</p><ul>${items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`
            : `<p>Nothing differs from ${esc(s.changes.baseline)}.</p>`;
      const sm = s.summary;
      return `<div class="card" data-scenario="${esc(s.id)}"><h3><span class="swatch" style="background:${colourOf(i)}"></span>${esc(s.name)}</h3><p class="note">${esc(s.source)} · mission “${esc(s.missionName)}” · ${sm.staffedDepots} depots, ${sm.drones} drones (${esc(sm.models.join(', '))}), ${sm.orders} orders, window ${sm.windowMin} min, wind ${sm.wind.speedMps} m/s from ${sm.wind.fromDeg}°</p>${body}</div>`;
    })
    .join('')}</div>`;
}

function mapsHtml(report: WhatIfReport): string {
  return `<div class="grid">${report.scenarios
    .map((s, i) => {
      const depots = s.map.depots.filter((d) => d.ring);
      const meanKm = depots.length ? depots.reduce((a, d) => a + d.meanReachM, 0) / depots.length / 1000 : 0;
      return `<div class="card"><h3><span class="swatch" style="background:${colourOf(i)}"></span>${esc(s.name)}</h3>${reachMapSvg(s.map, colourOf(i), `Reach of each depot: ${s.name}`)}<p class="note">Rings: out loaded with ${s.map.payloadKg} kg and back empty in the forecast wind, landing with the reserve; mean reach ${formatValue(meanKm, 1)} km. Blue squares depots, orange dots orders, red no-fly zones.</p></div>`;
    })
    .join('')}</div>`;
}

function sweepHtml(report: WhatIfReport): string {
  const sized = report.scenarios.map((s, i) => ({ name: s.name, sizing: s.fleetSizing, colourIndex: i })).filter((s) => s.sizing);
  if (sized.length === 0) return '';
  const rows = sized
    .flatMap((s) =>
      s.sizing!.points.map(
        (p) =>
          `<tr><td>${esc(s.name)}</td><td>${p.dronesPerDepot}</td><td>${p.drones}</td><td>${p.planned}</td><td>${formatValue(p.onTimeRate, 1, true)} %</td><td>${formatValue(p.spread.p5, 1, true)} – ${formatValue(p.spread.p95, 1, true)} %</td><td>${p.meets ? 'yes' : 'no'}</td></tr>`,
      ),
    )
    .join('');
  const atMin = sized.every((s) => s.sizing!.dronesPerDepot === s.sizing!.min);
  const minNote = atMin ? ` Every scenario already meets it with the smallest fleet tried (${sized[0].sizing!.min} per depot), so that is the only size evaluated.` : '';
  return `<h2>Fleet sizing</h2><p>Smallest number of drones per depot whose mean on-time rate reaches ${formatValue(report.settings.target ?? 0, 1, true)} % (search over fleet sizes; every evaluated size is plotted).${minNote}</p><div class="chart">${sweepSvg(
    sized.map((s) => ({ name: s.name, sizing: s.sizing!, colourIndex: s.colourIndex })),
  )}</div><details><summary>Evaluated fleet sizes</summary><table data-table="sweep"><thead><tr><th>Scenario</th><th>per depot</th><th>drones</th><th>planned</th><th>on time (mean)</th><th>p5 – p95</th><th>meets</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

function runsHtml(report: WhatIfReport): string {
  const rows = report.scenarios
    .flatMap((s) =>
      s.runs.map(
        (r) =>
          `<tr><td>${esc(s.name)}</td><td>${r.runIndex + 1}</td><td>${r.seed}</td><td>${formatValue(r.kpis.onTimeRate, 1, true)} %</td><td>${r.kpis.delivered}</td><td>${r.kpis.late}</td><td>${formatValue(r.kpis.lateMinutesTotal, 1)}</td><td>${r.notServed}</td><td>${formatValue(r.kpis.energyPerDeliveryWh, 1)}</td><td>${formatValue(r.droneMinutesPerDelivery, 1)}</td><td>${r.kpis.emergencyLandings}</td></tr>`,
      ),
    )
    .join('');
  return `<details><summary>Every run</summary><table data-table="runs"><thead><tr><th>Scenario</th><th>run</th><th>weather seed</th><th>on time</th><th>delivered</th><th>late</th><th>late min</th><th>not served</th><th>Wh / delivery</th><th>drone-min / delivery</th><th>emergency landings</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** The whole report as one HTML document. */
export function renderReportHtml(report: WhatIfReport): string {
  // The embedded JSON must not close its script element early.
  const json = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(report.title)}</h1>
<p class="meta">${esc(studyLine(report))} Made by <code>skyhaul compare</code>.</p>
<h2>What changed</h2>
${changesHtml(report)}
<h2>Key figures</h2>
${kpiTableHtml(report)}
<p class="note">On time: delivered no later than the promise window's end, as a share of all orders. Late minutes: summed over late deliveries. Drone-minutes: airborne time of all trips. Green: the best scenario on that row.</p>
<div class="chart">${onTimeChartSvg(report)}</div>
<h2>Orders not served, and why</h2>
${reasonsHtml(report)}
<h2>Delivery time</h2>
<p>Minutes from the start of each order's promise window to its drop, all delivered orders over all runs; the dashed lines mark each scenario's promise window.</p>
<div class="chart">${histogramSvg(report)}</div>
<h2>Reach of each depot</h2>
${mapsHtml(report)}
${sweepHtml(report)}
<h2>Runs</h2>
${runsHtml(report)}
</main>
<script type="application/json" id="skyhaul-report">${json}</script>
</body>
</html>
`;
}

/** A standalone page for a fleet-sizing sweep (the `sweep` command's --out). */
export function renderSweepHtml(title: string, name: string, sizing: import('./report').FleetSizing): string {
  const answer =
    sizing.dronesPerDepot === null
      ? `The target ${formatValue(sizing.target, 1, true)} % is not reached with up to ${sizing.max} drones per depot.`
      : `${sizing.dronesPerDepot} drones per depot (${sizing.drones} drones at ${sizing.staffedDepots} depot${sizing.staffedDepots === 1 ? '' : 's'}) reach ${formatValue(sizing.target, 1, true)} % on time.`;
  const rows = sizing.points
    .map(
      (p) =>
        `<tr><td>${p.dronesPerDepot}</td><td>${p.drones}</td><td>${p.planned}</td><td>${formatValue(p.onTimeRate, 1, true)} %</td><td>${formatValue(p.spread.p5, 1, true)} – ${formatValue(p.spread.p95, 1, true)} %</td><td>${p.meets ? 'yes' : 'no'}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(answer)}${sizing.monotonic ? '' : ' The measured curve is not monotonic, so every size below the answer was evaluated.'}</p>
<div class="chart">${sweepSvg([{ name, sizing, colourIndex: 0 }])}</div>
<table data-table="sweep"><thead><tr><th>per depot</th><th>drones</th><th>planned</th><th>on time (mean)</th><th>p5 – p95</th><th>meets</th></tr></thead><tbody>${rows}</tbody></table>
</main></body></html>
`;
}
