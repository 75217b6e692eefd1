/**
 * Issue 20 regressions: inputs that crashed the CLI, lost or overwrote files, or acted on the terminal.
 * Each case failed on the code before the fix. (Atomic writes under a failing disk: atomic-write.test.ts.)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMission, serializeMission } from '../../src/core/mission';
import { collidingNames, exportFiles, idFileStem } from '../../src/core/formats';
import { terminalSafe } from '../../src/cli/terminalText';
import { fixtureMission, standardPlan } from './formatsFixture';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-hardening-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tutorial = () => JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
let n = 0;
function file(doc: unknown, text?: string): string {
  const path = join(dir, `m${n++}.json`);
  writeFileSync(path, text ?? JSON.stringify(doc));
  return path;
}
/** Neither a stack trace nor an internal error, ever. */
function clean(r: { code: number; out: string; err: string }) {
  expect(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.err}`).toBe(true);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
}

describe('atomic output files', () => {
  it('plan --out replaces the old file whole and leaves no temporary file behind', async () => {
    const out = join(dir, 'atomic');
    rmSync(out, { recursive: true, force: true });
    const mission = file(tutorial());
    const target = join(out, 'plan.json');
    const r = await cli('plan', mission, '--iterations', '50', '--out', target);
    clean(r);
    expect(JSON.parse(readFileSync(target, 'utf8')).drones.length).toBeGreaterThan(0);
    expect(readdirSync(out)).toEqual(['plan.json']);
  });

  it('a write that cannot happen exits 1 with the path and the reason, never a stack trace', async () => {
    const mission = file(tutorial());
    // The target is a folder: rename cannot replace it.
    const r = await cli('plan', mission, '--iterations', '50', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}: cannot write (`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('export file names cannot collide', () => {
  it('ids that differ only in : and _ get distinct, reversible stems', () => {
    expect(idFileStem('store:1')).not.toBe(idFileStem('store_1'));
    expect(idFileStem('depot-1/m2-class/1')).toBe('depot-1_m2-class_1');
    expect(idFileStem('.hidden')).not.toMatch(/^\./);
    expect(collidingNames(['a.plan', 'b.plan'])).toBeUndefined();
    expect(collidingNames(['A.plan', 'b.plan', 'a.plan'])).toEqual(['A.plan', 'a.plan']);
  });

  it('depots store:1 and store_1: one file per trip, none replaced (CLI and the app share exportFiles)', async () => {
    const base = fixtureMission();
    const rename = (text: string) => text.replaceAll('depot-1', 'store:1').replaceAll('depot-2', 'store_1');
    const missionText = rename(serializeMission(base));
    const plan = JSON.parse(rename(JSON.stringify(standardPlan(base))));
    const depots = new Set(plan.drones.filter((d: { trips: unknown[] }) => d.trips.length > 0).map((d: { droneId: string }) => d.droneId.split('/')[0]));
    expect(depots).toEqual(new Set(['store:1', 'store_1'])); // both depots fly: the old names collided
    const trips = plan.drones.reduce((s: number, d: { trips: unknown[] }) => s + d.trips.length, 0);
    const missionPath = file(undefined, missionText);
    const planPath = join(dir, 'collide-plan.json');
    writeFileSync(planPath, JSON.stringify(plan));
    const out = join(dir, 'collide-qgc');
    const r = await cli('export', missionPath, '--plan', planPath, '--format', 'qgc', '--out', out);
    clean(r);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out)).toHaveLength(trips);

    const parsed = parseMission(JSON.parse(missionText));
    if (!parsed.ok) throw new Error('fixture');
    const zip = exportFiles('wpl', { mission: parsed.mission, plan });
    expect(zip.ok && new Set(zip.files.map((f) => f.name)).size).toBe(trips);
  });

  it('refuses, never overwrites, when two names would still land on one file', () => {
    const base = fixtureMission();
    const plan = standardPlan(base);
    const withTrips = plan.drones.filter((d) => d.trips.length > 0);
    // A drone listed twice (a hand-edited plan): the only way left to make two names equal.
    const twin = { ...plan, drones: [...plan.drones, withTrips[0]] };
    const r = exportFiles('qgc', { mission: base, plan: twin });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/two trips would be written to one file/);
  });
});

