/**
 * Optional raster map tiles under the mission: a user-set XYZ URL template with its attribution,
 * remembered in local storage. Off by default so the app stays fully offline.
 */
import { create } from 'zustand';

export interface TileSettings {
  /** e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; `{s}` becomes `a`. */
  urlTemplate: string;
  attribution: string;
  enabled: boolean;
}

const KEY = 'skyhaul.tiles.v1';
const DEFAULTS: TileSettings = { urlTemplate: '', attribution: '', enabled: false };

function load(): TileSettings {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
    return raw ? { ...DEFAULTS, ...(JSON.parse(raw) as Partial<TileSettings>) } : DEFAULTS;
  } catch {
    return DEFAULTS;
  }
}

export const useTileSettings = create<TileSettings & { update(patch: Partial<TileSettings>): void }>()((set, get) => ({
  ...load(),
  update: (patch) => {
    set(patch);
    const { urlTemplate, attribution, enabled } = get();
    try {
      localStorage.setItem(KEY, JSON.stringify({ urlTemplate, attribution, enabled }));
    } catch {
      // Not remembered; the setting still applies for this session.
    }
  },
}));

/** A template is usable when it names all of {z}, {x} and {y}. */
export function validTileTemplate(t: string): boolean {
  return /^https?:\/\//.test(t) && t.includes('{z}') && t.includes('{x}') && t.includes('{y}');
}

/** Web-Mercator tile indexes covering a lng/lat box at zoom z. */
export function tileRange(z: number, west: number, south: number, east: number, north: number) {
  const n = 2 ** z;
  const tx = (lng: number) => Math.floor(((lng + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  return { x0: tx(west), x1: tx(east), y0: ty(north), y1: ty(south) };
}

/** North-west corner of tile (x, y) at zoom z as [lng, lat]. */
export function tileCorner(z: number, x: number, y: number): [number, number] {
  const n = 2 ** z;
  const lng = (x / n) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  return [lng, lat];
}

export function tileUrl(template: string, z: number, x: number, y: number): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)).replace('{s}', 'a');
}
