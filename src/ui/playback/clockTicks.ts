/**
 * Time-axis ticks on round times of the mission's local clock (the start time's own UTC offset, as
 * formatClock shows it): whole hours, or half hours, quarters, ... when the axis spans less time, so a
 * chart of 09:00-12:00 reads 09:00, 10:00, 11:00, 12:00 and not 09:00, 10:23, 11:46.
 */

/** Tick steps, seconds, from fine to coarse. */
export const TICK_STEPS_S = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/** The start time's UTC offset, seconds (0 without one). */
export function utcOffsetS(startTime: string): number {
  const m = /([+-])(\d\d):?(\d\d)$/.exec(startTime);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
}

/** Seconds since local midnight at mission second 0. */
function localSecondOfDay(startTime: string): number {
  const s = Date.parse(startTime) / 1000 + utcOffsetS(startTime);
  return ((s % 86_400) + 86_400) % 86_400;
}

/** The smallest step that puts at most maxTicks ticks on [minS, maxS]. */
export function tickStep(minS: number, maxS: number, maxTicks: number): number {
  const span = Math.max(0, maxS - minS);
  const most = Math.max(1, Math.floor(maxTicks));
  return TICK_STEPS_S.find((s) => Math.floor(span / s) + 1 <= most) ?? TICK_STEPS_S[TICK_STEPS_S.length - 1];
}

/**
 * Mission seconds in [minS, maxS] that fall on a round local time (a multiple of the step since local
 * midnight), at most maxTicks of them.
 */
export function clockTicks(startTime: string, minS: number, maxS: number, maxTicks: number): number[] {
  if (!(Number.isFinite(minS) && Number.isFinite(maxS)) || maxS < minS) return [];
  const step = tickStep(minS, maxS, maxTicks);
  const day0 = localSecondOfDay(startTime);
  // Ticks at mission seconds t with (day0 + t) a multiple of step.
  const first = Math.ceil((day0 + minS) / step) * step - day0;
  const out: number[] = [];
  for (let t = first; t <= maxS + 1e-6 && out.length <= maxTicks; t += step) out.push(t);
  return out;
}
