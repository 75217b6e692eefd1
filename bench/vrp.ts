/**
 * `npm run bench:vrp -- [--set <name>|--dir <folder>] [--time-limit <s> | --time-per-customer <s> | --iterations N] [--seed N[,N...]] [--param name=value] [--limit N | --every k [--offset j]] [--filter <regex>] [--quick] [--json] [--no-baseline] [--routes <dir>]`
 *   --seed 1,2,3: every instance once per seed; the average gap is over all runs, printed per seed too
 *                   (at short budgets single runs of the same instance differ by up to a point)
 *   --iterations N: a fixed search budget per instance instead of time (the same routes on any machine)
 *   --time-per-customer s: a budget that grows with the instance, s x customers (0.1: n/10 CPU seconds, as
 *                   often used with the Uchoa X set); overrides the set's default time limit
 *   --every k [--offset j]: every k-th instance of the sorted list, from the j-th (0-based; default 0)
 *   --filter <regex>: only instances whose file name matches
 *   --routes <dir>: writes each instance's routes (one line per route, customer ids as in the instance
 *                   file, with its cost) to <dir>/<instance>.sol so that anyone can check them
 * `npm run bench:vrp -- --scale [--time-limit <s>]`
 *
 * Runs the VRP solver on the classic instances in ../shared/bench/vrp and prints per instance the
 * cost, best-known, gap %, time and feasibility beside a Clarke-Wright + 2-opt baseline from the
 * same run, and the averages. Sets: augerat (A+B), augerat-a, augerat-b, solomon, mtvrptwr, mdvrptw.
 * `--scale`: a generated city (1,000 orders, 40 depots, 200 drones, multi-trip, payload-dependent
 * energy): time to a first feasible plan and the best cost over time.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRng } from '../src/core/random';
import {
  clarkeWrightBaseline,
  missionObjective,
  parseCvrplib,
  parseLkhVrptw,
  parseSol,
  parseVrplib,
  solveVrp,
  defaultSisrParams,
  type ParsedInstance,
  type VrpProblem,
} from '../src/core/planner/vrp';

const ROOT = '../shared/bench/vrp';

/**
 * Time limits count this process's CPU time by default: on a shared machine wall time depends on what
 * else runs, CPU time measures "one thread for N seconds". `--clock wall` uses wall time.
 */
const cpuClock = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const wallClock = () => performance.now();
const SETS: Record<string, string[]> = {
  augerat: ['cvrp/INSTANCES/Augerat_A', 'cvrp/INSTANCES/Augerat_B'],
  'augerat-a': ['cvrp/INSTANCES/Augerat_A'],
  'augerat-b': ['cvrp/INSTANCES/Augerat_B'],
  solomon: ['cvrptw/INSTANCES/Solomon_100'],
  mtvrptwr: ['pyvrp/MTVRPTWR'],
  mdvrptw: ['pyvrp/MDVRPTW'],
};
const DEFAULT_TIME: Record<string, number> = { augerat: 10, 'augerat-a': 10, 'augerat-b': 10, solomon: 60, mtvrptwr: 60, mdvrptw: 60 };

