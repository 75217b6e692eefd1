/**
 * Vector basemaps without a browser: MVT tiles made by the test (geojson-vt + vt-pbf, see
 * test/e2e/vectorFixture.ts) decoded, styles compiled with the MapLibre style library, and a tile's
 * draw commands (what the canvas painter is given) checked: colours, zoom-dependent widths, filters,
 * labels, overzoom placement. Opening styles by URL is checked against a fake fetch.
 */
import { gzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pixelLngLat } from '../../src/state/basemapMercator';
import { decodeMvt } from '../../src/state/basemapMvt';
import { compileStyle } from '../../src/state/basemapStyle';
import { defaultStyle, DEFAULT_SOURCE } from '../../src/state/basemapDefaultStyle';
import { openStyleUrl, sourceTileFor } from '../../src/state/basemapVector';
import type { SourceTile } from '../../src/state/basemapTypes';
import { type DrawCommand, lineMiddle, styleZoom, tileCommands } from '../../src/scene/vectorTiles/commands';
import { codedTilePng, writePmtiles } from '../e2e/basemapFixture';
import { line, point, polygon, vectorTiles } from '../e2e/vectorFixture';

const Z = 14;
const TX = 13374;
const TY = 7140;
/** The lng/lat of a point of the test tile, by fractions of its width and height from its north-west corner. */
const at = (fx: number, fy: number) => pixelLngLat(Z, (TX + fx) * 256, (TY + fy) * 256) as [number, number];

const tiles = vectorTiles(
  {
    water: [polygon([at(0, 0), at(0, 1), at(0.5, 1), at(0.5, 0)], { class: 'lake' })],
    roads: [
      line([at(0.1, 0.75), at(0.9, 0.75)], { kind: 'major_road', name: 'Binhe Avenue' }),
      line([at(0.1, 0.25), at(0.9, 0.25)], { kind: 'minor_road', name: 'Back Lane' }),
    ],
    places: [point(at(0.75, 0.5), { kind: 'locality', name: 'Futian', 'name:en': 'Futian District' })],
  },
  Z,
);
const bytes = tiles.tile(Z, TX, TY)!;
const whole = (tile = decodeMvt(bytes)): Map<string, SourceTile> => new Map([['src', { tile, dz: 0, ox: 0, oy: 0 }]]);

describe('decoding vector tiles', () => {
  it('reads the layers, types, properties and geometry of an MVT tile', () => {
    const t = decodeMvt(bytes);
    expect(t.layerNames.sort()).toEqual(['places', 'roads', 'water']);
    const places = t.layer('places')!;
    expect(places.extent).toBe(4096);
    expect(places.features).toHaveLength(1);
    const f = places.features[0];
    expect(f.type).toBe(1);
    expect(f.properties).toEqual({ kind: 'locality', name: 'Futian', 'name:en': 'Futian District' });
    expect(f.geometry[0][0].x).toBeCloseTo(3072, -1);
    expect(f.geometry[0][0].y).toBeCloseTo(2048, -1);
    const water = t.layer('water')!.features[0];
    expect(water.type).toBe(3);
    const xs = water.geometry[0].map((p) => p.x);
    expect(Math.min(...xs)).toBeLessThanOrEqual(0);
    expect(Math.max(...xs)).toBeCloseTo(2048, -1);
    expect(t.layer('roads')!.features.map((r) => r.type)).toEqual([2, 2]);
    expect(t.layer('nothing')).toBeNull();
  });

  it('unpacks gzip-compressed tiles', () => {
    expect(decodeMvt(gzipSync(bytes)).layerNames.sort()).toEqual(['places', 'roads', 'water']);
  });

  it('names what bytes are when they are not a vector tile', () => {
    expect(() => decodeMvt(codedTilePng(1, 2))).toThrow('a PNG image, not a vector tile (MVT)');
    expect(() => decodeMvt(new TextEncoder().encode('<!doctype html><p>502 Bad Gateway'))).toThrow('an HTML or XML page, not a vector tile (MVT)');
    expect(() => decodeMvt(new TextEncoder().encode('{"error":"no such tile"}'))).toThrow('JSON, not a vector tile (MVT)');
    expect(() => decodeMvt(new Uint8Array([0x08, 0x96, 0x01, 0x55]))).toThrow('not a vector tile (MVT)');
    expect(() => decodeMvt(new Uint8Array([0x1f, 0x8b, 0x00, 0x01]))).toThrow(/broken gzip/);
    // An empty tile is a valid tile with nothing in it.
    expect(decodeMvt(new Uint8Array()).layerNames).toEqual([]);
  });
});

