/**
 * What-if study throughput: the same study (4 scenarios x 6 weather runs of the Shenzhen two-hour
 * mission, plans fixed by an iteration budget) on 1 worker, on every core, and in this thread (the
 * baseline). Prints wall-clock times and the speed-up of the pool over 1 worker; on an idle machine
 * with n cores it should approach n for the simulation part (planning is one task per scenario).
 *
 *   npm run bench -- whatif
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createPoolExecutor } from '../src/cli/pool/pool';
import { parseMissionText } from '../src/core/mission';
import { type ScenarioInput, type StudyExecutor, applyOverrides, inProcessExecutor, realPlanFn, runStudy } from '../src/core/whatif';

const loaded = parseMissionText(readFileSync('missions/shenzhen-two-hour.json', 'utf8'));
if (!loaded.ok) throw new Error('mission');
const base = loaded.mission;
const variants = [{}, { dronesPerDepot: 2 }, { wind: { speedMps: 8 } }, { promiseWindowMin: 90 }];
const scenarios: ScenarioInput[] = variants.map((o, i) => {
  const r = applyOverrides(base, o);
  if (!r.ok) throw new Error('override');
  return { id: `s${i}`, name: `s${i}`, source: 'bench', overrides: o, notes: [], mission: r.mission };
});

async function timed(label: string, exec: StudyExecutor & { close?: () => Promise<void> }): Promise<{ ms: number; json: string }> {
  const t0 = performance.now();
  const report = await runStudy(scenarios, exec, { runs: 6, baseSeed: 1, iterations: 2000 });
  const ms = performance.now() - t0;
  await exec.close?.();
  console.log(`${label.padEnd(22)} ${(ms / 1000).toFixed(1)} s`);
  return { ms, json: JSON.stringify(report) };
}

const cores = availableParallelism();
const inThread = await timed('in this thread', inProcessExecutor(realPlanFn));
const one = await timed('pool, 1 worker', createPoolExecutor({ workers: 1 }));
const all = await timed(`pool, ${cores} workers`, createPoolExecutor({ workers: cores }));
console.log(`speed-up ${cores} workers / 1 worker: ${(one.ms / all.ms).toFixed(2)}x; pool of ${cores} / in-thread baseline: ${(inThread.ms / all.ms).toFixed(2)}x`);
console.log(`same report every way: ${one.json === all.json && one.json === inThread.json}`);
