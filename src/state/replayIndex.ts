/**
 * What playback needs from a trace, prepared once when the trace loads so that drawing a frame is a
 * binary search and a few multiplications per drone, with no allocation:
 * - every sample in local metres (the mission's metric frame), so the scene never projects lng/lat
 *   per frame. Straight-line interpolation in local metres equals the trace's own interpolation in
 *   lng/lat to well under a centimetre over a leg (the projection is nearly linear at that scale);
 * - heading and pitch of every segment between two samples (a vertical climb keeps the heading it had);
 * - when a parcel is aboard (from take-off to the last drop of the flight; to the landing when the
 *   flight was diverted or ended in an emergency, because the parcel comes back);
 * - when an emergency began, the drone's drops and ground entries (card: current order, ETA).
 */
import type { MetricFrame } from '../core/geo/frame';
import { type DroneTrack, type SimTrace, sampleIndexAt } from '../core/sim/trace';
import { type DroneState, isGroundState, S } from '../core/sim/states';

export interface DroneReplay {
  index: number;
  droneId: string;
  track: DroneTrack;
  /** Local metres (east, north) of every sample. */
  x: Float64Array;
  y: Float64Array;
  /** Heading (radians counter-clockwise from east) and pitch (radians, nose up) of segment i -> i+1. */
  headingRad: Float32Array;
  pitchRad: Float32Array;
  /** [start, end] pairs, sorted: a parcel is aboard. */
  carry: Float64Array;
  /** Mission time of the drone's first emergency-landing event, Infinity when none. */
  emergencyFromS: number;
  /** Drops, sorted by time. */
  drops: { tS: number; orderId: string }[];
  /** Times the drone entered a ground state (landed, or emergency-landed), sorted. */
  groundEntriesS: number[];
}

export interface ReplayIndex {
  trace: SimTrace;
  frame: MetricFrame;
  drones: DroneReplay[];
  byId: Map<string, DroneReplay>;
}

/** Steeper than this is drawn as this (a multirotor does not tilt its body to climb). */
const MAX_PITCH_RAD = 0.5;
/** Segments shorter than this horizontally keep the previous heading (vertical climbs, hovers). */
const MIN_HEADING_RUN_M = 0.5;

export function buildReplayIndex(trace: SimTrace, frame: MetricFrame): ReplayIndex {
  const drones = trace.drones.map((track, index) => prepareDrone(track, index, frame));
  const byId = new Map(drones.map((d) => [d.droneId, d]));
  attachEvents(trace, byId);
  return { trace, frame, drones, byId };
}

function prepareDrone(track: DroneTrack, index: number, frame: MetricFrame): DroneReplay {
  const n = track.tS.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = frame.toLocal([track.lng[i], track.lat[i]]);
    x[i] = p.x;
    y[i] = p.y;
  }
  const headingRad = new Float32Array(n);
  const pitchRad = new Float32Array(n);
  let heading = Math.PI / 2; // north until the first horizontal move
  for (let i = 0; i < n; i++) {
    let pitch = 0;
    if (i + 1 < n) {
      const dx = x[i + 1] - x[i];
      const dy = y[i + 1] - y[i];
      const run = Math.hypot(dx, dy);
      if (run > MIN_HEADING_RUN_M) {
        heading = Math.atan2(dy, dx);
        pitch = Math.max(-MAX_PITCH_RAD, Math.min(MAX_PITCH_RAD, Math.atan2(track.altM[i + 1] - track.altM[i], run)));
      }
    }
    headingRad[i] = heading;
    pitchRad[i] = pitch;
  }
  // A drone that has not moved yet faces where it will first go.
  const firstMove = headingRad.findIndex((_h, i) => i + 1 < n && Math.hypot(x[i + 1] - x[i], y[i + 1] - y[i]) > MIN_HEADING_RUN_M);
  if (firstMove > 0) headingRad.fill(headingRad[firstMove], 0, firstMove);
  return {
    index,
    droneId: track.droneId,
    track,
    x,
    y,
    headingRad,
    pitchRad,
    carry: new Float64Array(0),
    emergencyFromS: Infinity,
    drops: [],
    groundEntriesS: [],
  };
}

/** One pass over the events: drops, ground entries, emergencies and carry intervals per drone. */
function attachEvents(trace: SimTrace, byId: Map<string, DroneReplay>): void {
  interface Flight {
    startS: number;
    lastDropS: number;
    aborted: boolean;
  }
  const open = new Map<string, Flight>();
  const carry = new Map<string, number[]>();
  const close = (d: DroneReplay, f: Flight, endS: number) => {
    const end = f.aborted ? endS : f.lastDropS;
    if (end <= f.startS) return;
    let pairs = carry.get(d.droneId);
    if (!pairs) carry.set(d.droneId, (pairs = []));
    pairs.push(f.startS, end);
  };
  for (const e of trace.events) {
    const d = byId.get(e.droneId);
    if (!d) continue;
    const f = open.get(d.droneId);
    switch (e.kind) {
      case 'state': {
        const code = S[e.state as DroneState];
        if (e.state === 'take-off') open.set(d.droneId, { startS: e.tS, lastDropS: -1, aborted: false });
        else if (code !== undefined && isGroundState(code)) {
          d.groundEntriesS.push(e.tS);
          if (f) {
            close(d, f, e.tS);
            open.delete(d.droneId);
          }
        }
        break;
      }
      case 'delivered':
        if (e.orderId) d.drops.push({ tS: e.tS, orderId: e.orderId });
        if (f) f.lastDropS = e.tS;
        break;
      case 'emergency-landing':
        d.emergencyFromS = Math.min(d.emergencyFromS, e.tS);
        if (f) f.aborted = true;
        break;
      case 'divert':
        if (f) f.aborted = true;
        break;
      default:
        break;
    }
  }
  for (const [id, f] of open) close(byId.get(id)!, f, trace.endS);
  for (const [id, pairs] of carry) byId.get(id)!.carry = Float64Array.from(pairs);
}

