/** Which fields the inspector shows for each kind of thing, as paths into the item. */
import type { Depot, Mission, NoFlyZone, Pads } from '../core/mission';
import { dropMethodSchema } from '../core/mission';
import { DEFAULT_PAD_SPACING_M, DEFAULT_PAD_TURNAROUND_S } from '../core/terminal/pads';
import { type ItemKind, getIn, setIn, setRingCorner } from '../state/missionEdits';
import { dronesAtDepot } from '../state/padInstances';
import type { FieldType } from './fields';

export interface FieldDef {
  label: string;
  type: FieldType;
  path: (string | number)[];
  options?: readonly string[];
  unit?: string;
  /** Custom write (e.g. a ring's first corner also moves its closing copy); default: setIn(path). */
  set?: (item: unknown, value: unknown) => unknown;
  /** Custom read (e.g. the default a field stands for when the document leaves it out); default: getIn(path). */
  get?: (item: unknown) => unknown;
  /** Shown, never edited. */
  readOnly?: boolean;
  /** Shown in an empty box. */
  placeholder?: string;
}

function position(prefix: (string | number)[] = ['position']): FieldDef[] {
  return [
    { label: 'Longitude', type: 'number', path: [...prefix, 0], unit: '°' },
    { label: 'Latitude', type: 'number', path: [...prefix, 1], unit: '°' },
  ];
}

function window(prefix: string, label: string): FieldDef[] {
  return [
    { label: `${label} from`, type: 'time', path: [prefix, 'earliest'], unit: 's or ISO' },
    { label: `${label} until`, type: 'time', path: [prefix, 'latest'], unit: 's or ISO' },
  ];
}

/** One pair of fields per corner of a closed ring at `ringPath`. */
function corners(item: unknown, ringPath: (string | number)[]): FieldDef[] {
  const ring = getIn(item, ringPath) as [number, number][] | undefined;
  if (!ring) return [];
  return ring.slice(0, -1).flatMap((_, i) =>
    ([0, 1] as const).map(
      (axis): FieldDef => ({
        label: `Corner ${i + 1} ${axis === 0 ? 'lng' : 'lat'}`,
        type: 'number',
        path: [...ringPath, i, axis],
        set: (it, value) => {
          const current = getIn(it, ringPath) as [number, number][];
          const p: [number, number] = axis === 0 ? [value as number, current[i][1]] : [current[i][0], value as number];
          return setIn(it, ringPath, setRingCorner(current, i, p));
        },
      }),
    ),
  );
}

/**
 * A depot's launch and landing pads. Laid out on a ring: a count (empty: one pad per drone, the
 * default, and then no `pads` in the document), the spacing and the turnaround; spacing and turnaround
 * show their defaults when `pads` is absent, and editing one writes a full `pads` with the current
 * pad count. Explicit `positions` are shown as a count, read-only and never rewritten; only their
 * turnaround is edited.
 */
function padFields(d: Depot): FieldDef[] {
  const turnaround: FieldDef = { label: 'Pad turnaround', type: 'number', path: ['pads', 'turnaroundS'], unit: 's' };
  const pads = d.pads;
  if (pads && 'positions' in pads) {
    return [
      {
        label: 'Pads',
        type: 'text',
        path: ['pads', 'positions'],
        readOnly: true,
        get: () => `${pads.positions.length} explicit pad${pads.positions.length === 1 ? '' : 's'}`,
      },
      { ...turnaround, get: () => pads.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S },
    ];
  }
  /** The ring layout of a depot as a full `pads` object, defaults filled in, with one field changed. */
  const ring = (it: unknown, change: Partial<Extract<Pads, { count: number }>>) => {
    const depot = it as Depot;
    const current = depot.pads && 'count' in depot.pads ? depot.pads : undefined;
    return setIn(it, ['pads'], {
      count: current?.count ?? Math.max(1, dronesAtDepot(depot)),
      spacingM: current?.spacingM ?? DEFAULT_PAD_SPACING_M,
      turnaroundS: current?.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S,
      ...change,
    });
  };
  return [
    {
      label: 'Pads',
      type: 'optional-number',
      path: ['pads', 'count'],
      unit: 'empty: one per drone',
      placeholder: `${Math.max(1, dronesAtDepot(d))} (one per drone)`,
      set: (it, value) => (value === undefined ? setIn(it, ['pads'], undefined) : ring(it, { count: value as number })),
    },
    {
      label: 'Pad spacing',
      type: 'number',
      path: ['pads', 'spacingM'],
      unit: 'm',
      get: () => pads?.spacingM ?? DEFAULT_PAD_SPACING_M,
      set: (it, value) => ring(it, { spacingM: value as number }),
    },
    { ...turnaround, get: () => pads?.turnaroundS ?? DEFAULT_PAD_TURNAROUND_S, set: (it, value) => ring(it, { turnaroundS: value as number }) },
  ];
}

