/**
 * Reading GeoJSON polygons (a FeatureCollection, a Feature, or a bare Polygon / MultiPolygon) as no-fly
 * zones or buildings. The caller chooses with `as`; without it, Skyhaul's own exports go back by their
 * `properties.kind` and anything else becomes a zone. Points and lines are skipped with a note.
 */
import type { Building, NoFlyZone } from '../mission/schema';
import { type Problem, formatPath } from '../mission/problems';
import { importJsonText, isNum, isObj } from './importJson';
import { type ImportResult, emptyPatch } from './missionPatch';
import { FEATURE_KIND } from './geojson';

export interface GeoJsonImportOptions {
  as?: 'zones' | 'buildings';
  /** Height for buildings whose feature has none (`heightM`, `height` or `building:height`). */
  defaultHeightM?: number;
  /** Prefix of generated ids when a feature has no usable `properties.id`. */
  idPrefix?: string;
}

const ID_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

export function importGeoJsonText(text: string, options: GeoJsonImportOptions = {}): ImportResult {
  return importJsonText(text, (raw) => importGeoJson(raw, options));
}

interface Candidate {
  path: PropertyKey[];
  geometry: Record<string, unknown>;
  properties: Record<string, unknown>;
}

export function importGeoJson(raw: unknown, options: GeoJsonImportOptions = {}): ImportResult {
  const errors: Problem[] = [];
  const err = (path: PropertyKey[], message: string) => errors.push({ path: formatPath(path), message, severity: 'error' });
  const patch = emptyPatch();
  if (!isObj(raw)) return { ok: false, errors: [{ path: '', message: 'not GeoJSON (expected a JSON object)', severity: 'error' }] };

  const candidates: Candidate[] = [];
  const skipped = new Map<string, number>();
  const addFeature = (f: unknown, path: PropertyKey[]) => {
    if (!isObj(f) || f.type !== 'Feature') return err([...path, 'type'], 'expected a GeoJSON Feature');
    if (f.geometry === null) return void skipped.set('null geometry', (skipped.get('null geometry') ?? 0) + 1);
    if (!isObj(f.geometry)) return err([...path, 'geometry'], 'must be a geometry object or null');
    candidates.push({ path: [...path, 'geometry'], geometry: f.geometry, properties: isObj(f.properties) ? f.properties : {} });
  };
  if (raw.type === 'FeatureCollection') {
    if (!Array.isArray(raw.features)) return { ok: false, errors: [{ path: 'features', message: 'must be an array', severity: 'error' }] };
    raw.features.forEach((f, i) => addFeature(f, ['features', i]));
  } else if (raw.type === 'Feature') addFeature(raw, []);
  else if (raw.type === 'Polygon' || raw.type === 'MultiPolygon') candidates.push({ path: [], geometry: raw, properties: {} });
  else return { ok: false, errors: [{ path: 'type', message: `not GeoJSON polygons: type ${JSON.stringify(raw.type ?? null)} (expected FeatureCollection, Feature, Polygon or MultiPolygon)`, severity: 'error' }] };

  const prefix = options.idPrefix ?? 'geojson';
  const usedIds = new Set<string>();
  const idFor = (props: Record<string, unknown>, fallback: string) => {
    let id = typeof props.id === 'string' && ID_RE.test(props.id) ? props.id : fallback;
    for (let n = 2; usedIds.has(id); n++) id = `${fallback}-${n}`;
    usedIds.add(id);
    return id;
  };

  for (const c of candidates) {
    const type = c.geometry.type;
    const polygons: { path: PropertyKey[]; rings: unknown }[] = [];
    if (type === 'Polygon') polygons.push({ path: [...c.path, 'coordinates'], rings: c.geometry.coordinates });
    else if (type === 'MultiPolygon') {
      if (!Array.isArray(c.geometry.coordinates)) {
        err([...c.path, 'coordinates'], 'must be an array of polygons');
        continue;
      }
      c.geometry.coordinates.forEach((rings, i) => polygons.push({ path: [...c.path, 'coordinates', i], rings }));
    } else {
      const key = String(type);
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
      continue;
    }
    const kind = options.as ?? (c.properties.kind === FEATURE_KIND.building ? 'buildings' : 'zones');
    polygons.forEach((p, part) => {
      const rings = readRings(p.rings, p.path, err);
      if (!rings) return;
      const suffix = polygons.length > 1 ? `-${part + 1}` : '';
      const name = typeof c.properties.name === 'string' && c.properties.name.length > 0 ? c.properties.name : undefined;
      if (kind === 'buildings') {
        const h = [c.properties.heightM, c.properties.height, c.properties['building:height']]
          .map((v) => (typeof v === 'string' ? Number.parseFloat(v) : v))
          .find(isNum) ?? options.defaultHeightM;
        if (h === undefined || !(h > 0)) {
          err([...c.path.slice(0, -1), 'properties', 'heightM'], 'a building needs a height > 0 (properties.heightM or height, or a default height)');
          return;
        }
        const id = idFor(c.properties, `${prefix}-building-${patch.buildings.length + 1}`) ;
        const b: Building = { id: `${id}${suffix}`, footprint: { type: 'Polygon', coordinates: rings }, heightM: h };
        if (name) b.name = name;
        patch.buildings.push(b);
        return;
      }
      const id = `${idFor(c.properties, `${prefix}-zone-${patch.noFlyZones.length + 1}`)}${suffix}`;
      const center = c.properties.center;
      const zone: NoFlyZone =
        c.properties.shape === 'Circle' && Array.isArray(center) && isNum(center[0]) && isNum(center[1]) && isNum(c.properties.radiusM)
          ? // Skyhaul's own export: restore the exact circle, not its 64-gon drawing.
            { id, name: name ?? id, shape: { type: 'Circle', center: [center[0], center[1]], radiusM: c.properties.radiusM } }
          : { id, name: name ?? id, shape: { type: 'Polygon', coordinates: rings } };
      if (isNum(c.properties.floorM) && c.properties.floorM > 0) zone.floorM = c.properties.floorM;
      if (isNum(c.properties.ceilingM)) zone.ceilingM = c.properties.ceilingM;
      patch.noFlyZones.push(zone);
    });
  }
  for (const [what, n] of skipped) patch.notes.push(`${n} feature(s) with ${what === 'null geometry' ? 'no geometry' : `${what} geometry`} skipped (only polygons are imported)`);
  if (errors.length > 0) return { ok: false, errors };
  if (patch.noFlyZones.length + patch.buildings.length === 0) {
    return { ok: false, errors: [{ path: '', message: 'no Polygon or MultiPolygon found to import', severity: 'error' }] };
  }
  return { ok: true, patch };
}

