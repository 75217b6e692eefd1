/**
 * GeoJSON export checked by an RFC 7946 validity check written here (closed rings, right-hand winding,
 * [lng, lat] order, positions of at most 3 numbers), compared with the mission and plan; and the import
 * of GeoJSON polygons as zones or buildings, with bad-input refusals.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles, importGeoJson, importGeoJsonText, mergeMissionPatch } from '../../src/core/formats';
import type { Mission } from '../../src/core/mission';
import { fixtureMission, standardPlan } from './formatsFixture';
import { metresBetween } from '../haversine';

type Pos = number[];

/** Problems with a GeoJSON document under RFC 7946; empty when valid. */
function rfc7946Problems(doc: unknown): string[] {
  const out: string[] = [];
  const d = doc as { type?: string; features?: unknown[] };
  if (d.type !== 'FeatureCollection' || !Array.isArray(d.features)) return ['not a FeatureCollection'];
  const position = (p: unknown, where: string) => {
    if (!Array.isArray(p) || p.length < 2 || p.length > 3 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      out.push(`${where}: a position is 2 or 3 numbers`);
      return;
    }
    if (p[0] < -180 || p[0] > 180) out.push(`${where}: longitude out of range`);
    if (p[1] < -90 || p[1] > 90) out.push(`${where}: latitude out of range`);
  };
  // Shoelace on lng/lat: positive for counter-clockwise.
  const area = (ring: Pos[]) => ring.slice(0, -1).reduce((a, p, i) => a + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0) / 2;
  d.features.forEach((f, i) => {
    const feat = f as { type?: string; geometry?: { type: string; coordinates: unknown }; properties?: unknown };
    const where = `features[${i}]`;
    if (feat.type !== 'Feature') out.push(`${where}: type must be Feature`);
    if (typeof feat.properties !== 'object') out.push(`${where}: properties must be an object or null`);
    const g = feat.geometry;
    if (!g) return out.push(`${where}: no geometry`);
    if (g.type === 'Point') position(g.coordinates, where);
    else if (g.type === 'LineString') {
      const c = g.coordinates as Pos[];
      if (!Array.isArray(c) || c.length < 2) out.push(`${where}: a LineString needs 2 positions`);
      else c.forEach((p, j) => position(p, `${where}[${j}]`));
    } else if (g.type === 'Polygon') {
      (g.coordinates as Pos[][]).forEach((ring, r) => {
        ring.forEach((p, j) => position(p, `${where}.ring${r}[${j}]`));
        if (ring.length < 4) out.push(`${where}.ring${r}: fewer than 4 positions`);
        const a = ring[0];
        const b = ring[ring.length - 1];
        if (a[0] !== b[0] || a[1] !== b[1]) out.push(`${where}.ring${r}: not closed`);
        const ccw = area(ring) > 0;
        if (r === 0 && !ccw) out.push(`${where}: outer ring is not counter-clockwise`);
        if (r > 0 && ccw) out.push(`${where}: hole ${r} is not clockwise`);
      });
    } else out.push(`${where}: unexpected geometry ${g.type}`);
  });
  return out;
}

/** Great-circle distance in metres: an independent ruler. */
const haversineM = metresBetween;

function exportGeoJson(mission: Mission, withPlan = true) {
  const r = exportFiles('geojson', { mission, plan: withPlan ? standardPlan(mission) : undefined });
  if (!r.ok) throw new Error(r.message);
  expect(r.files).toHaveLength(1);
  expect(r.files[0].name).toMatch(/\.geojson$/);
  return JSON.parse(r.files[0].text) as { type: string; features: { geometry: { type: string; coordinates: any }; properties: Record<string, any> }[] };
}

