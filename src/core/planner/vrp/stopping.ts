/**
 * When the search stops, and how far along its budget it is. solveVrp asks `shouldStop(it)` before
 * every iteration; the criterion also keeps the share of the budget used, which drives the cooling.
 */
export interface StopCriterion {
  /** Before iteration `it` (0, 1, ...): true stops the search. */
  shouldStop(it: number): boolean;
  /** Share of the budget used (0..1) as of the last shouldStop: the annealing schedule follows it. */
  readonly fraction: number;
  /** Share shown as progress: the further along of iterations and time. */
  readonly shown: number;
}

/** Iterations between two looks at the clock and the cancel flag (reading the clock is not free). */
const CLOCK_EVERY = 16;

/**
 * The solver's budget: an iteration limit, a time limit, or both (whichever comes first), and a cancel
 * flag. With an iteration limit the cooling follows the iterations, so a time limit that never bites
 * changes nothing and runs are reproducible; with only a time limit it follows the clock. A time limit
 * that stops the search before its iterations is what the planner reports as "cut short".
 */
export class SearchBudget implements StopCriterion {
  fraction = 0;
  shown = 0;
  private readonly timeLimitMs: number;

  constructor(
    private readonly iterationLimit: number,
    timeLimitS: number | undefined,
    private readonly clock: () => number,
    /** clock() when the solve started. */
    private readonly startMs: number,
    private readonly signal?: { readonly aborted: boolean },
  ) {
    this.timeLimitMs = timeLimitS !== undefined ? timeLimitS * 1000 : Infinity;
    if (iterationLimit === Infinity && this.timeLimitMs === Infinity) throw new Error('solveVrp needs timeLimitS or iterationLimit');
  }

  shouldStop(it: number): boolean {
    if (it >= this.iterationLimit) return true;
    if (it % CLOCK_EVERY === 0) {
      const elapsed = this.clock() - this.startMs;
      if (elapsed >= this.timeLimitMs) return true;
      if (this.signal?.aborted) return true;
      this.fraction = this.iterationLimit < Infinity ? it / this.iterationLimit : elapsed / this.timeLimitMs;
      this.shown = Math.max(this.fraction, elapsed / this.timeLimitMs);
    } else if (this.iterationLimit < Infinity) this.fraction = it / this.iterationLimit;
    return false;
  }
}
