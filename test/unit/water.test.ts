/**
 * Water in the map context (src/core/context): the index against turf on the shipped polygons, the
 * loader's "on water" check, the bundled missions on land (the acceptance check of issue 19, point 5)
 * and the generators never drawing a store or drop in the water.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon, lineString, point, pointToLineDistance, polygon as turfPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { SHORE_MARGIN_M, buildWaterIndex, missionWater, waterFromGeoJson } from '../../src/core/context';
import { generateDemandOrders } from '../../src/core/dispatch/demand';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, formatProblem, parseMission, parseMissionText } from '../../src/core/mission';
import { createRng } from '../../src/core/random';
import { generateDay } from '../../src/core/scenario/generateDay';
import { siteChecker } from '../../src/core/scenario/sites';
import { flagsFromChecks } from '../../src/state/flags';
import { moveItem } from '../../src/state/missionEdits';
import { loadBundledDefault, useMissionStore } from '../../src/state/missionStore';
import { cli } from './cliHarness';

const SEA_FILE = 'missions/context/shenzhen-sea.geojson';
const seaDoc = JSON.parse(readFileSync(SEA_FILE, 'utf8'));
const seaRead = waterFromGeoJson(seaDoc);
if (!seaRead.ok) throw new Error(seaRead.message);
const sea = seaRead.water;
const seaIndex = buildWaterIndex(sea);
const [west, south, east, north] = seaDoc.bbox as number[];
/** The independent answer: turf over the raw polygons, no index. */
const turfWater = (p: [number, number]) => sea.some((poly) => booleanPointInPolygon(point(p), turfPolygon(poly.coordinates)));

