/**
 * Issue 20: a full disk in the middle of `plan --out` / `simulate --out` / `export --out` must leave the
 * old file whole (it used to leave it truncated). The disk is simulated: while `diskFull` is set, every
 * fs write puts half its data down and then fails with ENOSPC.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli } from './cliHarness';

const fault = vi.hoisted(() => ({ diskFull: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeFileSync: typeof fs.writeFileSync = (target, data, options) => {
    if (!fault.diskFull) return fs.writeFileSync(target, data, options);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    fs.writeFileSync(target, text.slice(0, Math.floor(text.length / 2)), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  return { ...fs, default: { ...fs, writeFileSync }, writeFileSync };
});

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mission = 'missions/tutorial.json';

async function withFullDisk<T>(f: () => Promise<T>): Promise<T> {
  fault.diskFull = true;
  try {
    return await f();
  } finally {
    fault.diskFull = false;
  }
}

describe('a full disk never truncates an output file', () => {
  it('plan --out and simulate --out keep the old file whole, exit 1 and name the reason', async () => {
    const planPath = join(dir, 'plan.json');
    const first = await cli('plan', mission, '--iterations', '20', '--out', planPath);
    expect(first.code, first.err).toBe(0);
    const old = readFileSync(planPath, 'utf8');
    const r = await withFullDisk(() => cli('plan', mission, '--iterations', '30', '--seed', '2', '--out', planPath));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${planPath}: cannot write (ENOSPC)`);
    expect(readFileSync(planPath, 'utf8')).toBe(old);

    const tracePath = join(dir, 'trace.json');
    writeFileSync(tracePath, '{"old":"trace"}');
    const s = await withFullDisk(() => cli('simulate', mission, '--plan', planPath, '--out', tracePath));
    expect(s.code).toBe(1);
    expect(readFileSync(tracePath, 'utf8')).toBe('{"old":"trace"}');
    expect(readdirSync(dir).sort()).toEqual(['plan.json', 'trace.json']); // no temporary file left
  });

  it('export --out keeps the files already there whole', async () => {
    const out = join(dir, 'geo');
    const first = await cli('export', mission, '--format', 'geojson', '--out', out);
    expect(first.code, first.err).toBe(0);
    const [name] = readdirSync(out);
    const old = readFileSync(join(out, name), 'utf8');
    writeFileSync(join(out, name), `${old} `);
    const r = await withFullDisk(() => cli('export', mission, '--format', 'geojson', '--out', out));
    expect(r.code).toBe(1);
    expect(readFileSync(join(out, name), 'utf8')).toBe(`${old} `);
    expect(readdirSync(out)).toEqual([name]);
  });
});
