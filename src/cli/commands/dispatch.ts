/**
 * `skyhaul dispatch`: run a day with live orders. The simulator flies the day, each order is revealed
 * to the dispatcher when it is placed, and the dispatcher (rolling re-plans, or greedy) gives out trips
 * as the day goes. Prints the simulated KPIs beside the hindsight bound (the static planner with every
 * order known) and the re-plan times; writes the trace (it plays in the app) and the plan given out.
 */
import { buildDayMap, dispatchDay, type DispatchResult, hindsightDay } from '../../core/dispatch';
import { dronesFlown } from '../../core/dispatch/measures';
import { withDemandOrders } from '../../core/dispatch/demand';
import { type SimKpis, summarizeRuns } from '../../core/sim/kpis';
import { dispatchFlags, parseCommandArgs, wholeNumberFlag } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readMissionFile } from '../files';
import { createProgressBar } from '../progress';
import { formatKpis } from './simulate';

const USAGE = [
  'skyhaul dispatch <mission.json> [--policy rolling|greedy] [--replan-every <s>] [--seed <n>] [--runs <k>]',
  '                 [--demand-seed <n>] [--skip-hindsight] [--out <trace.json>] [--plan-out <plan.json>] [--json]',
  '  orders are revealed at their placedAt (absent: at the start); a mission with a demand model and no orders',
  '  gets a generated day (--demand-seed <n> replaces the orders with the demand model\'s day n)',
  '  --policy        rolling (default): re-plan the open orders every --replan-every s (default 120);',
  '                  greedy: each order on its own trip to the first free drone that makes its promise',
  '  --runs          seeds n..n+k-1 (search and weather); --out / --plan-out write seed n',
  '  --skip-hindsight  do not plan the day with hindsight (the static planner knowing every order)',
].join('\n');

const OPTIONS = {
  policy: { type: 'string' },
  'replan-every': { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  'demand-seed': { type: 'string' },
  'skip-hindsight': { type: 'boolean', default: false },
  out: { type: 'string' },
  'plan-out': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

export const dispatchCommand: Command = {
  name: 'dispatch',
  summary: 'run a day with live orders: the simulator in the loop, rolling re-plans or greedy, against hindsight',
  usage: USAGE,
  async run(args, io: CliIO) {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    const { policy, replanEveryS } = dispatchFlags('--policy', values.policy ?? 'rolling', values['replan-every'])!;
    const seed = wholeNumberFlag('--seed', values.seed, 1, -(2 ** 31));
    const runs = wholeNumberFlag('--runs', values.runs, 1, 1);

    const loaded = readMissionFile(positionals[0], io);
    if (!loaded) return 1;
    let mission = loaded;
    try {
      if (values['demand-seed'] !== undefined) {
        if (!mission.demand) throw new UsageError('--demand-seed needs a mission with a demand model ("demand")');
        mission = withDemandOrders(mission, wholeNumberFlag('--demand-seed', values['demand-seed'], 1, 0));
      } else if (mission.orders.length === 0 && mission.demand) mission = withDemandOrders(mission);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      io.err(`${positionals[0]}: the demand model cannot make a day: ${(e as Error).message}\n`);
      return 1;
    }
    if (mission.orders.length === 0) {
      io.err(`${positionals[0]}: no orders to dispatch (and no demand model to generate them)\n`);
      return 1;
    }

    const mapBar = createProgressBar(io, 'leg costs');
    const map = buildDayMap(mission, (f, m) => mapBar.update(f, m));
    mapBar.done();
    const results: { seed: number; kpis: SimKpis; run: DispatchResult; hindsight?: { onTimeRate: number; energyWh: number; dronesUsed: number } }[] = [];
    for (let r = 0; r < runs; r++) {
      const runSeed = seed + r;
      const bar = createProgressBar(io, runs > 1 ? `dispatching (seed ${runSeed})` : 'dispatching');
      const run = dispatchDay(mission, { policy, replanEveryS, seed: runSeed, map, onProgress: (f, m) => bar.update(f, m) });
      bar.done(`${run.replans.count} ${policy === 'rolling' ? 're-plans' : 'assignments'}`);
      let hindsight: (typeof results)[number]['hindsight'];
      if (!values['skip-hindsight']) {
        const hBar = createProgressBar(io, 'hindsight');
        const h = hindsightDay(mission, { seed: runSeed, map, plan: { onProgress: (p) => hBar.update(p.fraction, p.message) } });
        hBar.done();
        hindsight = { onTimeRate: h.trace.kpis.onTimeRate, energyWh: h.trace.kpis.energyWh, dronesUsed: dronesFlown(h.trace) };
      }
      results.push({ seed: runSeed, kpis: run.trace.kpis, run, hindsight });
    }

    const first = results[0];
    const files = [
      ...(values.out !== undefined ? [{ path: values.out, data: JSON.stringify(first.run.trace) }] : []),
      ...(values['plan-out'] !== undefined ? [{ path: values['plan-out'], data: `${JSON.stringify(first.run.plan, null, 2)}\n` }] : []),
    ];
    if (files.length > 0 && !writeOutputFiles(io, files)) return 1;

    const record = (x: (typeof results)[number]) => ({
      ...x.kpis,
      dronesUsed: dronesFlown(x.run.trace),
      policy,
      ...(x.hindsight ? { hindsight: x.hindsight } : {}),
      replans: { count: x.run.replans.count, p50S: x.run.replans.p50S, p95S: x.run.replans.p95S, maxS: x.run.replans.maxS },
    });
    if (values.json) {
      const body = runs > 1 ? { summary: summarizeRuns(results), runs: results.map((x) => ({ seed: x.seed, ...record(x) })) } : record(first);
      io.out(`${JSON.stringify(body, null, 2)}\n`);
      return 0;
    }
    for (const x of results) {
      if (runs > 1) io.out(`\nseed ${x.seed}:\n`);
      io.out(`${formatKpis(x.kpis)}\n`);
      io.out(`drones      ${dronesFlown(x.run.trace)} flew\n`);
      const rp = x.run.replans;
      io.out(`dispatch    ${policy}, ${rp.count} ${policy === 'rolling' ? `re-plans every ${replanEveryS} s` : 'assignments'}: p50 ${rp.p50S.toFixed(3)} s, p95 ${rp.p95S.toFixed(3)} s, max ${rp.maxS.toFixed(3)} s (largest: ${rp.maxOpen} open orders)\n`);
      if (x.hindsight) {
        const h = x.hindsight;
        io.out(`hindsight   ${pct(h.onTimeRate)} on time, ${(h.energyWh / 1000).toFixed(2)} kWh (live uses ${(x.kpis.energyWh / Math.max(1e-9, h.energyWh)).toFixed(3)} x), ${h.dronesUsed} drones\n`);
      }
    }
    if (values.out !== undefined) io.out(`trace       ${values.out} (seed ${seed})\n`);
    if (values['plan-out'] !== undefined) io.out(`plan        ${values['plan-out']} (seed ${seed}: every trip given out)\n`);
    return 0;
  },
};
