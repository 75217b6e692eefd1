/**
 * The editor's document logic without a browser: pure edits, id generation, validation through the
 * loader's rules, undo grouping (a drag or a typed value is one step) and GeoJSON import.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { tutorial } from './whatifFixture';
import { parseMission } from '../../src/core/mission';
import { createFrame } from '../../src/core/geo/frame';
import {
  addBuilding,
  addDepot,
  addNoFlyZone,
  addOrder,
  deleteItem,
  moveItem,
  moveVertex,
  setIn,
  uniqueId,
} from '../../src/state/missionEdits';
import { importPolygons, looksLikeGeoJson, polygonsFromGeoJson } from '../../src/state/geojsonImport';
import { undo, redo, undoCounts, useMissionStore, clearHistory } from '../../src/state/missionStore';
import { useEditorStore } from '../../src/state/editorStore';
import { confirmImport, openFileText } from '../../src/state/editorActions';
import { clickGround, finishTool } from '../../src/state/tools';
import { flagsFromChecks } from '../../src/state/flags';


const base = tutorial();
const frame = createFrame(base.origin);
/** A point `x` m east and `y` m north of the mission origin. */
const at = (x: number, y: number) => frame.toLngLat({ x, y });
const square = (cx: number, cy: number, half: number) => [at(cx - half, cy - half), at(cx + half, cy - half), at(cx + half, cy + half), at(cx - half, cy + half)];

beforeEach(() => {
  useMissionStore.getState().setMission(base);
  clearHistory();
  useEditorStore.setState({ tool: 'select', selection: null, draft: [], notice: null, loadErrors: null, pendingImport: null });
});

describe('pure edits', () => {
  it('adds a depot with a fresh id, the first drone model, and the clicked position', () => {
    const { mission, ref } = addDepot(base, at(300, -200));
    expect(mission.depots).toHaveLength(base.depots.length + 1);
    const depot = mission.depots.at(-1)!;
    expect(ref).toEqual({ kind: 'depot', id: depot.id });
    expect(base.depots.map((d) => d.id)).not.toContain(depot.id);
    expect(depot.fleet[0].modelId).toBe(base.droneModels[0].id);
    const p = frame.toLocal(depot.position);
    expect(Math.hypot(p.x - 300, p.y + 200)).toBeLessThan(0.05);
    expect(parseMission(mission).ok).toBe(true);
    // Untouched items are shared, not copied (per-item caches rely on it).
    expect(mission.orders).toBe(base.orders);
    expect(mission.depots[0]).toBe(base.depots[0]);
  });

  it('generates ids that never collide, even with gaps and look-alike ids', () => {
    let m = base;
    const ids = new Set(base.orders.map((o) => o.id));
    for (let i = 0; i < 30; i++) {
      const r = addOrder(m, at(i * 10, 0));
      expect(ids.has(r.ref.id)).toBe(false);
      ids.add(r.ref.id);
      m = r.mission;
    }
    m = deleteItem(m, { kind: 'order', id: [...ids][3] });
    const next = uniqueId(m, 'order');
    expect(m.orders.map((o) => o.id)).not.toContain(next);
  });

  it('adds valid default orders, zones and buildings', () => {
    let m = addOrder(base, at(100, 100)).mission;
    m = addNoFlyZone(m, square(-2000, 2000, 100)).mission;
    m = addBuilding(m, square(2000, -2000, 20), 45).mission;
    const r = parseMission(m);
    expect(r.ok ? [] : r.errors).toEqual([]);
    const ring = m.noFlyZones.at(-1)!.shape;
    expect(ring.type === 'Polygon' && ring.coordinates[0].at(-1)).toEqual(ring.type === 'Polygon' && ring.coordinates[0][0]);
    expect(m.buildings.at(-1)!.heightM).toBe(45);
  });

  it('moves a corner and keeps the ring closed when the first corner moves', () => {
    const { mission, ref } = addNoFlyZone(base, square(0, 3000, 100));
    const moved = moveVertex(mission, ref, 0, at(-150, 2850));
    const shape = moved.noFlyZones.at(-1)!.shape;
    if (shape.type !== 'Polygon') throw new Error('expected a polygon');
    const ring = shape.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const p = frame.toLocal(ring[0]);
    expect(Math.hypot(p.x + 150, p.y - 2850)).toBeLessThan(0.05);
    // Out-of-range corner indexes (including the closing copy) change nothing.
    expect(moveVertex(mission, ref, 4, at(0, 0))).toBe(mission);
  });

  it('setIn removes optional keys with undefined and copies only along the path', () => {
    const o = { a: { b: 1, c: 2 }, d: [1, 2] };
    const n = setIn(o, ['a', 'c'], undefined);
    expect(n).toEqual({ a: { b: 1 }, d: [1, 2] });
    expect(n.d).toBe(o.d);
    expect(setIn(o, ['d', 1], 5).d).toEqual([1, 5]);
    expect(o.d).toEqual([1, 2]);
  });
});

