/**
 * `skyhaul compare`: plan and simulate several scenarios (K weather seeds each) on a worker pool
 * and write a side-by-side report: report.json (the model) and index.html (self-contained).
 */
import { basename, join } from 'node:path';
import { METRICS, type ScenarioInput, formatValue, renderReportHtml, runStudy } from '../../core/whatif';
import { budgetFlags, dispatchFlags, parseCommandArgs, targetFlag, wholeNumberFlag } from '../args';
import { type Command, UsageError } from '../command';
import { writeOutputFiles } from '../atomicWrite';
import { readScenarioFile } from '../files';
import { QUEUE_OPTIONS, QUEUE_USAGE, cliStudyExecutor } from '../queue/cliExecutor';
import { createProgressBar } from '../progress';

const USAGE = [
  'skyhaul compare <a.json> <b.json> [...] [--runs K] [--time-limit s | --iterations N] [--seed N]',
  '                [--target R [--min N] [--max N]] [--workers N | --redis url] [--title text] [--out dir]',
  '  each file is a mission (used as is) or a scenario: {"name", "mission": "<path>", "overrides": {...}}',
  '  overrides: depotsOff, depotsOn, dronesPerDepot (n or {depotId: n}), droneModel, wind {speedMps, fromDeg,',
  '             gustMps}, promiseWindowMin, orderScale, orderSeed (README "What-if studies")',
  '  --runs K        simulated days per scenario, weather seeds derived from --seed (default 3)',
  '  --iterations N  search iterations per plan (default: scaled to the orders; reproducible anywhere);',
  '                  --time-limit s bounds each plan\'s time (then it may depend on the machine)',
  '  --dispatch rolling|greedy  run each day with live orders (revealed at placedAt) instead of one plan;',
  '                  --replan-every s (default 120) for rolling',
  '  --target R      also find the drones per depot each scenario needs for on-time rate R (0..1 or %)',
  '  --min N, --max N  smallest and largest drones per depot the --target search tries (default 1 and 16)',
  '  --workers N     worker threads (default: one per core)',
  ...QUEUE_USAGE,
  '  --out dir       writes dir/index.html and dir/report.json (default report/)',
].join('\n');

const OPTIONS = {
  runs: { type: 'string' },
  'time-limit': { type: 'string' },
  dispatch: { type: 'string' },
  'replan-every': { type: 'string' },
  iterations: { type: 'string' },
  seed: { type: 'string' },
  target: { type: 'string' },
  max: { type: 'string' },
  min: { type: 'string' },
  workers: { type: 'string' },
  title: { type: 'string' },
  out: { type: 'string' },
  ...QUEUE_OPTIONS,
} as const;

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
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length < 1) throw new UsageError('give at least one scenario or mission file (two or more to compare)');
    const runs = wholeNumberFlag('--runs', values.runs, 3, 1);
    const baseSeed = wholeNumberFlag('--seed', values.seed, 1, 0);
    const budget = budgetFlags(values);
    const dispatch = dispatchFlags('--dispatch', values.dispatch, values['replan-every']);
    const target = targetFlag(values.target);
    const sweepMin = wholeNumberFlag('--min', values.min, 1, 0);
    const sweepMax = wholeNumberFlag('--max', values.max, 16, Math.max(1, sweepMin));
    const workers = values.workers === undefined ? undefined : wholeNumberFlag('--workers', values.workers, 1, 1);
    const outDir = values.out ?? 'report';

    const ids = scenarioIds(positionals);
    const scenarios: ScenarioInput[] = [];
    let bad = false;
    positionals.forEach((p, i) => {
      const sc = readScenarioFile(p, io, ids[i]);
      if (sc) scenarios.push(sc);
      else bad = true;
    });
    if (bad) return 1;

    const exec = await cliStudyExecutor(values, workers, io);
    if (!exec) return 1;
    const bar = createProgressBar(io, 'compare');
    let report: Awaited<ReturnType<typeof runStudy>>;
    try {
      report = await runStudy(scenarios, exec, {
        runs,
        baseSeed,
        ...budget,
        ...(dispatch ? { dispatch } : {}),
        ...(target !== undefined ? { target, sweepMin, sweepMax } : {}),
        ...(values.title ? { title: values.title } : {}),
        onProgress: (p) => bar.update(p.total ? p.done / p.total : 0, p.message),
      });
    } finally {
      await exec.close();
    }
    bar.done(`${scenarios.length} scenarios, ${runs} runs each, ${exec.label}`);

    const written = writeOutputFiles(io, [
      { path: join(outDir, 'report.json'), data: `${JSON.stringify(report, null, 2)}\n` },
      { path: join(outDir, 'index.html'), data: renderReportHtml(report) },
    ]);
    if (!written) return 1;

    const labels = report.scenarios.map((s) => columnLabel(s.name, 28));
    const width = Math.max(12, ...labels.map((l) => l.length));
    io.out(`${'metric'.padEnd(34)}${labels.map((l) => l.padStart(width + 2)).join('')}\n`);
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

/**
 * A scenario name shortened to `maxChars` for a table column. Names often share a long prefix and differ
 * at the end ("... (20 stores)" vs "... (40 stores)"), so the middle is cut, keeping both ends.
 */
export function columnLabel(name: string, maxChars: number): string {
  if (name.length <= maxChars) return name;
  const tail = Math.floor((maxChars - 1) / 2);
  return `${name.slice(0, maxChars - 1 - tail)}…${name.slice(name.length - tail)}`;
}
