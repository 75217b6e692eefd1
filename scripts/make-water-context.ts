/**
 * Writes the shipped water context of the bundled Shenzhen missions (run: npx tsx scripts/make-water-context.ts):
 *
 *   missions/context/shenzhen-sea.geojson   one MultiPolygon feature: the sea inside BBOX
 *
 * Source: the sea polygons of the npm package `@geo-maps/earth-seas-10m` (a devDependency; data derived
 * from OpenStreetMap, (c) OpenStreetMap contributors, ODbL 1.0, about 10 m accuracy, 2017). Only this
 * build step reads the package: scripts/move-to-land.ts copies the polygons into the bundled missions'
 * map context (`context.water`), so the app and the CLI read them from the mission, never from
 * node_modules. Licence and attribution: missions/context/ATTRIBUTION.md and the feature's properties.
 *
 * The world's sea is cut to BBOX with turf: a fast bboxClip of the rings that reach the box, then an
 * exact polygon intersection with the box (which also drops the slivers bboxClip leaves along the box's
 * edges). The source's own vertices are kept as they are (5 decimals, ~1 m): no simplification, so
 * points near the shore are judged on the source's full accuracy.
 *
 * BBOX covers every bundled mission's depots with the default drop radius around them (6 km: the
 * demand model's and generateDay's), orders and zones, plus 3 km; the script refuses to write when a
 * bundled mission reaches outside it.
 */
import { lngLatBounds } from '../src/core/geo/lngLatRing';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { area, bboxClip, bboxPolygon, cleanCoords, feature, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { createFrame } from '../src/core/geo/frame';

const SEA_FILE = 'missions/context/shenzhen-sea.geojson';
/** [west, south, east, north], degrees. */
const BBOX: [number, number, number, number] = [113.72, 22.4, 114.36, 22.82];
/** What the bundled missions must keep inside BBOX: their depots this far around, plus MARGIN_M. */
const DROP_RADIUS_M = 6000;
const MARGIN_M = 3000;

const SOURCE_PACKAGE = '@geo-maps/earth-seas-10m';
/** What ODbL asks to show with the data (also the bundled missions' context.attribution). */
const ATTRIBUTION = 'Sea © OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright), via npm @geo-maps/earth-seas-10m (2017)';

function main(): void {
  checkCoverage();
  const require = createRequire(import.meta.url);
  const version = (require(`${SOURCE_PACKAGE}/package.json`) as { version: string }).version;
  const world = require(`${SOURCE_PACKAGE}/map.geo.json`) as { geometries: (Polygon | MultiPolygon)[] };

  const box = bboxPolygon(BBOX);
  const pieces: Feature<Polygon | MultiPolygon>[] = [];
  // Slightly larger than BBOX for the fast clip, so the exact intersection decides the box's edges.
  const pad = 0.01;
  const loose: [number, number, number, number] = [BBOX[0] - pad, BBOX[1] - pad, BBOX[2] + pad, BBOX[3] + pad];
  for (const g of world.geometries) {
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const rings of polygons) {
      if (!ringsOverlap(rings[0], loose)) continue;
      // Holes (islands) away from the box cannot change the clip: leave them out before clipping.
      const near = [rings[0], ...rings.slice(1).filter((r) => ringsOverlap(r, loose))];
      const clipped = bboxClip(feature<Polygon>({ type: 'Polygon', coordinates: near }), loose);
      const rs = (clipped.geometry as Polygon).coordinates.filter((r) => r.length >= 4);
      if (rs.length === 0) continue;
      const exact = intersect(featureCollection([feature<Polygon>({ type: 'Polygon', coordinates: rs }), box]));
      if (exact) pieces.push(exact);
    }
  }
  const polygons: Position[][][] = [];
  for (const p of pieces) {
    const g = cleanCoords(p).geometry;
    for (const rings of (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][]) {
      // Slivers below a square metre are artefacts of clipping, not water.
      if (area(feature<Polygon>({ type: 'Polygon', coordinates: [rings[0]] })) < 1) continue;
      polygons.push(rings.map((r) => r.map(([x, y]) => [round5(x), round5(y)])));
    }
  }
  const corners = polygons.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length - 1, 0), 0);

  const text = `${JSON.stringify({
    type: 'FeatureCollection',
    bbox: BBOX,
    features: [
      {
        type: 'Feature',
        properties: {
          name: 'Shenzhen: the sea around the bundled missions',
          source: `npm ${SOURCE_PACKAGE} ${version}: sea and ocean polygons derived from OpenStreetMap (2017), about 10 m accuracy; cut to bbox by scripts/make-water-context.ts`,
          license: 'ODbL-1.0',
          attribution: ATTRIBUTION,
        },
        geometry: { type: 'MultiPolygon', coordinates: polygons },
      },
    ],
  })}\n`;
  writeFileSync(SEA_FILE, text);
  console.log(`wrote ${SEA_FILE}: ${polygons.length} polygons, ${corners} corners, ${(text.length / 1024).toFixed(1)} KiB`);
}

const round5 = (v: number) => Math.round(v * 1e5) / 1e5;

function ringsOverlap(ring: Position[], b: readonly number[]): boolean {
  const [w, s, e, n] = lngLatBounds(ring);
  return w <= b[2] && e >= b[0] && s <= b[3] && n >= b[1];
}

/** Every bundled mission's depots (with the drop radius), orders and zones lie MARGIN_M inside BBOX. */
function checkCoverage(): void {
  const frame = createFrame([(BBOX[0] + BBOX[2]) / 2, (BBOX[1] + BBOX[3]) / 2]);
  const sw = frame.toLocal([BBOX[0], BBOX[1]]);
  const ne = frame.toLocal([BBOX[2], BBOX[3]]);
  const nw = frame.toLocal([BBOX[0], BBOX[3]]);
  const se = frame.toLocal([BBOX[2], BBOX[1]]);
  const inner = { w: Math.max(sw.x, nw.x), e: Math.min(ne.x, se.x), s: Math.max(sw.y, se.y), n: Math.min(ne.y, nw.y) };
  const bad: string[] = [];
  const need = (what: string, p: readonly [number, number], radiusM: number) => {
    const q = frame.toLocal(p);
    const r = radiusM + MARGIN_M;
    if (q.x - r < inner.w || q.x + r > inner.e || q.y - r < inner.s || q.y + r > inner.n) bad.push(what);
  };
  for (const f of readdirSync('missions').filter((f) => f.endsWith('.json'))) {
    const m = JSON.parse(readFileSync(`missions/${f}`, 'utf8')) as {
      depots: { id: string; position: [number, number] }[];
      orders: { id: string; position: [number, number] }[];
      noFlyZones?: { id: string; shape: { type: string; center?: [number, number]; radiusM?: number; coordinates?: [number, number][][] } }[];
    };
    for (const d of m.depots) need(`${f} ${d.id}`, d.position, DROP_RADIUS_M);
    for (const o of m.orders) need(`${f} ${o.id}`, o.position, 0);
    for (const z of m.noFlyZones ?? []) {
      if (z.shape.center) need(`${f} ${z.id}`, z.shape.center, z.shape.radiusM ?? 0);
      for (const ring of z.shape.coordinates ?? []) for (const p of ring) need(`${f} ${z.id}`, p, 0);
    }
  }
  if (bad.length > 0) throw new Error(`BBOX ${BBOX.join(',')} does not cover (with ${MARGIN_M} m): ${bad.slice(0, 10).join(', ')}`);
}

main();
