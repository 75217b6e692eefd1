/**
 * Mission building blocks shared by the planner tests and the planner-scale bench: a local metric
 * frame around Shenzhen, axis-aligned rectangles in it, and the mid-size quadcopter both fly.
 */
import { createFrame } from '../../src/core/geo/frame';

export const ORIGIN: [number, number] = [114.05, 22.55];
export const frame = createFrame(ORIGIN);

/** [lng, lat] of a point given in metres east (x) and north (y) of ORIGIN. */
export const ll = (x: number, y: number) => frame.toLngLat({ x, y });

/** A closed ring (lng/lat) of the rectangle centred on (cx, cy) m with half-sizes hx, hy m. */
export const square = (cx: number, cy: number, hx: number, hy = hx): [number, number][] =>
  [
    [cx - hx, cy - hy],
    [cx + hx, cy - hy],
    [cx + hx, cy + hy],
    [cx - hx, cy + hy],
    [cx - hx, cy - hy],
  ].map(([x, y]) => ll(x, y));

/** A mid-size quadcopter (the m2-class preset's numbers, as a literal so the tests do not move with it). */
export const M2 = {
  id: 'm2',
  name: 'Mid-size quadcopter',
  kind: 'multirotor' as const,
  emptyMassKg: 6.5,
  batteryMassKg: 2.6,
  batteryWh: 520,
  usableFraction: 0.85,
  rotorCount: 4,
  rotorDiameterM: 0.66,
  efficiency: 0.6,
  dragAreaM2: 0.1,
  parcelDragAreaM2: 0.03,
  avionicsW: 20,
  maxPayloadKg: 2.5,
  cruiseAirspeedMps: 16,
  maxAirspeedMps: 19.5,
  climbRateMps: 4,
  descentRateMps: 3,
  maxWindMps: 12,
};
