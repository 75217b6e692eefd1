/**
 * Segment data for O(1) insertion checks (Vidal et al. 2013, "A unified solution framework for
 * multi-attribute vehicle routing problems"; PyVRP's DurationSegment and LoadSegment are the same idea).
 * A segment is a run of consecutive visits; what it stores is enough to join it to another segment in
 * O(1), whatever the visits inside.
 *
 * Time data (`TimeSegment`, `TimeArrays`):
 *   duration  minimal duration from its start to its end: travel, service and the waiting that cannot be
 *             avoided (time warp counts as travelling back in time);
 *   timeWarp  how much it must break its windows (> 0: infeasible under hard windows);
 *   earliest  earliest start that achieves `duration` without extra waiting;
 *   latest    latest start that adds no time warp.
 * Trip data (`TripSegmentArrays`: the time data and, per customer of a trip):
 *   release   latest parcel release among its visits (the trip's take-off cannot be earlier);
 *   busy      travel + service in it (so waiting in the air = duration - busy);
 *   energy    its flight energy when nothing is carried past its end;
 *   perKgSum  sum of the per-kg energy coefficients of its arcs;
 *   load      payload of its customers.
 * Energy concatenates because load falls after each drop: energy(A + B) = energy_A + perKgSum_A x load_B
 * + arc(a, b) at load_B + energy_B (every arc of A also carries B's payload).
 *
 * Speed: the search calls these millions of times, so nothing here allocates. Results go into a
 * caller-owned scratch `TimeSegment` (one per evaluator, reused), and the per-node data are typed arrays.
 */

/** One segment's time data; the evaluators keep a few as reusable scratch values. */
export class TimeSegment {
  duration = 0;
  timeWarp = 0;
  earliest = 0;
  latest = 0;

  set(duration: number, timeWarp: number, earliest: number, latest: number): void {
    this.duration = duration;
    this.timeWarp = timeWarp;
    this.earliest = earliest;
    this.latest = latest;
  }

  copy(o: TimeSegment): void {
    this.set(o.duration, o.timeWarp, o.earliest, o.latest);
  }
}

/**
 * out = A + B, where B starts `travel` after A ends (Vidal et al. 2013, eq. 9-12). Takes the numbers
 * rather than segments so that either side may be `out` itself or an entry of a TimeArrays.
 */
export function concatTime(
  out: TimeSegment,
  aDuration: number,
  aTimeWarp: number,
  aEarliest: number,
  aLatest: number,
  bDuration: number,
  bTimeWarp: number,
  bEarliest: number,
  bLatest: number,
  travel: number,
): void {
  const delta = aDuration - aTimeWarp + travel;
  const waitAdded = bEarliest - delta - aLatest > 0 ? bEarliest - delta - aLatest : 0;
  const warpAdded = aEarliest + delta - bLatest > 0 ? aEarliest + delta - bLatest : 0;
  out.duration = aDuration + bDuration + travel + waitAdded;
  out.timeWarp = aTimeWarp + bTimeWarp + warpAdded;
  out.earliest = (bEarliest - delta > aEarliest ? bEarliest - delta : aEarliest) - waitAdded;
  out.latest = (bLatest - delta < aLatest ? bLatest - delta : aLatest) + warpAdded;
}

/** seg = seg + a visit (service, window [early, late]) reached after `travel`. */
export function appendVisit(seg: TimeSegment, travel: number, service: number, early: number, late: number): void {
  concatTime(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, service, 0, early, late, travel);
}

/** seg = a visit (service, window [early, late]) + seg, which starts `travel` after the visit. */
export function prependVisit(seg: TimeSegment, service: number, early: number, late: number, travel: number): void {
  concatTime(seg, service, 0, early, late, seg.duration, seg.timeWarp, seg.earliest, seg.latest, travel);
}

/** seg = seg + arrays[i], which starts `travel` after seg ends. */
export function appendSegment(seg: TimeSegment, travel: number, arrays: TimeArrays, i: number): void {
  concatTime(seg, seg.duration, seg.timeWarp, seg.earliest, seg.latest, arrays.duration[i], arrays.timeWarp[i], arrays.earliest[i], arrays.latest[i], travel);
}

