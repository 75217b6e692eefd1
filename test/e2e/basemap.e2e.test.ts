/**
 * Basemaps in the built app, with no network: colour-coded raster tiles made by the test (every pixel
 * says which texel of which tile it is, see basemapFixture.ts), served by a local HTTP server on another
 * origin as XYZ tiles and as a PMTiles archive, and picked as a local .pmtiles file. Registration is
 * checked on the rendered canvas: top-down, with the mission's own markers hidden, the colour drawn at
 * a depot's screen position must be the texel of the depot's lng/lat.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFrame, type LngLat } from '../../src/core/geo/frame';
import { demGeoTiff } from '../unit/demFixture';
import { metresPerPixel, pixelLngLat, TILE_PX } from '../../src/state/basemapMercator';
import { codedTilePng, decodeColour, MARKER_RGB, texelOf, tileTag, writePmtiles } from './basemapFixture';
import { type BrowserSession, canvasColoursAt, dropFile, waitForScene } from './browser';
import { serveLocally } from './localServer';
import { MAP_POLL, type MapPage, openMapPage } from './mapPage';

/** The archive's zoom: texels of about 1.1 m in Shenzhen, so a few metres off is several texels. */
const ARCHIVE_Z = 17;

/** The point and 8 around it, 3 px away (a grid line may cross the centre). */
const AROUND = [
  [0, 0],
  [3, 0],
  [-3, 0],
  [0, 3],
  [0, -3],
  [3, 3],
  [-3, -3],
  [3, -3],
  [-3, 3],
] as const;

