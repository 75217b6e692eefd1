/**
 * The mission's demand model (`demand` in the mission file) turned into a day of orders.
 *
 * Arrivals are a non-homogeneous Poisson process per store: in each hour of the local clock the count
 * is Poisson(hourly[h] x the store's weight x the share of the hour inside the placement period), and
 * the placement times are uniform within that hour, to the minute. Orders are placed from the mission
 * start until `horizonS - promiseS`, so every promise ends within the horizon.
 *
 * Each order: a drop uniform in the disc of `radiusM` around its store, redrawn while it is not a valid
 * drop site (scenario/sites.ts, as generateDay); a log-normal parcel capped at the largest payload in
 * the fleets; placedAt; readyAt = placedAt + prepS; window = [placedAt + prepS, placedAt + promiseS].
 *
 * Deterministic: every store draws from its own streams (seeded by the seed and the store's id), one
 * per purpose, so a store's orders do not change when another store or another purpose changes.
 * Ids are `o-<n>` in placement order, or `d-<n>` when the mission already has orders (see demandIdPrefix).
 */
import { createFrame } from '../geo/frame';
import { parseMission } from '../mission/load';
import { formatProblem } from '../mission/problems';
import type { Demand, Mission, Order } from '../mission/schema';
import type { Rng } from '../random';
import { drawOrderPoint, drawParcelKg, siteChecker, stream } from '../scenario/sites';

/** The most orders a demand model may expect over the day: the planner and simulator hold them all. */
export const MAX_DEMAND_ORDERS = 100_000;

const HOUR_S = 3600;
const DAY_S = 24 * HOUR_S;
/** Poisson draws are split into parts of at most this mean (exp(-mean) stays far from underflow). */
const POISSON_PART = 30;

/** Stream salts: one random stream per store and purpose. */
const PURPOSE = { arrivals: 1, places: 2, parcels: 3, service: 4 } as const;

/** The UTC offset of an ISO date-time with offset (`Z`, `+08:00`, `-0530`), in seconds. */
export function utcOffsetS(isoTime: string): number {
  const m = /([+-])(\d\d):?(\d\d)?$/.exec(isoTime);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60);
}

/** Seconds since local midnight (startTime's own offset) at the mission start. */
export function startClockS(startTime: string): number {
  const local = Date.parse(startTime) / 1000 + utcOffsetS(startTime);
  return ((local % DAY_S) + DAY_S) % DAY_S;
}

/** A piece of the placement period inside one hour of the local clock. */
export interface DemandSlot {
  /** Mission seconds, [startS, endS). */
  startS: number;
  endS: number;
  /** Local clock hour, 0..23. */
  hour: number;
}

/** The placement period [0, horizonS - promiseS) cut at the local clock's hour boundaries. */
export function demandSlots(mission: Mission, demand: Demand): DemandSlot[] {
  const endS = mission.horizonS - demand.promiseS;
  const clock = startClockS(mission.startTime);
  const slots: DemandSlot[] = [];
  // k counts local hours from the start day's midnight; hour k spans [k h - clock, (k + 1) h - clock).
  for (let k = Math.floor(clock / HOUR_S); ; k++) {
    const startS = Math.max(0, k * HOUR_S - clock);
    if (startS >= endS) return slots;
    slots.push({ startS, endS: Math.min(endS, (k + 1) * HOUR_S - clock), hour: k % 24 });
  }
}

/** A store's relative demand: its weight in `storeWeights`, 1 when absent. */
export function storeWeight(demand: Demand, depotId: string): number {
  return demand.storeWeights?.[depotId] ?? 1;
}

/** Expected orders per store (by depot index) over the placement period. */
export function expectedDemandByStore(mission: Mission, demand: Demand): number[] {
  const perStore = demandSlots(mission, demand).reduce((sum, s) => sum + demand.hourly[s.hour] * ((s.endS - s.startS) / HOUR_S), 0);
  return mission.depots.map((d) => perStore * storeWeight(demand, d.id));
}

/**
 * Generated ids must not collide with the mission's own orders: `o-` for a mission without orders,
 * else `d-` ("demand"), else `d2-`, `d3-`... whichever first collides with no existing id.
 */
export function demandIdPrefix(existing: readonly Order[], count: number, pad: number): string {
  if (existing.length === 0) return 'o-';
  const taken = new Set(existing.map((o) => o.id));
  const clashes = (prefix: string) => {
    for (let n = 1; n <= count; n++) if (taken.has(`${prefix}${String(n).padStart(pad, '0')}`)) return true;
    return false;
  };
  let prefix = 'd-';
  for (let k = 2; clashes(prefix); k++) prefix = `d${k}-`;
  return prefix;
}

interface Draft {
  placedS: number;
  store: number;
  seq: number;
  position: [number, number];
  parcelKg: number;
  priority: number;
  drop: Order['drop'];
}

/**
 * A day of orders from the mission's demand model. `seed` overrides `demand.seed`. Throws when the
 * mission has no demand model, no drone model, or expects more than MAX_DEMAND_ORDERS orders.
 */
