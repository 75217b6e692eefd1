import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, parseMission, parseMissionText, serializeMission } from '../../src/core/mission';

const read = (p: string) => readFileSync(p, 'utf8');
const bundled = ['missions/shenzhen-two-hour.json', 'missions/shenzhen-40-stores.json', 'missions/tutorial.json'];

describe('bundled missions', () => {
  it.each(bundled)('%s loads with no errors and no checks', (file) => {
    const r = parseMissionText(read(file));
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.checks).toEqual([]);
  });

  it('the default mission has 20 depots and about 150 orders; the variant doubles the depots', () => {
    const a = parseMissionText(read(bundled[0]));
    const b = parseMissionText(read(bundled[1]));
    if (!a.ok || !b.ok) throw new Error('bundled mission refused');
    expect(a.mission.depots).toHaveLength(20);
    expect(a.mission.orders.length).toBeGreaterThanOrEqual(140);
    expect(b.mission.depots).toHaveLength(40);
    expect(b.mission.orders).toEqual(a.mission.orders);
  });

  it.each(bundled)('%s is saved byte for byte as it was read (stable JSON)', (file) => {
    const r = parseMissionText(read(file));
    if (!r.ok) throw new Error('refused');
    const once = serializeMission(r.mission);
    expect(once).toBe(read(file));
    const again = parseMissionText(once);
    if (!again.ok) throw new Error('refused');
    expect(serializeMission(again.mission)).toBe(once);
  });
});

describe('missions/invalid: every file gives its documented problem', () => {
  const dir = 'missions/invalid';
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json'));
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  it.each(cases)('%s', (file) => {
    const expected = read(`${dir}/${file.replace(/\.json$/, '.expected')}`).trim().split('\n');
    const r = parseMissionText(read(`${dir}/${file}`));
    const problems = (r.ok ? r.checks : r.errors).map(formatProblem);
    expect(problems.length).toBeGreaterThan(0);
    for (const line of expected) expect(problems.some((p) => p.includes(line)), `${line}\nin\n${problems.join('\n')}`).toBe(true);
  });
});

describe('loader rules', () => {
  const base = () => JSON.parse(read('missions/tutorial.json'));

  it('reports every problem at once, each with its path', () => {
    const doc = base();
    doc.orders[0].parcelKg = -1;
    doc.depots[0].position = [200, 0];
    doc.wind.speedMps = 'strong';
    const r = parseMission(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['orders[0].parcelKg', 'depots[0].position[0]', 'wind.speedMps']));
  });

  it('resolves ISO promise times against the start time', () => {
    const doc = base();
    doc.orders[0].window = { earliest: '2026-11-25T09:59:00+08:00', latest: 600 };
    const r = parseMission(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatProblem)).toContain('orders[0].window.earliest: is before the mission start');
  });

  it('migrates a version-0 document (object origin, bare polygon) to the current schema', () => {
    const doc = base();
    doc.schemaVersion = 0;
    doc.origin = { lng: doc.origin[0], lat: doc.origin[1] };
    doc.noFlyZones[0].polygon = doc.noFlyZones[0].shape;
    delete doc.noFlyZones[0].shape;
    const r = parseMission(doc);
    if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
    expect(r.mission.schemaVersion).toBe(1);
    expect(r.mission.origin).toEqual(base().origin);
    expect(r.mission.noFlyZones[0].shape).toEqual(base().noFlyZones[0].shape);
  });

  it('fills defaults for optional fields', () => {
    const doc = base();
    delete doc.settings;
    delete doc.orders[0].priority;
    const r = parseMission(doc);
    if (!r.ok) throw new Error('refused');
    expect(r.mission.settings.cruiseAltitudesM.length).toBeGreaterThan(0);
    expect(r.mission.orders[0].priority).toBe(1);
  });

  it('refuses a drone model without rotor size, naming the field', () => {
    const doc = base();
    delete doc.droneModels[0].rotorDiameterM;
    const r = parseMission(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map(formatProblem)).toContain('droneModels[0].rotorDiameterM: give rotorDiameterM or rotorDiscAreaM2');
  });
});
