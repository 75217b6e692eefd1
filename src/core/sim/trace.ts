/**
 * The simulation trace: what playback and reports read, so nothing has to be simulated again.
 *
 * Per drone, samples are stored as parallel number arrays (time, lng, lat, altitude, state of charge,
 * state code). The simulator writes a sample at every change of motion (phase start, waypoint, state
 * change, wind change) and at least every `sampleIntervalS` in flight, so between two samples every
 * drone moves in a straight line at constant speed and drains at constant power: linear interpolation
 * between samples IS the simulated motion, not an approximation of it.
 *
 * positionAt / stateAt / socAt are O(log n) (binary search in the drone's sample times) and allocate
 * nothing when given an `out` array, because playback calls them 60 times a second for every drone.
 */
import { DRONE_STATES, type DroneState, type SimEvent } from './states';

export const TRACE_VERSION = 1;

/** The simulated day's KPIs (computed in kpis.ts). */
export interface SimKpis {
  ordersTotal: number;
  delivered: number;
  /** Delivered no later than the promise window's latest. */
  onTime: number;
  late: number;
  /** Sum over late deliveries of the minutes after the window. */
  lateMinutesTotal: number;
  failed: number;
  /** Neither delivered nor failed when the simulation ended. */
  pending: number;
  /** Failed orders counted by reason (the reason up to its first parenthesis). */
  failedByReason: Record<string, number>;
  /** onTime / ordersTotal. */
  onTimeRate: number;
  /** Flight energy drawn by the whole fleet. */
  energyWh: number;
  energyPerDeliveryWh: number;
  distanceKm: number;
  /** Airborne drone-seconds / (drones x simulated seconds). */
  utilisation: number;
  /** Lowest state of charge any drone reached (share of usable energy), and which drone. */
  minSoc: number;
  minSocDroneId: string;
  emergencyLandings: number;
  diversions: number;
  reroutes: number;
  requeued: number;
  separationLosses: number;
  /** Landings with less than the trip's final reserve (incidents). */
  landingsBelowReserve: number;
  /** Minutes drones waited on the ground past their planned take-off (not ready, new slot, busy pad). */
  groundWaitMinutes: number;
  /** Minutes drones held in the air for traffic or a busy landing pad (planned holds not counted). */
  holdMinutes: number;
  /** Late take-offs given a new, clear slot. */
  takeoffsResequenced: number;
  /** Take-offs and landings on pads, and on the busiest pad. */
  padMovements: number;
  busiestPadMovements: number;
}

export interface DroneTrack {
  droneId: string;
  depotId: string;
  modelId: string;
  /** Sample times, seconds after the mission start, strictly increasing. */
  tS: number[];
  lng: number[];
  lat: number[];
  /** Metres above the take-off ground. */
  altM: number[];
  /** State of charge, share of usable energy (may go below 0 only after an emergency-landing event). */
  soc: number[];
  /** State code (index into SimTrace.stateNames) from this sample until the next one. */
  state: number[];
}

export type OrderStatus = 'delivered' | 'failed' | 'pending';

export interface OrderResult {
  orderId: string;
  status: OrderStatus;
  /** Drone that delivered it, or that last had it. */
  droneId?: string;
  /** Drop finished (delivered only). */
  deliverS?: number;
  /** Seconds after the promise window's latest; 0 when on time (delivered only). */
  lateS?: number;
  /** Why it failed or is still pending. */
  reason?: string;
  /** How many times it was re-queued to another trip. */
  requeued: number;
}

/** One flown trip: plan trips keep their tripId; trips the simulator made up are `sim:<n>`. */
export interface TripResult {
  droneId: string;
  tripId: string;
  departS: number;
  endS: number;
  /** Energy the plan expected (0 for simulator-made trips). */
  plannedEnergyWh: number;
  /** Energy drawn in flight. */
  energyWh: number;
  distanceM: number;
  /** How it ended: landed at depotId, or emergency-landed. */
  outcome: 'landed' | 'diverted' | 'emergency-landed' | 'in-flight';
  landDepotId?: string;
}

/** The weather the simulated day actually had (forecast = the mission's wind). */
export interface ActualWeather {
  forecast: { speedMps: number; fromDeg: number; gustMps: number };
  /** Seeded error of the forecast, constant over the day. */
  speedErrorMps: number;
  directionErrorDeg: number;
  /** Gust added to the wind speed in each period of gustPeriodS (seeded). */
  gustPeriodS: number;
  gustMps: number[];
}

export interface SimTrace {
  traceVersion: typeof TRACE_VERSION;
  missionName: string;
  missionFingerprint: string;
  /** Mission clock zero (ISO); all times are seconds after it. */
  startTime: string;
  seed: number;
  /** Last simulated second. */
  endS: number;
  /** Names of the state codes used in DroneTrack.state. */
  stateNames: DroneState[];
  weather: ActualWeather;
  drones: DroneTrack[];
  /** Every event, ordered by time (ties keep the order they happened in). */
  events: SimEvent[];
  orders: OrderResult[];
  trips: TripResult[];
  kpis: SimKpis;
  /** Present when the day was dispatched live (src/core/dispatch): who knew what when. */
  dispatch?: DispatchRecord;
}

