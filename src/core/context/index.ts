/**
 * What a mission's map context (`context` in the mission file) tells the checks: where the water is.
 * The water polygons are indexed once per polygon list (src/core/context/water.ts) and the index is
 * kept as long as the list object lives, so the editor's checks after each edit and the generators'
 * site checks for every drawn point reuse it.
 */
import type { Mission } from '../mission/schema';
import { type WaterIndex, buildWaterIndex } from './water';

export { type WaterIndex, type WaterPolygon, buildWaterIndex } from './water';

const built = new WeakMap<object, WaterIndex>();

/** The water the mission's map context knows; undefined when it has none. */
export function missionWater(mission: Pick<Mission, 'context'>): WaterIndex | undefined {
  const water = mission.context?.water;
  if (!water || water.length === 0) return undefined;
  let index = built.get(water);
  if (!index) {
    index = buildWaterIndex(water);
    built.set(water, index);
  }
  return index;
}

/**
 * Stores and drops the generators place keep at least this far from the shore, on land: the water
 * data's own accuracy (about 10 m for the bundled sea) with room to spare, more for a store's pads.
 */
export const SHORE_MARGIN_M = { store: 100, order: 50 } as const;

/** Water polygons read from a GeoJSON document, or why they cannot be. */
export type GeoJsonWater = { ok: true; water: { type: 'Polygon'; coordinates: [number, number][][] }[]; attribution?: string } | { ok: false; message: string };

/**
 * The Polygon and MultiPolygon areas of a GeoJSON document (a FeatureCollection, a Feature or a bare
 * geometry) as water polygons, e.g. missions/context/shenzhen-sea.geojson; other geometries are
 * skipped. The first feature's `attribution` property, if any, comes along.
 */
export function waterFromGeoJson(doc: unknown): GeoJsonWater {
  const water: { type: 'Polygon'; coordinates: [number, number][][] }[] = [];
  let attribution: string | undefined;
  const isPosition = (p: unknown) => Array.isArray(p) && p.length >= 2 && p.every((v) => typeof v === 'number' && Number.isFinite(v));
  const isRings = (rings: unknown): rings is [number, number][][] =>
    Array.isArray(rings) && rings.length > 0 && rings.every((r) => Array.isArray(r) && r.length >= 4 && r.every(isPosition));
  const geometry = (g: unknown): string | undefined => {
    const { type, coordinates, geometries } = (g ?? {}) as { type?: unknown; coordinates?: unknown; geometries?: unknown };
    if (type === 'Polygon') {
      if (!isRings(coordinates)) return 'a Polygon needs rings of at least 4 [lng, lat] positions';
      water.push({ type: 'Polygon', coordinates: coordinates.map((r) => r.map((p) => [p[0], p[1]])) });
    } else if (type === 'MultiPolygon') {
      if (!Array.isArray(coordinates) || !coordinates.every(isRings)) return 'a MultiPolygon needs polygons of rings of at least 4 [lng, lat] positions';
      for (const rings of coordinates as [number, number][][][]) water.push({ type: 'Polygon', coordinates: rings.map((r) => r.map((p) => [p[0], p[1]])) });
    } else if (type === 'GeometryCollection' && Array.isArray(geometries)) {
      for (const part of geometries) {
        const why = geometry(part);
        if (why) return why;
      }
    }
    return undefined;
  };
  const top = (doc ?? {}) as { type?: unknown; features?: unknown };
  const features = top.type === 'FeatureCollection' && Array.isArray(top.features) ? top.features : top.type === 'Feature' ? [top] : undefined;
  if (features) {
    for (const [i, f] of features.entries()) {
      const { geometry: g, properties } = (f ?? {}) as { geometry?: unknown; properties?: { attribution?: unknown } | null };
      const why = geometry(g);
      if (why) return { ok: false, message: `features[${i}]: ${why}` };
      if (attribution === undefined && typeof properties?.attribution === 'string') attribution = properties.attribution;
    }
  } else if (typeof top.type === 'string') {
    const why = geometry(top);
    if (why) return { ok: false, message: why };
  } else return { ok: false, message: 'not GeoJSON (no "type")' };
  if (water.length === 0) return { ok: false, message: 'no Polygon or MultiPolygon in it' };
  return { ok: true, water, ...(attribution !== undefined ? { attribution } : {}) };
}
