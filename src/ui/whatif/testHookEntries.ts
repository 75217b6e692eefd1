/** Test-hook entries of the What-if tab (spread into window.__skyhaul by src/testHook.ts). */
import { useWhatIfStore } from '../../state/whatifStore';

export function whatifTestHook(): Record<string, unknown> {
  return {
    /** The last comparison's report model (what report.json holds), or null. */
    whatifReport: () => useWhatIfStore.getState().report,
    /** The running comparison (progress, pool activity) or null, the last failure and whether it was cancelled. */
    whatifJob: () => {
      const s = useWhatIfStore.getState();
      return { job: s.job, failure: s.failure, cancelled: s.cancelled, hasReport: s.report !== null };
    },
  };
}
