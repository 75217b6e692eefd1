import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { pointInRing, shapeRing } from '../../src/core/geo/shapes';
import { fleetDrones, parseMission, serializeMission, toMissionSeconds } from '../../src/core/mission';
import { PRESETS } from '../../src/core/energy';
import { COPY_JITTER_M, applyOverrides, describeOverrides, diffMissions, parseScenarioJson, summarizeMission } from '../../src/core/whatif';
import { loadMission, tutorial, withOverrides } from './whatifFixture';

const shenzhen = () => loadMission('missions/shenzhen-two-hour.json');

describe('scenario files', () => {
  it('tells a mission from a scenario and validates the scenario with paths', () => {
    const m = JSON.parse(serializeMission(tutorial()));
    expect(parseScenarioJson(m)).toMatchObject({ ok: true, kind: 'mission' });
    const ok = parseScenarioJson({ name: 'x', mission: 'a.json', overrides: { dronesPerDepot: 2, wind: { speedMps: 9 } } });
    expect(ok).toMatchObject({ ok: true, kind: 'scenario' });
    const bad = parseScenarioJson({ mission: 'a.json', overrides: { dronesPerDepot: -1, colour: 'red' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    const paths = bad.errors.map((e) => e.path);
    expect(paths).toContain('overrides.dronesPerDepot');
    expect(bad.errors.find((e) => e.message.includes('unknown field'))?.message).toContain('"colour"');
    expect(parseScenarioJson({ overrides: {} }).ok).toBe(false);
  });

  it('describes overrides in words', () => {
    expect(describeOverrides({ depotsOff: ['a'], dronesPerDepot: 4, promiseWindowMin: 90, orderScale: 2 })).toEqual([
      'depots off: a',
      '4 drones per depot',
      'promise window 90 min',
      'order volume x2',
    ]);
  });
});

describe('applying overrides', () => {
  it('turns depots off with their drones and keeps every order', () => {
    const base = shenzhen();
    const m = withOverrides(base, { depotsOff: ['store-01', 'store-02'] });
    expect(m.depots.map((d) => d.id)).not.toContain('store-01');
    expect(m.depots).toHaveLength(base.depots.length - 2);
    expect(fleetDrones(m).some((d) => d.depotId === 'store-02')).toBe(false);
    expect(m.orders).toEqual(base.orders);
  });

  it('sets drones per depot, uniformly or per depot', () => {
    const base = shenzhen();
    const all = withOverrides(base, { dronesPerDepot: 5 });
    expect(all.depots.every((d) => d.fleet.reduce((s, f) => s + f.count, 0) === 5)).toBe(true);
    const one = withOverrides(base, { dronesPerDepot: { 'store-03': 7 } });
    const count = (id: string) => one.depots.find((d) => d.id === id)!.fleet.reduce((s, f) => s + f.count, 0);
    expect(count('store-03')).toBe(7);
    expect(count('store-04')).toBe(base.depots.find((d) => d.id === 'store-04')!.fleet[0].count);
  });

  it('switches a depot without drones on with the median fleet', () => {
    const base = tutorial();
    const raw = JSON.parse(serializeMission(base));
    raw.depots.push({ ...raw.depots[0], id: 'candidate', name: 'Candidate', position: [114.01, 22.555], fleet: [] });
    const parsed = parseMission(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const off = summarizeMission(parsed.mission);
    const on = withOverrides(parsed.mission, { depotsOn: ['candidate'] });
    expect(on.depots.find((d) => d.id === 'candidate')!.fleet).toEqual([{ modelId: 'm2-class', count: 2 }]);
    expect(summarizeMission(on).staffedDepots).toBe(off.staffedDepots + 1);
    const changes = diffMissions(parsed.mission, on).map((c) => c.text).join('\n');
    expect(changes).toContain('1 depot added: Candidate (candidate)');
  });

  it('swaps the drone model for a preset and adds it to the mission', () => {
    const m = withOverrides(tutorial(), { droneModel: 'manna-class' });
    expect(m.droneModels.find((d) => d.id === 'manna-class')).toEqual(PRESETS['manna-class']);
    expect(fleetDrones(m).every((d) => d.modelId === 'manna-class')).toBe(true);
    expect(fleetDrones(m)).toHaveLength(fleetDrones(tutorial()).length);
  });

  it('merges the wind and rewrites promise windows', () => {
    const base = tutorial();
    const m = withOverrides(base, { wind: { speedMps: 9 }, promiseWindowMin: 25 });
    expect(m.wind).toEqual({ ...base.wind, speedMps: 9 });
    for (const [i, o] of m.orders.entries()) {
      const e = toMissionSeconds(m.startTime, o.window.earliest);
      expect(e).toBe(toMissionSeconds(base.startTime, base.orders[i].window.earliest));
      expect(toMissionSeconds(m.startTime, o.window.latest) - e).toBe(25 * 60);
    }
    expect(summarizeMission(m).windowMin).toBe(25);
  });

  it('refuses unknown references with the override path', () => {
    const r = applyOverrides(tutorial(), { depotsOff: ['nope'], dronesPerDepot: { ghost: 2 }, droneModel: 'zeppelin' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path).sort()).toEqual(['overrides.depotsOff[0]', 'overrides.droneModel', 'overrides.dronesPerDepot.ghost']);
  });

  it('drops faults whose drone no longer exists, and says so', () => {
    const raw = JSON.parse(serializeMission(tutorial()));
    raw.faults = [{ kind: 'motor-failure', droneId: 'depot-1/m2-class/2', atS: 600 }];
    const parsed = parseMission(raw);
    if (!parsed.ok) throw new Error('fixture');
    const r = applyOverrides(parsed.mission, { dronesPerDepot: 1 });
    expect(r.ok && r.mission.faults).toEqual([]);
    expect(r.ok && r.notes.join()).toContain('1 fault(s) dropped');
  });
});

describe('order volume', () => {
  it('subsamples deterministically from the seed', () => {
    const base = shenzhen();
    const a = withOverrides(base, { orderScale: 0.5 });
    const b = withOverrides(base, { orderScale: 0.5 });
    const c = withOverrides(base, { orderScale: 0.5, orderSeed: 2 });
    expect(a.orders).toHaveLength(Math.round(base.orders.length / 2));
    expect(a.orders).toEqual(b.orders);
    expect(a.orders.map((o) => o.id)).not.toEqual(c.orders.map((o) => o.id));
    const ids = new Set(base.orders.map((o) => o.id));
    expect(a.orders.every((o) => ids.has(o.id))).toBe(true);
  });

  it('doubles with jittered copies: each order copied once, near it, same window length, outside zones', () => {
    const base = shenzhen();
    const m = withOverrides(base, { orderScale: 2 });
    expect(m.orders).toHaveLength(2 * base.orders.length);
    expect(new Set(m.orders.map((o) => o.id)).size).toBe(m.orders.length);
    const frame = createFrame(m.origin);
    const zones = m.noFlyZones.map((z) => shapeRing(z.shape, frame));
    const byId = new Map(base.orders.map((o) => [o.id, o]));
    const sources = new Set<string>();
    const len = (o: (typeof m.orders)[number]) => toMissionSeconds(m.startTime, o.window.latest) - toMissionSeconds(m.startTime, o.window.earliest);
    for (const copy of m.orders.slice(base.orders.length)) {
      const src = byId.get(copy.id.replace(/\.x\d+(-\d+)?$/, ''))!;
      expect(src).toBeDefined();
      sources.add(src.id);
      const a = frame.toLocal(src.position);
      const b = frame.toLocal(copy.position);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThanOrEqual(COPY_JITTER_M + 1);
      expect(len(copy)).toBe(len(src));
      const moved = a.x !== b.x || a.y !== b.y;
      if (moved) expect(zones.some((z) => pointInRing(b, z))).toBe(false);
    }
    expect(sources.size).toBe(base.orders.length);
  });
});

describe('what changed', () => {
  it('names the 20 added stores and the doubled fleet of the bundled 40-store mission', () => {
    const a = shenzhen();
    const b = loadMission('missions/shenzhen-40-stores.json');
    const changes = diffMissions(a, b);
    const text = changes.map((c) => c.text).join('\n');
    const added = b.depots.length - a.depots.length;
    expect(text).toContain(`${added} depots added`);
    expect(text).toContain(`fleet ${summarizeMission(a).drones} -> ${summarizeMission(b).drones} drones`);
    expect(changes.some((c) => c.topic === 'orders')).toBe(false);
    expect(diffMissions(a, a)).toEqual([]);
  });
});

describe('order scaling on a day of live orders', () => {
  it('moves each copy\'s placement with its window: placed before ready, never before the start, and the day still loads', () => {
    const base = loadMission('missions/shenzhen-busy-day.json');
    const m = withOverrides(base, { orderScale: 1.5 });
    expect(m.orders.length).toBeGreaterThan(base.orders.length);
    const secs = (t: Parameters<typeof toMissionSeconds>[1]) => toMissionSeconds(m.startTime, t);
    const byId = new Map(base.orders.map((o) => [o.id, o]));
    for (const copy of m.orders.slice(base.orders.length)) {
      const src = byId.get(copy.id.replace(/\.x\d+(-\d+)?$/, ''))!;
      expect(copy.placedAt).toBeDefined();
      // Same shift for placement and window: the copy keeps its preparation time and promise.
      expect(secs(copy.window.earliest) - secs(copy.placedAt!)).toBeCloseTo(secs(src.window.earliest) - secs(src.placedAt!), 6);
      expect(secs(copy.placedAt!)).toBeGreaterThanOrEqual(0);
      expect(secs(copy.readyAt!)).toBeGreaterThanOrEqual(secs(copy.placedAt!));
    }
    expect(parseMission(JSON.parse(serializeMission(m))).ok).toBe(true);
  });
});
