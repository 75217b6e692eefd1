/**
 * Does a closed ring cross or touch itself? A Shamos-Hoey sweep: segments enter and leave a status
 * list ordered by height along a vertical line swept left to right, and only neighbours in that list
 * are tested. The first crossing found stops the sweep (the status order is only valid before it),
 * so the check takes O(n log n) comparisons for a ring of n corners (the quadratic all-pairs test
 * took minutes on 100k corners). Segments that follow each other on the ring share a corner and are
 * not a crossing; any other touch is (as in @turf/kinks, which this replaces).
 */
export type LngLat = readonly [number, number];

interface Seg {
  id: number;
  ring: number;
  /** Index on its ring of n corners: segment i runs from corner i to corner i + 1. */
  i: number;
  n: number;
  /** The lexicographically smaller (x, then y) end, and the larger. */
  l: LngLat;
  r: LngLat;
}

const orient = (a: LngLat, b: LngLat, c: LngLat) => (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
const before = (p: LngLat, q: LngLat) => p[0] < q[0] || (p[0] === q[0] && p[1] < q[1]);
const sign = (v: number) => (v > 0 ? 1 : v < 0 ? -1 : 0);

/** Where a crossing or touch is, or undefined when the ring is simple. */
export function ringSelfCrossing(ring: readonly LngLat[]): LngLat | undefined {
  return ringsMeet([ring])?.at;
}

/** The corners of a ring without the closing copy and without repeated neighbours (a zero-length edge is no crossing). */
function corners(ring: readonly LngLat[]): LngLat[] {
  const pts: LngLat[] = [];
  for (const p of ring) {
    const q = pts[pts.length - 1];
    if (!q || q[0] !== p[0] || q[1] !== p[1]) pts.push(p);
  }
  while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  return pts;
}

/**
 * The first place where rings cross or touch, themselves (a === b) or each other (the rings of one
 * polygon: a hole must not cross, touch or overlap the outer ring or another hole), or undefined.
 */
export function ringsMeet(rings: readonly (readonly LngLat[])[]): { at: LngLat; a: number; b: number } | undefined {
  const all = rings.map(corners);
  const segs: Seg[] = [];
  for (let r = 0; r < all.length; r++) {
    const pts = all[r];
    const n = pts.length;
    // A ring that doubles back along its own edge (a zero-width spike) hides touches behind the spike.
    for (let i = 0; n >= 3 && i < n; i++) {
      const a = pts[i];
      const v = pts[(i + 1) % n];
      const b = pts[(i + 2) % n];
      if (orient(a, v, b) === 0 && (v[0] - a[0]) * (b[0] - v[0]) + (v[1] - a[1]) * (b[1] - v[1]) < 0) return { at: v, a: r, b: r };
    }
    if (n < 2) continue;
    for (let i = 0; i < n; i++) {
      const a = pts[i];
      const b = pts[(i + 1) % n];
      const id = segs.length;
      segs.push(before(a, b) ? { id, ring: r, i, n, l: a, r: b } : { id, ring: r, i, n, l: b, r: a });
    }
  }
  if (segs.length < 4) return undefined; // one triangle's edges all share corners

  const adjacent = (s: Seg, t: Seg) => {
    if (s.ring !== t.ring) return false;
    const d = Math.abs(s.i - t.i);
    return d === 1 || d === s.n - 1;
  };

  // Events: each segment enters at its left end and leaves at its right end; at one point, entries first
  // (so segments that only touch at an end are in the list together and get tested).
  const events: { p: LngLat; seg: Seg; enter: boolean }[] = [];
  for (const s of segs) events.push({ p: s.l, seg: s, enter: true }, { p: s.r, seg: s, enter: false });
  events.sort((e, f) => e.p[0] - f.p[0] || e.p[1] - f.p[1] || (e.enter === f.enter ? 0 : e.enter ? -1 : 1));

  /** Order of two segments that are both in the status list: the later-starting one's left end against the other. */
  const below = (a: Seg, b: Seg): number => {
    if (a === b) return 0;
    if (before(a.l, b.l)) return -below(b, a);
    const o = sign(orient(b.l, b.r, a.l)) || sign(orient(b.l, b.r, a.r));
    return o !== 0 ? o : a.id - b.id; // counter-clockwise of b (to the left, going right) is above b
  };
  const status: Seg[] = [];
  const position = (s: Seg): number => {
    let lo = 0;
    let hi = status.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (below(status[mid], s) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const test = (s: Seg | undefined, t: Seg | undefined) => {
    if (!s || !t || adjacent(s, t)) return undefined;
    const at = segmentsMeet(s.l, s.r, t.l, t.r);
    return at && { at, a: Math.min(s.ring, t.ring), b: Math.max(s.ring, t.ring) };
  };


  for (const e of events) {
    if (e.enter) {
      const k = position(e.seg);
      status.splice(k, 0, e.seg);
      const hit = test(e.seg, status[k - 1]) ?? test(e.seg, status[k + 1]);
      if (hit) return hit;
    } else {
      let k = position(e.seg);
      if (status[k] !== e.seg) k = status.indexOf(e.seg); // a tie the order cannot tell apart
      const hit = test(status[k - 1], status[k + 1]);
      if (hit) return hit;
      status.splice(k, 1);
    }
  }
  return undefined;
}

/** A point the closed segments ab and cd share (crossing, touching or overlapping), or undefined. */
function segmentsMeet(a: LngLat, b: LngLat, c: LngLat, d: LngLat): LngLat | undefined {
  const d1 = sign(orient(c, d, a));
  const d2 = sign(orient(c, d, b));
  const d3 = sign(orient(a, b, c));
  const d4 = sign(orient(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const t = orient(c, d, a) / (orient(c, d, a) - orient(c, d, b));
    return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  }
  const within = (p: LngLat, q: LngLat, x: LngLat) =>
    Math.min(p[0], q[0]) <= x[0] && x[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= x[1] && x[1] <= Math.max(p[1], q[1]);
  if (d1 === 0 && within(c, d, a)) return a;
  if (d2 === 0 && within(c, d, b)) return b;
  if (d3 === 0 && within(a, b, c)) return c;
  if (d4 === 0 && within(a, b, d)) return d;
  return undefined;
}