const STYLE = {
  version: 8,
  name: 'test',
  sources: { src: { type: 'vector', tiles: ['https://t.test/{z}/{x}/{y}.pbf'] } },
  layers: [
    { id: 'bg', type: 'background', paint: { 'background-color': '#102030' } },
    { id: 'water', type: 'fill', source: 'src', 'source-layer': 'water', paint: { 'fill-color': 'rgb(0, 0, 255)', 'fill-opacity': 0.5 } },
    {
      id: 'major',
      type: 'line',
      source: 'src',
      'source-layer': 'roads',
      filter: ['==', 'kind', 'major_road'],
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': '#ff0000', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1, 14, 5] },
    },
    {
      id: 'minor',
      type: 'line',
      source: 'src',
      'source-layer': 'roads',
      filter: ['==', ['get', 'kind'], 'minor_road'],
      paint: { 'line-color': ['match', ['get', 'kind'], 'minor_road', '#00ff00', '#000000'], 'line-width': { stops: [[10, 2], [16, 8]] }, 'line-dasharray': [2, 1] },
    },
    { id: 'road-names', type: 'symbol', source: 'src', 'source-layer': 'roads', layout: { 'symbol-placement': 'line', 'text-field': '{name}', 'text-size': 10 } },
    {
      id: 'places',
      type: 'symbol',
      source: 'src',
      'source-layer': 'places',
      layout: { 'text-field': ['coalesce', ['get', 'name:en'], ['get', 'name']], 'text-size': 14, 'text-font': ['Noto Sans Bold'], 'text-transform': 'uppercase' },
      paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 1 },
    },
    { id: 'late', type: 'fill', source: 'src', 'source-layer': 'water', minzoom: 15, paint: { 'fill-color': '#ffffff' } },
    { id: 'hidden', type: 'fill', source: 'src', 'source-layer': 'water', layout: { visibility: 'none' } },
    { id: 'hills', type: 'hillshade', source: 'dem' },
    { id: 'broken', type: 'line', source: 'src', 'source-layer': 'roads', paint: { 'line-width': ['get'] } },
    { id: 'icons', type: 'symbol', source: 'src', 'source-layer': 'places', layout: { 'icon-image': 'marker' } },
  ],
};

const byLayer = (cs: DrawCommand[], id: string) => cs.filter((c) => c.layer === id);

