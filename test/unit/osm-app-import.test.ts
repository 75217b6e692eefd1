/**
 * The app's OpenStreetMap import without a browser: a File opened or dropped goes to the OSM import
 * (read on the page here: no Web Workers in Node), the dialog's state holds the summary and the
 * suggested zones unchecked, checking some and confirming adds them with the buildings and the map
 * context as one undoable edit; a broken file is refused with where it is broken.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Mission, parseMission } from '../../src/core/mission';
import { useEditorStore } from '../../src/state/editorStore';
import { clearHistory, undo, useMissionStore } from '../../src/state/missionStore';
import { cancelOsmImport, confirmOsmImport, inPageRunner, setZoneAccepted, startOsmImport, useOsmImportStore } from '../../src/state/osmImport';
import { openFile } from '../../src/ui/files';
import { testCity } from './osmFixture';

const loaded = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
if (!loaded.ok) throw new Error('tutorial refused');
const base: Mission = loaded.mission;
const { f, ids } = testCity();

beforeEach(() => {
  useMissionStore.getState().setMission(base);
  clearHistory();
  useEditorStore.setState({ loadErrors: null, pendingImport: null, notice: null });
  cancelOsmImport();
});

const mission = () => useMissionStore.getState().mission;

describe('OpenStreetMap files in the app', () => {
  it('opens the confirmation with the summary and every suggested zone unchecked', async () => {
    const seen: number[] = [];
    const r = await startOsmImport(new Blob([f.toXml()]), 'city.osm', (file, name, m, onProgress) =>
      inPageRunner(file, name, m, (p) => {
        seen.push(p.pass);
        onProgress(p);
      }),
    );
    expect(r.ok).toBe(true);
    expect(seen).toContain(2);
    const pending = useOsmImportStore.getState().pending;
    expect(pending?.source).toBe('city.osm');
    expect(pending?.accepted).toEqual([]);
    expect(pending?.imported.suggestedZones.map((z) => z.kind).sort()).toEqual(['aerodrome', 'helipad', 'military', 'prison']);
    expect(pending?.imported.summary.buildings.airspace).toBe(4);
    expect(mission()).toBe(useMissionStore.getState().mission); // nothing applied yet
    expect(mission().buildings).toEqual(base.buildings);
  });

  it('confirming adds the buildings, the context and the checked zones only, as one undo step', async () => {
    await startOsmImport(new Blob([f.toXml()]), 'city.osm', inPageRunner);
    const prison = `osm-prison-w${ids.prison}`;
    setZoneAccepted(prison, true);
    setZoneAccepted(`osm-aerodrome-w${ids.aerodrome}`, true);
    setZoneAccepted(`osm-aerodrome-w${ids.aerodrome}`, false);
    const r = confirmOsmImport();
    expect(r.ok).toBe(true);
    expect(useOsmImportStore.getState().pending).toBeNull();
    expect(mission().noFlyZones.map((z) => z.id)).toEqual([...base.noFlyZones.map((z) => z.id), prison]);
    expect(mission().buildings.length).toBe(base.buildings.length + 4);
    expect(mission().context?.water).toHaveLength(3);
    expect(mission().context?.roads).toHaveLength(3);
    expect(useEditorStore.getState().notice?.text).toContain('4 building(s) into the airspace');
    undo();
    expect(mission().context).toBeUndefined();
    expect(mission().buildings).toEqual(base.buildings);
  });

  it('cancelling leaves the mission as it was', async () => {
    await startOsmImport(new Blob([f.toXml()]), 'city.osm', inPageRunner);
    cancelOsmImport();
    expect(useOsmImportStore.getState().pending).toBeNull();
    expect(confirmOsmImport()).toEqual({ ok: true });
    expect(mission()).toEqual(base);
  });

  it('a dropped .osm or Overpass JSON File goes to the OSM import; a mission still opens as a mission', async () => {
    await openFile(new File([f.toXml()], 'city.osm'));
    expect(useOsmImportStore.getState().pending?.source).toBe('city.osm');
    cancelOsmImport();
    await openFile(new File([f.toOverpassJson()], 'export.json'));
    expect(useOsmImportStore.getState().pending?.imported.summary.roads.total).toBe(3);
    cancelOsmImport();
    await openFile(new File([readFileSync('missions/tutorial.json', 'utf8')], 'tutorial.json'));
    expect(useOsmImportStore.getState().pending).toBeNull();
    expect(useEditorStore.getState().loadErrors).toBeNull();
  });

  it('a broken file is refused with the line and the element, and a .pbf points to the command line', async () => {
    await openFile(new File(['<osm>\n<node id="4" lat="x" lon="1"/>\n</osm>\n'], 'bad.osm'));
    const errors = useEditorStore.getState().loadErrors;
    expect(errors?.source).toBe('bad.osm');
    expect(errors?.problems[0].message).toMatch(/line 2, column \d+ \(in <node id="4">\): <node> lat="x" is not a number/);
    expect(useOsmImportStore.getState().pending).toBeNull();
    await openFile(new File([new Uint8Array(f.toPbf())], 'city.osm.pbf'));
    expect(useEditorStore.getState().loadErrors?.problems[0].message).toContain('skyhaul import city.osm.pbf');
  });
});

describe('drawing the map context (ContextLayer geometry)', () => {
  it('one line segment per road edge, one merged mesh of walls and roofs with courtyards', async () => {
    const { buildingGeometry, roadGeometry } = await import('../../src/scene/ContextLayer');
    const { createFrame } = await import('../../src/core/geo/frame');
    const THREE = await import('three');
    await startOsmImport(new Blob([f.toXml()]), 'city.osm', inPageRunner);
    confirmOsmImport();
    const c = mission().context;
    if (!c) throw new Error('no context');
    const frame = createFrame(mission().origin);
    const roads = roadGeometry(c.roads, frame);
    expect(roads.getAttribute('position').count).toBe(2 * c.roads.reduce((n, r) => n + r.line.length - 1, 0));
    // A court: a 40 x 40 m block with a 20 x 20 m hole, 8 m high; walls outside and in, the roof around the hole.
    const at = (x: number, y: number) => frame.toLngLat({ x, y });
    const sq = (x: number, y: number, s: number) => [at(x, y), at(x + s, y), at(x + s, y + s), at(x, y + s), at(x, y)];
    const g = buildingGeometry([{ footprint: { type: 'Polygon', coordinates: [sq(0, 0, 40), sq(10, 10, 20)] }, heightM: 8 }], frame);
    g.computeBoundingBox();
    expect(g.boundingBox?.max.y).toBeCloseTo(8, 6);
    const pos = g.getAttribute('position');
    expect(pos.count).toBe((4 + 4) * 6 + 8 * 3); // 8 walls of 2 triangles, a roof of 8 triangles
    // Walls face out of the building: the outer south wall (scene z = +0) has a normal towards +z (south).
    const n = g.getAttribute('normal');
    const normal = new THREE.Vector3(n.getX(0), n.getY(0), n.getZ(0));
    expect(normal.z).toBeGreaterThan(0.99);
  });
});

describe('cancelling a read', () => {
  it('Cancel while reading stops it: no dialog opens afterwards', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const reading = startOsmImport(new Blob([f.toXml()]), 'city.osm', async (file, name, m, onProgress, signal) => {
      await gate;
      expect(signal?.aborted).toBe(true);
      return inPageRunner(file, name, m, onProgress);
    });
    expect(useOsmImportStore.getState().reading?.source).toBe('city.osm');
    cancelOsmImport();
    release();
    await reading;
    expect(useOsmImportStore.getState()).toMatchObject({ reading: null, pending: null });
  });
});
