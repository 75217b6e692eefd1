/**
 * The weather the drones actually meet: the mission's wind is the forecast; the day differs from it
 * by a seeded forecast error (speed and direction, constant over the day) plus seeded gusts that
 * change every gust period. Everything is drawn up front from the seed, so the weather does not
 * depend on what the drones do (a contingency in one run does not shift the gusts of the next hour).
 */
import type { Rng } from '../random';
import type { Wind } from '../mission/schema';
import type { ActualWeather } from './trace';
import { DIRECTION_ERROR_SIGMA_DEG, speedErrorSigmaMps } from '../weather/forecastError';

export interface WeatherOptions {
  /** Standard deviation of the forecast's wind-speed error; default 0.5 m/s + 20 % of the forecast. */
  speedErrorSigmaMps?: number;
  /** Standard deviation of the forecast's direction error; default 20 degrees. */
  directionErrorSigmaDeg?: number;
  /** A fixed forecast error instead of a drawn one ("what if the wind is 6 m/s stronger"). */
  speedErrorMps?: number;
  directionErrorDeg?: number;
  /** Multiplies the mission's gustMps; 0 turns gusts off. Default 1. */
  gustScale?: number;
  /** Gusts and wind samples change every this many seconds. Default 30. */
  gustPeriodS?: number;
}

export function drawWeather(forecast: Wind, rng: Rng, endS: number, opts: WeatherOptions = {}): ActualWeather {
  const speedSigma = opts.speedErrorSigmaMps ?? speedErrorSigmaMps(forecast);
  const dirSigma = opts.directionErrorSigmaDeg ?? DIRECTION_ERROR_SIGMA_DEG;
  const gustScale = opts.gustScale ?? 1;
  const gustPeriodS = opts.gustPeriodS ?? 30;
  // Both are drawn even when fixed, so fixing one does not shift the gusts of a seed.
  const drawnSpeedError = speedSigma * rng.normal();
  const drawnDirectionError = dirSigma * rng.normal();
  const speedErrorMps = opts.speedErrorMps ?? drawnSpeedError;
  const directionErrorDeg = opts.directionErrorDeg ?? drawnDirectionError;
  const periods = Math.ceil(endS / gustPeriodS) + 1;
  const gustMps: number[] = new Array(periods);
  const peak = forecast.gustMps * gustScale;
  // A gust is between calm and the forecast peak; uniform, so its mean is half the peak.
  for (let k = 0; k < periods; k++) gustMps[k] = peak > 0 ? Math.round(peak * rng.next() * 100) / 100 : 0;
  return {
    forecast: { speedMps: forecast.speedMps, fromDeg: forecast.fromDeg, gustMps: forecast.gustMps },
    speedErrorMps: round2(speedErrorMps),
    directionErrorDeg: round2(directionErrorDeg),
    gustPeriodS,
    gustMps,
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Index of the gust period that contains t. */
export function gustPeriodAt(w: ActualWeather, tS: number): number {
  return Math.min(w.gustMps.length - 1, Math.max(0, Math.floor(tS / w.gustPeriodS)));
}

/** The wind blowing in a gust period (steady within it), in the mission's convention. */
export function windInPeriod(w: ActualWeather, period: number): Wind {
  const k = Math.min(w.gustMps.length - 1, Math.max(0, period));
  const speedMps = Math.max(0, w.forecast.speedMps + w.speedErrorMps + w.gustMps[k]);
  const fromDeg = (((w.forecast.fromDeg + w.directionErrorDeg) % 360) + 360) % 360;
  return { speedMps, fromDeg, gustMps: 0 };
}