/** seg = arrays[i] + seg, which starts `travel` after arrays[i] ends. */
export function prependSegment(seg: TimeSegment, arrays: TimeArrays, i: number, travel: number): void {
  concatTime(seg, arrays.duration[i], arrays.timeWarp[i], arrays.earliest[i], arrays.latest[i], seg.duration, seg.timeWarp, seg.earliest, seg.latest, travel);
}

/** A trip cannot take off before `release`: its start moves to >= release (time warp if past latest). */
export function applyRelease(seg: TimeSegment, release: number): void {
  if (release > seg.earliest) {
    if (release > seg.latest) {
      seg.timeWarp += release - seg.latest;
      seg.latest = release;
    }
    seg.earliest = release;
  }
}

/** Time data of many segments, one entry per index (a node, or a trip of a route). */
export class TimeArrays {
  readonly duration: Float64Array;
  readonly timeWarp: Float64Array;
  readonly earliest: Float64Array;
  readonly latest: Float64Array;

  constructor(size: number) {
    this.duration = new Float64Array(size);
    this.timeWarp = new Float64Array(size);
    this.earliest = new Float64Array(size);
    this.latest = new Float64Array(size);
  }

  /** arrays[i] = seg */
  write(i: number, seg: TimeSegment): void {
    this.duration[i] = seg.duration;
    this.timeWarp[i] = seg.timeWarp;
    this.earliest[i] = seg.earliest;
    this.latest[i] = seg.latest;
  }

  /** seg = arrays[i] */
  read(i: number, seg: TimeSegment): void {
    seg.set(this.duration[i], this.timeWarp[i], this.earliest[i], this.latest[i]);
  }
}

/**
 * Per node: the data of one partial trip (a customer's prefix or suffix). The time data sit in their own
 * TimeArrays (not a subclass) so that every TimeArrays the hot loops see has one shape.
 */
export class TripSegmentArrays {
  readonly time: TimeArrays;
  readonly release: Float64Array;
  readonly busy: Float64Array;
  readonly energy: Float64Array;
  readonly perKgSum: Float64Array;
  readonly load: Float64Array;

  constructor(size: number) {
    this.time = new TimeArrays(size);
    this.release = new Float64Array(size);
    this.busy = new Float64Array(size);
    this.energy = new Float64Array(size);
    this.perKgSum = new Float64Array(size);
    this.load = new Float64Array(size);
  }

  /** Entry i = seg's time data and the given trip data. */
  write(i: number, seg: TimeSegment, release: number, busy: number, energy: number, perKgSum: number, load: number): void {
    this.time.write(i, seg);
    this.release[i] = release;
    this.busy[i] = busy;
    this.energy[i] = energy;
    this.perKgSum[i] = perKgSum;
    this.load[i] = load;
  }

  /** Entry i is the empty segment at a depot: nothing flown yet, take-off window [earliest, latest]. */
  setEmpty(i: number, earliest: number, latest: number): void {
    this.time.duration[i] = 0;
    this.time.timeWarp[i] = 0;
    this.time.earliest[i] = earliest;
    this.time.latest[i] = latest;
    // -Infinity, not 0: taking the max with it must leave any release (even a negative one) unchanged.
    this.release[i] = -Infinity;
    this.busy[i] = 0;
    this.energy[i] = 0;
    this.perKgSum[i] = 0;
    this.load[i] = 0;
  }
}

/** Per vehicle: each trip as a segment, and the route's trips chained with their recharges. */
export class RouteTrips {
  count = 0;
  /** Each trip alone, take-off to landing, its release applied. */
  readonly trip: TimeArrays;
  /** Trips 0..k chained, each next take-off at least the recharge after the previous landing. */
  readonly upTo: TimeArrays;
  /** Trips k..count-1 chained. */
  readonly from: TimeArrays;
  readonly energy: Float64Array;
  readonly load: Float64Array;
  /** Recharge time after trip k (fixed + per Wh of its energy). */
  readonly recharge: Float64Array;
  /** Objective cost of trip k (distance and energy terms). */
  readonly cost: Float64Array;

  constructor(readonly capacity: number) {
    this.trip = new TimeArrays(capacity);
    this.upTo = new TimeArrays(capacity);
    this.from = new TimeArrays(capacity);
    this.energy = new Float64Array(capacity);
    this.load = new Float64Array(capacity);
    this.recharge = new Float64Array(capacity);
    this.cost = new Float64Array(capacity);
  }
}
