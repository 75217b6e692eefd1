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
 * The day's wind the plan is designed for: the forecast with a speed error and a direction error
 * anywhere on the ellipse of DESIGN_SIGMAS of each (which point is unknown), plus gusts. `winds`
 * samples that ellipse (with the mean gust added to the speed); `alongMps` and `acrossMps` are its
 * half-axes as wind-vector differences, for a quick bound.
 */
export interface DesignWindError {
  speedErrorMps: number;
  directionErrorDeg: number;
  alongMps: number;
  acrossMps: number;
  /** Mean gust (gusts are uniform between calm and the peak): what a trip meets on average, m/s. */
  gustMeanMps: number;
  /** The gust peak, m/s. */
  gustPeakMps: number;
}

export function designWindError(forecast: Wind): DesignWindError {
  const peak = forecast.gustMps ?? 0;
  const speedErrorMps = DESIGN_SIGMAS * speedErrorSigmaMps(forecast);
  const directionErrorDeg = DESIGN_SIGMAS * DIRECTION_ERROR_SIGMA_DEG;
  return {
    speedErrorMps,
    directionErrorDeg,
    alongMps: speedErrorMps,
    // The turned wind is stronger than the forecast when the speed error and the gust add to it.
    acrossMps: 2 * (forecast.speedMps + speedErrorMps + peak) * Math.sin((directionErrorDeg * Math.PI) / 360),
    gustMeanMps: peak / 2,
    gustPeakMps: peak,
  };
}

/**
 * Winds on the design ellipse (n points), each as the sim draws a day: speed forecast + speed error +
 * the mean gust (never below calm), from the forecast direction + the direction error.
 */
export function designWinds(forecast: Wind, n: number): Wind[] {
  const e = designWindError(forecast);
  return Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    return {
      speedMps: Math.max(0, forecast.speedMps + e.speedErrorMps * Math.cos(a) + e.gustMeanMps),
      fromDeg: (((forecast.fromDeg + e.directionErrorDeg * Math.sin(a)) % 360) + 360) % 360,
      gustMps: 0,
    };
  });
}