export function generateDemandOrders(mission: Mission, seed?: number): Order[] {
  const demand = mission.demand;
  if (!demand) throw new Error('the mission has no demand model (field "demand")');
  const useSeed = seed ?? demand.seed;
  if (!Number.isInteger(useSeed) || useSeed < 0 || useSeed > 0xffff_ffff) throw new RangeError(`seed must be a whole number within 0..4294967295 (got ${useSeed})`);
  if (mission.depots.length === 0) return [];
  if (mission.droneModels.length === 0) throw new Error('demand: the mission has no drone model (parcels are capped at its payload)');
  const expected = expectedDemandByStore(mission, demand).reduce((a, b) => a + b, 0);
  if (expected > MAX_DEMAND_ORDERS) {
    throw new RangeError(`demand.hourly: expects ${Math.round(expected)} orders over the horizon; at most ${MAX_DEMAND_ORDERS} are generated`);
  }

  const frame = createFrame(mission.origin);
  const site = siteChecker(mission, frame);
  const capKg = largestPayloadKg(mission);
  const slots = demandSlots(mission, demand);
  const drafts: Draft[] = [];
  mission.depots.forEach((depot, store) => {
    const weight = storeWeight(demand, depot.id);
    const rng = (purpose: number) => stream(useSeed, storeSalt(depot.id, purpose));
    const arrivals = rng(PURPOSE.arrivals);
    const times: number[] = [];
    for (const slot of slots) {
      const span = slot.endS - slot.startS;
      const count = poisson(arrivals, demand.hourly[slot.hour] * weight * (span / HOUR_S));
      // Whole minutes after the slot start: the slot's own hour, on the minute when the day starts on one.
      for (let i = 0; i < count; i++) times.push(slot.startS + Math.floor(arrivals.range(0, span) / 60) * 60);
    }
    times.sort((a, b) => a - b);
    const places = rng(PURPOSE.places);
    const parcels = rng(PURPOSE.parcels);
    const service = rng(PURPOSE.service);
    const at = frame.toLocal(depot.position);
    times.forEach((placedS, seq) =>
      drafts.push({
        placedS,
        store,
        seq,
        position: drawOrderPoint(at, demand.radiusM, frame, site, places),
        parcelKg: drawParcelKg(parcels, capKg, demand.parcelKg.medianKg, demand.parcelKg.sigma),
        priority: service.next() < demand.priorityShare ? 2 : 1,
        drop: service.next() < demand.winchShare ? 'winch' : 'hover-release',
      }),
    );
  });

  // Placement order; ties by store then draw order, so ids are stable.
  drafts.sort((a, b) => a.placedS - b.placedS || a.store - b.store || a.seq - b.seq);
  const pad = Math.max(3, String(drafts.length).length);
  const prefix = demandIdPrefix(mission.orders, drafts.length, pad);
  return drafts.map((d, i) => ({
    id: `${prefix}${String(i + 1).padStart(pad, '0')}`,
    position: d.position,
    parcelKg: d.parcelKg,
    window: { earliest: d.placedS + demand.prepS, latest: d.placedS + demand.promiseS },
    priority: d.priority,
    drop: d.drop,
    placedAt: d.placedS,
    readyAt: d.placedS + demand.prepS,
  }));
}

/**
 * The mission with its orders replaced by a generated day, validated by the loader (a refusal throws:
 * it would be a bug here). `demand.seed` records the seed used, so the file regenerates its orders.
 */
export function withDemandOrders(mission: Mission, seed?: number): Mission {
  if (!mission.demand) throw new Error('the mission has no demand model (field "demand")');
  const useSeed = seed ?? mission.demand.seed;
  const orders = generateDemandOrders({ ...mission, orders: [] }, useSeed);
  const loaded = parseMission({ ...mission, demand: { ...mission.demand, seed: useSeed }, orders });
  if (!loaded.ok) throw new Error(`the demand model produced a mission the loader refuses: ${loaded.errors.slice(0, 5).map(formatProblem).join('; ')}`);
  return loaded.mission;
}

/** The largest payload of the drone models flown (in a fleet with drones), else of any model. */
function largestPayloadKg(mission: Mission): number {
  const used = new Set(mission.depots.flatMap((d) => d.fleet.filter((f) => f.count > 0).map((f) => f.modelId)));
  const flown = mission.droneModels.filter((m) => used.has(m.id));
  return Math.max(...(flown.length > 0 ? flown : mission.droneModels).map((m) => m.maxPayloadKg));
}

/** FNV-1a of the store id plus the purpose: streams follow the store, not its place in the list. */
function storeSalt(depotId: string, purpose: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < depotId.length; i++) h = Math.imul(h ^ depotId.charCodeAt(i), 0x01000193);
  return (Math.imul(h, 31) + purpose) >>> 0;
}

/** Poisson(mean) by Knuth's product of uniforms, in parts (a sum of Poissons is Poisson). */
export function poisson(rng: Rng, mean: number): number {
  let n = 0;
  for (let left = mean; left > 0; left -= POISSON_PART) {
    const limit = Math.exp(-Math.min(left, POISSON_PART));
    for (let p = rng.next(); p > limit; p *= rng.next()) n++;
  }
  return n;
}
