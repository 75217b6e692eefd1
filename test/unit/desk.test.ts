/**
 * The dispatcher's desk without a browser: the layer switches and their stored form, the legend's
 * coverage of what the map draws, zone looks over time, round clock ticks, timeline event marks, the
 * Space key's rule, and the map labels' list.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { parseMission } from '../../src/core/mission';
import type { SimEvent } from '../../src/core/sim/states';
import { localGeometry } from '../../src/state/geometry';
import { DEFAULT_LAYERS, LAYER_IDS, LAYERS_KEY, parseLayerSettings } from '../../src/state/layersStore';
import { ORDER_PHASES } from '../../src/state/orderStatus';
import { usePlanStore } from '../../src/state/planStore';
import { playbackClock, usePlaybackStore } from '../../src/state/playbackStore';
import { STATE_CATEGORY_COLOURS } from '../../src/state/replayIndex';
import { syntheticTrace } from '../../src/state/syntheticTrace';
import { ZONE_STYLES, zoneLookAt, zoneOutline } from '../../src/scene/zoneLook';
import { labelItems } from '../../src/scene/MapLabels';
import { LEGEND, legendKinds } from '../../src/ui/legend';
import { clockTicks, tickStep, utcOffsetS } from '../../src/ui/playback/clockTicks';
import { eventMarks, markKindOf } from '../../src/ui/playback/eventMarks';
import { handlePlaybackSpace, spaceBelongsTo } from '../../src/ui/playback/spaceKey';

describe('layer settings', () => {
  it('default to every layer shown and the panel folded', () => {
    expect(parseLayerSettings(null)).toEqual(DEFAULT_LAYERS);
    expect(LAYER_IDS.every((id) => DEFAULT_LAYERS.visible[id])).toBe(true);
    expect(DEFAULT_LAYERS.panelOpen).toBe(false);
  });

  it('read what they can from stored text and ignore the rest', () => {
    expect(parseLayerSettings('not json')).toEqual(DEFAULT_LAYERS);
    expect(parseLayerSettings('42')).toEqual(DEFAULT_LAYERS);
    const s = parseLayerSettings(JSON.stringify({ visible: { routes: false, drones: 'no', unknown: false }, panelOpen: false }));
    expect(s.visible.routes).toBe(false);
    expect(s.visible.drones).toBe(true);
    expect(s.panelOpen).toBe(false);
    expect(Object.keys(s.visible).sort()).toEqual([...LAYER_IDS].sort());
  });

  describe('the store, with local storage', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });

    it('starts from the stored settings, remembers each switch and survives a reload', async () => {
      const data = new Map<string, string>([[LAYERS_KEY, JSON.stringify({ visible: { buildings: false } })]]);
      vi.stubGlobal('localStorage', {
        getItem: (k: string) => data.get(k) ?? null,
        setItem: (k: string, v: string) => void data.set(k, v),
        removeItem: (k: string) => void data.delete(k),
      });
      vi.resetModules();
      const { useLayersStore } = await import('../../src/state/layersStore');
      const s = useLayersStore.getState();
      expect(s.visible.buildings).toBe(false);
      s.toggle('routes');
      s.setPanelOpen(true);
      expect(useLayersStore.getState().visible.routes).toBe(false);
      expect(JSON.parse(data.get(LAYERS_KEY)!)).toEqual({ visible: { ...DEFAULT_LAYERS.visible, buildings: false, routes: false }, panelOpen: true });
      useLayersStore.getState().showAll();
      expect(Object.values(useLayersStore.getState().visible).every(Boolean)).toBe(true);
      data.set(LAYERS_KEY, JSON.stringify({ visible: { drones: false } }));
      useLayersStore.getState().reload();
      expect(useLayersStore.getState().visible.drones).toBe(false);
      expect(useLayersStore.getState().panelOpen).toBe(false);
    });

    it('works without storage (private mode): switches apply, nothing is remembered', async () => {
      vi.stubGlobal('localStorage', {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      });
      vi.resetModules();
      const { useLayersStore } = await import('../../src/state/layersStore');
      useLayersStore.getState().setVisible('labels', false);
      expect(useLayersStore.getState().visible.labels).toBe(false);
    });
  });
});

describe('legend', () => {
  const kinds = legendKinds();

  it('has one group per layer and unique kinds', () => {
    expect(LEGEND.map((g) => g.layer).sort()).toEqual([...LAYER_IDS].sort());
    expect(new Set(kinds).size).toBe(kinds.length);
  });

  it('names every drone state colour, order phase and zone look the map draws, in their colours', () => {
    for (const [c, colour] of Object.entries(STATE_CATEGORY_COLOURS)) {
      const e = LEGEND.flatMap((g) => g.entries).find((x) => x.kind === `drone-${c}`);
      expect(e?.symbol.colour).toBe(colour);
    }
    for (const p of ORDER_PHASES.filter((x) => x !== 'hidden')) expect(kinds).toContain(`order-${p}`);
    for (const look of Object.keys(ZONE_STYLES)) expect(kinds).toContain(look === 'always' ? 'zone-always' : `zone-${look}`);
    for (const k of ['depot', 'pad', 'drop-point', 'flagged-drop-point', 'building', 'route', 'water']) expect(kinds).toContain(k);
  });
});

describe('zone looks', () => {
  const window = { fromS: 600, toS: 1200 };

  it('follow the activity window, [from, to), and only on a replay', () => {
    expect(zoneLookAt(null, 700)).toBe('always');
    expect(zoneLookAt(null, null)).toBe('always');
    expect(zoneLookAt(window, null)).toBe('timed');
    expect(zoneLookAt(window, 599.9)).toBe('timed-inactive');
    expect(zoneLookAt(window, 600)).toBe('timed-active');
    expect(zoneLookAt(window, 1199.9)).toBe('timed-active');
    expect(zoneLookAt(window, 1200)).toBe('timed-inactive');
  });

  it('an active zone is filled more and outlined solid; an inactive one faint and dashed', () => {
    expect(ZONE_STYLES['timed-active'].opacity).toBeGreaterThan(ZONE_STYLES['timed-inactive'].opacity * 4);
    expect(ZONE_STYLES['timed-active'].dashed).toBe(false);
    expect(ZONE_STYLES['timed-inactive'].dashed).toBe(true);
  });

  it('outline: floor and ceiling rings plus a vertical edge at each corner (none on a round ring)', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 100, y: 0 },
      { x: 100, y: 100 },
      { x: 0, y: 100 },
      { x: 0, y: 0 },
    ];
    const lines = zoneOutline(square, 10, 50);
    expect(lines.length / 6).toBe(4 * 2 + 4);
    // Scene axes: y up, z = -north.
    expect([...lines.slice(0, 6)]).toEqual([0, 10, -0, 100, 10, -0]);
    const circle = Array.from({ length: 64 }, (_, i) => ({ x: Math.cos((i / 64) * 2 * Math.PI) * 500, y: Math.sin((i / 64) * 2 * Math.PI) * 500 }));
    expect(zoneOutline(circle, 0, 300).length / 6).toBe(64 * 2);
  });
});

describe('clock ticks', () => {
  it('read the offset of the start time', () => {
    expect(utcOffsetS('2026-11-25T10:00:00+08:00')).toBe(8 * 3600);
    expect(utcOffsetS('2026-11-25T10:00:00-05:30')).toBe(-5.5 * 3600);
    expect(utcOffsetS('2026-11-25T10:00:00Z')).toBe(0);
  });

  it('fall on whole local hours for a day of hours, however the mission starts', () => {
    expect(clockTicks('2026-11-25T09:00:00+08:00', 0, 3 * 3600, 5)).toEqual([0, 3600, 7200, 10800]);
    // Starts at 09:17 local: the first tick is 10:00, 43 minutes in.
    const t = clockTicks('2026-11-25T09:17:00+08:00', 0, 3 * 3600, 5);
    expect(t).toEqual([2580, 6180, 9780]);
    // The same instant written in UTC gives ticks on the UTC clock's hours (the mission clock is the start time's own).
    expect(clockTicks('2026-11-25T01:17:00Z', 0, 3 * 3600, 5)).toEqual([2580, 6180, 9780]);
    expect(clockTicks('2026-11-25T09:17:00+05:30', 0, 3 * 3600, 5)).toEqual([2580, 6180, 9780]);
    expect(clockTicks('2026-11-25T09:47:00+05:45', 0, 3 * 3600, 5)).toEqual([780, 4380, 7980]);
  });

  it('use half hours, quarters or less when the span is short (zoomed in), never more than asked', () => {
    expect(tickStep(0, 2 * 3600, 5)).toBe(1800);
    expect(tickStep(0, 3600, 5)).toBe(900);
    expect(tickStep(0, 40 * 60, 5)).toBe(600);
    expect(tickStep(0, 12 * 3600, 5)).toBe(10_800);
    const zoomed = clockTicks('2026-11-25T10:00:00+08:00', 1000, 4000, 5);
    expect(zoomed).toEqual([1800, 2700, 3600]);
    for (const [a, b] of [
      [0, 86_400],
      [123, 4567],
      [0, 59],
    ])
      expect(clockTicks('2026-11-25T10:00:00+08:00', a, b, 5).length).toBeLessThanOrEqual(5);
  });
});

describe('timeline event marks', () => {
  const ev = (tS: number, kind: SimEvent['kind'], extra: Partial<SimEvent> = {}): SimEvent => ({ tS, droneId: 'depot-1/m2/1', kind, ...extra });

  it('mark emergencies, losses of separation, diversions and holds only', () => {
    expect(markKindOf({ kind: 'emergency-landing' })).toBe('emergency');
    expect(markKindOf({ kind: 'separation-loss' })).toBe('separation');
    expect(markKindOf({ kind: 'divert' })).toBe('diversion');
    expect(markKindOf({ kind: 'hold' })).toBe('hold');
    expect(markKindOf({ kind: 'delivered' })).toBeNull();
  });

  it('share a mark per kind and slot, placed at the first event, titled with clock times', () => {
    const events = [
      ev(100, 'hold'),
      ev(110, 'hold'),
      ev(105, 'separation-loss', { otherDroneId: 'depot-2/m2/3', horizontalM: 42.4 }),
      ev(5000, 'divert', { depotId: 'depot-2', reason: 'battery' }),
      ev(300, 'delivered'),
      ev(9000, 'emergency-landing'),
    ];
    const marks = eventMarks(events, '2026-11-25T10:00:00+08:00', 0, 10_000, 100);
    expect(marks.map((m) => [m.kind, m.tS, m.count])).toEqual([
      ['hold', 100, 2],
      ['separation', 105, 1],
      ['diversion', 5000, 1],
      ['emergency', 9000, 1],
    ]);
    expect(marks[0].at).toBeCloseTo(0.01, 9);
    expect(marks[0].title).toBe('2 holds\n10:01:40 depot-1 #1\n10:01:50 depot-1 #1');
    expect(marks[1].title).toBe('loss of separation\n10:01:45 depot-1 #1 and depot-2 #3, 42 m apart');
    expect(marks[2].title).toContain('to depot-2 (battery)');
  });

  it('a day of thousands of holds draws at most one mark per slot', () => {
    const events = Array.from({ length: 5000 }, (_, i) => ev(i * 2, 'hold'));
    const marks = eventMarks(events, '2026-11-25T10:00:00+08:00', 0, 10_000, 300);
    expect(marks.length).toBeLessThanOrEqual(300);
    expect(marks.reduce((n, m) => n + m.count, 0)).toBe(5000);
    expect(marks[0].title.split('\n').at(-1)).toMatch(/^… and \d+ more$/);
  });

  it('nothing to mark on an empty span', () => {
    expect(eventMarks([ev(1, 'hold')], '2026-11-25T10:00:00+08:00', 0, 0)).toEqual([]);
  });
});

describe('Space plays and pauses a replay', () => {
  const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, matches: () => false, getAttribute: () => null, ...extra });
  const keyboard = { matches: (s: string) => s === ':focus-visible' };

  it('is left to text fields, lists, editable areas and keyboard-focused controls', () => {
    expect(spaceBelongsTo(el('INPUT', { type: 'text' }))).toBe(true);
    expect(spaceBelongsTo(el('INPUT', { type: 'number' }))).toBe(true);
    expect(spaceBelongsTo(el('TEXTAREA'))).toBe(true);
    expect(spaceBelongsTo(el('SELECT'))).toBe(true);
    expect(spaceBelongsTo(el('DIV', { isContentEditable: true }))).toBe(true);
    expect(spaceBelongsTo(el('BUTTON', keyboard))).toBe(true);
    expect(spaceBelongsTo(el('INPUT', { type: 'checkbox', ...keyboard }))).toBe(true);
  });

  it('is taken on the page, the slider, and a button or checkbox focused by a click', () => {
    expect(spaceBelongsTo(null)).toBe(false);
    expect(spaceBelongsTo(el('BODY'))).toBe(false);
    expect(spaceBelongsTo(el('CANVAS'))).toBe(false);
    expect(spaceBelongsTo(el('INPUT', { type: 'range' }))).toBe(false);
    expect(spaceBelongsTo(el('BUTTON'))).toBe(false);
    expect(spaceBelongsTo(el('INPUT', { type: 'checkbox' }))).toBe(false);
  });

  it('toggles playback when a trace is loaded (once per press, not on key repeat), and only then', () => {
    const press = (target: unknown, repeat = false) => {
      const e = { key: ' ', code: 'Space', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, repeat, target: target as EventTarget, preventDefault: vi.fn() };
      return { taken: handlePlaybackSpace(e), prevented: e.preventDefault.mock.calls.length > 0 };
    };
    usePlanStore.setState({ trace: null });
    expect(press(el('BODY'))).toEqual({ taken: false, prevented: false });
    const trace = syntheticTrace([114, 22.55], 2, { seed: 1, durationS: 600 });
    usePlanStore.setState({ trace });
    usePlaybackStore.getState().loadTrace(trace);
    playbackClock.tS = 0;
    expect(press(el('BODY'))).toEqual({ taken: true, prevented: true });
    expect(usePlaybackStore.getState().playing).toBe(true);
    expect(press(el('BODY'), true)).toEqual({ taken: true, prevented: true });
    expect(usePlaybackStore.getState().playing).toBe(true);
    expect(press(el('INPUT', { type: 'text' }))).toEqual({ taken: false, prevented: false });
    expect(usePlaybackStore.getState().playing).toBe(true);
    expect(handlePlaybackSpace({ key: ' ', code: 'Space', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false, repeat: false, target: null, preventDefault: () => {} })).toBe(false);
    expect(press(el('INPUT', { type: 'range' })).taken).toBe(true);
    expect(usePlaybackStore.getState().playing).toBe(false);
    usePlanStore.setState({ trace: null });
    usePlaybackStore.getState().loadTrace(null);
  });
});

describe('map labels', () => {
  const r = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
  if (!r.ok) throw new Error('tutorial mission refused');
  const mission = r.mission;
  const geo = localGeometry(mission, createFrame(mission.origin));

  it('name every store, and the selected thing besides', () => {
    expect(labelItems(geo, null).map((l) => [l.kind, l.text])).toEqual(mission.depots.map((d) => ['store', d.name]));
    const zone = mission.noFlyZones[0];
    const withZone = labelItems(geo, { kind: 'zone', id: zone.id });
    expect(withZone.at(-1)).toMatchObject({ kind: 'selected', text: zone.name });
    const order = mission.orders[0];
    expect(labelItems(geo, { kind: 'order', id: order.id }).at(-1)).toMatchObject({ kind: 'selected', text: order.id });
    const building = mission.buildings[0];
    expect(labelItems(geo, { kind: 'building', id: building.id }).at(-1)).toMatchObject({ kind: 'selected', text: building.name, altM: building.heightM });
    // A selected store is its own label, highlighted.
    const depot = mission.depots[0];
    expect(labelItems(geo, { kind: 'depot', id: depot.id })).toEqual([expect.objectContaining({ kind: 'selected', text: depot.name })]);
  });
});
