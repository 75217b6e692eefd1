/**
 * A made-up trace with any number of drones, for the playback benchmark and for trying the replay at
 * scale without planning a huge mission. Built with the simulator's own trace writer (pushSample),
 * state codes and KPI function, so it has exactly the shape of a real trace: each drone flies
 * delivery loops from its depot (load, take-off, climb, cruise out, descend, drop, climb out, return,
 * land, charge) for the whole duration, with take-off, state and delivered events.
 *
 * Deterministic for a seed (src/core/random.ts).
 */
import { type LngLat, createFrame } from '../core/geo/frame';
import { createRng } from '../core/random';
import { computeKpis } from '../core/sim/kpis';
import { DRONE_STATES, type DroneState, type SimEvent, S } from '../core/sim/states';
import { type DroneTrack, type SimTrace, TRACE_VERSION, emptyTrack, pushSample } from '../core/sim/trace';

export interface SyntheticTraceOptions {
  seed?: number;
  /** Length of the day, s. Default 2 h. */
  durationS?: number;
  /** Depots and drops lie within this radius of the origin. Default 8 km. */
  radiusM?: number;
  /** Drones per depot. Default 10. */
  dronesPerDepot?: number;
}

const CRUISE_MPS = 16;
const CLIMB_MPS = 4;
const DESCENT_MPS = 3;
const DROP_ALT_M = 10;
const DROP_S = 30;
const LOAD_S = 60;
/** Share of usable energy per second airborne (about 25 min of flight on a battery). */
const DRAIN_PER_S = 1 / 1500;
const CHARGE_PER_S = 1 / 900;

export function syntheticTrace(origin: LngLat, droneCount: number, options: SyntheticTraceOptions = {}): SimTrace {
  const rng = createRng(options.seed ?? 1);
  const durationS = options.durationS ?? 7200;
  const radiusM = options.radiusM ?? 8000;
  const perDepot = Math.max(1, options.dronesPerDepot ?? 10);
  const frame = createFrame(origin);
  const tracks: DroneTrack[] = [];
  const events: SimEvent[] = [];
  const depotCount = Math.ceil(droneCount / perDepot);
  const depots = Array.from({ length: depotCount }, () => randomPoint(rng.next(), rng.next(), radiusM * 0.7));

  for (let i = 0; i < droneCount; i++) {
    const depotIndex = Math.floor(i / perDepot);
    const depotId = `synthetic-depot-${depotIndex + 1}`;
    const droneId = `${depotId}/drone/${(i % perDepot) + 1}`;
    const track = emptyTrack(droneId, depotId, 'synthetic');
    const home = depots[depotIndex];
    let t = rng.next() * 600;
    let soc = 1;
    let x = home.x;
    let y = home.y;
    let alt = 0;
    const sample = (state: DroneState) => {
      const [lng, lat] = frame.toLngLat({ x, y });
      pushSample(track, t, lng, lat, alt, soc, S[state]);
    };
    const enter = (state: DroneState) => {
      sample(state);
      events.push({ tS: round3(t), droneId, kind: 'state', state });
    };
    /** Move in a straight line to (tx, ty, talt) at a speed, draining the battery. */
    const fly = (tx: number, ty: number, talt: number, speedMps: number) => {
      const d = Math.hypot(tx - x, ty - y, talt - alt);
      const dt = d / speedMps;
      t += dt;
      soc -= dt * DRAIN_PER_S;
      x = tx;
      y = ty;
      alt = talt;
    };
    enter('idle');
    let order = 0;
    while (t < durationS) {
      enter('loading');
      t += LOAD_S;
      enter('take-off');
      const cruiseAlt = 60 + 20 * Math.floor(rng.next() * 4);
      fly(x, y, 5, CLIMB_MPS);
      enter('climb');
      fly(x, y, cruiseAlt, CLIMB_MPS);
      enter('cruise');
      const bearing = rng.next() * 2 * Math.PI;
      const distM = 1000 + rng.next() * 4000;
      const dropX = home.x + distM * Math.cos(bearing);
      const dropY = home.y + distM * Math.sin(bearing);
      // A dog-leg halfway, so headings change in flight.
      const side = (rng.next() - 0.5) * 0.4 * distM;
      fly((home.x + dropX) / 2 - side * Math.sin(bearing), (home.y + dropY) / 2 + side * Math.cos(bearing), cruiseAlt, CRUISE_MPS);
      sample('cruise');
      fly(dropX, dropY, cruiseAlt, CRUISE_MPS);
      enter('descent');
      fly(x, y, DROP_ALT_M, DESCENT_MPS);
      enter('drop');
      t += DROP_S;
      soc -= DROP_S * DRAIN_PER_S;
      order++;
      events.push({ tS: round3(t), droneId, kind: 'delivered', orderId: `${droneId}/order/${order}` });
      enter('climb-out');
      fly(x, y, cruiseAlt, CLIMB_MPS);
      enter('return');
      fly(home.x, home.y, cruiseAlt, CRUISE_MPS);
      enter('landing');
      fly(x, y, 0, DESCENT_MPS);
      enter('charging');
      const chargeS = (1 - soc) / CHARGE_PER_S;
      t += chargeS;
      soc = 1;
      enter('idle');
      t += rng.next() * 300;
    }
    tracks.push(track);
  }
  events.sort((a, b) => a.tS - b.tS);
  const endS = Math.max(durationS, ...tracks.map((tr) => tr.tS[tr.tS.length - 1] ?? 0));
  return {
    traceVersion: TRACE_VERSION,
    missionName: `synthetic: ${droneCount} drones`,
    missionFingerprint: 'synthetic',
    startTime: '2026-01-01T08:00:00+00:00',
    seed: options.seed ?? 1,
    endS: round3(endS),
    stateNames: [...DRONE_STATES],
    weather: { forecast: { speedMps: 0, fromDeg: 0, gustMps: 0 }, speedErrorMps: 0, directionErrorDeg: 0, gustPeriodS: 30, gustMps: [0] },
    drones: tracks,
    events,
    orders: [],
    trips: [],
    kpis: computeKpis([], [], tracks, events, endS),
  };
}

function randomPoint(u: number, v: number, radiusM: number): { x: number; y: number } {
  const r = radiusM * Math.sqrt(u);
  const a = 2 * Math.PI * v;
  return { x: r * Math.cos(a), y: r * Math.sin(a) };
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
