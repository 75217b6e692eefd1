/** `skyhaul orders` end to end through runCli, on files in a temporary folder. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Mission, formatProblem, parseMissionText } from '../../src/core/mission';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-orders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BUSY = 'missions/shenzhen-busy-day.json';
const TUTORIAL = 'missions/tutorial.json';

function readMission(path: string): Mission {
  const r = parseMissionText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r.mission;
}

/** The tutorial with a small demand model, as a file. */
const tutorialWithDemand = join(dir, 'tutorial-demand.json');
{
  const doc = JSON.parse(readFileSync(TUTORIAL, 'utf8'));
  doc.demand = { seed: 5, hourly: Array.from({ length: 24 }, (_, h) => (h >= 10 && h < 11 ? 12 : 0)), radiusM: 3000, promiseS: 3600 };
  writeFileSync(tutorialWithDemand, JSON.stringify(doc));
}

describe('skyhaul orders --demand', () => {
  it('writes a new mission with the generated day, prints the summary and leaves the input alone', async () => {
    const before = readFileSync(BUSY, 'utf8');
    const out = join(dir, 'seed2.json');
    const r = await cli('orders', BUSY, '--demand', '--seed', '2', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(BUSY, 'utf8')).toBe(before);
    const m = readMission(out);
    expect(m.demand?.seed).toBe(2);
    expect(m.orders.every((o) => o.placedAt !== undefined)).toBe(true);
    expect(m.orders).not.toEqual(readMission(BUSY).orders);
    expect(r.out).toContain(`${m.orders.length} orders (${m.orders.length} generated, ${readMission(BUSY).orders.length} replaced)`);
    // By local hour of placement: the counts add up to the orders, hours 09..20.
    const hours = [...r.out.matchAll(/(\d\d)h (\d+)/g)].map((x) => [Number(x[1]), Number(x[2])]);
    expect(hours.map(([h]) => h)).toEqual([9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(hours.reduce((s, [, n]) => s + n, 0)).toBe(m.orders.length);
    const [min, median, max] = /min (\d+), median (\d+), max (\d+)/.exec(r.out)!.slice(1).map(Number);
    expect(min).toBeLessThanOrEqual(median);
    expect(median).toBeLessThanOrEqual(max);
    expect(max).toBeLessThan(m.orders.length);
  });

  it('is reproducible: the same seed gives the same file, the default seed is the file\'s', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    expect((await cli('orders', BUSY, '--demand', '--out', a)).code).toBe(0);
    expect((await cli('orders', BUSY, '--demand', '--seed', '1', '--out', b)).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    // The bundled file holds the seed-1 day.
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(BUSY, 'utf8'));
  });

  it('--append keeps the existing orders and gives the new ones ids that do not collide', async () => {
    const out = join(dir, 'appended.json');
    const r = await cli('orders', tutorialWithDemand, '--demand', '--append', '--out', out);
    expect(r.code, r.err).toBe(0);
    const m = readMission(out);
    const original = readMission(TUTORIAL).orders;
    expect(m.orders.slice(0, original.length)).toEqual(original);
    const added = m.orders.slice(original.length);
    expect(added.length).toBeGreaterThan(0);
    for (const o of added) expect(o.id).toMatch(/^d-/);
    expect(r.out).toContain(`${original.length} kept`);
  });

  it('refuses a mission without a demand model (exit 1) and bad flags (exit 2)', async () => {
    const r = await cli('orders', TUTORIAL, '--demand', '--out', join(dir, 'never.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no demand model/);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
    expect((await cli('orders', TUTORIAL, '--demand')).code).toBe(2); // no --out
    expect((await cli('orders', TUTORIAL, '--out', 'x.json')).code).toBe(2); // neither source
    expect((await cli('orders', TUTORIAL, '--demand', '--feed', 'f.csv', '--out', 'x.json')).code).toBe(2);
    expect((await cli('orders', TUTORIAL, '--demand', '--replace', '--append', '--out', 'x.json')).code).toBe(2);
    expect((await cli('orders', TUTORIAL, '--feed', 'f.csv', '--seed', '3', '--out', 'x.json')).code).toBe(2);
    const badSeed = await cli('orders', TUTORIAL, '--demand', '--seed', '1.5', '--out', 'x.json');
    expect(badSeed.code).toBe(2);
    expect(badSeed.err).toMatch(/--seed must be a whole number/);
  });
});

describe('skyhaul orders --feed', () => {
  const csv = join(dir, 'feed.csv');
  writeFileSync(csv, 'id,lng,lat,parcelKg,placedAt,latest\r\nweb-1,114.01,22.555,1.1,10:15,\r\nweb-2,114.02,22.56,0.4,"2026-11-25T10:20:00+08:00",12:00\r\n');

  it('appends the feed by default and replaces with --replace', async () => {
    const out = join(dir, 'fed.json');
    const r = await cli('orders', TUTORIAL, '--feed', csv, '--out', out);
    expect(r.code, r.err).toBe(0);
    const m = readMission(out);
    const original = readMission(TUTORIAL).orders;
    expect(m.orders.map((o) => o.id)).toEqual([...original.map((o) => o.id), 'web-1', 'web-2']);
    expect(m.orders.at(-2)?.placedAt).toBe(15 * 60); // 10:15 on a day starting at 10:00
    expect(m.orders.at(-1)?.window.latest).toBe(2 * 3600);

    const replaced = join(dir, 'fed-replaced.json');
    expect((await cli('orders', TUTORIAL, '--feed', csv, '--replace', '--out', replaced)).code).toBe(0);
    expect(readMission(replaced).orders.map((o) => o.id)).toEqual(['web-1', 'web-2']);
  });

  it('reads a JSON feed', async () => {
    const json = join(dir, 'feed.json');
    writeFileSync(json, JSON.stringify({ orders: [{ id: 'app-1', lng: 114.01, lat: 22.555, parcelKg: 1, placedAt: 600 }] }));
    const out = join(dir, 'fed-json.json');
    expect((await cli('orders', TUTORIAL, '--feed', json, '--replace', '--out', out)).code).toBe(0);
    expect(readMission(out).orders.map((o) => [o.id, o.placedAt])).toEqual([['app-1', 600]]);
  });

  it('refuses a feed with problems, naming the file, line and column, and writes nothing', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'id,lng,lat,parcelKg,placedAt\nweb-1,114.01,22.555,heavy,10:15\nweb-2,114.01,22.555,1,7:61\n');
    const out = join(dir, 'bad-out.json');
    const r = await cli('orders', TUTORIAL, '--feed', bad, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${bad}: refused, 2 errors`);
    expect(r.err).toMatch(/line 2, parcelKg: must be a number \(got "heavy"\)/);
    expect(r.err).toMatch(/line 3, placedAt: "7:61" is not a clock time/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses ids already in the mission when appending, and names the feed line of an order the loader refuses', async () => {
    const clash = join(dir, 'clash.csv');
    writeFileSync(clash, 'id,lng,lat,parcelKg,placedAt\norder-2,114.01,22.555,1,600\n');
    const r = await cli('orders', TUTORIAL, '--feed', clash, '--out', join(dir, 'clash.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 2, id: "order-2" is already an order of the mission/);
    // Outside the tutorial's 10 km mission area: the loader's rule, traced back to the feed line.
    const far = join(dir, 'far.csv');
    writeFileSync(far, 'id,lng,lat,parcelKg,placedAt\nnear,114.01,22.555,1,600\nfar,114.5,22.555,1,600\n');
    const f = await cli('orders', TUTORIAL, '--feed', far, '--replace', '--out', join(dir, 'far.json'));
    expect(f.code).toBe(1);
    expect(f.err).toMatch(/orders\[1\]\.position \(.*far\.csv line 3\): is .* km from the origin, outside the mission area/);
  });

  it('is listed in help with its usage', async () => {
    expect((await cli('help')).out).toMatch(/^ {2}orders /m);
    expect((await cli('help', 'orders')).out).toContain('--feed');
  });
});
