/**
 * Opening basemaps: PMTiles archives written by the test (test/e2e/basemapFixture.ts) read through the
 * `pmtiles` package, the messages for what cannot be drawn, and the settings form.
 */
import { decode } from 'fast-png';
import type { Source } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { loadBasemapForm, resolveBasemap } from '../../src/state/basemapSettings';
import { archiveProblem, attributionOf, openPmtiles } from '../../src/state/basemapSource';
import { templateProblem } from '../../src/state/tileSettings';
import { codedTilePng, tileTag, writePmtiles } from '../e2e/basemapFixture';

function memorySource(bytes: Uint8Array, name = 'test.pmtiles'): Source {
  return {
    getKey: () => name,
    getBytes: async (offset, length) => ({ data: bytes.slice(offset, offset + length).buffer }),
  };
}

const tiles = [
  { z: 15, x: 26700, y: 14250 },
  { z: 15, x: 26701, y: 14250 },
  { z: 16, x: 53400, y: 28500 },
].map((t) => ({ ...t, data: codedTilePng(t.x, t.y, [{ col: 10, row: 20 }]) }));
const bounds = [113.3, 22.4, 113.4, 22.5] as const;

describe('PMTiles basemaps', () => {
  it('opens a raster archive: zoom range, bounds, attribution from its metadata, tiles as PNG blobs', async () => {
    const bytes = writePmtiles(tiles, { tileType: 2, bounds, metadata: { attribution: '<a href="https://example.org">&copy; Example &amp; Co</a>' } });
    const r = await openPmtiles(memorySource(bytes), 'test.pmtiles');
    if (!r.ok) throw new Error(r.error);
    if (r.source.format !== 'raster') throw new Error('expected raster tiles');
    expect(r.source.minZoom).toBe(15);
    expect(r.source.maxZoom).toBe(16);
    expect(r.source.bounds).toEqual([...bounds]);
    expect(r.source.attribution).toBe('© Example & Co');
    expect(r.source.summary).toBe('PNG tiles, zoom 15–16');
    const blob = await r.source.tile(15, 26701, 14250, new AbortController().signal);
    expect(blob?.type).toBe('image/png');
    const png = decode(new Uint8Array(await blob!.arrayBuffer()));
    expect(png.width).toBe(256);
    const px = (col: number, row: number) => Array.from(png.data.slice((row * 256 + col) * 4, (row * 256 + col) * 4 + 3));
    expect(px(100, 200)).toEqual([100, 200, tileTag(26701, 14250) * 16 + 8]);
    expect(px(10, 20)).toEqual([255, 0, 255]);
    expect(await r.source.tile(15, 1, 1, new AbortController().signal)).toBeNull();
    expect(await r.source.tile(12, 3337, 1781, new AbortController().signal)).toBeNull(); // below the min zoom
  });

  it('opens a vector archive with the built-in style, and names a tile that is not a vector tile', async () => {
    // PNG bytes in an archive that says it holds vector tiles.
    const bytes = writePmtiles(tiles, { tileType: 1, bounds });
    const r = await openPmtiles(memorySource(bytes), 'vector.pmtiles');
    if (!r.ok) throw new Error(r.error);
    expect(r.source.format).toBe('vector');
    if (r.source.format !== 'vector') return;
    expect(r.source.builtInStyle).toBe(true);
    expect(r.source.minZoom).toBe(15);
    expect(r.source.maxZoom).toBeGreaterThanOrEqual(19); // overzoomed past the data's 16
    expect(r.source.summary).toMatch(/built-in style, data zoom 15–16/);
    await expect(r.source.tileData(15, 26701, 14250, new AbortController().signal)).rejects.toThrow(
      'tile 15/26701/14250 of the archive: a PNG image, not a vector tile (MVT)',
    );
    expect(await r.source.tileData(15, 1, 1, new AbortController().signal)).toBeNull();
  });

  it('names what a file is when it is not a PMTiles v3 archive', async () => {
    const text = (s: string) => new TextEncoder().encode(s.padEnd(64, '\0'));
    expect((await openPmtiles(memorySource(text('hello world')), 'x')).ok).toBe(false);
    expect(archiveProblem(text('hello world'))).toBe('not a PMTiles file');
    expect(archiveProblem(text('SQLite format 3'))).toMatch(/MBTiles/);
    expect(archiveProblem(text('{"version": 8, "sources": {}}'))).toMatch(/JSON file \(a vector style/);
    expect(archiveProblem(text('<!doctype html>'))).toMatch(/HTML/);
    expect(archiveProblem(text('PM\u0002'))).toMatch(/version 2/);
    const v3 = writePmtiles(tiles, { tileType: 2, bounds });
    expect(archiveProblem(v3)).toBeNull();
    const r = await openPmtiles(memorySource(text('')), 'empty.pmtiles');
    expect(r).toEqual({ ok: false, error: 'not a PMTiles file' });
  });

  it('reports a source that cannot be read instead of throwing', async () => {
    const failing: Source = { getKey: () => 'u', getBytes: async () => Promise.reject(new Error('Failed to fetch')) };
    const r = await openPmtiles(failing, 'https://x.test/a.pmtiles');
    expect(r).toEqual({ ok: false, error: 'could not read https://x.test/a.pmtiles: Failed to fetch' });
  });

  it('reads attribution text out of HTML', () => {
    expect(attributionOf({ attribution: '<a href="x">© OpenStreetMap</a> contributors' })).toBe('© OpenStreetMap contributors');
    expect(attributionOf({})).toBeNull();
    expect(attributionOf(null)).toBeNull();
  });
});

describe('basemap settings', () => {
  const form = { kind: 'none' as const, xyzTemplate: '', styleUrl: '', pmtilesFrom: 'file' as const, pmtilesUrl: '', attribution: '' };

  it('says why an XYZ template is not drawn, naming vector sources', () => {
    expect(templateProblem('https://t.example/{z}/{x}/{y}.png')).toBeNull();
    expect(templateProblem('https://t.example/{z}/{x}/{y}.pbf')).toMatch(/^vector tiles: choose the Vector style source/);
    expect(templateProblem('https://api.example/styles/v1/streets/style.json?key=1')).toMatch(/vector style.*Vector style source/);
    expect(templateProblem('https://t.example/world.pmtiles')).toMatch(/PMTiles/);
    expect(templateProblem('tile.example/{z}/{x}/{y}.png')).toMatch(/needs http/);
  });

  it('resolves the form to a choice, or a problem', () => {
    expect(resolveBasemap(form, null)).toEqual({ ok: true, choice: { kind: 'none' } });
    expect(resolveBasemap({ ...form, kind: 'xyz', xyzTemplate: 'https://t/{z}/{x}/{y}.png' }, null)).toEqual({
      ok: true,
      choice: { kind: 'xyz', template: 'https://t/{z}/{x}/{y}.png' },
    });
    expect(resolveBasemap({ ...form, kind: 'pmtiles' }, null)).toEqual({ ok: false, problem: expect.stringMatching(/not kept across reloads/) });
    const file = new File([new Uint8Array(4)], 'a.pmtiles');
    expect(resolveBasemap({ ...form, kind: 'pmtiles' }, file)).toEqual({ ok: true, choice: { kind: 'pmtiles', origin: { from: 'file', file } } });
    expect(resolveBasemap({ ...form, kind: 'pmtiles', pmtilesFrom: 'url', pmtilesUrl: 'pmtiles://https://h/a.pmtiles' }, null)).toEqual({
      ok: true,
      choice: { kind: 'pmtiles', origin: { from: 'url', url: 'https://h/a.pmtiles' } },
    });
    expect(resolveBasemap({ ...form, kind: 'pmtiles', pmtilesFrom: 'url', pmtilesUrl: 'a.pmtiles' }, null).ok).toBe(false);
    expect(resolveBasemap({ ...form, kind: 'pmtiles', pmtilesFrom: 'url', pmtilesUrl: 'https://h/style.json' }, null)).toEqual({
      ok: false,
      problem: expect.stringMatching(/^a style or TileJSON URL: choose the Vector style source/),
    });
    expect(resolveBasemap({ ...form, kind: 'style', styleUrl: 'https://h/style.json' }, null)).toEqual({ ok: true, choice: { kind: 'style', url: 'https://h/style.json' } });
    expect(resolveBasemap({ ...form, kind: 'style' }, null)).toEqual({ ok: false, problem: 'give the URL of a style JSON' });
    expect(resolveBasemap({ ...form, kind: 'style', styleUrl: 'mapbox://styles/x/y' }, null)).toEqual({ ok: false, problem: expect.stringMatching(/Mapbox account/) });
    expect(resolveBasemap({ ...form, kind: 'style', styleUrl: 'pmtiles://https://h/a.pmtiles' }, null)).toEqual({ ok: false, problem: expect.stringMatching(/PMTiles source/) });
  });

  it('remembers the form, and carries over the XYZ-only settings', () => {
    const store = (entries: Record<string, string>) => ({ getItem: (k: string) => entries[k] ?? null });
    expect(loadBasemapForm(undefined)).toEqual(form);
    expect(loadBasemapForm(store({ 'skyhaul.tiles.v1': JSON.stringify({ urlTemplate: 'https://t/{z}/{x}/{y}.png', attribution: 'T', enabled: true }) }))).toEqual({
      ...form,
      kind: 'xyz',
      xyzTemplate: 'https://t/{z}/{x}/{y}.png',
      attribution: 'T',
    });
    const saved = { ...form, kind: 'pmtiles', pmtilesFrom: 'url', pmtilesUrl: 'https://h/a.pmtiles' };
    expect(loadBasemapForm(store({ 'skyhaul.basemap.v1': JSON.stringify(saved) }))).toEqual(saved);
    expect(loadBasemapForm(store({ 'skyhaul.basemap.v1': '{"kind":"bogus"' }))).toEqual(form);
  });
});
