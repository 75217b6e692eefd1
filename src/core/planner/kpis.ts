/** Plan KPIs, computed from the plan's own trips and order outcomes (so they always agree with them). */
import type { Mission } from '../mission/schema';
import type { Plan, PlanKpis } from './plan';

export function planKpis(mission: Mission, drones: Plan['drones'], orders: Plan['orders'], conflicts: number): PlanKpis {
  const priority = new Map(mission.orders.map((o) => [o.id, o.priority]));
  const assigned = orders.filter((o) => o.status === 'assigned');
  const late = assigned.filter((o) => o.lateS > 0);
  const trips = drones.flatMap((d) => d.trips);
  const energyWh = trips.reduce((s, t) => s + t.energyWh, 0);
  // Horizontal distance: consecutive waypoints of every leg.
  let distanceM = 0;
  for (const t of trips)
    for (const leg of t.legs)
      for (let i = 1; i < leg.waypoints.length; i++) {
        const a = leg.waypoints[i - 1];
        const b = leg.waypoints[i];
        distanceM += haversineM(a[0], a[1], b[0], b[1]);
      }
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    ordersTotal: mission.orders.length,
    assigned: assigned.length,
    unassigned: orders.length - assigned.length,
    onTime: assigned.length - late.length,
    late: late.length,
    lateMinutesTotal: r2(late.reduce((s, o) => s + o.lateS, 0) / 60),
    servedPriority: assigned.reduce((s, o) => s + (priority.get(o.orderId) ?? 1), 0),
    totalPriority: mission.orders.reduce((s, o) => s + o.priority, 0),
    energyWh: r2(energyWh),
    energyPerDeliveryWh: assigned.length ? r2(energyWh / assigned.length) : 0,
    distanceKm: Math.round(distanceM) / 1000,
    dronesUsed: drones.filter((d) => d.trips.length > 0).length,
    trips: trips.length,
    conflicts,
    lateMaxMinutes: r2(late.reduce((m, o) => Math.max(m, o.lateS), 0) / 60),
  };
}

function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
