/**
 * The app's leg-cost stage (src/workers/planWorker.ts prepareLegCostsInWorkers with the leg-cost
 * workers of src/workers/legCostWorker.ts), run in one thread with in-process stand-ins for the Web
 * Workers (messages delivered later, results copied as a transfer would): both ways of handing out
 * jobs merge into exactly planMission's arc bounds and plan, a worker's error rejects the stage (no
 * hang), and cancel terminates the workers and still completes the arc bounds.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseMissionText } from '../../src/core/mission/load';
import type { Mission } from '../../src/core/mission/schema';
import { type ModelArcs, computeModelArcs } from '../../src/core/planner/arcs';
import { buildContext } from '../../src/core/planner/context';
import { MIN_THREADED_WORK, maxLegCostJobs } from '../../src/core/planner/legCostJobs';
import { planMission } from '../../src/core/planner/planMission';
import { type FromLegCostWorker, type ToLegCostWorker, legCostWorkerHandler } from '../../src/workers/legCostWorker';
import { LegCostsCancelled, type LegCostWorkerPort, legCostWorkerCount, planWorkerApi, prepareLegCostsInWorkers } from '../../src/workers/planWorker';

function load(path: string): Mission {
  const r = parseMissionText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path} refused`);
  return r.mission;
}

const mission = load('missions/shenzhen-two-hour.json');
const ctx = buildContext(mission);
const want = new Map(ctx.models.map((info) => [info.model.id, computeModelArcs(ctx, info)]));

const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function expectSameArcs(got: Map<string, ModelArcs>): void {
  expect([...got.keys()]).toEqual([...want.keys()]);
  for (const [id, w] of want) {
    const g = got.get(id)!;
    for (const field of ['timeS', 'baseWh', 'perKgWh', 'lengthM', 'layerMask', 'nodeLayerMask'] as const) {
      expect(bytes(g[field]).equals(bytes(w[field])), `${id}.${field}`).toBe(true);
    }
    expect(g.nodeProblem).toEqual(w.nodeProblem);
  }
}

interface FakeWorker extends LegCostWorkerPort {
  terminated: boolean;
  /** What the stage sent it, and what reached it before it was terminated. */
  sent: ToLegCostWorker[];
  received: ToLegCostWorker[];
}

/** A leg-cost worker in this thread: the real handler, messages delivered on later macrotasks. */
function fakeWorker(handler: (post: (msg: FromLegCostWorker) => void) => (msg: ToLegCostWorker) => void = legCostWorkerHandler): FakeWorker {
  const port: FakeWorker = {
    onmessage: null,
    onerror: null,
    terminated: false,
    sent: [],
    received: [],
    postMessage(msg) {
      port.sent.push(msg);
      setTimeout(() => {
        if (port.terminated) return;
        port.received.push(msg);
        handle(msg);
      }, 5);
    },
    terminate() {
      port.terminated = true;
    },
  };
  // Results are copied (a transfer in the app); the shared claim counter is not in them.
  const handle = handler((msg) => setTimeout(() => !port.terminated && port.onmessage?.({ data: structuredClone(msg) }), 0));
  return port;
}

