/**
 * `npm run bench [-- name ...] [--flag ...]`: runs every bench/*.bench.ts (or those whose name contains
 * one of the names) one after another, each in its own process so one suite's heap does not slow the
 * next. Everything from the first argument starting with `--` on is passed to each suite
 * (`npm run bench -- ops --quick`).
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const firstFlag = args.findIndex((a) => a.startsWith('--'));
const filters = firstFlag < 0 ? args : args.slice(0, firstFlag);
const suiteArgs = firstFlag < 0 ? [] : args.slice(firstFlag);
const suites = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((n) => f.includes(n)))
  .sort();
if (suites.length === 0) {
  console.error(`no bench suite matches ${filters.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const suite of suites) {
  console.log(`\n=== ${suite} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${suite}`, ...suiteArgs], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