describe('the mission store', () => {
  it('refuses an edit that breaks the loader rules, with the loader reason, and keeps the mission', () => {
    const before = useMissionStore.getState().mission;
    const crossing = [at(0, 4000), at(200, 4200), at(200, 4000), at(0, 4200)];
    const result = useMissionStore.getState().applyEdit(addNoFlyZone(before, crossing).mission);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].message).toMatch(/crosses itself/);
    expect(useMissionStore.getState().mission).toBe(before);
    expect(undoCounts().past).toBe(0);
  });

  it('refuses a duplicate id', () => {
    const m = useMissionStore.getState().mission;
    const copy = { ...m.depots[0], name: 'twin' };
    const result = useMissionStore.getState().applyEdit({ ...m, depots: [...m.depots, copy] });
    expect(!result.ok && result.errors[0].message).toMatch(/duplicate id/);
  });

  it('undoes and redoes edits one step at a time, restoring the exact documents', () => {
    const s0 = useMissionStore.getState().mission;
    const s1 = addDepot(s0, at(10, 10)).mission;
    useMissionStore.getState().applyEdit(s1);
    const s2 = moveItem(s1, { kind: 'depot', id: s1.depots.at(-1)!.id }, at(50, 50));
    useMissionStore.getState().applyEdit(s2);
    expect(undoCounts()).toEqual({ past: 2, future: 0 });
    undo();
    expect(useMissionStore.getState().mission).toBe(s1);
    undo();
    expect(useMissionStore.getState().mission).toBe(s0);
    redo();
    redo();
    expect(useMissionStore.getState().mission).toBe(s2);
  });

  it('merges rapid edits of the same field into one undo step, but not edits of different fields', () => {
    const s0 = useMissionStore.getState().mission;
    const d = s0.depots[0];
    for (const name of ['H', 'Ha', 'Har']) {
      const m = useMissionStore.getState().mission;
      useMissionStore.getState().applyEdit({ ...m, depots: [{ ...m.depots[0], name }, ...m.depots.slice(1)] }, { coalesceKey: 'depots[0].name' });
    }
    expect(undoCounts().past).toBe(1);
    const m = useMissionStore.getState().mission;
    useMissionStore.getState().applyEdit({ ...m, depots: [{ ...m.depots[0], position: at(5, 5) }, ...m.depots.slice(1)] }, { coalesceKey: 'depots[0].position.0' });
    expect(undoCounts().past).toBe(2);
    undo();
    undo();
    expect(useMissionStore.getState().mission.depots[0]).toEqual(d);
  });

  it('keeps the derived flyability checks in step with undo', () => {
    const zone = base.noFlyZones[0];
    const inside = zone.shape.type === 'Circle' ? zone.shape.center : zone.shape.coordinates[0][0];
    const before = useMissionStore.getState().checks.length;
    const added = addOrder(base, inside);
    useMissionStore.getState().applyEdit(added.mission);
    const checks = useMissionStore.getState().checks;
    expect(checks.length).toBeGreaterThan(before);
    const flags = flagsFromChecks(useMissionStore.getState().mission, checks);
    expect(flags.some((f) => f.ref.id === added.ref.id && /no-fly zone/.test(f.reason))).toBe(true);
    undo();
    expect(useMissionStore.getState().checks.length).toBe(before);
  });
});

