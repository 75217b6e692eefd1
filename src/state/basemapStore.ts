/**
 * The basemap as it stands: the source opened from the user's choice (or why not), and what the tile
 * layer has drawn of it. The settings store says what the user wants; this one follows it.
 */
import { create } from 'zustand';
import { type BasemapChoice, resolveBasemap, useBasemapSettings } from './basemapSettings';
import { type OpenBasemap, openBasemap } from './basemapSource';

export type BasemapStatus =
  | { state: 'off' }
  /** The form does not name a usable source yet (e.g. a half-typed template). */
  | { state: 'incomplete'; problem: string }
  | { state: 'opening' }
  | { state: 'ready'; source: OpenBasemap }
  | { state: 'error'; error: string };

export type TileState = 'loading' | 'loaded' | 'missing' | 'failed';

/** The two layers of tiles: the base over the whole mission, the detail around what the camera looks at. */
export type TileLayerId = 'base' | 'detail';

export interface TileCounts {
  /** The zoom drawn, null when nothing is drawn. */
  zoom: number | null;
  /** Tiles the area needs at that zoom, and how many of them are asked for (capped). */
  needed: number;
  asked: number;
  loaded: number;
  /** The source has no tile there (outside an archive, or a 404). */
  missing: number;
  failed: number;
  /** Why the last tile that failed did (e.g. "tile 14/1/2 of the archive: a PNG image, not a vector tile (MVT)"). */
  lastError: string | null;
}

interface BasemapStore {
  status: BasemapStatus;
  tiles: Record<TileLayerId, TileCounts>;
}

const NO_TILES: TileCounts = { zoom: null, needed: 0, asked: 0, loaded: 0, missing: 0, failed: 0, lastError: null };

export const useBasemapStore = create<BasemapStore>()(() => ({ status: { state: 'off' }, tiles: { base: NO_TILES, detail: NO_TILES } }));

/** Per-tile states of what is mounted now, by layer, keyed by source id and z/x/y. */
const tileStates: Record<TileLayerId, Map<string, TileState>> = { base: new Map(), detail: new Map() };

function setCounts(layer: TileLayerId, patch: Partial<TileCounts>): void {
  useBasemapStore.setState((s) => ({ tiles: { ...s.tiles, [layer]: { ...s.tiles[layer], ...patch } } }));
}

export function setTilePlan(layer: TileLayerId, zoom: number | null, needed: number, asked: number): void {
  setCounts(layer, { zoom, needed, asked });
}

/** Whether a mounted tile of the layer (keyed by source id and z/x/y) has its image. */
export function tileLoaded(layer: TileLayerId, key: string): boolean {
  return tileStates[layer].get(key) === 'loaded';
}

/** A tile's state (null: no longer mounted); a failed tile may say why. */
export function setTileState(layer: TileLayerId, key: string, state: TileState | null, error?: string): void {
  const states = tileStates[layer];
  if (state) states.set(key, state);
  else states.delete(key);
  const counts = { loaded: 0, missing: 0, failed: 0 };
  for (const s of states.values()) if (s !== 'loading') counts[s]++;
  setCounts(layer, state === 'failed' && error ? { ...counts, lastError: error } : counts.failed === 0 ? { ...counts, lastError: null } : counts);
}

/** The attribution shown on the map: the archive's own, else the user's text, else the tile host. */
export function basemapAttribution(status: BasemapStatus, userText: string): string | null {
  if (status.state !== 'ready') return null;
  return status.source.attribution ?? (userText.trim() || status.source.fallbackAttribution);
}

// Follow the settings: open the chosen source whenever the choice changes; a slower, older open
// that finishes late is dropped.
let generation = 0;
let lastChoice: BasemapChoice | null = null;

function sameChoice(a: BasemapChoice | null, b: BasemapChoice): boolean {
  if (!a || a.kind !== b.kind) return false;
  if (a.kind === 'xyz' && b.kind === 'xyz') return a.template === b.template;
  if (a.kind === 'style' && b.kind === 'style') return a.url === b.url;
  if (a.kind === 'pmtiles' && b.kind === 'pmtiles') {
    const [x, y] = [a.origin, b.origin];
    return x.from === 'file' && y.from === 'file' ? x.file === y.file : x.from === 'url' && y.from === 'url' && x.url === y.url;
  }
  return true;
}

async function follow(): Promise<void> {
  const { form, file } = useBasemapSettings.getState();
  const resolved = resolveBasemap(form, file);
  if (!resolved.ok) {
    lastChoice = null;
    generation++;
    useBasemapStore.setState({ status: { state: 'incomplete', problem: resolved.problem } });
    return;
  }
  const choice = resolved.choice;
  if (sameChoice(lastChoice, choice)) return;
  lastChoice = choice;
  const mine = ++generation;
  if (choice.kind === 'none') {
    useBasemapStore.setState({ status: { state: 'off' } });
    return;
  }
  useBasemapStore.setState({ status: { state: 'opening' } });
  const result = await openBasemap(choice);
  if (mine !== generation) return;
  useBasemapStore.setState({ status: result.ok ? { state: 'ready', source: result.source } : { state: 'error', error: result.error } });
}

/** Open the chosen source again (after a failed open: the server may be back, the file fixed). */
export function reopenBasemap(): void {
  lastChoice = null;
  void follow();
}

useBasemapSettings.subscribe(() => void follow());
void follow();
