/**
 * The planner's budget: by default a fixed number of iterations scaled to the orders (the same plan on
 * any machine, checked across two processes); a time limit bounds the whole run and says when it cut
 * the search short.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMission } from '../../src/core/mission/load';
import { defaultIterations, planMission } from '../../src/core/planner/planMission';
import { planSchema } from '../../src/core/planner/plan';
import { cli } from './cliHarness';

const tutorial = (() => {
  const r = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
  if (!r.ok) throw new Error('refused');
  return r.mission;
})();

describe('planner budget', () => {
  it('defaults to a number of iterations scaled to the orders, and uses all of it', () => {
    expect(defaultIterations(10)).toBe(5_000);
    expect(defaultIterations(600)).toBe(12_000);
    expect(defaultIterations(100_000)).toBe(25_000);
    const { plan, stats } = planMission(tutorial);
    expect(stats.iterationBudget).toBe(defaultIterations(stats.customers));
    expect(stats.iterations).toBe(stats.iterationBudget);
    expect(stats.cutShort).toBe(false);
    expect(plan.iterationLimit).toBe(stats.iterationBudget);
    expect(plan.searchCutShort).toBeUndefined();
  });

  it('a time limit bounds the run: the search stops early, the plan is complete and says it was cut short', () => {
    // A clock that runs 40 ms per reading: a 3 s limit is reached long before 5,000 iterations.
    let now = 0;
    const clock = () => (now += 40);
    const { plan, stats } = planMission(tutorial, { timeLimitS: 3, clock });
    expect(stats.cutShort).toBe(true);
    expect(stats.iterations).toBeLessThan(stats.iterationBudget);
    expect(plan.searchCutShort).toBe(true);
    expect(planSchema.safeParse(plan).success).toBe(true);
    expect(plan.orders).toHaveLength(tutorial.orders.length);
    expect(plan.kpis.assigned).toBeGreaterThan(0);
  });

  it('the CLI says when the search was cut short', async () => {
    const r = await cli('plan', 'missions/tutorial.json', '--iterations', '100000000', '--time-limit', '1');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/cut short {4}the time limit stopped the search after \d+ of 100000000 iterations/);
  }, 30_000);

  it('the default plan is the same in two separate processes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skyhaul-budget-'));
    const run = (name: string) => {
      const out = join(dir, name);
      execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'plan', 'missions/shenzhen-two-hour.json', '--out', out], { stdio: 'pipe' });
      return readFileSync(out, 'utf8');
    };
    const a = run('a.json');
    const b = run('b.json');
    expect(JSON.parse(a).kpis.assigned).toBeGreaterThan(100);
    expect(b).toBe(a);
  }, 120_000);
});
