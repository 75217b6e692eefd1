/**
 * Problems told by their thing: a problem path (`orders[150].position`) is mapped onto the thing's kind,
 * id and name in the mission, for `skyhaul validate` and the app's problem lists; the path stays too.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Mission, type Problem, parseMission } from '../../src/core/mission';
import { describeProblem, documentForProblems, formatProblemNamed, problemSubject } from '../../src/core/mission/problemSubject';
import { cli } from './cliHarness';

const tutorialDoc = () => JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
function tutorial(): Mission {
  const r = parseMission(tutorialDoc());
  if (!r.ok) throw new Error('tutorial');
  return r.mission;
}
const problem = (path: string, message: string, severity: Problem['severity'] = 'check'): Problem => ({ path, message, severity });

describe('problemSubject', () => {
  const m = tutorial();

  it('names a drop point by its id (orders have no name), with the field left over', () => {
    expect(problemSubject('orders[2].position', m)).toEqual({ kind: 'order', index: 2, id: m.orders[2].id, label: `order ${m.orders[2].id}`, field: 'position' });
  });

  it('names a depot by id and name, a field deep inside it in its own terms', () => {
    const d = m.depots[0];
    expect(problemSubject('depots[0].fleet[0].count', m)).toMatchObject({ kind: 'depot', id: d.id, name: d.name, label: `depot ${d.id} ("${d.name}")`, field: 'fleet[0].count' });
  });

  it('a zone, a building, a drone model and the whole item', () => {
    const z = m.noFlyZones[0];
    expect(problemSubject('noFlyZones[0].shape.coordinates[0]', m)).toMatchObject({ kind: 'no-fly zone', id: z.id, field: 'shape.coordinates[0]' });
    expect(problemSubject('noFlyZones[0]', m)?.field).toBe('');
    expect(problemSubject('droneModels[0].massKg', m)).toMatchObject({ kind: 'drone model', id: m.droneModels[0].id, field: 'massKg' });
    const withBuilding = { ...m, buildings: [{ id: 'b-1', footprint: { type: 'Polygon', coordinates: [] }, heightM: 30 }] };
    expect(problemSubject('buildings[0].heightM', withBuilding)?.label).toBe('building b-1');
  });

  it('a fault (no id) by its number and what it does', () => {
    const doc = { faults: [{ kind: 'motor-failure', droneId: 'depot-1/m2-class/1', atS: -5 }] };
    expect(problemSubject('faults[0].atS', doc)).toMatchObject({ kind: 'fault', label: 'fault #1 ("motor-failure of depot-1/m2-class/1")', field: 'atS' });
  });

  it('an item of a refused file, by the file own index, even when its id is unusable', () => {
    const raw = tutorialDoc();
    raw.orders[1].id = 42;
    expect(problemSubject('orders[1].id', raw)).toMatchObject({ kind: 'order', label: 'order #2', field: 'id' });
    expect(problemSubject('orders[9].position', raw)).toMatchObject({ label: 'order #10' });
    expect(problemSubject('orders[3].position')).toMatchObject({ label: 'order #4', field: 'position' });
  });

  it('nothing for the mission as a whole or paths it does not know', () => {
    for (const path of ['', 'name', 'wind.gustMps', 'settings.reserve.minPercent', 'context.water[3]', 'unknown[0].x', 'orders', 'orders.x']) {
      expect(problemSubject(path, m), path).toBeUndefined();
    }
  });

  it("a what-if variant's override by the word its form uses", () => {
    expect(problemSubject('overrides.wind.gustMps')).toMatchObject({ kind: 'variant', field: 'gusts' });
    expect(problemSubject('overrides.depotsOff[0]')).toMatchObject({ field: 'depots switched off' });
    expect(problemSubject('overrides.dronesPerDepot.ghost')).toMatchObject({ field: 'drones per depot' });
  });

  it('quotes a long or quoted name safely, on one line', () => {
    const doc = { depots: [{ id: 'd', name: `The "big" one ${'x'.repeat(80)}` }] };
    const label = problemSubject('depots[0].position', doc)!.label;
    expect(label.startsWith('depot d ("The \\"big\\" one x')).toBe(true);
    expect(label.length).toBeLessThan(90);
    expect(label.endsWith('…")')).toBe(true);
  });
});

describe('describeProblem and formatProblemNamed', () => {
  const m = tutorial();

  it('thing, field, reason, then the path for experts', () => {
    const p = problem('orders[0].position', 'inside no-fly zone "City park" (nfz-park)');
    expect(describeProblem(p, m).text).toBe(`order ${m.orders[0].id}: position: inside no-fly zone "City park" (nfz-park)`);
    expect(formatProblemNamed(p, m)).toBe(`order ${m.orders[0].id}: position: inside no-fly zone "City park" (nfz-park) (at orders[0].position)`);
  });

  it('the whole item: no empty field', () => {
    expect(formatProblemNamed(problem('orders[1]', 'unknown field "colour"', 'error'), m)).toBe(`order ${m.orders[1].id}: unknown field "colour" (at orders[1])`);
  });

  it('falls back to the path form when there is no thing', () => {
    expect(formatProblemNamed(problem('wind.speedMps', 'must be at most 60 m/s'), m)).toBe('wind.speedMps: must be at most 60 m/s');
    expect(formatProblemNamed(problem('', 'not valid JSON'), m)).toBe('not valid JSON');
    expect(describeProblem(problem('', 'x')).subject).toBeUndefined();
  });

  it('documentForProblems reads the text of a file (a BOM too), and gives nothing for text that is not JSON', () => {
    expect(documentForProblems('\uFEFF{"orders":[]}')).toEqual({ orders: [] });
    expect(documentForProblems('{not json')).toBeUndefined();
  });
});

describe('skyhaul validate names the things', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyhaul-named-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a refused file: each error names the item of the file, and keeps its path', async () => {
    const r = await cli('validate', 'missions/invalid/duplicate-id.json');
    expect(r.code).toBe(1);
    expect(r.out).toContain('error order order-1: id: duplicate id "order-1" (also orders[0]) (at orders[2].id)');
  });

  it('a mission that loads with checks: the depot by id and name', async () => {
    const doc = tutorialDoc();
    doc.depots[0].fleet = [];
    const path = join(dir, 'checks.json');
    writeFileSync(path, JSON.stringify(doc));
    const r = await cli('validate', path);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`^check depot ${doc.depots[0].id} \\("${doc.depots[0].name}"\\): .* \\(at depots\\[0\\]`, 'm'));
  });
});
