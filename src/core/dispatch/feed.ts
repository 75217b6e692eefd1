/**
 * An order feed: orders from a shop system as CSV or JSON, turned into mission orders.
 *
 * CSV has a header row; required columns `id,lng,lat,parcelKg,placedAt`, optional
 * `priority,drop,earliest,latest,readyAt` (any order, names case-insensitive, quoted fields and CRLF
 * allowed). JSON is an array of objects with the same keys, or `{ "orders": [...] }`; a number may
 * also be written as a string there (as CSV has it), and null is an absent value.
 *
 * Times (placedAt, earliest, latest, readyAt) are seconds after the mission start, an ISO date-time
 * with offset, or a local clock time `HH:MM` / `HH:MM:SS` on the mission's start day (startTime's own
 * UTC offset); all are stored as mission seconds. A missing window is [placedAt + prepS,
 * placedAt + promiseS] and a missing readyAt is placedAt + prepS, with prepS and promiseS from the
 * mission's demand model (default 900 s and 7200 s).
 *
 * Every problem names its place (CSV: the line and column; JSON: the index and key), all at once up
 * to MAX_FEED_PROBLEMS.
 */
import { z } from 'zod';
import type { Problem } from '../mission/problems';
import { type Mission, type Order, lngLatSchema, orderSchema } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { MAX_DEMAND_ORDERS, startClockS } from './demand';

export type FeedFormat = 'csv' | 'json';
export type FeedResult =
  | { ok: true; orders: Order[]; /** Where each order came from: "line 5" or "[3]". */ sources: string[] }
  | { ok: false; errors: Problem[] };

/** Problems reported at most; the rest are counted in one last line. */
export const MAX_FEED_PROBLEMS = 50;
const DEFAULT_PREP_S = 900;
const DEFAULT_PROMISE_S = 7200;

const REQUIRED = ['id', 'lng', 'lat', 'parcelKg', 'placedAt'] as const;
const OPTIONAL = ['priority', 'drop', 'earliest', 'latest', 'readyAt'] as const;
const COLUMNS: readonly string[] = [...REQUIRED, ...OPTIONAL];
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** One order as read: its raw values by column, and how to name a place in it. */
interface Row {
  /** "line 5" or "[3]". */
  where: string;
  /** A column's raw value; undefined when absent or empty. */
  get(column: Column): unknown;
}

export function parseOrderFeed(text: string, format: FeedFormat, mission: Mission): FeedResult {
  const problems = new ProblemList();
  const rows = format === 'csv' ? csvRows(text.replace(/^\uFEFF/, ''), problems) : jsonRows(text, problems);
  if (rows.length > MAX_DEMAND_ORDERS) {
    problems.add('', `has ${rows.length} orders; a feed may have at most ${MAX_DEMAND_ORDERS}`);
    return { ok: false, errors: problems.list() };
  }
  const read = new OrderReader(mission, problems);
  const orders: Order[] = [];
  const sources: string[] = [];
  for (const row of rows) {
    const order = read.order(row);
    if (order) {
      orders.push(order);
      sources.push(row.where);
    }
  }
  if (problems.count > 0) return { ok: false, errors: problems.list() };
  return { ok: true, orders, sources };
}

/** Collects every problem; lists them by line (or index), the first MAX_FEED_PROBLEMS of them. */
class ProblemList {
  private all: Problem[] = [];
  get count(): number {
    return this.all.length;
  }
  add(path: string, message: string): void {
    this.all.push({ path, message, severity: 'error' });
  }
  list(): Problem[] {
    // The file's own order (a stable sort keeps a row's problems in column order); document-wide first.
    const row = (p: Problem) => Number(/^(?:line |orders\[|\[)(\d+)/.exec(p.path)?.[1] ?? 0);
    const sorted = [...this.all].sort((a, b) => row(a) - row(b));
    const more = sorted.length - MAX_FEED_PROBLEMS;
    if (more <= 0) return sorted;
    return [...sorted.slice(0, MAX_FEED_PROBLEMS), { path: '', message: `... and ${more} more problem${more > 1 ? 's' : ''}`, severity: 'error' }];
  }
}

// ---------------------------------------------------------------------------------------------- CSV

interface CsvRecord {
  /** The line the record starts on (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/** RFC 4180 records: comma-separated, `"` quotes with `""` inside, LF, CRLF or CR line ends. */
function splitCsv(text: string, problems: ProblemList): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false; // inside quotes
  let closed = false; // after the closing quote of this field
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record.
    if (fields.length > 1 || fields[0].trim() !== '' || closed) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    closed = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
        closed = true;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === '' && !closed) {
      quoted = true;
      quoteLine = line;
      field = '';
    } else if (c === ',') {
      fields.push(field);
      field = '';
      closed = false;
    } else if (c === '\r' && text[i + 1] === '\n') {
      // the \n ends the record
    } else if (c === '\n' || c === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      if ((closed && c.trim() !== '') || c === '"') problems.add(`line ${line}`, `unexpected ${c === '"' ? 'quote' : `"${c}" after a closing quote`}: quote the whole field and double any quote inside it ("")`);
      field += c;
    }
  }
  if (quoted) problems.add(`line ${quoteLine}`, 'a quoted field is never closed (missing ")');
  else endRecord();
  return records;
}

