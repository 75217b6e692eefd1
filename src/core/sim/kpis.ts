/** What a simulated day achieved, and the spread of it over several seeds. */
import type { DroneTrack, OrderResult, SimKpis, TripResult } from './trace';
import type { SimEvent } from './states';
import { isGroundState } from './states';
import { mean, percentile } from '../stats';

export type { SimKpis } from './trace';

/** What the depot terminals did over the day (the run's counters, see sim/run/pads.ts). */
export interface TerminalTotals {
  groundWaitS: number;
  holdS: number;
  /** Movements per pad that saw any. */
  padMovements: readonly number[];
}

const NO_TERMINAL: TerminalTotals = { groundWaitS: 0, holdS: 0, padMovements: [] };

export function computeKpis(
  orders: readonly OrderResult[],
  trips: readonly TripResult[],
  tracks: readonly DroneTrack[],
  events: readonly SimEvent[],
  endS: number,
  terminal: TerminalTotals = NO_TERMINAL,
): SimKpis {
  let delivered = 0;
  let onTime = 0;
  let late = 0;
  let lateS = 0;
  let failed = 0;
  let pending = 0;
  const failedByReason: Record<string, number> = {};
  for (const o of orders) {
    if (o.status === 'delivered') {
      delivered++;
      if ((o.lateS ?? 0) > 0) {
        late++;
        lateS += o.lateS ?? 0;
      } else onTime++;
    } else if (o.status === 'failed') {
      failed++;
      const key = (o.reason ?? 'unknown').split(' (')[0];
      failedByReason[key] = (failedByReason[key] ?? 0) + 1;
    } else pending++;
  }
  let energyWh = 0;
  let distanceM = 0;
  for (const t of trips) {
    energyWh += t.energyWh;
    distanceM += t.distanceM;
  }
  let airborneS = 0;
  let minSoc = Infinity;
  let minSocDroneId = '';
  for (const tr of tracks) {
    for (let i = 0; i < tr.tS.length; i++) {
      if (tr.soc[i] < minSoc) {
        minSoc = tr.soc[i];
        minSocDroneId = tr.droneId;
      }
      if (i + 1 < tr.tS.length && !isGroundState(tr.state[i])) airborneS += tr.tS[i + 1] - tr.tS[i];
    }
  }
  const count = (kind: SimEvent['kind']) => events.reduce((n, e) => n + (e.kind === kind ? 1 : 0), 0);
  return {
    ordersTotal: orders.length,
    delivered,
    onTime,
    late,
    lateMinutesTotal: round(lateS / 60, 2),
    failed,
    pending,
    failedByReason,
    onTimeRate: orders.length ? round(onTime / orders.length, 4) : 1,
    energyWh: round(energyWh, 2),
    energyPerDeliveryWh: delivered ? round(energyWh / delivered, 2) : 0,
    distanceKm: round(distanceM / 1000, 3),
    utilisation: tracks.length && endS > 0 ? round(airborneS / (tracks.length * endS), 4) : 0,
    minSoc: Number.isFinite(minSoc) ? minSoc : 1,
    minSocDroneId,
    emergencyLandings: count('emergency-landing'),
    diversions: count('divert'),
    reroutes: count('reroute'),
    requeued: count('order-requeued'),
    separationLosses: count('separation-loss'),
    landingsBelowReserve: count('landed-below-reserve'),
    groundWaitMinutes: round(terminal.groundWaitS / 60, 2),
    holdMinutes: round(terminal.holdS / 60, 2),
    takeoffsResequenced: count('takeoff-resequenced'),
    padMovements: terminal.padMovements.reduce((a, b) => a + b, 0),
    busiestPadMovements: terminal.padMovements.reduce((a, b) => Math.max(a, b), 0),
  };
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export interface Spread {
  mean: number;
  p5: number;
  p95: number;
}

export interface RunsSummary {
  runs: number;
  seeds: number[];
  onTimeRate: Spread;
  delivered: Spread;
  lateMinutesTotal: Spread;
  /** The lowest minimum state of charge over all runs, and the seed it happened with. */
  worstMinSoc: number;
  worstMinSocSeed: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { mean: round(mean(values), 4), p5: percentile(sorted, 5), p95: percentile(sorted, 95) };
}

export function summarizeRuns(runs: readonly { seed: number; kpis: SimKpis }[]): RunsSummary {
  let worst = 0;
  runs.forEach((r, i) => {
    if (r.kpis.minSoc < runs[worst].kpis.minSoc) worst = i;
  });
  return {
    runs: runs.length,
    seeds: runs.map((r) => r.seed),
    onTimeRate: spread(runs.map((r) => r.kpis.onTimeRate)),
    delivered: spread(runs.map((r) => r.kpis.delivered)),
    lateMinutesTotal: spread(runs.map((r) => r.kpis.lateMinutesTotal)),
    worstMinSoc: runs.length ? runs[worst].kpis.minSoc : NaN,
    worstMinSocSeed: runs.length ? runs[worst].seed : NaN,
  };
}
