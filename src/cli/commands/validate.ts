import { waterFromGeoJson } from '../../core/context';
import { type Mission, type Problem, flyabilityChecks, parseMissionText } from '../../core/mission';
import { documentForProblems, formatProblemNamed } from '../../core/mission/problemSubject';
import { parseCommandArgs } from '../args';
import { type Command, UsageError } from '../command';
import { readJsonFile, readTextFile } from '../files';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a mission file: prints ok, or every error and check (exit 1)',
  usage:
    'skyhaul validate <mission.json> [more.json ...] [--context water.geojson]\n' +
    "       --context: also check stores and drops against this water (GeoJSON polygons, e.g. missions/context/shenzhen-sea.geojson), besides any in the mission's own map context",
  async run(args, io) {
    const { values, positionals: files } = parseCommandArgs({ args, allowPositionals: true, options: { context: { type: 'string' } } });
    if (files.length === 0) throw new UsageError('give at least one mission file');
    let extraWater: NonNullable<Mission['context']>['water'] = [];
    if (values.context !== undefined) {
      const doc = readJsonFile(values.context, io, 'GeoJSON file');
      if (doc === undefined) return 1;
      const read = waterFromGeoJson(doc);
      if (!read.ok) {
        io.err(`${values.context}: ${read.message}\n`);
        return 1;
      }
      extraWater = read.water;
    }
    let failed = false;
    for (const file of files) {
      const prefix = files.length > 1 ? `${file}: ` : '';
      let text: string;
      try {
        text = readTextFile(file);
      } catch (e) {
        io.out(`${prefix}error: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
        failed = true;
        continue;
      }
      const result = parseMissionText(text);
      const problems: Problem[] = result.ok ? result.checks : result.errors;
      if (result.ok && extraWater.length > 0) {
        // The checks again, with the given water added to the mission's map context.
        const m = result.mission;
        const context = { roads: [], buildings: [], ...m.context, water: [...(m.context?.water ?? []), ...extraWater] };
        problems.splice(0, problems.length, ...flyabilityChecks({ ...m, context }));
      }
      if (problems.length === 0) {
        io.out(`${prefix}ok\n`);
        continue;
      }
      failed = true;
      const doc = result.ok ? result.mission : documentForProblems(text);
      for (const p of problems) io.out(`${prefix}${p.severity} ${formatProblemNamed(p, doc)}\n`);
      io.out(
        `${prefix}${result.ok ? 'loads, but' : 'refused:'} ${problems.length} problem${problems.length > 1 ? 's' : ''}\n`,
      );
    }
    return failed ? 1 : 0;
  },
};
