/**
 * Pure edits of a mission document: each takes a mission and returns a new one, sharing every
 * untouched item (so per-item caches keyed by object identity survive an edit). Validation is not
 * done here; the store runs the loader's rules over the result before accepting it.
 */
import type { LngLat } from '../core/geo/frame';
import type { Building, Depot, Mission, NoFlyZone, Order } from '../core/mission';

export type ItemKind = 'depot' | 'order' | 'zone' | 'building';

/** Points at one thing in the mission. */
export interface ItemRef {
  kind: ItemKind;
  id: string;
}

export type ItemOf<K extends ItemKind> = K extends 'depot'
  ? Depot
  : K extends 'order'
    ? Order
    : K extends 'zone'
      ? NoFlyZone
      : Building;

export const COLLECTION = {
  depot: 'depots',
  order: 'orders',
  zone: 'noFlyZones',
  building: 'buildings',
} as const satisfies Record<ItemKind, keyof Mission>;

/** Kind of thing -> the prefix of generated ids and the name shown to users. */
const ID_PREFIX: Record<ItemKind, string> = { depot: 'depot', order: 'order', zone: 'nfz', building: 'bldg' };
export const KIND_LABEL: Record<ItemKind, string> = {
  depot: 'Depot',
  order: 'Drop point',
  zone: 'No-fly zone',
  building: 'Building',
};

/** Default height of a drawn building, metres. */
export const DEFAULT_BUILDING_HEIGHT_M = 30;

/** 1e-7 degrees is about 1 cm: enough precision, tidy files. */
export function roundLngLat(p: LngLat): [number, number] {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(p[0]), r(p[1])];
}

export function itemsOf<K extends ItemKind>(m: Mission, kind: K): ItemOf<K>[] {
  return m[COLLECTION[kind]] as ItemOf<K>[];
}

export function findItem<K extends ItemKind>(m: Mission, ref: { kind: K; id: string }): ItemOf<K> | undefined {
  return itemsOf(m, ref.kind).find((it) => it.id === ref.id);
}

export function indexOfItem(m: Mission, ref: ItemRef): number {
  return itemsOf(m, ref.kind).findIndex((it) => it.id === ref.id);
}

/**
 * A fresh id `<prefix>-<n>`: n starts after the item count and climbs until it is free, so ids are
 * unique within the collection and stable for the same document (no randomness, no clock).
 */
export function uniqueId(m: Mission, kind: ItemKind): string {
  const taken = new Set<string>(itemsOf(m, kind).map((it) => it.id));
  let n = itemsOf(m, kind).length + 1;
  while (taken.has(`${ID_PREFIX[kind]}-${n}`)) n++;
  return `${ID_PREFIX[kind]}-${n}`;
}

function withItems<K extends ItemKind>(m: Mission, kind: K, items: ItemOf<K>[]): Mission {
  return { ...m, [COLLECTION[kind]]: items };
}

function append<K extends ItemKind>(m: Mission, kind: K, item: ItemOf<K>): Mission {
  return withItems(m, kind, [...itemsOf(m, kind), item]);
}

export interface Added {
  mission: Mission;
  ref: ItemRef;
}

export function addDepot(m: Mission, at: LngLat): Added {
  const id = uniqueId(m, 'depot');
  const model = m.droneModels[0];
  const depot: Depot = {
    id,
    name: `Depot ${id.slice(ID_PREFIX.depot.length + 1)}`,
    position: roundLngLat(at),
    fleet: model ? [{ modelId: model.id, count: 2 }] : [],
    charging: { kind: 'swap', swapS: 180 },
  };
  return { mission: append(m, 'depot', depot), ref: { kind: 'depot', id } };
}

export function addOrder(m: Mission, at: LngLat): Added {
  const id = uniqueId(m, 'order');
  // A promise window over the whole planning day: the user narrows it in the inspector.
  const order: Order = {
    id,
    position: roundLngLat(at),
    parcelKg: 1,
    window: { earliest: 0, latest: m.horizonS },
    priority: 1,
    drop: 'winch',
  };
  return { mission: append(m, 'order', order), ref: { kind: 'order', id } };
}

/** A closed GeoJSON ring from corners given without the closing copy. */
export function closeRing(corners: readonly LngLat[]): [number, number][] {
  const ring = corners.map(roundLngLat);
  return ring.length ? [...ring, [ring[0][0], ring[0][1]]] : ring;
}

export function addNoFlyZone(m: Mission, corners: readonly LngLat[], name?: string): Added {
  const id = uniqueId(m, 'zone');
  const zone: NoFlyZone = {
    id,
    name: name ?? `No-fly zone ${id.slice(ID_PREFIX.zone.length + 1)}`,
    shape: { type: 'Polygon', coordinates: [closeRing(corners)] },
  };
  return { mission: append(m, 'zone', zone), ref: { kind: 'zone', id } };
}

export function addBuilding(m: Mission, corners: readonly LngLat[], heightM = DEFAULT_BUILDING_HEIGHT_M, name?: string): Added {
  const id = uniqueId(m, 'building');
  const building: Building = {
    id,
    ...(name ? { name } : {}),
    footprint: { type: 'Polygon', coordinates: [closeRing(corners)] },
    heightM,
  };
  return { mission: append(m, 'building', building), ref: { kind: 'building', id } };
}

