/** The demand model (src/core/dispatch/demand.ts): determinism, arrival statistics, valid orders. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, formatProblem, parseMission, parseMissionText, serializeMission } from '../../src/core/mission';
import {
  MAX_DEMAND_ORDERS,
  demandIdPrefix,
  demandSlots,
  expectedDemandByStore,
  generateDemandOrders,
  poisson,
  startClockS,
  withDemandOrders,
} from '../../src/core/dispatch/demand';
import { createRng } from '../../src/core/random';

function load(file: string): Mission {
  const r = parseMissionText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.mission;
}

/** A mission with these demand fields over the given base (defaults filled by the loader). */
function withDemand(base: Mission, demand: Record<string, unknown>, extra: Partial<Mission> = {}): Mission {
  const r = parseMission({ ...base, orders: [], ...extra, demand });
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.mission;
}

const busy20 = load('missions/shenzhen-busy-day.json');
const busy40 = load('missions/shenzhen-40-stores-busy-day.json');
const SEEDS = [1, 2, 3, 4, 5, 6];
const days20 = SEEDS.map((s) => generateDemandOrders({ ...busy20, orders: [] }, s));
const expected20 = expectedDemandByStore(busy20, busy20.demand!).reduce((a, b) => a + b, 0);
const hourOf = (m: Mission, s: number) => Math.floor((startClockS(m.startTime) + s) / 3600) % 24;

