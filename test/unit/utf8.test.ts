/** Files as text: one UTF-8 decoder for the CLI and the app (BOM dropped, invalid bytes refused with where). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidUtf8 } from '../../src/core/mission/text';
import { cli } from './cliHarness';

const enc = (s: string) => new TextEncoder().encode(s);
const dir = mkdtempSync(join(tmpdir(), 'skyhaul-utf8-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('decodeUtf8', () => {
  it('reads UTF-8 with and without a byte-order mark the same', () => {
    expect(decodeUtf8(enc('{"name":"Café 北京"}'))).toEqual({ ok: true, text: '{"name":"Café 北京"}' });
    expect(decodeUtf8(Uint8Array.of(0xef, 0xbb, 0xbf, ...enc('{}')))).toEqual({ ok: true, text: '{}' });
  });

  it('refuses bytes that are not UTF-8, with the byte, line and column', () => {
    const bad = Uint8Array.of(...enc('{\n  "name": "ab'), 0xff, ...enc('"\n}'));
    expect(decodeUtf8(bad)).toEqual({ ok: false, message: 'not valid UTF-8 at byte 15 (line 2, column 14)' });
    // Overlong encodings, surrogates and truncated sequences are not UTF-8 either.
    expect(firstInvalidUtf8(Uint8Array.of(0x41, 0xc0, 0xaf))).toBe(1);
    expect(firstInvalidUtf8(Uint8Array.of(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8(Uint8Array.of(0x41, 0x42, 0xe2, 0x82))).toBe(2);
    expect(firstInvalidUtf8(enc('ok ✓ 😀'))).toBe(enc('ok ✓ 😀').length);
  });

  it('the CLI refuses a mission file with invalid UTF-8 and says where, instead of reading replaced characters', async () => {
    const text = readFileSync('missions/tutorial.json');
    const i = text.indexOf(Buffer.from('"name"')) + 9;
    const broken = Buffer.concat([text.subarray(0, i), Buffer.of(0xfe), text.subarray(i)]);
    const path = join(dir, 'broken.json');
    writeFileSync(path, broken);
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.err + r.out).toMatch(/not valid UTF-8 at byte \d+ \(line \d+, column \d+\)/);
  });
});