interface Args {
  set?: string;
  dir?: string;
  timeLimitS?: number;
  timePerCustomerS?: number;
  iterations?: number;
  every?: number;
  offset: number;
  filter?: RegExp;
  routesDir?: string;
  /** The first seed (the --scale run uses it). */
  seed: number;
  seeds: number[];
  limit?: number;
  json: boolean;
  baseline: boolean;
  scale: boolean;
  clock: 'cpu' | 'wall';
  /** Solver parameter overrides (--param name=value), for tuning runs. */
  params: Record<string, number | boolean>;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { seed: 1, seeds: [1], offset: 0, json: false, baseline: true, scale: false, clock: 'cpu', params: {} };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${k} needs a value`);
      return v;
    };
    if (k === '--set') a.set = next();
    else if (k === '--dir') a.dir = next();
    else if (k === '--time-limit') a.timeLimitS = Number(next());
    else if (k === '--time-per-customer') a.timePerCustomerS = Number(next());
    else if (k === '--iterations') a.iterations = Number(next());
    else if (k === '--every') a.every = Number(next());
    else if (k === '--offset') a.offset = Number(next());
    else if (k === '--filter') a.filter = new RegExp(next());
    else if (k === '--routes') a.routesDir = next();
    else if (k === '--seed') {
      a.seeds = next().split(',').map(Number);
      if (!a.seeds.every((x) => Number.isInteger(x))) usage('--seed takes whole numbers, comma-separated');
      a.seed = a.seeds[0];
    }
    else if (k === '--param') {
      const [name, value] = next().split('=');
      if (!(name in defaultSisrParams) || value === undefined) usage(`--param takes name=value, name one of ${Object.keys(defaultSisrParams).join(', ')}`);
      a.params[name] = value === 'true' ? true : value === 'false' ? false : Number(value);
    }
    else if (k === '--limit') a.limit = Number(next());
    else if (k === '--quick') {
      a.limit ??= 3;
      a.timeLimitS ??= 2;
    } else if (k === '--json') a.json = true;
    else if (k === '--no-baseline') a.baseline = false;
    else if (k === '--scale') a.scale = true;
    else if (k === '--clock') {
      const c = next();
      if (c !== 'cpu' && c !== 'wall') usage('--clock is cpu or wall');
      a.clock = c;
    }
    else usage(`unknown argument ${k}`);
  }
  return a;
}

function usage(msg: string): never {
  console.error(`${msg}\nusage: bench:vrp [--set ${Object.keys(SETS).join('|')}] [--dir <folder>] [--time-limit s | --time-per-customer s | --iterations N] [--routes dir] [--seed N[,N...]] [--param name=value] [--limit N | --every k [--offset j]] [--filter regex] [--quick] [--json] [--no-baseline] [--scale] [--clock cpu|wall]`);
  process.exit(2);
}

interface Loaded {
  inst: ParsedInstance;
  bestKnown?: number;
}

/** Reads one instance file, picking the reader from its extension / TYPE, and its best-known cost. */
function load(file: string): Loaded | { error: string } {
  const text = readFileSync(file, 'utf8');
  const type = /^TYPE\s*:\s*(\S+)/m.exec(text)?.[1] ?? '';
  const res = file.endsWith('.vrptw')
    ? parseLkhVrptw(text)
    : type === 'CVRP'
      ? parseCvrplib(text)
      : parseVrplib(text, type === 'MDVRPTW' ? 'exact' : 'dimacs');
  if (!res.ok) return { error: `${res.path}: ${res.reason}` };
  const inst = res.value;
  // Best-known, in published units: COMMENT, else a .sol beside (scaled units), else a tour file.
  let bestKnown = inst.bestKnown;
  const sol = file.replace(/\.[^.]+$/, '.sol');
  if (bestKnown === undefined && existsSync(sol)) {
    const c = parseSol(readFileSync(sol, 'utf8')).cost;
    if (c !== undefined) bestKnown = c / inst.scale;
  }
  if (bestKnown === undefined) {
    const toursDir = dirname(file).replace('INSTANCES', 'TOURS');
    const stem = basename(file).split('.')[0];
    if (existsSync(toursDir)) {
      const costs = readdirSync(toursDir)
        .filter((f) => f.startsWith(`${stem}.`) && f.endsWith('.tour'))
        .map((f) => Number(f.split('.').at(-2)) / inst.scale);
      if (costs.length) bestKnown = Math.min(...costs);
    }
  }
  return { inst, bestKnown };
}

const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '   -  ' : `${x.toFixed(2).padStart(6)}`);

interface Row {
  instance: string;
  seed: number;
  cost: number;
  bestKnown: number | null;
  gapPct: number | null;
  seconds: number;
  feasible: boolean;
  baselineCost?: number;
  baselineGapPct?: number | null;
  baselineFeasible?: boolean;
  baselineExtra?: number;
}

function runBenchmark(args: Args): void {
  let files: string[] = [];
  let setName = args.set ?? (args.dir ? 'dir' : 'augerat');
  if (args.dir) {
    files = readdirSync(args.dir)
      .filter((f) => /\.(vrp|vrptw)$/.test(f))
      .sort()
      .map((f) => join(args.dir!, f));
  } else {
    const dirs = SETS[setName];
    if (!dirs) usage(`unknown set ${setName}`);
    for (const d of dirs)
      files.push(
        ...readdirSync(join(ROOT, d))
          .filter((f) => /\.(vrp|vrptw)$/.test(f))
          .sort()
          .map((f) => join(ROOT, d, f)),
      );
  }
  if (args.filter) files = files.filter((f) => args.filter!.test(basename(f)));
  const every = args.every;
  if (every !== undefined) {
    if (!(every >= 1)) usage('--every needs k >= 1');
    files = files.filter((_, i) => i >= args.offset && (i - args.offset) % every === 0);
  }
  if (args.limit !== undefined) {
    // Spread the sample over the set rather than taking the first few.
    const step = files.length / args.limit;
    files = Array.from({ length: Math.min(args.limit, files.length) }, (_, i) => files[Math.floor(i * step)]);
  }
  const timeLimitS = args.timeLimitS ?? DEFAULT_TIME[setName] ?? 10;
  const rows: Row[] = [];
  if (!args.json)
    console.log(
      `set ${setName}: ${files.length} instances, ${args.iterations !== undefined ? `${args.iterations} iterations` : args.timePerCustomerS !== undefined ? `${args.timePerCustomerS}s per customer (${args.clock} clock)` : `${timeLimitS}s (${args.clock} clock)`} each, seed ${args.seeds.join(', ')}\n` +
        `${'instance'.padEnd(16)} ${'cost'.padStart(10)} ${'best'.padStart(10)} ${'gap%'.padStart(6)} ${'time s'.padStart(7)} feas ${'iterations'.padStart(12)} | ${'CW+2opt'.padStart(10)} ${'gap%'.padStart(6)} feas`,
    );
  for (const file of files) {
    const l = load(file);
    if ('error' in l) {
      console.error(`${file}: ${l.error}`);
      continue;
    }
    const { inst, bestKnown } = l;
    const budget =
      args.iterations !== undefined
        ? { iterationLimit: args.iterations }
        : { timeLimitS: args.timePerCustomerS !== undefined ? args.timePerCustomerS * inst.problem.customers.length : timeLimitS };
    // Gap of all Clarke-Wright routes (deterministic: once per instance); "NO" when they need more
    // vehicles than the fleet has.
    const b = args.baseline ? clarkeWrightBaseline(inst.problem) : undefined;
    for (const seed of args.seeds) {
      const r = solveVrp(inst.problem, { ...budget, seed, params: args.params, clock: args.clock === 'cpu' ? cpuClock : wallClock });
      if (!r.ok) {
        console.error(`${file}: ${r.errors.map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
        continue;
      }
      const s = r.solution;
      const cost = s.objective.distance / inst.scale;
      const name = args.seeds.length > 1 ? `${inst.name}#${seed}` : inst.name;
      if (args.routesDir) writeRoutes(args.routesDir, name, inst.problem.depots.length, s, cost);
      const gap = bestKnown ? (100 * (cost - bestKnown)) / bestKnown : null;
      const row: Row = { instance: inst.name, seed, cost, bestKnown: bestKnown ?? null, gapPct: gap, seconds: s.seconds, feasible: s.feasible };
      if (b) {
        row.baselineCost = b.allRoutesDistance / inst.scale;
        row.baselineGapPct = bestKnown ? (100 * (row.baselineCost - bestKnown)) / bestKnown : null;
        row.baselineFeasible = b.solution.feasible;
        row.baselineExtra = b.unplacedRoutes;
      }
      rows.push(row);
      if (!args.json)
        console.log(
          `${name.padEnd(16)} ${cost.toFixed(1).padStart(10)} ${(bestKnown?.toFixed(1) ?? '-').padStart(10)} ${pct(gap ?? undefined)} ${s.seconds.toFixed(1).padStart(7)} ${s.feasible ? ' yes' : '  NO'} ${String(s.iterations).padStart(12)}` +
            (args.baseline
              ? ` | ${row.baselineCost!.toFixed(1).padStart(10)} ${pct(row.baselineGapPct ?? undefined)} ${row.baselineFeasible ? ' yes' : `  NO${row.baselineExtra ? ` (${row.baselineExtra} routes over the fleet)` : ''}`}`
              : ''),
        );
    }
  }
  if (args.json) {
    console.log(JSON.stringify(rows.map(({ instance, seed, cost, bestKnown, gapPct, seconds, feasible }) => ({ instance, seed, cost, bestKnown, gapPct, seconds, feasible }))));
    return;
  }
  const gaps = rows.filter((r) => r.gapPct !== null && r.feasible).map((r) => r.gapPct!);
  const avg = mean(gaps);
  const perSeed =
    args.seeds.length > 1 ? ` (per seed: ${args.seeds.map((seed) => `${seed}: ${mean(rows.filter((r) => r.seed === seed && r.gapPct !== null && r.feasible).map((r) => r.gapPct!)).toFixed(2)}%`).join(', ')})` : '';
  const bGaps = rows.filter((r) => r.baselineGapPct != null).map((r) => r.baselineGapPct!);
  const bInfeasible = rows.filter((r) => r.baselineFeasible === false).length;
  const bAvg = bGaps.reduce((a, b) => a + b, 0) / Math.max(1, bGaps.length);
  const infeasible = rows.filter((r) => !r.feasible).length;
  console.log(
    `average gap ${avg.toFixed(2)}%${perSeed} over ${gaps.length} feasible runs (${infeasible} infeasible), mean time ${(rows.reduce((a, r) => a + r.seconds, 0) / Math.max(1, rows.length)).toFixed(1)}s` +
      (args.baseline ? `; baseline CW+2opt average gap ${bAvg.toFixed(2)}% (${bInfeasible} of ${rows.length} need more vehicles than the fleet or break a constraint)` : ''),
  );
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

