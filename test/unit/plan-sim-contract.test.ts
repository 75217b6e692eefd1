/**
 * The contract between plan and simulation, on a generated day flown from a real plan: a plan with
 * 0 conflicts flies with 0 losses of separation when the weather is exactly the forecast (and every
 * drop happens at its planned time); under the forecast's error the contingency rules absorb the
 * deviations: no loss of separation, no emergency landing, no landing below the final reserve.
 */
import { describe, expect, it } from 'vitest';
import { planMission } from '../../src/core/planner';
import { generateDay } from '../../src/core/scenario/generateDay';
import { runSimulation } from '../../src/core/sim';

const day = generateDay({ stores: 6, dronesPerStore: 3, orders: 140, hours: 4, seed: 5 });
const { plan } = planMission(day, { iterations: 1500, seed: 1 });

describe('a generated day, planned and flown', () => {
  it('is planned without conflicts', () => {
    expect(plan.kpis.assigned).toBeGreaterThan(100);
    expect(plan.conflicts).toEqual([]);
  });

  it('flown in exactly the forecast weather: on schedule to the millisecond, no loss, no wait, no hold', () => {
    const trace = runSimulation(day, plan, { seed: 1, weather: { speedErrorMps: 0, directionErrorDeg: 0, gustScale: 0 } });
    expect(trace.kpis.separationLosses).toBe(0);
    expect(trace.kpis.groundWaitMinutes).toBe(0);
    expect(trace.kpis.holdMinutes).toBe(0);
    const planned = new Map(plan.orders.flatMap((o) => (o.status === 'assigned' ? [[o.orderId, o.deliverS] as const] : [])));
    let compared = 0;
    for (const o of trace.orders) {
      if (o.status !== 'delivered' || !planned.has(o.orderId)) continue;
      expect(Math.abs(o.deliverS! - planned.get(o.orderId)!)).toBeLessThan(0.01);
      compared++;
    }
    expect(compared).toBe(plan.kpis.assigned);
    expect(trace.kpis.onTime).toBe(plan.kpis.onTime);
  });

  it.each([1, 2, 3])('under the drawn forecast error (seed %i): no loss of separation, no emergency, the final reserve kept', (seed) => {
    const trace = runSimulation(day, plan, { seed });
    expect(trace.events.filter((e) => e.kind === 'separation-loss')).toEqual([]);
    expect(trace.kpis.emergencyLandings).toBe(0);
    expect(trace.events.filter((e) => e.kind === 'landed-below-reserve')).toEqual([]);
    expect(trace.kpis.onTimeRate).toBeGreaterThanOrEqual(plan.kpis.onTime / plan.kpis.ordersTotal - 0.05);
  });
});
