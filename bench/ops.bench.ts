/**
 * Operations benchmark (issue 17): whole generated days planned by the fleet planner with a fixed
 * iteration budget, then flown by the simulator under three weather seeds. It checks what the plan
 * promises against what the simulated day delivers, safely.
 *
 *   npm run bench -- ops                      # the three days below, 20,000 iterations each
 *   npm run bench -- ops --quick              # the days scaled down (1/4 of orders, stores and iterations) for a fast check
 *   npm run bench -- ops --iterations 5000    # another budget (or OPS_ITERATIONS=5000)
 *   npm run bench -- ops --days light,busy    # only some days
 *   npm run bench -- ops --strict             # exit code 1 when a criterion fails (default: 0, it is a report)
 *
 * Days (src/core/scenario/generateDay.ts on missions/shenzhen-two-hour.json, seed 1 unless --day-seed):
 *   light   2,000 orders, 60 stores x 5 drones, orders placed over 12 h
 *   busy    1,500 orders, 20 stores x 3 drones, orders placed over 8 h
 *   loaded  2,000 orders, 20 stores x 3 drones, orders placed over 6 h, stores open 6 h
 *
 * Per day: plan KPIs (orders, assigned, on time, conflicts, planning seconds by stage) and, per weather
 * seed 1, 2, 3, the simulated KPIs: losses of separation, emergency landings, landings below the
 * reserve, lowest state of charge, on-time rate. Then PASS/FAIL per criterion: every seed with
 * 0 losses of separation, 0 emergency landings, 0 landings below the reserve, and a simulated on-time
 * rate within 2 points of the plan's (light) or 5 points (busy, loaded). On-time rates are shares of
 * all orders, for the plan (plan.kpis.onTime / ordersTotal) as for the simulator (kpis.onTimeRate).
 *
 * Landings below the reserve: the simulator's own KPI `landingsBelowReserve` when it has one; until
 * then the bench counts them from the trace (marked `*`): trips that ended `landed` or `diverted`
 * whose lowest state of charge in flight is below the trip's reserve (the plan trip's reserveWh over
 * the model's usable energy; the mission's reserve minPercent for trips the simulator made up).
 */
import { createProgressBar } from '../src/cli/progress';
import type { Mission } from '../src/core/mission';
import { type Plan, type PlanOutput, planMission } from '../src/core/planner';
import { generateDay, type DayOptions } from '../src/core/scenario/generateDay';
import { simulate } from '../src/core/sim/engine';
import type { SimKpis } from '../src/core/sim/kpis';
import type { SimTrace } from '../src/core/sim/trace';

// ------------------------------------------------------------------------------------------------
// Arguments: flags come through bench/run.ts (`npm run bench -- ops --quick ...`).

function parseArgs(argv: string[]) {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--') && ['iterations', 'days', 'day-seed', 'plan-seed'].includes(a.slice(2))) flags.set(a.slice(2), argv[++i]);
    else flags.set(a.slice(2), true);
  }
  return flags;
}

const flags = parseArgs(process.argv.slice(2));
const known = new Set(['quick', 'strict', 'iterations', 'days', 'day-seed', 'plan-seed']);
for (const k of flags.keys()) if (!known.has(k)) console.error(`ops: ignoring unknown flag --${k}`);

const wholeNumber = (name: string, text: string | true | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text === true || !Number.isInteger(v) || v < 0) {
    console.error(`ops: ${name} must be a whole number >= 0 (got ${String(text)})`);
    process.exit(2);
  }
  return v;
};

const quick = flags.has('quick');
const strict = flags.has('strict');
/** 20,000 (a quarter with --quick); --iterations or OPS_ITERATIONS overrides both. */
const iterations = wholeNumber('--iterations', flags.get('iterations') ?? process.env.OPS_ITERATIONS, quick ? 5_000 : 20_000);
const daySeed = wholeNumber('--day-seed', flags.get('day-seed'), 1);
const planSeed = wholeNumber('--plan-seed', flags.get('plan-seed'), 1);
const WEATHER_SEEDS = [1, 2, 3];