function csvRows(text: string, problems: ProblemList): Row[] {
  const records = splitCsv(text, problems);
  if (records.length === 0) {
    problems.add('line 1', `the feed is empty: expected a header row with ${REQUIRED.join(',')}`);
    return [];
  }
  const [header, ...body] = records;
  const at = `line ${header.line}`;
  // Column name -> field index; names are matched case-insensitively.
  const index = new Map<Column, number>();
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    const column = COLUMNS.find((c) => c.toLowerCase() === name.toLowerCase()) as Column | undefined;
    if (!column) problems.add(at, `unknown column "${name}" (columns: ${COLUMNS.join(', ')})`);
    else if (index.has(column)) problems.add(at, `column "${column}" appears twice`);
    else index.set(column, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length > 0) {
    problems.add(at, `missing column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} (required: ${REQUIRED.join(', ')})`);
    return [];
  }
  const rows: Row[] = [];
  for (const record of body) {
    if (record.fields.length !== header.fields.length) {
      problems.add(`line ${record.line}`, `has ${record.fields.length} field${record.fields.length > 1 ? 's' : ''}, the header has ${header.fields.length}`);
      continue;
    }
    rows.push({
      where: `line ${record.line}`,
      get: (column) => {
        const i = index.get(column);
        const v = i === undefined ? '' : record.fields[i].trim();
        return v === '' ? undefined : v;
      },
    });
  }
  return rows;
}

// --------------------------------------------------------------------------------------------- JSON

function jsonRows(text: string, problems: ProblemList): Row[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    problems.add('', `not valid JSON: ${(e as Error).message}`);
    return [];
  }
  const wrapper = isObject(raw) && 'orders' in raw ? raw : undefined;
  const items = wrapper ? wrapper.orders : raw;
  const prefix = wrapper ? 'orders' : '';
  if (!Array.isArray(items)) {
    problems.add(prefix, wrapper ? 'must be an array of orders' : 'must be an array of orders or {"orders": [...]}');
    return [];
  }
  for (const key of Object.keys(wrapper ?? {})) if (key !== 'orders') problems.add('', `unknown field "${key}" (expected {"orders": [...]})`);
  const rows: Row[] = [];
  items.forEach((item, i) => {
    const where = `${prefix}[${i}]`;
    if (!isObject(item)) {
      problems.add(where, 'must be an object with id, lng, lat, parcelKg, placedAt');
      return;
    }
    for (const key of Object.keys(item)) if (!COLUMNS.includes(key)) problems.add(where, `unknown field "${key}" (fields: ${COLUMNS.join(', ')})`);
    rows.push({ where, get: (column) => item[column] ?? undefined });
  });
  return rows;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ------------------------------------------------------------------------------------------- orders

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const isoTime = z.iso.datetime({ offset: true });

