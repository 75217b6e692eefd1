import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { formatProblem, parseMission, parseMissionText, serializeMission, toMissionSeconds } from '../../src/core/mission';
import type { Mission } from '../../src/core/mission';
import { type DayOptions, generateDay } from '../../src/core/scenario/generateDay';

const loaded = parseMissionText(readFileSync('missions/shenzhen-two-hour.json', 'utf8'));
if (!loaded.ok) throw new Error('default mission refused');
const base = loaded.mission;

// More stores than the base (20) so that added stores are exercised too.
const OPTIONS: DayOptions = { stores: 26, dronesPerStore: 2, orders: 300, hours: 8, seed: 7, storeHours: 6 };
const day = generateDay(OPTIONS, base);

/** The mission through the loader again, from its JSON text: errors fail the test, checks are returned. */
function reload(m: Mission) {
  const r = parseMission(JSON.parse(serializeMission(m)));
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r;
}

describe('generateDay', () => {
  it('makes a mission the loader accepts, with no flyability checks', () => {
    const r = reload(day);
    expect(r.checks.map(formatProblem)).toEqual([]);
  });

  it('has the asked counts: stores, drones per store of the base model, orders', () => {
    expect(day.depots).toHaveLength(26);
    expect(new Set(day.depots.map((d) => d.id)).size).toBe(26);
    for (const d of day.depots) expect(d.fleet).toEqual([{ modelId: base.droneModels[0].id, count: 2 }]);
    expect(day.orders).toHaveLength(300);
    expect(new Set(day.orders.map((o) => o.id)).size).toBe(300);
    // The base's 20 stores are all kept, in place.
    for (const b of base.depots) expect(day.depots.find((d) => d.id === b.id)?.position).toEqual(b.position);
  });

  it('uses a seeded subset of the base stores when fewer are asked for', () => {
    const small = generateDay({ ...OPTIONS, stores: 5, orders: 40 }, base);
    expect(small.depots).toHaveLength(5);
    const baseIds = new Set(base.depots.map((d) => d.id));
    for (const d of small.depots) expect(baseIds.has(d.id)).toBe(true);
    reload(small);
  });

  it('is deterministic for a seed and different for another seed', () => {
    const again = generateDay(OPTIONS, base);
    expect(serializeMission(again)).toBe(serializeMission(day));
    const other = generateDay({ ...OPTIONS, seed: 8 }, base);
    expect(serializeMission(other)).not.toBe(serializeMission(day));
    expect(other.orders.map((o) => o.position)).not.toEqual(day.orders.map((o) => o.position));
    expect(other.depots.slice(20).map((d) => d.position)).not.toEqual(day.depots.slice(20).map((d) => d.position));
  });

  it('puts every order within 6 km of some store, and added stores apart from the others', () => {
    const frame = createFrame(day.origin);
    const stores = day.depots.map((d) => frame.toLocal(d.position));
    for (const o of day.orders) {
      const p = frame.toLocal(o.position);
      const nearest = Math.min(...stores.map((s) => Math.hypot(s.x - p.x, s.y - p.y)));
      expect(nearest).toBeLessThanOrEqual(6000);
    }
    for (let i = 20; i < stores.length; i++)
      for (let j = 0; j < i; j++) expect(Math.hypot(stores[i].x - stores[j].x, stores[i].y - stores[j].y)).toBeGreaterThan(500);
  });

  it('gives two-hour promises after 15 min of preparation, within the payload, over the day', () => {
    const maxKg = base.droneModels[0].maxPayloadKg;
    const placed: number[] = [];
    for (const o of day.orders) {
      const earliest = toMissionSeconds(day.startTime, o.window.earliest);
      const latest = toMissionSeconds(day.startTime, o.window.latest);
      expect(latest - earliest).toBe(7200 - 900);
      expect(o.readyAt).toBe(o.window.earliest);
      expect(o.parcelKg).toBeGreaterThan(0);
      expect(o.parcelKg).toBeLessThanOrEqual(maxKg);
      placed.push(earliest - 900);
    }
    expect(Math.min(...placed)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...placed)).toBeLessThan(8 * 3600);
    // Spread over the day: every two-hour block of the eight gets orders.
    for (let h = 0; h < 8; h += 2) expect(placed.some((t) => t >= h * 3600 && t < (h + 2) * 3600)).toBe(true);
    expect(day.horizonS).toBe(10 * 3600);
  });

  it('opens the stores for storeHours, or the whole horizon without it', () => {
    for (const d of day.depots) expect(d.open).toEqual({ earliest: 0, latest: 6 * 3600 });
    const allDay = generateDay({ ...OPTIONS, storeHours: undefined, orders: 20 }, base);
    for (const d of allDay.depots) expect(d.open).toEqual({ earliest: 0, latest: allDay.horizonS });
  });

  it('uses missions/shenzhen-two-hour.json when no base is given', () => {
    const m = generateDay({ stores: 3, dronesPerStore: 1, orders: 10, hours: 2, seed: 1 });
    expect(m.origin).toEqual(base.origin);
    expect(m.noFlyZones).toEqual(base.noFlyZones);
  });
});
