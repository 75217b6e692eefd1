/**
 * The editor's tools as state machines (src/state/tools) and the named undo history: what each tool
 * makes of a press, a click, Enter and Esc, and the names undo and the history list show.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { tutorial } from './whatifFixture';
import { createFrame } from '../../src/core/geo/frame';
import { useEditorStore } from '../../src/state/editorStore';
import { moveThing } from '../../src/state/editorActions';
import { ITEM_KINDS, ITEM_KIND_ORDER } from '../../src/state/itemKinds';
import { clearHistory, redo, undoMany, undoSteps, useMissionStore } from '../../src/state/missionStore';
import { outerRing, moveItem, moveVertex, uniqueId } from '../../src/state/missionEdits';
import { TOOLS, clickGround, sendToolEvent } from '../../src/state/tools';


const base = tutorial();
const frame = createFrame(base.origin);
const at = (x: number, y: number) => frame.toLngLat({ x, y });
const mission = () => useMissionStore.getState().mission;
const step = () => useMissionStore.getState().step;
const history = () => undoSteps(step(), useMissionStore.temporal.getState().pastStates).map((s) => s.name);

beforeEach(() => {
  useMissionStore.getState().setMission(base);
  clearHistory();
  useEditorStore.setState({ tool: 'select', selection: null, draft: [], notice: null });
});

describe('tools', () => {
  it('every tool has a distinct id and shortcut key', () => {
    expect(new Set(TOOLS.map((t) => t.id)).size).toBe(TOOLS.length);
    expect(new Set(TOOLS.map((t) => t.key.toLowerCase())).size).toBe(TOOLS.length);
  });

  it('select: a press on a thing selects it and asks for a drag; the ground clears the selection', () => {
    const ref = { kind: 'depot' as const, id: base.depots[0].id };
    expect(sendToolEvent({ type: 'press-item', ref })).toBe('drag');
    expect(useEditorStore.getState().selection).toEqual(ref);
    expect(sendToolEvent({ type: 'click-ground', at: at(10, 10), closeRadiusM: 5 })).toBe('handled');
    expect(useEditorStore.getState().selection).toBeNull();
    // An area has no press: its click selects it.
    const zone = { kind: 'zone' as const, id: base.noFlyZones[0].id };
    expect(sendToolEvent({ type: 'click-item', ref: zone })).toBe('handled');
    expect(useEditorStore.getState().selection).toEqual(zone);
  });

  it('delete: the press is kept, the click deletes', () => {
    useEditorStore.getState().setTool('delete');
    const ref = { kind: 'order' as const, id: base.orders[0].id };
    expect(sendToolEvent({ type: 'press-item', ref })).toBe('handled');
    expect(mission().orders).toHaveLength(base.orders.length);
    expect(sendToolEvent({ type: 'click-item', ref })).toBe('handled');
    expect(mission().orders.map((o) => o.id)).not.toContain(ref.id);
  });

  it('depot: clicks on things fall through to the ground, where the depot is placed', () => {
    useEditorStore.getState().setTool('depot');
    expect(sendToolEvent({ type: 'press-item', ref: { kind: 'order', id: base.orders[0].id } })).toBe('ignored');
    expect(sendToolEvent({ type: 'click-item', ref: { kind: 'order', id: base.orders[0].id } })).toBe('ignored');
    clickGround(at(400, 400), 5);
    expect(mission().depots).toHaveLength(base.depots.length + 1);
    expect(useEditorStore.getState().selection?.kind).toBe('depot');
  });

  it('zone: corners, Esc abandons, Enter closes; Esc with nothing drawn is left to the caller', () => {
    useEditorStore.getState().setTool('zone');
    for (const [x, y] of [[2000, 2000], [2100, 2000], [2100, 2100]]) clickGround(at(x, y), 5);
    expect(useEditorStore.getState().draft).toHaveLength(3);
    expect(sendToolEvent({ type: 'cancel' })).toBe('handled');
    expect(useEditorStore.getState().draft).toHaveLength(0);
    expect(sendToolEvent({ type: 'cancel' })).toBe('ignored');
    for (const [x, y] of [[2000, 2000], [2100, 2000], [2100, 2100]]) clickGround(at(x, y), 5);
    expect(sendToolEvent({ type: 'finish' })).toBe('handled');
    expect(mission().noFlyZones).toHaveLength(base.noFlyZones.length + 1);
  });

  it('measure: ground clicks are points, things are not picked', () => {
    useEditorStore.getState().setTool('measure');
    expect(sendToolEvent({ type: 'press-item', ref: { kind: 'depot', id: base.depots[0].id } })).toBe('ignored');
    expect(sendToolEvent({ type: 'click-ground', at: at(0, 0), closeRadiusM: 1 })).toBe('handled');
    expect(mission()).toBe(base);
  });
});

describe('item kinds', () => {
  it('each kind reads and writes its own collection and id prefix', () => {
    for (const kind of ITEM_KIND_ORDER) {
      const info = ITEM_KINDS[kind];
      expect(Array.isArray(base[info.collection])).toBe(true);
      expect(uniqueId(base, kind).startsWith(`${info.idPrefix}-`)).toBe(true);
    }
  });

  it('a point moves by its anchor, a polygon by its corners; a no-op move is no edit', () => {
    const depot = { kind: 'depot' as const, id: base.depots[0].id };
    const moved = moveItem(base, depot, at(123, 456));
    const p = frame.toLocal(moved.depots[0].position);
    expect(Math.hypot(p.x - 123, p.y - 456)).toBeLessThan(0.05);
    expect(moveItem(moved, depot, moved.depots[0].position)).toBe(moved);
    const building = base.buildings[0];
    const ref = { kind: 'building' as const, id: building.id };
    expect(moveItem(base, ref, at(0, 0))).toBe(base);
    const corner = moveVertex(base, ref, 0, at(1, 2));
    const ring = outerRing(corner, ref)!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring[0]).not.toEqual(building.footprint.coordinates[0][0]);
  });
});

describe('named undo history', () => {
  it('names each step, newest first; undoing several at once goes back to before the picked one', () => {
    expect(history()).toEqual([]);
    useEditorStore.getState().setTool('depot');
    clickGround(at(400, 400), 5);
    const added = useEditorStore.getState().selection!;
    moveThing(added, at(500, 500));
    moveThing({ kind: 'order', id: base.orders[0].id }, at(-300, 200));
    expect(history()).toEqual([`Move ${base.orders[0].id}`, `Move ${added.id}`, 'New depot']);
    undoMany(2);
    expect(history()).toEqual(['New depot']);
    expect(mission().orders[0]).toBe(base.orders[0]);
    expect(mission().depots).toHaveLength(base.depots.length + 1);
    redo();
    expect(step()).toBe(`Move ${added.id}`);
    undoMany(2);
    expect(mission()).toBe(base);
    expect(history()).toEqual([]);
  });
});