describe('inputs that crashed plan or simulate', () => {
  it('a mission with no depot: plan gives a plan with every order unassigned', async () => {
    const m = tutorial();
    m.depots = [];
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/assigned\s+0\/5/);
  });

  it.each([
    ['charger powerW 1e-300', { kind: 'charger', powerW: 1e-300 }, /charging\.powerW: must be >= 10 W/],
    ['swapS 1e308', { kind: 'swap', swapS: 1e308 }, /charging\.swapS: must be at most 3600 s/],
    ['swapS 1e300', { kind: 'swap', swapS: 1e300 }, /charging\.swapS: must be at most 3600 s/],
  ])('%s is refused with the field and the reason by validate, plan and simulate', async (_, charging, message) => {
    const m = tutorial();
    m.depots[0].charging = charging;
    const path = file(m);
    for (const args of [['validate', path], ['plan', path, '--iterations', '20'], ['simulate', path, '--iterations', '20']]) {
      const r = await cli(...args);
      clean(r);
      expect(r.code).toBe(1);
      expect(`${r.out}${r.err}`).toMatch(message);
    }
  });

  it('a polygon with coordinates [[]] is refused with its path', async () => {
    const m = tutorial();
    m.noFlyZones[0].shape.coordinates = [[]];
    const r = await cli('validate', file(m));
    clean(r);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/shape\.coordinates\[0\]: a ring needs at least 4 positions.* \(at noFlyZones\[0\]\.shape\.coordinates\[0\]\)$/m);
  });

  it('schemaVersion 0 with noFlyZones [null] is refused with its path', async () => {
    const m = tutorial();
    m.schemaVersion = 0;
    m.noFlyZones = [null];
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/noFlyZones\[0\]: .*null/);
  });

  it('the simulated day stays bounded whatever battery-ready time a plan claims', async () => {
    const { simulate } = await import('../../src/core/sim/engine');
    const base = fixtureMission();
    const plan = standardPlan(base);
    const trip = plan.drones.find((d) => d.trips.length > 0)!.trips[0];
    trip.readyS = 1e300;
    const r = simulate(base, plan, { seed: 1 });
    if (r.ok) expect(r.trace.endS).toBeLessThanOrEqual(base.horizonS + 7 * 86_400);
  });
});

