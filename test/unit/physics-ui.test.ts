/**
 * The app's flight-physics glue without a browser: the "out of range" flag source (orders outside
 * every depot's reach ring at their parcel mass), its memoisation, the drone-model edits the Physics
 * tab commits, and the reach ring's model choice. Reach radii come from src/core/energy (tested on
 * their own in energy*.test.ts); these tests check how the app uses them.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { PRESETS, reachRadii } from '../../src/core/energy';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, type MissionInput, parseMission } from '../../src/core/mission';
import { useFlagSources } from '../../src/state/flags';
import { localGeometry } from '../../src/state/geometry';
import { clearHistory, undo, useMissionStore } from '../../src/state/missionStore';
import { addModelFromPreset, replaceDroneModel, uniqueModelId } from '../../src/state/physicsEdits';
import { ringModelFor } from '../../src/state/physicsStore';
import {
  RANGE_FLAG_SOURCE,
  ReachRadiiCache,
  bearingDeg,
  missionReachConditions,
  rangeFlags,
  registerRangeFlags,
  ringRadiusAtBearing,
} from '../../src/state/rangeFlags';

const ORIGIN: [number, number] = [114.05, 22.55];
const frame = createFrame(ORIGIN);
const M2 = PRESETS['m2-class'];

interface Place {
  id: string;
  x: number;
  y: number;
}

function makeMission(opts: {
  depots: (Place & { count?: number })[];
  orders: (Place & { parcelKg: number })[];
  wind?: { speedMps: number; fromDeg: number };
  models?: typeof M2[];
}): Mission {
  const input: MissionInput = {
    schemaVersion: 1,
    name: 'range test',
    startTime: '2025-01-01T08:00:00+08:00',
    origin: ORIGIN,
    droneModels: opts.models ?? [M2],
    depots: opts.depots.map((d) => ({
      id: d.id,
      name: d.id,
      position: frame.toLngLat(d),
      fleet: [{ modelId: (opts.models ?? [M2])[0].id, count: d.count ?? 2 }],
      charging: { kind: 'swap', swapS: 60 },
    })),
    orders: opts.orders.map((o) => ({
      id: o.id,
      position: frame.toLngLat(o),
      parcelKg: o.parcelKg,
      window: { earliest: 0, latest: 3600 },
    })),
    wind: { ...(opts.wind ?? { speedMps: 0, fromDeg: 0 }), gustMps: 0 },
  };
  const r = parseMission(input);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return r.mission;
}

const flagsOf = (m: Mission, cache?: ReachRadiiCache) => rangeFlags(m, localGeometry(m, frame), cache);
const flaggedIds = (m: Mission) => flagsOf(m).map((f) => f.ref.id);

/** The core's radius toward a bearing for m2-class under a mission's conditions. */
function coreRadiusM(m: Mission, parcelKg: number, bearing: number): number {
  const r = reachRadii(M2, { ...missionReachConditions(m), payloadKg: parcelKg });
  if (!r.ok) throw new Error(r.reason);
  return r.radiiM[r.bearingsDeg.indexOf(bearing)];
}

/** A point `d` metres from (0, 0) toward a bearing (clockwise from north). */
const toward = (bearing: number, d: number) => ({ x: d * Math.sin((bearing * Math.PI) / 180), y: d * Math.cos((bearing * Math.PI) / 180) });

describe('ringRadiusAtBearing (the drawn ring is the polygon through the radii)', () => {
  it('is the radius at a vertex and the chord between vertices', () => {
    const radii = Array.from({ length: 72 }, () => 1000);
    expect(ringRadiusAtBearing(radii, 0)).toBeCloseTo(1000, 9);
    expect(ringRadiusAtBearing(radii, 35)).toBeCloseTo(1000, 9);
    // Midway between two vertices of a regular polygon: the apothem r cos(half step).
    expect(ringRadiusAtBearing(radii, 2.5)).toBeCloseTo(1000 * Math.cos((2.5 * Math.PI) / 180), 6);
    expect(ringRadiusAtBearing(radii, 357.5)).toBeCloseTo(1000 * Math.cos((2.5 * Math.PI) / 180), 6);
  });

  it('follows a lopsided ring between unequal radii and is 0 where the drone cannot go', () => {
    const radii = [1000, 2000, 0, 0];
    // Between 0 deg (1000 m north) and 90 deg (2000 m east) lies the line x/2000 + y/1000 = 1; at 45 deg x = y.
    expect(ringRadiusAtBearing(radii, 45)).toBeCloseTo(Math.SQRT2 * (2000 / 3), 6);
    expect(ringRadiusAtBearing(radii, 200)).toBe(0);
  });

  it('measures bearings clockwise from north', () => {
    expect(bearingDeg({ x: 0, y: 0 }, { x: 0, y: 5 })).toBeCloseTo(0);
    expect(bearingDeg({ x: 0, y: 0 }, { x: 5, y: 0 })).toBeCloseTo(90);
    expect(bearingDeg({ x: 0, y: 0 }, { x: 0, y: -5 })).toBeCloseTo(180);
    expect(bearingDeg({ x: 0, y: 0 }, { x: -5, y: 0 })).toBeCloseTo(270);
  });
});