/** A generated city: 40 depots on a grid, 1,000 orders, 200 drones (5 per depot), multi-trip. */
function cityInstance(seed: number): VrpProblem {
  const rng = createRng(seed);
  const sideM = 20000;
  const depots = Array.from({ length: 40 }, (_, k) => ({
    x: ((k % 8) + 0.5) * (sideM / 8) + rng.range(-300, 300),
    y: (Math.floor(k / 8) + 0.5) * (sideM / 5) + rng.range(-300, 300),
    openS: 0,
    closeS: 12 * 3600,
  }));
  const customers = Array.from({ length: 1000 }, () => {
    const earliest = rng.range(0, 9 * 3600);
    return {
      x: rng.range(0, sideM),
      y: rng.range(0, sideM),
      demandKg: Math.round(rng.range(0.2, 2.5) * 10) / 10,
      serviceS: 60,
      earliestS: earliest,
      latestS: earliest + 2 * 3600,
      releaseS: Math.max(0, earliest - rng.range(1800, 3600)),
      priority: 1 + rng.int(3),
      optional: true,
    };
  });
  const pts = [...depots, ...customers];
  const n = pts.length;
  const speedMps = 15;
  const dist = new Float64Array(n * n);
  const time = new Float64Array(n * n);
  const e0 = new Float64Array(n * n);
  const e1 = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const d = Math.hypot(pts[i].x - pts[j].x, pts[i].y - pts[j].y);
      const k = i * n + j;
      dist[k] = d;
      time[k] = d / speedMps + 40; // + climb and descent
      e0[k] = (d / speedMps / 3600) * 450 + 3; // 450 W cruise, 3 Wh take-off/landing
      e1[k] = (d / speedMps / 3600) * 35; // +35 W per kg of payload
    }
  return {
    depots,
    customers,
    vehicleTypes: [
      {
        id: 'quad',
        capacityKg: 5,
        distance: dist,
        travelTimeS: time,
        energy: { baseWh: e0, perKgWh: e1, hoverWhPerS: 500 / 3600 },
        tripEnergyLimitWh: 400,
        maxTrips: 12,
        recharge: { fixedS: 300, perWhS: 3 },
        fixedCost: 1,
      },
    ],
    fleets: depots.map((_, d) => ({ depot: d, vehicleType: 0, count: 5 })),
    timeWindows: 'hard',
    objective: missionObjective(),
  };
}

