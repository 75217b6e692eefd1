/**
 * The report's charts as SVG strings: drawn once, the same in the self-contained HTML file (no
 * script, no network) and in the app's report view. Every data mark has class "mark" and every
 * chart a data-chart attribute, so a test can tell a drawn chart from an empty one.
 */
import { escapeXml } from '../formats/xmlText';
import type { ReachMap } from './reachMap';
import type { FleetSizing, WhatIfReport } from './report';

/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
export const SCENARIO_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const colourOf = (i: number) => SCENARIO_COLOURS[i % SCENARIO_COLOURS.length];

/** Strings in the SVG and HTML: XML 1.0's forbidden characters replaced, markup escaped (one helper for every XML writer). */
export { escapeXml };

const f1 = (v: number) => (Math.round(v * 10) / 10).toString();
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

function svgOpen(kind: string, w: number, h: number, label: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="100%" style="max-width:${w}px" role="img" aria-label="${escapeXml(label)}" data-chart="${kind}" ${FONT}>`;
}

/** "Nice" tick step for a range (1, 2 or 5 x 10^k). */
export function niceStep(range: number, ticks = 5): number {
  const raw = range / Math.max(1, ticks);
  const k = 10 ** Math.floor(Math.log10(raw || 1));
  const m = raw / k;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * k;
}

/** On-time rate per scenario: bar = mean, whisker = p5..p95, dots = the individual runs. */
export function onTimeChartSvg(report: WhatIfReport): string {
  const n = report.scenarios.length;
  const left = 170;
  const right = 64;
  const W = 640;
  const rowH = 34;
  const top = 16;
  const H = top + n * rowH + 36;
  const x = (rate: number) => left + rate * (W - left - right);
  const parts: string[] = [svgOpen('ontime', W, H, 'On-time rate by scenario, mean with 5th to 95th percentile')];
  for (let t = 0; t <= 100; t += 20) {
    parts.push(`<line x1="${x(t / 100)}" y1="${top - 4}" x2="${x(t / 100)}" y2="${top + n * rowH}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(t / 100)}" y="${top + n * rowH + 16}" text-anchor="middle" fill="#555">${t} %</text>`);
  }
  report.scenarios.forEach((s, i) => {
    const y = top + i * rowH;
    const k = s.kpis.onTimeRate;
    const c = colourOf(i);
    parts.push(`<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end">${escapeXml(truncate(s.name, 24))}</text>`);
    parts.push(`<rect class="mark" x="${left}" y="${y + 7}" width="${Math.max(0, x(k.mean) - left).toFixed(1)}" height="${rowH - 14}" fill="${c}" opacity="0.8"><title>${escapeXml(`${s.name}: mean ${f1(k.mean * 100)} %, p5 ${f1(k.p5 * 100)} %, p95 ${f1(k.p95 * 100)} %`)}</title></rect>`);
    parts.push(`<line class="mark" x1="${x(k.p5).toFixed(1)}" y1="${y + rowH / 2}" x2="${x(k.p95).toFixed(1)}" y2="${y + rowH / 2}" stroke="#222" stroke-width="2"/>`);
    for (const v of [k.p5, k.p95]) parts.push(`<line x1="${x(v).toFixed(1)}" y1="${y + 10}" x2="${x(v).toFixed(1)}" y2="${y + rowH - 10}" stroke="#222" stroke-width="2"/>`);
    for (const r of s.runs) parts.push(`<circle class="mark" cx="${x(r.kpis.onTimeRate).toFixed(1)}" cy="${y + rowH / 2}" r="3" fill="#fff" stroke="#222"/>`);
    parts.push(`<text x="${(x(Math.max(k.p95, k.mean)) + 8).toFixed(1)}" y="${y + rowH / 2 + 4}" fill="#222">${f1(k.mean * 100)} %</text>`);
  });
  if (report.settings.target !== undefined) {
    const tx = x(report.settings.target).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + n * rowH}" stroke="#c00" stroke-dasharray="4 3"/>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Delivery time distribution: one outlined step curve per scenario, shares of delivered orders. */