describe('two fleet entries for one model at a depot', () => {
  it('are refused by the loader at the second entry (plan used to succeed, simulate to refuse)', async () => {
    const m = tutorial();
    m.depots[0].fleet.push({ modelId: m.depots[0].fleet[0].modelId, count: 1 });
    const r = await cli('plan', file(m), '--iterations', '20');
    clean(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain('depots[0].fleet[1].modelId: drone model "m2-class" is already in this depot\'s fleet (fleet[0])');
  });
});

describe('a file starting with a UTF-8 byte order mark', () => {
  it('is read by validate, plan and export as the app reads it', async () => {
    const bom = file(undefined, `\uFEFF${readFileSync('missions/tutorial.json', 'utf8')}`);
    const v = await cli('validate', bom);
    expect(v.code, v.out).toBe(0);
    const planPath = join(dir, 'bom-plan.json');
    const p = await cli('plan', bom, '--iterations', '20', '--out', planPath);
    expect(p.code, p.err).toBe(0);
    writeFileSync(planPath, `\uFEFF${readFileSync(planPath, 'utf8')}`);
    const e = await cli('export', bom, '--plan', planPath, '--format', 'geojson', '--out', join(dir, 'bom-out'));
    expect(e.code, e.err).toBe(0);
  });
});

describe('terminal injection', () => {
  it('terminalSafe shows control characters escaped and keeps newlines and tabs', () => {
    expect(terminalSafe('zone \u001b[2K\r\u001b]52;c;aGk=\u0007 a\tb\n')).toBe('zone \\u001b[2K\\u000d\\u001b]52;c;aGk=\\u0007 a\tb\n');
    expect(terminalSafe('\rplanning [###]', true)).toBe('\rplanning [###]');
    expect(terminalSafe('x\u009b31m\u202e')).toBe('x\\u009b31m\\u202e');
    // JSON stays JSON with the same meaning.
    const json = JSON.stringify({ name: 'a\u007f\u0085b' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ name: 'a\u007f\u0085b' });
  });

  it('a zone name with an ESC sequence does not erase the "inside no-fly zone" check on screen', async () => {
    const m = tutorial();
    m.noFlyZones[0].name = 'Park\u001b[2K\r\u001b]52;c;cm0gLXJm\u0007';
    m.orders[0].position = [114.009, 22.557]; // inside the park
    const r = await cli('validate', file(m));
    expect(r.code).toBe(1);
    expect(r.out).toContain('inside no-fly zone "Park\\u001b[2K\\u000d\\u001b]52;c;cm0gLXJm\\u0007"');
    expect(r.out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});

describe('small files that would exhaust time or memory', () => {
  const errorsOf = (doc: unknown) => {
    const r = parseMission(doc);
    expect(r.ok).toBe(false);
    return r.ok ? [] : r.errors;
  };
  /** A ring of n corners on a circle around the tutorial's park (no crossing). */
  const circle = (n: number, radiusDeg = 0.003): [number, number][] => {
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const a = (2 * Math.PI * k) / n;
      ring.push([114.01 + radiusDeg * Math.cos(a), 22.557 + radiusDeg * Math.sin(a)]);
    }
    ring.push(ring[0]);
    return ring;
  };

  it('1,000 fleet entries of 10,000 drones are refused at the entry that crosses the total, without listing the drones', () => {
    const m = tutorial();
    const model = m.droneModels[0];
    m.droneModels = Array.from({ length: 1000 }, (_, k) => ({ ...model, id: `m${k}` }));
    m.depots[0].fleet = Array.from({ length: 1000 }, (_, k) => ({ modelId: `m${k}`, count: 10_000 }));
    m.faults = [{ kind: 'grounded', droneId: 'depot-1/m999/10000', fromS: 0 }];
    const errors = errorsOf(m);
    expect(errors).toEqual([
      {
        path: 'depots[0].fleet[1].count',
        message: expect.stringContaining('brings the mission to 20000 drones; a mission may have at most 10000 drones in total'),
        severity: 'error',
      },
    ]);
  });

  it('10,000 drones in total are accepted, and faults still name existing drones only', () => {
    const m = tutorial();
    m.depots[0].fleet[0].count = 10_000;
    m.faults = [
      { kind: 'grounded', droneId: 'depot-1/m2-class/10000', fromS: 0 },
      { kind: 'grounded', droneId: 'depot-1/m2-class/10001', fromS: 0 },
      { kind: 'grounded', droneId: 'depot-1/m2-class/01', fromS: 0 },
    ];
    expect(errorsOf(m).map((e) => e.path)).toEqual(['faults[1].droneId', 'faults[2].droneId']);
  });

  it('a zone ring of 100,000 corners is refused by its size, with the path of the ring', () => {
    const m = tutorial();
    m.noFlyZones[0].shape.coordinates = [circle(100_000)];
    const errors = errorsOf(m);
    expect(errors).toEqual([
      { path: 'noFlyZones[0].shape.coordinates[0]', message: expect.stringContaining('at most 10000 corners'), severity: 'error' },
    ]);
  });

  it('a ring of 10,000 corners is checked for crossings by the sweep: simple is accepted, a crossing found', () => {
    const m = tutorial();
    m.noFlyZones[0].shape.coordinates = [circle(10_000)];
    expect(parseMission(m).ok).toBe(true);
    const ring = circle(10_000);
    [ring[2500], ring[7500]] = [ring[7500], ring[2500]]; // two far corners swapped: edges cross the middle
    m.noFlyZones[0].shape.coordinates = [ring];
    expect(errorsOf(m)).toEqual([
      { path: 'noFlyZones[0].shape.coordinates[0]', message: expect.stringMatching(/^the ring crosses itself near \[/), severity: 'error' },
    ]);
  });
});

describe('self-crossing sweep', () => {
  it('finds crossings, touches and spikes, and accepts simple rings', async () => {
    const { ringSelfCrossing } = await import('../../src/core/geo/selfCrossing');
    const sq: [number, number][] = [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]];
    expect(ringSelfCrossing(sq)).toBeUndefined();
    expect(ringSelfCrossing([[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]])).toEqual([1, 1]); // bow tie
    // Figure eight touching at one corner.
    expect(ringSelfCrossing([[0, 0], [1, 1], [2, 0], [2, 2], [1, 1], [0, 2], [0, 0]])).toEqual([1, 1]);
    // A corner on another edge.
    expect(ringSelfCrossing([[0, 0], [4, 0], [4, 2], [2, 0], [0, 2], [0, 0]])).toEqual([2, 0]);
    // Doubling back along an edge.
    expect(ringSelfCrossing([[0, 0], [2, 0], [1, 0], [1, 2], [0, 0]])).toBeDefined();
    // Vertical edges and a repeated corner are fine.
    expect(ringSelfCrossing([[0, 0], [0, 0], [1, 0], [1, 1], [1, 2], [0, 2], [0, 0]])).toBeUndefined();
  });

  it('agrees with the all-pairs test (@turf/kinks) on random small rings, degenerate ones included', async () => {
    const { ringSelfCrossing } = await import('../../src/core/geo/selfCrossing');
    const { default: kinks } = await import('@turf/kinks');
    const { polygon } = await import('@turf/helpers');
    let seed = 20;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const spike = (p: [number, number][]) =>
      p.slice(0, -1).some((a, i, q) => {
        const v = q[(i + 1) % q.length];
        const b = q[(i + 2) % q.length];
        return (v[0] - a[0]) * (b[1] - a[1]) - (v[1] - a[1]) * (b[0] - a[0]) === 0 && (v[0] - a[0]) * (b[0] - v[0]) + (v[1] - a[1]) * (b[1] - v[1]) < 0;
      });
    let compared = 0;
    for (let t = 0; t < 4000; t++) {
      const grid = t % 2 === 0; // small integer grid: collinear edges and shared corners
      const n = 3 + Math.floor(rnd() * 9);
      const raw: [number, number][] = Array.from({ length: n }, () => (grid ? [Math.floor(rnd() * 4), Math.floor(rnd() * 4)] : [rnd(), rnd()]));
      raw.push(raw[0]);
      const ring = raw.filter((p, k) => k === 0 || p[0] !== raw[k - 1][0] || p[1] !== raw[k - 1][1]);
      if (ring.length < 4 || new Set(ring.slice(0, -1).map((p) => p.join())).size < 3) continue;
      const expected = kinks(polygon([ring])).features.length > 0 || spike(ring);
      expect(ringSelfCrossing(ring) !== undefined, JSON.stringify(ring)).toBe(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('polygon holes', () => {
  const withHole = (hole: [number, number][]) => {
    const m = tutorial();
    m.noFlyZones[0].shape.coordinates.push(hole);
    return m;
  };
  const outer = (): [number, number][] => tutorial().noFlyZones[0].shape.coordinates[0];
  const at = 'noFlyZones[0].shape.coordinates[1]';

  it('a hole inside the outer ring is accepted', () => {
    expect(parseMission(withHole([[114.008, 22.556], [114.01, 22.556], [114.01, 22.558], [114.008, 22.558], [114.008, 22.556]])).ok).toBe(true);
  });

  it('a hole outside the outer ring is refused with its path', () => {
    const r = parseMission(withHole([[114.02, 22.556], [114.022, 22.556], [114.022, 22.558], [114.02, 22.558], [114.02, 22.556]]));
    expect(r.ok ? [] : r.errors).toEqual([{ path: at, message: expect.stringContaining('outside the outer ring'), severity: 'error' }]);
  });

  it('a hole equal to the outer ring is refused with its path', () => {
    const r = parseMission(withHole(outer()));
    expect(r.ok ? [] : r.errors).toEqual([{ path: at, message: expect.stringContaining('overlaps the outer ring'), severity: 'error' }]);
  });

  it('a hole crossing the outer ring is refused with its path', () => {
    const r = parseMission(withHole([[114.01, 22.556], [114.02, 22.556], [114.02, 22.558], [114.01, 22.558], [114.01, 22.556]]));
    expect(r.ok ? [] : r.errors).toEqual([{ path: at, message: expect.stringMatching(/^the hole crosses, touches or overlaps the outer ring near \[114\.01314/), severity: 'error' }]);
  });

  it('two crossing holes are refused at the second', () => {
    const m = withHole([[114.008, 22.556], [114.01, 22.556], [114.01, 22.558], [114.008, 22.558], [114.008, 22.556]]);
    m.noFlyZones[0].shape.coordinates.push([[114.009, 22.557], [114.011, 22.557], [114.011, 22.559], [114.009, 22.559], [114.009, 22.557]]);
    const r = parseMission(m);
    expect(r.ok ? [] : r.errors).toEqual([
      { path: 'noFlyZones[0].shape.coordinates[2]', message: expect.stringContaining('overlaps hole 1'), severity: 'error' },
    ]);
  });
});

describe('absurd drone physics', () => {
  it.each([
    ['maxPayloadKg', 1e300, 'at most 10000 kg'],
    ['batteryWh', 1e308, 'at most 1000000 Wh'],
    ['emptyMassKg', 1e20, 'at most 10000 kg'],
    ['maxAirspeedMps', 1e9, 'at most 200 m/s'],
    ['climbRateMps', 1e9, 'at most 200 m/s'],
    ['dragAreaM2', 1e9, 'at most 2000 m^2'],
    ['avionicsW', 1e12, 'at most 1000000 W'],
  ])('%s %d is refused with the bound and a reason', (field, value, bound) => {
    const m = tutorial();
    m.droneModels[0][field] = value;
    const r = parseMission(m);
    const errors = r.ok ? [] : r.errors;
    expect(errors.find((e) => e.path === `droneModels[0].${field}`)?.message).toMatch(new RegExp(`^must be ${bound.replace('^', '\\^')} \\(.+\\)$`));
  });

  it('every preset and bundled mission still loads', async () => {
    const { PRESETS } = await import('../../src/core/energy/presets');
    const { droneModelSchema } = await import('../../src/core/mission/droneModel');
    for (const p of Object.values(PRESETS)) expect(droneModelSchema.safeParse(p).success, p.id).toBe(true);
    for (const f of ['tutorial.json', 'shenzhen-two-hour.json', 'shenzhen-40-stores.json']) {
      expect(parseMission(JSON.parse(readFileSync(`missions/${f}`, 'utf8'))).ok, f).toBe(true);
    }
  });
});
