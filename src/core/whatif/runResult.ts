/**
 * What one simulated run contributes to a report: the simulator's own KPIs plus the few numbers a
 * comparison needs that the simulator does not total (why orders were not served, drone-minutes,
 * each delivery's time). Computed where the simulation ran, so only this small record travels back
 * from a worker, not the trace.
 */
import type { Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import type { Plan } from '../planner/plan';
import type { SimKpis } from '../sim/kpis';
import type { SimTrace } from '../sim/trace';

export interface RunResult {
  runIndex: number;
  /** Weather seed of the simulator. */
  seed: number;
  /** The simulator's KPIs, unchanged (trace.kpis). */
  kpis: SimKpis;
  /** Orders not delivered (failed or still pending at the end). */
  notServed: number;
  /** Why, by reason ("planner: fleet-saturated", "simulator: given up after 2 re-queues", "pending at the end"). */
  notServedByReason: Record<string, number>;
  /** Airborne minutes summed over all flown trips. */
  droneMinutes: number;
  /** droneMinutes / delivered (0 with no delivery). */
  droneMinutesPerDelivery: number;
  /** Per delivered order, minutes from its promise window's start to the drop, in mission order. */
  deliveryMinutes: number[];
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Classify an order the simulator did not deliver. */
export function notServedReason(status: 'failed' | 'pending', reason: string | undefined): string {
  if (status === 'pending') return 'pending at the end';
  const planned = /^not planned \(([a-z-]+)/.exec(reason ?? '');
  if (planned) return `planner: ${planned[1]}`;
  const dispatched = /^not dispatched \(([a-z-]+)/.exec(reason ?? '');
  if (dispatched) return `dispatcher: ${dispatched[1]}`;
  if (reason?.startsWith('not planned')) return 'planner: missing from the plan';
  return `simulator: ${(reason ?? 'unknown').split(' (')[0]}`;
}

export function runResultFromTrace(mission: Mission, _plan: Plan, trace: SimTrace, runIndex: number): RunResult {
  const byReason: Record<string, number> = {};
  let notServed = 0;
  const deliverS = new Map<string, number>();
  for (const o of trace.orders) {
    if (o.status === 'delivered') deliverS.set(o.orderId, o.deliverS ?? 0);
    else {
      notServed++;
      const key = notServedReason(o.status, o.reason);
      byReason[key] = (byReason[key] ?? 0) + 1;
    }
  }
  const deliveryMinutes: number[] = [];
  for (const o of mission.orders) {
    const t = deliverS.get(o.id);
    if (t !== undefined) deliveryMinutes.push(r2((t - toMissionSeconds(mission.startTime, o.window.earliest)) / 60));
  }
  const flightS = trace.trips.reduce((s, t) => s + Math.max(0, t.endS - t.departS), 0);
  const delivered = trace.kpis.delivered;
  return {
    runIndex,
    seed: trace.seed,
    kpis: trace.kpis,
    notServed,
    notServedByReason: byReason,
    droneMinutes: r2(flightS / 60),
    droneMinutesPerDelivery: delivered ? r2(flightS / 60 / delivered) : 0,
    deliveryMinutes,
  };
}
