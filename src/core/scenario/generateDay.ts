/**
 * A seeded day of orders on a store network: the input of the operations benchmark (bench/ops.bench.ts)
 * and of tests that need a large, realistic mission.
 *
 *   generateDay({ stores: 60, dronesPerStore: 5, orders: 2000, hours: 12, seed: 1 })
 *
 * Starts from a base mission (default missions/shenzhen-two-hour.json: 20 Shenzhen stores, its zones,
 * towers, wind and settings) and replaces its stores' fleets and its orders:
 *
 * - stores: the base's stores (a seeded subset when fewer are asked for); more than the base has are
 *   added inside the existing network: on the line between a base store and one of its three nearest
 *   base neighbours (which keeps them on land in a coastal city like Shenzhen far more often than a
 *   random bearing would), jittered by a few hundred metres, at least `minStoreSpacingM` from every
 *   other store, clear of every no-fly zone and building (with margin) and inside the mission area.
 *   A point the mission loader's flyability checks (src/core/mission/load.ts) flag is redrawn.
 *   Every store gets `dronesPerStore` drones of the base's first drone model; added stores copy the
 *   charging (and any other depot field) of the base store they were placed from.
 * - orders: placed uniformly over `hours` (to the minute), each for a random store and uniform in the
 *   disc of `maxOrderDistanceM` (6 km) around it, redrawn while the loader flags the point, it lies in
 *   or within the safety margin of any zone (time-limited ones too) or building, or outside the area.
 *   Promise window: earliest = placement + `prepS` (15 min; also the parcel's readyAt), latest =
 *   placement + `promiseS` (2 h). Parcel mass: log-normal (median 1.0 kg), redrawn above the model's
 *   maximum payload, to 0.1 kg. Priority 2 for 15 % of orders, winch drops for 80 % (hover-release
 *   for the rest), as in the bundled missions.
 * - horizonS = hours + 2 h (the last promise window's end); depots are open from the mission start
 *   for `storeHours` hours (default: the whole horizon).
 *
 * Pure and deterministic: the same base, options and seed give the same mission (src/core/random.ts;
 * stores and orders use separate streams, so the store layout does not depend on the order count).
 * The result is validated by the mission loader and a refused one throws (it would be a bug here).
 */
import baseMissionJson from '../../../missions/shenzhen-two-hour.json';
import { createFrame, type MetricFrame } from '../geo/frame';
import { parseMission } from '../mission/load';
import { formatProblem } from '../mission/problems';
import type { Depot, Mission, MissionInput, Order } from '../mission/schema';
import type { Rng } from '../random';
import { type SiteCheck, drawOrderPoint, drawParcelKg, roundLngLat, siteChecker, stream } from './sites';

export interface DayOptions {
  /** Number of stores (depots). Fewer than the base has: a seeded subset; more: new stores added. */
  stores: number;
  /** Drones of the base's first drone model at every store. */
  dronesPerStore: number;
  /** Number of orders. */
  orders: number;
  /** Hours over which orders are placed (the day); horizonS is this plus the promise (2 h). */
  hours: number;
  seed: number;
  /** Opening hours of every store from the mission start; default: the whole horizon. */
  storeHours?: number;
  /** Orders lie within this distance of their store. Default 6,000 m. */
  maxOrderDistanceM?: number;
  /** Preparation time from placement to the window's earliest (and readyAt). Default 900 s. */
  prepS?: number;
  /** Promise from placement to the window's latest. Default 7,200 s. */
  promiseS?: number;
  /** Smallest distance between two stores for added stores. Default 800 m. */
  minStoreSpacingM?: number;
  /** Mission name; default describes the day. */
  name?: string;
}

/** The default base mission: missions/shenzhen-two-hour.json, loaded and validated. */
export function defaultBaseMission(): Mission {
  const r = parseMission(baseMissionJson);
  if (!r.ok) throw new Error(`missions/shenzhen-two-hour.json refused: ${r.errors.map(formatProblem).join('; ')}`);
  return r.mission;
}

const HOUR_S = 3600;

