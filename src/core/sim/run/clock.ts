/**
 * The fleet clock: fixed steps for everyone. Inside a step, world events happen at their exact
 * times; after it, each airborne drone's own rules run (emergency, reserve) and separation between
 * airborne drones is checked over the step. Stops at endCapS or once nothing is left to happen.
 */
import { type Phase, VERTICAL, WAIT } from '../phases';
import { NO_COLUMN } from '../../separation/rule';
import { SeparationMonitor } from '../../separation/monitor';
import { checkEmergency } from './contingency/emergency';
import { checkReserve } from './contingency/reserve';
import { advance } from './phaseRunner';
import { emit, place } from './record';
import type { Drone, SimRun } from './types';
import type { WorldEvent } from './worldEvents';

export interface ClockOptions {
  stepS: number;
  endCapS: number;
  checkSeparation: boolean;
  /** Progress is reported as t / progressSpanS, every progressEveryS of simulated time. */
  progressSpanS: number;
  progressEveryS: number;
  onProgress?: (fraction: number) => void;
}

/** A fleet clock that can be advanced in stages (the dispatcher queues work between them). */
export interface FleetClock {
  /** The time the clock stands at. */
  readonly nowS: number;
  /**
   * Runs the clock to untilS (never past endCapS); with stopWhenIdle it stops early once nothing is
   * left to happen. Returns the time it stopped at.
   */
  advanceTo(untilS: number, stopWhenIdle: boolean): number;
}

export function createFleetClock(run: SimRun, world: readonly WorldEvent[], opts: ClockOptions): FleetClock {
  const { stepS, endCapS } = opts;
  const drones = run.drones;
  const n = drones.length;
  // Positions at the start and end of each step, for the separation check.
  const x0 = new Float64Array(n);
  const y0 = new Float64Array(n);
  const z0 = new Float64Array(n);
  const x1 = new Float64Array(n);
  const y1 = new Float64Array(n);
  const z1 = new Float64Array(n);
  const airborne = new Uint8Array(n);
  // Pad column of each drone over each piece of a step (see the pieces below).
  const column = new Int32Array(n);
  const dueS = new Float64Array(n);
  const separation = opts.checkSeparation ? createSeparationMonitor(run, stepS) : null;

  let t = 0;
  let wi = 0;
  let piece = 0;
  let nextProgressS = opts.progressEveryS;
  const advanceTo = (untilS: number, stopWhenIdle: boolean): number => {
    const stopS = Math.min(untilS, endCapS);
    while (t < stopS) {
      const t1 = Math.min(stopS, t + stepS);
      for (let i = 0; i < n; i++) {
        x0[i] = drones[i].x;
        y0[i] = drones[i].y;
        z0[i] = drones[i].z;
        column[i] = columnOf(drones[i]);
      }
      let pieceStart = t;
      // World events inside this step happen at their exact time.
      let tc = t;
      while (wi < world.length && world[wi].tS < t1) {
        const te = Math.max(tc, world[wi].tS);
        for (const d of drones) advance(run, d, tc, te);
        tc = te;
        world[wi++].run(te);
      }
      // Pad columns change only where a phase ends: the step is checked in pieces split there, so in each
      // piece every drone is in one column state (the separation rule depends on it).
      let ta = tc;
      for (;;) {
        const tb = separation ? nextColumnChange(drones, ta, t1) : t1;
        // Where a drone's column is due to change (at the piece's end, by construction of the pieces).
        for (let i = 0; i < n; i++) dueS[i] = columnChangeTime(drones[i]);
        for (const d of drones) if (!d.outOfService && !isWaitingWithoutCharge(d, tb)) advance(run, d, ta, tb);
        if (separation) {
          for (let i = 0; i < n; i++) {
            const d = drones[i];
            x1[i] = d.x;
            y1[i] = d.y;
            z1[i] = d.z;
            airborne[i] = !d.outOfService && d.atDepotId === null ? 1 : 0;
            // A drone that left the ground in this piece left it from its pad: the column it is in now.
            // One whose column changed where it was due (the piece's end) was in its old one all along;
            // any other change inside the piece (a phase begun and ended in it) counts as no column.
            const now = columnOf(d);
            if (column[i] === ON_GROUND) column[i] = now;
            else if (column[i] !== now && dueS[i] !== tb) column[i] = NO_COLUMN;
          }
          const pieceS = tb - pieceStart;
          separation.check(piece++, x0, y0, z0, x1, y1, z1, airborne, column, (loss) => {
            const a = drones[loss.a];
            const b = drones[loss.b];
            const f = loss.atFraction;
            const at = pieceStart + f * pieceS;
            // The place is the midpoint of the two drones at the closest approach.
            const mx = (x0[loss.a] + f * (x1[loss.a] - x0[loss.a]) + x0[loss.b] + f * (x1[loss.b] - x0[loss.b])) / 2;
            const my = (y0[loss.a] + f * (y1[loss.a] - y0[loss.a]) + y0[loss.b] + f * (y1[loss.b] - y0[loss.b])) / 2;
            const mz = (z0[loss.a] + f * (z1[loss.a] - z0[loss.a]) + z0[loss.b] + f * (z1[loss.b] - z0[loss.b])) / 2;
            emit(run, {
              tS: Math.round(at * 1000) / 1000,
              droneId: a.id,
              otherDroneId: b.id,
              kind: 'separation-loss',
              place: place(run, mx, my, mz),
              horizontalM: Math.round(loss.horizontalM * 100) / 100,
              verticalM: Math.round(loss.verticalM * 100) / 100,
            });
          });
          // The next piece starts where this one ends.
          x0.set(x1);
          y0.set(y1);
          z0.set(z1);
          for (let i = 0; i < n; i++) column[i] = columnOf(drones[i]);
          pieceStart = tb;
        }
        if (tb >= t1) break;
        ta = tb;
      }
      t = t1;
      let busy = wi < world.length;
      for (let i = 0; i < n; i++) {
        const d = drones[i];
        if (!d.outOfService && d.atDepotId === null) {
          checkEmergency(run, d, t);
          checkReserve(run, d, t);
        }
        if (!busy && hasWorkLeft(d)) busy = true;
      }
      if (opts.onProgress && t >= nextProgressS) {
        nextProgressS += opts.progressEveryS;
        opts.onProgress(Math.min(1, t / opts.progressSpanS));
      }
      if (stopWhenIdle && !busy) break;
    }
    return t;
  };
  return {
    get nowS() {
      return t;
    },
    advanceTo,
  };
}