interface DayDef {
  name: string;
  options: Omit<DayOptions, 'seed'>;
  /** Simulated on-time may differ from the plan's by at most this many percentage points. */
  onTimeTolerancePts: number;
}

const FULL_DAYS: DayDef[] = [
  { name: 'light', options: { orders: 2000, stores: 60, dronesPerStore: 5, hours: 12 }, onTimeTolerancePts: 2 },
  { name: 'busy', options: { orders: 1500, stores: 20, dronesPerStore: 3, hours: 8 }, onTimeTolerancePts: 5 },
  { name: 'loaded', options: { orders: 2000, stores: 20, dronesPerStore: 3, hours: 6, storeHours: 6 }, onTimeTolerancePts: 5 },
];

/** --quick: a quarter of the orders and stores (same drones per store, hours and tolerances). */
const scale = (d: DayDef): DayDef => ({
  ...d,
  options: { ...d.options, orders: Math.round(d.options.orders / 4), stores: Math.max(1, Math.round(d.options.stores / 4)) },
});

const wanted = typeof flags.get('days') === 'string' ? String(flags.get('days')).split(',') : undefined;
const days = (quick ? FULL_DAYS.map(scale) : FULL_DAYS).filter((d) => !wanted || wanted.includes(d.name));
if (days.length === 0) {
  console.error(`ops: no day named ${wanted?.join(', ')} (days: ${FULL_DAYS.map((d) => d.name).join(', ')})`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// Measuring.

const io = { out: (t: string) => process.stdout.write(t), err: (t: string) => process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) };

interface SeedResult {
  seed: number;
  kpis: SimKpis;
  belowReserve: number;
  /** True when the count is the bench's own (the simulator has no landingsBelowReserve KPI yet). */
  belowReserveComputed: boolean;
  seconds: number;
  /** Emergency landings counted by reason (up to the first parenthesis). */
  emergencyReasons: Map<string, number>;
  /** Failed orders counted by reason, store ids left out. */
  failedReasons: Map<string, number>;
}

/** Trips that landed (at home or diverted) with less charge than their reserve, from the trace. */
function landingsBelowReserve(mission: Mission, plan: Plan, trace: SimTrace): number {
  const usable = new Map(mission.droneModels.map((m) => [m.id, m.batteryWh * m.usableFraction]));
  const reserveShare = new Map<string, number>();
  for (const d of plan.drones) {
    const u = usable.get(d.modelId) ?? NaN;
    for (const t of d.trips) reserveShare.set(t.tripId, t.reserveWh / u);
  }
  const policyShare = mission.settings.reserve.minPercent / 100;
  const tracks = new Map(trace.drones.map((d) => [d.droneId, d]));
  let n = 0;
  for (const trip of trace.trips) {
    if (trip.outcome !== 'landed' && trip.outcome !== 'diverted') continue;
    const tr = tracks.get(trip.droneId);
    if (!tr) continue;
    let low = Infinity;
    for (let i = 0; i < tr.tS.length; i++) {
      if (tr.tS[i] < trip.departS) continue;
      if (tr.tS[i] > trip.endS) break;
      low = Math.min(low, tr.soc[i]);
    }
    const reserve = reserveShare.get(trip.tripId) ?? policyShare;
    // The trace rounds SoC to 1e-5: allow that much.
    if (low < reserve - 1e-5) n++;
  }
  return n;
}

function planDay(def: DayDef, mission: Mission): PlanOutput {
  const bar = createProgressBar(io, `planning ${def.name}`);
  const out = planMission(mission, { seed: planSeed, iterations, onProgress: (p) => bar.update(p.fraction, p.message) });
  bar.done(`${out.stats.seconds.total.toFixed(1)} s`);
  return out;
}

function simulateSeed(def: DayDef, mission: Mission, plan: Plan, seed: number): SeedResult {
  const bar = createProgressBar(io, `simulating ${def.name} seed ${seed}`);
  const t0 = performance.now();
  const r = simulate(mission, plan, { seed, onProgress: (f) => bar.update(f) });
  const seconds = (performance.now() - t0) / 1000;
  bar.done(`${seconds.toFixed(1)} s`);
  if (!r.ok) throw new Error(`${def.name}: the simulator refused the plan: ${r.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const k = r.trace.kpis as SimKpis & { landingsBelowReserve?: number };
  const own = typeof k.landingsBelowReserve === 'number';
  // Reasons without the store's id, so that they add up across stores.
  const ids = new Set(mission.depots.map((d) => d.id));
  const generic = (why: string) => why.split(' (')[0].replace(/[A-Za-z0-9_.:-]+/g, (w) => (ids.has(w) ? '<store>' : w));
  const emergencyReasons = new Map<string, number>();
  const failedReasons = new Map<string, number>();
  for (const e of r.trace.events) {
    if (e.kind !== 'emergency-landing') continue;
    const why = generic(e.reason ?? 'no reason given');
    emergencyReasons.set(why, (emergencyReasons.get(why) ?? 0) + 1);
  }
  for (const [why, n] of Object.entries(k.failedByReason)) failedReasons.set(generic(why), (failedReasons.get(generic(why)) ?? 0) + n);
  return {
    emergencyReasons,
    failedReasons,
    seed,
    kpis: r.trace.kpis,
    belowReserve: own ? k.landingsBelowReserve! : landingsBelowReserve(mission, plan, r.trace),
    belowReserveComputed: !own,
    seconds,
  };
}

// ------------------------------------------------------------------------------------------------
// Reporting.

const pct = (v: number, d = 1) => `${(v * 100).toFixed(d)} %`;
const pad = (s: string | number, n: number) => String(s).padStart(n);

interface DayResult {
  def: DayDef;
  mission: Mission;
  plan: PlanOutput;
  planOnTime: number;
  generateSeconds: number;
  seeds: SeedResult[];
}

function printDay(r: DayResult): void {
  const { plan, stats } = r.plan;
  const k = plan.kpis;
  const m = r.mission;
  const drones = m.depots.reduce((s, d) => s + d.fleet.reduce((t, f) => t + f.count, 0), 0);
  const open = m.depots[0]?.open;
  console.log(`\n${r.def.name}: ${m.orders.length} orders, ${m.depots.length} stores, ${drones} drones, orders over ${r.def.options.hours} h, stores open ${open ? `${((Number(open.latest) - Number(open.earliest)) / 3600).toFixed(1)} h` : 'all day'}, horizon ${(m.horizonS / 3600).toFixed(1)} h (day seed ${daySeed}, generated in ${r.generateSeconds.toFixed(2)} s)`);
  console.log(`  plan      ${iterations} iterations (seed ${planSeed}, ${stats.iterations} run): ${stats.seconds.total.toFixed(1)} s = paths ${stats.seconds.paths.toFixed(1)} + solve ${stats.seconds.solve.toFixed(1)} + assemble ${stats.seconds.assemble.toFixed(1)}`);
  console.log(`            orders ${k.ordersTotal}, assigned ${k.assigned} (${pct(k.assigned / Math.max(1, k.ordersTotal))}), on time ${k.onTime} (${pct(r.planOnTime)} of all orders), late ${k.late}, conflicts ${k.conflicts}, trips ${k.trips}, drones used ${k.dronesUsed}/${drones}`);
  const reasons = new Map<string, number>();
  for (const o of plan.orders) if (o.status === 'unassigned') reasons.set(o.reason, (reasons.get(o.reason) ?? 0) + 1);
  if (reasons.size) console.log(`            unassigned: ${[...reasons].map(([why, n]) => `${n} ${why}`).join(', ')}`);
  console.log(`  simulated   seed   sep.losses  emerg.landings  below reserve  lowest SoC  on time   vs plan   delivered  failed  diversions  sim s`);
  for (const s of r.seeds) {
    const kk = s.kpis;
    const diff = (kk.onTimeRate - r.planOnTime) * 100;
    console.log(
      `            ${pad(s.seed, 6)}  ${pad(kk.separationLosses, 11)}  ${pad(kk.emergencyLandings, 14)}  ${pad(`${s.belowReserve}${s.belowReserveComputed ? '*' : ''}`, 13)}  ${pad(pct(kk.minSoc), 10)}  ${pad(pct(kk.onTimeRate), 8)}  ${pad(`${diff >= 0 ? '+' : ''}${diff.toFixed(1)} pt`, 8)}  ${pad(kk.delivered, 9)}  ${pad(kk.failed, 6)}  ${pad(kk.diversions, 10)}  ${pad(s.seconds.toFixed(1), 5)}`,
    );
  }
  const counts = (m: Iterable<[string, number]>) => [...m].map(([why, n]) => `${n} ${why}`).join('; ');
  for (const s of r.seeds) {
    const notes = [
      ...(s.emergencyReasons.size ? [`emergency landings: ${counts(s.emergencyReasons)}`] : []),
      ...(s.failedReasons.size ? [`failed orders: ${counts(s.failedReasons)}`] : []),
    ];
    if (notes.length) console.log(`            seed ${s.seed}: ${notes.join(' | ')}`);
  }
  if (r.seeds.some((s) => s.belowReserveComputed)) console.log(`            * counted by the bench from the trace (the simulator has no landingsBelowReserve KPI yet)`);
}

interface Verdict {
  ok: boolean;
  line: string;
}

function verdicts(r: DayResult): Verdict[] {
  const seeds = r.seeds;
  const list = (f: (s: SeedResult) => string) => seeds.map((s) => `seed ${s.seed}: ${f(s)}`).join(', ');
  const zero = (what: string, get: (s: SeedResult) => number, suffix = ''): Verdict => ({
    ok: seeds.every((s) => get(s) === 0),
    line: `${r.def.name}: 0 ${what} (${list((s) => `${get(s)}${suffix && s.belowReserveComputed ? suffix : ''}`)})`,
  });
  const tol = r.def.onTimeTolerancePts;
  return [
    zero('losses of separation', (s) => s.kpis.separationLosses),
    zero('emergency landings', (s) => s.kpis.emergencyLandings),
    zero('landings below the reserve', (s) => s.belowReserve, '*'),
    {
      ok: seeds.every((s) => Math.abs(s.kpis.onTimeRate - r.planOnTime) * 100 <= tol + 1e-9),
      line: `${r.def.name}: simulated on time within ${tol} points of the plan's ${pct(r.planOnTime)} (${list((s) => pct(s.kpis.onTimeRate))})`,
    },
  ];
}