/** Replace one item (the inspector's edit); the id may change. Unknown refs leave the mission as is. */
export function replaceItem<K extends ItemKind>(m: Mission, ref: { kind: K; id: string }, item: ItemOf<K>): Mission {
  const items = itemsOf(m, ref.kind);
  const i = items.findIndex((it) => it.id === ref.id);
  if (i < 0) return m;
  const next = items.slice();
  next[i] = item;
  return withItems(m, ref.kind, next);
}

export function deleteItem(m: Mission, ref: ItemRef): Mission {
  const items = itemsOf(m, ref.kind);
  const next = items.filter((it) => it.id !== ref.id);
  return next.length === items.length ? m : withItems(m, ref.kind, next);
}

/**
 * Move a point-like thing: a depot or drop point, or the centre of a circular zone. Polygons move
 * vertex by vertex (moveVertex).
 */
export function moveItem(m: Mission, ref: ItemRef, at: LngLat): Mission {
  const p = roundLngLat(at);
  if (ref.kind === 'depot' || ref.kind === 'order') {
    const item = findItem(m, { kind: ref.kind, id: ref.id });
    // A move back onto the same spot is no edit (and no undo step).
    if (!item || (item.position[0] === p[0] && item.position[1] === p[1])) return m;
    return replaceItem(m, ref, { ...item, position: p });
  }
  if (ref.kind === 'zone') {
    const zone = findItem(m, { kind: 'zone', id: ref.id });
    if (zone?.shape.type !== 'Circle') return m;
    return replaceItem(m, { kind: 'zone', id: ref.id }, { ...zone, shape: { ...zone.shape, center: p } });
  }
  return m;
}

/** The outer ring (closed) of a polygon item, or undefined for points and circles. */
export function outerRing(m: Mission, ref: ItemRef): [number, number][] | undefined {
  if (ref.kind === 'zone') {
    const z = findItem(m, { kind: 'zone', id: ref.id });
    return z?.shape.type === 'Polygon' ? z.shape.coordinates[0] : undefined;
  }
  if (ref.kind === 'building') return findItem(m, { kind: 'building', id: ref.id })?.footprint.coordinates[0];
  return undefined;
}

/** Set corner `index` of a ring (0-based, without the closing copy, which follows corner 0). */
export function setRingCorner(ring: readonly [number, number][], index: number, at: LngLat): [number, number][] {
  const next = ring.slice();
  const p = roundLngLat(at);
  next[index] = p;
  if (index === 0) next[next.length - 1] = [p[0], p[1]];
  return next;
}

function withOuterRing(m: Mission, ref: ItemRef, ring: [number, number][]): Mission {
  if (ref.kind === 'zone') {
    const z = findItem(m, { kind: 'zone', id: ref.id });
    if (z?.shape.type !== 'Polygon') return m;
    const coordinates = [ring, ...z.shape.coordinates.slice(1)];
    return replaceItem(m, { kind: 'zone', id: ref.id }, { ...z, shape: { ...z.shape, coordinates } });
  }
  if (ref.kind === 'building') {
    const b = findItem(m, { kind: 'building', id: ref.id });
    if (!b) return m;
    const coordinates = [ring, ...b.footprint.coordinates.slice(1)];
    return replaceItem(m, { kind: 'building', id: ref.id }, { ...b, footprint: { ...b.footprint, coordinates } });
  }
  return m;
}

/** Move one corner of a polygon zone or building footprint. */
export function moveVertex(m: Mission, ref: ItemRef, index: number, at: LngLat): Mission {
  const ring = outerRing(m, ref);
  if (!ring || index < 0 || index >= ring.length - 1) return m;
  const p = roundLngLat(at);
  if (ring[index][0] === p[0] && ring[index][1] === p[1]) return m;
  return withOuterRing(m, ref, setRingCorner(ring, index, at));
}

/**
 * Immutable set at a path inside a plain JSON value; `undefined` removes an object key (optional
 * fields). Arrays and objects along the path are copied, everything else is shared.
 */
export function setIn<T>(value: T, path: readonly (string | number)[], leaf: unknown): T {
  if (path.length === 0) return leaf as T;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const next = value.slice();
    next[head as number] = setIn(value[head as number], rest, leaf);
    return next as T;
  }
  const obj = (value ?? {}) as Record<string, unknown>;
  const child = setIn(obj[head as string], rest, leaf);
  const next = { ...obj };
  if (child === undefined) delete next[head as string];
  else next[head as string] = child;
  return next as T;
}

export function getIn(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** A blank document that keeps the frame, clock, drone models and settings of `from`. */
export function blankMission(from: Mission): Mission {
  return {
    schemaVersion: from.schemaVersion,
    name: 'Untitled mission',
    startTime: from.startTime,
    horizonS: from.horizonS,
    origin: from.origin,
    droneModels: from.droneModels,
    depots: [],
    orders: [],
    noFlyZones: [],
    buildings: [],
    wind: from.wind,
    settings: from.settings,
  };
}