describe('a style evaluated into draw commands', () => {
  const style = compileStyle(STYLE);

  it('compiles the drawn layer types and says why the others are skipped', () => {
    expect(style.name).toBe('test');
    expect(style.layers.map((l) => l.id)).toEqual(['bg', 'water', 'major', 'minor', 'road-names', 'places', 'late']);
    expect(style.skipped.map((s) => s.id)).toEqual(['hills', 'broken', 'icons']);
    expect(style.skipped[0].why).toBe('hillshade layers are not drawn');
    expect(style.skipped[1].why).toMatch(/^line-width: /);
    expect(style.skipped[2].why).toMatch(/no text-field/);
  });

  it('draws background, fills, lines and labels in style order, with paint evaluated at the zoom', () => {
    const cs = tileCommands(style, whole(), Z, 512);
    expect(cs[0]).toEqual({ kind: 'background', layer: 'bg', color: 'rgba(16,32,48,1)', opacity: 1 });
    const [water] = byLayer(cs, 'water') as Extract<DrawCommand, { kind: 'fill' }>[];
    expect(water.color).toBe('rgba(0,0,255,1)');
    expect(water.opacity).toBe(0.5);
    // The left half of the tile: x from 0 to 256 of 512.
    const xs = water.rings[0].filter((_, i) => i % 2 === 0);
    expect(Math.max(...xs)).toBeCloseTo(256, 0);
    // Drawn as a MapLibre map at zoom 13 would be, at pixel ratio 2: 4 px wide at zoom 13, twice that in the image.
    expect(styleZoom(Z)).toBe(13);
    const [major] = byLayer(cs, 'major') as Extract<DrawCommand, { kind: 'line' }>[];
    expect(major).toMatchObject({ color: 'rgba(255,0,0,1)', cap: 'round', dash: null });
    expect(major.width).toBeCloseTo(8, 5);
    expect(major.lines).toHaveLength(1);
    expect(major.lines[0][1]).toBeCloseTo(384, 0); // at 3/4 of the height
    const [minor] = byLayer(cs, 'minor') as Extract<DrawCommand, { kind: 'line' }>[];
    expect(minor.color).toBe('rgba(0,255,0,1)');
    expect(minor.width).toBeCloseTo(2 * (2 + (6 * 3) / 6), 5); // legacy stops: 5 at zoom 13
    expect(minor.dash).toEqual([2, 1]);
    expect(minor.lines[0][1]).toBeCloseTo(128, 0);
    // Labels: the road names at the middle of each road, along it; the place at its point.
    const names = byLayer(cs, 'road-names') as Extract<DrawCommand, { kind: 'text' }>[];
    expect(names.map((n) => n.text).sort()).toEqual(['Back Lane', 'Binhe Avenue']);
    const avenue = names.find((n) => n.text === 'Binhe Avenue')!;
    expect(avenue.x).toBeCloseTo(256, 0);
    expect(avenue.y).toBeCloseTo(384, 0);
    expect(avenue.angle).toBeCloseTo(0, 5);
    expect(avenue.size).toBe(20);
    const [place] = byLayer(cs, 'places') as Extract<DrawCommand, { kind: 'text' }>[];
    expect(place).toMatchObject({ text: 'FUTIAN DISTRICT', color: 'rgba(17,17,17,1)', haloColor: 'rgba(255,255,255,1)', haloWidth: 2, size: 28 });
    expect(place.font).toBe('700 28px sans-serif');
    expect(place.x).toBeCloseTo(384, 0);
    expect(place.y).toBeCloseTo(256, 0);
    // minzoom 15: not at 14 (style zoom 13).
    expect(byLayer(cs, 'late')).toEqual([]);
    // Labels come after everything they label.
    expect(cs.findIndex((c) => c.kind === 'text')).toBeGreaterThan(cs.findIndex((c) => c.layer === 'minor'));
  });

  it('overzooms: a child tile draws its quarter of the source tile, twice as large', () => {
    // Tile (2TX+1, 2TY) at zoom 15 from the zoom-14 tile: its east half of the north half.
    const st = sourceTileFor(Z + 1, 2 * TX + 1, 2 * TY, Z);
    expect(st).toEqual({ z: Z, x: TX, y: TY, dz: 1, ox: 1, oy: 0 });
    const cs = tileCommands(style, new Map([['src', { tile: decodeMvt(bytes), dz: st.dz, ox: st.ox, oy: st.oy }]]), Z + 1, 512);
    // The water (west half) is off this tile; the minor road at 1/4 height is at 1/2 of it now.
    expect(byLayer(cs, 'water')).toEqual([]);
    const [minor] = byLayer(cs, 'minor') as Extract<DrawCommand, { kind: 'line' }>[];
    expect(minor.lines[0][1]).toBeCloseTo(256, 0);
    expect(minor.lines[0][0]).toBeCloseTo(2 * 0.1 * 512 - 512, 0);
    // The place (at 3/4, 1/2 of the source tile) is on the tile below: no label here.
    expect(byLayer(cs, 'places')).toEqual([]);
    const below = sourceTileFor(Z + 2, 4 * TX + 3, 4 * TY + 2, Z);
    expect(below).toEqual({ z: Z, x: TX, y: TY, dz: 2, ox: 3, oy: 2 });
  });

  it('finds the middle of a line and keeps its label upright', () => {
    expect(lineMiddle([0, 0, 10, 0, 10, 10])).toMatchObject({ x: 10, y: 0, length: 20 });
    const back = lineMiddle([100, 50, 0, 50])!;
    expect(back.x).toBe(50);
    expect(Math.abs(back.angle)).toBeCloseTo(0, 5); // drawn right to left, read left to right
    expect(lineMiddle([5, 5, 5, 5])).toBeNull();
  });

  it('has a built-in style for OpenMapTiles and Protomaps layer names that compiles whole', () => {
    const s = compileStyle(defaultStyle());
    expect(s.skipped).toEqual([]);
    const layersRead = new Set(s.layers.map((l) => l.sourceLayer));
    for (const name of ['water', 'landcover', 'park', 'transportation', 'building', 'place', 'earth', 'landuse', 'roads', 'buildings', 'places']) expect(layersRead).toContain(name);
    const data = new Map([[DEFAULT_SOURCE, whole().get('src')!]]);
    const cs = tileCommands(s, data, 16, 512);
    expect(cs.filter((c) => c.kind === 'fill' && c.layer === 'water')).toHaveLength(1);
    expect(cs.find((c) => c.layer === 'roads-major')).toMatchObject({ kind: 'line', color: 'rgba(245,196,96,1)' });
    expect(cs.find((c) => c.layer === 'places-label')).toMatchObject({ kind: 'text', text: 'Futian District' });
  });
});

