/**
 * Simulated-annealing acceptance, as in SISR: the temperature falls geometrically from start to final
 * over the search budget, and a candidate is accepted when it costs less than the current solution plus
 * a threshold drawn once per iteration (-T ln U, U uniform in (0, 1)).
 */
export interface AnnealingParams {
  /** Start and final temperature, as multiples of the temperature unit (Neighbourhood.costScale). */
  startTemperature: number;
  finalTemperature: number;
}

export class Annealing {
  constructor(
    private readonly params: AnnealingParams,
    /** The temperature unit: the average cost of an arc to a near neighbour. */
    private readonly costScale: number,
  ) {}

  /** Temperature at `fraction` (0..1) of the budget. */
  temperature(fraction: number): number {
    const T0 = this.params.startTemperature * this.costScale;
    const Tf = this.params.finalTemperature * this.costScale;
    return T0 * Math.pow(Tf / T0, Math.min(1, Math.max(0, fraction)));
  }

  /** Whether a candidate of cost `candidate` replaces the current one at temperature T. */
  accepts(candidate: number, current: number, T: number, rand: () => number): boolean {
    return candidate < current - T * Math.log(rand());
  }
}
