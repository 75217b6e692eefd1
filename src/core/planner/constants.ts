/**
 * Planner constants: documented defaults for things the mission format does not (yet) carry.
 * README "Fleet planner" lists them.
 */

/** How long each drop method holds the drone at the drop point: one table, owned by the path finder. */
export { NOMINAL_DROP_S as DROP_DURATION_S } from '../paths/leg';

/** Ground handling between two trips at a charger depot (landing checks, plugging in, loading), s. */
export const CHARGER_HANDLING_S = 120;

/** Ground handling at a swap depot is part of the depot's own swapS. */
export const SWAP_HANDLING_S = 0;

/** Upper bound on trips per drone per day handed to the solver (effectively unlimited). */
export const MAX_TRIPS_PER_DRONE = 1000;

/**
 * Take-off delays the deconfliction tries, seconds after the planned departure, in order. Small
 * steps first (a few seconds untangle two drones climbing from the same pad), then larger ones.
 */
export const DEPARTURE_DELAYS_S: readonly number[] = [
  0, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90, 120, 150, 180, 240, 300, 420, 600,
];