export function histogramSvg(report: WhatIfReport): string {
  const { edgesMin, shares } = report.deliveryHistogram;
  const W = 640;
  const H = 280;
  const l = 50;
  const r = 20;
  const t = 20;
  const b = 44;
  const maxShare = Math.max(0.01, ...shares.flat());
  const yTop = niceStep(maxShare, 4) * Math.ceil(maxShare / niceStep(maxShare, 4));
  const xMax = edgesMin[edgesMin.length - 1] || 1;
  const x = (m: number) => l + (m / xMax) * (W - l - r);
  const y = (s: number) => H - b - (s / yTop) * (H - t - b);
  const parts: string[] = [svgOpen('histogram', W, H, 'Delivery time distribution: minutes from the promise window start to the drop')];
  const yStep = niceStep(yTop, 4);
  for (let v = 0; v <= yTop + 1e-9; v += yStep) {
    parts.push(`<line x1="${l}" y1="${y(v).toFixed(1)}" x2="${W - r}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${Math.round(v * 100)} %</text>`);
  }
  const xStep = niceStep(xMax, 8);
  for (let m = 0; m <= xMax + 1e-9; m += xStep) {
    parts.push(`<text x="${x(m).toFixed(1)}" y="${H - b + 16}" text-anchor="middle" fill="#555">${m}</text>`);
  }
  parts.push(`<text x="${(l + W - r) / 2}" y="${H - 8}" text-anchor="middle" fill="#333">minutes from the start of the promise window to the drop</text>`);
  report.scenarios.forEach((s, i) => {
    const c = colourOf(i);
    const wx = x(Math.min(xMax, s.summary.windowMin)).toFixed(1);
    parts.push(`<line x1="${wx}" y1="${t}" x2="${wx}" y2="${H - b}" stroke="${c}" stroke-dasharray="5 4"><title>${escapeXml(`${s.name}: promise window ${s.summary.windowMin} min`)}</title></line>`);
  });
  shares.forEach((series, i) => {
    const c = colourOf(i);
    let d = `M${x(0).toFixed(1)},${y(0).toFixed(1)}`;
    series.forEach((s, k) => {
      d += ` L${x(edgesMin[k]).toFixed(1)},${y(s).toFixed(1)} L${x(edgesMin[k + 1]).toFixed(1)},${y(s).toFixed(1)}`;
    });
    d += ` L${x(xMax).toFixed(1)},${y(0).toFixed(1)}`;
    parts.push(`<path class="mark" d="${d}" fill="${c}" fill-opacity="0.15" stroke="${c}" stroke-width="2"><title>${escapeXml(report.scenarios[i]?.name ?? '')}</title></path>`);
  });
  parts.push(`<line x1="${l}" y1="${H - b}" x2="${W - r}" y2="${H - b}" stroke="#333"/>`);
  parts.push(legend(report.scenarios.map((s) => s.name), W - r - 200, t + 4));
  parts.push('</svg>');
  return parts.join('');
}

function legend(names: string[], x0: number, y0: number): string {
  return names
    .map(
      (n, i) =>
        `<rect x="${x0}" y="${y0 + i * 16}" width="12" height="10" fill="${colourOf(i)}"/><text x="${x0 + 16}" y="${y0 + i * 16 + 9}">${escapeXml(truncate(n, 28))}</text>`,
    )
    .join('');
}

/** The scenario's map: reach rings (translucent), no-fly zones (red), orders (orange), depots (blue). */
export function reachMapSvg(map: ReachMap, colour = '#0072B2', title = 'Reach of each depot'): string {
  const { minX, minY, maxX, maxY } = map.bounds;
  const w = maxX - minX;
  const h = maxY - minY;
  const W = 460;
  const H = Math.max(200, Math.round((W * h) / Math.max(1, w)));
  const s = W / Math.max(1, w);
  const X = (px: number) => ((px - minX) * s).toFixed(1);
  // North up: y grows downwards on screen.
  const Y = (py: number) => ((maxY - py) * s).toFixed(1);
  const path = (ring: readonly (readonly [number, number])[]) => `M${ring.map(([px, py]) => `${X(px)},${Y(py)}`).join(' L')}Z`;
  const clipId = `clip-${Math.abs(hashString(title + colour))}`;
  const parts: string[] = [svgOpen('map', W, H, title)];
  parts.push(`<defs><clipPath id="${clipId}"><rect x="0" y="0" width="${W}" height="${H}"/></clipPath></defs>`);
  parts.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#f7f7f2" stroke="#ccc"/>`);
  parts.push(`<g clip-path="url(#${clipId})">`);
  for (const d of map.depots) {
    if (d.ring) parts.push(`<path class="mark" d="${path(d.ring)}" fill="${colour}" fill-opacity="0.07" stroke="${colour}" stroke-opacity="0.5" stroke-width="1"><title>${escapeXml(`${d.name}: mean reach ${f1(d.meanReachM / 1000)} km with ${map.payloadKg} kg`)}</title></path>`);
  }
  // Holes are cut out by the even-odd rule (a hole is permitted airspace).
  for (const z of map.zones) parts.push(`<path class="mark" d="${[z.ring, ...(z.holes ?? [])].map(path).join(' ')}" fill="#d62728" fill-rule="evenodd" fill-opacity="0.3" stroke="#d62728"><title>${escapeXml(`no-fly zone ${z.id}`)}</title></path>`);
  for (const [px, py] of map.orders) parts.push(`<circle class="mark" cx="${X(px)}" cy="${Y(py)}" r="2" fill="#e66b00"/>`);
  for (const d of map.depots) {
    const fill = d.drones > 0 ? '#1f4e9c' : '#999';
    parts.push(`<rect class="mark" x="${(Number(X(d.at[0])) - 4).toFixed(1)}" y="${(Number(Y(d.at[1])) - 4).toFixed(1)}" width="8" height="8" fill="${fill}" stroke="#fff"><title>${escapeXml(`${d.name} (${d.id}): ${d.drones} drones${d.modelId ? ` ${d.modelId}` : ''}${d.reachNote ? `; ${d.reachNote}` : ''}`)}</title></rect>`);
  }
  parts.push('</g>');
  // Scale bar: a round number of km about a fifth of the width.
  const barKm = niceStep(w / 1000 / 5, 1);
  const barPx = barKm * 1000 * s;
  parts.push(`<line x1="10" y1="${H - 12}" x2="${(10 + barPx).toFixed(1)}" y2="${H - 12}" stroke="#333" stroke-width="3"/>`);
  parts.push(`<text x="${(14 + barPx).toFixed(1)}" y="${H - 8}" fill="#333">${barKm} km</text>`);
  parts.push(`<text x="${W - 12}" y="18" text-anchor="end" fill="#333">N ↑</text>`);
  parts.push('</svg>');
  return parts.join('');
}