// ------------------------------------------------------------------------------------------------

console.log(`ops: ${quick ? 'QUICK (1/4 of orders and stores) ' : ''}days ${days.map((d) => d.name).join(', ')}; planner ${iterations} iterations (seed ${planSeed}); weather seeds ${WEATHER_SEEDS.join(', ')}`);
const tAll = performance.now();
const results: DayResult[] = [];
for (const def of days) {
  const t0 = performance.now();
  const mission = generateDay({ ...def.options, seed: daySeed });
  const generateSeconds = (performance.now() - t0) / 1000;
  const plan = planDay(def, mission);
  const planOnTime = plan.plan.kpis.ordersTotal ? plan.plan.kpis.onTime / plan.plan.kpis.ordersTotal : 1;
  const seeds = WEATHER_SEEDS.map((seed) => simulateSeed(def, mission, plan.plan, seed));
  const r = { def, mission, plan, planOnTime, generateSeconds, seeds };
  results.push(r);
  printDay(r);
}

console.log(`\ncriteria (issue 17):`);
let failed = 0;
for (const r of results)
  for (const v of verdicts(r)) {
    if (!v.ok) failed++;
    console.log(`${v.ok ? 'PASS' : 'FAIL'} ${v.line}`);
  }
console.log(`\n${failed === 0 ? 'all criteria pass' : `${failed} criteria fail`}; whole run ${((performance.now() - tAll) / 1000).toFixed(0)} s${failed && !strict ? ' (exit code 0: a report; --strict to fail)' : ''}`);
process.exit(strict && failed > 0 ? 1 : 0);
