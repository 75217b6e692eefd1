/**
 * One trip of a plan as a dispatcher reads it: a waypoint table (what happens at each waypoint, when,
 * how high, how far from the previous one, the leg's energy and the battery after it) and the points of
 * its altitude profile (altitude over the horizontal distance flown). Read from the plan document only.
 */
import type { MetricFrame, XY } from '../geo/frame';
import type { Trip } from './plan';

export type WaypointKind = 'take-off' | 'climb-out' | 'top of climb' | 'cruise' | 'hold' | 'descent' | 'drop' | 'landing';

export interface WaypointRow {
  /** 0-based over the whole trip (legs' waypoints one after the other, as in the plan). */
  index: number;
  leg: number;
  /** Index within its leg. */
  legIndex: number;
  kind: WaypointKind;
  lng: number;
  lat: number;
  /** Metres above the take-off ground. */
  altM: number;
  /** Mission seconds. */
  tS: number;
  /** Horizontal metres from the previous waypoint (0 for the first). */
  fromPreviousM: number;
  /** Horizontal metres from the take-off. */
  distM: number;
  /** On a leg's last waypoint: the leg's energy (Wh) and the state of charge (0..1) when it is done. */
  legEnergyWh?: number;
  socAfter?: number;
}

/** Waypoints closer than this horizontally are the same place (the plan keeps 7 decimals, ~1 cm). */
const SAME_PLACE_M = 0.05;

/**
 * The waypoint table of a trip: one row per waypoint of the plan (a leg's first waypoint repeats the
 * previous leg's last one, as in the plan document). Kinds from the motion that reaches the waypoint:
 * the climb above the pad or drop point ends at the top of climb, level flight at a cruise waypoint, a
 * hover over the destination at a hold, the way down at a descent (landing at the depot), and the time
 * spent at the drop height (or landed) at the drop.
 */
export function tripWaypointRows(trip: Trip, frame: MetricFrame): WaypointRow[] {
  const rows: WaypointRow[] = [];
  let dist = 0;
  let prev: XY | undefined;
  trip.legs.forEach((leg, li) => {
    const last = leg.waypoints.length - 1;
    let previousAlt = Number.NaN;
    let descended = false;
    leg.waypoints.forEach((w, wi) => {
      const p = frame.toLocal([w[0], w[1]]);
      const step = prev ? Math.hypot(p.x - prev.x, p.y - prev.y) : 0;
      dist += step;
      let kind: WaypointKind;
      if (wi === 0) kind = li === 0 ? 'take-off' : 'climb-out';
      else if (step > SAME_PLACE_M) kind = 'cruise';
      else if (w[2] > previousAlt + 1e-6) kind = 'top of climb';
      else if (w[2] < previousAlt - 1e-6) {
        descended = true;
        kind = wi === last && leg.to.kind === 'depot' ? 'landing' : 'descent';
      } else kind = descended || (wi === last && leg.to.kind === 'order') ? 'drop' : 'hold';
      rows.push({
        index: rows.length,
        leg: li,
        legIndex: wi,
        kind,
        lng: w[0],
        lat: w[1],
        altM: w[2],
        tS: w[3],
        fromPreviousM: step,
        distM: dist,
        ...(wi === last ? { legEnergyWh: leg.energyWh, socAfter: leg.socAfter } : {}),
      });
      previousAlt = w[2];
      prev = p;
    });
  });
  return rows;
}

/** The horizontal track of a trip in local metres, consecutive repeats dropped (for ground sampling). */
export function tripTrack(trip: Trip, frame: MetricFrame): XY[] {
  const out: XY[] = [];
  for (const leg of trip.legs)
    for (const w of leg.waypoints) {
      const p = frame.toLocal([w[0], w[1]]);
      const last = out[out.length - 1];
      if (!last || Math.hypot(p.x - last.x, p.y - last.y) > SAME_PLACE_M) out.push(p);
    }
  return out;
}

/** The highest cruise layer the trip flies, m. */
export function tripCruiseAltitudeM(trip: Trip): number {
  return trip.legs.reduce((m, l) => Math.max(m, l.cruiseAltitudeM), 0);
}