/** Reads rows into orders, reporting each bad value with the row's place and the column. */
class OrderReader {
  private readonly prepS: number;
  private readonly promiseS: number;
  /** Id -> where it was first seen. */
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly mission: Mission,
    private readonly problems: ProblemList,
  ) {
    this.prepS = mission.demand?.prepS ?? DEFAULT_PREP_S;
    this.promiseS = mission.demand?.promiseS ?? DEFAULT_PROMISE_S;
  }

  order(row: Row): Order | undefined {
    const before = this.problems.count;
    const bad = (column: string, message: string) => this.problems.add(place(row, column), message);
    const required = (column: Column) => {
      const v = row.get(column);
      if (v === undefined) bad(column, 'is missing');
      return v;
    };

    const id = this.id(row, required('id'));
    const lng = this.number(row, 'lng', required('lng'));
    const lat = this.number(row, 'lat', required('lat'));
    if (lng !== undefined && lat !== undefined) {
      const p = lngLatSchema.safeParse([lng, lat]);
      if (!p.success) for (const issue of p.error.issues) bad(issue.path[0] === 0 ? 'lng' : 'lat', issue.message);
    }
    const parcelKg = this.checked(row, 'parcelKg', this.number(row, 'parcelKg', required('parcelKg')), orderSchema.shape.parcelKg);
    const priorityRaw = row.get('priority');
    const priority = this.checked(row, 'priority', priorityRaw === undefined ? 1 : this.number(row, 'priority', priorityRaw), orderSchema.shape.priority);
    const dropRaw = row.get('drop');
    const drop = this.checked(row, 'drop', dropRaw ?? 'winch', orderSchema.shape.drop);

    const placedAt = this.time(row, 'placedAt', required('placedAt'));
    const optionalTime = (column: Column) => {
      const v = row.get(column);
      return v === undefined ? undefined : this.time(row, column, v);
    };
    const earliestIn = optionalTime('earliest');
    const latestIn = optionalTime('latest');
    const readyIn = optionalTime('readyAt');
    if (placedAt === undefined) return undefined;
    const earliest = earliestIn ?? placedAt + this.prepS;
    const latest = latestIn ?? placedAt + this.promiseS;
    const readyAt = readyIn ?? placedAt + this.prepS;
    // The loader's rules (load.ts), said here with the feed's line and column.
    if (latest < earliest) {
      if (latestIn !== undefined) bad('latest', `is before earliest (${earliest} s)`);
      else bad('earliest', `is after the default latest (placedAt + ${this.promiseS} s = ${latest} s); give latest too`);
    }
    if (placedAt > latest) bad('placedAt', `is after latest (${latest} s): the promise would end before the order is placed`);
    if (readyAt < placedAt) bad('readyAt', `is before placedAt (${placedAt} s): a parcel cannot be ready before it is ordered`);

    if (this.problems.count > before || id === undefined || lng === undefined || lat === undefined) return undefined;
    if (parcelKg === undefined || priority === undefined || drop === undefined) return undefined;
    return { id, position: [lng, lat], parcelKg, window: { earliest, latest }, priority, drop, placedAt, readyAt };
  }

  private id(row: Row, v: unknown): string | undefined {
    if (v === undefined) return undefined;
    const id = this.checked(row, 'id', typeof v === 'number' ? String(v) : v, orderSchema.shape.id);
    if (id === undefined) return undefined;
    const first = this.ids.get(id);
    if (first !== undefined) {
      this.problems.add(place(row, 'id'), `duplicate id "${id}" (also ${first})`);
      return undefined;
    }
    this.ids.set(id, row.where);
    return id;
  }

  private number(row: Row, column: Column, v: unknown): number | undefined {
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && NUMBER.test(v)) return Number(v);
    this.problems.add(place(row, column), `must be a number (got ${show(v)})`);
    return undefined;
  }

  /** A value through the mission schema's own rule for the field (same bounds, same messages). */
  private checked<T>(row: Row, column: Column, v: unknown, schema: z.ZodType<T>): T | undefined {
    if (v === undefined) return undefined;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) this.problems.add(place(row, column), issue.message);
    return undefined;
  }

  /** Mission seconds from seconds, an ISO date-time with offset, or HH:MM[:SS] on the start day. */
  private time(row: Row, column: Column, v: unknown): number | undefined {
    if (v === undefined) return undefined;
    const bad = (message: string) => {
      this.problems.add(place(row, column), message);
      return undefined;
    };
    let s: number;
    if (typeof v === 'number' && Number.isFinite(v)) s = v;
    else if (typeof v !== 'string') return bad(`must be seconds after the mission start, an ISO date-time with offset or HH:MM (got ${show(v)})`);
    else if (NUMBER.test(v)) s = Number(v);
    else if (CLOCK.test(v)) {
      const [, h, m, sec] = CLOCK.exec(v) as RegExpExecArray;
      if (Number(h) > 23 || Number(m) > 59 || Number(sec ?? 0) > 59) return bad(`"${v}" is not a clock time (HH:MM or HH:MM:SS, 00:00 to 23:59:59)`);
      s = Number(h) * 3600 + Number(m) * 60 + Number(sec ?? 0) - startClockS(this.mission.startTime);
      if (s < 0) return bad(`${v} on the start day is before the mission start (${this.mission.startTime}); give later days as seconds or an ISO time`);
    } else if (isoTime.safeParse(v).success) s = toMissionSeconds(this.mission.startTime, v);
    else return bad(`must be seconds after the mission start, an ISO date-time with offset or HH:MM (got ${show(v)})`);
    if (s < 0) return bad(`is before the mission start (${this.mission.startTime})`);
    return s;
  }
}

const place = (row: Row, column: string) => (row.where.startsWith('line') ? `${row.where}, ${column}` : `${row.where}.${column}`);

/** A raw value in a message, short. */
function show(v: unknown): string {
  const text = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
