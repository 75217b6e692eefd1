import { resolve } from 'node:path';
import { formatProblem, serializeMission } from '../../core/mission';
import { type ImportResult, importGeoJson, importQgcPlan, mergeMissionPatch } from '../../core/formats';
import { numberFlag, parseCommandArgs } from '../args';
import { type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { printRefusal, readJsonFile, readMissionFile } from '../files';
import { looksLikeOsmJson } from '../../core/osm';
import { type OsmCliOptions, bboxFlag, runOsmImport } from '../osmImport';
import { sniffOsmFile } from '../osmFiles';

const USAGE =
  'skyhaul import <file.plan|file.geojson> --into <mission.json> [--as zones|buildings] [--height M] --out new-mission.json\n' +
  '       skyhaul import <city.osm|city.osm.pbf|overpass.json> --into <mission.json> [--bbox w,s,e,n] [--storey-height M] [--height M]\n' +
  '              [--accept-zones | --accept-zone ID ...] --out new-mission.json';

export const importCommand: Command = {
  name: 'import',
  summary: 'add a QGroundControl geofence / rally points, GeoJSON polygons or an OpenStreetMap extract to a mission (writes a new file)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        into: { type: 'string' },
        as: { type: 'string' },
        height: { type: 'string' },
        out: { type: 'string' },
        bbox: { type: 'string' },
        'storey-height': { type: 'string' },
        'accept-zones': { type: 'boolean' },
        'accept-zone': { type: 'string', multiple: true },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one file to import');
    if (!values.into) throw new UsageError('--into <mission.json> is required');
    // Never overwrite the mission by accident: the output is always named, even when it is the input.
    if (!values.out) throw new UsageError('--out is required (give the --into file again to overwrite it)');
    if (values.as !== undefined && values.as !== 'zones' && values.as !== 'buildings') throw new UsageError('--as must be zones or buildings');
    const heightM = values.height === undefined ? undefined : numberFlag('--height', values.height, { unit: 'm', min: 0, exclusiveMin: true });

    const file = positionals[0];
    const bbox = values.bbox === undefined ? undefined : bboxFlag(values.bbox);
    const storeyHeightM =
      values['storey-height'] === undefined
        ? undefined
        : numberFlag('--storey-height', values['storey-height'], { unit: 'm', min: 0, exclusiveMin: true, max: 20 });
    if (values['accept-zones'] && values['accept-zone']) throw new UsageError('give --accept-zones (all) or --accept-zone ID, not both');
    const osmOptions = (): OsmCliOptions => ({
      bbox,
      storeyHeightM,
      defaultHeightM: heightM,
      accept: values['accept-zones'] ? 'all' : (values['accept-zone'] ?? 'none'),
    });
    // OpenStreetMap XML and PBF are streamed, never read whole.
    const osmFormat = sniffOsmFile(file);
    if (osmFormat !== undefined) {
      if (values.as !== undefined) throw new UsageError('--as is for GeoJSON; an OpenStreetMap file sorts buildings, water, roads and zones by their tags');
      const mission = readMissionFile(values.into, io);
      if (!mission) return 1;
      return runOsmImport(io, file, osmFormat, mission, values.out, osmOptions());
    }
    const raw = readJsonFile(file, io);
    if (raw === undefined) return 1;
    const mission = readMissionFile(values.into, io);
    if (!mission) return 1;
    if (looksLikeOsmJson(raw)) return runOsmImport(io, file, 'json', mission, values.out, osmOptions());
    if (bbox || storeyHeightM !== undefined || values['accept-zones'] || values['accept-zone']) {
      throw new UsageError('--bbox, --storey-height, --accept-zones and --accept-zone are for OpenStreetMap files (.osm, .osm.pbf, Overpass JSON)');
    }

    // A `.plan` names itself (fileType); everything else is read as GeoJSON.
    const looksLikePlan = /\.plan$/i.test(file) || (typeof raw === 'object' && raw !== null && 'fileType' in raw);
    const imported: ImportResult = looksLikePlan
      ? importQgcPlan(raw)
      : importGeoJson(raw, { as: values.as as 'zones' | 'buildings' | undefined, defaultHeightM: heightM });
    if (!imported.ok) {
      printRefusal(io, `${file}: refused`, imported.errors);
      return 1;
    }
    const merged = mergeMissionPatch(mission, imported.patch);
    if (!merged.ok) {
      io.err(`the mission with ${file} added would be invalid:\n`);
      for (const p of merged.errors) io.err(`  error ${formatProblem(p)}\n`);
      return 1;
    }
    const warnings = new Set(imported.patch.warnings);
    for (const note of imported.patch.notes) io.err(`${warnings.has(note) ? 'warning' : 'note'}: ${note}\n`);
    for (const [from, to] of merged.report?.renamed ?? []) io.err(`note: id "${from}" is taken; imported as "${to}"\n`);
    for (const dup of merged.report?.duplicates ?? []) io.err(`note: already in the mission, not added again: ${dup}\n`);
    if (!writeOutputFiles(io, [{ path: values.out, data: serializeMission(merged.mission) }])) return 1;
    const added = (key: 'noFlyZones' | 'buildings' | 'depots') => merged.mission[key].length - mission[key].length;
    io.out(
      `${resolve(values.out)}: added ${added('noFlyZones')} no-fly zone(s), ${added('buildings')} building(s), ${added('depots')} candidate depot(s)\n`,
    );
    return 0;
  },
};
