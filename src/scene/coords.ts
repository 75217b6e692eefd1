import type { XY } from '../core/geo/frame';

/** Scene axes: x = east, y = up, z = south (three.js is right-handed with y up). */
export function toScene(p: XY, altitudeM = 0): [number, number, number] {
  return [p.x, altitudeM, -p.y];
}

/** Inverse of toScene on the ground plane. */
export function fromScene(x: number, z: number): XY {
  return { x, y: -z };
}
