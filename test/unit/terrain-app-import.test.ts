/**
 * A GeoTIFF DEM opened or dropped on the app, without a browser: the File goes through openFile (what
 * the drop and the Open… button call), is read on the page (no Web Workers in Node) by the CLI's own
 * functions, and lands in the mission as one named undo step with a notice of what came in. Garbage
 * bytes and a DEM that misses the mission area are refused with the reason, the mission untouched.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, parseMission } from '../../src/core/mission';
import { APP_TERRAIN_SAMPLES, DEM_SPACING_M, demSpacingFor, groundZAt, missionTerrain, missionTerrainBox } from '../../src/core/terrain';
import { useEditorStore } from '../../src/state/editorStore';
import { clearHistory, undo, undoCounts, useMissionStore } from '../../src/state/missionStore';
import { looksLikeTiff, removeTerrain } from '../../src/state/terrainImport';
import { openFile } from '../../src/ui/files';
import { boxAround, demGeoTiff } from './demFixture';

const load = (path: string): Mission => {
  const r = parseMission(JSON.parse(readFileSync(path, 'utf8')));
  if (!r.ok) throw new Error(`${path} refused`);
  return r.mission;
};
const base = load('missions/tutorial.json');
const frame = createFrame(base.origin);
/** 50 m plain with a 200 m ridge running north-south 1 km east of the origin. */
const ridge = (lng: number, lat: number) => {
  const p = frame.toLocal([lng, lat]);
  return 50 + 200 * Math.exp(-((p.x - 1000) ** 2) / (2 * 400 ** 2));
};
// About 13 x 13 km at ~50 m: the tutorial's things (within ~2.6 km) plus the 2 km margin fit inside.
const tif = () => demGeoTiff(boxAround(base.origin[0], base.origin[1], 0.06, 0.0005), ridge);

const mission = () => useMissionStore.getState().mission;

beforeEach(() => {
  useMissionStore.getState().setMission(base);
  clearHistory();
  useEditorStore.setState({ loadErrors: null, pendingImport: null, notice: null });
});

describe('dropping a GeoTIFF DEM on the app', () => {
  it('adds the terrain at the CLI default spacing as one named undo step, with a notice of what came in', async () => {
    await openFile(new File([tif()], 'ridge.tif', { type: 'image/tiff' }));
    expect(useEditorStore.getState().loadErrors).toBeNull();
    const t = mission().terrain;
    expect(t?.spacingM).toBe(DEM_SPACING_M);
    expect(undoCounts().past).toBe(1);
    expect(useMissionStore.getState().step).toBe('Terrain from ridge.tif');
    // The same grid the CLI would write for this mission.
    expect(t).toMatchObject(missionTerrainBox(base, 30, 2000));
    // The ground follows the DEM: the ridge's crest 1 km east, the plain far west (above the datum at the origin).
    const model = missionTerrain(mission());
    expect(model?.datumM).toBeCloseTo(ridge(...base.origin), 0);
    expect(groundZAt(mission(), 1000, 0) + (model?.datumM ?? 0)).toBeCloseTo(250, 0);
    expect(groundZAt(mission(), -3000, 0) + (model?.datumM ?? 0)).toBeCloseTo(50, 0);
    const notice = useEditorStore.getState().notice;
    expect(notice?.tone).toBe('info');
    expect(notice?.text).toMatch(new RegExp(`^Terrain from ridge\\.tif: ${t?.cols} x ${t?.rows} samples every 30 m \\(\\d+\\.\\d x \\d+\\.\\d km\\), ground 50\\.\\d\\.\\.(249|250)\\.\\d m AMSL$`));
    undo();
    expect(mission().terrain).toBeUndefined();
    expect(mission()).toBe(base);
  });

  it('refuses bytes that are not a GeoTIFF, naming why, and changes nothing', async () => {
    await openFile(new File([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], 'garbage.tif'));
    const errors = useEditorStore.getState().loadErrors;
    expect(errors?.source).toBe('garbage.tif');
    expect(errors?.problems[0].message).toMatch(/^not a readable GeoTIFF: /);
    expect(mission()).toBe(base);
    expect(undoCounts().past).toBe(0);
    expect(useEditorStore.getState().notice).toBeNull(); // the "Reading…" notice is gone
  });

  it('refuses a DEM that does not cover the mission area (with the count of samples missing)', async () => {
    // 4 x 4 km around the origin: the margin around the tutorial's things reaches beyond it.
    await openFile(new File([demGeoTiff(boxAround(base.origin[0], base.origin[1], 0.02, 0.0005), ridge)], 'small.tiff'));
    expect(useEditorStore.getState().loadErrors?.problems[0].message).toMatch(/^the elevation data does not cover the mission area: \d+ of \d+ grid samples have no data/);
    expect(mission()).toBe(base);
  });

  it('a TIFF is told by its first bytes too; JSON and OSM are not TIFFs', () => {
    const head = new Uint8Array(tif().slice(0, 8));
    expect(looksLikeTiff('dem.bin', head)).toBe(true);
    expect(looksLikeTiff('DEM.TIF', new Uint8Array())).toBe(true);
    expect(looksLikeTiff('mission.json', new TextEncoder().encode('{"name":'))).toBe(false);
    expect(looksLikeTiff('city.osm', new TextEncoder().encode('<?xml ve'))).toBe(false);
  });

  it('Remove terrain is one undo step back to flat ground', async () => {
    await openFile(new File([tif()], 'ridge.tif'));
    const withTerrain = mission();
    expect(removeTerrain().ok).toBe(true);
    expect(mission().terrain).toBeUndefined();
    expect(useMissionStore.getState().step).toBe('Remove terrain');
    expect(undoCounts().past).toBe(2);
    undo();
    expect(mission()).toBe(withTerrain);
  });

  it('a mission area too large for 30 m gets the finest whole-metre spacing that fits the autosave budget', () => {
    const big = load('missions/shenzhen-40-stores.json');
    const s = demSpacingFor(big);
    expect(s).toBeGreaterThan(DEM_SPACING_M);
    const fits = (sp: number) => {
      const b = missionTerrainBox(big, sp, 2000);
      return b.cols * b.rows <= APP_TERRAIN_SAMPLES;
    };
    expect(fits(s)).toBe(true);
    expect(fits(s - 1)).toBe(false);
    expect(demSpacingFor(base)).toBe(DEM_SPACING_M);
  });
});