describe('generateDemandOrders', () => {
  it('is deterministic for a seed and different for another; the seed argument overrides demand.seed', () => {
    const again = generateDemandOrders({ ...busy20, orders: [] }, 1);
    expect(again).toEqual(days20[0]);
    expect(days20[1]).not.toEqual(days20[0]);
    const bySeedField = generateDemandOrders({ ...busy20, orders: [], demand: { ...busy20.demand!, seed: 2 } });
    expect(bySeedField).toEqual(days20[1]);
  });

  it('gives about the expected number of orders: the mean over seeds within 4 standard errors', () => {
    const mean = days20.reduce((s, d) => s + d.length, 0) / days20.length;
    // Poisson: variance = mean; the mean of n days has standard error sqrt(expected / n).
    expect(Math.abs(mean - expected20)).toBeLessThan(4 * Math.sqrt(expected20 / days20.length));
    for (const d of days20) expect(Math.abs(d.length - expected20)).toBeLessThan(5 * Math.sqrt(expected20));
  });

  it('follows the hourly profile: no orders outside it, each hour near its expectation, peaks at lunch and evening', () => {
    const demand = busy20.demand!;
    const counts = new Array(24).fill(0);
    for (const day of days20) for (const o of day) counts[hourOf(busy20, o.placedAt as number)]++;
    for (let h = 0; h < 24; h++) {
      const expected = demand.hourly[h] * busy20.depots.length * days20.length;
      if (expected === 0) expect(counts[h], `hour ${h}`).toBe(0);
      else expect(Math.abs(counts[h] - expected), `hour ${h}`).toBeLessThan(5 * Math.sqrt(expected));
    }
    const busiest = (hours: number[]) => Math.max(...hours.map((h) => counts[h]));
    // Both peaks are busier than any hour of the afternoon lull or the morning.
    const quiet = Math.max(counts[9], counts[10], counts[14], counts[15], counts[16]);
    expect(busiest([11, 12])).toBeGreaterThan(quiet * 1.5);
    expect(busiest([18, 19])).toBeGreaterThan(quiet * 1.5);
  });

  it('makes valid orders: drop sites the loader accepts, within radiusM of a store, consistent times, parcels within payload', () => {
    const demand = busy20.demand!;
    const frame = createFrame(busy20.origin);
    const stores = busy20.depots.map((d) => frame.toLocal(d.position));
    const maxKg = Math.max(...busy20.droneModels.map((m) => m.maxPayloadKg));
    const day = days20[2];
    const r = parseMission({ ...busy20, orders: day });
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.checks.map(formatProblem)).toEqual([]);
    let previous = -1;
    for (const o of day) {
      const p = frame.toLocal(o.position);
      expect(Math.min(...stores.map((s) => Math.hypot(s.x - p.x, s.y - p.y)))).toBeLessThanOrEqual(demand.radiusM);
      const placed = o.placedAt as number;
      expect(placed).toBeGreaterThanOrEqual(previous); // ids in placement order
      previous = placed;
      expect(placed % 60).toBe(0);
      expect(placed).toBeGreaterThanOrEqual(0);
      expect(placed).toBeLessThanOrEqual(busy20.horizonS - demand.promiseS);
      expect(o.readyAt).toBe(placed + demand.prepS);
      expect(o.window).toEqual({ earliest: placed + demand.prepS, latest: placed + demand.promiseS });
      expect(o.parcelKg).toBeGreaterThan(0);
      expect(o.parcelKg).toBeLessThanOrEqual(maxKg);
    }
    expect(day.map((o) => o.id)).toEqual(day.map((_, i) => `o-${String(i + 1).padStart(4, '0')}`));
  });

  it('draws priorities, drop methods and parcel masses in the configured shares', () => {
    const all = days20.flat();
    const share = (f: (o: (typeof all)[number]) => boolean) => all.filter(f).length / all.length;
    expect(share((o) => o.priority === 2)).toBeCloseTo(busy20.demand!.priorityShare, 1);
    expect(share((o) => o.drop === 'winch')).toBeCloseTo(busy20.demand!.winchShare, 1);
    const kg = all.map((o) => o.parcelKg).sort((a, b) => a - b);
    expect(kg[Math.floor(kg.length / 2)]).toBeCloseTo(busy20.demand!.parcelKg.medianKg, 1);
    // A heavier median moves the whole mix up.
    const heavy = generateDemandOrders(withDemand(busy20, { ...busy20.demand!, parcelKg: { medianKg: 2, sigma: 0.2 } }), 1);
    const heavyMedian = heavy.map((o) => o.parcelKg).sort((a, b) => a - b)[Math.floor(heavy.length / 2)];
    expect(heavyMedian).toBeGreaterThan(1.7);
  });

  it('the 40-store day has about the same total demand as the 20-store day', () => {
    const expected40 = expectedDemandByStore(busy40, busy40.demand!).reduce((a, b) => a + b, 0);
    expect(expected40).toBeCloseTo(expected20, 6);
    const days40 = SEEDS.map((s) => generateDemandOrders({ ...busy40, orders: [] }, s).length);
    const mean40 = days40.reduce((a, b) => a + b, 0) / days40.length;
    const mean20 = days20.reduce((s, d) => s + d.length, 0) / days20.length;
    // Two independent means of n Poisson days: their difference has standard error sqrt(2 x expected / n).
    expect(Math.abs(mean40 - mean20)).toBeLessThan(4 * Math.sqrt((2 * expected20) / SEEDS.length));
  });

  it("keeps a store's orders when another store's weight changes (streams follow the store)", () => {
    const off = withDemand(busy20, { ...busy20.demand!, storeWeights: { 'store-01': 0 } });
    const without = generateDemandOrders(off, 1);
    const key = (o: { placedAt?: unknown; position: [number, number] }) => `${o.placedAt}@${o.position.join(',')}`;
    const full = new Set(days20[0].map(key));
    expect(without.length).toBeLessThan(days20[0].length);
    for (const o of without) expect(full.has(key(o))).toBe(true);
    // None of the removed orders' stores is another store: every removed drop is within radiusM of store-01.
    const frame = createFrame(busy20.origin);
    const s1 = frame.toLocal(busy20.depots[0].position);
    const kept = new Set(without.map(key));
    for (const o of days20[0].filter((x) => !kept.has(key(x)))) {
      const p = frame.toLocal(o.position);
      expect(Math.hypot(p.x - s1.x, p.y - s1.y)).toBeLessThanOrEqual(busy20.demand!.radiusM);
    }
  });

  it('reads the hourly profile on the local clock of startTime, also from a start in mid-hour', () => {
    const tutorial = load('missions/tutorial.json');
    const hourly = new Array(24).fill(0);
    hourly[10] = 40;
    hourly[13] = 40;
    // 10:30 to 14:30 local, promises of one hour: placements 10:30-13:30, i.e. half of hour 10 and half of hour 13.
    const m = withDemand(tutorial, { hourly, promiseS: 3600, prepS: 600 }, { startTime: '2026-11-25T10:30:00+08:00', horizonS: 4 * 3600 });
    expect(demandSlots(m, m.demand!).map((s) => [s.startS, s.endS, s.hour])).toEqual([
      [0, 1800, 10],
      [1800, 5400, 11],
      [5400, 9000, 12],
      [9000, 10800, 13],
    ]);
    expect(expectedDemandByStore(m, m.demand!)).toEqual([40]);
    let early = 0;
    let late = 0;
    for (const seed of [1, 2, 3]) {
      for (const o of generateDemandOrders(m, seed)) {
        const t = o.placedAt as number;
        expect(t < 1800 || (t >= 9000 && t < 10800), `placed at ${t}`).toBe(true);
        if (t < 1800) early++;
        else late++;
      }
    }
    expect(early).toBeGreaterThan(0);
    expect(late).toBeGreaterThan(0);
    // The same instant written in UTC is 02:30 on its own clock: hours 10 and 13 are never reached.
    const utc = withDemand(tutorial, { hourly, promiseS: 3600 }, { startTime: '2026-11-25T02:30:00Z', horizonS: 4 * 3600 });
    expect(generateDemandOrders(utc, 1)).toEqual([]);
  });

  it('gives ids that do not collide with the mission\'s own orders', () => {
    const tutorial = load('missions/tutorial.json');
    const m = withDemand(tutorial, { hourly: new Array(24).fill(3) }, { orders: tutorial.orders });
    const added = generateDemandOrders(m, 1);
    expect(added.length).toBeGreaterThan(0);
    for (const o of added) expect(o.id).toMatch(/^d-\d{3,}$/);
    // When d- ids are taken too, the next free prefix.
    const taken = [{ ...tutorial.orders[0], id: 'd-001' }];
    expect(demandIdPrefix(taken, 5, 3)).toBe('d2-');
    expect(demandIdPrefix([], 5, 3)).toBe('o-');
  });

  it('withDemandOrders replaces the orders, records the seed, and gives a mission that saves byte-stable', () => {
    const m = withDemandOrders(busy20, 3);
    expect(m.orders).toEqual(days20[2]);
    expect(m.demand?.seed).toBe(3);
    const again = parseMission(JSON.parse(serializeMission(m)));
    if (!again.ok) throw new Error('refused');
    expect(serializeMission(again.mission)).toBe(serializeMission(m));
  });

  it('refuses a mission without a demand model, and a demand that expects too many orders', () => {
    const tutorial = load('missions/tutorial.json');
    expect(() => generateDemandOrders(tutorial)).toThrow(/no demand model/);
    const huge = withDemand(tutorial, { hourly: new Array(24).fill(1000), promiseS: 3600 }, { horizonS: 7 * 86_400 });
    expect(expectedDemandByStore(huge, huge.demand!)[0]).toBeGreaterThan(MAX_DEMAND_ORDERS);
    expect(() => generateDemandOrders(huge)).toThrow(/demand\.hourly/);
  });
});

describe('poisson', () => {
  it.each([0.5, 4, 75])('has mean and variance near %s', (mean) => {
    const rng = createRng(42);
    const n = 4000;
    const draws = Array.from({ length: n }, () => poisson(rng, mean));
    const m = draws.reduce((a, b) => a + b, 0) / n;
    const v = draws.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    expect(v / mean).toBeGreaterThan(0.85);
    expect(v / mean).toBeLessThan(1.15);
    expect(poisson(rng, 0)).toBe(0);
  });
});
