/** Contingency energy and the pace rule it pays for; flying a cruise to a schedule. */
import { describe, expect, it } from 'vitest';
import { createEnergyCostModel } from '../../src/core/energy/costModel';
import { ContingencyPricer, paceAirspeedCapMps } from '../../src/core/energy/contingency';
import { cruisePowerW } from '../../src/core/energy/power';
import { designWindError } from '../../src/core/weather/forecastError';
import { M2 } from './plannerFixture';

const RHO = 1.225;
const calm = { speedMps: 0, fromDeg: 0, gustMps: 0 };

describe('the design wind error', () => {
  it('grows with the forecast: speed error along the wind, direction error across it', () => {
    const weak = designWindError({ speedMps: 2, fromDeg: 90, gustMps: 0 });
    const strong = designWindError({ speedMps: 8, fromDeg: 90, gustMps: 4 });
    expect(strong.alongMps).toBeGreaterThan(weak.alongMps);
    expect(strong.acrossMps).toBeGreaterThan(weak.acrossMps);
    expect(strong.gustMeanMps).toBe(2);
    // Calm forecast: the base speed error; turned by the direction error, that wind is across too.
    const c = designWindError(calm);
    expect(c.alongMps).toBe(1);
    expect(c.acrossMps).toBeCloseTo(2 * Math.sin((40 * Math.PI) / 360), 9);
  });

  it('caps the pace at the model maximum', () => {
    expect(paceAirspeedCapMps(M2, calm)).toBeCloseTo(M2.cruiseAirspeedMps + 1, 9);
    expect(paceAirspeedCapMps(M2, { speedMps: 10, fromDeg: 0, gustMps: 5 })).toBe(M2.maxAirspeedMps);
  });
});

describe('contingency pricing', () => {
  const seg = (dx: number, dy: number, gs: number, payloadKg = 1) => ({ dx, dy, durationS: Math.hypot(dx, dy) / gs, payloadKg });

  it('never prices below the policy floor, and more wind error costs more', () => {
    const calmPricer = new ContingencyPricer(M2, calm, RHO, 0.05);
    const windy = new ContingencyPricer(M2, { speedMps: 6, fromDeg: 270, gustMps: 2 }, RHO, 0.05);
    const trip = [seg(3000, 0, 16), seg(-3000, 0, 16)];
    expect(calmPricer.contingencyWh(100, trip)).toBeGreaterThanOrEqual(5);
    expect(windy.contingencyWh(100, trip)).toBeGreaterThan(calmPricer.contingencyWh(100, trip));
  });

  it('prices the worst direction of the error for the whole trip: out and back gains on one leg what it loses on the other', () => {
    const p = new ContingencyPricer(M2, { speedMps: 5, fromDeg: 270, gustMps: 0 }, RHO, 0);
    const out = p.price(0, [seg(4000, 0, 16)]);
    const back = p.price(0, [seg(-4000, 0, 16)]);
    const both = p.price(0, [seg(4000, 0, 16), seg(-4000, 0, 16)]);
    expect(both.contingencyWh).toBeLessThan(out.contingencyWh + back.contingencyWh);
    expect(both.contingencyWh).toBeGreaterThan(0);
  });

  it('reports the delay of segments the capped airspeed cannot keep on schedule', () => {
    // A planned ground speed of 19 m/s into a 5 m/s headwind forecast needs 24 m/s of air: above the cap.
    const p = new ContingencyPricer(M2, { speedMps: 5, fromDeg: 90, gustMps: 0 }, RHO, 0);
    const r = p.price(0, [seg(2000, 0, 19)]);
    expect(r.delayS).toBeGreaterThan(0);
  });
});

describe('a cruise flown to a schedule (pace)', () => {
  const wind = { speedMps: 4, fromDeg: 270, gustMps: 0 }; // blows towards +x
  const cost = createEnergyCostModel(M2, { payloadKg: 1, wind, airDensityKgM3: RHO });
  const a = { x: 0, y: 0 };
  const b = { x: 2000, y: 0 };

  it('holds the wanted ground speed with the airspeed it needs, priced at that airspeed', () => {
    const c = cost.cruise(a, b, 60, { groundSpeedMps: 15, maxAirspeedMps: 19 });
    if (!c.ok) throw new Error(c.reason);
    expect(c.groundSpeedMps).toBeCloseTo(15, 9);
    expect(c.airspeedMps).toBeCloseTo(11, 9); // 15 over the ground with 4 m/s behind
    expect(c.durationS).toBeCloseTo(2000 / 15, 9);
    expect(c.powerW).toBeCloseTo(cruisePowerW(M2, 1, 11, RHO), 6);
  });

  it('flies at the cap, and arrives later, when the schedule asks for more', () => {
    const c = cost.cruise(b, a, 60, { groundSpeedMps: 18, maxAirspeedMps: 19 });
    if (!c.ok) throw new Error(c.reason);
    expect(c.airspeedMps).toBe(19);
    expect(c.groundSpeedMps).toBeCloseTo(15, 9); // 19 into a 4 m/s headwind
  });

  it('without a pace, flies at the model cruise airspeed as before', () => {
    const c = cost.cruise(a, b, 60);
    if (!c.ok) throw new Error(c.reason);
    expect(c.airspeedMps).toBe(M2.cruiseAirspeedMps);
  });
});