/**
 * Local position of a drone at time t: writes [x east, y north, altM] into out and returns the
 * sample index (for heading, pitch and state). Same clamping and interpolation as positionAt.
 */
export function localPositionAt(d: DroneReplay, t: number, out: { [i: number]: number }): number {
  const tS = d.track.tS;
  const i = sampleIndexAt(tS, t);
  let f = 0;
  if (i + 1 < tS.length && t > tS[i]) {
    const span = tS[i + 1] - tS[i];
    f = span > 0 ? Math.min(1, (t - tS[i]) / span) : 0;
  }
  const alt = d.track.altM;
  if (f === 0) {
    out[0] = d.x[i];
    out[1] = d.y[i];
    out[2] = alt[i];
  } else {
    out[0] = d.x[i] + f * (d.x[i + 1] - d.x[i]);
    out[1] = d.y[i] + f * (d.y[i + 1] - d.y[i]);
    out[2] = alt[i] + f * (alt[i + 1] - alt[i]);
  }
  return i;
}

/** Whether a parcel is aboard at time t. */
export function isCarrying(d: DroneReplay, t: number): boolean {
  const c = d.carry;
  // Few flights per drone: a linear scan is as fast as a search and simpler.
  for (let k = 0; k < c.length; k += 2) {
    if (t < c[k]) return false;
    if (t <= c[k + 1]) return true;
  }
  return false;
}

/** First value in sorted `values` strictly greater than t (via `key`), or undefined. */
function firstAfter<T>(values: readonly T[], t: number, key: (v: T) => number): T | undefined {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(values[mid]) <= t) lo = mid + 1;
    else hi = mid;
  }
  return values[lo];
}

export interface DroneOutlook {
  /** The next drop of this flight (or of the next flight, while waiting on the ground). */
  nextDrop?: { orderId: string; tS: number };
  /** When the drone is next on the ground (landing done). */
  nextGroundS?: number;
}

/** What the drone card shows about the future: the order it is flying and when it is dropped, the next landing. */
export function droneOutlook(d: DroneReplay, t: number): DroneOutlook {
  const drop = firstAfter(d.drops, t, (x) => x.tS);
  const ground = firstAfter(d.groundEntriesS, t, (x) => x);
  return { nextDrop: drop ? { orderId: drop.orderId, tS: drop.tS } : undefined, nextGroundS: ground };
}

// ---------------------------------------------------------------------------------------------
// State colours

/** What the drone's colour says. */
export type StateCategory = 'ground' | 'cruise' | 'drop' | 'return' | 'holding' | 'charging' | 'diverted' | 'emergency';

export const STATE_CATEGORY_COLOURS: Record<StateCategory, string> = {
  ground: '#6e7781',
  cruise: '#1f5fbf',
  drop: '#f08c00',
  return: '#2e9e44',
  holding: '#0891b2',
  charging: '#d4b106',
  diverted: '#c026d3',
  emergency: '#e02424',
};

const CATEGORY_OF_STATE: Record<DroneState, StateCategory> = {
  idle: 'ground',
  loading: 'ground',
  'take-off': 'cruise',
  climb: 'cruise',
  cruise: 'cruise',
  descent: 'cruise',
  drop: 'drop',
  'climb-out': 'cruise',
  return: 'return',
  landing: 'return',
  charging: 'charging',
  'battery-swap': 'charging',
  diverted: 'diverted',
  'emergency-landed': 'emergency',
  holding: 'holding',
};

export function stateCategory(state: DroneState): StateCategory {
  return CATEGORY_OF_STATE[state];
}

/** Category of a drone at time t, from its state code; an emergency colours everything after it. */
export function categoryAt(d: DroneReplay, stateNames: readonly DroneState[], sampleIndex: number, t: number): StateCategory {
  if (t >= d.emergencyFromS) return 'emergency';
  return CATEGORY_OF_STATE[stateNames[d.track.state[sampleIndex]]] ?? 'ground';
}

// ---------------------------------------------------------------------------------------------
// One index per (trace, frame), shared by the scene, the drone card and the test hook.

const indexCache = new WeakMap<SimTrace, ReplayIndex>();

export function replayIndexFor(trace: SimTrace, frame: MetricFrame): ReplayIndex {
  const cached = indexCache.get(trace);
  if (cached && cached.frame === frame) return cached;
  const index = buildReplayIndex(trace, frame);
  indexCache.set(trace, index);
  return index;
}