/** Rings of [lng, lat] positions; open rings are closed (a common slip), anything else is an error. */
function readRings(
  raw: unknown,
  path: PropertyKey[],
  err: (path: PropertyKey[], message: string) => void,
): [number, number][][] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    err(path, 'a polygon needs an outer ring');
    return undefined;
  }
  let bad = false;
  const rings = raw.map((ring, r) => {
    if (!Array.isArray(ring)) {
      err([...path, r], 'must be an array of [lng, lat] positions');
      bad = true;
      return [];
    }
    const out: [number, number][] = [];
    ring.forEach((p, j) => {
      if (!Array.isArray(p) || p.length < 2 || !isNum(p[0]) || !isNum(p[1])) {
        err([...path, r, j], 'must be [lng, lat] numbers');
        bad = true;
      } else if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) {
        err([...path, r, j], `[${p[0]}, ${p[1]}] is not [lng, lat] (longitude -180..180, latitude -90..90)`);
        bad = true;
      } else out.push([p[0], p[1]]);
    });
    const first = out[0];
    const last = out[out.length - 1];
    if (first && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
    if (!bad && out.length < 4) {
      err([...path, r], 'a ring needs at least 3 distinct corners');
      bad = true;
    }
    return out;
  });
  return bad ? undefined : rings;
}