describe('GeoJSON export', () => {
  const mission = fixtureMission();
  const plan = standardPlan(mission);
  const doc = exportGeoJson(mission);
  const byKind = (kind: string) => doc.features.filter((f) => f.properties.kind === kind);

  it('is valid RFC 7946 (closed rings, right-hand rule, [lng, lat] positions)', () => {
    expect(rfc7946Problems(doc)).toEqual([]);
  });

  it('has every depot and drop point at its [lng, lat]', () => {
    const depots = byKind('depot');
    expect(depots.map((f) => f.properties.id)).toEqual(mission.depots.map((d) => d.id));
    depots.forEach((f, i) => expect(f.geometry.coordinates).toEqual([...mission.depots[i].position]));
    const drops = byKind('drop-point');
    expect(drops).toHaveLength(mission.orders.length);
    drops.forEach((f, i) => {
      expect(f.geometry.coordinates).toEqual([...mission.orders[i].position]);
      expect(f.properties.drop).toBe(mission.orders[i].drop);
    });
  });

  it('draws zones (circles as polygons on the circle) with floor, ceiling and the original vertices', () => {
    const zones = byKind('no-fly-zone');
    expect(zones).toHaveLength(mission.noFlyZones.length);
    for (const z of mission.noFlyZones) {
      const f = zones.find((x) => x.properties.id === z.id)!;
      expect(f.properties.floorM).toBe(z.floorM ?? 0);
      expect(f.properties.ceilingM).toBe(z.ceilingM ?? null);
      if (z.shape.type === 'Circle') {
        const center = z.shape.center;
        const ring = f.geometry.coordinates[0] as Pos[];
        expect(ring.length).toBeGreaterThanOrEqual(33);
        // Every vertex lies on the circle (within 0.1 m; the two rulers differ by the earth radius used).
        for (const p of ring) expect(Math.abs(haversineM(p, [...center]) - z.shape.radiusM)).toBeLessThan(0.1);
      } else {
        // Same vertices as the mission, possibly rewound.
        const key = (ring: Pos[]) => ring.slice(0, -1).map((p) => p.join(',')).sort();
        z.shape.coordinates.forEach((ring, r) => expect(key(f.geometry.coordinates[r])).toEqual(key(ring as Pos[])));
      }
    }
    // The fixture's stadium zone was wound the wrong way round and has a hole: both were fixed above.
    expect(zones.find((x) => x.properties.id === 'nfz-ring')!.geometry.coordinates).toHaveLength(2);
  });

  it('gives buildings their height', () => {
    const b = byKind('building');
    expect(b.map((f) => [f.properties.id, f.properties.heightM, f.properties.height])).toEqual(
      mission.buildings.map((x) => [x.id, x.heightM, x.heightM]),
    );
  });

  it('has one route per trip with the altitude as third coordinate and the times, matching the plan', () => {
    const routes = byKind('route');
    const trips = plan.drones.flatMap((d) => d.trips.map((t) => ({ d, t })));
    expect(routes).toHaveLength(trips.length);
    for (const { d, t } of trips) {
      const f = routes.find((r) => r.properties.droneId === d.droneId && r.properties.tripId === t.tripId)!;
      expect(f.geometry.type).toBe('LineString');
      const wps = t.legs.flatMap((l) => l.waypoints);
      // Legs share their junction point; the route keeps it once.
      const expected = wps.filter((w, i) => i === 0 || w.some((v, k) => v !== wps[i - 1][k]));
      const coords = f.geometry.coordinates as Pos[];
      expect(coords).toHaveLength(expected.length);
      coords.forEach((c, i) => {
        expect(c).toHaveLength(3);
        expect(Math.abs(c[0] - expected[i][0])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[1] - expected[i][1])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[2] - expected[i][2])).toBeLessThanOrEqual(0.1);
        expect(Math.abs(f.properties.timesS[i] - expected[i][3])).toBeLessThanOrEqual(0.001);
      });
      expect(Math.abs(Date.parse(f.properties.departTime) - (Date.parse(mission.startTime) + t.departS * 1000))).toBeLessThanOrEqual(1);
      expect(Math.abs(Date.parse(f.properties.landTime) - (Date.parse(mission.startTime) + t.landS * 1000))).toBeLessThanOrEqual(1);
    }
  });

  it('is still valid without a plan (no routes)', () => {
    const d = exportGeoJson(mission, false);
    expect(rfc7946Problems(d)).toEqual([]);
    expect(d.features.some((f) => f.properties.kind === 'route')).toBe(false);
  });
});

