/**
 * Tidy export names: per-trip files say the drone once (`store-01_m2-class_1-t1.plan`, not
 * `store-01_m2-class_1.store-01_m2-class_1_t1.plan`), single files and zips are named after the mission
 * in short slug form, a zip of several files holds one folder; names still never collide, and the
 * import side reads the files by their new names.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { collidingNames, exportFiles, missionSlug, tripFileStem } from '../../src/core/formats';
import { serializeMission } from '../../src/core/mission';
import type { Plan } from '../../src/core/planner/plan';
import { buildDownload } from '../../src/ui/ExportMenu';
import { cli } from './cliHarness';
import { bundledMission, fixtureMission, plannedBy, standardPlan } from './formatsFixture';

/** The standard plan with the planner's own trip ids (`<droneId>/t<k>`). */
function plannerStyle(plan: Plan): Plan {
  return { ...plan, drones: plan.drones.map((d) => ({ ...d, trips: d.trips.map((t, k) => ({ ...t, tripId: `${d.droneId}/t${k + 1}` })) })) };
}

describe('trip file names', () => {
  it('say the drone once, then the trip', () => {
    expect(tripFileStem('store-01/m2-class/1', 'store-01/m2-class/1/t1')).toBe('store-01_m2-class_1-t1');
    expect(tripFileStem('depot-1/m2-class/2', 'trip-1')).toBe('depot-1_m2-class_2-trip-1');
    // Another drone's prefix is not "its own": kept whole.
    expect(tripFileStem('a/m/1', 'a/m/10/t1')).toBe('a_m_1-a_m_10_t1');
    // A trip id that is the drone id and a slash only: kept whole, never empty.
    expect(tripFileStem('a/m/1', 'a/m/1/')).toBe('a_m_1-a_m_1_');
  });

  it('ids that differ only in : and _ still give different names', () => {
    expect(tripFileStem('store:1/m/1', 'store:1/m/1/t1')).not.toBe(tripFileStem('store_1/m/1', 'store_1/m/1/t1'));
  });

  it("a planner's plan of a bundled mission: short names, no id twice, none colliding", () => {
    const mission = bundledMission('shenzhen-two-hour');
    const plan = plannedBy(mission);
    for (const format of ['qgc', 'wpl'] as const) {
      const r = exportFiles(format, { mission, plan });
      if (!r.ok) throw new Error(r.message);
      const names = r.files.map((f) => f.name);
      expect(collidingNames(names)).toBeUndefined();
      for (const name of names) {
        expect(name).toMatch(format === 'qgc' ? /^[a-z0-9-]+_[A-Za-z0-9.-]+_\d+-t\d+\.plan$/ : /-t\d+\.waypoints$/);
        const depot = name.split('_')[0];
        expect(name.indexOf(depot, 1), name).toBe(-1); // the depot id appears once
      }
      expect(names.length).toBe(plan.drones.reduce((n, d) => n + d.trips.length, 0));
    }
  });
});

describe('mission-named files', () => {
  it('missionSlug: lower case, dashes, short, never empty', () => {
    expect(missionSlug('Shenzhen two-hour delivery (20 stores)')).toBe('shenzhen-two-hour-delivery-20-stores');
    expect(missionSlug('  Café & Crème — Zürich  ')).toBe('cafe-creme-zurich');
    expect(missionSlug('深圳')).toBe('mission');
    expect(missionSlug('x'.repeat(30) + ' ' + 'y'.repeat(30)).length).toBeLessThanOrEqual(48);
    expect(missionSlug(`${'a'.repeat(47)} b`)).toBe('a'.repeat(47));
  });

  it('one file per format for GeoJSON, CZML and KML, named by the slug', () => {
    const mission = { ...fixtureMission(), name: 'Tutorial: one store, five drops' };
    const plan = standardPlan(mission);
    expect(exportFiles('geojson', { mission, plan })).toMatchObject({ ok: true, files: [{ name: 'tutorial-one-store-five-drops.geojson' }] });
    expect(exportFiles('czml', { mission, plan })).toMatchObject({ ok: true, files: [{ name: 'tutorial-one-store-five-drops.plan.czml' }] });
  });

  it('the app zips several files into one folder named like the zip', () => {
    const mission = { ...fixtureMission(), name: 'Tutorial: one store, five drops' };
    const plan = plannerStyle(standardPlan(mission));
    const d = buildDownload('qgc', { mission, plan }, {});
    if (typeof d === 'string') throw new Error(d);
    expect(d.name).toBe('tutorial-one-store-five-drops-qgc.zip');
    const entries = Object.keys(unzipSync(d.data as Uint8Array)).sort();
    expect(entries).toEqual(
      [
        'tutorial-one-store-five-drops-qgc/depot-1_m2-class_1-t1.plan',
        'tutorial-one-store-five-drops-qgc/depot-1_m2-class_1-t2.plan',
        'tutorial-one-store-five-drops-qgc/depot-1_m2-class_2-t1.plan',
        'tutorial-one-store-five-drops-qgc/depot-2_m2-class_1-t1.plan',
      ].sort(),
    );
    const first = unzipSync(d.data as Uint8Array)[entries[0]];
    expect(JSON.parse(strFromU8(first)).fileType).toBe('Plan');
  });
});

describe('the import side reads the new names', () => {
  const dir = mkdtempSync(join(tmpdir(), 'skyhaul-export-names-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('skyhaul export writes the short names; skyhaul import takes one back', async () => {
    const mission = fixtureMission();
    const plan = plannerStyle(standardPlan(mission));
    const missionPath = join(dir, 'mission.json');
    const planPath = join(dir, 'plan.json');
    writeFileSync(missionPath, serializeMission(mission));
    writeFileSync(planPath, JSON.stringify(plan));
    const out = join(dir, 'qgc');
    const r = await cli('export', missionPath, '--plan', planPath, '--format', 'qgc', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['depot-1_m2-class_1-t1.plan', 'depot-1_m2-class_1-t2.plan', 'depot-1_m2-class_2-t1.plan', 'depot-2_m2-class_1-t1.plan']);
    const bare = join(dir, 'bare.json');
    writeFileSync(bare, serializeMission({ ...mission, noFlyZones: [] }));
    const back = await cli('import', join(out, 'depot-1_m2-class_1-t1.plan'), '--into', bare, '--out', join(dir, 'fenced.json'));
    expect(back.code, back.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'fenced.json'), 'utf8')).noFlyZones).toHaveLength(mission.noFlyZones.length);
  });
});
