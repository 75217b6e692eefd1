/**
 * `skyhaul simulate`: fly a plan through a simulated day (actual weather, faults, contingencies),
 * print the KPIs and write the trace that playback replays. With --runs K, K seeds and the spread.
 */
import { formatProblem } from '../../core/mission';
import type { Fault } from '../../core/mission/schema';
import { FAULT_SPEC_HELP, checkFaults, parseFaultSpec } from '../../core/sim/faults';
import { simulate } from '../../core/sim/engine';
import { type SimKpis, summarizeRuns } from '../../core/sim/kpis';
import type { SimTrace } from '../../core/sim/trace';
import type { Plan } from '../../core/planner/plan';
import { budgetFlags, parseCommandArgs, wholeNumberFlag } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readJsonFile, readMissionFile } from '../files';
import { createProgressBar } from '../progress';
import { planOnThreads, threadsFlag } from '../pool/legCosts';
import { QUEUE_OPTIONS, QUEUE_USAGE, checkQueueFlags, simulateSeedsOnQueue } from '../queue/cliExecutor';

const USAGE = [
  'skyhaul simulate <mission.json> [--plan <plan.json>] [--seed <n>] [--runs <k>] [--fault <spec>]... [--out <trace.json>] [--json]',
  `  --fault  ${FAULT_SPEC_HELP} (repeatable; adds to the mission's own faults)`,
  '  --runs   simulate seeds n, n+1, ..., n+k-1 and print the spread; --out writes the trace of seed n',
  '  without --plan the fleet planner makes one first: --iterations <n>, --time-limit <s> and --threads <n> as for',
  '  `skyhaul plan`',
  ...QUEUE_USAGE.map((l) => l.replace('run on', 'with --runs, seeds n+1.. run on')),
].join('\n');

