/**
 * The depot pads as the scene draws them (src/state/padInstances.ts) and as the inspector edits them
 * (src/ui/inspectorFields.ts): positions checked against plain spherical geometry, not against the
 * terminal's own layout code.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Depot, type Mission, depotSchema, parseMission } from '../../src/core/mission';
import { createFrame } from '../../src/core/geo/frame';
import { describePads, padInstances, padSummary } from '../../src/state/padInstances';
import { getIn, moveItem, setIn } from '../../src/state/missionEdits';
import { fieldsFor } from '../../src/ui/inspectorFields';
import { undo, useMissionStore } from '../../src/state/missionStore';
import { metresBetween } from '../haversine';

function load(name: string): Mission {
  const r = parseMission(JSON.parse(readFileSync(`missions/${name}.json`, 'utf8')));
  if (!r.ok) throw new Error(`${name} invalid`);
  return r.mission;
}


/** A point `east`/`north` metres from `p`. */
function offset(p: readonly number[], eastM: number, northM: number): [number, number] {
  const R = 6_371_008.8;
  const lat = p[1] + (northM / R) * (180 / Math.PI);
  const lng = p[0] + (eastM / (R * Math.cos((p[1] * Math.PI) / 180))) * (180 / Math.PI);
  return [lng, lat];
}

const drones = (d: Depot) => d.fleet.reduce((s, f) => s + f.count, 0);

/** The bundled default with every depot on the default pads (one per drone, 15 m, 30 s). */
function defaultPads(m: Mission): Mission {
  return { ...m, depots: m.depots.map(({ pads: _pads, ...d }) => d) };
}

describe('padInstances: the pads the scene draws', () => {
  const mission = defaultPads(load('shenzhen-two-hour'));
  const frame = createFrame(mission.origin);

  it('draws one pad per drone at every depot of the bundled default (no pads in the file)', () => {
    const data = padInstances(mission.depots, frame);
    const expected = mission.depots.reduce((s, d) => s + Math.max(1, drones(d)), 0);
    expect(expected).toBeGreaterThan(mission.depots.length);
    expect(data.pads).toHaveLength(expected);
    expect(data.depots.map((r) => r.depotId)).toEqual(mission.depots.map((d) => d.id));
    // Ranges tile the flat array, depot after depot.
    let next = 0;
    for (const r of data.depots) {
      expect(r.first).toBe(next);
      next += r.count;
    }
    expect(next).toBe(data.pads.length);
  });

  it('lays the default pads on the grid around the depot, neighbours 15 m apart', () => {
    const data = padInstances(mission.depots, frame);
    mission.depots.forEach((depot, k) => {
      expect(drones(depot), depot.id).toBe(3); // the generator's fleet: 3 drones per store
      const r = data.depots[k];
      const pads = data.pads.slice(r.first, r.first + r.count).map((p) => frame.toLngLat(p));
      expect(metresBetween(frame.toLngLat(r.at), depot.position)).toBeLessThan(0.01);
      const radii = pads.map((p) => metresBetween(p, depot.position));
      // 3 pads on the 15 m hexagonal grid around the depot: the first ring, each 15 m from a neighbour.
      expect(radii.map((r) => Math.round(r * 10) / 10)).toEqual([15, 15, 15]);
      pads.forEach((p) => expect(Math.min(...pads.filter((o) => o !== p).map((o) => metresBetween(p, o)))).toBeCloseTo(15, 1));
    });
  });

  it('follows an explicit count and spacing', () => {
    const depot: Depot = { ...mission.depots[0], pads: { count: 6, spacingM: 20, turnaroundS: 45 } };
    const data = padInstances([depot], frame);
    expect(data.pads).toHaveLength(6);
    const pads = data.pads.map((p) => frame.toLngLat(p));
    // The six grid neighbours of the depot: a hexagon of side 20 around it.
    expect(pads.map((p) => Math.round(metresBetween(p, depot.position) * 10) / 10)).toEqual([20, 20, 20, 20, 20, 20]);
    pads.forEach((p) => expect(Math.min(...pads.filter((o) => o !== p).map((o) => metresBetween(p, o)))).toBeCloseTo(20, 1));
    expect(describePads(depot)).toBe('6 pads, 20 m apart, 45 s turnaround');
  });

  it('draws explicit positions where they are, and a single pad on the depot', () => {
    const at = mission.depots[0].position;
    const positions: [number, number][] = [offset(at, 30, 0), offset(at, 0, -25), offset(at, -12, 12), offset(at, 5, 40)];
    const explicit: Depot = { ...mission.depots[0], pads: { positions, turnaroundS: 10 } };
    const single: Depot = { ...mission.depots[1], pads: { count: 1, spacingM: 15, turnaroundS: 30 } };
    const data = padInstances([explicit, single], frame);
    expect(data.pads).toHaveLength(5);
    positions.forEach((p, i) => expect(metresBetween(frame.toLngLat(data.pads[i]), p)).toBeLessThan(0.01));
    expect(metresBetween(frame.toLngLat(data.pads[4]), single.position)).toBeLessThan(0.01);
    expect(describePads(explicit)).toBe('4 explicit pads, 10 s turnaround');
    expect(describePads(single)).toBe('1 pad, 30 s turnaround');
    expect(describePads(mission.depots[2])).toBe('3 pads, 15 m apart, 30 s turnaround');
    expect(padSummary(mission.depots[2])).toMatchObject({ count: 3, byDefault: true, explicit: false });
  });

  it('a depot with no drones still has one pad', () => {
    const empty: Depot = { ...mission.depots[0], fleet: [] };
    expect(padInstances([empty], frame).pads).toHaveLength(1);
  });

  it('moving a depot moves its pads with it and leaves the others where they were', () => {
    const before = padInstances(mission.depots, frame);
    const moved = moveItem(mission, { kind: 'depot', id: mission.depots[4].id }, offset(mission.depots[4].position, 200, -100));
    const after = padInstances(moved.depots, frame);
    expect(after.pads).toHaveLength(before.pads.length);
    before.depots.forEach((r, k) => {
      for (let i = r.first; i < r.first + r.count; i++) {
        const shift = metresBetween(frame.toLngLat(before.pads[i]), frame.toLngLat(after.pads[i]));
        if (k === 4) expect(shift).toBeCloseTo(Math.hypot(200, 100), 0);
        else expect(shift).toBe(0);
      }
    });
  });

  it('counts the 40-store mission: hundreds of pads in one flat array', () => {
    const forty = load('shenzhen-40-stores');
    const data = padInstances(forty.depots, createFrame(forty.origin));
    expect(data.pads).toHaveLength(forty.depots.reduce((s, d) => s + Math.max(1, drones(d)), 0));
    expect(data.pads.length).toBeGreaterThanOrEqual(100);
  });
});

