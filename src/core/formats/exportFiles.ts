/**
 * Every export as named text files, for the CLI (written to a folder) and the app (downloaded, zipped
 * when there are several, in one folder named after the mission). One file per trip for the autopilot
 * formats (`store-01_m2-class_1-t1.plan`), one file otherwise (`<mission-slug>.geojson`).
 */
import type { Mission } from '../mission/schema';
import type { Plan } from '../planner/plan';
import { type CzmlOptions, czmlText, traceToCzml } from './czml';
import { geoJsonText, missionToGeoJson } from './geojson';
import { traceToKml } from './kml';
import { qgcPlanFromTripMission, qgcPlanText } from './qgcPlan';
import { type TraceLike, planToTrace } from './tracks';
import { type MavExportOptions, tripToMission } from './tripMission';
import { wplFromTripMission } from './wpl';

export const EXPORT_FORMATS = ['qgc', 'wpl', 'geojson', 'czml', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { label: string; extension: string; mimeType: string }> = {
  qgc: { label: 'QGroundControl .plan (one per trip)', extension: 'plan', mimeType: 'application/json' },
  wpl: { label: 'MAVLink waypoints QGC WPL 110 (one per trip)', extension: 'waypoints', mimeType: 'text/plain' },
  geojson: { label: 'GeoJSON (mission and routes)', extension: 'geojson', mimeType: 'application/geo+json' },
  czml: { label: 'CZML (CesiumJS replay)', extension: 'czml', mimeType: 'application/json' },
  kml: { label: 'KML with time stamps (Google Earth)', extension: 'kml', mimeType: 'application/vnd.google-earth.kml+xml' },
};

export interface ExportedFile {
  name: string;
  text: string;
  mimeType: string;
}

export interface ExportInput {
  mission: Mission;
  plan?: Plan;
  /** A simulation trace (SimTrace fits); without one, CZML/KML show the plan's nominal flight. */
  trace?: TraceLike;
}

export type ExportOptions = MavExportOptions & CzmlOptions;

export type ExportFilesResult = { ok: true; files: ExportedFile[] } | { ok: false; path: string; message: string };

/** A file-name-safe stem: letters, digits, `.`, `_`, `-` (drone ids contain `/`). */
export function safeFileStem(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '') || 'file';
}

/**
 * An id as a file-name stem, one-to-one (two different ids never give the same stem): `/` (the drone id
 * separator, never in an id) becomes `_`; letters, digits, `-` and `.` (not leading: no hidden files)
 * stay; every other character, `_` included, becomes `%` and its UTF-8 bytes in hex (`store:1` ->
 * `store%3A1`, `store_1` -> `store%5F1`). Empty: `%`.
 */
export function idFileStem(id: string): string {
  if (id === '') return '%';
  let out = '';
  for (const ch of id) {
    if (ch === '/') out += '_';
    else if (/^[A-Za-z0-9-]$/.test(ch) || (ch === '.' && out !== '')) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * `<depot>_<model>_<n>-t1`: the drone, then the trip without the drone id again (the planner's trip ids
 * are `<droneId>/t<k>`); a trip id of another shape is kept whole (`<drone>-<tripId>`). Each part is an
 * idFileStem, so ids that differ give names that differ; the rare pair that still meets (a trip id
 * `x` next to `<droneId>/x`) is refused by collidingNames, never written over.
 */
export function tripFileStem(droneId: string, tripId: string): string {
  const own = tripId.startsWith(`${droneId}/`) && tripId.length > droneId.length + 1 ? tripId.slice(droneId.length + 1) : tripId;
  return `${idFileStem(droneId)}-${idFileStem(own)}`;
}

/**
 * The mission's name as a short, readable file and folder name: lower-case letters and digits joined
 * by `-`, at most 48 characters (`Shenzhen two-hour delivery (20 stores)` -> `shenzhen-two-hour-delivery-20-stores`).
 * A name with none of those letters (all CJK, say) gives `mission`.
 */
export function missionSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 48).replace(/-+$/, '') || 'mission';
}

/**
 * The first two files whose names would land on one file (compared without case: macOS and Windows
 * folders ignore it), or undefined when every name is distinct.
 */
export function collidingNames(names: readonly string[]): [string, string] | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const key = name.normalize('NFC').toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) return [first, name];
    seen.set(key, name);
  }
  return undefined;
}

export function exportFiles(format: ExportFormat, input: ExportInput, options: ExportOptions = {}): ExportFilesResult {
  const { mission, plan } = input;
  const info = EXPORT_FORMAT_INFO[format];
  const stem = missionSlug(mission.name);
  if (format === 'qgc' || format === 'wpl') {
    if (!plan) return { ok: false, path: 'plan', message: `the ${format} export needs a plan (one file per trip)` };
    const files: ExportedFile[] = [];
    for (const [d, drone] of plan.drones.entries()) {
      for (const [t, trip] of drone.trips.entries()) {
        const built = tripToMission(mission, drone, trip, options);
        if (!built.ok) return { ok: false, path: `drones[${d}].trips[${t}]`, message: `${built.path}: ${built.message}` };
        const text = format === 'qgc' ? qgcPlanText(qgcPlanFromTripMission(mission, built.value)) : wplFromTripMission(built.value);
        files.push({ name: `${tripFileStem(drone.droneId, trip.tripId)}.${info.extension}`, text, mimeType: info.mimeType });
      }
    }
    if (files.length === 0) return { ok: false, path: 'plan.drones', message: 'the plan has no trips to export' };
    // Refuse rather than let one trip's file replace another's (on disk or in the zip).
    const clash = collidingNames(files.map((f) => f.name));
    if (clash) {
      return { ok: false, path: 'plan.drones', message: `two trips would be written to one file ("${clash[0]}" and "${clash[1]}"); rename a depot or model` };
    }
    return { ok: true, files };
  }
  if (format === 'geojson') {
    return { ok: true, files: [{ name: `${stem}.${info.extension}`, text: geoJsonText(missionToGeoJson(mission, plan)), mimeType: info.mimeType }] };
  }
  const trace = input.trace ?? (plan ? planToTrace(mission, plan) : undefined);
  if (!trace) return { ok: false, path: 'trace', message: `the ${format} export needs a trace or a plan` };
  const text = format === 'czml' ? czmlText(traceToCzml(trace, mission, options)) : traceToKml(trace, mission);
  const suffix = input.trace ? 'trace' : 'plan';
  return { ok: true, files: [{ name: `${stem}.${suffix}.${info.extension}`, text, mimeType: info.mimeType }] };
}
