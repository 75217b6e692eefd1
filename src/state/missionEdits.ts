/**
 * Pure edits of a mission document: each takes a mission and returns a new one, sharing every
 * untouched item (so per-item caches keyed by object identity survive an edit). Validation is not
 * done here; the store runs the loader's rules over the result before accepting it.
 */
import type { LngLat } from '../core/geo/frame';
import type { Building, Depot, Mission, NoFlyZone, Order } from '../core/mission';
import { type ItemKind, type ItemOf, type ItemRef, kindInfo } from './itemKinds';

export type { ItemKind, ItemOf, ItemRef } from './itemKinds';

/** Default height of a drawn building, metres. */
export const DEFAULT_BUILDING_HEIGHT_M = 30;

/** 1e-7 degrees is about 1 cm: enough precision, tidy files. */
export function roundLngLat(p: LngLat): [number, number] {
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(p[0]), r(p[1])];
}

export function itemsOf<K extends ItemKind>(m: Mission, kind: K): ItemOf<K>[] {
  return m[kindInfo(kind).collection] as ItemOf<K>[];
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
  const prefix = kindInfo(kind).idPrefix;
  while (taken.has(`${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
}

function withItems<K extends ItemKind>(m: Mission, kind: K, items: ItemOf<K>[]): Mission {
  return { ...m, [kindInfo(kind).collection]: items };
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
    name: `Depot ${id.slice(kindInfo('depot').idPrefix.length + 1)}`,
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
    name: name ?? `No-fly zone ${id.slice(kindInfo('zone').idPrefix.length + 1)}`,
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
 * corner by corner (moveVertex).
 */
export function moveItem(m: Mission, ref: ItemRef, at: LngLat): Mission {
  return updateItem(m, ref, (item, info) => {
    const p = roundLngLat(at);
    const anchor = info.anchor(item);
    // A move back onto the same spot is no edit (and no undo step).
    if (!anchor || (anchor[0] === p[0] && anchor[1] === p[1])) return item;
    return info.withAnchor(item, p);
  });
}

/** The outer ring (closed) of a polygon item, or undefined for points and circles. */
export function outerRing(m: Mission, ref: ItemRef): [number, number][] | undefined {
  const item = findItem(m, ref);
  return item && kindInfo(ref.kind).outerRing(item as never);
}

/** Replace `ref`'s item by what `change` makes of it; the same object back means no edit. */
function updateItem<K extends ItemKind>(
  m: Mission,
  ref: { kind: K; id: string },
  change: (item: ItemOf<K>, info: ReturnType<typeof kindInfo<K>>) => ItemOf<K>,
): Mission {
  const item = findItem(m, ref);
  if (!item) return m;
  const next = change(item, kindInfo(ref.kind));
  return next === item ? m : replaceItem(m, ref, next);
}

/** Set corner `index` of a ring (0-based, without the closing copy, which follows corner 0). */
export function setRingCorner(ring: readonly [number, number][], index: number, at: LngLat): [number, number][] {
  const next = ring.slice();
  const p = roundLngLat(at);
  next[index] = p;
  if (index === 0) next[next.length - 1] = [p[0], p[1]];
  return next;
}

/** Move one corner of a polygon zone or building footprint. */
export function moveVertex(m: Mission, ref: ItemRef, index: number, at: LngLat): Mission {
  const ring = outerRing(m, ref);
  if (!ring || index < 0 || index >= ring.length - 1) return m;
  const p = roundLngLat(at);
  if (ring[index][0] === p[0] && ring[index][1] === p[1]) return m;
  return updateItem(m, ref, (item, info) => info.withOuterRing(item, setRingCorner(ring, index, at)));
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