describe('opening a style by URL', () => {
  afterEach(() => vi.unstubAllGlobals());

  function serve(files: Record<string, string | Uint8Array>) {
    vi.stubGlobal('fetch', async (url: string) => {
      const body = files[url];
      return body === undefined ? new Response('no', { status: 404 }) : new Response(typeof body === 'string' ? body : body.slice(), { status: 200 });
    });
  }

  it('reads a style whose vector source is a TileJSON, overzoomed past its max zoom', async () => {
    serve({
      'https://s.test/styles/style.json': JSON.stringify({ ...STYLE, sources: { src: { type: 'vector', url: '../tiles.json' }, dem: { type: 'raster-dem', tiles: ['x'] } } }),
      'https://s.test/tiles.json': JSON.stringify({ tiles: ['tiles/{z}/{x}/{y}.pbf'], minzoom: 10, maxzoom: 14, attribution: '<a href="x">© Test Data</a>' }),
      [`https://s.test/tiles/${Z}/${TX}/${TY}.pbf`]: bytes,
    });
    const r = await openStyleUrl('https://s.test/styles/style.json');
    if (!r.ok) throw new Error(r.error);
    const src = r.source;
    if (src.format !== 'vector') throw new Error('not vector');
    expect(src.attribution).toBe('© Test Data');
    expect([src.minZoom, src.maxZoom]).toEqual([10, 19]);
    expect(src.summary).toMatch(/^style "test", 7 layers drawn, data zoom 10–14/);
    expect(src.summary).toMatch(/3 style layers not drawn \(hills: hillshade layers are not drawn; broken: line-width/);
    const data = await src.tileData(Z + 2, 4 * TX + 1, 4 * TY + 1, new AbortController().signal);
    expect(data?.get('src')).toMatchObject({ dz: 2, ox: 1, oy: 1 });
    expect(await src.tileData(9, 1, 1, new AbortController().signal)).toBeNull(); // below the source's min zoom
  });

  it('names what is wrong with a style', async () => {
    serve({
      'https://s.test/raster.json': JSON.stringify({ version: 8, sources: { sat: { type: 'raster', tiles: ['x'] } }, layers: [] }),
      'https://s.test/broken.json': '{"version": 8, "layers": [',
      'https://s.test/v7.json': JSON.stringify({ version: 7, sources: {}, layers: [] }),
      'https://s.test/nolayers.json': JSON.stringify({ version: 8, sources: {} }),
      'https://s.test/badsource.json': JSON.stringify({ version: 8, sources: { v: { type: 'vector', url: 'mapbox://mapbox.streets' } }, layers: [{ id: 'a', type: 'fill', source: 'v', 'source-layer': 'water' }] }),
      'https://s.test/onlyraster.json': JSON.stringify({ ...STYLE, layers: [{ id: 'hills', type: 'hillshade', source: 'dem' }] }),
    });
    const error = async (url: string) => {
      const r = await openStyleUrl(url);
      return r.ok ? null : r.error;
    };
    expect(await error('https://s.test/raster.json')).toBe('the style has no vector source (only raster "sat"): only vector sources are drawn');
    expect(await error('https://s.test/broken.json')).toMatch(/^the style at https:\/\/s\.test\/broken\.json is not valid JSON: /);
    expect(await error('https://s.test/v7.json')).toBe('not a MapLibre/Mapbox style of version 8 (version 7)');
    expect(await error('https://s.test/nolayers.json')).toBe('not a MapLibre/Mapbox style: no "layers" list');
    expect(await error('https://s.test/badsource.json')).toMatch(/^source "v": mapbox:\/\/ URLs are not read/);
    expect(await error('https://s.test/onlyraster.json')).toMatch(/^no layer of the style draws its vector sources \(skipped: hills: hillshade layers are not drawn\)/);
    expect(await error('https://s.test/missing.json')).toBe('could not load the style https://s.test/missing.json: HTTP 404');
  });

  it('reads a pmtiles:// source (byte ranges of the archive), relative to the style', async () => {
    const archive = writePmtiles([{ z: Z, x: TX, y: TY, data: bytes }], { tileType: 1, bounds: [at(0, 1)[0], at(0, 1)[1], at(1, 0)[0], at(1, 0)[1]], metadata: { attribution: '© Archive' } });
    const png = writePmtiles([{ z: Z, x: TX, y: TY, data: codedTilePng(TX, TY) }], { tileType: 2, bounds: [113, 22, 114, 23] });
    vi.stubGlobal('fetch', async (url: string, init?: { headers?: Headers }) => {
      if (url === 'https://s.test/style.json') return new Response(JSON.stringify({ ...STYLE, sources: { src: { type: 'vector', url: 'pmtiles://data/area.pmtiles' } } }));
      if (url === 'https://s.test/png.json') return new Response(JSON.stringify({ ...STYLE, sources: { src: { type: 'vector', url: 'pmtiles://https://s.test/data/png.pmtiles' } } }));
      const body = url === 'https://s.test/data/area.pmtiles' ? archive : url === 'https://s.test/data/png.pmtiles' ? png : null;
      if (!body) return new Response('no', { status: 404 });
      const [, from, to] = /bytes=(\d+)-(\d+)/.exec(init?.headers?.get('range') ?? '') ?? [];
      const end = Math.min(body.length - 1, Number(to));
      return new Response(body.slice(Number(from), end + 1), { status: 206, headers: { 'Content-Range': `bytes ${from}-${end}/${body.length}` } });
    });
    const r = await openStyleUrl('https://s.test/style.json');
    if (!r.ok || r.source.format !== 'vector') throw new Error(r.ok ? 'not vector' : r.error);
    expect(r.source.attribution).toBe('© Archive');
    expect([r.source.minZoom, r.source.bounds?.[0]]).toEqual([Z, expect.closeTo(at(0, 1)[0], 6)]);
    const data = await r.source.tileData(Z + 3, 8 * TX, 8 * TY, new AbortController().signal);
    expect(data?.get('src')?.tile.layerNames.sort()).toEqual(['places', 'roads', 'water']);
    expect(await openStyleUrl('https://s.test/png.json')).toEqual({ ok: false, error: 'source "src": https://s.test/data/png.pmtiles: the archive holds PNG tiles, not vector tiles (MVT)' });
  });

  it('draws a bare TileJSON of vector tiles with the built-in style', async () => {
    serve({ 'https://s.test/t.json': JSON.stringify({ tiles: ['https://s.test/{z}/{x}/{y}.pbf'], maxzoom: 14 }) });
    const r = await openStyleUrl('https://s.test/t.json');
    if (!r.ok) throw new Error(r.error);
    expect(r.source.format === 'vector' && r.source.builtInStyle).toBe(true);
  });

  it('reports a tile that fails to download, and tries it again next time', async () => {
    let calls = 0;
    vi.stubGlobal('fetch', async (url: string) => {
      if (url.endsWith('.json')) return new Response(JSON.stringify(STYLE));
      calls++;
      return calls === 1 ? new Response('down', { status: 503 }) : new Response(bytes.slice());
    });
    const r = await openStyleUrl('https://t.test/style.json');
    if (!r.ok || r.source.format !== 'vector') throw new Error('not opened');
    const signal = new AbortController().signal;
    await expect(r.source.tileData(Z, TX, TY, signal)).rejects.toThrow(`HTTP 503 for https://t.test/${Z}/${TX}/${TY}.pbf`);
    expect((await r.source.tileData(Z, TX, TY, signal))?.get('src')?.tile.layerNames).toHaveLength(3);
    // Cached: the children of an overzoomed tile share one download.
    await r.source.tileData(Z + 1, 2 * TX, 2 * TY, signal);
    expect(calls).toBe(2);
  });
});