const ON_GROUND = -2;

/** The pad column the drone is in now (a vertical move over a pad), NO_COLUMN, or ON_GROUND at a depot. */
function columnOf(d: Drone): number {
  if (d.atDepotId !== null) return ON_GROUND;
  if (d.phaseIndex >= d.phases.length) return NO_COLUMN;
  const ph = d.phases[d.phaseIndex];
  return ph.kind === VERTICAL ? ph.column : NO_COLUMN;
}

/** Column state of a phase: its pad column (vertical over a pad), on the ground (waiting), or none. */
function phaseColumn(ph: Phase | undefined): number {
  if (!ph) return NO_COLUMN;
  return ph.kind === VERTICAL ? ph.column : ph.kind === WAIT ? ON_GROUND : NO_COLUMN;
}

/** When the drone's running phase ends into another column state (NaN: not while it runs as now). */
function columnChangeTime(d: Drone): number {
  if (d.outOfService || !d.running || d.segEndsAtGust) return Number.NaN;
  return phaseColumn(d.phases[d.phaseIndex]) !== phaseColumn(d.phases[d.phaseIndex + 1]) ? d.segEndS : Number.NaN;
}

/** The first time in (ta, t1) at which some drone's phase ends into another column state, else t1. */
function nextColumnChange(drones: readonly Drone[], ta: number, t1: number): number {
  let tb = t1;
  for (const d of drones) {
    const at = columnChangeTime(d);
    if (at > ta + 1e-9 && at < tb) tb = at;
  }
  return tb;
}

/** Something is still to happen for this drone (a trip, a queued task, or a phase with an end). */
function hasWorkLeft(d: Drone): boolean {
  return !d.outOfService && (d.trip !== null || d.queue.length > 0 || (d.phaseIndex < d.phases.length && d.phases[d.phaseIndex].untilS !== Infinity));
}

/** Fast path: waiting on the ground without charging changes nothing this step. */
function isWaitingWithoutCharge(d: Drone, t1: number): boolean {
  return d.running && d.powerW === 0 && d.atDepotId !== null && d.segEndS >= t1 && d.phases[d.phaseIndex].kind === WAIT;
}

/** Spatial-hash cells must fit the fastest possible drone's travel in a step (airspeed + wind + gusts). */
function createSeparationMonitor(run: SimRun, stepS: number): SeparationMonitor {
  const { mission, weather } = run;
  let maxGust = 0;
  for (const g of weather.gustMps) maxGust = Math.max(maxGust, g);
  const maxSpeed =
    Math.max(1, ...mission.droneModels.map((m) => m.maxAirspeedMps + Math.max(m.climbRateMps, m.descentRateMps))) +
    mission.wind.speedMps +
    Math.abs(weather.speedErrorMps) +
    maxGust;
  return new SeparationMonitor(run.drones.length, mission.settings.separation.horizontalM, mission.settings.separation.verticalM, maxSpeed * stepS);
}
