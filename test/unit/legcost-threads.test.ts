/**
 * The leg-cost stage split into jobs (src/core/planner/legCostJobs.ts) and spread over threads
 * (src/cli/pool/legCosts.ts): whoever computes the jobs, in which order and with whatever the airspace
 * cached before, the arc bounds are exactly the in-thread ones, and so is the plan. On the two-hour
 * mission (buildings and zones, so that legs really go around things), dense and sparse.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIN_THREADED_WORK, planOnThreads, prepareLegCosts } from '../../src/cli/pool/legCosts';
import { parseMissionText } from '../../src/core/mission/load';
import type { Mission } from '../../src/core/mission/schema';
import { type LegCostMode, type ModelArcs, computeModelArcs } from '../../src/core/planner/arcs';
import { buildContext } from '../../src/core/planner/context';
import { LegCostWorkspace, legCostWork, mergeLegCosts } from '../../src/core/planner/legCostJobs';
import { planMission } from '../../src/core/planner/planMission';
import { cli } from './cliHarness';

const MISSION_PATH = 'missions/shenzhen-two-hour.json';
const ITERATIONS = 300;

function loadMission(): Mission {
  const r = parseMissionText(readFileSync(MISSION_PATH, 'utf8'));
  if (!r.ok) throw new Error('mission refused');
  return r.mission;
}

const bytes = (a: ArrayBufferView | undefined) => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength) : undefined);

/** Every array of the arc bounds, bit for bit. */
function expectSameArcs(got: Map<string, ModelArcs>, want: Map<string, ModelArcs>): void {
  expect([...got.keys()]).toEqual([...want.keys()]);
  for (const [id, w] of want) {
    const g = got.get(id)!;
    expect(g.n).toBe(w.n);
    for (const field of ['timeS', 'baseWh', 'perKgWh', 'lengthM', 'layerMask', 'nodeLayerMask'] as const) {
      expect(bytes(g[field])!.equals(bytes(w[field])!), `${id}.${field}`).toBe(true);
    }
    expect(bytes(g.index?.col)?.equals(bytes(w.index?.col)!) ?? w.index === undefined).toBe(true);
    expect(bytes(g.index?.rowStart)?.equals(bytes(w.index?.rowStart)!) ?? w.index === undefined).toBe(true);
    expect(g.nodeProblem).toEqual(w.nodeProblem);
    expect(g.windProblem).toBe(w.windProblem);
    expect(g.hoverWhPerS).toBe(w.hoverWhPerS);
  }
}

function inThread(mission: Mission, mode: LegCostMode): Map<string, ModelArcs> {
  const ctx = buildContext(mission);
  return new Map(ctx.models.map((info) => [info.model.id, computeModelArcs(ctx, info, undefined, mode)]));
}

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-legcost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(['dense', 'sparse'] as const)('leg-cost jobs, %s', (mode) => {
  const mission = loadMission();
  const want = inThread(mission, mode);

  it('legs really go around buildings and zones on this mission', () => {
    const ctx = buildContext(mission);
    const arcs = [...want.values()][0];
    let detours = 0;
    for (let i = 0; i < arcs.n; i++) {
      for (let j = 0; j < arcs.n; j++) {
        const s = arcs.slot(i, j);
        const straight = Math.hypot(ctx.points[j].x - ctx.points[i].x, ctx.points[j].y - ctx.points[i].y);
        if (i !== j && Number.isFinite(arcs.lengthM[s]) && arcs.lengthM[s] > straight + 1) detours++;
      }
    }
    expect(detours).toBeGreaterThan(50);
  });

  it('jobs computed from the mission JSON alone, in any order and on a used airspace, merge into the same arc bounds', () => {
    // What a worker does: the mission from its JSON, its own context.
    const fromJson = parseMissionText(JSON.stringify(mission));
    if (!fromJson.ok) throw new Error('mission JSON refused');
    const ws = new LegCostWorkspace(fromJson.mission, mode);
    const order = ws.jobs.map((_, k) => k).reverse();
    const first = ws.jobs.map(() => undefined) as (ReturnType<LegCostWorkspace['run']> | undefined)[];
    for (const k of order) first[k] = ws.run(ws.jobs[k]);
    // Again on the same (now warm) airspace.
    const again = ws.jobs.map((job) => ws.run(job));
    const ctx = buildContext(mission);
    expectSameArcs(mergeLegCosts(ctx, mode, ws.jobs, first), want);
    expectSameArcs(mergeLegCosts(ctx, mode, ws.jobs, again), want);
  });

  it('jobs on worker threads give the same arc bounds and the same plan as planMission', async () => {
    // Two workers and none of the jobs in this thread, so that the workers compute them all.
    const prepared = await prepareLegCosts(mission, { threads: 3, legCosts: mode, minWork: 0, inThisThread: false });
    expect(prepared).toBeDefined();
    expectSameArcs(prepared!.arcsByModel, want);
    const here = planMission(mission, { iterations: ITERATIONS, legCosts: mode });
    const there = planMission(mission, { iterations: ITERATIONS, legCosts: mode, prepared });
    expect(JSON.stringify(there.plan)).toBe(JSON.stringify(here.plan));
  }, 120_000);
});

describe('plan on threads', () => {
  it('counts the leg costs in the run: stats and the time limit start before them', async () => {
    const mission = loadMission();
    const out = await planOnThreads(mission, { threads: 2, minWork: 0, iterations: ITERATIONS });
    expect(out.stats.seconds.paths).toBeGreaterThan(0.05);
    expect(out.stats.seconds.total).toBeGreaterThanOrEqual(out.stats.seconds.paths);
  }, 120_000);

  it('leaves small days to planMission: the two-hour mission is below the threshold, the busy day above', () => {
    expect(legCostWork(loadMission())).toBeLessThan(MIN_THREADED_WORK);
    const busy = parseMissionText(readFileSync('missions/shenzhen-busy-day.json', 'utf8'));
    if (!busy.ok) throw new Error('busy day refused');
    expect(legCostWork(busy.mission)).toBeGreaterThan(MIN_THREADED_WORK);
  });

  it('skyhaul plan writes the same plan with --threads 1 and --threads 2', async () => {
    const before = process.env.SKYHAUL_LEG_COST_MIN_WORK;
    process.env.SKYHAUL_LEG_COST_MIN_WORK = '0'; // the two-hour mission through the jobs path
    try {
      const files: string[] = [];
      for (const threads of ['1', '2']) {
        const out = join(dir, `plan-${threads}.json`);
        const r = await cli('plan', MISSION_PATH, '--iterations', String(ITERATIONS), '--threads', threads, '--out', out);
        expect(r.code, r.err).toBe(0);
        expect(r.err).toContain('3D leg costs');
        files.push(readFileSync(out, 'utf8'));
      }
      expect(files[1]).toBe(files[0]);
      // And the same as planMission in one thread, as before.
      const inProcess = planMission(loadMission(), { iterations: ITERATIONS });
      expect(files[0]).toBe(`${JSON.stringify(inProcess.plan, null, 1)}\n`);
    } finally {
      if (before === undefined) delete process.env.SKYHAUL_LEG_COST_MIN_WORK;
      else process.env.SKYHAUL_LEG_COST_MIN_WORK = before;
    }
  }, 120_000);

  it('skyhaul simulate plans first with --threads as plan does', async () => {
    const r = await cli('simulate', 'missions/tutorial.json', '--iterations', '200', '--threads', '2', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).ordersTotal).toBe(5);
  }, 60_000);

  it('refuses a bad --threads', async () => {
    const r = await cli('plan', MISSION_PATH, '--threads', '0');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--threads');
  });
});