describe('editor gestures', () => {
  it('adds a depot on a ground click with the depot tool and selects it', () => {
    useEditorStore.getState().setTool('depot');
    clickGround(at(120, 80), 5);
    const m = useMissionStore.getState().mission;
    expect(m.depots).toHaveLength(base.depots.length + 1);
    expect(useEditorStore.getState().selection).toEqual({ kind: 'depot', id: m.depots.at(-1)!.id });
  });

  it('draws a zone: a repeated click is ignored (double-click), a click on the first corner closes', () => {
    useEditorStore.getState().setTool('zone');
    const corners = square(-1500, -1500, 200);
    clickGround(corners[0], 10);
    clickGround(corners[1], 10);
    clickGround(corners[1], 10); // second half of a double-click
    clickGround(corners[2], 10);
    clickGround(corners[3], 10);
    expect(useEditorStore.getState().draft).toHaveLength(4);
    clickGround(at(-1700 + 3, -1700 - 3), 10); // within 10 m of the first corner
    const m = useMissionStore.getState().mission;
    expect(m.noFlyZones).toHaveLength(base.noFlyZones.length + 1);
    expect(useEditorStore.getState().draft).toEqual([]);
  });

  it('refuses a self-crossing zone and says why in the notice', () => {
    useEditorStore.getState().setTool('zone');
    for (const p of [at(0, 5000), at(300, 5300), at(300, 5000), at(0, 5300)]) clickGround(p, 10);
    finishTool();
    expect(useMissionStore.getState().mission).toBe(base);
    expect(useEditorStore.getState().notice?.text).toMatch(/crosses itself/);
  });

  it('opening an invalid mission lists its errors and keeps the current mission', () => {
    const text = readFileSync('missions/invalid/duplicate-id.json', 'utf8');
    const r = openFileText(text, 'duplicate-id.json');
    expect(r.ok).toBe(false);
    expect(useEditorStore.getState().loadErrors?.problems.map((p) => `${p.path}: ${p.message}`)).toContain(
      readFileSync('missions/invalid/duplicate-id.expected', 'utf8').trim(),
    );
    expect(useMissionStore.getState().mission).toBe(base);
  });

  it('opening a valid mission replaces the document as one undoable step', () => {
    const text = readFileSync('missions/shenzhen-two-hour.json', 'utf8');
    expect(openFileText(text, 'shenzhen.json').ok).toBe(true);
    expect(useMissionStore.getState().mission.depots.length).toBe(20);
    undo();
    expect(useMissionStore.getState().mission).toBe(base);
  });
});

describe('GeoJSON import', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { name: 'Park', height: 12 }, geometry: { type: 'Polygon', coordinates: [[...square(3000, 0, 80), square(3000, 0, 80)[0]]] } },
      {
        type: 'Feature',
        properties: {},
        // An unclosed ring with altitudes: closed and flattened on import.
        geometry: { type: 'MultiPolygon', coordinates: [[square(3500, 0, 50).map((p) => [...p, 7])], [square(4000, 0, 50)]] },
      },
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at(0, 0) } },
    ],
  };

  it('tells GeoJSON from a mission', () => {
    expect(looksLikeGeoJson(fc)).toBe(true);
    expect(looksLikeGeoJson(base)).toBe(false);
    expect(looksLikeGeoJson(null)).toBe(false);
  });

  it('collects every polygon (MultiPolygon parts too), closing rings and keeping names and heights', () => {
    const { polygons, errors } = polygonsFromGeoJson(fc);
    expect(errors).toEqual([]);
    expect(polygons).toHaveLength(3);
    expect(polygons[0]).toMatchObject({ name: 'Park', heightM: 12 });
    const ring = polygons[1].coordinates[0];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(ring.every((p) => p.length === 2)).toBe(true);
  });

  it('reports a file without polygons or with broken positions', () => {
    expect(polygonsFromGeoJson({ type: 'Point', coordinates: [1, 2] }).errors[0].message).toMatch(/no Polygon/);
    const bad = polygonsFromGeoJson({ type: 'Polygon', coordinates: [[[1, 2], ['x', 3]]] });
    expect(bad.errors[0].path).toBe('.coordinates[0][1]');
  });

  it('imports the polygons as buildings or zones after asking, as one valid edit', () => {
    expect(openFileText(JSON.stringify(fc), 'park.geojson').ok).toBe(true);
    expect(useEditorStore.getState().pendingImport?.polygons).toHaveLength(3);
    expect(useMissionStore.getState().mission).toBe(base);
    confirmImport('building');
    const m = useMissionStore.getState().mission;
    expect(m.buildings).toHaveLength(base.buildings.length + 3);
    expect(m.buildings.at(-3)!).toMatchObject({ name: 'Park', heightM: 12 });
    expect(undoCounts().past).toBe(1);
    const asZones = importPolygons(base, polygonsFromGeoJson(fc).polygons, 'zone');
    expect(asZones.noFlyZones).toHaveLength(base.noFlyZones.length + 3);
    expect(new Set(asZones.noFlyZones.map((z) => z.id)).size).toBe(asZones.noFlyZones.length);
    expect(parseMission(asZones).ok).toBe(true);
  });
});
