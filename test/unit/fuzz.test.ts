/**
 * Issue 20's rule, fuzzed: whatever `validate` (parseMission) accepts, `plan` and `simulate` handle —
 * a plan or a reasoned refusal, never a throw, in bounded time. Seeded mutations of the bundled
 * missions (the tutorial, and small cuts of the Shenzhen day) go through the loader; the accepted ones
 * are planned with a tiny iteration budget and simulated. Seeds are fixed, so a failure reproduces.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMission } from '../../src/core/mission';
import { planMission } from '../../src/core/planner/planMission';
import { planSchema } from '../../src/core/planner/plan';
import { simulate } from '../../src/core/sim/engine';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const read = (f: string): Json => JSON.parse(readFileSync(`missions/${f}`, 'utf8'));

const tutorial = read('tutorial.json');
/** Small missions cut from the Shenzhen day: a few depots, orders, zones and buildings each. */
function shenzhenCut(depots: number, orders: number, zones: number, buildings: number): Json {
  const m = structuredClone(read('shenzhen-two-hour.json')) as Record<string, Json[]>;
  m.depots = m.depots.slice(0, depots);
  m.orders = m.orders.slice(0, orders);
  m.noFlyZones = m.noFlyZones.slice(0, zones);
  m.buildings = m.buildings.slice(0, buildings);
  return m as unknown as Json;
}
const bases: [string, Json][] = [
  ['tutorial', tutorial],
  ['shenzhen 2 depots, 6 orders', shenzhenCut(2, 6, 2, 4)],
  ['shenzhen 1 depot, 3 orders', shenzhenCut(1, 3, 5, 0)],
];

/** Values a hand-edited or hostile file might hold, in JSON (no NaN or Infinity: JSON has none). */
const oddValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(0, -1, 1, 0.5, 1e-300, 1e300, -1e300, 1e9, 10_000, 2 ** 31, '', 'x', '\u001b[2K', null, true, [], {}, [[]]),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -10, max: 100 }),
  fc.string({ maxLength: 8 }),
);

/** One edit at a path chosen by index: replace a value, scale a number, drop a key or element, or duplicate an element. */
type Edit = { at: number[]; kind: 'set' | 'scale' | 'drop' | 'dup'; value: Json; factor: number };
const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
  kind: fc.constantFrom<Edit['kind']>('set', 'scale', 'scale', 'scale', 'drop', 'dup'),
  value: oddValue,
  factor: fc.constantFrom(-1, 0, 0.001, 0.5, 0.9, 1.1, 1.5, 2, 10, 1000, 1e6),
});

/** Walks down the document, choosing children by index modulo their number, and edits where it stops. */
function applyEdit(doc: Json, e: Edit): void {
  let parent: Json = doc;
  let key: string | number | undefined;
  for (const pick of e.at) {
    const node: Json = key === undefined ? parent : (parent as Record<string | number, Json>)[key];
    if (node === null || typeof node !== 'object') break;
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (keys.length === 0) break;
    if (key !== undefined) parent = node;
    key = keys[pick % keys.length];
  }
  if (key === undefined) return;
  const box = parent as Record<string | number, Json>;
  const old = box[key];
  if (e.kind === 'set') box[key] = structuredClone(e.value);
  else if (e.kind === 'scale') box[key] = typeof old === 'number' ? old * e.factor : structuredClone(e.value);
  else if (e.kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete box[key];
  } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(old));
  else box[key] = structuredClone(old);
}

interface Outcome {
  stage: 'refused' | 'planned' | 'simulated' | 'sim-refused';
}

/** The rule: no throw anywhere; an accepted mission gives a schema-valid plan and a simulation or a reasoned refusal. */
function check(doc: Json): Outcome {
  const loaded = parseMission(JSON.parse(JSON.stringify(doc)));
  if (!loaded.ok) {
    expect(loaded.errors.length).toBeGreaterThan(0);
    for (const p of loaded.errors) expect(typeof p.message).toBe('string');
    return { stage: 'refused' };
  }
  const { plan } = planMission(loaded.mission, { iterations: 30, seed: 1, slices: 1 });
  const valid = planSchema.safeParse(JSON.parse(JSON.stringify(plan)));
  expect(valid.success, valid.success ? '' : JSON.stringify(valid.error.issues.slice(0, 3))).toBe(true);
  const sim = simulate(loaded.mission, plan, { seed: 1 });
  if (!sim.ok) {
    expect(sim.errors.length).toBeGreaterThan(0);
    return { stage: 'sim-refused' };
  }
  expect(sim.trace).toBeDefined();
  return { stage: 'simulated' };
}

/** More runs or another seed for a longer hunt: FUZZ_RUNS=5000 FUZZ_SEED=7 npx vitest run test/unit/fuzz.test.ts */
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 2020);

describe('fuzz: whatever validate accepts, plan and simulate handle', () => {
  it.each(bases)('%s unchanged is accepted, planned and simulated', (_, base) => {
    expect(check(structuredClone(base)).stage).toBe('simulated');
  });

  it.each(bases.map(([name, base], i) => [name, base, i] as const))(
    '%s with seeded mutations',
    (_, base, i) => {
      const stages = new Map<string, number>();
      fc.assert(
        fc.property(fc.array(editArb, { minLength: 1, maxLength: 2 }), (edits) => {
          const doc = structuredClone(base);
          for (const e of edits) applyEdit(doc, e);
          const t0 = performance.now();
          const { stage } = check(doc);
          // Generous: a case that takes seconds here is a hang on a real file.
          expect(performance.now() - t0).toBeLessThan(15_000);
          stages.set(stage, (stages.get(stage) ?? 0) + 1);
        }),
        { seed: SEED + i, numRuns: RUNS, endOnFailure: true },
      );
      // The mutations must reach the planner and simulator too, not only the loader's refusals.
      expect(stages.get('simulated') ?? 0, JSON.stringify([...stages])).toBeGreaterThan(RUNS / 10);
    },
    60_000,
  );
});
