import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RESERVE, PRESETS, createEnergyCostModel, energySummary } from '../../src/core/energy';
import type { XY } from '../../src/core/geo/frame';

const presetArb = fc.constantFrom(...Object.values(PRESETS));
const pointArb = fc.record({ x: fc.double({ min: -20_000, max: 20_000, noNaN: true }), y: fc.double({ min: -20_000, max: 20_000, noNaN: true }) });
const legArb = fc.tuple(pointArb, pointArb).filter(([a, b]) => Math.hypot(b.x - a.x, b.y - a.y) > 1);
const fromDegArb = fc.double({ min: 0, max: 360, noNaN: true });
const densityArb = fc.double({ min: 0.9, max: 1.3, noNaN: true });

/** Energy of a leg, or undefined when the wind makes it infeasible. */
function legWh(model = PRESETS['m2-class'], payloadKg: number, wind: { speedMps: number; fromDeg: number }, rho: number, a: XY, b: XY) {
  const r = createEnergyCostModel(model, { payloadKg, wind, airDensityKgM3: rho }).cruise(a, b, 60);
  return r.ok ? r.energyWh : undefined;
}

describe('energy properties', () => {
  it('more payload -> more energy, for cruise, climb, descent and hover', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), legArb, fromDegArb, densityArb, (m, f1, f2, [a, b], fromDeg, rho) => {
        fc.pre(Math.abs(f1 - f2) > 1e-3);
        const [lo, hi] = [Math.min(f1, f2) * m.maxPayloadKg, Math.max(f1, f2) * m.maxPayloadKg];
        const wind = { speedMps: Math.min(m.maxWindMps, m.cruiseAirspeedMps) * 0.5, fromDeg };
        const light = createEnergyCostModel(m, { payloadKg: lo, wind, airDensityKgM3: rho });
        const heavy = createEnergyCostModel(m, { payloadKg: hi, wind, airDensityKgM3: rho });
        const c1 = light.cruise(a, b, 60);
        const c2 = heavy.cruise(a, b, 60);
        if (!c1.ok || !c2.ok) throw new Error('a half-limit wind must be flyable');
        expect(c2.energyWh).toBeGreaterThan(c1.energyWh);
        expect(heavy.vertical(50).energyWh).toBeGreaterThan(light.vertical(50).energyWh);
        expect(heavy.vertical(-50).energyWh).toBeGreaterThan(light.vertical(-50).energyWh);
        expect(heavy.hover(30).energyWh).toBeGreaterThan(light.hover(30).energyWh);
      }),
    );
  });

  it('more headwind -> more energy', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), (m, f1, f2, bearingDeg) => {
        fc.pre(Math.abs(f1 - f2) > 1e-3);
        const limit = Math.min(m.maxWindMps, m.cruiseAirspeedMps);
        const t = (bearingDeg * Math.PI) / 180;
        const a = { x: 0, y: 0 };
        const b = { x: 5000 * Math.sin(t), y: 5000 * Math.cos(t) };
        // Wind blowing from the direction of flight is a pure headwind.
        const e = (f: number) => legWh(m, 0.5, { speedMps: f * limit, fromDeg: bearingDeg }, 1.225, a, b);
        const [weak, strong] = f1 < f2 ? [e(f1), e(f2)] : [e(f2), e(f1)];
        expect(weak).toBeDefined();
        expect(strong).toBeDefined();
        expect(strong!).toBeGreaterThan(weak!);
      }),
    );
  });

  it('more climb -> more energy', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0.1, max: 300, noNaN: true }), fc.double({ min: 0.1, max: 300, noNaN: true }), (m, h1, h2) => {
        fc.pre(Math.abs(h1 - h2) > 1e-6);
        const cost = createEnergyCostModel(m, { payloadKg: 0, wind: { speedMps: 0, fromDeg: 0 }, airDensityKgM3: 1.225 });
        const [lo, hi] = [Math.min(h1, h2), Math.max(h1, h2)];
        expect(cost.vertical(hi).energyWh).toBeGreaterThan(cost.vertical(lo).energyWh);
        // Climbing costs more than hovering for the same time, by the potential-energy work m g h / eta.
        const up = cost.vertical(lo);
        expect(up.energyWh - cost.hover(up.durationS).energyWh).toBeCloseTo((cost.massKg * 9.81 * lo) / m.efficiency / 3600, 9);
      }),
    );
  });

  it('range falls with payload', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fromDegArb, densityArb, (m, f1, f2, fromDeg, rho) => {
        fc.pre(Math.abs(f1 - f2) > 1e-3);
        const wind = { speedMps: Math.min(m.maxWindMps, m.cruiseAirspeedMps) * 0.4, fromDeg };
        const range = (f: number) => {
          const s = energySummary(m, { payloadKg: f * m.maxPayloadKg, wind, airDensityKgM3: rho, reserve: DEFAULT_RESERVE });
          if (!s.ok) throw new Error(s.reason);
          return s.rangeKm;
        };
        const [lo, hi] = [Math.min(f1, f2), Math.max(f1, f2)];
        expect(range(hi)).toBeLessThan(range(lo));
      }),
    );
  });

  it('zero wind makes outbound and return equal', () => {
    fc.assert(
      fc.property(presetArb, fc.double({ min: 0, max: 1, noNaN: true }), legArb, densityArb, (m, f, [a, b], rho) => {
        const calm = { speedMps: 0, fromDeg: 0 };
        const out = legWh(m, f * m.maxPayloadKg, calm, rho, a, b);
        const back = legWh(m, f * m.maxPayloadKg, calm, rho, b, a);
        expect(out).toBeDefined();
        expect(back!).toBeCloseTo(out!, 9);
      }),
    );
  });

  it('wind never makes a round trip cheaper than still air', () => {
    fc.assert(
      fc.property(presetArb, legArb, fc.double({ min: 0, max: 0.95, noNaN: true }), fromDegArb, (m, [a, b], f, fromDeg) => {
        const wind = { speedMps: f * Math.min(m.maxWindMps, m.cruiseAirspeedMps), fromDeg };
        const calm = { speedMps: 0, fromDeg: 0 };
        const windy = legWh(m, 0, wind, 1.225, a, b)! + legWh(m, 0, wind, 1.225, b, a)!;
        const still = legWh(m, 0, calm, 1.225, a, b)! + legWh(m, 0, calm, 1.225, b, a)!;
        expect(windy).toBeGreaterThanOrEqual(still * (1 - 1e-12));
      }),
    );
  });
});
