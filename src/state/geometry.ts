/**
 * The mission in local metres, derived once per mission change for everything that draws it.
 * Per-item results are cached by object identity: an edit replaces only the items it touches, so
 * moving one depot does not recompute (or re-extrude) every zone and building.
 */
import { useMemo } from 'react';
import { useMissionStore } from './missionStore';
import type { MetricFrame, XY } from '../core/geo/frame';
import { shapeRing } from '../core/geo/shapes';
import type { Building, Depot, NoFlyZone, Order } from '../core/mission';

export interface LocalGeometry {
  depots: { depot: Depot; at: XY }[];
  orders: { order: Order; at: XY }[];
  zones: { zone: NoFlyZone; ring: XY[] }[];
  buildings: { building: Building; ring: XY[] }[];
  /** Bounding box of everything, metres. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

const caches = new WeakMap<MetricFrame, WeakMap<object, unknown>>();

function cached<T extends object, R>(frame: MetricFrame, item: T, compute: () => R): R {
  let cache = caches.get(frame);
  if (!cache) caches.set(frame, (cache = new WeakMap()));
  if (cache.has(item)) return cache.get(item) as R;
  const value = compute();
  cache.set(item, value);
  return value;
}

export function localGeometry(
  mission: { depots: Depot[]; orders: Order[]; noFlyZones: NoFlyZone[]; buildings: Building[] },
  frame: MetricFrame,
): LocalGeometry {
  const depots = mission.depots.map((depot) => cached(frame, depot, () => ({ depot, at: frame.toLocal(depot.position) })));
  const orders = mission.orders.map((order) => cached(frame, order, () => ({ order, at: frame.toLocal(order.position) })));
  const zones = mission.noFlyZones.map((zone) => cached(frame, zone, () => ({ zone, ring: shapeRing(zone.shape, frame) })));
  const buildings = mission.buildings.map((building) =>
    cached(frame, building, () => ({ building, ring: shapeRing(building.footprint, frame) })),
  );
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (p: XY) => {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  };
  depots.forEach((d) => grow(d.at));
  orders.forEach((o) => grow(o.at));
  zones.forEach((z) => z.ring.forEach(grow));
  const bounds = Number.isFinite(minX) ? { minX, minY, maxX, maxY } : { minX: -1000, minY: -1000, maxX: 1000, maxY: 1000 };
  return { depots, orders, zones, buildings, bounds };
}

export function useLocalGeometry(): LocalGeometry {
  const mission = useMissionStore((s) => s.mission);
  const frame = useMissionStore((s) => s.frame);
  return useMemo(() => localGeometry(mission, frame), [mission, frame]);
}
