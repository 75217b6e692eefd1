/**
 * How a no-fly zone is drawn: always active (red), time-limited with no replay loaded (amber, dashed
 * outline), and on a replay, time-limited and active at the playback time (solid amber, solid outline)
 * or not active then (faint, dashed outline). The scene and the legend read the same table.
 */
import type { XY } from '../core/geo/frame';

export type ZoneLook = 'always' | 'timed' | 'timed-active' | 'timed-inactive';

export interface ZoneStyle {
  colour: string;
  /** Fill opacity of the volume. */
  opacity: number;
  /** Outline colour and whether it is dashed. */
  edge: string;
  dashed: boolean;
}

export const ZONE_STYLES: Record<ZoneLook, ZoneStyle> = {
  always: { colour: '#d9453b', opacity: 0.28, edge: '#a3231b', dashed: false },
  timed: { colour: '#e0a030', opacity: 0.28, edge: '#9a6400', dashed: true },
  'timed-active': { colour: '#f59f00', opacity: 0.55, edge: '#8a4b00', dashed: false },
  'timed-inactive': { colour: '#c9b48a', opacity: 0.07, edge: '#8c7a55', dashed: true },
};

/** Added to the fill opacity of the zone under the pointer. */
export const HOVER_OPACITY = 0.12;

/** Activity window in mission seconds, [fromS, toS); null for a zone that is always active. */
export interface ZoneWindow {
  fromS: number;
  toS: number;
}

/**
 * The look of a zone at mission time t (null: no replay loaded). Active from fromS (inclusive) to toS
 * (exclusive), as the simulator reads the window (src/core/sim/run/contingency/zoneActivation.ts).
 */
export function zoneLookAt(window: ZoneWindow | null, t: number | null): ZoneLook {
  if (!window) return 'always';
  if (t === null) return 'timed';
  return t >= window.fromS && t < window.toS ? 'timed-active' : 'timed-inactive';
}

/** A turn sharper than this at a corner gets a vertical edge in the outline (circles get none). */
const CORNER_DEG = 20;

/**
 * Outline of a zone volume as line-segment pairs in scene coordinates (x east, y up, z south): the
 * floor and ceiling rings and the vertical edges at its corners.
 */
export function zoneOutline(ring: readonly XY[], floorM: number, ceilingM: number): Float32Array {
  const pts = ring.length > 1 && ring[0].x === ring[ring.length - 1].x && ring[0].y === ring[ring.length - 1].y ? ring.slice(0, -1) : ring;
  const n = pts.length;
  const out: number[] = [];
  const push = (p: XY, h: number) => out.push(p.x, h, -p.y);
  for (let i = 0; i < n; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % n];
    push(a, floorM);
    push(b, floorM);
    push(a, ceilingM);
    push(b, ceilingM);
    const prev = pts[(i - 1 + n) % n];
    const turn = Math.abs(angleBetween(a.x - prev.x, a.y - prev.y, b.x - a.x, b.y - a.y));
    if (turn >= (CORNER_DEG * Math.PI) / 180) {
      push(a, floorM);
      push(a, ceilingM);
    }
  }
  return Float32Array.from(out);
}

function angleBetween(ax: number, ay: number, bx: number, by: number): number {
  return Math.atan2(ax * by - ay * bx, ax * bx + ay * by);
}
