/**
 * Pad bookings: which pad is in use when. A movement (take-off or landing) holds its pad from the
 * moment the drone enters the pad's column until it leaves it, plus the pad's turnaround; two
 * movements on one pad never overlap. The planner books every trip it places here.
 */
import type { XY } from '../geo/frame';
import { type Trajectory, type TrajectoryPoint, makeTrajectory } from '../separation/trajectory';
import { padId } from './pads';

/** Horizontal tolerance for "over the pad", m. */
const ON_PAD_M = 0.5;

/** Mark the vertical moves over the pad (take-off climb, landing descent) as the pad's column. */
export function markPadColumns(pts: TrajectoryPoint[], pad: XY, id: number): void {
  const over = (p: TrajectoryPoint) => Math.hypot(p.x - pad.x, p.y - pad.y) < ON_PAD_M;
  for (let i = 0; i + 1 < pts.length; i++) {
    if (over(pts[i]) && over(pts[i + 1]) && pts[i].z !== pts[i + 1].z) pts[i].col = id;
  }
}

/** A trip's 4D trajectory with its moves over its pad marked (planner and simulator build it alike). */
export function tripTrajectory(pts: TrajectoryPoint[], pad: XY, id: number): Trajectory {
  markPadColumns(pts, pad, id);
  return makeTrajectory(pts);
}

export interface PadInterval {
  fromS: number;
  toS: number;
}

/** The time spans a trajectory spends in one column: one per run of consecutive column segments. */
export function columnSpans(tr: Trajectory, column: number): PadInterval[] {
  const out: PadInterval[] = [];
  for (let i = 0; i + 1 < tr.t.length; i++) {
    if (tr.col[i] !== column) continue;
    const last = out[out.length - 1];
    if (last && last.toS === tr.t[i]) last.toS = tr.t[i + 1];
    else out.push({ fromS: tr.t[i], toS: tr.t[i + 1] });
  }
  return out;
}

/** A depot as the pad book needs it: its index (pad ids) and its pads' turnaround. */
interface PadRef {
  node: number;
  turnaroundS: number;
}

export class PadBook {
  /** Pad id -> booked intervals. */
  private readonly booked = new Map<number, PadInterval[]>();

  /** The trajectory's movements on the pad (its column spans), each with the pad's turnaround after it. */
  private spans(depot: PadRef, pad: number, tr: Trajectory): PadInterval[] {
    return columnSpans(tr, padId(depot.node, pad)).map((s) => ({ fromS: s.fromS, toS: s.toS + depot.turnaroundS }));
  }

  /** Whether the trajectory's movements on this pad overlap nothing booked there. */
  isFree(depot: PadRef, pad: number, tr: Trajectory): boolean {
    const list = this.booked.get(padId(depot.node, pad));
    if (!list) return true;
    for (const s of this.spans(depot, pad, tr)) for (const b of list) if (s.fromS < b.toS && b.fromS < s.toS) return false;
    return true;
  }

  book(depot: PadRef, pad: number, tr: Trajectory): void {
    const id = padId(depot.node, pad);
    const list = this.booked.get(id) ?? [];
    list.push(...this.spans(depot, pad, tr));
    this.booked.set(id, list);
  }

}
