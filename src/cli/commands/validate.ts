import { formatProblem, parseMissionText } from '../../core/mission';
import { type Command, UsageError } from '../command';
import { readTextFile } from '../files';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a mission file: prints ok, or every error and check (exit 1)',
  usage: 'skyhaul validate <mission.json> [more.json ...]',
  async run(args, io) {
    const files = args.filter((a) => !a.startsWith('-'));
    if (files.length === 0) throw new UsageError('give at least one mission file');
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
      const problems = result.ok ? result.checks : result.errors;
      if (problems.length === 0) {
        io.out(`${prefix}ok\n`);
        continue;
      }
      failed = true;
      for (const p of problems) io.out(`${prefix}${p.severity} ${formatProblem(p)}\n`);
      io.out(
        `${prefix}${result.ok ? 'loads, but' : 'refused:'} ${problems.length} problem${problems.length > 1 ? 's' : ''}\n`,
      );
    }
    return failed ? 1 : 0;
  },
};
