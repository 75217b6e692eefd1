import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type Mission, type Problem, formatProblem, parseMission, parseMissionText } from '../core/mission';
import { type ScenarioInput, applyOverrides, parseScenarioJson } from '../core/whatif';
import type { CliIO } from './command';
import { decodeUtf8 } from '../core/mission/text';

/**
 * A text file as the CLI reads every input (missions, plans, traces, scenarios, imports): UTF-8, a
 * leading byte order mark dropped, invalid UTF-8 refused with where it is (the app's decoder too).
 * Throws what readFileSync throws, or an Error naming the bad byte.
 */
export function readTextFile(path: string): string {
  const decoded = decodeUtf8(readFileSync(path));
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.text;
}

/** Print "<heading>, N error(s)" and one line per problem (path and reason) on stderr. */
export function printRefusal(io: CliIO, heading: string, problems: readonly Problem[]): void {
  io.err(`${heading}, ${problems.length} error${problems.length > 1 ? 's' : ''}\n`);
  for (const p of problems) io.err(`  error ${formatProblem(p)}\n`);
}

/**
 * Read and parse a JSON file; prints why not (cannot be read: the error code; not JSON: the parser's
 * message) and returns undefined when it cannot be used. `what` names the file in the message.
 */
export function readJsonFile(path: string, io: CliIO, what = 'JSON file'): unknown {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    io.err(`${path}: not a readable ${what} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    io.err(`${path}: not a readable ${what}: not valid JSON: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** Read and validate a mission file; prints the errors and returns undefined when it is refused. */
export function readMissionFile(path: string, io: CliIO): Mission | undefined {
  let text: string;
  try {
    text = readTextFile(path);
  } catch (e) {
    io.err(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  const result = parseMissionText(text);
  if (!result.ok) {
    printRefusal(io, `${path}: refused`, result.errors);
    return undefined;
  }
  return result.mission;
}

/**
 * Read a scenario or mission file into a runnable scenario (compare, sweep); prints every problem
 * (with the file and the field) and returns undefined when it cannot be used.
 */
export function readScenarioFile(path: string, io: CliIO, id: string): ScenarioInput | undefined {
  const raw = readJsonFile(path, io);
  if (raw === undefined) return undefined;
  const file = parseScenarioJson(raw);
  if (!file.ok) {
    printRefusal(io, `${path}: refused as a scenario`, file.errors);
    return undefined;
  }
  if (file.kind === 'mission') {
    const m = parseMission(file.mission);
    if (!m.ok) {
      printRefusal(io, `${path}: refused`, m.errors);
      return undefined;
    }
    return { id, name: m.mission.name, source: path, overrides: {}, notes: [], mission: m.mission };
  }
  const sc = file.scenario;
  const missionPath = resolve(dirname(path), sc.mission);
  const base = readMissionFile(missionPath, io);
  if (!base) {
    io.err(`${path}: its mission ${sc.mission} cannot be used\n`);
    return undefined;
  }
  const applied = applyOverrides(base, sc.overrides);
  if (!applied.ok) {
    printRefusal(io, `${path}: overrides refused`, applied.errors);
    return undefined;
  }
  return {
    id,
    name: sc.name ?? basename(path).replace(/\.json$/i, ''),
    source: path,
    ...(sc.description ? { description: sc.description } : {}),
    overrides: sc.overrides,
    notes: applied.notes,
    mission: applied.mission,
  };
}