describe('inspector pad fields', () => {
  const mission = defaultPads(load('shenzhen-two-hour'));
  const depot = mission.depots[0];
  const field = (d: Depot, path: string) => fieldsFor('depot', d, mission).find((f) => f.path.join('.') === path)!;
  const value = (d: Depot, path: string) => {
    const f = field(d, path);
    return f.get ? f.get(d) : getIn(d, f.path);
  };
  const write = (d: Depot, path: string, v: unknown) => {
    const f = field(d, path);
    return depotSchema.parse(f.set!(d, v));
  };

  it('shows the defaults when the depot has no pads: empty count, 15 m, 30 s', () => {
    expect(value(depot, 'pads.count')).toBeUndefined();
    expect(field(depot, 'pads.count').placeholder).toMatch(/^3\b/);
    expect(value(depot, 'pads.spacingM')).toBe(15);
    expect(value(depot, 'pads.turnaroundS')).toBe(30);
  });

  it('writes a count with the default spacing and turnaround; empty removes pads again', () => {
    const six = write(depot, 'pads.count', 6);
    expect(six.pads).toEqual({ count: 6, spacingM: 15, turnaroundS: 30 });
    const wider = write(six, 'pads.spacingM', 25);
    expect(wider.pads).toEqual({ count: 6, spacingM: 25, turnaroundS: 30 });
    const back = write(wider, 'pads.count', undefined);
    expect(back.pads).toBeUndefined();
    expect(back).toEqual(depot);
  });

  it('editing spacing or turnaround without a count keeps one pad per drone', () => {
    expect(write(depot, 'pads.turnaroundS', 60).pads).toEqual({ count: 3, spacingM: 15, turnaroundS: 60 });
    expect(write(depot, 'pads.spacingM', 20).pads).toEqual({ count: 3, spacingM: 20, turnaroundS: 30 });
  });

  it('refuses out-of-range values by the schema', () => {
    expect(depotSchema.safeParse(field(depot, 'pads.spacingM').set!(depot, 3)).success).toBe(false);
    expect(depotSchema.safeParse(field(depot, 'pads.count').set!(depot, 0)).success).toBe(false);
    expect(depotSchema.safeParse(field(depot, 'pads.count').set!(depot, 2.5)).success).toBe(false);
  });

  it('keeps explicit positions untouched: shown read-only, only the turnaround is edited', () => {
    const positions: [number, number][] = [offset(depot.position, 20, 0), offset(depot.position, -20, 0)];
    const explicit: Depot = { ...depot, pads: { positions, turnaroundS: 30 } };
    const fields = fieldsFor('depot', explicit, mission).filter((f) => f.path[0] === 'pads');
    expect(fields.map((f) => f.path.join('.'))).toEqual(['pads.positions', 'pads.turnaroundS']);
    expect(fields[0].readOnly).toBe(true);
    expect(value(explicit, 'pads.positions')).toBe('2 explicit pads');
    const f = fields[1];
    const edited = depotSchema.parse(f.set ? f.set(explicit, 90) : setIn(explicit, f.path, 90));
    expect(edited.pads).toEqual({ positions, turnaroundS: 90 });
  });

  it('a pad edit through the store is one undoable step validated by the loader', () => {
    useMissionStore.getState().setMission(mission);
    const d = mission.depots[0];
    const next = { ...mission, depots: [write(d, 'pads.count', 5), ...mission.depots.slice(1)] };
    expect(useMissionStore.getState().applyEdit(next)).toEqual({ ok: true });
    const total = mission.depots.reduce((s, dd) => s + Math.max(1, drones(dd)), 0);
    expect(padInstances(useMissionStore.getState().mission.depots, useMissionStore.getState().frame).pads).toHaveLength(total - 3 + 5);
    undo();
    expect(useMissionStore.getState().mission.depots[0].pads).toBeUndefined();
  });
});
