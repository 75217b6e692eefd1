/**
 * What the search needs from a route evaluator: keep a vehicle's caches and cost up to date, and find a
 * customer's cheapest insertion into a vehicle. Two implementations: concatEvaluator.ts (hard windows,
 * O(1) per position) and simEvaluator.ts (soft windows, re-simulates the route).
 */

/** Where the cheapest insertion is: after route position `pos`, or as a new trip after the depot at `pos`. */
export interface InsertionResult {
  /** Cost increase (Infinity: none found below the bound). */
  delta: number;
  pos: number;
  newTrip: boolean;
}

export interface Evaluator {
  /** Recomputes vehicle v's caches and its cost (RouteSet.cost[v]); false when the route is infeasible. */
  refresh(v: number): boolean;
  /** Vehicle v has just received customer u after route position p, inside a trip: what refresh(v) does, or less. */
  inserted(v: number, p: number, u: number): void;
  /**
   * Cheapest feasible insertion of customer u into vehicle v costing less than `bound`, each position
   * skipped with probability `blink`; written into `res`.
   */
  bestInsertion(u: number, v: number, bound: number, blink: number, rand: () => number, res: InsertionResult): void;
}

/** Tiny extra cost of adding a trip to a used vehicle (prefers spreading when costs tie). */
export const TRIP_TIE_BREAK = 1e-7;
