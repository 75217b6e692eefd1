/** `skyhaul plan`: exit codes, the summary, the written plan, determinism with --iterations. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSchema } from '../../src/core/planner';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-plan-'));

describe('skyhaul plan', () => {
  it('writes a valid plan, prints the summary and progress, and repeats itself with --iterations', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const r = await cli('plan', 'missions/tutorial.json', '--iterations', '300', '--seed', '5', '--out', a);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assigned\s+5\/5 orders/);
    expect(r.out).toMatch(/energy\s+[\d.]+ kWh/);
    expect(r.out).toMatch(/conflicts\s+\d+ left/);
    expect(r.err).toMatch(/planning \[#+\] 100%/);
    const plan = planSchema.parse(JSON.parse(readFileSync(a, 'utf8')));
    expect(plan.seed).toBe(5);
    expect(plan.iterationLimit).toBe(300);
    await cli('plan', 'missions/tutorial.json', '--iterations', '300', '--seed', '5', '--out', b);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });

  it('lists every unassigned order with its reason', async () => {
    const m = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
    m.orders[0].parcelKg = 9;
    const f = join(dir, 'heavy.json');
    writeFileSync(f, JSON.stringify(m));
    const r = await cli('plan', f, '--iterations', '100');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/unassigned\s+1 too-heavy/);
    expect(r.out).toMatch(new RegExp(`${m.orders[0].id}\\s+too-heavy\\s+parcel 9\\.00 kg`));
  });

  it('exit 1 for a refused mission, 2 for a usage error', async () => {
    const f = join(dir, 'bad.json');
    writeFileSync(f, '{"schemaVersion": 1');
    expect((await cli('plan', f)).code).toBe(1);
    expect((await cli('plan', 'missions/tutorial.json', '--iterations', '-3')).code).toBe(2);
    expect((await cli('plan')).code).toBe(2);
  });
});
