/**
 * The what-if report in the app: the same tables (src/core/whatif/tables.ts) and the same SVG charts
 * (src/core/whatif/charts.ts) as the self-contained HTML file, so both show identical numbers.
 * The charts are SVG strings built from escaped data, inserted as markup.
 */
import { useMemo } from 'react';
import {
  type WhatIfReport,
  colourOf,
  formatValue,
  histogramSvg,
  kpiRows,
  onTimeChartSvg,
  reachMapSvg,
  reasonRows,
  studyLine,
  sweepSvg,
} from '../../core/whatif';

export interface ReportViewProps {
  report: WhatIfReport;
  /** Optional progress of a study still running (0..1) with its message. */
  progress?: { fraction: number; message: string };
}

function Svg({ markup, testId }: { markup: string; testId: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG comes from core/whatif/charts, which escapes every string it embeds (escapeXml).
  return <div className="whatif-chart" data-testid={testId} dangerouslySetInnerHTML={{ __html: markup }} />;
}

function Swatch({ i }: { i: number }) {
  return <span style={{ display: 'inline-block', width: 10, height: 10, marginRight: 6, borderRadius: 2, background: colourOf(i) }} />;
}

const cellStyle = { border: '1px solid #ddd', padding: '3px 6px', textAlign: 'right' as const, verticalAlign: 'top' as const };
const firstCell = { ...cellStyle, textAlign: 'left' as const };

export function ReportView({ report, progress }: ReportViewProps) {
  const charts = useMemo(
    () => ({
      onTime: onTimeChartSvg(report),
      histogram: histogramSvg(report),
      maps: report.scenarios.map((s, i) => reachMapSvg(s.map, colourOf(i), `Reach of each depot: ${s.name}`)),
      sweep: report.scenarios.some((s) => s.fleetSizing)
        ? sweepSvg(report.scenarios.flatMap((s, i) => (s.fleetSizing ? [{ name: s.name, sizing: s.fleetSizing, colourIndex: i }] : [])))
        : null,
    }),
    [report],
  );
  const rows = useMemo(() => kpiRows(report), [report]);
  const reasons = useMemo(() => reasonRows(report), [report]);
  const header = report.scenarios.map((s, i) => (
    <th key={s.id} style={cellStyle}>
      <Swatch i={i} />
      {s.name}
    </th>
  ));

  return (
    <section className="whatif-report" data-testid="whatif-report" style={{ fontSize: 13, lineHeight: 1.4 }}>
      <h2 style={{ fontSize: 16, margin: '0 0 4px' }}>{report.title}</h2>
      <p style={{ color: '#555', margin: '0 0 8px' }}>{studyLine(report)}</p>
      {progress && (
        <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress.fraction * 100)} style={{ margin: '6px 0' }}>
          <div style={{ height: 6, background: '#eee', borderRadius: 3 }}>
            <div style={{ width: `${Math.round(progress.fraction * 100)}%`, height: 6, background: '#0072B2', borderRadius: 3 }} />
          </div>
          <small>{progress.message}</small>
        </div>
      )}

      <h3>What changed</h3>
      {report.scenarios.map((s, i) => (
        <div key={s.id} data-testid="whatif-changes">
          <strong>
            <Swatch i={i} />
            {s.name}
          </strong>
          {i === 0 ? (
            <span> — baseline</span>
          ) : (
            <ul style={{ margin: '2px 0 6px', paddingLeft: 18 }}>
              {[...s.overrideLines.map((l) => `override: ${l}`), ...s.changes.list.map((c) => `${c.topic}: ${c.text}`), ...s.notes].map((t) => (
                <li key={t}>{t}</li>
              ))}
            </ul>
          )}
        </div>
      ))}

      <h3>Key figures</h3>
      <table style={{ borderCollapse: 'collapse' }} data-testid="whatif-kpis">
        <thead>
          <tr>
            <th style={firstCell}>KPI (mean, p5 – p95)</th>
            {header}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <td style={firstCell}>
                {r.label} {r.unit && <small style={{ color: '#666' }}>({r.unit})</small>}
              </td>
              {r.cells.map((c, i) => (
                <td key={i} style={{ ...cellStyle, background: c.best ? '#e8f4ea' : undefined, fontWeight: c.best ? 600 : undefined }}>
                  {c.main}
                  {c.range && <div style={{ color: '#666', fontSize: 11 }}>{c.range}</div>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Svg markup={charts.onTime} testId="whatif-ontime" />

      <h3>Orders not served, and why</h3>
      {reasons.length === 0 ? (
        <p>Every order was delivered in every run.</p>
      ) : (
        <table style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={firstCell}>Reason (mean per run)</th>
              {header}
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <td style={firstCell}>{r.reason}</td>
                {r.cells.map((c, i) => (
                  <td key={i} style={cellStyle}>
                    {c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Delivery time</h3>
      <Svg markup={charts.histogram} testId="whatif-histogram" />

      <h3>Reach of each depot</h3>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: 8 }}>
        {charts.maps.map((m, i) => (
          <div key={report.scenarios[i].id}>
            <strong>
              <Swatch i={i} />
              {report.scenarios[i].name}
            </strong>
            <Svg markup={m} testId="whatif-map" />
          </div>
        ))}
      </div>

      {charts.sweep && (
        <>
          <h3>Fleet sizing ({formatValue(report.settings.target ?? 0, 1, true)} % on time)</h3>
          <Svg markup={charts.sweep} testId="whatif-sweep" />
        </>
      )}
    </section>
  );
}
