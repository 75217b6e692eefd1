/**
 * Who is near whom, computed once per solve: each customer's nearest customers (SISR's adj(c), which the
 * ruin walks from its seed and the insertion's granular pass uses), each customer's distance to the
 * nearest depot (recreate's sort orders), the temperature unit, and with sparse arcs the depots that can
 * reach each customer. Nearness uses the first vehicle type's matrices.
 */
import { arcSlot } from './arcIndex';
import type { VrpModel } from './model';
import { arcObjective } from './objective';

/**
 * Length of each customer's neighbour list (at most the other customers). The ruin walks it from the
 * seed until it has ruined its number of routes, so it bounds how far a ruin reaches; 80 covers every
 * route near the seed on the benchmark sets without costing much memory on 10,000-stop days.
 */
export const NEIGHBOURS = 80;

/** The temperature unit is the average cost of an arc to one of this many nearest neighbours. */
export const SCALE_NEIGHBOURS = 5;

/** Sparse arcs: the granular pass also tries every vehicle of the customer's this many nearest depots. */
export const NEAR_DEPOTS = 2;

export class Neighbourhood {
  /** Entries per customer in `near` (NEIGHBOURS, or fewer when there are fewer customers). */
  readonly size: number;
  /**
   * Customer c's neighbours, nearest first, at near[(c - depotCount) * size + k]. A short candidate list
   * (sparse arcs) repeats its last entry (or c itself): the ruin skips routes already ruined and the
   * granular pass marks vehicles, so a repeat changes nothing.
   */
  readonly near: Int32Array;
  /** Per node: distance from the nearest depot (first type's matrix). */
  readonly depotDistance: Float64Array;
  /** Average cost of an arc to a near neighbour: the temperature unit. */
  readonly costScale: number;
  /** Sparse arcs: each customer's NEAR_DEPOTS nearest depots with an arc to it (-1: none). */
  readonly nearDepot: Int32Array;
  /** Sparse arcs: each depot's vehicles (insertion looks only at depots with an arc to the customer). */
  readonly vehiclesByDepot: Int32Array[] | undefined;

  constructor(private readonly m: VrpModel) {
    const n = m.n;
    const t0 = m.types[0];
    const ix = t0.arcIndex;
    const nc = n - m.depotCount;
    this.size = Math.max(1, Math.min(nc - 1, NEIGHBOURS));
    this.near = new Int32Array(Math.max(1, nc * this.size));
    this.depotDistance = new Float64Array(n);
    this.nearDepot = new Int32Array(ix ? nc * NEAR_DEPOTS : 0);
    // Nearness: distance both ways (travel time breaks ties).
    const geo = (i: number, j: number) => t0.distance[arcSlot(ix, n, i, j)] + t0.travelTimeS[arcSlot(ix, n, i, j)] * 1e-9;
    let scaleSum = 0;
    let scaleCount = 0;
    const key = new Float64Array(n);
    for (let c = m.depotCount; c < n; c++) {
      const nb: number[] = [];
      // Sparse arcs: the neighbours are the stored candidates (pairs that can share a trip), not all.
      const row = ix?.row(c);
      const count = row ? row.length : n;
      for (let r = 0; r < count; r++) {
        const x = row ? row[r] : r;
        if (x === c || x < m.depotCount) continue;
        nb.push(x);
        key[x] = geo(c, x) + geo(x, c);
      }
      nb.sort((a, b) => key[a] - key[b] || a - b);
      const base = (c - m.depotCount) * this.size;
      for (let k = 0; k < this.size; k++) this.near[base + k] = k < nb.length ? nb[k] : nb.length ? nb[nb.length - 1] : c;
      for (let k = 0; k < SCALE_NEIGHBOURS && k < nb.length; k++) {
        scaleSum += arcObjective(m, 0, c, nb[k]);
        scaleCount++;
      }
      let dd = Infinity;
      for (let d = 0; d < m.depotCount; d++) dd = Math.min(dd, t0.distance[arcSlot(ix, n, d, c)]);
      this.depotDistance[c] = dd;
      if (ix) {
        const near = [...ix.row(c)].filter((d) => d < m.depotCount).sort((a, b) => t0.distance[arcSlot(ix, n, a, c)] - t0.distance[arcSlot(ix, n, b, c)] || a - b);
        for (let k = 0; k < NEAR_DEPOTS; k++) this.nearDepot[(c - m.depotCount) * NEAR_DEPOTS + k] = k < near.length ? near[k] : -1;
      }
    }
    this.costScale = scaleCount > 0 && scaleSum > 0 ? scaleSum / scaleCount : 1;
    this.vehiclesByDepot = m.types.some((t) => t.arcIndex !== undefined)
      ? Array.from({ length: m.depotCount }, (_, d) => Int32Array.from({ length: m.vehicleCount }, (_, v) => v).filter((v) => m.vehicleDepot[v] === d))
      : undefined;
  }

  /** Customer c's k-th nearest customer (k < size). */
  neighbour(c: number, k: number): number {
    return this.near[(c - this.m.depotCount) * this.size + k];
  }

  /** Whether depot d has an arc to customer u for some vehicle type (always, with dense arcs). */
  depotServes(d: number, u: number): boolean {
    for (const t of this.m.types) if (t.arcIndex === undefined || t.arcIndex.has(d, u)) return true;
    return false;
  }
}
