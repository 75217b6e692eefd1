/**
 * One record per kind of thing a user places: what it is called, where it lives in the document,
 * how its ids are made, and how it moves (a point, a circle's centre, or the corners of a ring).
 * Adding a kind of thing starts here; the edits (missionEdits.ts), the lists and labels read it.
 * Its inspector fields (src/ui/inspectorFields.ts) and its drawing and hit-testing (src/scene) stay with
 * the UI and the scene: state must not import them (dependencies point inward).
 */
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

type Ring = [number, number][];

export interface ItemKindInfo<K extends ItemKind> {
  /** Shown to users: "Depot", "Drop point", ... (lists add an "s"). */
  label: string;
  /** Generated ids are `<idPrefix>-<n>`. */
  idPrefix: string;
  collection: keyof Mission;
  /** A thing's line in the list of things (after its id). */
  listText(item: ItemOf<K>): string;
  /** The one position a drag moves, if the thing has one (a point, a circle's centre). */
  anchor(item: ItemOf<K>): [number, number] | undefined;
  withAnchor(item: ItemOf<K>, at: [number, number]): ItemOf<K>;
  /** The outer ring (closed) whose corners can be dragged, if the thing is a polygon. */
  outerRing(item: ItemOf<K>): Ring | undefined;
  withOuterRing(item: ItemOf<K>, ring: Ring): ItemOf<K>;
}

const noRing = { outerRing: () => undefined, withOuterRing: <T>(item: T) => item };

const depot: ItemKindInfo<'depot'> = {
  label: 'Depot',
  idPrefix: 'depot',
  collection: 'depots',
  listText: (d) => d.name,
  anchor: (d) => d.position,
  withAnchor: (d, position) => ({ ...d, position }),
  ...noRing,
};

const order: ItemKindInfo<'order'> = {
  label: 'Drop point',
  idPrefix: 'order',
  collection: 'orders',
  listText: (o) => `${o.parcelKg} kg`,
  anchor: (o) => o.position,
  withAnchor: (o, position) => ({ ...o, position }),
  ...noRing,
};

const zone: ItemKindInfo<'zone'> = {
  label: 'No-fly zone',
  idPrefix: 'nfz',
  collection: 'noFlyZones',
  listText: (z) => z.name,
  // A circle moves by its centre; a polygon by its corners.
  anchor: (z) => (z.shape.type === 'Circle' ? z.shape.center : undefined),
  withAnchor: (z, center) => (z.shape.type === 'Circle' ? { ...z, shape: { ...z.shape, center } } : z),
  outerRing: (z) => (z.shape.type === 'Polygon' ? z.shape.coordinates[0] : undefined),
  withOuterRing: (z, ring) =>
    z.shape.type === 'Polygon' ? { ...z, shape: { ...z.shape, coordinates: [ring, ...z.shape.coordinates.slice(1)] } } : z,
};

const building: ItemKindInfo<'building'> = {
  label: 'Building',
  idPrefix: 'bldg',
  collection: 'buildings',
  listText: (b) => b.name ?? '',
  anchor: () => undefined,
  withAnchor: (b) => b,
  outerRing: (b) => b.footprint.coordinates[0],
  withOuterRing: (b, ring) => ({ ...b, footprint: { ...b.footprint, coordinates: [ring, ...b.footprint.coordinates.slice(1)] } }),
};

export const ITEM_KINDS: { [K in ItemKind]: ItemKindInfo<K> } = { depot, order, zone, building };

/** The kinds in the order lists show them. */
export const ITEM_KIND_ORDER: readonly ItemKind[] = ['depot', 'order', 'zone', 'building'];

export function kindLabel(kind: ItemKind): string {
  return ITEM_KINDS[kind].label;
}

/** The record of `ref`'s kind, typed for that kind (TypeScript cannot narrow an indexed union itself). */
export function kindInfo<K extends ItemKind>(kind: K): ItemKindInfo<K> {
  return ITEM_KINDS[kind] as ItemKindInfo<K>;
}
