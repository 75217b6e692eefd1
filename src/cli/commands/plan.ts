/**
 * `skyhaul plan`: the fleet planner. Writes the plan document (src/core/planner/plan.ts) and prints a
 * summary: assigned and unassigned orders (with every reason), lateness, energy, drones, conflicts.
 */
import { formatClock } from '../../core/mission/time';
import type { Plan, PlanOutput } from '../../core/planner';
import { numberFlag, parseCommandArgs, wholeNumberFlag } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readMissionFile } from '../files';
import { createProgressBar } from '../progress';
import { THREADS_USAGE, planOnThreads, threadsFlag } from '../pool/legCosts';

const USAGE = [
  'skyhaul plan <mission.json> [--time-limit <s>] [--iterations <n>] [--seed <n>] [--threads <n>] [--out plan.json] [--json]',
  '  --iterations: search iterations (default: 20 per order, 5,000 to 25,000); the same mission, seed and',
  '                iterations give the same plan on any machine',
  '  --time-limit: upper bound on the whole run in seconds (leg costs, search, assembly); when it cuts the',
  '                search short the summary says so, and the plan depends on the machine',
  '  --seed:       search seed (default 1)',
  ...THREADS_USAGE,
  '  --out:        where to write the plan JSON (default: not written)',
  '  --json:       print the plan JSON on stdout instead of the summary',
  'Progress goes to stderr; exit code 0 when a plan was made (unassigned orders included), 1 when the',
  'mission is refused.',
].join('\n');

const OPTIONS = {
  'time-limit': { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  threads: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export const planCommand: Command = {
  name: 'plan',
  summary: 'fleet plan: which drone delivers which order, when, on which 3D path (battery, payload, windows, separation)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    const timeLimitS = values['time-limit'] !== undefined ? numberFlag('--time-limit', values['time-limit'], { unit: 's', min: 0 }) : undefined;
    const iterations = values.iterations !== undefined ? wholeNumberFlag('--iterations', values.iterations, 0, 0) : undefined;
    const seed = wholeNumberFlag('--seed', values.seed, 1, 0);
    const threads = threadsFlag(values.threads);

    const mission = readMissionFile(positionals[0], io);
    if (!mission) return 1;
    const bar = createProgressBar(io, 'planning');
    const result = await planOnThreads(mission, { seed, timeLimitS, iterations, threads, onProgress: (f, message) => bar.update(f, message) });
    bar.done(`${result.stats.seconds.total.toFixed(1)} s`);
    const text = `${JSON.stringify(result.plan, null, 1)}\n`;
    if (values.out !== undefined && !writeOutputFiles(io, [{ path: values.out, data: text }])) return 1;
    if (values.json) io.out(text);
    else printSummary(io, mission.startTime, result, values.out);
    return 0;
  },
};

function printSummary(io: CliIO, startTime: string, r: PlanOutput, out: string | undefined): void {
  const { plan, stats } = r;
  const k = plan.kpis;
  const clock = (s: number) => formatClock(startTime, s);
  const limit = plan.timeLimitS > 0 ? `, time limit ${plan.timeLimitS} s` : '';
  io.out(`plan for "${plan.missionName}" (seed ${plan.seed}, ${plan.iterationLimit ?? stats.iterationBudget} iterations${limit})\n`);
  io.out(`  assigned     ${k.assigned}/${k.ordersTotal} orders (priority ${k.servedPriority}/${k.totalPriority}), ${k.trips} trips\n`);
  io.out(`  on time      ${k.onTime}, late ${k.late} (total ${k.lateMinutesTotal.toFixed(1)} min, worst ${(k.lateMaxMinutes ?? 0).toFixed(1)} min)\n`);
  io.out(`  energy       ${(k.energyWh / 1000).toFixed(2)} kWh (${k.energyPerDeliveryWh.toFixed(1)} Wh per delivery), ${k.distanceKm.toFixed(1)} km flown\n`);
  const trips = plan.drones.flatMap((d) => d.trips);
  const contingencyWh = trips.reduce((s, t) => s + (t.contingencyWh ?? 0), 0);
  io.out(`  contingency  ${(contingencyWh / 1000).toFixed(2)} kWh planned on top (${k.energyWh > 0 ? ((contingencyWh / k.energyWh) * 100).toFixed(1) : '0.0'} % of the trips), final reserve kept\n`);
  const padsUsed = new Set(trips.map((t) => `${t.depotId}#${t.pad ?? '-'}`)).size;
  io.out(`  pads         ${2 * trips.length} take-offs and landings on ${padsUsed} pad${padsUsed === 1 ? "" : "s"}\n`);
  io.out(`  drones used  ${k.dronesUsed}/${plan.drones.length}\n`);
  io.out(`  conflicts    ${plan.conflicts.length} left (${stats.deconflictedTrips} trips delayed or re-layered to stay separated)\n`);
  io.out(`  solver       ${stats.iterations} iterations in ${stats.solverSeconds.toFixed(1)} s; total ${stats.seconds.total.toFixed(1)} s\n`);
  if (stats.cutShort) {
    io.out(`  cut short    the time limit stopped the search after ${stats.iterations} of ${stats.iterationBudget} iterations: another machine or run may give another plan (raise --time-limit, or lower --iterations, for a reproducible one)\n`);
  }
  const unassigned = plan.orders.filter((o): o is Extract<Plan['orders'][number], { status: 'unassigned' }> => o.status === 'unassigned');
  if (unassigned.length) {
    const byReason = new Map<string, number>();
    for (const o of unassigned) byReason.set(o.reason, (byReason.get(o.reason) ?? 0) + 1);
    io.out(`  unassigned   ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}\n`);
    for (const o of unassigned) io.out(`    ${o.orderId.padEnd(12)} ${o.reason.padEnd(18)} ${o.message}\n`);
  }
  for (const c of plan.conflicts.slice(0, 10)) {
    io.out(`  conflict     ${c.a.tripId} ~ ${c.b.tripId} at ${clock(c.tS)}: ${c.horizontalM.toFixed(0)} m apart, ${c.verticalM.toFixed(0)} m vertically\n`);
  }
  if (plan.conflicts.length > 10) io.out(`  ... ${plan.conflicts.length - 10} more conflicts in the plan file\n`);
  if (out !== undefined) io.out(`wrote ${out}\n`);
}
