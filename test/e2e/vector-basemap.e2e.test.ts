/**
 * Vector basemaps in the built app, with no network: Mapbox Vector Tiles made by the test
 * (vectorFixture.ts: geojson-vt + vt-pbf) with colour-coded features at known places around a depot,
 * served by a local HTTP server on another origin as XYZ .pbf tiles behind a style JSON, and written
 * into a vector PMTiles archive drawn with the built-in style. The canvas is read where a feature is:
 * its style colour must be there (top-down, the mission's own layers hidden), a colour boundary must be
 * where its longitude is, and a label must be drawn as text.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFrame, type LngLat } from '../../src/core/geo/frame';
import { pixelLngLat, TILE_PX } from '../../src/state/basemapMercator';
import { DEFAULT_STYLE_COLOURS } from '../../src/state/basemapDefaultStyle';
import { codedTilePng, texelOf, writePmtiles } from './basemapFixture';
import { type BrowserSession, canvasColoursAt, dropFile } from './browser';
import { serveLocally } from './localServer';
import { MAP_POLL, type MapPage, openMapPage } from './mapPage';
import { boxRing, line, point, polygon, vectorTiles } from './vectorFixture';

/** The data's only zoom: everything finer is drawn overzoomed from it. */
const DATA_Z = 14;

const A_RGB = [230, 30, 30];
const B_RGB = [30, 200, 60];
const ROAD_RGB = [255, 208, 0];
const LABEL_RGB = [255, 0, 255];
const BACKGROUND_RGB = [32, 32, 64];
const hex = (rgb: number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
const rgbOf = (h: string) => [1, 3, 5].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
const near = (got: readonly number[], want: readonly number[], tol = 8) => want.every((c, i) => Math.abs(got[i] - c) <= tol);

describe('vector basemaps: a style over .pbf tiles, and a vector PMTiles archive', () => {
  let s: BrowserSession;
  let closeServer: (() => Promise<void>) | undefined;
  let host = '';
  let dir = '';
  const blocked: string[] = [];
  let depot: LngLat = [0, 0];
  let at: (x: number, y: number) => [number, number] = () => [0, 0];

  /** The page on the Map tab (test-hook calls, the basemap's counts, looking down at a place). */
  let map: MapPage;
  const call = <T>(name: string, ...args: unknown[]) => map.call<T>(name, ...args);
  const basemap = () => map.basemap();
  const lookAt = (p: LngLat, distanceM: number) => map.lookAt(p, distanceM);

  beforeAll(async () => {
    const mission = (await import('../../missions/shenzhen-two-hour.json')).default as unknown as { depots: { position: LngLat }[] };
    depot = mission.depots[0].position;
    const frame = createFrame(depot);
    /** Metres east and north of the depot -> lng/lat. */
    at = (x, y) => frame.toLngLat({ x, y }) as [number, number];
    // The 3x3 data tiles around the depot: their box is the sources' bounds (nothing asked outside it).
    const t = texelOf(DATA_Z, depot);
    const nw = pixelLngLat(DATA_Z, (t.x - 1) * TILE_PX, (t.y - 1) * TILE_PX);
    const se = pixelLngLat(DATA_Z, (t.x + 2) * TILE_PX, (t.y + 2) * TILE_PX);
    const bounds = [nw[0], se[1], se[0], nw[1]] as const;

    // For the style: two zones meeting on the depot's meridian (A west, B east), a road 150 m south,
    // and a short label in the middle of its zoom-16 tile (so that it is never cut by a tile edge at
    // zooms 14 to 16).
    const labelTile = texelOf(16, at(0, 120));
    const labelAt = pixelLngLat(16, (labelTile.x + 0.5) * TILE_PX, (labelTile.y + 0.5) * TILE_PX) as [number, number];
    const styled = vectorTiles(
      {
        zones: [
          polygon(boxRing(...at(-300, -300), ...at(0, 300)), { kind: 'a' }),
          polygon(boxRing(...at(0, -300), ...at(300, 300)), { kind: 'b' }),
        ],
        roads: [line([at(-600, -150), at(600, -150)], { class: 'primary', name: 'Test Road' })],
        labels: [point(labelAt, { name: 'SKY' })],
      },
      DATA_Z,
    );
    const source = { type: 'vector', tiles: ['HOST/tiles/{z}/{x}/{y}.pbf'], minzoom: DATA_Z, maxzoom: DATA_Z, bounds, attribution: '© Vector Fixture' };
    const style = {
      version: 8,
      name: 'fixture',
      sources: { fixture: source, sat: { type: 'raster', tiles: ['https://example.invalid/{z}/{x}/{y}.png'], tileSize: 256 } },
      layers: [
        { id: 'bg', type: 'background', paint: { 'background-color': hex(BACKGROUND_RGB) } },
        { id: 'satellite', type: 'raster', source: 'sat' },
        { id: 'zone-a', type: 'fill', source: 'fixture', 'source-layer': 'zones', filter: ['==', 'kind', 'a'], paint: { 'fill-color': hex(A_RGB) } },
        {
          id: 'zone-b',
          type: 'fill',
          source: 'fixture',
          'source-layer': 'zones',
          filter: ['==', ['get', 'kind'], 'b'],
          paint: { 'fill-color': ['match', ['get', 'kind'], 'b', hex(B_RGB), '#000000'] },
        },
        {
          id: 'road',
          type: 'line',
          source: 'fixture',
          'source-layer': 'roads',
          layout: { 'line-cap': 'round' },
          paint: { 'line-color': hex(ROAD_RGB), 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2, 18, 20] },
        },
        {
          id: 'label',
          type: 'symbol',
          source: 'fixture',
          'source-layer': 'labels',
          layout: { 'text-field': '{name}', 'text-size': 18, 'text-font': ['Noto Sans Bold'] },
          paint: { 'text-color': hex(LABEL_RGB) },
        },
      ],
    };

    // For the archive and the built-in style: OpenMapTiles layer names.
    const omt = vectorTiles(
      {
        water: [polygon(boxRing(...at(50, 50), ...at(300, 300)), { class: 'lake' })],
        park: [polygon(boxRing(...at(-300, 50), ...at(-50, 300)), { class: 'park' })],
        building: [polygon(boxRing(...at(50, -300), ...at(300, -200)))],
        transportation: [line([at(-600, -100), at(600, -100)], { class: 'primary' })],
        place: [point(at(-150, -250), { class: 'town', name: 'Testville' })],
      },
      DATA_Z,
    );
    const archiveTiles = [];
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const data = omt.tile(DATA_Z, t.x + dx, t.y + dy);
        if (data) archiveTiles.push({ z: DATA_Z, x: t.x + dx, y: t.y + dy, data });
      }
    dir = mkdtempSync(join(tmpdir(), 'skyhaul-vector-'));
    writeFileSync(join(dir, 'vector.pmtiles'), writePmtiles(archiveTiles, { tileType: 1, bounds, metadata: { attribution: '© Archive Fixture' } }));

    const served = await serveLocally((req, res) => {
      const path = req.url ?? '';
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*' };
      const done = (status: number, body: Uint8Array | string, type = 'application/octet-stream') => {
        res.writeHead(status, { ...cors, 'Content-Type': type });
        res.end(body);
      };
      const json = (o: unknown) => done(200, JSON.stringify(o).replaceAll('HOST', host), 'application/json');
      if (req.method === 'OPTIONS') return done(204, '');
      if (path === '/style.json') return json(style);
      if (path === '/raster-style.json') return json({ version: 8, sources: { sat: style.sources.sat }, layers: [{ id: 'sat', type: 'raster', source: 'sat' }] });
      if (path === '/broken-style.json') return done(200, '{"version": 8, "sources": {', 'application/json');
      if (path === '/png-style.json') return json({ ...style, sources: { fixture: { ...source, tiles: ['HOST/png/{z}/{x}/{y}.pbf'] } }, layers: style.layers.filter((l) => l.id !== 'satellite') });
      const tile = /^\/(tiles|png)\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(path);
      if (tile) {
        const [z, x, y] = [Number(tile[2]), Number(tile[3]), Number(tile[4])];
        if (tile[1] === 'png') return done(200, codedTilePng(x, y), 'image/png');
        const data = styled.tile(z, x, y);
        // An empty tile: 204, as tile servers answer (no console noise for a 404).
        return data ? done(200, data, 'application/x-protobuf') : done(204, '');
      }
      done(404, 'not found');
    });
    host = served.host;
    closeServer = served.close;

    map = await openMapPage(inject('baseUrl'), blocked);
    s = map.session;
  });

  afterAll(async () => {
    await s?.close();
    await closeServer?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The colour most samples agree on at a point and 8 around it, 3 px away. */
  async function colourAt(x: number, y: number): Promise<number[]> {
    const offsets = [-3, 0, 3].flatMap((dx) => [-3, 0, 3].map((dy) => [dx, dy] as const));
    const cs = await canvasColoursAt(s.page, x, y, offsets);
    const votes = new Map<string, { c: number[]; n: number }>();
    for (const c of cs) {
      const k = c.map((v) => v >> 3).join(',');
      const v = votes.get(k) ?? { c, n: 0 };
      v.n++;
      votes.set(k, v);
    }
    return [...votes.values()].sort((a, b) => b.n - a.n)[0].c;
  }

  it('draws a style over XYZ .pbf tiles: fills by filter and expression, a zoom-dependent road, a label, overzoomed', async () => {
    await s.page.getByRole('radio', { name: 'Vector style' }).check();
    await s.page.locator('#style-url').fill(`${host}/style.json`);
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBeGreaterThan(0);
    const b = await basemap();
    expect(b.state).toBe('ready');
    expect(b.tiles.zoom).toBe(DATA_Z);
    expect(b.tiles.failed).toBe(0);
    await expect.poll(() => s.page.getByTestId('map-attribution').textContent()).toContain('© Vector Fixture');
    // The raster layer of the style is named as not drawn; nothing was asked of its host.
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent()).toMatch(/style "fixture", 5 layers drawn, data zoom 14–14.*satellite: raster layers are not drawn/);

    // From 2 km: the zones, the road and the label, at the zoom of the screen (finer than the data).
    const view = await lookAt(at(0, 0), 2000);
    expect(view.zoom).toBeGreaterThan(DATA_Z);
    expect(view.zoom).toBeLessThanOrEqual(16);
    const colourOf = async (x: number, y: number) => {
      const p = await call<{ x: number; y: number }>('project', at(x, y), 0);
      return colourAt(p.x, p.y);
    };
    const a = await colourOf(-150, 100);
    const bZone = await colourOf(150, 100);
    const road = await colourOf(0, -150);
    const outside = await colourOf(0, 600);
    expect(near(a, A_RGB), `zone A (legacy filter) colour, got ${a}`).toBe(true);
    expect(near(bZone, B_RGB), `zone B (expression filter and colour) colour, got ${bZone}`).toBe(true);
    expect(near(road, ROAD_RGB), `road colour, got ${road}`).toBe(true);
    expect(near(outside, BACKGROUND_RGB), `background colour, got ${outside}`).toBe(true);
    // The label: magenta text pixels around its point (and none around a point with no label).
    const labelPoint = await call<{ x: number; y: number }>('project', pixelLngLat(16, (texelOf(16, at(0, 120)).x + 0.5) * TILE_PX, (texelOf(16, at(0, 120)).y + 0.5) * TILE_PX), 0);
    const grid = (cx: number, cy: number) =>
      canvasColoursAt(
        s.page,
        cx,
        cy,
        Array.from({ length: 21 * 9 }, (_, i) => [((i % 21) - 10) * 2, (Math.floor(i / 21) - 4) * 2] as const),
      );
    const magenta = (cs: number[][]) => cs.filter((c) => c[0] > 180 && c[1] < 90 && c[2] > 180).length;
    const textPixels = magenta(await grid(labelPoint.x, labelPoint.y));
    expect(textPixels, 'text pixels of the label').toBeGreaterThan(5);
    expect(magenta(await grid(labelPoint.x, labelPoint.y + 80))).toBe(0);

    // From 150 m, zoom 19 drawn from the zoom-14 data: the A|B boundary is on the depot's meridian.
    const close = await lookAt(at(0, 0), 150);
    expect(close.zoom).toBeGreaterThanOrEqual(18);
    const east = await call<{ x: number; y: number }>('project', at(10, 0), 0);
    const pxPerM = (east.x - close.x) / 10;
    const row = await canvasColoursAt(
      s.page,
      close.x,
      close.y + 12,
      Array.from({ length: 81 }, (_, i) => [i - 40, 0] as const),
    );
    const firstB = row.findIndex((c) => near(c, B_RGB, 20));
    const lastA = row.map((c) => near(c, A_RGB, 20)).lastIndexOf(true);
    expect(lastA, 'zone A west of the depot').toBeGreaterThanOrEqual(0);
    expect(firstB, 'zone B east of the depot').toBeGreaterThan(lastA);
    const edgeErrorM = Math.abs((lastA + firstB) / 2 - 40) / pxPerM;
    console.info(`Vector style, zoom ${close.zoom} overzoomed from ${DATA_Z}: the zone boundary is ${edgeErrorM.toFixed(2)} m from the depot's meridian on screen`);
    expect(edgeErrorM).toBeLessThan(1.5);
    const detail = (await basemap()).detail;
    expect(detail.failed).toBe(0);
  });

  it('says what is wrong with a style, and names a tile that is not a vector tile', async () => {
    await s.page.locator('#style-url').fill(`${host}/broken-style.json`);
    await expect.poll(() => s.page.getByTestId('basemap-error').textContent(), MAP_POLL).toMatch(/the style at .*broken-style\.json is not valid JSON/);
    await s.page.locator('#style-url').fill(`${host}/raster-style.json`);
    await expect.poll(() => s.page.getByTestId('basemap-error').textContent(), MAP_POLL).toContain('the style has no vector source (only raster "sat")');
    await s.page.locator('#style-url').fill(`${host}/png-style.json`);
    await expect.poll(async () => (await basemap()).tiles.failed, MAP_POLL).toBeGreaterThan(0);
    expect((await basemap()).tiles.lastError).toMatch(/^tile 14\/\d+\/\d+ of source "fixture": a PNG image, not a vector tile \(MVT\)$/);
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent(), MAP_POLL).toMatch(/failed to load \(tile 14\/\d+\/\d+ of source "fixture": a PNG image, not a vector tile \(MVT\)\)/);
  });

  it('draws a vector .pmtiles file with the built-in style: water, park, building, road', async () => {
    await s.page.getByRole('radio', { name: 'PMTiles' }).check();
    await s.page.getByRole('radio', { name: 'a file on this computer' }).check();
    await s.page.locator('#pmtiles-file').setInputFiles(join(dir, 'vector.pmtiles'));
    // Every tile over the archive's area is drawn: those with data, and the background where it has none.
    await expect.poll(async () => {
      const t = (await basemap()).tiles;
      return t.asked >= 9 && t.loaded === t.asked;
    }, MAP_POLL).toBe(true);
    expect((await basemap()).tiles.zoom).toBe(DATA_Z);
    expect((await basemap()).tiles.failed).toBe(0);
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent()).toMatch(/vector tiles, built-in style, data zoom 14–14/);
    await expect.poll(() => s.page.getByTestId('map-attribution').textContent()).toContain('© Archive Fixture');
    await lookAt(at(0, 0), 2000);
    const C = DEFAULT_STYLE_COLOURS;
    for (const [what, x, y, colour] of [
      ['water', 175, 175, C.water],
      ['park', -175, 175, C.park],
      ['building', 175, -250, C.building],
      ['land', -175, -150, C.background],
    ] as const) {
      const p = await call<{ x: number; y: number }>('project', at(x, y), 0);
      const got = await colourAt(p.x, p.y);
      expect(near(got, rgbOf(colour)), `${what} at (${x}, ${y}) m: want ${colour}, got ${got}`).toBe(true);
    }
    // The road (a primary: a major road, amber over its casing), from closer: a few metres wide.
    const road = await lookAt(at(0, -100), 400);
    const got = await colourAt(road.x, road.y);
    expect(near(got, rgbOf(C.majorRoad)), `major road at (0, -100) m: want ${C.majorRoad}, got ${got}`).toBe(true);
  });

  it('takes a .pmtiles file dropped on the app as the basemap', async () => {
    await s.page.getByRole('radio', { name: 'None' }).check();
    await expect.poll(async () => (await basemap()).tiles.asked).toBe(0);
    await dropFile(s.page, 'dropped.pmtiles', readFileSync(join(dir, 'vector.pmtiles')), 'application/octet-stream');
    await expect.poll(async () => {
      const t = (await basemap()).tiles;
      return t.asked >= 9 && t.loaded === t.asked;
    }, MAP_POLL).toBe(true);
    expect(await s.page.getByRole('radio', { name: 'PMTiles' }).isChecked()).toBe(true);
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent()).toMatch(/vector tiles, built-in style/);
  });

  it('draws nothing with no basemap, went nowhere off this machine, and logged no errors', async () => {
    await s.page.getByRole('radio', { name: 'None' }).check();
    await expect.poll(async () => (await basemap()).tiles.asked).toBe(0);
    expect(blocked).toEqual([]);
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
