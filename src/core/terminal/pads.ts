/**
 * The depot terminal: where a store's pads are and which pad a drone uses. A depot is a small
 * airport: drones take off and land on pads, never on one shared point, so two movements in the same
 * seconds happen in two different climb/descent columns.
 *
 * Layout: `pads.count` pads on a ring around the depot position, neighbours `spacingM` apart (one
 * pad: at the depot position), or explicit `pads.positions`. Without `pads` the depot has one pad per
 * drone based there. A drone's home pad is its index among the depot's drones modulo the pad count,
 * so with one pad per drone nobody shares a pad and with fewer pads the sharing is spread evenly.
 */
import type { MetricFrame, XY } from '../geo/frame';
import type { Depot, Mission } from '../mission/schema';
import { fleetDrones } from '../mission/fleet';

export const DEFAULT_PAD_SPACING_M = 15;
export const DEFAULT_PAD_TURNAROUND_S = 30;
/** Pads per depot the pad ids leave room for (the schema allows 256). */
const PAD_ID_STRIDE = 256;

export interface DepotPads {
  depotId: string;
  depotIndex: number;
  /** Pad centres in local metres. */
  pads: XY[];
  /** A pad stays closed this long after a take-off or a landing on it. */
  turnaroundS: number;
}

/** How many drones are based at the depot (the default pad count). */
function dronesAt(depot: Depot): number {
  return depot.fleet.reduce((s, f) => s + f.count, 0);
}

/** Pad centres of one depot in local metres. */
export function padPositions(depot: Depot, frame: MetricFrame): XY[] {
  const centre = frame.toLocal(depot.position);
  const pads = depot.pads;
  if (pads && 'positions' in pads) return pads.positions.map((p) => frame.toLocal(p));
  const count = pads?.count ?? Math.max(1, dronesAt(depot));
  const spacing = pads?.spacingM ?? DEFAULT_PAD_SPACING_M;
  return ringLayout(centre, count, spacing);
}

/** n points on a circle around c with neighbours `spacing` apart (chord); the first due north. */
export function ringLayout(c: XY, n: number, spacing: number): XY[] {
  if (n <= 1) return [{ x: c.x, y: c.y }];
  const radius = n === 2 ? spacing / 2 : spacing / (2 * Math.sin(Math.PI / n));
  return Array.from({ length: n }, (_, k) => {
    const a = (2 * Math.PI * k) / n;
    return { x: c.x + radius * Math.sin(a), y: c.y + radius * Math.cos(a) };
  });
}

export function depotPads(depot: Depot, depotIndex: number, frame: MetricFrame): DepotPads {
  return {
    depotId: depot.id,
    depotIndex,
    pads: padPositions(depot, frame),
    turnaroundS: depot.pads?.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S,
  };
}

/** A pad's id, unique in the mission: what the separation rule compares. */
export function padId(depotIndex: number, padIndex: number): number {
  return depotIndex * PAD_ID_STRIDE + padIndex;
}

/** The depot index a pad id belongs to. */
export function depotIndexOfPad(id: number): number {
  return Math.floor(id / PAD_ID_STRIDE);
}

/** The terminal of every depot and every drone's home pad (by fleet drone id). */
export interface Terminal {
  depots: DepotPads[];
  byDepotId: Map<string, DepotPads>;
  /** droneId -> pad index at its home depot. */
  homePad: Map<string, number>;
}

export function buildTerminal(mission: Mission, frame: MetricFrame): Terminal {
  const depots = mission.depots.map((d, i) => depotPads(d, i, frame));
  const byDepotId = new Map(depots.map((d) => [d.depotId, d]));
  const homePad = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const f of fleetDrones(mission)) {
    const k = seen.get(f.depotId) ?? 0;
    seen.set(f.depotId, k + 1);
    homePad.set(f.droneId, k % byDepotId.get(f.depotId)!.pads.length);
  }
  return { depots, byDepotId, homePad };
}

/** Problems of explicit pad layouts: [pad index, reason]. */
export function padLayoutProblems(depot: Depot, frame: MetricFrame, minSpacingM: number, maxOffsetM: number): { pad: number; reason: string }[] {
  const out: { pad: number; reason: string }[] = [];
  if (!depot.pads || !('positions' in depot.pads)) return out;
  const centre = frame.toLocal(depot.position);
  const xy = depot.pads.positions.map((p) => frame.toLocal(p));
  xy.forEach((p, i) => {
    const off = Math.hypot(p.x - centre.x, p.y - centre.y);
    if (off > maxOffsetM) out.push({ pad: i, reason: `is ${Math.round(off)} m from the depot position; pads must be within ${maxOffsetM} m` });
    for (let j = 0; j < i; j++) {
      const gap = Math.hypot(p.x - xy[j].x, p.y - xy[j].y);
      if (gap < minSpacingM) out.push({ pad: i, reason: `is ${gap.toFixed(1)} m from pad ${j}; pads must be at least ${minSpacingM} m apart` });
    }
  });
  return out;
}

/** Index of the pad nearest (x, y). */
export function nearestPad(pads: readonly XY[], x: number, y: number): number {
  let best = 0;
  pads.forEach((p, k) => {
    if (Math.hypot(p.x - x, p.y - y) < Math.hypot(pads[best].x - x, pads[best].y - y)) best = k;
  });
  return best;
}
