import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMonotonic, sweepFleetSize } from '../../src/core/whatif';

/** The answer of an exhaustive scan: smallest n in [min, max] with rate(n) >= target. */
function scanAnswer(rate: (n: number) => number, min: number, max: number, target: number): number | null {
  // Same float tolerance as the search (1e-12: a rate equal to the target up to rounding meets it).
  for (let n = min; n <= max; n++) if (rate(n) >= target - 1e-12) return n;
  return null;
}

describe('fleet-size search', () => {
  it('equals an exhaustive scan on monotonic curves, in O(log n) evaluations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 64, maxLength: 64 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        async (min, span, steps, target) => {
          const max = min + span;
          // A non-decreasing curve from cumulative steps, capped at 1.
          const curve = (n: number) => Math.min(1, steps.slice(0, n + 1).reduce((a, b) => a + b, 0));
          let calls = 0;
          const r = await sweepFleetSize((n) => {
            calls++;
            return { onTimeRate: curve(n) };
          }, { min, max, target, tolerance: 0 });
          expect(r.dronesPerDepot).toBe(scanAnswer(curve, min, max, target));
          expect(r.monotonic).toBe(true);
          expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(span + 1)) + 2);
          expect(r.points.map((p) => p.dronesPerDepot)).toEqual([...new Set(r.points.map((p) => p.dronesPerDepot))].sort((a, b) => a - b));
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  it('when it sees a dip, it scans below the answer and agrees with the exhaustive scan', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 20, maxLength: 20 }),
        fc.double({ min: 0.1, max: 0.9, noNaN: true }),
        async (rates, target) => {
          const curve = (n: number) => rates[n - 1];
          const r = await sweepFleetSize((n) => ({ onTimeRate: curve(n) }), { min: 1, max: 20, target, tolerance: 0 });
          if (!r.monotonic) {
            expect(r.method).toBe('search+scan');
            expect(r.dronesPerDepot).toBe(scanAnswer(curve, 1, 20, target));
          }
          // Whatever happened, the answer meets the target and no evaluated smaller size does.
          if (r.dronesPerDepot !== null) {
            expect(curve(r.dronesPerDepot)).toBeGreaterThanOrEqual(target - 1e-12);
            expect(r.points.filter((p) => p.dronesPerDepot < r.dronesPerDepot! && p.meets)).toEqual([]);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it('a hand-made dip triggers the guard', async () => {
    // Galloping probes 1, 2, 3, 5: 5 meets; 4 is bisected; 2 scores below 1 -> dip -> scan.
    const rates: Record<number, number> = { 1: 0.5, 2: 0.4, 3: 0.6, 4: 0.7, 5: 0.96, 6: 0.97 };
    const r = await sweepFleetSize((n) => ({ onTimeRate: rates[n] }), { min: 1, max: 6, target: 0.95 });
    expect(r.monotonic).toBe(false);
    expect(r.dronesPerDepot).toBe(5);
    expect(isMonotonic([{ dronesPerDepot: 1, onTimeRate: 0.5 }, { dronesPerDepot: 2, onTimeRate: 0.499 }], 0.005)).toBe(true);
  });

  it('reports null when even the largest fleet misses, and the minimum when it already meets', async () => {
    const never = await sweepFleetSize(() => ({ onTimeRate: 0.5 }), { min: 1, max: 9, target: 0.9 });
    expect(never.dronesPerDepot).toBeNull();
    expect(never.points.at(-1)!.dronesPerDepot).toBe(9);
    const always = await sweepFleetSize(() => ({ onTimeRate: 1 }), { min: 2, max: 9, target: 0.9 });
    expect(always.dronesPerDepot).toBe(2);
    expect(always.points).toHaveLength(1);
  });
});