const OPTIONS = {
  plan: { type: 'string' },
  'time-limit': { type: 'string' },
  iterations: { type: 'string' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  fault: { type: 'string', multiple: true },
  out: { type: 'string' },
  json: { type: 'boolean', default: false },
  ...QUEUE_OPTIONS,
} as const;

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export function formatKpis(k: SimKpis): string {
  const failed = Object.entries(k.failedByReason)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  return [
    `orders      ${k.ordersTotal}: ${k.delivered} delivered (${k.onTime} on time, ${k.late} late by ${k.lateMinutesTotal.toFixed(1)} min in total), ${k.failed} failed, ${k.pending} pending`,
    ...(failed ? [`failed      ${failed}`] : []),
    `on time     ${pct(k.onTimeRate)} of all orders`,
    `energy      ${(k.energyWh / 1000).toFixed(2)} kWh, ${k.energyPerDeliveryWh.toFixed(1)} Wh per delivery`,
    `distance    ${k.distanceKm.toFixed(1)} km`,
    `utilisation ${pct(k.utilisation)} of drone time airborne`,
    `lowest SoC  ${pct(k.minSoc)} (${k.minSocDroneId || '-'})`,
    `events      ${k.emergencyLandings} emergency landings, ${k.diversions} diversions, ${k.reroutes} reroutes, ${k.requeued} re-queued, ${k.separationLosses} losses of separation`,
    `reserve     ${k.landingsBelowReserve} landings below the final reserve`,
    `terminal    ${k.padMovements} pad movements (busiest pad ${k.busiestPadMovements}), ground wait ${k.groundWaitMinutes.toFixed(1)} min, holding ${k.holdMinutes.toFixed(1)} min (traffic or a busy pad), ${k.takeoffsResequenced} take-offs resequenced`,
  ].join('\n');
}

function traceSize(trace: SimTrace, json: string): string {
  const samples = trace.drones.reduce((s, d) => s + d.tS.length, 0);
  return `${(json.length / 1024).toFixed(0)} KB, ${trace.drones.length} drones, ${samples} samples, ${trace.events.length} events`;
}

export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'fly a plan through a simulated day (weather, faults, contingencies): KPIs and a trace for playback',
  usage: USAGE,
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    const seed = wholeNumberFlag('--seed', values.seed, 1, -(2 ** 31));
    const runs = wholeNumberFlag('--runs', values.runs, 1, 1);
    const threads = threadsFlag(values.threads);
    checkQueueFlags(values, undefined);
    const remote = values.redis !== undefined && runs > 1;

    const faults: Fault[] = [];
    for (const spec of values.fault ?? []) {
      const f = parseFaultSpec(spec);
      if (!f.ok) throw new UsageError(f.message);
      faults.push(f.fault);
    }

    const mission = readMissionFile(positionals[0], io);
    if (!mission) return 1;
    const faultProblems = checkFaults(mission, faults, '--fault');
    if (faultProblems.length > 0) {
      for (const p of faultProblems) io.err(`refused: ${formatProblem(p).replace(/^--fault\[(\d+)\]\.\w+: /, (_, i) => `--fault ${values.fault![Number(i)]}: `)}\n`);
      return 1;
    }

    let planRaw: unknown;
    const planSource = values.plan ?? 'the plan';
    if (values.plan === undefined) {
      // No plan given: make one with the fleet planner first, as `skyhaul plan` would (seed as given).
      const budget = budgetFlags(values);
      const planBar = createProgressBar(io, 'planning');
      planRaw = (await planOnThreads(mission, { seed, ...budget, threads, onProgress: (f, message) => planBar.update(f, message) })).plan;
      planBar.done();
    } else {
      planRaw = readJsonFile(values.plan, io, 'plan file');
      if (planRaw === undefined) return 1;
    }

    const bar = createProgressBar(io, runs > 1 ? `simulating ${runs} runs` : 'simulating');
    const results: { seed: number; kpis: SimKpis }[] = [];
    let firstTrace: SimTrace | undefined;
    for (let r = 0; r < (remote ? 1 : runs); r++) {
      const runSeed = seed + r;
      const result = simulate(mission, planRaw, {
        seed: runSeed,
        faults,
        onProgress: (f) => bar.update((r + f) / runs, `seed ${runSeed}`),
      });
      if (!result.ok) {
        io.err(`${planSource}: refused, the plan does not match the mission (${result.errors.length} problem${result.errors.length > 1 ? 's' : ''})\n`);
        const shown = 20;
        for (const p of result.errors.slice(0, shown)) io.err(`  error ${formatProblem(p)}\n`);
        if (result.errors.length > shown) io.err(`  ... and ${result.errors.length - shown} more\n`);
        return 1;
      }
      if (r === 0) for (const w of result.warnings) io.err(`warning: ${formatProblem(w)}\n`);
      results.push({ seed: runSeed, kpis: result.trace.kpis });
      if (r === 0) firstTrace = result.trace;
    }
    if (remote) {
      // Seed n ran here (its trace and warnings); the others go to the queue's workers.
      const seeds = Array.from({ length: runs - 1 }, (_, i) => seed + 1 + i);
      const more = await simulateSeedsOnQueue(values, io, { mission, faults, plan: planRaw as Plan, seeds }, (n) => bar.update((1 + n) / runs, `${n}/${runs - 1} on the queue`));
      if (!more) return 1;
      results.push(...more);
    }
    bar.done(`${runs} run${runs > 1 ? 's' : ''}`);

    let written = '';
    if (values.out !== undefined && firstTrace) {
      const json = JSON.stringify(firstTrace);
      if (!writeOutputFiles(io, [{ path: values.out, data: json }])) return 1;
      written = `trace       ${values.out} (seed ${seed}: ${traceSize(firstTrace, json)})`;
    }

    const summary = runs > 1 ? summarizeRuns(results) : undefined;
    if (values.json) {
      io.out(`${JSON.stringify(summary ? { summary, runs: results } : results[0].kpis, null, 2)}\n`);
      return 0;
    }
    if (summary) {
      const s = summary.onTimeRate;
      io.out(`runs        ${runs} (seeds ${seed}..${seed + runs - 1})\n`);
      io.out(`on time     mean ${pct(s.mean)}, p5 ${pct(s.p5)}, p95 ${pct(s.p95)}\n`);
      io.out(`delivered   mean ${summary.delivered.mean.toFixed(1)}, p5 ${summary.delivered.p5}, p95 ${summary.delivered.p95}\n`);
      io.out(`lowest SoC  ${pct(summary.worstMinSoc)} at worst (seed ${summary.worstMinSocSeed})\n`);
      io.out(`\nseed ${seed}:\n`);
    }
    io.out(`${formatKpis(results[0].kpis)}\n`);
    if (written) io.out(`${written}\n`);
    return 0;
  },
};
