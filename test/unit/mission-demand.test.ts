/** The mission's `placedAt` and `demand` fields (schema + load.ts rules) and the bundled busy days. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedDemandByStore, withDemandOrders } from '../../src/core/dispatch/demand';
import { type Mission, formatProblem, parseMission, parseMissionText, serializeMission } from '../../src/core/mission';

const read = (p: string) => readFileSync(p, 'utf8');
const tutorial = () => JSON.parse(read('missions/tutorial.json'));
const problems = (doc: unknown) => {
  const r = parseMission(doc);
  return r.ok ? [] : r.errors.map(formatProblem);
};

describe('orders[].placedAt', () => {
  it('loads an order placed before its window and readyAt, as seconds or ISO time', () => {
    const doc = tutorial();
    doc.orders[1].placedAt = 300; // window 600..4200
    doc.orders[1].readyAt = 300;
    doc.orders[2].placedAt = '2026-11-25T10:05:00+08:00';
    const r = parseMission(doc);
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.mission.orders[1].placedAt).toBe(300);
    // Saved in schema order, after drop and before readyAt.
    const saved = serializeMission(r.mission);
    expect(saved.indexOf('"placedAt": 300')).toBeLessThan(saved.indexOf('"readyAt": 300'));
  });

  it('refuses an order placed after its window ends, ready before it is placed, or placed before the start', () => {
    const doc = tutorial();
    doc.orders[0].placedAt = 3601; // window 0..3600
    doc.orders[1].placedAt = 1000;
    doc.orders[1].readyAt = 999;
    doc.orders[2].placedAt = '2026-11-25T09:59:00+08:00';
    doc.orders[3].placedAt = -1;
    const errs = problems(doc);
    expect(errs).toContainEqual(expect.stringMatching(/^orders\[0\]\.placedAt: is after window\.latest \(3600 s\)/));
    expect(errs).toContainEqual(expect.stringMatching(/^orders\[1\]\.readyAt: is before placedAt \(1000 s\)/));
    expect(errs).toContainEqual('orders[2].placedAt: is before the mission start');
    expect(errs).toContainEqual(expect.stringMatching(/^orders\[3\]\.placedAt: must be >= 0 seconds/));
  });

  it('still checks placedAt when another part of the document fails the schema', () => {
    const doc = tutorial();
    doc.wind.speedMps = 'strong';
    doc.orders[4].placedAt = 99_999;
    const errs = problems(doc);
    expect(errs).toContainEqual(expect.stringMatching(/^wind\.speedMps/));
    expect(errs).toContainEqual(expect.stringMatching(/^orders\[4\]\.placedAt: is after window\.latest/));
  });
});

describe('demand', () => {
  it('fills its defaults and keeps them through a save', () => {
    const doc = tutorial();
    doc.demand = { hourly: new Array(24).fill(1) };
    const r = parseMission(doc);
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.mission.demand).toEqual({
      seed: 1,
      hourly: new Array(24).fill(1),
      radiusM: 6000,
      prepS: 900,
      promiseS: 7200,
      parcelKg: { medianKg: 1, sigma: 0.5 },
      priorityShare: 0.15,
      winchShare: 0.8,
    });
    const saved = serializeMission(r.mission);
    // After the orders, before the zones.
    expect(saved.indexOf('"demand"')).toBeGreaterThan(saved.indexOf('"orders"'));
    expect(saved.indexOf('"demand"')).toBeLessThan(saved.indexOf('"noFlyZones"'));
  });

  it('refuses bad values with their path and reason, all at once', () => {
    const doc = tutorial();
    doc.demand = {
      hourly: new Array(23).fill(1),
      radiusM: 0,
      prepS: 3600,
      promiseS: 1800,
      priorityShare: 1.5,
      parcelKg: { medianKg: 1, sigma: -1 },
      storeWeights: { 'depot-1': 2, 'no-such-store': 1 },
      extra: true,
    };
    const errs = problems(doc);
    expect(errs).toEqual(
      expect.arrayContaining([
        'demand.hourly: needs 24 values, one per hour of the local clock (0..23)',
        'demand.radiusM: must be > 0 m',
        'demand.priorityShare: must be within 0..1',
        'demand.parcelKg.sigma: must be >= 0',
        'demand: unknown field "extra"',
      ]),
    );
    // The cross-field rules run on a demand that parses.
    const ok = tutorial();
    ok.demand = { hourly: new Array(24).fill(1), prepS: 3600, promiseS: 1800, storeWeights: { 'depot-1': 2, 'no-such-store': 1 } };
    expect(problems(ok)).toEqual([
      'demand.promiseS: must be >= prepS (3600 s): the promise cannot end before the parcel is ready',
      'demand.storeWeights.no-such-store: unknown depot "no-such-store"',
    ]);
  });
});

describe('bundled busy days', () => {
  const load = (file: string): Mission => {
    const r = parseMissionText(read(file));
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.checks.map(formatProblem)).toEqual([]);
    return r.mission;
  };
  const base20 = load('missions/shenzhen-two-hour.json');
  const base40 = load('missions/shenzhen-40-stores.json');
  const day20 = load('missions/shenzhen-busy-day.json');
  const day40 = load('missions/shenzhen-40-stores-busy-day.json');

  it.each([
    ['missions/shenzhen-busy-day.json', day20, base20],
    ['missions/shenzhen-40-stores-busy-day.json', day40, base40],
  ])('%s: 14 h, stores open to the horizon, the base zones and settings, orders of its demand model (seed in the file)', (file, day, base) => {
    expect(serializeMission(day)).toBe(read(file));
    expect(day.horizonS).toBe(14 * 3600);
    expect(day.depots.map((d) => d.position)).toEqual(base.depots.map((d) => d.position));
    for (const d of day.depots) expect(d.open).toEqual({ earliest: 0, latest: day.horizonS });
    expect(day.noFlyZones).toEqual(base.noFlyZones);
    expect(day.buildings).toEqual(base.buildings);
    expect(day.wind).toEqual(base.wind);
    expect(day.settings).toEqual(base.settings);
    // The stored orders are what the demand model gives for the stored seed (the file is not stale).
    expect(withDemandOrders(day).orders).toEqual(day.orders);
    // Orders placed 09:00-21:00 local (the day starts at 09:00), every promise within the horizon.
    expect(day.startTime).toMatch(/T09:00:00\+08:00$/);
    for (const o of day.orders) expect(o.placedAt as number).toBeLessThan(12 * 3600);
  });

  it('has lunch and evening peaks, about 1,250 orders a day, the same in total over 40 stores', () => {
    const hourly = day20.demand!.hourly;
    const peak = Math.max(...hourly);
    expect(Math.max(hourly[11], hourly[12])).toBeGreaterThan(1.5 * hourly[15]);
    expect(Math.max(hourly[18], hourly[19])).toBeGreaterThan(1.5 * hourly[15]);
    expect([11, 12, 18, 19]).toContain(hourly.indexOf(peak));
    for (const h of [0, 8, 21, 23]) expect(hourly[h]).toBe(0);
    const total20 = expectedDemandByStore(day20, day20.demand!).reduce((a, b) => a + b, 0);
    const total40 = expectedDemandByStore(day40, day40.demand!).reduce((a, b) => a + b, 0);
    expect(total20).toBeGreaterThan(1150);
    expect(total20).toBeLessThan(1350);
    expect(total40).toBeCloseTo(total20, 3);
    // Per store the 40-store profile is half the 20-store one.
    day40.demand!.hourly.forEach((v, h) => expect(v).toBeCloseTo(hourly[h] / 2, 3));
    // Drawn counts near the expectation (5 Poisson standard deviations).
    for (const day of [day20, day40]) expect(Math.abs(day.orders.length - total20)).toBeLessThan(5 * Math.sqrt(total20));
    // Fleets: more drones per store on the 20-store day, each store alike.
    const perStore = (m: Mission) => new Set(m.depots.map((d) => d.fleet.reduce((n, f) => n + f.count, 0)));
    expect(perStore(day20).size).toBe(1);
    expect(perStore(day40).size).toBe(1);
    expect([...perStore(day20)][0]).toBeGreaterThan([...perStore(day40)][0]);
  });
});
