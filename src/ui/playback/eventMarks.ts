/**
 * Marks on the timeline for the events a dispatcher looks for on a replay: emergencies, losses of
 * separation, diversions and holds. Events of one kind that fall within one slot of the timeline
 * (1/buckets of its length) share a mark, so a day with thousands of holds still draws a few hundred
 * marks at most; the mark's title lists what it stands for.
 */
import { formatClock } from '../../core/mission/time';
import type { SimEvent } from '../../core/sim/states';

export const MARK_KINDS = {
  emergency: { colour: '#e02424', one: 'emergency landing', many: 'emergency landings' },
  separation: { colour: '#7c3aed', one: 'loss of separation', many: 'losses of separation' },
  diversion: { colour: '#c026d3', one: 'diversion', many: 'diversions' },
  hold: { colour: '#0891b2', one: 'hold', many: 'holds' },
} as const;

export type MarkKind = keyof typeof MARK_KINDS;
export const MARK_KIND_ORDER = Object.keys(MARK_KINDS) as MarkKind[];

export function markKindOf(e: Pick<SimEvent, 'kind'>): MarkKind | null {
  switch (e.kind) {
    case 'emergency-landing':
      return 'emergency';
    case 'separation-loss':
      return 'separation';
    case 'divert':
      return 'diversion';
    case 'hold':
      return 'hold';
    default:
      return null;
  }
}

export interface EventMark {
  kind: MarkKind;
  /** Time of the first event of the mark (where a click seeks to). */
  tS: number;
  /** Position along the timeline, 0..1. */
  at: number;
  count: number;
  title: string;
}

/** At most this many events are named in a mark's title. */
const TITLE_EVENTS = 4;

/**
 * The marks of a trace's events between startS and endS, in time order (ties: by kind). `startTime`
 * gives the mission clock for the titles.
 */
export function eventMarks(
  events: readonly SimEvent[],
  startTime: string,
  startS: number,
  endS: number,
  buckets = 300,
): EventMark[] {
  const span = endS - startS;
  if (!(span > 0)) return [];
  const groups = new Map<string, { kind: MarkKind; events: SimEvent[] }>();
  for (const e of events) {
    const kind = markKindOf(e);
    if (!kind || e.tS < startS || e.tS > endS) continue;
    const slot = Math.min(buckets - 1, Math.floor(((e.tS - startS) / span) * buckets));
    const key = `${kind}:${slot}`;
    const g = groups.get(key);
    if (g) g.events.push(e);
    else groups.set(key, { kind, events: [e] });
  }
  const marks = [...groups.values()].map(({ kind, events: list }): EventMark => {
    const first = list[0];
    const names = MARK_KINDS[kind];
    const lines = list.slice(0, TITLE_EVENTS).map((e) => `${formatClock(startTime, e.tS)} ${describe(kind, e)}`);
    if (list.length > TITLE_EVENTS) lines.push(`… and ${list.length - TITLE_EVENTS} more`);
    const head = list.length === 1 ? names.one : `${list.length} ${names.many}`;
    return { kind, tS: first.tS, at: (first.tS - startS) / span, count: list.length, title: `${head}\n${lines.join('\n')}` };
  });
  return marks.sort((a, b) => a.tS - b.tS || MARK_KIND_ORDER.indexOf(a.kind) - MARK_KIND_ORDER.indexOf(b.kind));
}

function describe(kind: MarkKind, e: SimEvent): string {
  const drone = shortId(e.droneId);
  switch (kind) {
    case 'separation':
      return `${drone} and ${shortId(e.otherDroneId ?? '?')}${e.horizontalM !== undefined ? `, ${e.horizontalM.toFixed(0)} m apart` : ''}`;
    case 'diversion':
      return `${drone} to ${e.depotId ?? '?'}${e.reason ? ` (${e.reason})` : ''}`;
    default:
      return `${drone}${e.reason ? ` (${e.reason})` : ''}`;
  }
}

function shortId(droneId: string): string {
  const parts = droneId.split('/');
  return parts.length >= 3 ? `${parts[0]} #${parts[parts.length - 1]}` : droneId;
}
