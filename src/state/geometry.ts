/**
 * The mission in local metres, derived once per mission change for everything that draws it.
 */
import { useMemo } from 'react';
import { useMissionStore } from './missionStore';
import type { XY } from '../core/geo/frame';
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

export function useLocalGeometry(): LocalGeometry {
  const mission = useMissionStore((s) => s.mission);
  const frame = useMissionStore((s) => s.frame);
  return useMemo(() => {
    const depots = mission.depots.map((depot) => ({ depot, at: frame.toLocal(depot.position) }));
    const orders = mission.orders.map((order) => ({ order, at: frame.toLocal(order.position) }));
    const zones = mission.noFlyZones.map((zone) => ({ zone, ring: shapeRing(zone.shape, frame) }));
    const buildings = mission.buildings.map((building) => ({ building, ring: shapeRing(building.footprint, frame) }));
    const all = [...depots.map((d) => d.at), ...orders.map((o) => o.at), ...zones.flatMap((z) => z.ring)];
    const bounds = all.length
      ? {
          minX: Math.min(...all.map((p) => p.x)),
          minY: Math.min(...all.map((p) => p.y)),
          maxX: Math.max(...all.map((p) => p.x)),
          maxY: Math.max(...all.map((p) => p.y)),
        }
      : { minX: -1000, minY: -1000, maxX: 1000, maxY: 1000 };
    return { depots, orders, zones, buildings, bounds };
  }, [mission, frame]);
}
