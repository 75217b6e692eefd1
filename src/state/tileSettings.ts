/**
 * XYZ raster tile URL templates (`https://tile.example.org/{z}/{x}/{y}.png`): checking what the user
 * typed and filling it in. The basemap choice itself lives in src/state/basemapSettings.ts.
 */

/** A template is usable when it is http(s) and names all of {z}, {x} and {y}. */
export function validTileTemplate(t: string): boolean {
  return /^https?:\/\//.test(t) && t.includes('{z}') && t.includes('{x}') && t.includes('{y}');
}

/**
 * Why a URL cannot be drawn as raster XYZ tiles, or null when it can. Vector sources are named as
 * such: they are a different thing from a typo.
 */
export function templateProblem(t: string): string | null {
  if (t === '') return 'give a URL template';
  const path = t.replace(/[?#].*$/, '').toLowerCase();
  if (/\.(pbf|mvt|mlt)$/.test(path)) return 'vector tiles: choose the Vector style source and give the style JSON that lists these tiles';
  if (/\.json$/.test(path) || /\/styles?\//.test(path)) return 'a vector style or TileJSON URL: choose the Vector style source for it';
  if (/\.pmtiles$/.test(path) || /^pmtiles:\/\//.test(t)) return 'a PMTiles archive: choose the PMTiles source instead';
  if (!validTileTemplate(t)) return 'needs http(s):// and {z}, {x} and {y}';
  return null;
}

export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)).replace('{s}', 'a');
}
