import { resolve } from 'node:path';
import { type Mission, type Order, type Problem, formatProblem, parseMission, serializeMission, toMissionSeconds } from '../../core/mission';
import { generateDemandOrders, startClockS, withDemandOrders } from '../../core/dispatch/demand';
import { type FeedFormat, parseOrderFeed } from '../../core/dispatch/feed';
import { createFrame } from '../../core/geo/frame';
import { percentile } from '../../core/stats';
import { parseCommandArgs, wholeNumberFlag } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { printRefusal, readMissionFile, readTextFile } from '../files';

const USAGE =
  'skyhaul orders <mission.json> (--demand [--seed N] | --feed orders.csv|orders.json) --out new-mission.json [--replace|--append]\n' +
  '       --demand: a day of orders from the mission\'s demand model (default --replace)\n' +
  '       --feed:   orders from a CSV or JSON feed (default --append)';

export const ordersCommand: Command = {
  name: 'orders',
  summary: "a day of orders from the mission's demand model, or orders from a CSV/JSON feed (writes a new file)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({
      args,
      allowPositionals: true,
      options: {
        demand: { type: 'boolean' },
        seed: { type: 'string' },
        feed: { type: 'string' },
        out: { type: 'string' },
        replace: { type: 'boolean' },
        append: { type: 'boolean' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    if (Boolean(values.demand) === (values.feed !== undefined)) throw new UsageError('give either --demand or --feed <file>');
    if (values.seed !== undefined && !values.demand) throw new UsageError('--seed goes with --demand');
    if (values.replace && values.append) throw new UsageError('give --replace or --append, not both');
    // Never overwrite the mission by accident: the output is always named, even when it is the input.
    if (!values.out) throw new UsageError('--out is required (give the mission file again to overwrite it)');
    const seed = values.seed === undefined ? undefined : wholeNumberFlag('--seed', values.seed, 0, 0);
    if (seed !== undefined && seed > 0xffff_ffff) throw new UsageError(`--seed must be at most 4294967295 (got ${seed})`);
    const append = values.append ?? (values.replace ? false : !values.demand);

    const mission = readMissionFile(positionals[0], io);
    if (!mission) return 1;
    const made = values.demand ? fromDemand(mission, seed, append, io) : fromFeed(mission, values.feed as string, append, io);
    if (!made) return 1;

    if (!writeOutputFiles(io, [{ path: values.out, data: serializeMission(made) }])) return 1;
    const kept = append ? mission.orders.length : 0;
    io.out(`${resolve(values.out)}: ${made.orders.length} orders (${made.orders.length - kept} ${values.demand ? 'generated' : 'imported'}${append ? `, ${kept} kept` : `, ${mission.orders.length} replaced`})\n`);
    for (const line of summary(made)) io.out(`  ${line}\n`);
    return 0;
  },
};

function fromDemand(mission: Mission, seed: number | undefined, append: boolean, io: CliIO): Mission | undefined {
  if (!mission.demand) {
    io.err('the mission has no demand model: add a "demand" field (see the README, "Demand model and order feeds")\n');
    return undefined;
  }
  try {
    if (!append) return withDemandOrders(mission, seed);
    return validated(mission, [...mission.orders, ...generateDemandOrders(mission, seed)], [], io);
  } catch (e) {
    io.err(`cannot generate the orders: ${(e as Error).message}\n`);
    return undefined;
  }
}

function fromFeed(mission: Mission, file: string, append: boolean, io: CliIO): Mission | undefined {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    io.err(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  const feed = parseOrderFeed(text, feedFormat(file, text), mission);
  if (!feed.ok) {
    printRefusal(io, `${file}: refused`, feed.errors);
    return undefined;
  }
  if (append) {
    const taken = new Set(mission.orders.map((o) => o.id));
    const clashes: Problem[] = feed.orders.flatMap((o, i) =>
      taken.has(o.id) ? [{ path: `${feed.sources[i]}, id`, message: `"${o.id}" is already an order of the mission (rename it, or use --replace)`, severity: 'error' as const }] : [],
    );
    if (clashes.length > 0) {
      printRefusal(io, `${file}: refused`, clashes);
      return undefined;
    }
  }
  const kept = append ? mission.orders : [];
  // Name a feed order by its line (or index) in the feed when the loader refuses it.
  const sources = [...kept.map(() => ''), ...feed.sources.map((s) => `${file} ${s}`)];
  return validated(mission, [...kept, ...feed.orders], sources, io);
}

/** The mission with these orders through the loader; its refusals and checks are printed. */
function validated(mission: Mission, orders: Order[], sources: string[], io: CliIO): Mission | undefined {
  const r = parseMission({ ...mission, orders });
  const named = (p: Problem): Problem => {
    const i = Number(/^orders\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
    return sources[i] ? { ...p, path: `${p.path} (${sources[i]})` } : p;
  };
  if (!r.ok) {
    printRefusal(io, 'the mission with these orders would be refused', r.errors.map(named));
    return undefined;
  }
  for (const c of r.checks) io.err(`check ${formatProblem(named(c))}\n`);
  return r.mission;
}

/** `.csv` / `.json` by name; otherwise JSON when it starts like JSON. */
function feedFormat(file: string, text: string): FeedFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.json$/i.test(file)) return 'json';
  return /^\uFEFF?\s*[[{]/.test(text) ? 'json' : 'csv';
}

/** Orders per local placement hour, and per store (the nearest store to each drop). */
function summary(m: Mission): string[] {
  const lines: string[] = [];
  const clock = startClockS(m.startTime);
  const byHour = new Map<number, number>();
  let atStart = 0;
  for (const o of m.orders) {
    if (o.placedAt === undefined) {
      atStart++;
      continue;
    }
    const k = Math.floor((clock + toMissionSeconds(m.startTime, o.placedAt)) / 3600);
    byHour.set(k, (byHour.get(k) ?? 0) + 1);
  }
  if (byHour.size > 0) {
    const hours = [...byHour.keys()].sort((a, b) => a - b);
    lines.push(`placed by local hour: ${hours.map((k) => `${String(k % 24).padStart(2, '0')}h ${byHour.get(k)}`).join(', ')}`);
  }
  if (atStart > 0) lines.push(`without placedAt (known from the start): ${atStart}`);
  if (m.depots.length > 0 && m.orders.length > 0) {
    const frame = createFrame(m.origin);
    const stores = m.depots.map((d) => frame.toLocal(d.position));
    const counts = stores.map(() => 0);
    for (const o of m.orders) {
      const p = frame.toLocal(o.position);
      let best = 0;
      for (let i = 1; i < stores.length; i++) {
        if (Math.hypot(stores[i].x - p.x, stores[i].y - p.y) < Math.hypot(stores[best].x - p.x, stores[best].y - p.y)) best = i;
      }
      counts[best]++;
    }
    const sorted = [...counts].sort((a, b) => a - b);
    lines.push(`per store (nearest store, ${stores.length} stores): min ${sorted[0]}, median ${percentile(sorted, 50)}, max ${sorted[sorted.length - 1]}`);
  }
  return lines;
}
