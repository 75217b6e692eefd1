/**
 * Terrain: a DEM generated here (a Gaussian ridge between a depot and a drop point) goes through the
 * real pipeline (GeoTIFF written with geotiff's writer, read back, resampled into the mission, loaded),
 * then legs, plans, the simulation and the QGroundControl export are checked against the ground.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { createEnergyCostModel } from '../../src/core/energy/costModel';
import { tripToQgcPlan } from '../../src/core/formats';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, parseMission } from '../../src/core/mission';
import { buildAirspace, planLeg, type FlightLeg } from '../../src/core/paths';
import { planMission } from '../../src/core/planner';
import { runSimulation } from '../../src/core/sim';
import {
  decodeRgbElevation,
  elevationAt,
  elevationRangeAlong,
  encodeHeights,
  missionTerrain,
  readGeoTiff,
  resampleForMission,
  tileAt,
  tileMosaicSampler,
  type TerrainGrid,
} from '../../src/core/terrain';

const tutorial = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
/** The tutorial's store and model, one drop 3 km east-north-east, nothing in the way but the ground. */
function baseMission(): Mission {
  const r = parseMission({
    ...tutorial,
    noFlyZones: [],
    buildings: [],
    orders: [{ id: 'o-1', position: [114.028, 22.556], parcelKg: 1, window: { earliest: 0, latest: 7200 }, drop: 'winch' }],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}
const flat = baseMission();
const frame = createFrame(flat.origin);
const drop = frame.toLocal(flat.orders[0].position as [number, number]);

/** Ground AMSL: 40 m plain, a 150 m Gaussian ridge across the depot-drop line at its middle. */
function ridge(lng: number, lat: number, o: { heightM?: number; widthM?: number; at?: number; angleDeg?: number } = {}): number {
  const p = frame.toLocal([lng, lat]);
  const cx = drop.x * (o.at ?? 0.5);
  const cy = drop.y * (o.at ?? 0.5);
  // Distance across the ridge line (the ridge runs perpendicular to the leg, turned by angleDeg).
  const legAngle = Math.atan2(drop.y, drop.x) + ((o.angleDeg ?? 0) * Math.PI) / 180;
  const across = (p.x - cx) * Math.cos(legAngle) + (p.y - cy) * Math.sin(legAngle);
  const w = o.widthM ?? 300;
  return 40 + (o.heightM ?? 150) * Math.exp(-(across * across) / (2 * w * w));
}

/** A GeoTIFF (Float32, EPSG:4326, pixel-is-area) of the ridge over the mission area. */
function ridgeGeoTiff(): ArrayBuffer {
  const west = 113.97;
  const north = 22.59;
  const res = 0.0002; // about 20 m
  const width = 400;
  const height = 300;
  const values = new Float32Array(width * height);
  for (let j = 0; j < height; j++)
    for (let i = 0; i < width; i++) values[j * width + i] = ridge(west + (i + 0.5) * res, north - (j + 0.5) * res);
  return writeArrayBuffer(values, {
    width,
    height,
    ModelPixelScale: [res, res, 0],
    ModelTiepoint: [0, 0, 0, west, north, 0],
    GTModelTypeGeoKey: 2,
    GeographicTypeGeoKey: 4326,
    SampleFormat: [3],
    BitsPerSample: [32],
  });
}

async function missionWithRidge(): Promise<Mission> {
  const tif = await readGeoTiff(ridgeGeoTiff());
  if (!tif.ok) throw new Error(tif.message);
  const r = resampleForMission(flat, tif.sample, { spacingM: 25, marginM: 1000 });
  if (!r.ok) throw new Error(r.message);
  const loaded = parseMission({ ...flat, terrain: r.terrain });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.mission;
}

function legOver(mission: Mission, altitudeM = 60): FlightLeg {
  const cost = createEnergyCostModel(mission.droneModels[0], { payloadKg: 1, wind: mission.wind, airDensityKgM3: mission.settings.airDensityKgM3 });
  const leg = planLeg(buildAirspace(mission), { from: { x: 0, y: 0 }, to: drop, altitudeM, departS: 0, cost, drop: { method: 'winch', seconds: 45 } });
  if (!leg.ok) throw new Error(leg.message);
  return leg;
}

/** The least height above the ground over every cruise segment, sampled every metre. */
function leastCruiseClearance(mission: Mission, leg: FlightLeg): number {
  const t = missionTerrain(mission)!;
  let least = Infinity;
  for (const s of leg.segments) {
    if (s.kind !== 'cruise') continue;
    const n = Math.max(1, Math.ceil(Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y)));
    for (let k = 0; k <= n; k++) {
      const f = k / n;
      const z = s.from.altM + f * (s.to.altM - s.from.altM);
      least = Math.min(least, z - t.groundZ(s.from.x + f * (s.to.x - s.from.x), s.from.y + f * (s.to.y - s.from.y)));
    }
  }
  return least;
}

describe('the terrain grid', () => {
  const g: TerrainGrid = { westM: -100, southM: -50, spacingM: 10, cols: 4, rows: 3, heights: Float32Array.from([0, 10, 20, 5, 3, 40, 7, 1, 9, 2, 30, 8]) };
  it('samples bilinearly, and the range along a segment is exact (never below a dense sampling, equal to it within what the sampling step can miss)', () => {
    expect(elevationAt(g, -100, -50)).toBe(0);
    expect(elevationAt(g, -95, -50)).toBe(5);
    expect(elevationAt(g, -90, -40)).toBe(40);
    fc.assert(
      fc.property(fc.double({ min: -130, max: -40, noNaN: true }), fc.double({ min: -80, max: 0, noNaN: true }), fc.double({ min: -130, max: -40, noNaN: true }), fc.double({ min: -80, max: 0, noNaN: true }), (ax, ay, bx, by) => {
        const r = elevationRangeAlong(g, { x: ax, y: ay }, { x: bx, y: by });
        let lo = Infinity;
        let hi = -Infinity;
        for (let k = 0; k <= 20_000; k++) {
          const e = elevationAt(g, ax + (k / 20_000) * (bx - ax), ay + (k / 20_000) * (by - ay));
          lo = Math.min(lo, e);
          hi = Math.max(hi, e);
        }
        expect(r.maxM).toBeGreaterThanOrEqual(hi - 1e-9);
        expect(r.minM).toBeLessThanOrEqual(lo + 1e-9);
        expect(r.maxM - hi).toBeLessThan(0.02);
        expect(lo - r.minM).toBeLessThan(0.02);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('refuses a bad terrain field naming it', () => {
    const t = { westM: 0, southM: 0, spacingM: 10, cols: 2, rows: 2 };
    const short = parseMission({ ...flat, terrain: { ...t, heightsF32: encodeHeights([1, 2, 3]) } });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.errors.map((e) => `${e.path}: ${e.message}`)).toContain('terrain.heightsF32: holds 3 samples; cols x rows needs 4');
    const nan = parseMission({ ...flat, terrain: { ...t, heightsF32: encodeHeights([1, Number.NaN, 3, 4]) } });
    expect(nan.ok).toBe(false);
    if (!nan.ok) expect(nan.errors[0].path).toBe('terrain.heightsF32');
  });
});

describe('a leg over a generated ridge (GeoTIFF -> mission -> path)', async () => {
  const mission = await missionWithRidge();
  const leg = legOver(mission);
  const t = missionTerrain(mission)!;

  it('imports the GeoTIFF: the ground under the drop point and the ridge top are the generated ones', () => {
    expect(t.datumM).toBeCloseTo(ridge(...(flat.origin as [number, number])), 0);
    const top = frame.toLngLat({ x: drop.x / 2, y: drop.y / 2 });
    expect(t.groundZ(drop.x / 2, drop.y / 2) + t.datumM).toBeCloseTo(ridge(top[0], top[1]), 0);
  });

  it('climbs over the ridge keeping the layer (60 m, above the 20 m clearance) above the ground, and comes down after it', () => {
    expect(leastCruiseClearance(mission, leg)).toBeGreaterThanOrEqual(60 - 1e-6);
    const cruise = leg.segments.filter((s) => s.kind === 'cruise');
    const highest = Math.max(...cruise.map((s) => s.to.altM));
    expect(highest).toBeGreaterThan(t.groundZ(drop.x / 2, drop.y / 2) + 60 - 1);
    expect(cruise[cruise.length - 1].to.altM).toBeLessThan(highest - 100);
    // Take-off from the depot's ground, the drop at 10 m above the drop point's ground.
    expect(leg.waypoints[0].altM).toBeCloseTo(t.groundZ(0, 0), 9);
    expect(leg.waypoints[leg.waypoints.length - 1].altM).toBeCloseTo(t.groundZ(drop.x, drop.y) + 10, 9);
  });

  it('costs more energy than the same leg on flat ground, by at least the climb and descent over the ridge', () => {
    const flatLeg = legOver(flat);
    expect(leg.horizontalLengthM).toBeCloseTo(flatLeg.horizontalLengthM, 6);
    const cost = createEnergyCostModel(mission.droneModels[0], { payloadKg: 1, wind: mission.wind, airDensityKgM3: mission.settings.airDensityKgM3 });
    expect(leg.energyWh).toBeGreaterThan(flatLeg.energyWh + cost.vertical(100).energyWh);
  });

  it('property: over seeded random ridges, drops and layers, every cruise point keeps at least its layer above the ground', () => {
    fc.assert(
      fc.property(
        fc.record({
          heightM: fc.double({ min: 20, max: 400, noNaN: true }),
          widthM: fc.double({ min: 40, max: 900, noNaN: true }),
          at: fc.double({ min: 0.1, max: 0.9, noNaN: true }),
          angleDeg: fc.double({ min: -60, max: 60, noNaN: true }),
          layer: fc.constantFrom(60, 75, 90, 105),
          spacingM: fc.constantFrom(20, 35, 50),
        }),
        (o) => {
          const r = resampleForMission(flat, (lng, lat) => ridge(lng, lat, o), { spacingM: o.spacingM, marginM: 800 });
          if (!r.ok) throw new Error(r.message);
          const m = parseMission({ ...flat, terrain: r.terrain });
          if (!m.ok) throw new Error('invalid');
          const l = legOver(m.mission, o.layer);
          expect(leastCruiseClearance(m.mission, l)).toBeGreaterThanOrEqual(o.layer - 1e-6);
          expect(o.layer).toBeGreaterThanOrEqual(m.mission.settings.clearanceM);
        },
      ),
      { seed: 19, numRuns: 12 },
    );
  });

  it('a plan over it flies in the simulator: delivered, on the ground at the start and end, never below the ground', () => {
    const { plan } = planMission(mission, { iterations: 200, seed: 1 });
    expect(plan.kpis.assigned).toBe(1);
    const trace = runSimulation(mission, plan, { seed: 1, weather: { speedErrorMps: 0, directionErrorDeg: 0, gustScale: 0 } });
    expect(trace.kpis.emergencyLandings).toBe(0);
    expect(trace.orders.find((o) => o.orderId === 'o-1')?.status).toBe('delivered');
    const planned = plan.orders.find((o) => o.orderId === 'o-1');
    const flown = trace.orders.find((o) => o.orderId === 'o-1');
    expect(planned?.status === 'assigned' && Math.abs(flown!.deliverS! - planned.deliverS)).toBeLessThan(0.01);
    const d = trace.drones.find((x) => x.tS.length > 1)!;
    for (let k = 0; k < d.tS.length; k++) {
      const p = frame.toLocal([d.lng[k], d.lat[k]]);
      expect(d.altM[k]).toBeGreaterThanOrEqual(t.groundZ(p.x, p.y) - 0.05);
    }
    expect(d.altM[d.altM.length - 1]).toBeCloseTo(t.groundZ(0, 0), 1);
  });

  it('QGroundControl export: AMSL altitudes = home ground AMSL + relative ones, and every waypoint clears the ground by the layer', () => {
    const { plan } = planMission(mission, { iterations: 200, seed: 1 });
    const dp = plan.drones.find((x) => x.trips.length > 0)!;
    const trip = dp.trips[0];
    const rel = tripToQgcPlan(mission, dp, trip, { altitudeFrame: 'relative' });
    const abs = tripToQgcPlan(mission, dp, trip, { altitudeFrame: 'amsl', groundAmslM: 999 });
    if (!rel.ok || !abs.ok) throw new Error('export failed');
    const relFile = JSON.parse(JSON.stringify(rel.value));
    const absFile = JSON.parse(JSON.stringify(abs.value));
    const home = mission.depots[0].position;
    const homeAmsl = ridge(home[0], home[1]);
    // Home is the depot's ground from the terrain (the --ground-amsl value is ignored with terrain).
    expect(absFile.mission.plannedHomePosition[2]).toBeCloseTo(homeAmsl, 0);
    expect(absFile.mission.globalPlanAltitudeMode).toBe(2);
    expect(relFile.mission.globalPlanAltitudeMode).toBe(1);
    let waypoints = 0;
    relFile.mission.items.forEach((item: { command: number; frame: number; params: number[] }, i: number) => {
      const a = absFile.mission.items[i];
      expect(a.command).toBe(item.command);
      if (item.frame === 2) return;
      expect(item.frame).toBe(3);
      expect(a.frame).toBe(0);
      expect(a.params[6]).toBeCloseTo(item.params[6] + absFile.mission.plannedHomePosition[2], 6);
      if (item.command !== 16) return;
      waypoints++;
      // A cruise waypoint (not over the depot or the drop point) is at least the layer above the ground under it.
      const ground = ridge(item.params[5], item.params[4]);
      const p = frame.toLocal([item.params[5], item.params[4]]);
      const overEnd = Math.hypot(p.x, p.y) < 1 || Math.hypot(p.x - drop.x, p.y - drop.y) < 1;
      if (!overEnd) expect(a.params[6] - ground).toBeGreaterThan(trip.legs[0].cruiseAltitudeM - 0.5);
    });
    expect(waypoints).toBeGreaterThan(3);
    // The take-off goes to the top of the planned climb, above home.
    const takeoff = relFile.mission.items.find((x: { command: number }) => x.command === 22);
    const firstLeg = trip.legs[0];
    expect(takeoff.params[6]).toBeCloseTo(firstLeg.waypoints[1][2] - (homeAmsl - missionTerrain(mission)!.datumM), 1);
  });
});

describe('Terrarium and Mapbox-RGB tiles', () => {
  it('decode to the encoded elevations, and a mosaic samples across tile edges', () => {
    const terrarium = (h: number) => {
      const v = h + 32768;
      return [Math.floor(v / 256), Math.floor(v) % 256, Math.round((v - Math.floor(v)) * 256), 255];
    };
    const mapbox = (h: number) => {
      const v = Math.round((h + 10000) * 10);
      return [Math.floor(v / 65536), Math.floor(v / 256) % 256, v % 256];
    };
    expect(Array.from(decodeRgbElevation(Uint8Array.from([...terrarium(123.5), ...terrarium(-20)]), 4, 'terrarium'))).toEqual([123.5, -20]);
    const mb = decodeRgbElevation(Uint8Array.from([...mapbox(812.3), ...mapbox(0)]), 3, 'mapbox');
    expect(mb[0]).toBeCloseTo(812.3, 4);
    expect(mb[1]).toBeCloseTo(0, 4);

    // Two neighbouring z14 tiles of 4 px: a west-east ramp of 1 m per pixel across both.
    const z = 14;
    const { x, y } = tileAt(114, 22.55, z);
    const tile = (tx: number) => ({ z, x: tx, y, size: 4, heights: Float32Array.from({ length: 16 }, (_, k) => (tx - x) * 4 + (k % 4)) });
    const sample = tileMosaicSampler([tile(x), tile(x + 1)]);
    const lngOf = (px: number) => ((x * 4 + px) / (4 * 2 ** z)) * 360 - 180;
    const lat = 22.55;
    expect(sample(lngOf(3.5), lat)).toBeCloseTo(3, 6);
    expect(sample(lngOf(4.0), lat)).toBeCloseTo(3.5, 6);
    expect(sample(lngOf(4.5), lat)).toBeCloseTo(4, 6);
    expect(sample(lngOf(8.2), lat)).toBeUndefined();
  });
});
