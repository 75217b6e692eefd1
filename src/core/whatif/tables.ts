/**
 * The report's tables as plain rows of text, shared by the HTML file and the app's view so both
 * show the same numbers formatted the same way.
 */
import { METRICS, type Spread } from './aggregate';
import type { ScenarioReport, WhatIfReport } from './report';

export interface KpiCell {
  main: string;
  /** p5 – p95 (empty when every run had the same value). */
  range: string;
  /** Best scenario on this row. */
  best: boolean;
}

export interface KpiRow {
  label: string;
  unit: string;
  cells: KpiCell[];
}

export function formatValue(v: number, decimals: number, percent = false): string {
  if (!Number.isFinite(v)) return '–';
  const x = percent ? v * 100 : v;
  return x.toFixed(decimals);
}

function cell(s: Spread, decimals: number, percent: boolean): Omit<KpiCell, 'best'> {
  const main = formatValue(s.mean, decimals, percent);
  const lo = formatValue(s.p5, decimals, percent);
  const hi = formatValue(s.p95, decimals, percent);
  return { main, range: lo === hi ? '' : `${lo} – ${hi}` };
}

export function kpiRows(report: WhatIfReport): KpiRow[] {
  const sc = report.scenarios;
  const rows: KpiRow[] = [];
  rows.push({
    label: 'Fleet',
    unit: 'drones',
    cells: sc.map((s) => ({
      main: String(s.summary.drones),
      range: `${s.summary.staffedDepots} depot${s.summary.staffedDepots === 1 ? '' : 's'}${s.summary.dronesPerDepot !== null ? ` × ${s.summary.dronesPerDepot}` : ''}`,
      best: false,
    })),
  });
  rows.push({
    label: 'Orders planned',
    unit: 'orders',
    cells: sc.map((s) => ({ main: `${s.plan.kpis.assigned} / ${s.plan.kpis.ordersTotal}`, range: '', best: false })),
  });
  for (const m of METRICS) {
    const means = sc.map((s) => s.kpis[m.key].mean);
    const finite = means.filter(Number.isFinite);
    const bestV = finite.length ? (m.better === 'higher' ? Math.max(...finite) : Math.min(...finite)) : NaN;
    const distinct = new Set(finite.map((v) => formatValue(v, m.decimals, m.percent))).size > 1;
    rows.push({
      label: m.label,
      unit: m.unit,
      cells: sc.map((s, i) => ({
        ...cell(s.kpis[m.key], m.decimals, m.percent === true),
        best: distinct && sc.length > 1 && means[i] === bestV,
      })),
    });
  }
  if (report.settings.target !== undefined) {
    rows.push({
      label: `Drones needed for ${formatValue(report.settings.target, 1, true)} % on time`,
      unit: 'per depot',
      cells: sc.map((s) => fleetCell(s)),
    });
  }
  return rows;
}

function fleetCell(s: ScenarioReport): KpiCell {
  const f = s.fleetSizing;
  if (!f) return { main: '–', range: '', best: false };
  if (f.dronesPerDepot === null) return { main: `> ${f.max}`, range: `not reached with ${f.max} per depot`, best: false };
  return { main: String(f.dronesPerDepot), range: `${f.drones} drones${f.monotonic ? '' : ', curve not monotonic'}`, best: false };
}

export interface ReasonRow {
  reason: string;
  /** Mean per run, per scenario. */
  cells: string[];
}

export function reasonRows(report: WhatIfReport): ReasonRow[] {
  const reasons = [...new Set(report.scenarios.flatMap((s) => s.notServedReasons.map((r) => r.reason)))].sort();
  return reasons.map((reason) => ({
    reason,
    cells: report.scenarios.map((s) => {
      const r = s.notServedReasons.find((x) => x.reason === reason);
      return r ? formatValue(r.meanPerRun, 1) : '0';
    }),
  }));
}

export function studyLine(report: WhatIfReport): string {
  const st = report.settings;
  if (st.dispatch) {
    const how = st.dispatch.policy === 'rolling' ? `rolling re-plans every ${st.dispatch.replanEveryS} s` : 'greedy dispatch';
    return `${st.runs} dispatched day${st.runs > 1 ? 's' : ''} per scenario (orders revealed when placed, ${how}; seeds ${st.weatherSeeds.join(', ')}); base seed ${st.baseSeed}.`;
  }
  const iterations = st.iterations !== undefined ? `${st.iterations} solver iterations` : 'the default search budget';
  const budget = st.timeLimitS !== undefined ? `${iterations}, at most ${st.timeLimitS} s per plan` : iterations;
  return `${st.runs} simulated day${st.runs > 1 ? 's' : ''} per scenario (weather seeds ${st.weatherSeeds.join(', ')}), planner seed ${st.planSeed}, ${budget}; base seed ${st.baseSeed}.`;
}
