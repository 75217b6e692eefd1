/**
 * The depots' launch and landing pads as the scene draws them: every pad centre of the mission in
 * local metres, depot after depot (one instanced mesh), and how each depot's pads are described to
 * the user. The layout itself (hexagonal grid, spacing, obstacles, explicit positions, defaults) is the terminal's
 * (src/core/terminal/pads.ts): the map shows exactly the pads the planner and simulator use.
 */
import type { MetricFrame, XY } from '../core/geo/frame';
import type { Depot } from '../core/mission';
import { DEFAULT_PAD_SPACING_M, DEFAULT_PAD_TURNAROUND_S, type PadObstacles, padPositions } from '../core/terminal/pads';

export interface DepotPadRange {
  depotId: string;
  /** The depot position, local metres (pads move with it while it is dragged). */
  at: XY;
  /** Index of the depot's first pad in `PadInstances.pads`. */
  first: number;
  count: number;
}

export interface PadInstances {
  /** Every pad centre of the mission, local metres, depot after depot. */
  pads: XY[];
  depots: DepotPadRange[];
}

const NO_OBSTACLES: PadObstacles = { shapes: [], marginM: 0 };
const caches = new WeakMap<MetricFrame, WeakMap<PadObstacles, WeakMap<Depot, { at: XY; pads: XY[] }>>>();

/**
 * One depot's centre and pads, cached by depot identity for one frame and one set of obstacles (an
 * edit of a depot replaces only that depot's layout; an edit of a zone or building lays all out again).
 */
function depotLayout(depot: Depot, frame: MetricFrame, obstacles: PadObstacles): { at: XY; pads: XY[] } {
  let byObstacles = caches.get(frame);
  if (!byObstacles) caches.set(frame, (byObstacles = new WeakMap()));
  let cache = byObstacles.get(obstacles);
  if (!cache) byObstacles.set(obstacles, (cache = new WeakMap()));
  let layout = cache.get(depot);
  if (!layout) cache.set(depot, (layout = { at: frame.toLocal(depot.position), pads: padPositions(depot, frame, obstacles) }));
  return layout;
}

/** The pads of every depot, flattened for one instanced mesh (obstacles: padObstacles of the mission). */
export function padInstances(depots: readonly Depot[], frame: MetricFrame, obstacles: PadObstacles = NO_OBSTACLES): PadInstances {
  const pads: XY[] = [];
  const ranges: DepotPadRange[] = [];
  for (const depot of depots) {
    const layout = depotLayout(depot, frame, obstacles);
    ranges.push({ depotId: depot.id, at: layout.at, first: pads.length, count: layout.pads.length });
    pads.push(...layout.pads);
  }
  return { pads, depots: ranges };
}

export interface PadSummary {
  count: number;
  /** Pads placed one by one (`pads.positions`) rather than laid out on the grid. */
  explicit: boolean;
  /** Neighbour spacing on the grid, m (undefined for explicit layouts). */
  spacingM?: number;
  turnaroundS: number;
  /** No `pads` in the document: one pad per drone with the default spacing and turnaround. */
  byDefault: boolean;
}

/** Drones based at a depot (the default pad count, at least one pad). */
export function dronesAtDepot(depot: Depot): number {
  return depot.fleet.reduce((s, f) => s + f.count, 0);
}

export function padSummary(depot: Depot): PadSummary {
  const pads = depot.pads;
  const turnaroundS = pads?.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S;
  if (pads && 'positions' in pads) return { count: pads.positions.length, explicit: true, turnaroundS, byDefault: false };
  return {
    count: pads?.count ?? Math.max(1, dronesAtDepot(depot)),
    explicit: false,
    spacingM: pads?.spacingM ?? DEFAULT_PAD_SPACING_M,
    turnaroundS,
    byDefault: !pads,
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "6 pads, 15 m apart, 30 s turnaround"; "4 explicit pads, 30 s turnaround"; "1 pad, 30 s turnaround". */
export function describePads(depot: Depot): string {
  const s = padSummary(depot);
  const count = plural(s.count, s.explicit ? 'explicit pad' : 'pad', s.explicit ? 'explicit pads' : 'pads');
  const spacing = !s.explicit && s.count > 1 ? `, ${s.spacingM} m apart` : '';
  return `${count}${spacing}, ${s.turnaroundS} s turnaround`;
}
