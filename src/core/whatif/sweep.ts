/**
 * Fleet sizing: the smallest number of drones per depot whose on-time rate meets a target.
 *
 * More drones should never make the day worse, so the rate is (nearly) monotonic in the fleet size
 * and a search needs O(log n) evaluations instead of n: gallop up from the minimum (min, min+1,
 * min+2, min+4, ...) until the target is met, then bisect between the last miss and the first hit.
 *
 * Guard: a planner is a heuristic and the weather is random, so a measured curve can dip. If the
 * points measured along the way are not monotonic (a larger fleet scored more than `tolerance`
 * below a smaller one), every size below the candidate is evaluated too and the answer is the
 * smallest size that meets the target: the same answer an exhaustive scan gives.
 */

export interface SweepEvaluation {
  onTimeRate: number;
  /** Anything else the caller wants kept with the point (spread, plan KPIs). */
  [extra: string]: unknown;
}

export interface SweepPoint<E extends SweepEvaluation = SweepEvaluation> {
  dronesPerDepot: number;
  onTimeRate: number;
  meets: boolean;
  evaluation: E;
}

export interface SweepOptions {
  /** On-time rate to reach, 0..1. */
  target: number;
  /** Smallest and largest drones per depot to consider (inclusive). */
  min: number;
  max: number;
  /** Dip allowed before the curve counts as non-monotonic. Default 0.005. */
  tolerance?: number;
  /** Evaluate every size in [min, max] instead of searching. */
  exhaustive?: boolean;
  /** Called after each evaluation. */
  onPoint?: (p: SweepPoint, evaluated: number) => void;
}

export interface SweepResult<E extends SweepEvaluation = SweepEvaluation> {
  target: number;
  min: number;
  max: number;
  /** Smallest drones per depot meeting the target, or null when even max does not. */
  dronesPerDepot: number | null;
  /** Every evaluated size, ascending. */
  points: SweepPoint<E>[];
  /** False when the guard found a dip (then the sizes below the answer were all evaluated). */
  monotonic: boolean;
  method: 'search' | 'search+scan' | 'scan';
}

export async function sweepFleetSize<E extends SweepEvaluation>(
  evaluate: (dronesPerDepot: number) => Promise<E> | E,
  opts: SweepOptions,
): Promise<SweepResult<E>> {
  const min = Math.max(0, Math.floor(opts.min));
  const max = Math.max(min, Math.floor(opts.max));
  const tolerance = opts.tolerance ?? 0.005;
  const meetsTarget = (rate: number) => rate >= opts.target - 1e-12;
  const cache = new Map<number, SweepPoint<E>>();
  const at = async (n: number): Promise<SweepPoint<E>> => {
    const hit = cache.get(n);
    if (hit) return hit;
    const evaluation = await evaluate(n);
    const p: SweepPoint<E> = { dronesPerDepot: n, onTimeRate: evaluation.onTimeRate, meets: meetsTarget(evaluation.onTimeRate), evaluation };
    cache.set(n, p);
    opts.onPoint?.(p, cache.size);
    return p;
  };
  const smallestMeeting = () => {
    const hits = [...cache.values()].filter((p) => p.meets).map((p) => p.dronesPerDepot);
    return hits.length ? Math.min(...hits) : null;
  };
  const result = (method: SweepResult['method'], monotonic: boolean): SweepResult<E> => ({
    target: opts.target,
    min,
    max,
    dronesPerDepot: smallestMeeting(),
    points: [...cache.values()].sort((a, b) => a.dronesPerDepot - b.dronesPerDepot),
    monotonic,
    method,
  });

  if (opts.exhaustive) {
    for (let n = min; n <= max; n++) await at(n);
    return result('scan', isMonotonic([...cache.values()], tolerance));
  }

  // Gallop: find a miss `lo` and a hit `hi` (or run out at max).
  let hi: number | null = null;
  let lo = min - 1;
  if ((await at(min)).meets) hi = min;
  else {
    lo = min;
    for (let step = 1; ; step *= 2) {
      const n = Math.min(max, min + step);
      if ((await at(n)).meets) {
        hi = n;
        break;
      }
      lo = n;
      if (n === max) break;
    }
  }
  // Bisect: invariant lo misses, hi hits.
  if (hi !== null) {
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await at(mid)).meets) hi = mid;
      else lo = mid;
    }
  }
  if (isMonotonic([...cache.values()], tolerance)) return result('search', true);
  // Guard: the curve dipped, so the bisection's premise fails; look at every size below the answer.
  const upTo = smallestMeeting() ?? max + 1;
  for (let n = min; n < upTo; n++) await at(n);
  return result('search+scan', false);
}

/** Non-decreasing in fleet size, up to `tolerance`. */
export function isMonotonic(points: readonly { dronesPerDepot: number; onTimeRate: number }[], tolerance = 0): boolean {
  const sorted = [...points].sort((a, b) => a.dronesPerDepot - b.dronesPerDepot);
  let best = -Infinity;
  for (const p of sorted) {
    if (p.onTimeRate < best - tolerance) return false;
    best = Math.max(best, p.onTimeRate);
  }
  return true;
}
