/**
 * Writing the run's output as it happens: events, trace samples and drone state changes.
 * A drone's route is replaced only through setPhases, so every route change leaves a trace sample.
 */
import type { Phase } from '../phases';
import { DRONE_STATES, type SimEvent } from '../states';
import { pushSample } from '../trace';
import type { Drone, SimRun } from './types';

export function emit(run: SimRun, e: SimEvent): void {
  run.events.push(e);
}

/** Local metres to the trace's [lng, lat, altitude] (rounded: 1e-7 degrees, centimetres). */
export function place(run: SimRun, x: number, y: number, z: number): [number, number, number] {
  const [lng, lat] = run.frame.toLngLat({ x, y });
  return [Math.round(lng * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7, Math.round(z * 100) / 100];
}

/** Where the drone is now, as an event place. */
export function placeOf(run: SimRun, d: Drone): [number, number, number] {
  return place(run, d.x, d.y, d.z);
}

export function sample(run: SimRun, d: Drone, t: number): void {
  const [lng, lat] = run.frame.toLngLat({ x: d.x, y: d.y });
  pushSample(d.track, t, lng, lat, d.z, d.energyWh / d.usableWh, d.state);
}

/** Change the drone's state, logging a state event (nothing when the state is unchanged). */
export function setState(run: SimRun, d: Drone, state: number, t: number, reason?: string): void {
  if (d.state === state) return;
  d.state = state;
  const e: SimEvent = { tS: t, droneId: d.id, kind: 'state', state: DRONE_STATES[state] };
  if (d.trip) e.tripId = d.trip.task.tripId;
  if (reason) e.reason = reason;
  emit(run, e);
}

/** Replace the drone's remaining phases (a contingency or a new trip); the next advance starts them. */
export function setPhases(run: SimRun, d: Drone, phases: Phase[], t: number): void {
  d.phases = phases;
  d.phaseIndex = 0;
  d.phaseBegun = false;
  d.running = false;
  sample(run, d, t);
}
