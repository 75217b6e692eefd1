/** `skyhaul export` and `skyhaul import` end to end through runCli, on files in a temporary folder. */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMissionText, serializeMission } from '../../src/core/mission';
import { fixtureMission, standardPlan } from './formatsFixture';
import { cli } from './cliHarness';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const mission = fixtureMission();
const plan = standardPlan(mission);
const missionPath = join(dir, 'mission.json');
const planPath = join(dir, 'plan.json');
writeFileSync(missionPath, serializeMission(mission));
writeFileSync(planPath, JSON.stringify(plan));
const trips = plan.drones.reduce((n, d) => n + d.trips.length, 0);

describe('skyhaul export', () => {
  it.each(['qgc', 'wpl'] as const)('writes one %s file per trip', async (format) => {
    const out = join(dir, `out-${format}`);
    const r = await cli('export', missionPath, '--plan', planPath, '--format', format, '--out', out);
    expect(r.code, r.err).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(trips);
    expect(r.out.trim().split('\n')).toHaveLength(trips);
    const first = readFileSync(join(out, files[0]), 'utf8');
    if (format === 'qgc') expect(JSON.parse(first).fileType).toBe('Plan');
    else expect(first.split('\n')[0]).toBe('QGC WPL 110');
  });

  it.each(['geojson', 'czml', 'kml'] as const)('writes one %s file', async (format) => {
    const out = join(dir, `out-${format}`);
    const r = await cli('export', missionPath, '--plan', planPath, '--format', format, '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out)).toHaveLength(1);
  });

  it('exports a trace given with --trace, and refuses a file that is not one', async () => {
    const trace = {
      startTime: mission.startTime,
      drones: [{ droneId: 'd', tS: [0, 10], lng: [114, 114.001], lat: [22.55, 22.55], altM: [0, 50], soc: [1, 0.99] }],
    };
    const tracePath = join(dir, 'trace.json');
    writeFileSync(tracePath, JSON.stringify(trace));
    const out = join(dir, 'out-trace');
    const ok = await cli('export', missionPath, '--trace', tracePath, '--format', 'czml', '--out', out);
    expect(ok.code, ok.err).toBe(0);
    const czml = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8'));
    expect(czml.find((p: { id: string }) => p.id === 'drone/d').position.cartographicDegrees).toEqual([0, 114, 22.55, 0, 10, 114.001, 22.55, 50]);
    writeFileSync(tracePath, JSON.stringify({ ...trace, drones: [{ ...trace.drones[0], lat: [22.55] }] }));
    const bad = await cli('export', missionPath, '--trace', tracePath, '--format', 'kml', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('drones[0].lat');
  });

  it('refuses a plan file that is not a plan (exit 1) and bad arguments (exit 2)', async () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, JSON.stringify({ planVersion: 1 }));
    const r = await cli('export', missionPath, '--plan', junk, '--format', 'qgc', '--out', join(dir, 'x'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/drones/);
    expect((await cli('export', missionPath, '--plan', planPath, '--format', 'shp', '--out', dir)).code).toBe(2);
    expect((await cli('export', missionPath, '--format', 'qgc', '--out', dir)).code).toBe(2);
    expect((await cli('export', missionPath, '--plan', planPath, '--format', 'qgc')).code).toBe(2);
  });
});

describe('skyhaul import', () => {
  it('adds a .plan geofence and rally points to a new mission file, leaving the input alone', async () => {
    const out = join(dir, 'out-qgc-import');
    await cli('export', missionPath, '--plan', planPath, '--format', 'qgc', '--out', out);
    const planFile = join(out, readdirSync(out).find((f) => f.startsWith('depot-1_'))!);
    // Import into a mission without zones: the fence comes back as zones.
    const bare = { ...mission, noFlyZones: [] };
    const barePath = join(dir, 'bare.json');
    writeFileSync(barePath, serializeMission(bare));
    const before = readFileSync(barePath, 'utf8');
    const newPath = join(dir, 'with-fence.json');
    const r = await cli('import', planFile, '--into', barePath, '--out', newPath);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(barePath, 'utf8')).toBe(before);
    const loaded = parseMissionText(readFileSync(newPath, 'utf8'));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.mission.noFlyZones).toHaveLength(mission.noFlyZones.length);
    // The rally point is depot-2, which the mission has: not added twice.
    expect(loaded.mission.depots).toHaveLength(mission.depots.length);
    expect(r.err).toContain('not added again: depot rally-1 (at depot depot-2)');
    // Into the mission it was exported from: everything is already there.
    const again = await cli('import', planFile, '--into', missionPath, '--out', join(dir, 'same.json'));
    expect(again.code).toBe(0);
    expect(again.out).toContain('added 0 no-fly zone(s), 0 building(s), 0 candidate depot(s)');
  });

  it('adds GeoJSON polygons as buildings with --as buildings --height', async () => {
    const gj = join(dir, 'roofs.geojson');
    writeFileSync(gj, JSON.stringify({ type: 'Polygon', coordinates: [[[114.001, 22.551], [114.002, 22.551], [114.002, 22.552], [114.001, 22.551]]] }));
    const newPath = join(dir, 'with-roofs.json');
    const r = await cli('import', gj, '--into', missionPath, '--as', 'buildings', '--height', '18', '--out', newPath);
    expect(r.code, r.err).toBe(0);
    const loaded = parseMissionText(readFileSync(newPath, 'utf8'));
    if (!loaded.ok) throw new Error('invalid');
    expect(loaded.mission.buildings.at(-1)!.heightM).toBe(18);
  });

  it('imports an old-fence plan with unknown MAVLink commands, printing a warning for each', async () => {
    const old = join(dir, 'old.plan');
    writeFileSync(
      old,
      JSON.stringify({
        fileType: 'Plan',
        version: 1,
        geoFence: { polygon: [], version: 1 },
        mission: { items: [{ type: 'SimpleItem', command: 4501, params: [0, 0, 0, 0, 22.55, 114, 10] }] },
        rallyPoints: { points: [], version: 1 },
      }),
    );
    const r = await cli('import', old, '--into', missionPath, '--out', join(dir, 'from-old.json'));
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/^warning: geoFence is version 1/m);
    expect(r.err).toMatch(/^warning: mission\.items\[0\]: MAV_CMD 4501 \(CONDITION_GATE\)/m);
  });

  it('needs --out (never overwrites the mission silently) and refuses bad files naming the item', async () => {
    const gj = join(dir, 'roofs.geojson');
    const noOut = await cli('import', gj, '--into', missionPath);
    expect(noOut.code).toBe(2);
    const bad = join(dir, 'bad.plan');
    writeFileSync(bad, JSON.stringify({ fileType: 'Plan', version: 1, mission: { items: [{ type: 'SimpleItem', command: 999, params: [0, 0, 0, 0, 0, 0, 0] }] } }));
    const newPath = join(dir, 'never.json');
    const r = await cli('import', bad, '--into', missionPath, '--out', newPath);
    expect(r.code).toBe(1);
    expect(r.err).toContain('mission.items[0].command: unknown MAV_CMD 999');
    expect(existsSync(newPath)).toBe(false);
  });
});
