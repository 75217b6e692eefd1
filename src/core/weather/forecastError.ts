/**
 * How far the day's wind may differ from the forecast: the one statement of the forecast error that
 * the simulator draws its weather from (sim/weather.ts) and the planner prices contingency energy
 * against (energy/contingency.ts).
 *
 * The model: a constant error on the forecast speed (normal, sigma 0.5 m/s plus 20 % of the forecast)
 * and on its direction (normal, sigma 20 degrees) for the whole day, plus gusts between calm and the
 * forecast's gustMps that change every gust period.
 */
import type { Wind } from '../mission/schema';

export const SPEED_ERROR_SIGMA_BASE_MPS = 0.5;
export const SPEED_ERROR_SIGMA_SHARE = 0.2;
export const DIRECTION_ERROR_SIGMA_DEG = 20;
/** Sigmas of the day's constant error the plan is protected against (about 98 % of days one-sided). */
export const DESIGN_SIGMAS = 2;

export function speedErrorSigmaMps(forecast: Pick<Wind, 'speedMps'>): number {
  return SPEED_ERROR_SIGMA_BASE_MPS + SPEED_ERROR_SIGMA_SHARE * forecast.speedMps;
}

/**
 * The day's constant wind-vector error the plan is designed for: an ellipse with DESIGN_SIGMAS of the
 * speed error along the forecast wind's axis and DESIGN_SIGMAS of the direction error across it
 * (speed x angle in radians); its direction on the ellipse is unknown. Gusts come on top.
 */
export interface DesignWindError {
  alongMps: number;
  acrossMps: number;
  /** Mean gust (gusts are uniform between calm and the peak): what a trip meets on average, m/s. */
  gustMeanMps: number;
  /** The gust peak, m/s. */
  gustPeakMps: number;
}

export function designWindError(forecast: Wind): DesignWindError {
  const peak = forecast.gustMps ?? 0;
  return {
    alongMps: DESIGN_SIGMAS * speedErrorSigmaMps(forecast),
    acrossMps: DESIGN_SIGMAS * forecast.speedMps * ((DIRECTION_ERROR_SIGMA_DEG * Math.PI) / 180),
    gustMeanMps: peak / 2,
    gustPeakMps: peak,
  };
}