/** On-time rate against drones per depot for each sized scenario, with the target and each answer. */
export function sweepSvg(sizings: readonly { name: string; sizing: FleetSizing; colourIndex: number }[]): string {
  const W = 640;
  const H = 300;
  const l = 52;
  const r = 20;
  const t = 20;
  const b = 44;
  const all = sizings.flatMap((s) => s.sizing.points);
  const nMin = Math.min(...sizings.map((s) => s.sizing.min), ...all.map((p) => p.dronesPerDepot));
  const nMax = Math.max(nMin + 1, ...all.map((p) => p.dronesPerDepot));
  const rateMin = Math.max(0, Math.floor(Math.min(...all.map((p) => p.spread.p5), ...sizings.map((s) => s.sizing.target)) * 10) / 10 - 0.1);
  const x = (n: number) => l + ((n - nMin) / (nMax - nMin)) * (W - l - r);
  const y = (v: number) => H - b - ((v - rateMin) / (1 - rateMin)) * (H - t - b);
  const parts: string[] = [svgOpen('sweep', W, H, 'On-time rate against drones per depot')];
  for (let v = Math.ceil(rateMin * 10) / 10; v <= 1 + 1e-9; v += 0.1) {
    parts.push(`<line x1="${l}" y1="${y(v).toFixed(1)}" x2="${W - r}" y2="${y(v).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${l - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${Math.round(v * 100)} %</text>`);
  }
  const step = Math.max(1, niceStep(nMax - nMin, 8));
  for (let n = nMin; n <= nMax; n += step) parts.push(`<text x="${x(n).toFixed(1)}" y="${H - b + 16}" text-anchor="middle" fill="#555">${n}</text>`);
  parts.push(`<text x="${(l + W - r) / 2}" y="${H - 8}" text-anchor="middle" fill="#333">drones per depot</text>`);
  const targets = [...new Set(sizings.map((s) => s.sizing.target))];
  for (const tg of targets) {
    parts.push(`<line x1="${l}" y1="${y(tg).toFixed(1)}" x2="${W - r}" y2="${y(tg).toFixed(1)}" stroke="#c00" stroke-dasharray="5 4"/>`);
    parts.push(`<text x="${W - r}" y="${(y(tg) - 4).toFixed(1)}" text-anchor="end" fill="#c00">target ${f1(tg * 100)} %</text>`);
  }
  for (const s of sizings) {
    const c = colourOf(s.colourIndex);
    const pts = s.sizing.points;
    if (pts.length > 1) parts.push(`<path class="mark" d="M${pts.map((p) => `${x(p.dronesPerDepot).toFixed(1)},${y(p.onTimeRate).toFixed(1)}`).join(' L')}" fill="none" stroke="${c}" stroke-width="2"/>`);
    for (const p of pts) {
      parts.push(`<line x1="${x(p.dronesPerDepot).toFixed(1)}" y1="${y(p.spread.p5).toFixed(1)}" x2="${x(p.dronesPerDepot).toFixed(1)}" y2="${y(p.spread.p95).toFixed(1)}" stroke="${c}"/>`);
      parts.push(`<circle class="mark" cx="${x(p.dronesPerDepot).toFixed(1)}" cy="${y(p.onTimeRate).toFixed(1)}" r="${p.dronesPerDepot === s.sizing.dronesPerDepot ? 6 : 3.5}" fill="${p.meets ? c : '#fff'}" stroke="${c}" stroke-width="2"><title>${escapeXml(`${s.name}: ${p.dronesPerDepot} per depot (${p.drones} drones): ${f1(p.onTimeRate * 100)} % on time`)}</title></circle>`);
    }
  }
  parts.push(legend(sizings.map((s) => s.name), W - r - 210, H - b - 8 - 16 * sizings.length));
  parts.push('</svg>');
  return parts.join('');
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
