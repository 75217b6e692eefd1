/**
 * The what-if report in a wide panel over the map (the sidebar is too narrow for a table with a
 * column per scenario): ReportView plus the downloads. Mounted once by App; open while the store
 * says so, whichever sidebar tab is showing.
 */
import { useMissionStore } from '../../state/missionStore';
import { useWhatIfStore } from '../../state/whatifStore';
import { ReportView } from './ReportView';
import { ReportDownloads } from './WhatIfTab';
import './whatif.css';

export function WhatIfReportPanel() {
  const report = useWhatIfStore((s) => s.report);
  const open = useWhatIfStore((s) => s.reportOpen);
  const job = useWhatIfStore((s) => s.job);
  const stale = useWhatIfStore((s) => s.reportMission) !== useMissionStore((s) => s.mission);
  if (!report || !open) return null;
  return (
    <div className="whatif-overlay" role="dialog" aria-label="What-if report" data-testid="whatif-report-panel">
      <header className="row">
        <strong>What-if report</strong>
        <span className="spacer" />
        <ReportDownloads />
        <button type="button" onClick={() => useWhatIfStore.getState().setReportOpen(false)} data-testid="whatif-close-report">
          Close
        </button>
      </header>
      {stale && <p className="stale">The mission changed since this comparison: run it again to include the edits.</p>}
      <div className="whatif-overlay-body">
        <ReportView report={report} progress={job ? { fraction: job.fraction, message: `a new comparison is running: ${job.message}` } : undefined} />
      </div>
    </div>
  );
}