describe('leg costs on Web Workers (in-thread stand-ins)', () => {
  it.each([
    ['shared', 1],
    ['messages', 2],
  ] as const)('jobs handed out by %s to %i worker(s) merge into planMission arc bounds and plan', async (handout, workers) => {
    const spawned: FakeWorker[] = [];
    const progress: [number, number, string][] = [];
    const prepared = await prepareLegCostsInWorkers(mission, {
      workers,
      handout,
      spawn: () => {
        const w = fakeWorker();
        spawned.push(w);
        return w;
      },
      onProgress: (done, total, message) => progress.push([done, total, message]),
    });
    expectSameArcs(prepared.arcsByModel);
    expect(spawned).toHaveLength(workers);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    expect(spawned.every((w) => w.received[0]?.type === 'start')).toBe(true);
    if (handout === 'shared') expect(spawned.every((w) => w.received.every((m) => m.type === 'start'))).toBe(true);
    const status = planWorkerApi.legCostWorkers();
    expect(status).toMatchObject({ spawned: workers, running: 0, handout, jobs: 4 });
    // Progress in the CLI's words, jobs done never going back, ending with all of them.
    expect(progress.at(-1)?.[2]).toMatch(/^3D leg costs: 4\/4 layers on \d threads, \d+ s$/);
    const done = progress.map((p) => p[0]);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    if (handout === 'messages') {
      const here = planMission(mission, { iterations: 200 });
      const stages: string[] = [];
      const there = planMission(mission, { iterations: 200, prepared, onProgress: (p) => stages.push(p.message) });
      expect(JSON.stringify(there.plan)).toBe(JSON.stringify(here.plan));
      // The planner used the merged arc bounds (its context is the stage's): no leg costs of its own.
      expect(prepared.ctx.mission).toBe(mission);
      expect(stages.filter((m) => /3D leg costs/.test(m))).toEqual([]);
    }
  }, 120_000);

  it('a worker that sends messages gets each job once, and whatever the split the arcs are the same', async () => {
    const spawned: FakeWorker[] = [];
    const prepared = await prepareLegCostsInWorkers(mission, {
      workers: 3,
      handout: 'messages',
      spawn: () => {
        const w = fakeWorker();
        spawned.push(w);
        return w;
      },
    });
    expectSameArcs(prepared.arcsByModel);
    const given = spawned.flatMap((w) => w.received.flatMap((m) => (m.type === 'job' ? [m.job] : [])));
    expect(new Set(given).size).toBe(given.length);
    const { jobsHere } = planWorkerApi.legCostWorkers();
    expect(given.length + jobsHere).toBe(4);
  }, 120_000);

  it('an error in a worker rejects the stage, and every worker is terminated', async () => {
    const spawned: FakeWorker[] = [];
    const failing = (post: (msg: FromLegCostWorker) => void) => (msg: ToLegCostWorker) => {
      if (msg.type === 'start') post({ type: 'error', message: 'out of memory (test)' });
    };
    await expect(
      prepareLegCostsInWorkers(mission, {
        workers: 2,
        handout: 'messages',
        spawn: () => {
          const w = fakeWorker(spawned.length === 0 ? failing : legCostWorkerHandler);
          spawned.push(w);
          return w;
        },
      }),
    ).rejects.toThrow(/leg-cost worker: out of memory \(test\)/);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    expect(planWorkerApi.legCostWorkers().running).toBe(0);
  }, 120_000);

  it('a worker that never starts (script error) rejects the stage too', async () => {
    const spawned: FakeWorker[] = [];
    const silent = () => () => {};
    const run = prepareLegCostsInWorkers(mission, {
      workers: 1,
      handout: 'shared',
      spawn: () => {
        const w = fakeWorker(silent);
        spawned.push(w);
        setTimeout(() => w.onerror?.({ message: 'SyntaxError (test)' }), 10);
        return w;
      },
    });
    await expect(run).rejects.toThrow(/leg-cost worker failed: SyntaxError \(test\)/);
    expect(spawned[0].terminated).toBe(true);
  }, 120_000);

  it('cancel terminates the workers and ends the stage at once (LegCostsCancelled)', async () => {
    const spawned: FakeWorker[] = [];
    // Workers that take jobs and never answer: without cancel the stage would wait for them.
    const hoarding = (post: (msg: FromLegCostWorker) => void) => (msg: ToLegCostWorker) => {
      if (msg.type === 'start') post({ type: 'next' });
    };
    const signal = { aborted: false };
    const run = prepareLegCostsInWorkers(mission, {
      workers: 2,
      handout: 'messages',
      signal,
      spawn: () => {
        const w = fakeWorker(hoarding);
        spawned.push(w);
        return w;
      },
      onProgress: (done) => {
        if (done >= 2) setTimeout(() => (signal.aborted = true), 50); // while waiting for the workers' jobs
      },
    });
    await expect(run).rejects.toBeInstanceOf(LegCostsCancelled);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    expect(spawned.some((w) => w.sent.some((m) => m.type === 'job'))).toBe(true);
    expect(planWorkerApi.legCostWorkers()).toMatchObject({ running: 0, cancelled: true });
    expect(planWorkerApi.legCostWorkers().jobsHere).toBeLessThan(4);
  }, 120_000);

  it('cancelled before it starts, it starts no worker', async () => {
    const spawn = vi.fn(() => fakeWorker());
    await expect(prepareLegCostsInWorkers(mission, { workers: 2, handout: 'shared', spawn, signal: { aborted: true } })).rejects.toBeInstanceOf(LegCostsCancelled);
    expect(spawn).not.toHaveBeenCalled();
  });
});

/** Web Workers as the plan worker creates them (`new Worker(url, options)`), each made by `make`; the list of those started. */
function stubWorkers(make: () => FakeWorker): FakeWorker[] {
  const started: FakeWorker[] = [];
  vi.stubGlobal(
    'Worker',
    class {
      constructor() {
        const w = make();
        started.push(w);
        // biome-ignore lint/correctness/noConstructorReturn: the stand-in is the port itself
        return w;
      }
    },
  );
  return started;
}

