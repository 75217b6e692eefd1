/**
 * Problems that speak in things, not indexes: `orders[150].position` is "order o-151", field
 * "position". A pure mapping from a problem's path to the thing it is about (kind, id, name) in the
 * mission document, for the CLI's validate output and the app's problem lists. The path is kept for
 * experts (and for tools that grep it).
 */
import { type Problem, formatProblem } from './problems';

export type ProblemThingKind = 'depot' | 'order' | 'no-fly zone' | 'building' | 'drone model' | 'fault' | 'variant';

export interface ProblemSubject {
  kind: ProblemThingKind;
  /** Position in its list (0-based), when the path has one. */
  index?: number;
  /** The thing's id in the document, when it has a usable one. */
  id?: string;
  /** Its name, when it has one. */
  name?: string;
  /** `order o-151 ("Pier 3")`, or `order #151` when the id is missing. */
  label: string;
  /** The rest of the path, in the thing's own terms (`position`, `fleet[0].count`); empty for the whole thing. */
  field: string;
}

/** Top-level lists of a mission whose items are things with an id. */
const LISTS: Record<string, ProblemThingKind> = {
  depots: 'depot',
  orders: 'order',
  noFlyZones: 'no-fly zone',
  buildings: 'building',
  droneModels: 'drone model',
  faults: 'fault',
};

/** A what-if variant's overrides, by the words its form uses. */
const OVERRIDE_FIELDS: Record<string, string> = {
  'wind.speedMps': 'wind speed',
  'wind.fromDeg': 'wind direction',
  'wind.gustMps': 'gusts',
  wind: 'wind',
  depotsOff: 'depots switched off',
  depotsOn: 'depots switched on',
  dronesPerDepot: 'drones per depot',
  droneModel: 'drone model',
  promiseWindowMin: 'promise window',
  orderScale: 'order scale',
};

const ITEM_PATH = /^([A-Za-z]+)\[(\d+)\](.*)$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** Quote a name for a one-line message (its own quotes escaped, shortened past 60 characters). */
function quoted(name: string): string {
  const short = name.length > 60 ? `${name.slice(0, 57)}…` : name;
  return JSON.stringify(short);
}

function faultName(item: Record<string, unknown>): string | undefined {
  const kind = text(item.kind);
  const target = text(item.droneId) ?? text(item.depotId);
  return kind && target ? `${kind} of ${target}` : kind;
}

/**
 * The thing a problem path points at, looked up in `doc` (a loaded Mission, or the raw JSON of a refused
 * file: indexes are the file's own), or undefined when the path is about the mission as a whole
 * (`name`, `wind.speedMps`, `settings.reserve.minPercent`) or about nothing the document has.
 */
export function problemSubject(path: string, doc?: unknown): ProblemSubject | undefined {
  if (path.startsWith('overrides.') || path === 'overrides') {
    const rest = path.slice('overrides.'.length);
    const key = Object.keys(OVERRIDE_FIELDS).find((k) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`));
    return { kind: 'variant', label: 'variant', field: key ? OVERRIDE_FIELDS[key] : rest };
  }
  const m = ITEM_PATH.exec(path);
  if (!m) return undefined;
  const kind = LISTS[m[1]];
  if (!kind) return undefined;
  const index = Number(m[2]);
  const field = m[3].replace(/^\./, '');
  const list = isRecord(doc) ? doc[m[1]] : undefined;
  const item = Array.isArray(list) ? list[index] : undefined;
  if (!isRecord(item)) return { kind, index, label: `${kind} #${index + 1}`, field };
  const id = text(item.id);
  const name = kind === 'fault' ? faultName(item) : text(item.name);
  const head = id ? `${kind} ${id}` : `${kind} #${index + 1}`;
  return { kind, index, id, name, label: name && name !== id ? `${head} (${quoted(name)})` : head, field };
}

/** A problem told by its thing: subject (if any), the field within it, the reason, and the raw path. */
export interface NamedProblem {
  subject?: ProblemSubject;
  /** `order o-151 ("Pier 3"): position: inside no-fly zone "Park"`; without a subject, formatProblem's text. */
  text: string;
  path: string;
}

export function describeProblem(p: Problem, doc?: unknown): NamedProblem {
  const subject = p.path ? problemSubject(p.path, doc) : undefined;
  if (!subject) return { text: formatProblem(p), path: p.path };
  const where = subject.field ? `${subject.label}: ${subject.field}` : subject.label;
  return { subject, text: `${where}: ${p.message}`, path: p.path };
}

/**
 * One line for a terminal or a log: the thing, the field, the reason, then the path for experts:
 * `order o-151: position: inside no-fly zone "Park" (at orders[150].position)`. Problems about the
 * mission as a whole read as before (`wind.speedMps: must be ...`).
 */
export function formatProblemNamed(p: Problem, doc?: unknown): string {
  const d = describeProblem(p, doc);
  return d.subject ? `${d.text} (at ${d.path})` : d.text;
}

/** The document behind a mission file's text for naming its problems: its JSON, or undefined when it is not JSON. */
export function documentForProblems(missionText: string): unknown {
  try {
    return JSON.parse(missionText.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}
