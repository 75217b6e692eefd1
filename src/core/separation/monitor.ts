/**
 * The simulator's loss-of-separation monitor, once per time step, with a spatial hash so the cost
 * grows with the number of drones near each other, not with the square of the fleet.
 *
 * Each step gives every airborne drone's position at the start and end of the step and its pad
 * column; within a step a drone moves in a straight line, so the pair's relative motion is linear and
 * the same rule the planner checks with (./rule.ts: lossInInterval, separatedByPads) decides exactly.
 */
import { lossInInterval, separatedByPads } from './rule';

export interface SeparationLoss {
  a: number;
  b: number;
  /** Share of the step (0..1) at which the pair is closest. */
  atFraction: number;
  horizontalM: number;
  verticalM: number;
}

export class SeparationMonitor {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly cellX: Int32Array;
  private readonly cellY: Int32Array;
  private readonly mask: number;
  private readonly cellM: number;
  private readonly minima: { horizontalM: number; verticalM: number };
  /** Pair key -> last step it was in loss, so an episode is reported once, when it starts. */
  private readonly lastLossStep = new Map<number, number>();

  constructor(
    private readonly n: number,
    private readonly horizontalM: number,
    private readonly verticalM: number,
    /** The farthest any drone moves in one step (ground speed x step). */
    maxStepTravelM: number,
  ) {
    let size = 64;
    while (size < 2 * n) size <<= 1;
    this.head = new Int32Array(size);
    this.mask = size - 1;
    this.next = new Int32Array(n);
    this.cellX = new Int32Array(n);
    this.cellY = new Int32Array(n);
    // Two drones that come within horizontalM during the step end at most this far apart.
    this.cellM = Math.max(1, horizontalM + 2 * maxStepTravelM);
    this.minima = { horizontalM, verticalM };
  }

  private bucket(cx: number, cy: number): number {
    return (Math.imul(cx, 73856093) ^ Math.imul(cy, 19349663)) & this.mask;
  }

  /**
   * Check one step. x0/y0/z0 are positions at the step start, x1/y1/z1 at its end; `airborne[i]`
   * says whether drone i takes part. Calls onLoss for each pair whose loss starts in this step.
   */
  check(
    step: number,
    x0: Float64Array,
    y0: Float64Array,
    z0: Float64Array,
    x1: Float64Array,
    y1: Float64Array,
    z1: Float64Array,
    airborne: Uint8Array,
    /** Pad column of each drone during the step (NO_COLUMN outside). */
    column: Int32Array,
    onLoss: (loss: SeparationLoss) => void,
  ): void {
    if (this.horizontalM <= 0 || this.verticalM <= 0) return;
    const { head, next, cellX, cellY, n, cellM } = this;
    head.fill(-1);
    for (let i = 0; i < n; i++) {
      if (!airborne[i]) continue;
      const cx = Math.floor(x1[i] / cellM);
      const cy = Math.floor(y1[i] / cellM);
      cellX[i] = cx;
      cellY[i] = cy;
      const b = this.bucket(cx, cy);
      next[i] = head[b];
      head[b] = i;
    }
    for (let i = 0; i < n; i++) {
      if (!airborne[i]) continue;
      const cx = cellX[i];
      const cy = cellY[i];
      for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (let j = head[this.bucket(cx + dx, cy + dy)]; j >= 0; j = next[j]) {
            // Each pair once: j > i and really in this neighbour cell (not a hash collision).
            if (j <= i || cellX[j] !== cx + dx || cellY[j] !== cy + dy) continue;
            if (separatedByPads(column[i], column[j])) continue;
            // Relative motion within the step: r(s) = r0 + s * dr, s in [0, 1].
            const rx0 = x0[j] - x0[i];
            const ry0 = y0[j] - y0[i];
            const rz0 = z0[j] - z0[i];
            const loss = lossInInterval(rx0, ry0, rz0, x1[j] - x1[i] - rx0, y1[j] - y1[i] - ry0, z1[j] - z1[i] - rz0, this.minima);
            if (!loss) continue;
            const key = i * n + j;
            const last = this.lastLossStep.get(key);
            this.lastLossStep.set(key, step);
            if (last !== undefined && last >= step - 1) continue;
            onLoss({ a: i, b: j, atFraction: loss.s, horizontalM: loss.horizontalM, verticalM: loss.verticalM });
          }
        }
      }
    }
  }
}