describe('GeoJSON import', () => {
  const mission = fixtureMission();

  it('round trip: exported zones and buildings come back by kind, circles as circles', () => {
    const doc = exportGeoJson(mission);
    const r = importGeoJson(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.patch.noFlyZones.map((z) => z.id)).toEqual(mission.noFlyZones.map((z) => z.id));
    for (const z of mission.noFlyZones) {
      const back = r.patch.noFlyZones.find((x) => x.id === z.id)!;
      expect(back.name).toBe(z.name);
      expect(back.ceilingM).toBe(z.ceilingM);
      if (z.shape.type === 'Circle') expect(back.shape).toEqual(z.shape);
      else expect(back.shape.type).toBe('Polygon');
    }
    expect(r.patch.buildings.map((b) => [b.id, b.heightM])).toEqual(mission.buildings.map((b) => [b.id, b.heightM]));
    expect(r.patch.notes.join(' ')).toMatch(/Point geometry skipped/);
  });

  it('re-importing our own GeoJSON into the mission it came from adds nothing twice (buildings, rewound zones)', () => {
    const doc = exportGeoJson(mission);
    const r = importGeoJson(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const merged = mergeMissionPatch(mission, r.patch);
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.mission.buildings).toHaveLength(mission.buildings.length);
    // The stadium zone was wound clockwise in the mission and comes back counter-clockwise: still the same zone.
    expect(merged.mission.noFlyZones).toHaveLength(mission.noFlyZones.length);
    expect(merged.report!.renamed).toEqual([]);
    for (const b of mission.buildings) expect(merged.report!.duplicates).toContain(`building ${b.id} (same footprint as building ${b.id})`);
    // A building with a taken id but its own footprint is still added, renamed.
    const moved = { ...doc, features: doc.features.filter((f) => f.properties.kind === 'building').slice(0, 1) };
    moved.features[0].geometry.coordinates = [moved.features[0].geometry.coordinates[0].map(([x, y]: number[]) => [x + 0.01, y])];
    const other = importGeoJson(moved);
    if (!other.ok) throw new Error(JSON.stringify(other.errors));
    const merged2 = mergeMissionPatch(mission, other.patch);
    if (!merged2.ok) throw new Error(JSON.stringify(merged2.errors));
    expect(merged2.mission.buildings).toHaveLength(mission.buildings.length + 1);
    expect(merged2.report!.renamed).toHaveLength(1);
  });

  it('takes bare polygons as zones or buildings as the caller chooses, and merges them with fresh ids', () => {
    const square = (lng: number, lat: number, d = 0.001) => [[[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]]];
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'Depot roof', height: 30, id: 'tower-a' }, geometry: { type: 'Polygon', coordinates: square(114.001, 22.551) } },
        { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [square(114.003, 22.552), square(114.005, 22.552)] } },
      ],
    };
    const zones = importGeoJson(fc, { as: 'zones' });
    if (!zones.ok) throw new Error(JSON.stringify(zones.errors));
    expect(zones.patch.noFlyZones).toHaveLength(3);
    expect(zones.patch.noFlyZones[0].shape).toEqual({ type: 'Polygon', coordinates: square(114.001, 22.551) });
    const noHeight = importGeoJson(fc, { as: 'buildings' });
    expect(noHeight.ok).toBe(false);
    if (!noHeight.ok) expect(noHeight.errors[0].path).toBe('features[1].properties.heightM');
    const buildings = importGeoJson(fc, { as: 'buildings', defaultHeightM: 12 });
    if (!buildings.ok) throw new Error(JSON.stringify(buildings.errors));
    expect(buildings.patch.buildings.map((b) => b.heightM)).toEqual([30, 12, 12]);
    const merged = mergeMissionPatch(mission, buildings.patch);
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.mission.buildings).toHaveLength(mission.buildings.length + 3);
    // "tower-a" is taken in the mission: renamed, nothing overwritten.
    expect(merged.report!.renamed).toEqual([['tower-a', 'tower-a-2']]);
    expect(merged.mission.buildings.find((b) => b.id === 'tower-a')!.heightM).toBe(150);
  });

  it('refuses bad input with the path: not JSON, not GeoJSON, [lat, lng] order, no polygons', () => {
    expect(importGeoJsonText('nope').ok).toBe(false);
    const notGeo = importGeoJson({ fileType: 'Plan' });
    expect(notGeo.ok).toBe(false);
    if (!notGeo.ok) expect(notGeo.errors[0].path).toBe('type');
    const swapped = importGeoJson({ type: 'Polygon', coordinates: [[[22.55, 114], [22.56, 114], [22.56, 114.01], [22.55, 114]]] });
    expect(swapped.ok).toBe(false);
    if (!swapped.ok) expect(swapped.errors[0].path).toBe('coordinates[0][0]');
    const points = importGeoJson({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 22.5] } }] });
    expect(points.ok).toBe(false);
    const twoCorners = importGeoJson({ type: 'Polygon', coordinates: [[[114, 22.5], [114.01, 22.5], [114, 22.5]]] });
    expect(twoCorners.ok).toBe(false);
  });

  it('an import that would break the mission is refused by the loader, with the path', () => {
    // A bow-tie ring parses as GeoJSON, but the mission loader refuses self-crossing zones.
    const bow = importGeoJson({ type: 'Polygon', coordinates: [[[114, 22.55], [114.01, 22.56], [114.01, 22.55], [114, 22.56], [114, 22.55]]] });
    if (!bow.ok) throw new Error('parse failed');
    const merged = mergeMissionPatch(mission, bow.patch);
    expect(merged.ok).toBe(false);
    if (!merged.ok) expect(merged.errors[0].path).toMatch(/^noFlyZones\[\d+\]\.shape\.coordinates\[0\]$/);
  });
});
