/**
 * `skyhaul compare`: plan and simulate several scenarios (K weather seeds each) on a worker pool
 * and write a side-by-side report: report.json (the model) and index.html (self-contained).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, parseMission } from '../../core/mission';
import {
  METRICS,
  type ScenarioInput,
  applyOverrides,
  formatValue,
  parseScenarioJson,
  renderReportHtml,
  runStudy,
} from '../../core/whatif';
import { type CliIO, type Command, UsageError } from '../command';
import { readMissionFile } from '../files';
import { createPoolExecutor } from '../pool/pool';
import { createProgressBar } from '../progress';

const USAGE = [
  'skyhaul compare <a.json> <b.json> [...] [--runs K] [--time-limit s | --iterations N] [--seed N]',
  '                [--target R [--max N]] [--workers N] [--title text] [--out dir]',
  '  each file is a mission (used as is) or a scenario: {"name", "mission": "<path>", "overrides": {...}}',
  '  overrides: depotsOff, depotsOn, dronesPerDepot (n or {depotId: n}), droneModel, wind {speedMps, fromDeg,',
  '             gustMps}, promiseWindowMin, orderScale, orderSeed (README "What-if studies")',
  '  --runs K        simulated days per scenario, weather seeds derived from --seed (default 3)',
  '  --time-limit s  planner budget per plan (default 10); --iterations N instead: reproducible anywhere',
  '  --target R      also find the drones per depot each scenario needs for on-time rate R (0..1 or %)',
  '  --max N         largest drones per depot the --target search tries (default 16)',
  '  --workers N     worker threads (default: one per core)',
  '  --out dir       writes dir/index.html and dir/report.json (default report/)',
].join('\n');

const OPTIONS = {
  runs: { type: 'string' },
  'time-limit': { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  target: { type: 'string' },
  max: { type: 'string' },
  min: { type: 'string' },
  workers: { type: 'string' },
  title: { type: 'string' },
  out: { type: 'string' },
} as const;

export function intOption(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} must be a whole number >= ${min} (got "${text}")`);
  return Number(text);
}

export function positiveOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`${flag} must be a number > 0 (got "${text}")`);
  return v;
}

/** An on-time target as a share: "0.95", "95" or "95%". */
export function targetOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = text.endsWith('%');
  const v = Number(percent ? text.slice(0, -1) : text);
  const share = percent || v > 1 ? v / 100 : v;
  if (!Number.isFinite(share) || share <= 0 || share > 1) throw new UsageError(`--target must be an on-time rate in (0, 1] or a percentage (got "${text}")`);
  return share;
}

/** Budget flags shared by compare and sweep. */
export function budgetOptions(values: { 'time-limit'?: string; iterations?: string }): { timeLimitS?: number; iterations?: number } {
  if (values.iterations !== undefined) {
    const iterations = intOption('--iterations', values.iterations, 0, 1);
    const timeLimitS = positiveOption('--time-limit', values['time-limit']);
    return { iterations, ...(timeLimitS !== undefined ? { timeLimitS } : {}) };
  }
  return { timeLimitS: positiveOption('--time-limit', values['time-limit']) ?? 10 };
}

/**
 * Read a scenario or mission file into a runnable scenario; prints every problem (with the file
 * and the field) and returns undefined when it cannot be used.
 */
export function loadScenarioFile(path: string, io: CliIO, id: string): ScenarioInput | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(`${path}: ${err.code ? `cannot read: ${err.code}` : `not valid JSON: ${err.message}`}\n`);
    return undefined;
  }
  const file = parseScenarioJson(raw);
  if (!file.ok) {
    io.err(`${path}: refused as a scenario, ${file.errors.length} error${file.errors.length > 1 ? 's' : ''}\n`);
    for (const p of file.errors) io.err(`  error ${formatProblem(p)}\n`);
    return undefined;
  }
  if (file.kind === 'mission') {
    const m = parseMission(file.mission);
    if (!m.ok) {
      io.err(`${path}: refused, ${m.errors.length} error${m.errors.length > 1 ? 's' : ''}\n`);
      for (const p of m.errors) io.err(`  error ${formatProblem(p)}\n`);
      return undefined;
    }
    return { id, name: m.mission.name, source: path, overrides: {}, notes: [], mission: m.mission };
  }
  const sc = file.scenario;
  const missionPath = resolve(dirname(path), sc.mission);
  const base = readMissionFile(missionPath, io);
  if (!base) {
    io.err(`${path}: its mission ${sc.mission} cannot be used\n`);
    return undefined;
  }
  const applied = applyOverrides(base, sc.overrides);
  if (!applied.ok) {
    io.err(`${path}: overrides refused, ${applied.errors.length} error${applied.errors.length > 1 ? 's' : ''}\n`);
    for (const p of applied.errors) io.err(`  error ${formatProblem(p)}\n`);
    return undefined;
  }
  return {
    id,
    name: sc.name ?? basename(path).replace(/\.json$/i, ''),
    source: path,
    ...(sc.description ? { description: sc.description } : {}),
    overrides: sc.overrides,
    notes: applied.notes,
    mission: applied.mission,
  };
}