describe('range flags', () => {
  const still = makeMission({ depots: [{ id: 'store-03', x: 0, y: 0 }], orders: [] });
  const r90 = coreRadiusM(still, 2, 90);

  it('flags an order beyond reach, naming the depot, its reach and the distance', () => {
    const m = makeMission({
      depots: [{ id: 'store-03', x: 0, y: 0 }],
      orders: [
        { id: 'near', ...toward(90, 0.9 * r90), parcelKg: 2 },
        { id: 'far', ...toward(90, 1.1 * r90), parcelKg: 2 },
      ],
    });
    const flags = flagsOf(m);
    expect(flags.map((f) => f.ref)).toEqual([{ kind: 'order', id: 'far' }]);
    const reason = flags[0].reason;
    expect(reason).toMatch(/^out of range/);
    expect(reason).toContain('store-03');
    expect(reason).toContain(`${(r90 / 1000).toFixed(1)} km`);
    expect(reason).toContain(`${((1.1 * r90) / 1000).toFixed(1)} km away`);
    expect(reason).toContain('2 kg');
  });

  it('uses each order\'s own parcel mass: a lighter parcel at the same place is served', () => {
    const m = makeMission({
      depots: [{ id: 'd', x: 0, y: 0 }],
      orders: [
        { id: 'heavy', ...toward(90, 1.05 * r90), parcelKg: 2 },
        { id: 'light', ...toward(90, 1.05 * r90), parcelKg: 0.2 },
      ],
    });
    expect(coreRadiusM(m, 0.2, 90)).toBeGreaterThan(1.05 * r90);
    expect(flaggedIds(m)).toEqual(['heavy']);
  });

  it('an order in reach of any one depot is not flagged; otherwise the nearest depot is named', () => {
    const depots = [
      { id: 'west', x: -3 * r90, y: 0 },
      { id: 'east', x: 3 * r90, y: 0 },
    ];
    const m = makeMission({
      depots,
      orders: [
        { id: 'by-east', x: 2.2 * r90, y: 0, parcelKg: 2 },
        { id: 'between-nearer-west', x: -0.3 * r90, y: 0, parcelKg: 2 },
      ],
    });
    const flags = flagsOf(m);
    expect(flags.map((f) => f.ref.id)).toEqual(['between-nearer-west']);
    expect(flags[0].reason).toContain('nearest depot west');
  });

  it('wind skews the reach: the same distance is in reach downwind and out of reach upwind', () => {
    const northWind = makeMission({ depots: [{ id: 'd', x: 0, y: 0 }], orders: [], wind: { speedMps: 8, fromDeg: 0 } });
    const rNorth = coreRadiusM(northWind, 2, 0);
    const rSouth = coreRadiusM(northWind, 2, 180);
    expect(rNorth).not.toBeCloseTo(rSouth, -1);
    const d = (rNorth + rSouth) / 2;
    const orders = [
      { id: 'north', ...toward(0, d), parcelKg: 2 },
      { id: 'south', ...toward(180, d), parcelKg: 2 },
    ];
    const fromNorth = flaggedIds(makeMission({ depots: [{ id: 'd', x: 0, y: 0 }], orders, wind: { speedMps: 8, fromDeg: 0 } }));
    const fromSouth = flaggedIds(makeMission({ depots: [{ id: 'd', x: 0, y: 0 }], orders, wind: { speedMps: 8, fromDeg: 180 } }));
    // Exactly one of the two is out of reach, and turning the wind round swaps them.
    expect(fromNorth).toHaveLength(1);
    expect(fromSouth).toHaveLength(1);
    expect(fromSouth).not.toEqual(fromNorth);
    // The loaded outbound leg is the costly one: it pays to fly it downwind (wind from the north: southward).
    expect(fromNorth).toEqual(['north']);
    // And in still air both are served or both flagged (a symmetric ring).
    const stillIds = flaggedIds(makeMission({ depots: [{ id: 'd', x: 0, y: 0 }], orders }));
    expect(stillIds.length === 0 || stillIds.length === 2).toBe(true);
  });

  it('a depot without drones serves nobody; a parcel no model can lift is left to the loader\'s payload check', () => {
    const m = makeMission({
      depots: [
        { id: 'empty', x: 0, y: 0, count: 0 },
        { id: 'busy', x: 4 * r90, y: 0 },
      ],
      orders: [
        { id: 'next-to-empty', x: 100, y: 0, parcelKg: 1 },
        { id: 'too-heavy', x: 4 * r90 + 100, y: 0, parcelKg: M2.maxPayloadKg + 1 },
      ],
    });
    const flags = flagsOf(m);
    expect(flags.map((f) => f.ref.id)).toEqual(['next-to-empty']);
    expect(flags[0].reason).toContain('nearest depot busy');
  });

  it('says why when no depot can fly at all (wind over the model limit)', () => {
    const m = makeMission({
      depots: [{ id: 'd', x: 0, y: 0 }],
      orders: [{ id: 'o', x: 100, y: 0, parcelKg: 1 }],
      wind: { speedMps: M2.maxWindMps + 3, fromDeg: 90 },
    });
    const flags = flagsOf(m);
    expect(flags).toHaveLength(1);
    expect(flags[0].reason).toMatch(/no depot can fly/);
    expect(flags[0].reason).toMatch(/maxWindMps|wind/);
  });

  it('computes radii once per model and distinct parcel mass, whatever the number of orders and depots', () => {
    const depots = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}`, x: (i % 8) * 3000 - 10_000, y: Math.floor(i / 8) * 3000 - 6000 }));
    const masses = [0.5, 1, 1.5];
    const orders = Array.from({ length: 150 }, (_, i) => ({ id: `o${i}`, x: ((i * 977) % 30_000) - 15_000, y: ((i * 613) % 24_000) - 12_000, parcelKg: masses[i % 3] }));
    const m = makeMission({ depots, orders });
    const cache = new ReachRadiiCache();
    flagsOf(m, cache);
    expect(cache.computed).toBe(masses.length);
    flagsOf(m, cache);
    expect(cache.computed).toBe(masses.length);
    // Editing the model (a new object) recomputes; the old entries go with the old object.
    const edited = replaceDroneModel(m, 0, { ...m.droneModels[0], batteryWh: 400 });
    flagsOf(edited, cache);
    expect(cache.computed).toBe(2 * masses.length);
  });

  it('registers as the editor\'s "range" flag source', () => {
    const m = makeMission({ depots: [{ id: 'd', x: 0, y: 0 }], orders: [{ id: 'far', ...toward(90, 1.2 * r90), parcelKg: 2 }] });
    const unregister = registerRangeFlags();
    try {
      const source = useFlagSources.getState().sources[RANGE_FLAG_SOURCE];
      expect(source).toBeTypeOf('function');
      expect(source(m, frame).map((f) => f.ref.id)).toEqual(['far']);
    } finally {
      unregister();
    }
    expect(useFlagSources.getState().sources[RANGE_FLAG_SOURCE]).toBeUndefined();
  });
});

describe('drone model edits from the Physics tab', () => {
  const base = makeMission({ depots: [{ id: 'd1', x: 0, y: 0 }, { id: 'd2', x: 1000, y: 0 }], orders: [] });

  beforeEach(() => {
    useMissionStore.getState().setMission(base);
    clearHistory();
  });

  it('adds a preset under a free id, validated and undoable', () => {
    expect(uniqueModelId(base, 'm2-class')).toBe('m2-class-2');
    expect(uniqueModelId(base, 'p2-class')).toBe('p2-class');
    const added = addModelFromPreset(base, M2);
    expect(added.id).toBe('m2-class-2');
    expect(useMissionStore.getState().applyEdit(added.mission).ok).toBe(true);
    expect(useMissionStore.getState().mission.droneModels.map((m) => m.id)).toEqual(['m2-class', 'm2-class-2']);
    undo();
    expect(useMissionStore.getState().mission).toBe(base);
  });

  it('renaming a model moves the depots\' fleets with it; an edit the loader refuses is not written', () => {
    const renamed = replaceDroneModel(base, 0, { ...base.droneModels[0], id: 'my-m2' });
    expect(renamed.depots.every((d) => d.fleet[0].modelId === 'my-m2')).toBe(true);
    expect(useMissionStore.getState().applyEdit(renamed).ok).toBe(true);

    // Two models with one id: the loader's duplicate-id rule refuses the whole edit.
    const twoModels = addModelFromPreset(useMissionStore.getState().mission, PRESETS['p2-class']).mission;
    expect(useMissionStore.getState().applyEdit(twoModels).ok).toBe(true);
    const clash = replaceDroneModel(twoModels, 1, { ...twoModels.droneModels[1], id: 'my-m2' });
    const result = useMissionStore.getState().applyEdit(clash);
    expect(result.ok).toBe(false);
    expect(useMissionStore.getState().mission).toBe(twoModels);
  });

  it('the reach ring uses the depot\'s first fleet model with drones unless another is chosen', () => {
    const m = addModelFromPreset(base, PRESETS['p2-class']).mission;
    const depot = m.depots[0];
    expect(ringModelFor(m, depot, null)?.id).toBe('m2-class');
    expect(ringModelFor(m, depot, 'p2-class')?.id).toBe('p2-class');
    const withSpare = { ...depot, fleet: [{ modelId: 'p2-class', count: 0 }, ...depot.fleet] };
    expect(ringModelFor(m, withSpare, null)?.id).toBe('m2-class');
  });
});
