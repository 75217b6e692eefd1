import { describe, expect, it } from 'vitest';
import { PRESETS, createEnergyCostModel } from '../../src/core/energy';
import { probeCostBound } from '../../src/core/paths/search';
import { createRng } from '../../src/core/random';

const windy = (speedMps: number, fromDeg: number) =>
  createEnergyCostModel(PRESETS['m2-class'], { payloadKg: 1, wind: { speedMps, fromDeg }, airDensityKgM3: 1.225 });

const O = { x: 0, y: 0 };
const energy = (m: ReturnType<typeof windy>, a: { x: number; y: number }, b: { x: number; y: number }) => {
  const c = m.cruise(a, b, 60);
  if (!c.ok) throw new Error(c.reason);
  return c.energyWh;
};

describe('the A* heuristic (probeCostBound)', () => {
  it('never exceeds the energy of a straight flight or of any two-leg detour, in any wind', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 40; trial++) {
      const model = windy(rng.range(0, 10), rng.range(0, 360));
      const { lowerBound } = probeCostBound(model, 60);
      for (let q = 0; q < 50; q++) {
        const t = { x: rng.range(-3000, 3000), y: rng.range(-3000, 3000) };
        const via = { x: rng.range(-3000, 3000), y: rng.range(-3000, 3000) };
        const h = lowerBound(t.x, t.y);
        expect(h).toBeLessThanOrEqual(energy(model, O, t));
        expect(h).toBeLessThanOrEqual(energy(model, O, via) + energy(model, via, t));
      }
    }
  });

  it('is within the probing margin of the straight flight on every heading (tighter than one rate per metre)', () => {
    const model = windy(8, 90);
    const { lowerBound, minCostPerM } = probeCostBound(model, 60);
    let gainOverRate = 0;
    for (let deg = 0; deg < 360; deg += 7) {
      const t = { x: 1000 * Math.sin((deg * Math.PI) / 180), y: 1000 * Math.cos((deg * Math.PI) / 180) };
      const straight = energy(model, O, t);
      expect(lowerBound(t.x, t.y) / straight).toBeGreaterThan(0.94);
      gainOverRate = Math.max(gainOverRate, lowerBound(t.x, t.y) / (minCostPerM * 1000));
    }
    // Into an 8 m/s wind the straight flight costs far more per metre than downwind.
    expect(gainOverRate).toBeGreaterThan(1.5);
  });

  it('falls back to the cheapest rate when some heading cannot be flown', () => {
    const model = windy(14, 0);
    const { lowerBound, minCostPerM } = probeCostBound(model, 60);
    if (minCostPerM > 0) expect(lowerBound(0, 1000)).toBeCloseTo(minCostPerM * 1000, 9);
    else expect(lowerBound(0, 1000)).toBe(0);
  });
});