export function fieldsFor(kind: ItemKind, item: unknown, mission: Mission): FieldDef[] {
  switch (kind) {
    case 'depot': {
      const d = item as Depot;
      const charging: FieldDef[] =
        d.charging.kind === 'charger'
          ? [{ label: 'Charger power', type: 'number', path: ['charging', 'powerW'], unit: 'W' }]
          : [{ label: 'Battery swap time', type: 'number', path: ['charging', 'swapS'], unit: 's' }];
      return [
        { label: 'Id', type: 'text', path: ['id'] },
        { label: 'Name', type: 'text', path: ['name'] },
        ...position(),
        {
          label: 'Charging',
          type: 'enum',
          path: ['charging', 'kind'],
          options: ['swap', 'charger'],
          set: (it, value) =>
            setIn(it, ['charging'], value === 'charger' ? { kind: 'charger', powerW: 1000 } : { kind: 'swap', swapS: 180 }),
        },
        ...charging,
        ...d.fleet.flatMap((_, i): FieldDef[] => [
          { label: `Fleet ${i + 1} model`, type: 'enum', path: ['fleet', i, 'modelId'], options: mission.droneModels.map((m) => m.id) },
          { label: `Fleet ${i + 1} count`, type: 'number', path: ['fleet', i, 'count'] },
        ]),
        ...(d.open ? window('open', 'Open') : []),
        ...padFields(d),
      ];
    }
    case 'order': {
      return [
        { label: 'Id', type: 'text', path: ['id'] },
        ...position(),
        { label: 'Parcel mass', type: 'number', path: ['parcelKg'], unit: 'kg' },
        ...window('window', 'Deliver'),
        { label: 'Priority', type: 'number', path: ['priority'], unit: '1–10' },
        { label: 'Drop method', type: 'enum', path: ['drop'], options: dropMethodSchema.options },
        { label: 'Ready at', type: 'optional-time', path: ['readyAt'], unit: 's or ISO' },
      ];
    }
    case 'zone': {
      const z = item as NoFlyZone;
      const shape: FieldDef[] =
        z.shape.type === 'Circle'
          ? [...position(['shape', 'center']), { label: 'Radius', type: 'number', path: ['shape', 'radiusM'], unit: 'm' }]
          : corners(item, ['shape', 'coordinates', 0]);
      return [
        { label: 'Id', type: 'text', path: ['id'] },
        { label: 'Name', type: 'text', path: ['name'] },
        { label: 'Floor', type: 'optional-number', path: ['floorM'], unit: 'm above ground' },
        { label: 'Ceiling', type: 'optional-number', path: ['ceilingM'], unit: 'm (empty: none)' },
        ...(z.active ? window('active', 'Active') : []),
        ...shape,
      ];
    }
    case 'building': {
      return [
        { label: 'Id', type: 'text', path: ['id'] },
        { label: 'Name', type: 'optional-text', path: ['name'] },
        { label: 'Height', type: 'number', path: ['heightM'], unit: 'm' },
        ...corners(item, ['footprint', 'coordinates', 0]),
      ];
    }
  }
}

/** Mission-wide fields shown when nothing is selected. */
export const MISSION_FIELDS: FieldDef[] = [
  { label: 'Mission name', type: 'text', path: ['name'] },
  { label: 'Description', type: 'optional-text', path: ['description'] },
  { label: 'Start time', type: 'text', path: ['startTime'], unit: 'ISO with offset' },
  { label: 'Planning horizon', type: 'number', path: ['horizonS'], unit: 's' },
  { label: 'Wind speed', type: 'number', path: ['wind', 'speedMps'], unit: 'm/s' },
  { label: 'Wind from', type: 'number', path: ['wind', 'fromDeg'], unit: '°' },
  { label: 'Gusts', type: 'number', path: ['wind', 'gustMps'], unit: 'm/s' },
];
