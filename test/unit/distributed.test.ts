/**
 * Studies on several machines: `compare --redis` sends its plans and simulations to `skyhaul worker`
 * processes through Redis (BullMQ) and must write exactly the local pool's report. The test starts its
 * own redis-server (Debian's `redis-server` package) on a free port and two worker processes; without
 * redis-server the Redis part is skipped with a message, so a machine with nothing installed passes.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRedis } from '../../src/cli/queue/redis';
import { cli } from './cliHarness';
import { ITERATIONS } from './whatifFixture';

const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
const REDIS_SERVER = which.status === 0 ? which.stdout.trim() : '';
if (!REDIS_SERVER) console.warn('distributed.test.ts: redis-server not found (apt-get install redis-server): the Redis tests are skipped');

// The working tree may be edited while the test runs; pin the build fingerprint so workers started a few
// seconds before the study agree with it (the refusal test below gives one worker another fingerprint).
process.env.SKYHAUL_FINGERPRINT = 'distributed-test';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-distributed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

interface Proc {
  child: ChildProcess;
  log: () => string;
}

function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, { cwd: resolve('.'), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  return { child, log: () => log };
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(p: Proc): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill('SIGTERM');
  const t = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(t);
}

async function startWorker(url: string, fingerprint: string, more: string[] = []): Promise<Proc> {
  const w = start(process.execPath, ['bin/skyhaul.mjs', 'worker', '--redis', url, '--concurrency', '1', ...more], { SKYHAUL_FINGERPRINT: fingerprint });
  await waitFor('a worker to be ready', () => / ready: /.test(w.log()) || w.child.exitCode !== null);
  expect(w.log()).toContain(' ready: ');
  return w;
}

/** Two scenarios, three runs each, a fixed planner budget: 8 jobs, quick on the tutorial mission. */
async function compareArgs(out: string): Promise<string[]> {
  const scenario = join(dir, 'one-drone.json');
  writeFileSync(scenario, JSON.stringify({ name: 'one drone', mission: resolve('missions/tutorial.json'), overrides: { dronesPerDepot: 1, promiseWindowMin: 30 } }));
  return ['compare', 'missions/tutorial.json', scenario, '--runs', '3', '--iterations', String(ITERATIONS), '--seed', '3', '--out', out];
}

describe('compare --redis without a reachable Redis', () => {
  it('names the URL and exits 1; a URL that is not redis:// is a usage error', async () => {
    const port = await freePort();
    const r = await cli(...(await compareArgs(join(dir, 'none'))), '--redis', `redis://127.0.0.1:${port}`);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect((await cli('compare', 'missions/tutorial.json', '--redis', 'http://127.0.0.1:6379')).code).toBe(2);
    expect((await cli('compare', 'missions/tutorial.json', '--redis', `redis://127.0.0.1:${port}`, '--workers', '2')).code).toBe(2);
    expect((await cli('worker')).err).toContain('--redis is required');
  });
});

describe.skipIf(!REDIS_SERVER)('compare on two worker processes through Redis (needs redis-server)', () => {
  let redis: Proc;
  let url = '';
  const workers: Proc[] = [];

  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = start(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
    await waitFor(`redis-server on port ${port}`, () => probeRedis(url, 500).then(() => true, () => false));
    workers.push(await startWorker(url, 'distributed-test'), await startWorker(url, 'distributed-test'));
  }, 60_000);

  afterAll(async () => {
    await Promise.all(workers.map(stop));
    if (redis) await stop(redis);
  }, 30_000);

  it('writes the local pool\'s report byte for byte, and both workers took runs', async () => {
    const queued = await cli(...(await compareArgs(join(dir, 'queued'))), '--redis', url);
    expect(queued.err).toContain('2 workers connected');
    expect(queued.code).toBe(0);
    const local = await cli(...(await compareArgs(join(dir, 'local'))), '--workers', '2');
    expect(local.code).toBe(0);
    for (const f of ['report.json', 'index.html']) expect(readFileSync(join(dir, 'queued', f), 'utf8')).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    expect(queued.out.replace(/queued/g, 'local')).toBe(local.out);
    // 2 plans + 6 simulations; each worker runs one at a time, so both must have taken some.
    const done = workers.map((w) => (w.log().match(/^done (plan|simulate) /gm) ?? []).length);
    expect(done[0] + done[1]).toBe(8);
    expect(Math.min(...done)).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('a worker of another build refuses the runs, naming both builds', async () => {
    await Promise.all(workers.splice(0).map(stop));
    workers.push(await startWorker(url, 'other-build'));
    await expect(cli(...(await compareArgs(join(dir, 'refused'))), '--redis', url)).rejects.toThrow(
      /is Skyhaul .* \(code other-build\) but the study was started by Skyhaul .* \(code distributed-test\): run the same Skyhaul version/,
    );
  }, 60_000);

  it('a run whose worker dies goes to another worker, and the report is still the local one', async () => {
    await Promise.all(workers.splice(0).map(stop));
    const queue = new Queue('skyhaul', { connection: { url } });
    try {
      const doomed = await startWorker(url, 'distributed-test', ['--lock-timeout', '1']);
      workers.push(doomed);
      const study = cli(...(await compareArgs(join(dir, 'crash'))), '--redis', url);
      study.catch(() => {}); // awaited below; no unhandled rejection meanwhile
      let running = '';
      await waitFor('the first worker to take a run', async () => (running = (await queue.getActive())[0]?.id ?? '') !== '');
      expect(doomed.log()).not.toContain(running); // still running it (the first run also loads the worker thread)
      doomed.child.kill('SIGKILL');
      const survivor = await startWorker(url, 'distributed-test', ['--lock-timeout', '1']);
      workers.push(survivor);
      const r = await study;
      expect(r.code).toBe(0);
      expect(survivor.log()).toMatch(new RegExp(`^done \\w+ ${running} `, 'm'));
      for (const f of ['report.json', 'index.html']) expect(readFileSync(join(dir, 'crash', f), 'utf8')).toBe(readFileSync(join(dir, 'local', f), 'utf8'));
    } finally {
      await queue.close();
    }
  }, 60_000);

  it('gives up with a clear message when no worker takes the runs', async () => {
    await expect(cli(...(await compareArgs(join(dir, 'idle'))), '--redis', url, '--queue', 'nobody-listens', '--queue-timeout', '2')).rejects.toThrow(
      /no run of the study started or finished for 2 s on redis:\/\/127\.0\.0\.1:\d+ \(queue "nobody-listens"/,
    );
  }, 30_000);
});
