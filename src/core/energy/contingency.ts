/**
 * Contingency energy, planned like aviation fuel (ICAO Annex 6: trip + contingency + alternate +
 * final reserve), and the pace rule it pays for.
 *
 * A planned trip is flown to its schedule (4D conformance: the simulator's drones hold each cruise
 * segment's planned ground speed, changing airspeed against the wind they actually meet, up to a pace
 * cap). The day's wind differs from the forecast by a constant error of unknown direction plus gusts
 * (weather/forecastError.ts). The contingency of a trip is the most energy its cruise segments need
 * above the plan when flown to schedule under the design error, the worst of DIRECTIONS points on the
 * error ellipse (one error for the whole trip, as it is constant over the day, so an out-and-back trip
 * gains on one leg what it loses on the other), plus the mean gust along the forecast wind;
 * segments the cap cannot keep are flown at the cap (longer, and priced so). The policy's
 * `contingencyPercent` of the trip energy is the floor.
 */
import type { DroneModel } from '../mission/droneModel';
import type { Wind } from '../mission/schema';
import { designWindError, designWinds } from '../weather/forecastError';
import { cruisePowerW } from './power';
import { windVelocity } from './wind';

/** Directions of the constant error tried. */
const DIRECTIONS = 12;

/** The fastest airspeed a drone flies to keep its schedule: design error and gust peak on top of cruise. */
export function paceAirspeedCapMps(model: DroneModel, forecast: Wind): number {
  const e = designWindError(forecast);
  return Math.min(model.maxAirspeedMps, model.cruiseAirspeedMps + Math.max(e.alongMps, e.acrossMps) + e.gustPeakMps);
}

/** A level segment of a planned trip: where it goes, how long the plan gives it, with what aboard. */
export interface CruiseSegment {
  dx: number;
  dy: number;
  durationS: number;
  payloadKg: number;
}

export class ContingencyPricer {
  readonly paceCapMps: number;
  private readonly wind: { x: number; y: number };
  private readonly errors: { x: number; y: number }[];
  private readonly powerCache = new Map<number, number>();

  constructor(
    private readonly model: DroneModel,
    forecast: Wind,
    private readonly airDensityKgM3: number,
    /** The policy's floor, share of the trip energy. */
    readonly floorShare: number,
  ) {
    this.paceCapMps = paceAirspeedCapMps(model, forecast);
    this.wind = windVelocity(forecast);
    // Each design wind as a difference from the forecast's wind vector.
    this.errors = designWinds(forecast, DIRECTIONS).map((w) => {
      const v = windVelocity(w);
      return { x: v.x - this.wind.x, y: v.y - this.wind.y };
    });
  }

  /** Cruise power at an airspeed, rounded up to 0.1 m/s (cached: the physics solves for it). */
  private power(payloadKg: number, airspeedMps: number): number {
    const v = Math.ceil(airspeedMps * 10) / 10;
    const key = Math.round(payloadKg * 1000) * 10_000 + Math.round(v * 10);
    let p = this.powerCache.get(key);
    if (p === undefined) {
      p = cruisePowerW(this.model, payloadKg, Math.max(1, v), this.airDensityKgM3);
      this.powerCache.set(key, p);
    }
    return p;
  }

  /**
   * Contingency of a trip with this energy and these level segments: the energy (Wh) and the delay
   * (s, time lost where the cap cannot keep the schedule) under the worst design error.
   */
  price(tripEnergyWh: number, segments: readonly CruiseSegment[]): { contingencyWh: number; delayS: number } {
    let worstWh = 0;
    let worstDelayS = 0;
    for (const err of this.errors) {
      let extraWh = 0;
      let delayS = 0;
      for (const s of segments) {
        const x = this.segmentExtra(s, err);
        extraWh += x.wh;
        delayS += x.delayS;
      }
      worstWh = Math.max(worstWh, extraWh);
      worstDelayS = Math.max(worstDelayS, delayS);
    }
    return { contingencyWh: Math.max(this.floorShare * tripEnergyWh, worstWh), delayS: worstDelayS };
  }

  contingencyWh(tripEnergyWh: number, segments: readonly CruiseSegment[]): number {
    return this.price(tripEnergyWh, segments).contingencyWh;
  }

  /**
   * The contingency share of a typical trip (out and back along the worst of the directions tried),
   * for the route search's energy limit; the exact trip check uses contingencyWh.
   */
  typicalShare(payloadKg: number): number {
    let worst = this.floorShare;
    const v = this.model.cruiseAirspeedMps;
    for (let k = 0; k < DIRECTIONS; k++) {
      const a = (2 * Math.PI * k) / DIRECTIONS;
      const segs: CruiseSegment[] = [1, -1].map((sign) => {
        const ux = sign * Math.sin(a);
        const uy = sign * Math.cos(a);
        const along = this.wind.x * ux + this.wind.y * uy;
        const cross = this.wind.x * uy - this.wind.y * ux;
        const gs = Math.sqrt(Math.max(0, v * v - cross * cross)) + along;
        return { dx: 1000 * ux, dy: 1000 * uy, durationS: gs > 0.1 ? 1000 / gs : Infinity, payloadKg };
      });
      if (!segs.every((x) => Number.isFinite(x.durationS))) continue;
      const planned = segs.reduce((sum, x) => sum + this.power(x.payloadKg, v) * x.durationS, 0) / 3600;
      worst = Math.max(worst, this.contingencyWh(0, segs) / planned);
    }
    return worst;
  }

  /** Energy (Wh) above the plan and delay (s) of one segment flown to schedule under the wind error err. */
  private segmentExtra(s: CruiseSegment, err: { x: number; y: number }): { wh: number; delayS: number } {
    const d = Math.hypot(s.dx, s.dy);
    if (d < 1e-6 || s.durationS <= 0) return { wh: 0, delayS: 0 };
    const ux = s.dx / d;
    const uy = s.dy / d;
    const g = d / s.durationS;
    const planned = this.power(s.payloadKg, this.model.cruiseAirspeedMps) * s.durationS;
    // Air velocity = ground velocity - actual wind (forecast + error).
    const wx = this.wind.x + err.x;
    const wy = this.wind.y + err.y;
    const air = Math.hypot(g * ux - wx, g * uy - wy);
    if (air <= this.paceCapMps) return { wh: (this.power(s.payloadKg, air) * s.durationS - planned) / 3600, delayS: 0 };
    // Cannot keep the schedule: at the cap, slower over the ground.
    const along = wx * ux + wy * uy;
    const cross = wx * uy - wy * ux;
    const c2 = this.paceCapMps ** 2 - cross * cross;
    const gs = c2 > 0 ? Math.sqrt(c2) + along : 0;
    if (gs <= 0.1) return { wh: Infinity, delayS: Infinity };
    const durationS = d / gs;
    return { wh: (this.power(s.payloadKg, this.paceCapMps) * durationS - planned) / 3600, delayS: durationS - s.durationS };
  }
}
