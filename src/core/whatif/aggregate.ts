/**
 * KPIs over the runs of one scenario: every metric as mean and 5th / 95th percentile (nearest rank,
 * so p5 and p95 are always values some run actually had; with three runs they are the min and max).
 */
import { mean, percentile } from '../stats';
import type { RunResult } from './runResult';

export { percentile };

export interface Spread {
  mean: number;
  p5: number;
  p95: number;
  min: number;
  max: number;
}

export interface MetricDef {
  key: MetricKey;
  label: string;
  unit: string;
  /** Decimals shown. */
  decimals: number;
  /** Which way is better (for highlighting the best scenario). */
  better: 'higher' | 'lower';
  /** Shown as a percentage (value x 100). */
  percent?: boolean;
  of(run: RunResult): number;
}

export type MetricKey =
  | 'onTimeRate'
  | 'delivered'
  | 'late'
  | 'lateMinutesTotal'
  | 'notServed'
  | 'energyPerDeliveryWh'
  | 'droneMinutesPerDelivery'
  | 'energyWh'
  | 'distanceKm'
  | 'emergencyLandings';

/** The compared metrics, in report order. */
export const METRICS: readonly MetricDef[] = [
  { key: 'onTimeRate', label: 'On-time rate', unit: '%', decimals: 1, better: 'higher', percent: true, of: (r) => r.kpis.onTimeRate },
  { key: 'delivered', label: 'Delivered', unit: 'orders', decimals: 1, better: 'higher', of: (r) => r.kpis.delivered },
  { key: 'late', label: 'Delivered late', unit: 'orders', decimals: 1, better: 'lower', of: (r) => r.kpis.late },
  { key: 'lateMinutesTotal', label: 'Late minutes (total)', unit: 'min', decimals: 1, better: 'lower', of: (r) => r.kpis.lateMinutesTotal },
  { key: 'notServed', label: 'Orders not served', unit: 'orders', decimals: 1, better: 'lower', of: (r) => r.notServed },
  { key: 'energyPerDeliveryWh', label: 'Energy per delivery', unit: 'Wh', decimals: 1, better: 'lower', of: (r) => r.kpis.energyPerDeliveryWh },
  {
    key: 'droneMinutesPerDelivery',
    label: 'Drone-minutes per delivery',
    unit: 'min',
    decimals: 1,
    better: 'lower',
    of: (r) => r.droneMinutesPerDelivery,
  },
  { key: 'energyWh', label: 'Fleet energy', unit: 'Wh', decimals: 0, better: 'lower', of: (r) => r.kpis.energyWh },
  { key: 'distanceKm', label: 'Distance flown', unit: 'km', decimals: 1, better: 'lower', of: (r) => r.kpis.distanceKm },
  { key: 'emergencyLandings', label: 'Emergency landings', unit: '', decimals: 1, better: 'lower', of: (r) => r.kpis.emergencyLandings },
];

export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: NaN, p5: NaN, p95: NaN, min: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    mean: Math.round(mean(values) * 1e6) / 1e6,
    p5: percentile(sorted, 5),
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

export type ScenarioKpis = Record<MetricKey, Spread>;

export function aggregateRuns(runs: readonly RunResult[]): ScenarioKpis {
  const out = {} as ScenarioKpis;
  for (const m of METRICS) out[m.key] = spreadOf(runs.map(m.of));
  return out;
}

/** Mean count per run of each reason an order was not served, sorted by count. */
export function meanReasons(runs: readonly RunResult[]): { reason: string; meanPerRun: number }[] {
  const totals = new Map<string, number>();
  for (const r of runs) for (const [k, v] of Object.entries(r.notServedByReason)) totals.set(k, (totals.get(k) ?? 0) + v);
  return [...totals]
    .map(([reason, total]) => ({ reason, meanPerRun: Math.round((total / Math.max(1, runs.length)) * 100) / 100 }))
    .sort((a, b) => b.meanPerRun - a.meanPerRun || (a.reason < b.reason ? -1 : 1));
}

export interface Histogram {
  /** Bin edges, minutes; bin i is [edges[i], edges[i+1]); the last bin also takes everything above. */
  edgesMin: number[];
  /** Per series, the share of its delivered orders in each bin (0..1). */
  shares: number[][];
}

/**
 * Delivery times of several scenarios on common bins: binMin wide, from 0 to the largest value (at
 * most capMin; later ones go into the last bin).
 */
export function histogram(series: readonly (readonly number[])[], binMin = 10, capMin = 300): Histogram {
  let maxV = 0;
  for (const s of series) for (const v of s) maxV = Math.max(maxV, v);
  const top = Math.min(capMin, Math.max(binMin, Math.ceil((maxV + 1e-9) / binMin) * binMin));
  const bins = Math.max(1, Math.round(top / binMin));
  const edgesMin = Array.from({ length: bins + 1 }, (_, i) => i * binMin);
  const shares = series.map((s) => {
    const counts = new Array<number>(bins).fill(0);
    for (const v of s) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / binMin)))]++;
    return counts.map((c) => (s.length ? c / s.length : 0));
  });
  return { edgesMin, shares };
}