function load(path: string): Mission {
  const r = parseMissionText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${r.errors.map(formatProblem).join('; ')}`);
  return r.mission;
}

describe('the shipped sea (missions/context/shenzhen-sea.geojson)', () => {
  it('is small, carries its ODbL attribution, and covers the bundled missions', () => {
    expect(readFileSync(SEA_FILE).length).toBeLessThan(100_000);
    const props = seaDoc.features[0].properties;
    expect(props.license).toBe('ODbL-1.0');
    expect(props.attribution).toMatch(/OpenStreetMap contributors/);
    expect(readFileSync('missions/context/ATTRIBUTION.md', 'utf8')).toMatch(/ODbL/);
    expect(seaIndex.corners).toBeGreaterThan(300);
  });

  it.each([
    ['the Pearl River Estuary west of Shekou', [113.78, 22.45], true],
    ['Deep Bay (Shenzhen Bay), where o-016 stood', [113.942923, 22.454524], true],
    ['the middle of Shenzhen Bay', [113.96, 22.48], true],
    ['Mirs Bay (Dapeng Bay)', [114.33, 22.52], true],
    ['Futian CBD', [114.055, 22.54], false],
    ['Longgang', [114.247, 22.72], false],
    ['Nanshan, north of Shenzhen Bay', [113.93, 22.5], false],
  ] as [string, [number, number], boolean][])('%s: water %s (the index and turf agree)', (_, p, wet) => {
    expect(turfWater(p)).toBe(wet);
    expect(seaIndex.isWater(p)).toBe(wet);
  });

  it('agrees with turf at 2,000 seeded points over the whole box', () => {
    const rng = createRng(19);
    let wet = 0;
    for (let i = 0; i < 2000; i++) {
      const p: [number, number] = [west + rng.next() * (east - west), south + rng.next() * (north - south)];
      const expected = turfWater(p);
      if (seaIndex.isWater(p) !== expected) throw new Error(`disagrees with turf at [${p}]: turf says ${expected}`);
      if (expected) wet++;
    }
    // Both kinds were tried.
    expect(wet).toBeGreaterThan(200);
    expect(wet).toBeLessThan(1800);
  });

  it('measures the distance to the shore as turf does (the box cut is no shore)', () => {
    // Shore edges: every ring edge that does not lie on the box.
    const onBox = (a: number[], b: number[]) =>
      (a[0] === b[0] && (a[0] === west || a[0] === east)) || (a[1] === b[1] && (a[1] === south || a[1] === north));
    const shore = sea.flatMap((poly) =>
      poly.coordinates.flatMap((ring) => ring.slice(1).flatMap((b, i) => (onBox(ring[i], b) ? [] : [lineString([ring[i], b])]))),
    );
    const rng = createRng(7);
    for (let i = 0; i < 60; i++) {
      const p: [number, number] = [113.8 + rng.next() * 0.45, 22.43 + rng.next() * 0.3];
      const expected = Math.min(...shore.map((l) => pointToLineDistance(point(p), l, { units: 'meters' })));
      expect(Math.abs(seaIndex.distanceToShoreM(p) - expected)).toBeLessThan(Math.max(0.5, expected * 1e-3));
    }
    // Within a limit, or Infinity beyond it.
    const o016: [number, number] = [113.942923, 22.454524];
    expect(seaIndex.distanceToShoreM(o016)).toBeCloseTo(1407, -1);
    expect(seaIndex.distanceToShoreM(o016, 500)).toBe(Number.POSITIVE_INFINITY);
    expect(seaIndex.distanceToShoreM(o016, 2000)).toBeCloseTo(1407, -1);
  });
});

describe('buildWaterIndex', () => {
  // Squares in degrees near the equator: 0.01 deg ~ 1.1 km.
  const square = (x: number, y: number, s: number, clockwise = false): [number, number][] => {
    const r: [number, number][] = [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    return clockwise ? r.reverse() : r;
  };

  it('takes overlapping polygons as water once, an island as land, either ring orientation', () => {
    const w = buildWaterIndex(
      [
        { coordinates: [square(0, 0, 0.04, true), square(0.01, 0.01, 0.01)] },
        { coordinates: [square(0.03, 0.03, 0.04)] },
      ],
      100,
    );
    expect(w.isWater([0.005, 0.005])).toBe(true);
    expect(w.isWater([0.015, 0.015])).toBe(false); // the island
    expect(w.isWater([0.035, 0.035])).toBe(true); // both polygons
    expect(w.isWater([0.06, 0.06])).toBe(true);
    expect(w.isWater([0.06, 0.01])).toBe(false);
    expect(w.isWater([-0.001, 0.02])).toBe(false);
    // On the island, 0.005 deg from its shore (~553 m).
    expect(w.distanceToShoreM([0.015, 0.015])).toBeCloseTo(556, -1);
  });

  it('answers the same as turf for points on grid lines and corners too', () => {
    const polygons = [{ coordinates: [[[0, 0], [0.05, 0.001], [0.03, 0.04], [0.001, 0.03], [0, 0]] as [number, number][]] }];
    const w = buildWaterIndex(polygons, 50);
    const rng = createRng(3);
    for (let i = 0; i < 3000; i++) {
      // Round to a coarse lattice so that many points share a grid line or a vertex's latitude.
      const p: [number, number] = [Math.round(rng.next() * 60) / 1000 - 0.005, Math.round(rng.next() * 50) / 1000 - 0.005];
      const onEdge = pointToLineDistance(point(p), lineString(polygons[0].coordinates[0]), { units: 'meters' }) < 0.01;
      if (onEdge) continue;
      expect(w.isWater(p)).toBe(booleanPointInPolygon(point(p), turfPolygon(polygons[0].coordinates)));
    }
  });

  it('knows no water without polygons', () => {
    const w = buildWaterIndex([]);
    expect(w.isWater([114, 22.5])).toBe(false);
    expect(w.distanceToShoreM([114, 22.5])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('validate: a store or drop on water', () => {
  const base = load('missions/shenzhen-40-stores.json');

  it('checks a drop point and a depot moved into the sea, naming them and the distance to the shore', () => {
    const i = base.orders.findIndex((o) => o.id === 'o-016');
    const j = base.depots.findIndex((d) => d.id === 'store-25');
    const wet = structuredClone(base);
    wet.orders[i].position = [113.942923, 22.454524];
    wet.depots[j].position = [113.958, 22.513];
    const r = parseMission(wet);
    if (!r.ok) throw new Error('refused');
    expect(r.checks.map(formatProblem)).toEqual([
      `orders[${i}].position: drop point o-016 is on water in the map context, 1407 m from the shore`,
      `depots[${j}].position: depot "Shenzhen Bay" (store-25) is on water in the map context, 866 m from the shore`,
    ]);
    for (const c of r.checks) expect(c.severity).toBe('check');
  });

  it('does not check water a mission does not know', () => {
    const dry = structuredClone(base);
    dry.context = undefined;
    dry.orders[0].position = [113.942923, 22.454524];
    const r = parseMission(dry);
    expect(r.ok && r.checks).toEqual([]);
  });

  it('skyhaul validate exits 1 on it, and --context adds a water file to a mission without one', async () => {
    const dir = tmpdir();
    const wet = structuredClone(base);
    wet.orders[3].position = [113.96, 22.48];
    const wetPath = join(dir, `skyhaul-wet-${process.pid}.json`);
    writeFileSync(wetPath, JSON.stringify(wet));
    const r = await cli('validate', wetPath);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^check order o-004: position: drop point o-004 is on water in the map context, \d+ m from the shore \(at orders\[3\]\.position\)$/m);

    const tutorial = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
    tutorial.orders[0].position = [113.96, 22.5];
    const tutPath = join(dir, `skyhaul-wet-tutorial-${process.pid}.json`);
    writeFileSync(tutPath, JSON.stringify(tutorial));
    expect(await cli('validate', tutPath)).toMatchObject({ code: 0, out: 'ok\n' });
    const withSea = await cli('validate', tutPath, '--context', SEA_FILE);
    expect(withSea.code).toBe(1);
    expect(withSea.out).toMatch(/^check order order-1: position: drop point order-1 is on water in the map context.* \(at orders\[0\]\.position\)$/m);
    expect(await cli('validate', 'missions/tutorial.json', '--context', SEA_FILE)).toMatchObject({ code: 0, out: 'ok\n' });
  });
});

describe('the app', () => {
  it('flags a drop point of the default mission dragged into the sea, and clears it when it is back on land', () => {
    const m = loadBundledDefault();
    useMissionStore.getState().setMission(m);
    expect(useMissionStore.getState().checks).toEqual([]);
    const home = m.orders[0].position;
    expect(useMissionStore.getState().applyEdit(moveItem(m, { kind: 'order', id: 'o-001' }, [113.96, 22.48])).ok).toBe(true);
    const { mission, checks } = useMissionStore.getState();
    expect(checks.map(formatProblem)).toEqual([expect.stringMatching(/^orders\[0\]\.position: drop point o-001 is on water in the map context, \d+ m from the shore$/)]);
    expect(flagsFromChecks(mission, checks).map((f) => f.ref)).toEqual([{ kind: 'order', id: 'o-001' }]);
    expect(useMissionStore.getState().applyEdit(moveItem(mission, { kind: 'order', id: 'o-001' }, home)).ok).toBe(true);
    expect(useMissionStore.getState().checks).toEqual([]);
  });
});

describe('the bundled missions stand on land', () => {
  const files = readdirSync('missions').filter((f) => f.endsWith('.json'));

  it.each(files)('%s: every store and drop point is on land, clear of the shore', (f) => {
    const m = load(`missions/${f}`);
    const wet: string[] = [];
    for (const [kind, items] of [
      ['store', m.depots],
      ['order', m.orders],
    ] as const) {
      for (const x of items) {
        const shoreM = seaIndex.distanceToShoreM(x.position);
        if (turfWater(x.position) || seaIndex.isWater(x.position)) wet.push(`${x.id} in the water`);
        // Clear of the shore by the generators' margin: a coastline is known to some metres only.
        else if (shoreM < SHORE_MARGIN_M[kind]) wet.push(`${x.id} only ${Math.round(shoreM)} m from the shore`);
      }
    }
    expect(wet).toEqual([]);
    // validate: ok.
    const r = parseMission(m);
    expect(r.ok && r.checks.map(formatProblem)).toEqual([]);
  });

  it.each(files.filter((f) => f.startsWith('shenzhen')))('%s carries the shipped sea in its map context, with the attribution', (f) => {
    const m = load(`missions/${f}`);
    expect(m.context?.water).toEqual(sea);
    expect(m.context?.attribution).toBe(seaDoc.features[0].properties.attribution);
    expect(missionWater(m)).toBeDefined();
  });
});

describe('generators never put a store or drop in the water', () => {
  const base = load('missions/shenzhen-two-hour.json');
  const water = missionWater(base);
  if (!water) throw new Error('the default mission knows no water');

  it('generateDay: added stores and all drops on land, clear of the shore', () => {
    const day = generateDay({ stores: 40, dronesPerStore: 1, orders: 1500, hours: 10, seed: 3 }, base);
    for (const d of day.depots.slice(base.depots.length)) {
      expect(water.isWater(d.position)).toBe(false);
      expect(water.distanceToShoreM(d.position)).toBeGreaterThanOrEqual(SHORE_MARGIN_M.store);
    }
    for (const o of day.orders) {
      expect(turfWater(o.position)).toBe(false);
      expect(water.distanceToShoreM(o.position)).toBeGreaterThanOrEqual(SHORE_MARGIN_M.order);
    }
  });

  it('would draw in the water without the map context (so the tests above test something)', () => {
    const day = generateDay({ stores: 20, dronesPerStore: 1, orders: 500, hours: 10, seed: 3 }, { ...base, context: undefined });
    expect(day.orders.filter((o) => turfWater(o.position)).length).toBeGreaterThan(10);
  });

  it('the demand model: drops on land around the coastal stores', () => {
    const busy = load('missions/shenzhen-busy-day.json');
    const orders = generateDemandOrders({ ...busy, orders: [] }, 12345);
    expect(orders.length).toBeGreaterThan(1000);
    for (const o of orders) {
      expect(turfWater(o.position)).toBe(false);
      expect(water.distanceToShoreM(o.position)).toBeGreaterThanOrEqual(SHORE_MARGIN_M.order);
    }
  });

  it('the site check refuses the sea and the shore, and takes land', () => {
    const frame = createFrame(base.origin);
    const site = siteChecker(base, frame);
    const at = (p: [number, number]) => frame.toLocal(p);
    expect(site(at([113.96, 22.48]), [113.96, 22.48], 'order')).toBe(false);
    // Houhai, on land about 30 m from the shore of Shenzhen Bay: too close for a drop or a store.
    const nearShore = findNearShore(base, 30);
    expect(site(at(nearShore), nearShore, 'order')).toBe(false);
    expect(site(at([114.0, 22.6]), [114.0, 22.6], 'order')).toBe(true);
  });
});

/** A land point about `m` metres from the shore of the default mission's sea (searched on a line). */
function findNearShore(base: Mission, m: number): [number, number] {
  const water = missionWater(base);
  if (!water) throw new Error('no water');
  // North from the middle of Shenzhen Bay to the Nanshan shore.
  for (let lat = 22.48; lat < 22.56; lat += 0.00001) {
    const p: [number, number] = [113.96, Math.round(lat * 1e5) / 1e5];
    if (!water.isWater(p) && water.distanceToShoreM(p) >= m) return p;
  }
  throw new Error('no shore found');
}