describe('planWorkerApi.plan with leg-cost workers (busy day)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('gives the plan of the worker without them, with progress moving forward through the stage', async () => {
    const busyJson = JSON.parse(readFileSync('missions/shenzhen-busy-day.json', 'utf8'));
    const started = stubWorkers(() => fakeWorker());
    vi.stubGlobal('navigator', { hardwareConcurrency: 3 });
    const progress: { stage: string; fraction: number; message: string }[] = [];
    const withWorkers = await planWorkerApi.plan(busyJson, { iterations: 100, legCostHandout: 'messages' }, (p) => progress.push(p));
    expect(started).toHaveLength(2);
    expect(started.every((w) => w.terminated)).toBe(true);
    expect(planWorkerApi.legCostWorkers()).toMatchObject({ spawned: 2, running: 0, handout: 'messages', jobs: 4 });
    const alone = await planWorkerApi.plan(busyJson, { iterations: 100, legCostWorkers: 0 });
    expect(planWorkerApi.legCostWorkers()).toMatchObject({ spawned: 0 });
    if (!withWorkers.ok || !alone.ok) throw new Error('refused');
    expect(JSON.stringify(withWorkers.plan)).toBe(JSON.stringify(alone.plan));
    // The stage's time is in the run's.
    expect(withWorkers.stats.seconds.paths).toBeGreaterThan(0.1);
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(progress.some((p) => /^3D leg costs: 4\/4 layers on 3 threads/.test(p.message))).toBe(true);
    expect(progress.at(-1)).toMatchObject({ stage: 'done', fraction: 1 });
  }, 180_000);

  it('a leg-cost worker that fails makes plan() reject with its message', async () => {
    const busyJson = JSON.parse(readFileSync('missions/shenzhen-busy-day.json', 'utf8'));
    stubWorkers(() => fakeWorker((post) => () => post({ type: 'error', message: 'boom (test)' })));
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    await expect(planWorkerApi.plan(busyJson, { iterations: 100 })).rejects.toThrow(/leg-cost worker: boom \(test\)/);
    expect(planWorkerApi.legCostWorkers().running).toBe(0);
  }, 180_000);

  it('cancelled during the stage: no plan, marked cancelled, no worker left', async () => {
    const busyJson = JSON.parse(readFileSync('missions/shenzhen-busy-day.json', 'utf8'));
    const started = stubWorkers(() => fakeWorker());
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    const r = await planWorkerApi.plan(busyJson, { iterations: 100 }, (p) => {
      if (/3D leg costs: 1\//.test(p.message)) planWorkerApi.cancel();
    });
    expect(r).toEqual({ ok: false, problems: [], cancelled: true });
    expect(started.length).toBe(1);
    expect(started[0].terminated).toBe(true);
    expect(planWorkerApi.legCostWorkers()).toMatchObject({ running: 0, cancelled: true });
  }, 180_000);
});

describe('how many leg-cost workers', () => {
  afterEach(() => vi.unstubAllGlobals());
  const busy = load('missions/shenzhen-busy-day.json');

  it('none below the threshold, when asked for none, or without Web Workers', () => {
    vi.stubGlobal('Worker', class {});
    vi.stubGlobal('navigator', { hardwareConcurrency: 8 });
    expect(legCostWorkerCount(mission, undefined)).toBe(0); // the two-hour mission: below MIN_THREADED_WORK
    expect(legCostWorkerCount(busy, 0)).toBe(0);
    expect(legCostWorkerCount(mission, undefined, 0)).toBe(3);
    vi.stubGlobal('Worker', undefined);
    expect(legCostWorkerCount(busy, undefined)).toBe(0);
    expect(MIN_THREADED_WORK).toBe(5_000);
  });

  it('cores - 1, at least 1, at most the jobs - 1', () => {
    vi.stubGlobal('Worker', class {});
    expect(maxLegCostJobs(busy)).toBe(4);
    for (const [cores, workers] of [
      [1, 1],
      [2, 1],
      [3, 2],
      [16, 3],
    ]) {
      vi.stubGlobal('navigator', { hardwareConcurrency: cores });
      expect(legCostWorkerCount(busy, undefined), `${cores} cores`).toBe(workers);
    }
    expect(legCostWorkerCount(busy, 2)).toBe(2);
    expect(legCostWorkerCount(busy, 9)).toBe(3);
  });
});