/** A live-dispatched day: the policy, and per order when it was placed and given to a drone. */
export interface DispatchRecord {
  policy: string;
  /**
   * Same order as SimTrace.orders. givenS is absent for an order never given to a drone; rejectedS is
   * when the dispatcher gave it up (absent: given, or still open when the day ended).
   */
  orders: { orderId: string; placedS: number; givenS?: number; rejectedS?: number }[];
}

// ---------------------------------------------------------------------------------------------
// Lookup (hot path for playback)

const indexCache = new WeakMap<SimTrace, Map<string, number>>();

/** Index of a drone in trace.drones, or -1. Built once per trace, then O(1). */
export function droneIndex(trace: SimTrace, droneId: string): number {
  let map = indexCache.get(trace);
  if (!map) {
    map = new Map(trace.drones.map((d, i) => [d.droneId, i]));
    indexCache.set(trace, map);
  }
  return map.get(droneId) ?? -1;
}

function trackOf(trace: SimTrace, drone: number | string): DroneTrack {
  const i = typeof drone === 'number' ? drone : droneIndex(trace, drone);
  const track = trace.drones[i];
  if (!track) throw new RangeError(`no drone ${String(drone)} in the trace`);
  return track;
}

/** Largest sample index i with tS[i] <= t (0 when t is before the first sample). */
export function sampleIndexAt(tS: readonly number[], t: number): number {
  let lo = 0;
  let hi = tS.length - 1;
  if (hi <= 0 || t < tS[1]) return 0;
  if (t >= tS[hi]) return hi;
  // Invariant: tS[lo] <= t < tS[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (tS[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Share of the way from sample i to i+1 at time t (0 at or beyond the ends). */
function fractionAt(tS: readonly number[], i: number, t: number): number {
  if (i + 1 >= tS.length) return 0;
  const span = tS[i + 1] - tS[i];
  if (span <= 0 || t <= tS[i]) return 0;
  return Math.min(1, (t - tS[i]) / span);
}

/**
 * Position of a drone at time t as [lng, lat, altitudeM], written into `out` (no allocation).
 * Before the first sample it is the first sample, after the last the last.
 */
export function positionAt<T extends { [i: number]: number }>(trace: SimTrace, drone: number | string, t: number, out: T): T;
export function positionAt(trace: SimTrace, drone: number | string, t: number): [number, number, number];
export function positionAt(trace: SimTrace, drone: number | string, t: number, out?: { [i: number]: number }) {
  const tr = trackOf(trace, drone);
  const o = out ?? [0, 0, 0];
  const i = sampleIndexAt(tr.tS, t);
  const f = fractionAt(tr.tS, i, t);
  if (f === 0) {
    o[0] = tr.lng[i];
    o[1] = tr.lat[i];
    o[2] = tr.altM[i];
  } else {
    o[0] = tr.lng[i] + f * (tr.lng[i + 1] - tr.lng[i]);
    o[1] = tr.lat[i] + f * (tr.lat[i + 1] - tr.lat[i]);
    o[2] = tr.altM[i] + f * (tr.altM[i + 1] - tr.altM[i]);
  }
  return o;
}

/** State of a drone at time t (the state of the last sample at or before t). */
export function stateAt(trace: SimTrace, drone: number | string, t: number): DroneState {
  const tr = trackOf(trace, drone);
  return DRONE_STATES[tr.state[sampleIndexAt(tr.tS, t)]];
}

/** State code (index into stateNames) at time t: the allocation- and string-free variant. */
export function stateCodeAt(trace: SimTrace, drone: number | string, t: number): number {
  const tr = trackOf(trace, drone);
  return tr.state[sampleIndexAt(tr.tS, t)];
}

/** State of charge (share of usable energy) at time t, interpolated. */
export function socAt(trace: SimTrace, drone: number | string, t: number): number {
  const tr = trackOf(trace, drone);
  const i = sampleIndexAt(tr.tS, t);
  const f = fractionAt(tr.tS, i, t);
  return f === 0 ? tr.soc[i] : tr.soc[i] + f * (tr.soc[i + 1] - tr.soc[i]);
}

/** Index of the first event at or after t (events.length when none): playback walks events from here. */
export function firstEventAtOrAfter(trace: SimTrace, t: number): number {
  const ev = trace.events;
  let lo = 0;
  let hi = ev.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ev[mid].tS < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---------------------------------------------------------------------------------------------
// Writing (used by the engine)

const round = (v: number, digits: number) => {
  const k = 10 ** digits;
  return Math.round(v * k) / k;
};

/** Appends samples to a track, rounded to what playback can see (1 ms, ~1 cm, 1e-5 SoC). */
export function pushSample(
  track: DroneTrack,
  tS: number,
  lng: number,
  lat: number,
  altM: number,
  soc: number,
  state: number,
): void {
  const t = round(tS, 3);
  const n = track.tS.length;
  // Two samples at one time: the later one wins (same place, newer state), keeping times strictly increasing.
  const i = n > 0 && track.tS[n - 1] >= t ? n - 1 : n;
  track.tS[i] = n > 0 && i === n - 1 ? track.tS[n - 1] : t;
  track.lng[i] = round(lng, 7);
  track.lat[i] = round(lat, 7);
  track.altM[i] = round(altM, 2);
  track.soc[i] = round(soc, 5);
  track.state[i] = state;
}

export function emptyTrack(droneId: string, depotId: string, modelId: string): DroneTrack {
  return { droneId, depotId, modelId, tS: [], lng: [], lat: [], altM: [], soc: [], state: [] };
}
