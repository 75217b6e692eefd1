/**
 * A binary min-heap of integer values, each pushed with its key (the key never changes once pushed):
 * the A* and Dijkstra open lists (search.ts) and the cells of a visibility scan (visibleScan.ts). Values
 * and keys sit in two parallel arrays, so popping compares numbers without an indirection.
 */
export class MinHeap {
  private readonly values: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.values.length;
  }

  push(value: number, key: number): void {
    const { values, keys } = this;
    let i = values.length;
    values.push(value);
    keys.push(key);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      values[i] = values[p];
      keys[i] = keys[p];
      i = p;
    }
    values[i] = value;
    keys[i] = key;
  }

  /** The smallest key (the heap must not be empty). */
  peekKey(): number {
    return this.keys[0];
  }

  /** The value with the smallest key (the heap must not be empty). */
  pop(): number {
    const { values, keys } = this;
    const top = values[0];
    const lastValue = values.pop() as number;
    const lastKey = keys.pop() as number;
    const n = values.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && keys[r] < keys[l] ? r : l;
        if (keys[c] >= lastKey) break;
        values[i] = values[c];
        keys[i] = keys[c];
        i = c;
      }
      values[i] = lastValue;
      keys[i] = lastKey;
    }
    return top;
  }
}
