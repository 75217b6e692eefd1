/**
 * What the map shows: one switch per layer (routes, drop points, depots and their pads, no-fly zones,
 * buildings, drones, labels, water) and whether the layers-and-legend panel is open. A view setting,
 * not part of the mission: remembered in local storage like the basemap (src/state/basemapSettings.ts),
 * never in the undo history.
 *
 * The scene reads the switches when they change (a user action), never per frame.
 */
import { create } from 'zustand';

export const LAYER_IDS = ['depots', 'drops', 'zones', 'buildings', 'routes', 'drones', 'labels', 'water'] as const;
export type LayerId = (typeof LAYER_IDS)[number];

/** Names in the layers panel. */
export const LAYER_NAMES: Record<LayerId, string> = {
  depots: 'Depots and pads',
  drops: 'Drop points',
  zones: 'No-fly zones',
  buildings: 'Buildings',
  routes: 'Routes',
  drones: 'Drones',
  labels: 'Labels',
  water: 'Water and map context',
};

export type LayerVisibility = Record<LayerId, boolean>;

export interface LayerSettings {
  visible: LayerVisibility;
  /** The panel is open (legend and switches shown) rather than folded to its title. */
  panelOpen: boolean;
}

export const LAYERS_KEY = 'skyhaul.layers.v1';

/**
 * Everything shown; the panel folded to its title (a box that tall would cover a good part of the map
 * while editing). Once opened it stays open: the choice is remembered.
 */
export const DEFAULT_LAYERS: LayerSettings = {
  visible: Object.fromEntries(LAYER_IDS.map((id) => [id, true])) as LayerVisibility,
  panelOpen: false,
};

/**
 * Settings from their stored text: unknown keys and non-boolean values are ignored, missing ones take
 * the default (everything shown), so a setting written by an older or newer version never hides a layer
 * by accident or breaks the start-up.
 */
export function parseLayerSettings(raw: string | null): LayerSettings {
  if (!raw) return cloneSettings(DEFAULT_LAYERS);
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return cloneSettings(DEFAULT_LAYERS);
  }
  const out = cloneSettings(DEFAULT_LAYERS);
  if (!data || typeof data !== 'object') return out;
  const d = data as { visible?: unknown; panelOpen?: unknown };
  if (d.visible && typeof d.visible === 'object') {
    for (const id of LAYER_IDS) {
      const v = (d.visible as Record<string, unknown>)[id];
      if (typeof v === 'boolean') out.visible[id] = v;
    }
  }
  if (typeof d.panelOpen === 'boolean') out.panelOpen = d.panelOpen;
  return out;
}

function cloneSettings(s: LayerSettings): LayerSettings {
  return { visible: { ...s.visible }, panelOpen: s.panelOpen };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The stored settings, or the defaults when there are none or storage cannot be read. */
function loadStored(): LayerSettings {
  let raw: string | null = null;
  try {
    raw = storage()?.getItem(LAYERS_KEY) ?? null;
  } catch {
    // Unreadable: the defaults.
  }
  return parseLayerSettings(raw);
}

function save(s: LayerSettings): void {
  try {
    storage()?.setItem(LAYERS_KEY, JSON.stringify({ visible: s.visible, panelOpen: s.panelOpen }));
  } catch {
    // Not remembered (private mode, quota); the setting still applies for this session.
  }
}

export interface LayersState extends LayerSettings {
  setVisible(id: LayerId, on: boolean): void;
  toggle(id: LayerId): void;
  setPanelOpen(open: boolean): void;
  /** Back to everything shown (the panel stays as it is). */
  showAll(): void;
  /** Re-read the stored settings (tests; another tab's change). */
  reload(): void;
}

export const useLayersStore = create<LayersState>()((set, get) => {
  const commit = (patch: Partial<LayerSettings>) => {
    set(patch);
    save(get());
  };
  return {
    ...loadStored(),
    setVisible: (id, on) => {
      if (get().visible[id] === on) return;
      commit({ visible: { ...get().visible, [id]: on } });
    },
    toggle: (id) => get().setVisible(id, !get().visible[id]),
    setPanelOpen: (panelOpen) => commit({ panelOpen }),
    showAll: () => commit({ visible: { ...DEFAULT_LAYERS.visible } }),
    reload: () => set(loadStored()),
  };
});

/** Subscribe to one layer's switch. */
export function useLayerVisible(id: LayerId): boolean {
  return useLayersStore((s) => s.visible[id]);
}
