/**
 * What the CZML and KML writers need from a simulation trace: per drone, parallel arrays of sample
 * times and positions (and state of charge). The simulator's SimTrace (src/core/sim/trace.ts) has this
 * shape, so it is passed as is; planToTrack builds the same from a plan (the nominal flight) when no
 * simulation has been run.
 *
 * Between two samples a drone moves in a straight line, so writers interpolate linearly.
 */
import type { Mission } from '../mission/schema';
import type { Plan } from '../planner/plan';

export interface TrackLike {
  droneId: string;
  /** Seconds after the mission start, strictly increasing. */
  tS: readonly number[];
  lng: readonly number[];
  lat: readonly number[];
  /** Metres above the take-off ground. */
  altM: readonly number[];
  /** State of charge, share of usable energy. */
  soc: readonly number[];
  /** Optional state code per sample (index into TraceLike.stateNames). */
  state?: readonly number[];
}

export interface TraceLike {
  /** Mission clock zero (ISO 8601): the CZML epoch and the KML time base. */
  startTime: string;
  missionName?: string;
  stateNames?: readonly string[];
  drones: readonly TrackLike[];
  /** Optional: the trips flown (SimTrace.trips has them; planToTrace lists the plan's); KML draws one line each. */
  trips?: readonly { droneId: string; tripId: string; departS: number; endS: number }[];
}

interface MutableTrack {
  droneId: string;
  tS: number[];
  lng: number[];
  lat: number[];
  altM: number[];
  soc: number[];
}

/**
 * The plan's nominal flight as a trace: every waypoint is a sample, the drop hover adds a sample when it
 * ends, and the state of charge falls linearly in time over each leg to the leg's `socAfter`.
 */
export function planToTrace(mission: Mission, plan: Plan): TraceLike {
  const drones = plan.drones
    .filter((d) => d.trips.length > 0)
    .map((drone) => {
      const track: MutableTrack = { droneId: drone.droneId, tS: [], lng: [], lat: [], altM: [], soc: [] };
      const push = (t: number, lng: number, lat: number, alt: number, soc: number) => {
        const n = track.tS.length;
        // Equal times (a leg's end is the next leg's start): the later sample wins, times stay increasing.
        const i = n > 0 && track.tS[n - 1] >= t ? n - 1 : n;
        track.tS[i] = i === n ? t : track.tS[n - 1];
        track.lng[i] = lng;
        track.lat[i] = lat;
        track.altM[i] = alt;
        track.soc[i] = soc;
      };
      for (const trip of drone.trips) {
        let socBefore = trip.socStart;
        for (const leg of trip.legs) {
          const w0 = leg.waypoints[0];
          const wN = leg.waypoints[leg.waypoints.length - 1];
          const endS = Math.max(leg.doneS, wN[3]);
          const span = endS - w0[3];
          const socAt = (t: number) => (span > 0 ? socBefore + ((leg.socAfter - socBefore) * (t - w0[3])) / span : leg.socAfter);
          for (const w of leg.waypoints) push(w[3], w[0], w[1], w[2], socAt(w[3]));
          if (endS > wN[3]) push(endS, wN[0], wN[1], wN[2], leg.socAfter);
          socBefore = leg.socAfter;
        }
      }
      return track;
    });
  const trips = plan.drones.flatMap((d) => d.trips.map((t) => ({ droneId: d.droneId, tripId: t.tripId, departS: t.departS, endS: t.landS })));
  return { startTime: mission.startTime, missionName: mission.name, drones, trips };
}

/** ISO time of a mission second, rounded to the millisecond (Date would truncate). */
export function isoAtSecond(startTime: string, seconds: number): string {
  return new Date(Math.round(Date.parse(startTime) + seconds * 1000)).toISOString();
}

/** A stable colour per drone index, as [r, g, b] (0..255): well-separated hues. */
export function droneColour(index: number): [number, number, number] {
  const hue = (index * 137.508) % 360; // golden angle
  const s = 0.7;
  const l = 0.5;
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] =
    hue < 60 ? [c, x, 0] : hue < 120 ? [x, c, 0] : hue < 180 ? [0, c, x] : hue < 240 ? [0, x, c] : hue < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** Problems that keep a parsed JSON value from being a trace the writers can use (path + reason). */
export function traceProblems(raw: unknown): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!obj(raw)) return [{ path: '', message: 'a trace must be a JSON object' }];
  if (typeof raw.startTime !== 'string' || Number.isNaN(Date.parse(raw.startTime))) {
    out.push({ path: 'startTime', message: 'must be an ISO date-time (the mission start)' });
  }
  if (!Array.isArray(raw.drones)) return [...out, { path: 'drones', message: 'must be an array of drone tracks' }];
  raw.drones.forEach((d, i) => {
    if (!obj(d)) return out.push({ path: `drones[${i}]`, message: 'must be an object' });
    if (typeof d.droneId !== 'string') out.push({ path: `drones[${i}].droneId`, message: 'must be a string' });
    const tS = d.tS;
    if (!Array.isArray(tS)) return out.push({ path: `drones[${i}].tS`, message: 'must be an array of seconds' });
    for (const key of ['tS', 'lng', 'lat', 'altM', 'soc'] as const) {
      const arr = d[key];
      if (!Array.isArray(arr) || arr.length !== tS.length || !arr.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        out.push({ path: `drones[${i}].${key}`, message: `must be ${tS.length} numbers (one per sample time)` });
      }
    }
    for (let k = 1; k < tS.length; k++) {
      if (!(tS[k] > tS[k - 1])) {
        out.push({ path: `drones[${i}].tS[${k}]`, message: 'sample times must be strictly increasing' });
        break;
      }
    }
  });
  return out;
}
