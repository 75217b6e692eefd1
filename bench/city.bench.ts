/**
 * City-scale days (issue #18): generated days of 2,000, 5,000 and 10,000 orders around the default
 * Shenzhen network (src/core/scenario/generateDay.ts on missions/shenzhen-two-hour.json, 12 h of orders
 * within 6 km of a store, day seed 1), each planned by the real CLI in a child process
 * (`skyhaul plan <day.json> --time-limit T --out plan.json`) so that wall time and peak memory (the
 * child's RSS high-water mark, from /usr/bin/time -v; NaN without it) are
 * those a user gets.
 *
 *   npm run bench -- city                       # every day
 *   CITY_BENCH_SIZES=2000 npm run bench -- city # a subset (comma-separated order counts)
 *   npm run bench -- city --sizes 2000,5000     # the same
 *
 * Prints one row per day: orders, stores x drones, time limit, wall s, peak MB, search iterations,
 * assigned / servable (servable: not refused for a stated reason such as a zone or range; what is
 * left `fleet-saturated` counts as servable), on time (share of the assigned), and PASS/FAIL against the
 * issue's targets (10,000 orders: <= 140 s, <= 3 GB, >= 97 % of the servable assigned; 2,000 orders:
 * <= 25 s).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDay, type DayOptions } from '../src/core/scenario/generateDay';

interface CityDay {
  orders: number;
  options: Omit<DayOptions, 'seed'>;
  timeLimitS: number;
  target: { wallS?: number; peakMB?: number; assignedShare?: number };
}

const DAYS: CityDay[] = [
  { orders: 2000, options: { orders: 2000, stores: 60, dronesPerStore: 5, hours: 12 }, timeLimitS: 20, target: { wallS: 25 } },
  { orders: 5000, options: { orders: 5000, stores: 100, dronesPerStore: 5, hours: 12 }, timeLimitS: 60, target: {} },
  {
    orders: 10000,
    options: { orders: 10000, stores: 100, dronesPerStore: 10, hours: 12 },
    timeLimitS: 120,
    target: { wallS: 140, peakMB: 3 * 1024, assignedShare: 0.97 },
  },
];

function wantedSizes(): Set<number> | undefined {
  const flag = process.argv.findIndex((a) => a === '--sizes');
  const text = flag >= 0 ? process.argv[flag + 1] : process.env.CITY_BENCH_SIZES;
  if (!text) return undefined;
  return new Set(text.split(',').map((s) => Number(s.trim())).filter((n) => n > 0));
}

interface Row {
  day: CityDay;
  wallS: number;
  peakMB: number;
  iterations: number | undefined;
  assigned: number;
  servable: number;
  onTime: number;
  ok: boolean;
  failures: string[];
}

/** Reasons the planner gives for orders nobody could serve, whatever the rest of the fleet did. */
const REFUSED = new Set(['too-heavy', 'wind-limit', 'in-no-fly-zone', 'at-depot', 'out-of-reach', 'window-impossible']);

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function runDay(day: CityDay, dir: string): Row {
  const t0 = performance.now();
  const mission = generateDay({ ...day.options, seed: 1 });
  const missionPath = join(dir, `city-${day.orders}.json`);
  writeFileSync(missionPath, JSON.stringify(mission));
  const planPath = join(dir, `city-${day.orders}-plan.json`);
  const genS = (performance.now() - t0) / 1000;
  const cli = [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'plan', missionPath, '--time-limit', String(day.timeLimitS), '--out', planPath];
  const argv = timeBin ? [timeBin, '-v', ...cli] : cli;
  const start = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallS = (performance.now() - start) / 1000;
  if (r.status !== 0) {
    console.error(r.stdout.slice(0, 4000));
    console.error(r.stderr.slice(-4000));
    throw new Error(`plan of the ${day.orders}-order day exited with ${r.status}`);
  }
  // GNU time: "Maximum resident set size (kbytes): N" on stderr.
  const maxRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const peakMB = maxRss ? Number(maxRss[1]) / 1024 : Number.NaN;
  const iterations = Number(/solver\s+(\d+) iterations/.exec(r.stdout)?.[1] ?? Number.NaN);
  const plan = JSON.parse(readFileSync(planPath, 'utf8')) as { orders: { status: string; reason?: string; lateS?: number }[] };
  const assigned = plan.orders.filter((o) => o.status === 'assigned');
  const servable = plan.orders.filter((o) => o.status === 'assigned' || !REFUSED.has(o.reason ?? '')).length;
  const onTime = assigned.filter((o) => (o.lateS ?? 0) <= 0).length;
  const failures: string[] = [];
  if (day.target.wallS !== undefined && wallS > day.target.wallS) failures.push(`wall ${wallS.toFixed(0)} s > ${day.target.wallS} s`);
  if (day.target.peakMB !== undefined && peakMB > day.target.peakMB) failures.push(`peak ${peakMB.toFixed(0)} MB > ${day.target.peakMB} MB`);
  if (day.target.assignedShare !== undefined && assigned.length < day.target.assignedShare * servable)
    failures.push(`assigned ${((100 * assigned.length) / Math.max(1, servable)).toFixed(1)} % < ${day.target.assignedShare * 100} %`);
  const summary = r.stdout.split('\n').filter((l) => /^\s+(assigned|on time|energy|solver|cut short|unassigned)\b/.test(l));
  console.log(`\n${mission.name} (generated in ${genS.toFixed(1)} s)\n${summary.join('\n')}`);
  return { day, wallS, peakMB, iterations, assigned: assigned.length, servable, onTime, ok: failures.length === 0, failures };
}

const sizes = wantedSizes();
const days = DAYS.filter((d) => !sizes || sizes.has(d.orders));
if (days.length === 0) {
  console.error(`no city day of ${[...(sizes ?? [])].join(', ')} orders; days: ${DAYS.map((d) => d.orders).join(', ')}`);
  process.exit(2);
}
console.log(`city: ${days.map((d) => d.orders).join(', ')} orders; peak memory ${timeBin ? 'from /usr/bin/time -v' : 'unknown (no /usr/bin/time)'}`);
const dir = mkdtempSync(join(tmpdir(), 'skyhaul-city-'));
const rows: Row[] = [];
try {
  for (const d of days) rows.push(runDay(d, dir));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
console.log('\n| orders | stores x drones | time limit | wall s | peak MB | iterations | assigned / servable | on time | result |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const o = r.day.options;
  console.log(
    `| ${r.day.orders} | ${o.stores} x ${o.dronesPerStore} | ${r.day.timeLimitS} s | ${r.wallS.toFixed(1)} | ${r.peakMB.toFixed(0)} | ${r.iterations ?? '?'} | ${r.assigned} / ${r.servable} (${pct(r.assigned, r.servable)}) | ${pct(r.onTime, r.assigned)} | ${r.ok ? 'PASS' : `FAIL: ${r.failures.join('; ')}`} |`,
  );
}
process.exit(rows.every((r) => r.ok) ? 0 : 1);
