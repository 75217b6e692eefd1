/** Small formatters for the replay panels (mission clock lives in core/mission/time.ts). */

/** "1:05:09" or "5:09" for a duration in seconds. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export const percent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)} %`;