/** Scenario ids from file names, made unique. */
function scenarioIds(paths: string[]): string[] {
  const seen = new Map<string, number>();
  return paths.map((p) => {
    const stem = basename(p).replace(/\.json$/i, '');
    const n = (seen.get(stem) ?? 0) + 1;
    seen.set(stem, n);
    return n === 1 ? stem : `${stem}-${n}`;
  });
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'plan and simulate scenarios side by side (K weather seeds each) and write an HTML report',
  usage: USAGE,
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length < 1) throw new UsageError('give at least one scenario or mission file (two or more to compare)');
    const runs = intOption('--runs', values.runs, 3, 1);
    const baseSeed = intOption('--seed', values.seed, 1, 0);
    const budget = budgetOptions(values);
    const target = targetOption(values.target);
    const sweepMin = intOption('--min', values.min, 1, 0);
    const sweepMax = intOption('--max', values.max, 16, Math.max(1, sweepMin));
    const workers = values.workers === undefined ? undefined : intOption('--workers', values.workers, 1, 1);
    const outDir = values.out ?? 'report';

    const ids = scenarioIds(positionals);
    const scenarios: ScenarioInput[] = [];
    let bad = false;
    positionals.forEach((p, i) => {
      const sc = loadScenarioFile(p, io, ids[i]);
      if (sc) scenarios.push(sc);
      else bad = true;
    });
    if (bad) return 1;

    const exec = createPoolExecutor({ workers });
    const bar = createProgressBar(io, 'compare');
    let report;
    try {
      report = await runStudy(scenarios, exec, {
        runs,
        baseSeed,
        ...budget,
        ...(target !== undefined ? { target, sweepMin, sweepMax } : {}),
        ...(values.title ? { title: values.title } : {}),
        onProgress: (p) => bar.update(p.total ? p.done / p.total : 0, p.message),
      });
    } finally {
      await exec.close();
    }
    bar.done(`${scenarios.length} scenarios, ${runs} runs each, ${exec.workers} worker${exec.workers > 1 ? 's' : ''}`);

    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(outDir, 'index.html'), renderReportHtml(report));

    const width = Math.max(12, ...report.scenarios.map((s) => Math.min(28, s.name.length)));
    io.out(`${'metric'.padEnd(34)}${report.scenarios.map((s) => s.name.slice(0, 28).padStart(width + 2)).join('')}\n`);
    for (const m of METRICS) {
      const cells = report.scenarios.map((s) => {
        const k = s.kpis[m.key];
        return formatValue(k.mean, m.decimals, m.percent).padStart(width + 2);
      });
      io.out(`${`${m.label}${m.unit ? ` (${m.unit})` : ''}`.padEnd(34)}${cells.join('')}\n`);
    }
    if (target !== undefined) {
      const cells = report.scenarios.map((s) => {
        const f = s.fleetSizing;
        return (f?.dronesPerDepot === null || !f ? `> ${sweepMax}` : `${f.dronesPerDepot} (${f.drones})`).padStart(width + 2);
      });
      io.out(`${`per depot for ${formatValue(target, 1, true)} %`.padEnd(34)}${cells.join('')}\n`);
    }
    io.out(`wrote ${join(outDir, 'index.html')} and ${join(outDir, 'report.json')}\n`);
    return 0;
  },
};