function runScale(args: Args): void {
  const problem = cityInstance(args.seed);
  const timeLimitS = args.timeLimitS ?? 60;
  const clock = args.clock === 'cpu' ? cpuClock : wallClock;
  const t0 = clock();
  const curve: { s: number; cost: number }[] = [];
  const r = solveVrp(problem, {
    timeLimitS,
    seed: args.seed,
    clock,
    progressEvery: 50,
    onProgress: (p) => {
      const s = (clock() - t0) / 1000;
      if (!curve.length || s - curve[curve.length - 1].s >= timeLimitS / 20) curve.push({ s, cost: p.bestCost });
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const s = r.solution;
  const rows = {
    instance: 'city-1000x40x200',
    firstFeasibleS: s.firstFeasibleS,
    seconds: s.seconds,
    iterations: s.iterations,
    served: 1000 - s.unserved.length,
    unservedPriority: s.objective.unservedPriority,
    energyWh: s.objective.energyWh,
    vehiclesUsed: s.objective.vehiclesUsed,
    trips: s.objective.trips,
    feasible: s.feasible,
    curve,
  };
  if (args.json) {
    console.log(JSON.stringify(rows));
    return;
  }
  console.log(`scale: 1,000 orders, 40 depots, 200 drones; ${timeLimitS}s (${args.clock} clock), seed ${args.seed}`);
  console.log(`construction + first feasible plan (all served or provably left out): ${s.firstFeasibleS?.toFixed(2) ?? 'n/a'} s`);
  console.log(`final: served ${rows.served}/1000, unserved priority ${rows.unservedPriority}, energy ${s.objective.energyWh.toFixed(0)} Wh, drones ${s.objective.vehiclesUsed}, trips ${s.objective.trips}, feasible ${s.feasible}, ${s.iterations} iterations`);
  console.log('quality curve (s: best objective):');
  for (const p of curve) console.log(`  ${p.s.toFixed(1).padStart(6)}: ${p.cost.toExponential(6)}`);
}

const args = parseArgs(process.argv.slice(2));
if (args.scale) runScale(args);
else runBenchmark(args);

/**
 * Routes in the CVRPLIB solution style: "Route #k: c1 c2 ..." with customers numbered 1..n as in the
 * instance file (the depot is node 1 there, so customer i of the problem is node i + 1), then the cost.
 */
function writeRoutes(dir: string, name: string, depots: number, s: { routes: { trips: { customers: number[] }[] }[] }, cost: number): void {
  mkdirSync(dir, { recursive: true });
  const lines: string[] = [];
  for (const r of s.routes) for (const t of r.trips) lines.push(`Route #${lines.length + 1}: ${t.customers.map((c) => c - depots + 1).join(' ')}`);
  lines.push(`Cost ${Number(cost.toFixed(6))}`);
  writeFileSync(join(dir, `${name}.sol`), `${lines.join('\n')}\n`);
}