describe('a basemap under the mission, online or offline', () => {
  let s: BrowserSession;
  let closeServer: (() => Promise<void>) | undefined;
  let host = '';
  let dir = '';
  const blocked: string[] = [];
  const requests: { path: string; range: string | undefined; status: number }[] = [];
  let depot: LngLat = [0, 0];
  let archive: Uint8Array = new Uint8Array();
  /** /later.pmtiles is a 404 until this is set: a server that comes back. */
  let serveLater = false;

  /** The page on the Map tab (test-hook calls, the basemap's counts, looking down at a place). */
  let map: MapPage;
  const call = <T>(name: string, ...args: unknown[]) => map.call<T>(name, ...args);
  const basemap = () => map.basemap();
  const lookAt = (p: LngLat, distanceM: number, altitudeM = 0) => map.lookAt(p, distanceM, altitudeM);

  beforeAll(async () => {
    // The bundled mission's first depot: the archive is cut around it.
    const mission = (await import('../../missions/shenzhen-two-hour.json')).default as unknown as { depots: { position: LngLat }[] };
    depot = mission.depots[0].position;
    const t = texelOf(ARCHIVE_Z, depot);
    // The 3x3 marker stays inside the depot's tile.
    if (!(t.col > 0 && t.col < TILE_PX - 1 && t.row > 0 && t.row < TILE_PX - 1)) throw new Error('the depot is on a tile edge');
    const tiles = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const [x, y] = [t.x + dx, t.y + dy];
        // A 3x3-texel marker centred on the depot's texel.
        const markers = dx === 0 && dy === 0 ? [-1, 0, 1].flatMap((i) => [-1, 0, 1].map((j) => ({ col: t.col + i, row: t.row + j }))) : [];
        tiles.push({ z: ARCHIVE_Z, x, y, data: codedTilePng(x, y, markers) });
      }
    }
    const nw = pixelLngLat(ARCHIVE_Z, (t.x - 1) * TILE_PX, (t.y - 1) * TILE_PX);
    const se = pixelLngLat(ARCHIVE_Z, (t.x + 2) * TILE_PX, (t.y + 2) * TILE_PX);
    archive = writePmtiles(tiles, { tileType: 2, bounds: [nw[0], se[1], se[0], nw[1]], metadata: { attribution: '<a href="https://fixture.test">© Fixture Map</a>' } });
    dir = mkdtempSync(join(tmpdir(), 'skyhaul-basemap-'));
    writeFileSync(join(dir, 'fixture.pmtiles'), archive);
    writeFileSync(join(dir, 'vector.pmtiles'), writePmtiles(tiles.slice(0, 1), { tileType: 1, bounds: [nw[0], se[1], se[0], nw[1]] }));
    writeFileSync(join(dir, 'notes.pmtiles'), 'these are not map tiles\n'.repeat(20));

    // Another origin than the app's: the tiles need CORS, as a real tile server's would.
    const pngs = new Map<string, Uint8Array>();
    const served = await serveLocally((req, res) => {
      const path = req.url ?? '';
      const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Expose-Headers': 'Content-Range, Content-Length, ETag' };
      const done = (status: number, body: Uint8Array | string, headers: Record<string, string> = {}) => {
        requests.push({ path, range: req.headers.range, status });
        res.writeHead(status, { ...cors, ...headers });
        res.end(body);
      };
      if (req.method === 'OPTIONS') return done(204, '');
      const xyz = /^\/xyz\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(path);
      if (xyz) {
        const [x, y] = [Number(xyz[2]), Number(xyz[3])];
        const key = `${x}/${y}`;
        if (!pngs.has(key)) pngs.set(key, codedTilePng(x, y));
        return done(200, pngs.get(key)!, { 'Content-Type': 'image/png' });
      }
      if (path === '/fixture.pmtiles' || (path === '/later.pmtiles' && serveLater)) {
        const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
        if (!m) return done(200, archive, { 'Content-Type': 'application/octet-stream' });
        const start = Number(m[1]);
        const end = Math.min(archive.length - 1, m[2] ? Number(m[2]) : archive.length - 1);
        return done(206, archive.subarray(start, end + 1), { 'Content-Range': `bytes ${start}-${end}/${archive.length}`, 'Content-Type': 'application/octet-stream' });
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

  /** The canvas colour at a client pixel and at 8 around it, 3 px away (a grid line may cross the centre). */
  async function coloursAt(x: number, y: number): Promise<number[][]> {
    return canvasColoursAt(s.page, x, y, AROUND);
  }

  /**
   * Where the map drawn at p's screen position is, against where p is: the texel read from the canvas
   * against p's texel at zoom z, in metres (null when no coded colour is there).
   */
  async function registrationAt(p: LngLat, distanceM: number, altitudeM = 0): Promise<{ errorM: number; tileOk: boolean; z: number } | null> {
    const at = await lookAt(p, distanceM, altitudeM);
    const z = at.zoom;
    const expected = texelOf(z, p);
    // The colour most of the samples agree on (the 1 km grid lines are drawn over the map), the centre's if it is one of them.
    const decoded = (await coloursAt(at.x, at.y)).map(decodeColour);
    const votes = new Map<number, number>();
    for (const d of decoded) if (d) votes.set(d.tag, (votes.get(d.tag) ?? 0) + 1);
    const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
    if (!best || best[1] < 5) return null;
    const got = decoded.find((d) => d?.tag === best[0])!;
    const texelM = metresPerPixel(z, p[1]);
    return { errorM: Math.hypot(got.u - expected.u, got.v - expected.v) * texelM, tileOk: got.tag === tileTag(expected.x, expected.y), z };
  }

  it('draws XYZ tiles from a URL template under the mission, each on its place', async () => {
    await s.page.getByRole('radio', { name: 'XYZ tiles' }).check();
    await s.page.locator('#tile-url').fill(`${host}/xyz/{z}/{x}/{y}.png`);
    await s.page.locator('#tile-attr').fill('Test tiles © the test');
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBeGreaterThan(0);
    const b = await basemap();
    expect(b.state).toBe('ready');
    expect(b.tiles.failed).toBe(0);
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBe(b.tiles.asked);
    await expect.poll(() => s.page.getByTestId('map-attribution').textContent()).toContain('Test tiles © the test');
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent()).toMatch(/of \d+ tiles at zoom \d+/);
    const baseZoom = b.tiles.zoom!;
    // The depots farthest apart (east-west), where a misplaced tile would show most. From 2.5 km the
    // detail layer draws a finer zoom than the base around the view (the base's own placement is
    // checked with the archive below, at zoom 17).
    const depots = (await call<{ depots: { position: LngLat }[] }>('mission')).depots.map((d) => d.position).sort((a, c) => a[0] - c[0]);
    const seen: string[] = [];
    for (const p of [depots[0], depots[depots.length - 1], depots[Math.floor(depots.length / 2)]]) {
      const r = await registrationAt(p, 2500);
      expect(r, `a coded colour under ${p}`).not.toBeNull();
      expect(r!.tileOk, `the right tile under ${p}`).toBe(true);
      expect(r!.z).toBeGreaterThan(baseZoom);
      const texelM = metresPerPixel(r!.z, p[1]);
      // Within a texel and a half: the colour read is quantised to whole texels.
      expect(r!.errorM).toBeLessThan(1.5 * texelM);
      seen.push(`${r!.errorM.toFixed(1)} m at zoom ${r!.z} (texel ${texelM.toFixed(1)} m)`);
    }
    console.info(`XYZ, base zoom ${baseZoom}, seen from 2.5 km: registration error on screen ${seen.join(', ')}`);
    const detail = (await basemap()).detail;
    expect(detail.failed).toBe(0);
    expect(detail.loaded).toBe(detail.asked);
    expect(requests.some((r) => r.path.startsWith('/xyz/'))).toBe(true);
  });

  it('draws a local .pmtiles file at its own zoom, the depot on its marker, with the archive attribution', async () => {
    await s.page.getByRole('radio', { name: 'PMTiles' }).check();
    await expect.poll(() => s.page.getByTestId('pmtiles-file-note').textContent()).toMatch(/not kept across reloads/);
    await s.page.locator('#pmtiles-file').setInputFiles(join(dir, 'fixture.pmtiles'));
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBe(9);
    const b = await basemap();
    expect(b.tiles.zoom).toBe(ARCHIVE_Z); // the fit zoom (12) is below the archive: clamped to its min zoom
    expect(b.tiles.failed).toBe(0);
    // The archive's attribution wins over the user's text.
    await expect.poll(() => s.page.getByTestId('map-attribution').textContent()).toContain('© Fixture Map');
    expect(await s.page.getByTestId('map-attribution').textContent()).not.toContain('Test tiles');

    // The depot's own screen position shows the marker...
    const at = await lookAt(depot, 150);
    const centre = (await coloursAt(at.x, at.y))[0];
    for (let i = 0; i < 3; i++) expect(Math.abs(centre[i] - MARKER_RGB[i]), `marker colour at the depot, got ${centre}`).toBeLessThanOrEqual(8);
    // ...and 6 m away every way the texel drawn is the one of that lng/lat, to within about a metre.
    const frame = createFrame(depot);
    const errors: number[] = [];
    for (const [dx, dy] of [
      [6, 0],
      [-6, 0],
      [0, 6],
      [0, -6],
      [5, 5],
    ]) {
      const p = frame.toLngLat({ x: dx, y: dy });
      const r = await registrationAt(p, 150);
      expect(r?.z).toBe(ARCHIVE_Z);
      expect(r, `a coded colour 6 m from the depot (${dx}, ${dy})`).not.toBeNull();
      expect(r!.tileOk).toBe(true);
      errors.push(r!.errorM);
    }
    console.info(`PMTiles at zoom ${ARCHIVE_Z} (texel ${metresPerPixel(ARCHIVE_Z, depot[1]).toFixed(2)} m): registration error on screen ${errors.map((e) => e.toFixed(2)).join(', ')} m`);
    for (const e of errors) expect(e).toBeLessThan(2);
  });

  it('drapes the tiles on terrain: on the ground, in place from above and in 3D, near and far', async () => {
    const frame = createFrame(depot);
    // On a 20 m plain, a 40 m high table ridge running east-west with the depot on its flat top (300 m
    // wide, 200 m slopes), its north foot 250 m north of the depot. The terrain is ~93 m a sample
    // (every store and drop plus the margin), drawn every other sample, so features are hundreds of metres.
    const hill = (lng: number, lat: number) => {
      const off = Math.abs(frame.toLocal([lng, lat]).y + 100);
      return 20 + 40 * Math.min(1, Math.max(0, (350 - off) / 200));
    };
    const tif = demGeoTiff({ west: 113.5, north: 23.1, res: 0.001, width: 900, height: 850 }, hill);
    await dropFile(s.page, 'hill.tif', tif, 'image/tiff');
    await expect.poll(() => s.page.evaluate(() => (window.__skyhaul!.mission as () => { terrain?: unknown })().terrain !== undefined), MAP_POLL).toBe(true);
    // The note that the map is not draped is gone.
    expect(await s.page.getByTestId('basemap-terrain-note').count()).toBe(0);

    const depotLocal = await call<{ x: number; y: number }>('toLocal', depot);
    const groundAt = (x: number, y: number) => call<number>('groundHeight', x, y);
    const depotGround = await groundAt(depotLocal.x, depotLocal.y);
    expect(depotGround).toBeGreaterThan(30);
    // The tiles are rebuilt on the terrain mesh's own vertices (all inside the terrain here): each on the ground under it.
    const drape = () =>
      s.page.evaluate(() => {
        const hook = window.__skyhaul!;
        const vs = (hook.tileVertices as (n: number) => { x: number; y: number; h: number }[])(300);
        const ground = hook.groundHeight as (x: number, y: number) => number;
        const heights = vs.map((v) => v.h);
        return {
          worst: vs.length ? Math.max(...vs.map((v) => Math.abs(v.h - ground(v.x, v.y)))) : Number.POSITIVE_INFINITY,
          spanM: vs.length ? Math.max(...heights) - Math.min(...heights) : 0,
        };
      });
    await expect.poll(async () => (await drape()).worst, MAP_POLL).toBeLessThan(0.01);
    expect((await drape()).spanM).toBeGreaterThan(15);

    // A point 6 m from the depot, at the height of the ground there.
    const near = async (dx: number, dy: number) => {
      const p = frame.toLngLat({ x: dx, y: dy });
      return { p, alt: await groundAt(depotLocal.x + dx, depotLocal.y + dy) };
    };
    /** The marker at the depot's screen position, seen from distanceM. */
    const markerSeen = async (distanceM: number) => {
      const at = await lookAt(depot, distanceM, depotGround);
      const centre = (await coloursAt(at.x, at.y))[0];
      return MARKER_RGB.every((c, i) => Math.abs(centre[i] - c) <= 8);
    };
    // Top-down (orthographic), close: the marker on the depot and the map around it in place.
    expect(await markerSeen(150), 'the depot marker, top-down from 150 m').toBe(true);
    for (const [dx, dy] of [
      [6, 0],
      [0, -6],
    ]) {
      const { p, alt } = await near(dx, dy);
      const r = await registrationAt(p, 150, alt);
      expect(r, `top-down: a coded colour 6 m from the depot (${dx}, ${dy})`).not.toBeNull();
      expect(r!.tileOk).toBe(true);
      expect(r!.errorM).toBeLessThan(2);
    }
    // In 3D, near and far: the map on the hill is drawn on the hill (a flat map, or one hidden under the
    // ground mesh, would show another place or no map at that screen point).
    await s.page.getByRole('button', { name: '3D view' }).click();
    await s.page.waitForFunction(() => (window.__skyhaul!.cameraMode as () => string)() !== 'top-down');
    const seen3d: string[] = [];
    for (const distanceM of [400, 1200]) {
      // The 3x3-texel marker is a few pixels wide from 400 m, too small to read from 1,200 m.
      if (distanceM === 400) expect(await markerSeen(distanceM), `the depot marker, 3D from ${distanceM} m`).toBe(true);
      const { p, alt } = await near(6, 6);
      const r = await registrationAt(p, distanceM, alt);
      expect(r, `3D from ${distanceM} m: a coded colour near the depot`).not.toBeNull();
      expect(r!.tileOk).toBe(true);
      // Within a couple of texels (1.1 m) or screen pixels (0.4 m at 400 m, 1.2 m at 1,200 m).
      expect(r!.errorM).toBeLessThan(Math.max(2, distanceM / 300));
      seen3d.push(`${r!.errorM.toFixed(2)} m from ${distanceM} m`);
    }
    console.info(`Draped on terrain, 3D: registration error on screen ${seen3d.join(', ')}`);

    await s.page.getByRole('button', { name: 'Top-down' }).click();
    await s.page.waitForFunction(() => (window.__skyhaul!.cameraMode as () => string)() === 'top-down');
    // Back to flat ground for the tests that follow.
    await s.page.keyboard.press('Control+z');
    await expect.poll(() => s.page.evaluate(() => (window.__skyhaul!.mission as () => { terrain?: unknown })().terrain === undefined), MAP_POLL).toBe(true);
  });

  it('says what is wrong instead of drawing: PNG tiles in a vector archive, a file that is no archive, a vector template', async () => {
    // An archive that says it holds vector tiles (MVT) but holds a PNG: opened, its tile named as no vector tile.
    await s.page.locator('#pmtiles-file').setInputFiles(join(dir, 'vector.pmtiles'));
    await expect.poll(async () => (await basemap()).tiles.failed, MAP_POLL).toBe(1);
    expect((await basemap()).tiles.lastError).toMatch(/of the archive: a PNG image, not a vector tile \(MVT\)$/);
    await expect.poll(() => s.page.getByTestId('basemap-state').textContent(), MAP_POLL).toMatch(/1 failed to load \(tile 17\/\d+\/\d+ of the archive: a PNG image/);
    await s.page.locator('#pmtiles-file').setInputFiles(join(dir, 'notes.pmtiles'));
    await expect.poll(() => s.page.getByTestId('basemap-error').textContent(), MAP_POLL).toContain('not a PMTiles file');
    await s.page.getByRole('radio', { name: 'XYZ tiles' }).check();
    await s.page.locator('#tile-url').fill(`${host}/vector/{z}/{x}/{y}.pbf`);
    await expect.poll(() => s.page.locator('.field-error').first().textContent()).toMatch(/^vector tiles: choose the Vector style source/);
    expect((await basemap()).state).toBe('incomplete');
  });

  it('reads a .pmtiles URL with byte ranges, and remembers it across a reload (a local file it does not)', async () => {
    await s.page.getByRole('radio', { name: 'PMTiles' }).check();
    await s.page.getByRole('radio', { name: 'a URL' }).check();
    const errorsBefore = s.errors.length;
    await s.page.locator('#pmtiles-url').fill(`${host}/later.pmtiles`);
    await expect.poll(() => s.page.getByTestId('basemap-error').textContent(), MAP_POLL).toContain(`could not read ${host}/later.pmtiles`);
    // The browser logs the refused request itself; that one is expected (and taken off the list).
    expect(s.errors.splice(errorsBefore).every((e) => /status of 404/.test(e))).toBe(true);
    serveLater = true;
    await s.page.getByRole('button', { name: 'Try again' }).click();
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBe(9);
    await s.page.locator('#pmtiles-url').fill(`${host}/fixture.pmtiles`);
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBe(9);
    expect(requests.filter((r) => r.path === '/fixture.pmtiles').every((r) => r.status === 206 && r.range)).toBe(true);

    await s.page.reload();
    await waitForScene(s.page);
    await expect.poll(async () => (await basemap()).tiles.loaded, MAP_POLL).toBe(9);
    await s.page.getByTestId('tab-map').click();
    await s.page.getByRole('radio', { name: 'a file on this computer' }).check();
    await expect.poll(async () => (await basemap()).error).toMatch(/choose a \.pmtiles file \(a local file is not kept across reloads\)/);
  });

  it('draws nothing with no basemap, and the app went nowhere off this machine', async () => {
    await s.page.getByRole('radio', { name: 'None' }).check();
    await expect.poll(async () => (await basemap()).tiles.asked).toBe(0);
    expect((await basemap()).tiles.loaded).toBe(0);
    expect((await basemap()).detail.asked).toBe(0);
    // Only the mission's own map context (the sea) is credited now.
    expect(await s.page.getByTestId('map-attribution').textContent()).not.toMatch(/Fixture|Test tiles/);
    expect(blocked).toEqual([]);
    expect(s.errors.filter((e) => !/GPU stall|WebGL/i.test(e))).toEqual([]);
  });
});
