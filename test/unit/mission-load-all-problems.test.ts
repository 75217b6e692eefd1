/**
 * Issue 20, "one problem at a time": a file with several independent mistakes reports all of them in
 * one run. Schema errors and the cross-field errors of the parts that did parse come together, with the
 * original paths, and without knock-on errors caused only by the parts that did not.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, parseMission, parseMissionText } from '../../src/core/mission';
import { cli } from './cliHarness';

const tutorial = () => JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
/** The tutorial with eight orders (o-0 .. o-7), all valid. */
function eightOrders() {
  const m = tutorial();
  const first = m.orders[0];
  m.orders = Array.from({ length: 8 }, (_, i) => ({ ...first, id: `o-${i}`, window: { earliest: 60 * i, latest: 3600 + 60 * i } }));
  return m;
}
function errorsOf(doc: unknown): string[] {
  const r = parseMission(doc);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors.map(formatProblem);
}

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-all-problems-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A wrong type in orders[2].parcelKg, a duplicate depot id and a reversed window in orders[5]. */
function threeMistakes() {
  const m = eightOrders();
  m.orders[2].parcelKg = 'heavy';
  m.depots.push({ ...m.depots[0], name: 'Second store' });
  m.orders[5].window = { earliest: 3000, latest: 1000 };
  return m;
}

describe('every problem in one run', () => {
  it('reports a schema error, a duplicate id and a reversed window together, with their paths', () => {
    const problems = errorsOf(threeMistakes());
    expect(problems).toEqual([
      expect.stringMatching(/^orders\[2\]\.parcelKg: /),
      'depots[1].id: duplicate id "depot-1" (also depots[0])',
      'orders[5].window.latest: is before earliest',
    ]);
  });

  it('the same from the text loader and from `skyhaul validate`', async () => {
    const text = JSON.stringify(threeMistakes());
    const r = parseMissionText(text);
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['orders[2].parcelKg', 'depots[1].id', 'orders[5].window.latest']);
    const path = join(dir, 'three.json');
    writeFileSync(path, text);
    const out = await cli('validate', path);
    expect(out.code).toBe(1);
    const all = out.out + out.err;
    for (const p of ['(at orders[2].parcelKg)', 'id: duplicate id', '(at depots[1].id)', 'window.latest: is before earliest (at orders[5].window.latest)']) expect(all).toContain(p);
  });

  it('keeps the original indexes when items before a problem were dropped', () => {
    const m = eightOrders();
    m.orders[1].colour = 'red'; // dropped by the schema
    m.orders[4].id = 'o-3'; // duplicate of orders[3]
    m.orders[6].window = { earliest: 500, latest: 100 };
    expect(errorsOf(m)).toEqual([
      'orders[1]: unknown field "colour"',
      'orders[4].id: duplicate id "o-3" (also orders[3])',
      'orders[6].window.latest: is before earliest',
    ]);
  });

  it('does not report references to items that failed the schema as unknown', () => {
    const m = tutorial();
    const modelId = m.depots[0].fleet[0].modelId;
    m.droneModels[0].batteryWh = -5; // the model is dropped; the fleet still names it
    m.depots[0].fleet.push({ modelId: 'ghost-drone', count: 1 }); // a real unknown model
    m.faults = [{ kind: 'grounded', droneId: `${m.depots[0].id}/${modelId}/1`, fromS: 0 }];
    const problems = errorsOf(m);
    expect(problems.some((p) => p.startsWith('droneModels[0].batteryWh: '))).toBe(true);
    expect(problems).toContain('depots[0].fleet[1].modelId: unknown drone model "ghost-drone"');
    expect(problems.join('\n')).not.toContain(`unknown drone model "${modelId}"`);
    expect(problems.join('\n')).not.toContain('unknown drone "'); // the fault names a drone of the fleet
  });

  it('does not report faults at a depot that failed the schema', () => {
    const m = tutorial();
    m.depots[0].charging = { kind: 'charger', powerW: 'lots' };
    m.faults = [
      { kind: 'depot-closed', depotId: m.depots[0].id, fromS: 0, toS: 60 },
      { kind: 'depot-closed', depotId: 'nowhere', fromS: 0, toS: 60 },
    ];
    const problems = errorsOf(m);
    expect(problems).toContain('faults[1].depotId: unknown depot "nowhere"');
    expect(problems.join('\n')).not.toContain(`unknown depot "${m.depots[0].id}"`);
  });

  it('skips the rules whose inputs did not parse (a broken start time: no time-order errors)', () => {
    const m = threeMistakes();
    m.startTime = 'morning';
    const problems = errorsOf(m);
    expect(problems.some((p) => p.startsWith('startTime: '))).toBe(true);
    expect(problems).toContain('depots[1].id: duplicate id "depot-1" (also depots[0])');
    expect(problems.join('\n')).not.toContain('is before');
  });

  it('a collection of the wrong type reports only the schema error for it', () => {
    const m = tutorial();
    m.droneModels = 'none';
    const problems = errorsOf(m);
    expect(problems).toEqual([expect.stringMatching(/^droneModels: /)]);
  });
});
