import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMissionText } from '../../src/core/mission';
import { planMission } from '../../src/core/planner/planMission';
import { simulate } from '../../src/core/sim/engine';

/** The simulator against plans made by the real fleet planner (not the test-side direct plans). */
describe('simulator x fleet planner', () => {
  const r = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
  if (!r.ok) throw new Error('refused');
  const mission = r.mission;
  const { plan } = planMission(mission, { iterations: 3000, seed: 1 });

  it('under exactly the forecast weather the plan replays as planned: energy within 1 %, drops on time, no conflicts', () => {
    const s = simulate(mission, plan, { seed: 1, weather: { speedErrorSigmaMps: 0, directionErrorSigmaDeg: 0, gustScale: 0 } });
    if (!s.ok) throw new Error(s.errors.map((e) => e.message).join('\n'));
    const trips = plan.drones.flatMap((d) => d.trips);
    expect(s.trace.trips).toHaveLength(trips.length);
    for (const t of s.trace.trips) {
      expect(Math.abs(t.energyWh - t.plannedEnergyWh) / t.plannedEnergyWh, t.tripId).toBeLessThan(0.01);
    }
    for (const o of plan.orders) {
      if (o.status !== 'assigned') continue;
      const got = s.trace.orders.find((x) => x.orderId === o.orderId)!;
      expect(got.status).toBe('delivered');
      expect(Math.abs(got.deliverS! - o.deliverS)).toBeLessThan(1);
    }
    expect(s.trace.kpis.separationLosses).toBe(plan.conflicts.length);
  });

  it('under the drawn weather the day differs from the plan but keeps every order accounted for', () => {
    const s = simulate(mission, plan, { seed: 4 });
    if (!s.ok) throw new Error('refused');
    expect(s.trace.kpis.delivered + s.trace.kpis.failed + s.trace.kpis.pending).toBe(mission.orders.length);
    const planned = s.trace.trips.reduce((a, t) => a + t.plannedEnergyWh, 0);
    expect(Math.abs(s.trace.kpis.energyWh - planned)).toBeGreaterThan(0.001 * planned);
  });
});
