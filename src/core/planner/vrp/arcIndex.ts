/**
 * A sparse set of arcs (compressed sparse rows): for large problems only the pairs that can share a
 * route are stored, so memory grows with the arcs kept instead of n^2. Every value array of a sparse
 * vehicle type is indexed by `slot(i, j)`; a pair that is not stored reads the `missing` slot (the
 * caller fills it with "no arc" values: unaffordable time and energy), i -> i the `diagonal` slot
 * (zeros). Lookups (the solver's hot loops) go through an open-addressing hash of i * n + j; rows are
 * sorted too, so without the hash (n above 46,340, keys past 2^31) a lookup is a binary search in row i.
 */
export class ArcIndex {
  readonly n: number;
  /** Row i's columns are col[rowStart[i]] .. col[rowStart[i + 1] - 1], ascending. */
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  /** Slot of every pair not stored. */
  readonly missing: number;
  /** Slot of i -> i. */
  readonly diagonal: number;
  /** Length of every value array (stored arcs, then `missing`, then `diagonal`). */
  readonly size: number;

  /** Hash table: key i * n + j (-1 empty) and its slot; size a power of two, at most half full. */
  private readonly keys: Int32Array | undefined;
  private readonly slots: Int32Array | undefined;
  private readonly mask: number;

  private constructor(n: number, rowStart: Int32Array, col: Int32Array) {
    this.n = n;
    this.rowStart = rowStart;
    this.col = col;
    this.missing = col.length;
    this.diagonal = col.length + 1;
    this.size = col.length + 2;
    if (n <= 46_340) {
      let cap = 16;
      while (cap < 2 * col.length) cap *= 2;
      this.mask = cap - 1;
      this.keys = new Int32Array(cap).fill(-1);
      this.slots = new Int32Array(cap);
      for (let i = 0; i < n; i++) {
        for (let s = rowStart[i]; s < rowStart[i + 1]; s++) {
          const key = i * n + col[s];
          let h = hashOf(key) & this.mask;
          while (this.keys[h] !== -1) h = (h + 1) & this.mask;
          this.keys[h] = key;
          this.slots[h] = s;
        }
      }
    } else this.mask = 0;
  }

  /** From per-row column lists (any order, duplicates and i itself allowed: they are dropped). */
  static fromRows(rows: readonly ArrayLike<number>[]): ArcIndex {
    const n = rows.length;
    const rowStart = new Int32Array(n + 1);
    const sorted: Int32Array[] = rows.map((r, i) => {
      const a = Int32Array.from(r).sort();
      let k = 0;
      for (let x = 0; x < a.length; x++) if (a[x] !== i && (k === 0 || a[k - 1] !== a[x])) a[k++] = a[x];
      return a.subarray(0, k);
    });
    for (let i = 0; i < n; i++) rowStart[i + 1] = rowStart[i] + sorted[i].length;
    const col = new Int32Array(rowStart[n]);
    for (let i = 0; i < n; i++) col.set(sorted[i], rowStart[i]);
    return new ArcIndex(n, rowStart, col);
  }

  /** Slot of the arc i -> j (`missing` when not stored). */
  slot(i: number, j: number): number {
    if (i === j) return this.diagonal;
    const keys = this.keys;
    if (keys !== undefined) {
      const key = i * this.n + j;
      const mask = this.mask;
      for (let h = hashOf(key) & mask; ; h = (h + 1) & mask) {
        const k = keys[h];
        if (k === key) return this.slots![h];
        if (k === -1) return this.missing;
      }
    }
    let lo = this.rowStart[i];
    let hi = this.rowStart[i + 1] - 1;
    const col = this.col;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = col[mid];
      if (c < j) lo = mid + 1;
      else if (c > j) hi = mid - 1;
      else return mid;
    }
    return this.missing;
  }

  has(i: number, j: number): boolean {
    return i === j || this.slot(i, j) !== this.missing;
  }

  /** Row i's stored columns. */
  row(i: number): Int32Array {
    return this.col.subarray(this.rowStart[i], this.rowStart[i + 1]);
  }

  /** The row (source node) of every slot below `missing`. */
  rowOfSlots(): Int32Array {
    const out = new Int32Array(this.missing);
    for (let i = 0; i < this.n; i++) out.fill(i, this.rowStart[i], this.rowStart[i + 1]);
    return out;
  }
}

/** A value array for `index`: stored arcs zero, `missing` = noArc, `diagonal` = 0. */
export function arcValues(index: ArcIndex, noArc: number): Float64Array {
  const a = new Float64Array(index.size);
  a[index.missing] = noArc;
  return a;
}

/** Multiplicative (Fibonacci) hash of a non-negative 31-bit key. */
function hashOf(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7;
}

/** Slot of the arc i -> j in a vehicle type's value arrays: its sparse index's slot, or i * n + j (dense). */
export function arcSlot(index: ArcIndex | undefined, n: number, i: number, j: number): number {
  return index === undefined ? i * n + j : index.slot(i, j);
}
