/** The report's two downloads: the self-contained HTML file and its model as JSON (as the CLI writes them). */
import { type WhatIfReport, renderReportHtml } from '../../core/whatif';

export const REPORT_HTML_NAME = 'what-if-report.html';
export const REPORT_JSON_NAME = 'report.json';

/** report.json exactly as `skyhaul compare` writes it. */
export function reportJsonText(report: WhatIfReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function downloadText(name: string, text: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has the blob once the download started; keep the URL a moment for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadReportHtml(report: WhatIfReport): void {
  downloadText(REPORT_HTML_NAME, renderReportHtml(report), 'text/html');
}

export function downloadReportJson(report: WhatIfReport): void {
  downloadText(REPORT_JSON_NAME, reportJsonText(report), 'application/json');
}
