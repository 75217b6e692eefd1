import { join } from 'node:path';
import { missionFingerprint, formatPath } from '../../core/mission';
import { type Plan, planSchema } from '../../core/planner/plan';
import { EXPORT_FORMATS, type ExportFormat, type ExportOptions, type TraceLike, exportFiles, traceProblems } from '../../core/formats';
import { numberFlag, parseCommandArgs } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readJsonFile, readMissionFile } from '../files';

const USAGE =
  'skyhaul export <mission.json> --plan plan.json [--trace trace.json] --format qgc|wpl|geojson|czml|kml --out DIR\n' +
  '       [--altitude relative|amsl] [--ground-amsl M] [--firmware px4|ardupilot] [--finish land|rtl]\n' +
  '       --ground-amsl M: the ground elevation (m AMSL) of a mission without terrain, for --altitude amsl and CZML heights\n' +
  '       (default 0); ignored for QGC / WPL when the mission has terrain (its ground elevations are used; CZML still takes it\n' +
  '       as the datum\'s height above the ellipsoid)';

function readPlan(path: string, io: CliIO): Plan | undefined {
  const raw = readJsonFile(path, io, 'plan file');
  if (raw === undefined) return undefined;
  const parsed = planSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  io.err(`${path}: refused, not a Skyhaul plan:\n`);
  for (const issue of parsed.error.issues.slice(0, 20)) io.err(`  error ${formatPath(issue.path) || '(document)'}: ${issue.message}\n`);
  return undefined;
}

function readTrace(path: string, io: CliIO): TraceLike | undefined {
  const raw = readJsonFile(path, io, 'trace file');
  if (raw === undefined) return undefined;
  const problems = traceProblems(raw);
  if (problems.length === 0) return raw as TraceLike;
  io.err(`${path}: refused, not a trace:\n`);
  for (const p of problems.slice(0, 20)) io.err(`  error ${p.path || '(document)'}: ${p.message}\n`);
  return undefined;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a plan / mission / trace as QGroundControl .plan, MAVLink WPL, GeoJSON, CZML or KML',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        plan: { type: 'string' },
        trace: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        altitude: { type: 'string' },
        'ground-amsl': { type: 'string' },
        firmware: { type: 'string' },
        finish: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    const format = values.format as ExportFormat | undefined;
    if (!format || !EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
    if (!values.out) throw new UsageError('--out DIR is required');
    if ((format === 'qgc' || format === 'wpl') && !values.plan) throw new UsageError(`--format ${format} needs --plan`);
    if ((format === 'czml' || format === 'kml') && !values.plan && !values.trace) throw new UsageError(`--format ${format} needs --trace or --plan`);
    const options: ExportOptions = {};
    if (values.altitude !== undefined) {
      if (values.altitude !== 'relative' && values.altitude !== 'amsl') throw new UsageError('--altitude must be relative or amsl');
      options.altitudeFrame = values.altitude;
    }
    if (values['ground-amsl'] !== undefined) {
      const v = numberFlag('--ground-amsl', values['ground-amsl'], { unit: 'm' });
      options.groundAmslM = v;
      options.groundHeightM = v;
    }
    if (values.firmware !== undefined) {
      if (values.firmware !== 'px4' && values.firmware !== 'ardupilot') throw new UsageError('--firmware must be px4 or ardupilot');
      options.firmware = values.firmware;
    }
    if (values.finish !== undefined) {
      if (values.finish !== 'land' && values.finish !== 'rtl') throw new UsageError('--finish must be land or rtl');
      options.finish = values.finish;
    }

    const mission = readMissionFile(positionals[0], io);
    if (!mission) return 1;
    const plan = values.plan ? readPlan(values.plan, io) : undefined;
    if (values.plan && !plan) return 1;
    const trace = values.trace ? readTrace(values.trace, io) : undefined;
    if (values.trace && !trace) return 1;
    if (plan && plan.missionFingerprint !== missionFingerprint(mission)) {
      io.err(`warning: ${values.plan} was made for another version of the mission (fingerprint differs)\n`);
    }

    const result = exportFiles(format, { mission, plan, trace }, options);
    if (!result.ok) {
      io.err(`cannot export: ${result.path}: ${result.message}\n`);
      return 1;
    }
    const outDir = values.out;
    const files = result.files.map((f) => ({ path: join(outDir, f.name), data: f.text }));
    if (!writeOutputFiles(io, files)) return 1;
    for (const f of files) io.out(`${f.path}\n`);
    io.err(`wrote ${result.files.length} ${format} file${result.files.length > 1 ? 's' : ''} to ${values.out}\n`);
    return 0;
  },
};
