/**
 * GeoJSON files dropped on the app: their polygons become no-fly zones or buildings (the user picks
 * which). Pure functions; the store validates the resulting mission like any other edit.
 */
import type { Building, Mission, NoFlyZone, Problem } from '../core/mission';
import { DEFAULT_BUILDING_HEIGHT_M, itemsOf, uniqueId } from './missionEdits';

export interface ImportedPolygon {
  /** Closed rings, outer first, [lng, lat] (any altitude dropped). */
  coordinates: [number, number][][];
  name?: string;
  /** From a `height`, `heightM` or `height_m` property when the file has one. */
  heightM?: number;
}

export type ImportAs = 'zone' | 'building';

const GEOJSON_TYPES = new Set([
  'FeatureCollection',
  'Feature',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
]);

/** A mission has a schemaVersion; GeoJSON has one of the GeoJSON `type`s. */
export function looksLikeGeoJson(raw: unknown): boolean {
  if (!raw || typeof raw !== 'object') return false;
  const o = raw as Record<string, unknown>;
  return !('schemaVersion' in o) && typeof o.type === 'string' && GEOJSON_TYPES.has(o.type);
}

type Json = Record<string, unknown>;

/** Every polygon in a GeoJSON value, with problems for the parts that are not usable polygons. */
export function polygonsFromGeoJson(raw: unknown): { polygons: ImportedPolygon[]; errors: Problem[] } {
  const polygons: ImportedPolygon[] = [];
  const errors: Problem[] = [];
  const err = (path: string, message: string) => errors.push({ path, message, severity: 'error' });

  const ring = (value: unknown, path: string): [number, number][] | undefined => {
    if (!Array.isArray(value)) return err(path, 'a ring must be an array of positions'), undefined;
    const out: [number, number][] = [];
    for (let i = 0; i < value.length; i++) {
      const p = value[i];
      if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        return err(`${path}[${i}]`, 'a position must be [lng, lat] numbers'), undefined;
      }
      out.push([p[0], p[1]]);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (first && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
    return out;
  };

  const polygon = (coords: unknown, path: string, props: Json | undefined) => {
    if (!Array.isArray(coords) || coords.length === 0) return err(path, 'a polygon needs at least one ring');
    const rings = coords.map((r, i) => ring(r, `${path}[${i}]`));
    if (rings.some((r) => !r)) return;
    const name = typeof props?.name === 'string' && props.name ? props.name : undefined;
    const h = props?.heightM ?? props?.height ?? props?.height_m;
    polygons.push({
      coordinates: rings as [number, number][][],
      ...(name ? { name } : {}),
      ...(typeof h === 'number' && h > 0 ? { heightM: h } : {}),
    });
  };

  const geometry = (g: unknown, path: string, props: Json | undefined) => {
    if (!g || typeof g !== 'object') return err(path, 'missing geometry');
    const o = g as Json;
    if (o.type === 'Polygon') polygon(o.coordinates, `${path}.coordinates`, props);
    else if (o.type === 'MultiPolygon') {
      if (!Array.isArray(o.coordinates)) return err(`${path}.coordinates`, 'must be an array of polygons');
      o.coordinates.forEach((c, i) => polygon(c, `${path}.coordinates[${i}]`, props));
    } else if (o.type === 'GeometryCollection' && Array.isArray(o.geometries)) {
      o.geometries.forEach((c, i) => geometry(c, `${path}.geometries[${i}]`, props));
    }
    // Points and lines are skipped: only areas can be zones or buildings.
  };

  const root = raw as Json;
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) err('features', 'must be an array');
    else root.features.forEach((f, i) => geometry((f as Json)?.geometry, `features[${i}].geometry`, (f as Json)?.properties as Json));
  } else if (root.type === 'Feature') geometry(root.geometry, 'geometry', root.properties as Json);
  else geometry(root, '', undefined);

  if (polygons.length === 0 && errors.length === 0) err('', 'the file has no Polygon or MultiPolygon');
  return { polygons, errors };
}

/** Append the polygons as zones or buildings with fresh ids; one edit, validated by the caller. */
export function importPolygons(m: Mission, polygons: readonly ImportedPolygon[], as: ImportAs): Mission {
  let next = m;
  for (const p of polygons) {
    if (as === 'zone') {
      const id = uniqueId(next, 'zone');
      const zone: NoFlyZone = { id, name: p.name ?? `Imported zone ${id}`, shape: { type: 'Polygon', coordinates: p.coordinates } };
      next = { ...next, noFlyZones: [...itemsOf(next, 'zone'), zone] };
    } else {
      const id = uniqueId(next, 'building');
      const building: Building = {
        id,
        ...(p.name ? { name: p.name } : {}),
        footprint: { type: 'Polygon', coordinates: p.coordinates },
        heightM: p.heightM ?? DEFAULT_BUILDING_HEIGHT_M,
      };
      next = { ...next, buildings: [...itemsOf(next, 'building'), building] };
    }
  }
  return next;
}
