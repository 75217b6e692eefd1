/**
 * What the legend says: every kind of thing the map draws, with its symbol and colour, grouped by the
 * layer that shows it. Colours come from where the scene takes them (markers, zone looks, drone state
 * colours, order phases), so the legend cannot drift from the map.
 */
import { type LayerId, LAYER_IDS } from '../state/layersStore';
import { ORDER_PHASE_COLOURS, ORDER_PHASE_MEANINGS, ORDER_PHASES } from '../state/orderStatus';
import { STATE_CATEGORY_COLOURS, type StateCategory } from '../state/replayIndex';
import { MARKER_COLORS } from '../scene/markerGeometry';
import { ZONE_STYLES, type ZoneLook } from '../scene/zoneLook';

export type LegendSymbol =
  | { shape: 'hexagon' | 'pin' | 'disc' | 'block' | 'dart' | 'ring' | 'halo' | 'label' | 'water' | 'parcel'; colour: string }
  | { shape: 'zone'; colour: string; opacity: number; edge: string; dashed: boolean }
  | { shape: 'line'; colour: string; dashed?: boolean; opacity?: number; rainbow?: boolean };

export interface LegendEntry {
  /** Stable name of the kind (tests, data-kind). */
  kind: string;
  label: string;
  symbol: LegendSymbol;
  /** A longer explanation (hover). */
  title?: string;
}

/** Labels longer than this take a whole row of the legend's two columns. */
export const WIDE_LABEL_CHARS = 15;

export interface LegendGroup {
  layer: LayerId;
  entries: LegendEntry[];
}

/** What each drone state colour means (src/state/replayIndex.ts maps the simulator's states to these). */
export const DRONE_STATE_LABELS: Record<StateCategory, { label: string; title: string }> = {
  ground: { label: 'on the ground', title: 'Idle or loading at its depot' },
  cruise: { label: 'flying out', title: 'Take-off, climb, cruise, descent to a drop, climb-out' },
  drop: { label: 'dropping', title: 'Lowering or dropping a parcel' },
  return: { label: 'returning', title: 'Flying home and landing' },
  holding: { label: 'holding', title: 'Waiting in the air: a planned hold, or a busy pad' },
  charging: { label: 'charging', title: 'Charging or having its battery swapped' },
  diverted: { label: 'diverted', title: 'Gave up its route and flies to a depot' },
  emergency: { label: 'emergency', title: 'Emergency landing, or landed in an emergency' },
};

const ZONE_LABELS: Record<ZoneLook, { label: string; title: string }> = {
  always: { label: 'Always active', title: 'A no-fly zone active all day' },
  timed: { label: 'Time-limited', title: 'Active only in its window (dashed outline); on a replay it shows whether it is active at the playback time' },
  'timed-active': { label: 'Timed, active now', title: 'Active at the playback time: solid amber, solid outline' },
  'timed-inactive': { label: 'Timed, inactive now', title: 'Not active at the playback time: faint, dashed outline' },
};

const zone = (look: ZoneLook): LegendEntry => {
  const s = ZONE_STYLES[look];
  return {
    kind: look === 'always' ? 'zone-always' : `zone-${look}`,
    label: ZONE_LABELS[look].label,
    title: ZONE_LABELS[look].title,
    symbol: { shape: 'zone', colour: s.colour, opacity: s.opacity, edge: s.edge, dashed: s.dashed },
  };
};

const visiblePhases = ORDER_PHASES.filter((p): p is Exclude<(typeof ORDER_PHASES)[number], 'hidden'> => p !== 'hidden');

