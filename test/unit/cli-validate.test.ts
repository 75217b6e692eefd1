import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

describe('skyhaul validate', () => {
  it('prints ok and exits 0 for the default mission', async () => {
    const r = await cli('validate', 'missions/shenzhen-two-hour.json');
    expect(r).toMatchObject({ code: 0, out: 'ok\n' });
  });

  it.each(readdirSync('missions/invalid').filter((f) => f.endsWith('.json')))('exits 1 for invalid/%s', async (f) => {
    const r = await cli('validate', `missions/invalid/${f}`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^(error|check) /m);
  });

  it('exits 2 with usage when no file is given, and for an unknown command', async () => {
    expect((await cli('validate')).code).toBe(2);
    expect((await cli('fly-to-the-moon')).code).toBe(2);
  });

  it('lists its commands in help', async () => {
    const r = await cli('help');
    expect(r.out).toContain('validate');
  });
});
