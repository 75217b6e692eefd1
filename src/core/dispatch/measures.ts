import type { SimTrace } from '../sim/trace';

/** Drones that flew at least one trip in the simulated day. */
export function dronesFlown(trace: Pick<SimTrace, 'trips'>): number {
  return new Set(trace.trips.map((t) => t.droneId)).size;
}
