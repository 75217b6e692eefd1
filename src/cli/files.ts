import { readFileSync } from 'node:fs';
import { type Mission, formatProblem, parseMissionText } from '../core/mission';
import type { CliIO } from './command';

/** Read and validate a mission file; prints the errors and returns undefined when it is refused. */
export function readMissionFile(path: string, io: CliIO): Mission | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    io.err(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  const result = parseMissionText(text);
  if (!result.ok) {
    io.err(`${path}: refused, ${result.errors.length} error${result.errors.length > 1 ? 's' : ''}\n`);
    for (const p of result.errors) io.err(`  error ${formatProblem(p)}\n`);
    return undefined;
  }
  return result.mission;
}