export const LEGEND: LegendGroup[] = [
  {
    layer: 'depots',
    entries: [
      { kind: 'depot', label: 'Depot (store)', symbol: { shape: 'hexagon', colour: MARKER_COLORS.depot }, title: 'Where drones take off, land and charge' },
      { kind: 'pad', label: 'Pad', symbol: { shape: 'disc', colour: MARKER_COLORS.pad }, title: 'A take-off and landing pad of a depot' },
      { kind: 'flagged-depot', label: 'Flagged depot', symbol: { shape: 'hexagon', colour: MARKER_COLORS.flagged }, title: 'A check found a problem (hover it for why)' },
    ],
  },
  {
    layer: 'drops',
    entries: [
      { kind: 'drop-point', label: 'Drop point', symbol: { shape: 'pin', colour: MARKER_COLORS.order }, title: "An order's delivery place" },
      { kind: 'flagged-drop-point', label: 'Flagged drop point', symbol: { shape: 'pin', colour: MARKER_COLORS.flagged }, title: 'A check found a problem (hover it for why)' },
      ...visiblePhases.map(
        (p): LegendEntry => ({
          kind: `order-${p}`,
          label: `Order ${p}`,
          symbol: { shape: 'pin', colour: ORDER_PHASE_COLOURS[p] },
          title: `Replay of a dispatched day: ${ORDER_PHASE_MEANINGS[p]}`,
        }),
      ),
    ],
  },
  { layer: 'zones', entries: [zone('always'), zone('timed'), zone('timed-active'), zone('timed-inactive')] },
  {
    layer: 'buildings',
    entries: [{ kind: 'building', label: 'Building', symbol: { shape: 'block', colour: '#8c96a8' }, title: 'An obstacle drones fly over or around' }],
  },
  {
    layer: 'routes',
    entries: [
      { kind: 'route', label: 'Planned route', symbol: { shape: 'line', colour: '#1f77b4', rainbow: true }, title: 'One colour per drone; faded during a replay' },
      { kind: 'route-planned-deviated', label: 'Plan of a deviated trip', symbol: { shape: 'line', colour: '#1d2733', dashed: true }, title: 'A trip that left its plan: the plan' },
      { kind: 'route-flown', label: 'Flown track', symbol: { shape: 'line', colour: '#c026d3' }, title: 'A trip that left its plan: where it flew' },
    ],
  },
  {
    layer: 'drones',
    entries: [
      ...(Object.keys(STATE_CATEGORY_COLOURS) as StateCategory[]).map(
        (c): LegendEntry => ({
          kind: `drone-${c}`,
          label: DRONE_STATE_LABELS[c].label,
          symbol: { shape: c === 'ground' || c === 'charging' ? 'dart' : 'halo', colour: STATE_CATEGORY_COLOURS[c] },
          title: DRONE_STATE_LABELS[c].title,
        }),
      ),
      { kind: 'drone-selected', label: 'selected', symbol: { shape: 'ring', colour: '#ffd400' }, title: 'Click a drone to select and follow it' },
      { kind: 'parcel', label: 'parcel aboard', symbol: { shape: 'parcel', colour: '#8d5a2b' } },
      { kind: 'trail', label: 'trail (2 min)', symbol: { shape: 'line', colour: '#4a5968' }, title: 'Where each drone flew in the last two minutes' },
    ],
  },
  {
    layer: 'labels',
    entries: [
      { kind: 'label-store', label: 'Store name', symbol: { shape: 'label', colour: '#1f5fbf' } },
      { kind: 'label-selected', label: 'Selected thing', symbol: { shape: 'label', colour: '#ffe14d' } },
    ],
  },
  {
    layer: 'water',
    entries: [
      { kind: 'water', label: 'Water', symbol: { shape: 'water', colour: '#9fc8e6' }, title: 'Map context (sea, rivers, lakes); drawn only' },
      { kind: 'context-road', label: 'Main road', symbol: { shape: 'line', colour: '#e8925a' }, title: 'Map context (OpenStreetMap import); drawn only' },
      { kind: 'context-building', label: 'Low building (map context)', symbol: { shape: 'block', colour: '#c9cdd4' }, title: 'Too low to matter to the planner; drawn only' },
    ],
  },
];

/** Every legend kind, in order. */
export function legendKinds(groups: readonly LegendGroup[] = LEGEND): string[] {
  return groups.flatMap((g) => g.entries.map((e) => e.kind));
}

/** The groups in the layers' order (every layer has one). */
export function legendByLayer(): Map<LayerId, LegendGroup> {
  return new Map(LAYER_IDS.map((id) => [id, LEGEND.find((g) => g.layer === id) ?? { layer: id, entries: [] }]));
}
