/**
 * The user's basemap: none, XYZ raster tiles from a URL template, a vector style (MapLibre / Mapbox GL
 * style JSON, or a TileJSON of vector tiles) by URL, or a PMTiles archive of raster or vector tiles (a
 * local file or a URL). What was typed is remembered in local storage; a local file is not (a page cannot reopen
 * a file by itself), so after a reload it has to be picked again. Off by default: the app stays
 * fully offline.
 */
import { create } from 'zustand';
import { templateProblem } from './tileSettings';

export type BasemapKind = 'none' | 'xyz' | 'style' | 'pmtiles';

/** What the Map settings form holds: the texts are kept while the user switches between kinds. */
export interface BasemapForm {
  kind: BasemapKind;
  xyzTemplate: string;
  /** The URL of a vector style (or a TileJSON of vector tiles). */
  styleUrl: string;
  pmtilesFrom: 'file' | 'url';
  pmtilesUrl: string;
  /** The user's attribution text (an archive's own attribution wins). */
  attribution: string;
}

/** A source the layer can open: only well-formed choices exist as values of this type. */
export type BasemapChoice =
  | { kind: 'none' }
  | { kind: 'xyz'; template: string }
  | { kind: 'style'; url: string }
  | { kind: 'pmtiles'; origin: { from: 'file'; file: File } | { from: 'url'; url: string } };

/** The form read as a choice, or why it is not one yet. */
export type ResolvedBasemap = { ok: true; choice: BasemapChoice } | { ok: false; problem: string };

const KEY = 'skyhaul.basemap.v1';
/** The settings of the XYZ-only version (URL template, attribution, on/off), read once to carry over. */
const OLD_KEY = 'skyhaul.tiles.v1';
const DEFAULTS: BasemapForm = { kind: 'none', xyzTemplate: '', styleUrl: '', pmtilesFrom: 'file', pmtilesUrl: '', attribution: '' };

export function resolveBasemap(form: BasemapForm, file: File | null): ResolvedBasemap {
  switch (form.kind) {
    case 'none':
      return { ok: true, choice: { kind: 'none' } };
    case 'xyz': {
      const problem = templateProblem(form.xyzTemplate);
      return problem ? { ok: false, problem } : { ok: true, choice: { kind: 'xyz', template: form.xyzTemplate } };
    }
    case 'style': {
      const problem = styleUrlProblem(form.styleUrl);
      return problem ? { ok: false, problem } : { ok: true, choice: { kind: 'style', url: form.styleUrl } };
    }
    case 'pmtiles': {
      if (form.pmtilesFrom === 'file') {
        return file
          ? { ok: true, choice: { kind: 'pmtiles', origin: { from: 'file', file } } }
          : { ok: false, problem: 'choose a .pmtiles file (a local file is not kept across reloads)' };
      }
      const url = form.pmtilesUrl.replace(/^pmtiles:\/\//, '');
      if (!/^https?:\/\/\S+$/.test(url)) return { ok: false, problem: 'give an http(s):// URL of a .pmtiles file' };
      if (/\.json([?#]|$)/i.test(url)) return { ok: false, problem: 'a style or TileJSON URL: choose the Vector style source for it' };
      return { ok: true, choice: { kind: 'pmtiles', origin: { from: 'url', url } } };
    }
  }
}

/** Why a URL cannot be opened as a vector style, or null when it can be tried. */
export function styleUrlProblem(url: string): string | null {
  if (url === '') return 'give the URL of a style JSON';
  if (/^pmtiles:\/\//.test(url) || /\.pmtiles([?#]|$)/i.test(url)) return 'a PMTiles archive: choose the PMTiles source for it';
  if (/^mapbox:\/\//.test(url)) return 'mapbox:// URLs are not read (they need a Mapbox account): give an http(s) URL of the style';
  if (!/^https?:\/\/\S+$/.test(url)) return 'give an http(s):// URL of a style JSON';
  if (url.includes('{z}')) return 'a tile template: give the URL of the style JSON that lists it';
  return null;
}

function pick(raw: Record<string, unknown>): Partial<BasemapForm> {
  const out: Partial<BasemapForm> = {};
  if (raw.kind === 'none' || raw.kind === 'xyz' || raw.kind === 'style' || raw.kind === 'pmtiles') out.kind = raw.kind;
  if (typeof raw.xyzTemplate === 'string') out.xyzTemplate = raw.xyzTemplate;
  if (typeof raw.styleUrl === 'string') out.styleUrl = raw.styleUrl;
  if (raw.pmtilesFrom === 'file' || raw.pmtilesFrom === 'url') out.pmtilesFrom = raw.pmtilesFrom;
  if (typeof raw.pmtilesUrl === 'string') out.pmtilesUrl = raw.pmtilesUrl;
  if (typeof raw.attribution === 'string') out.attribution = raw.attribution;
  return out;
}

export function loadBasemapForm(storage: Pick<Storage, 'getItem'> | undefined): BasemapForm {
  try {
    const raw = storage?.getItem(KEY);
    if (raw) return { ...DEFAULTS, ...pick(JSON.parse(raw)) };
    const old = storage?.getItem(OLD_KEY);
    if (old) {
      const o = JSON.parse(old) as { urlTemplate?: unknown; attribution?: unknown; enabled?: unknown };
      const xyzTemplate = typeof o.urlTemplate === 'string' ? o.urlTemplate : '';
      const attribution = typeof o.attribution === 'string' ? o.attribution : '';
      return { ...DEFAULTS, kind: o.enabled === true && xyzTemplate ? 'xyz' : 'none', xyzTemplate, attribution };
    }
  } catch {
    // Unreadable settings: start from the defaults.
  }
  return DEFAULTS;
}

export interface BasemapSettingsState {
  form: BasemapForm;
  /** The picked archive, this session only. */
  file: File | null;
  update(patch: Partial<BasemapForm>): void;
  setFile(file: File | null): void;
}

export const useBasemapSettings = create<BasemapSettingsState>()((set, get) => ({
  form: loadBasemapForm(typeof localStorage === 'undefined' ? undefined : localStorage),
  file: null,
  update: (patch) => {
    set({ form: { ...get().form, ...patch } });
    try {
      localStorage.setItem(KEY, JSON.stringify(get().form));
    } catch {
      // Not remembered; the setting still applies for this session.
    }
  },
  setFile: (file) => set({ file }),
}));
