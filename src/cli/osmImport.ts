/**
 * `skyhaul import <city.osm | city.osm.pbf | overpass.json> --into mission.json --out new.json`: the
 * OpenStreetMap branch of the import command. Reads the file in passes with a progress bar, prints a
 * summary, lists the suggested no-fly zones (added only with --accept-zones / --accept-zone ID), and
 * writes the mission with the buildings, the map context and the accepted zones.
 */
import { resolve } from 'node:path';
import { formatProblem, type Mission, serializeMission } from '../core/mission';
import {
  type BBox,
  type OsmFormat,
  type OsmImportOptions,
  OsmReadError,
  type ZoneAcceptance,
  applyOsmImport,
  importOsm,
  osmSummaryLines,
} from '../core/osm';
import { UsageError } from './command';
import type { CliIO } from './command';
import { writeOutputFiles } from './atomicWrite';
import { createProgressBar } from './progress';
import { osmPassReader } from './osmFiles';

/** `--bbox w,s,e,n` in degrees. */
export function bboxFlag(text: string): BBox {
  const parts = text.split(',').map((s) => s.trim());
  const v = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || !v.every(Number.isFinite)) {
    throw new UsageError(`--bbox must be west,south,east,north in degrees (got "${text}")`);
  }
  const [w, s, e, n] = v;
  if (w < -180 || e > 180 || s < -90 || n > 90) throw new UsageError(`--bbox: longitudes must be within -180..180 and latitudes within -90..90 (got "${text}")`);
  if (!(w < e) || !(s < n)) throw new UsageError(`--bbox: west must be less than east and south less than north (got "${text}")`);
  return [w, s, e, n];
}

export interface OsmCliOptions extends OsmImportOptions {
  accept: ZoneAcceptance;
}

export async function runOsmImport(
  io: CliIO,
  file: string,
  format: OsmFormat,
  mission: Mission,
  out: string,
  options: OsmCliOptions,
): Promise<number> {
  const startMs = performance.now();
  let reader: ReturnType<typeof osmPassReader>;
  try {
    reader = osmPassReader(file, format);
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  const mb = (reader.size / 1e6).toFixed(1);
  const bar = createProgressBar(io, `reading ${file}`);
  let imported: Awaited<ReturnType<typeof importOsm>>;
  try {
    imported = await importOsm(
      async (handler, pass) => {
        const what = pass === 1 ? 'tags' : 'positions';
        bar.update(0, `pass ${pass} (${what}) of ${mb} MB`);
        await reader.read(handler, (bytes) => bar.update(bytes / Math.max(1, reader.size), `pass ${pass} (${what}) of ${mb} MB`));
      },
      mission,
      options,
      (_, fraction) => bar.update(fraction, 'building outlines'),
    );
    bar.done(`${((performance.now() - startMs) / 1000).toFixed(1)} s`);
  } catch (e) {
    if (io.isTTY) io.err('\n');
    if (e instanceof OsmReadError) {
      io.err(`${file}: refused: ${e.message}\n`);
      return 1;
    }
    throw e;
  }

  const zones = imported.suggestedZones;
  const applied = applyOsmImport(mission, imported, options.accept);
  if (!applied.ok) {
    io.err(`the mission with ${file} added would be invalid:\n`);
    for (const p of applied.errors.slice(0, 20)) io.err(`  error ${formatProblem(p)}\n`);
    if (applied.errors.length > 20) io.err(`  ... and ${applied.errors.length - 20} more\n`);
    return 1;
  }
  // The mission holds its own (validated) copy now: let the import's geometry go before writing,
  // which for a city is the peak of memory.
  imported.buildings = [];
  imported.context = { ...imported.context, water: [], roads: [], buildings: [] };
  const report = applied.report;
  if (report && report.unknownZoneIds.length > 0) {
    io.err(
      `--accept-zone: no suggested zone ${report.unknownZoneIds.map((id) => `"${id}"`).join(', ')}; the suggested zones are: ${zones.map((z) => z.zone.id).join(', ') || 'none'}\n`,
    );
    return 1;
  }
  const warnings = new Set(imported.warnings);
  for (const note of imported.notes) io.err(`${warnings.has(note) ? 'warning' : 'note'}: ${note}\n`);
  for (const [from, to] of report?.renamed ?? []) io.err(`note: id "${from}" is taken; imported as "${to}"\n`);
  if (report && report.duplicates.length > 0) io.err(`note: ${report.duplicates.length} item(s) already in the mission, not added again\n`);
  if (report && report.contextDuplicates > 0) io.err(`note: ${report.contextDuplicates} map context item(s) already in the mission, not added again\n`);

  if (!writeOutputFiles(io, [{ path: out, data: serializeMission(applied.mission) }])) return 1;

  for (const line of osmSummaryLines(imported.summary)) io.out(`${line}\n`);
  const added = new Set(report?.zonesAdded ?? []);
  if (zones.length > 0) {
    const width = Math.max(...zones.map((z) => z.zone.id.length));
    const pending = zones.filter((z) => !added.has(z.zone.id));
    if (added.size > 0) io.out(`added ${added.size} suggested no-fly zone(s):\n`);
    for (const z of zones.filter((z) => added.has(z.zone.id))) io.out(`  ${z.zone.id.padEnd(width)}  ${z.kind.padEnd(9)}  ${z.zone.name}\n`);
    if (pending.length > 0) {
      io.out(`not added (${pending.length}): add them all with --accept-zones, or some with --accept-zone ID (repeatable):\n`);
      for (const z of pending) {
        const from = z.zone.name.includes(`OSM ${z.osm}`) ? '' : ` (OSM ${z.osm})`;
        io.out(`  ${z.zone.id.padEnd(width)}  ${z.kind.padEnd(9)}  ${z.zone.name}${from}\n`);
      }
    }
  }
  const m = applied.mission;
  io.out(
    `${resolve(out)}: added ${m.buildings.length - mission.buildings.length} building(s) to the airspace, ${m.noFlyZones.length - mission.noFlyZones.length} no-fly zone(s); map context now ${m.context?.water.length ?? 0} water, ${m.context?.roads.length ?? 0} road, ${m.context?.buildings.length ?? 0} building item(s)\n`,
  );
  return 0;
}