export function generateDay(options: DayOptions, base: Mission = defaultBaseMission()): Mission {
  const opts = {
    maxOrderDistanceM: 6000,
    prepS: 900,
    promiseS: 7200,
    minStoreSpacingM: 800,
    ...options,
  };
  checkOptions(opts, base);
  const model = base.droneModels[0];
  const frame = createFrame(base.origin);
  const site = siteChecker(base, frame);

  const horizonS = Math.round(opts.hours * HOUR_S + opts.promiseS);
  const open = { earliest: 0, latest: opts.storeHours !== undefined ? Math.round(opts.storeHours * HOUR_S) : horizonS };

  // Stores.
  const depots = chooseStores(base, opts.stores, opts.minStoreSpacingM, frame, site, stream(opts.seed, 1)).map(
    (d): Depot => ({ ...d, fleet: [{ modelId: model.id, count: opts.dronesPerStore }], open: { ...open } }),
  );

  // Orders.
  const rng = stream(opts.seed, 2);
  const local = depots.map((d) => frame.toLocal(d.position));
  const drafts: { placedS: number; position: [number, number]; parcelKg: number; priority: number; drop: Order['drop'] }[] = [];
  const dayS = opts.hours * HOUR_S;
  for (let i = 0; i < opts.orders; i++) {
    const store = rng.int(depots.length);
    const position = drawOrderPoint(local[store], opts.maxOrderDistanceM, frame, site, rng);
    drafts.push({
      placedS: Math.floor(rng.range(0, dayS) / 60) * 60,
      position,
      parcelKg: drawParcelKg(rng, model.maxPayloadKg),
      priority: rng.next() < 0.15 ? 2 : 1,
      drop: rng.next() < 0.8 ? 'winch' : 'hover-release',
    });
  }
  // Ids in placement order (stable sort keeps draw order for equal minutes).
  drafts.sort((a, b) => a.placedS - b.placedS);
  const pad = Math.max(3, String(opts.orders).length);
  const orders: MissionInput['orders'] = drafts.map((o, i) => ({
    id: `o-${String(i + 1).padStart(pad, '0')}`,
    position: o.position,
    parcelKg: o.parcelKg,
    window: { earliest: o.placedS + opts.prepS, latest: o.placedS + opts.promiseS },
    priority: o.priority,
    drop: o.drop,
    readyAt: o.placedS + opts.prepS,
  }));

  // The base's faults name its own drones; a generated day has none.
  const { faults: _baseFaults, ...rest } = base;
  void _baseFaults;
  const input: MissionInput = {
    ...rest,
    name:
      opts.name ??
      `Generated day: ${opts.orders} orders, ${opts.stores} stores x ${opts.dronesPerStore} drones, ${opts.hours} h${opts.storeHours !== undefined ? `, stores open ${opts.storeHours} h` : ''} (seed ${opts.seed})`,
    description: `Generated by src/core/scenario/generateDay.ts from "${base.name}": orders within ${opts.maxOrderDistanceM / 1000} km of a store, promised ${opts.promiseS / 60} min after placement.`,
    horizonS: Math.max(horizonS, open.latest),
    depots,
    orders,
  };
  const loaded = parseMission(input);
  if (!loaded.ok) throw new Error(`generateDay produced a mission the loader refuses: ${loaded.errors.slice(0, 5).map(formatProblem).join('; ')}`);
  return loaded.mission;
}

function checkOptions(o: Required<Omit<DayOptions, 'storeHours' | 'name'>> & DayOptions, base: Mission): void {
  const whole = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`generateDay: ${name} must be a whole number >= ${min} (got ${v})`);
  };
  whole('stores', o.stores, 1);
  whole('dronesPerStore', o.dronesPerStore, 0);
  whole('orders', o.orders, 0);
  if (!(o.hours > 0)) throw new RangeError(`generateDay: hours must be > 0 (got ${o.hours})`);
  if (o.storeHours !== undefined && !(o.storeHours > 0)) throw new RangeError(`generateDay: storeHours must be > 0 (got ${o.storeHours})`);
  if (!(o.maxOrderDistanceM > 0)) throw new RangeError('generateDay: maxOrderDistanceM must be > 0');
  if (!(o.prepS >= 0 && o.promiseS >= o.prepS)) throw new RangeError('generateDay: need 0 <= prepS <= promiseS');
  if (base.droneModels.length === 0) throw new RangeError('generateDay: the base mission has no drone model');
  if (base.depots.length === 0) throw new RangeError('generateDay: the base mission has no store to start from');
}

function chooseStores(
  base: Mission,
  count: number,
  minSpacingM: number,
  frame: MetricFrame,
  site: SiteCheck,
  rng: Rng,
): Depot[] {
  if (count <= base.depots.length) {
    // A seeded subset, kept in the base's order.
    const idx = base.depots.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx
      .slice(0, count)
      .sort((a, b) => a - b)
      .map((i) => structuredClone(base.depots[i]));
  }
  const out = base.depots.map((d) => structuredClone(d));
  const baseLocal = base.depots.map((d) => frame.toLocal(d.position));
  const placed = [...baseLocal];
  const ids = new Set(base.depots.map((d) => d.id));
  const neighbours = baseLocal.map((a, i) =>
    baseLocal
      .map((b, j) => ({ j, d: Math.hypot(a.x - b.x, a.y - b.y) }))
      .filter((n) => n.j !== i)
      .sort((x, y) => x.d - y.d)
      .slice(0, 3)
      .map((n) => n.j),
  );
  let spacing = minSpacingM;
  let misses = 0;
  let serial = base.depots.length;
  while (out.length < count) {
    const i = rng.int(base.depots.length);
    const a = baseLocal[i];
    const j = neighbours[i].length ? rng.pick(neighbours[i]) : i;
    const b = baseLocal[j];
    const t = rng.range(0.2, 0.8);
    const p = { x: a.x + t * (b.x - a.x) + 300 * rng.normal(), y: a.y + t * (b.y - a.y) + 300 * rng.normal() };
    const lngLat = roundLngLat(frame.toLngLat(p));
    const q = frame.toLocal(lngLat);
    if (!placed.every((s) => Math.hypot(s.x - q.x, s.y - q.y) >= spacing) || !site(q, lngLat, 'store')) {
      // A crowded network: accept closer stores rather than loop forever (still deterministic).
      if (++misses > 400) {
        spacing *= 0.8;
        misses = 0;
      }
      continue;
    }
    misses = 0;
    let id: string;
    do id = `store-${String(++serial).padStart(2, '0')}`;
    while (ids.has(id));
    ids.add(id);
    const template = base.depots[i];
    out.push({ ...structuredClone(template), id, name: `Near ${template.name} (${id})`, position: lngLat });
    placed.push(q);
  }
  return out;
}
