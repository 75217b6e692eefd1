/**
 * The pop-up zone rule: when a zone with an activity window becomes active, every drone whose
 * remaining route crosses it flies around it (keeping its drops), or, if that is impossible, goes
 * straight to the nearest depot whose direct line is clear. A trip taking off while such a zone is
 * already active gets the same check just before it leaves (rerouteAtTakeoff).
 */
import { insideZone } from '../../zones';
import { buildAirspace, shortestHorizontalPath } from '../../../paths';
import { CRUISE, HOVER, type Phase, VERTICAL } from '../../phases';
import { requeue } from '../orders';
import { emit, placeOf, setPhases } from '../record';
import { dropExpectation } from '../clearance';
import { expectRoute } from '../schedule';
import { estimatePhases, layerFor, segmentHitsZone } from '../routes';
import type { Drone, SimRun } from '../types';
import { depotOptions, flyDirectTo } from './divert';
import { startEmergency } from './emergency';

/** Whether the rest of the drone's route crosses zone zi. */
function routeHitsZone(run: SimRun, d: Drone, zi: number): boolean {
  let px = d.x;
  let py = d.y;
  let pz = d.z;
  for (let i = d.pi; i < d.phases.length; i++) {
    const ph = d.phases[i];
    if (ph.kind === CRUISE || ph.kind === VERTICAL) {
      if (segmentHitsZone(run, px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) return true;
      px = ph.x;
      py = ph.y;
      pz = ph.z;
    }
  }
  return false;
}

/** The rest of the route with every cruise that crosses zone zi replaced by a path around it; null if impossible. */
function detourAroundZone(run: SimRun, d: Drone, zi: number, t: number): Phase[] | null {
  run.airspace ??= buildAirspace(run.mission);
  const out: Phase[] = [];
  let px = d.x;
  let py = d.y;
  let pz = d.z;
  for (let i = d.pi; i < d.phases.length; i++) {
    const ph = d.phases[i];
    // A vertical move through the zone (a drop or landing inside it) cannot be flown around.
    if (ph.kind === VERTICAL && segmentHitsZone(run, px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) return null;
    if (ph.kind === CRUISE && segmentHitsZone(run, px, py, ph.x, ph.y, Math.min(pz, ph.z), Math.max(pz, ph.z), zi)) {
      const path = shortestHorizontalPath(run.airspace, { x: px, y: py }, { x: ph.x, y: ph.y }, Math.max(pz, ph.z), { fromS: t, toS: t + 3600 });
      if (!path.ok) return null;
      for (let k = 1; k < path.points.length - 1; k++) {
        out.push({ ...ph, x: path.points[k].x, y: path.points[k].y, orderId: null, landDepotId: null, terminal: false, fullAtEnd: false });
      }
      out.push({ ...ph });
    } else {
      const copy = { ...ph };
      // A drop in progress keeps its remaining time.
      if (i === d.pi && d.begun && ph.kind === HOVER) copy.untilS = Math.max(0, d.holdEndS - t);
      out.push(copy);
    }
    if (ph.kind === CRUISE || ph.kind === VERTICAL) {
      px = ph.x;
      py = ph.y;
      pz = ph.z;
    }
  }
  return out;
}

function activeZonesAt(run: SimRun, t: number): number[] {
  return run.zones.map((_, i) => i).filter((i) => t >= run.zones[i].fromS && t < run.zones[i].toS);
}

/** Zone zi became active at t: reroute every airborne drone whose route crosses it. */
export function onZoneActive(run: SimRun, zi: number, t: number): void {
  const z = run.zones[zi];
  emit(run, { tS: t, droneId: '', kind: 'zone-active', zoneId: z.zone.id });
  const active = activeZonesAt(run, t);
  for (const d of run.drones) {
    if (d.out || d.atDepotId || d.emergency || !d.trip) continue;
    if (!routeHitsZone(run, d, zi)) continue;
    const inside = insideZone(z, d.x, d.y) && d.z >= z.floorM && d.z <= z.ceilingM;
    // First choice: keep the route and its drops, flying around the zone (path finder).
    const detour = inside ? null : detourAroundZone(run, d, zi, t);
    if (detour) flyDetour(run, d, zi, detour, t);
    else flyToClearDepot(run, d, zi, active, inside, t);
  }
}

/**
 * Just before take-off: check the trip's route against every zone with an activity window that is
 * active now (the planned legs may predate it; simulator-made trips were routed at their planned
 * start). Each crossed zone is flown around; when there is no way around, the trip is not flown: its
 * orders are re-queued (a trip without orders waits for the zone to end). True: the route changed.
 */
export function rerouteAtTakeoff(run: SimRun, d: Drone, t: number): boolean {
  let changed = false;
  for (const zi of activeZonesAt(run, t)) {
    const z = run.zones[zi];
    if (!z.zone.active || !routeHitsZone(run, d, zi)) continue;
    const inside = insideZone(z, d.x, d.y) && d.z >= z.floorM && d.z <= z.ceilingM;
    const detour = inside ? null : detourAroundZone(run, d, zi, t);
    if (!detour) {
      cancelTrip(run, d, zi, t);
      return true;
    }
    flyDetour(run, d, zi, detour, t);
    changed = true;
  }
  return changed;
}

/** No way around zone zi before take-off: the trip is dropped; its parcels go back in the queue. */
function cancelTrip(run: SimRun, d: Drone, zi: number, t: number): void {
  const z = run.zones[zi];
  const task = d.trip!.task;
  const pending = task.orderIds.filter((id) => run.orderResults.get(id)!.status === 'pending');
  const what = pending.length > 0 ? 'orders re-queued' : Number.isFinite(z.toS) ? `waiting until ${z.toS} s` : 'not flown';
  const reason = `zone ${z.zone.id} active across the planned route and no way around it: trip not flown, ${what}`;
  emit(run, { tS: t, droneId: d.id, kind: 'reroute', zoneId: z.zone.id, tripId: task.tripId, reason, place: placeOf(run, d) });
  d.trip = null;
  dropExpectation(run, task.tripId);
  if (pending.length > 0) requeue(run, pending, task.fromDepotId, reason, t, d);
  else if (Number.isFinite(z.toS)) d.queue.unshift({ ...task, earliestS: Math.max(task.earliestS, z.toS) });
  setPhases(run, d, [], t);
}

/** Keep the route, now going around zone zi; the trip's forecast total grows by the detour. */
function flyDetour(run: SimRun, d: Drone, zi: number, detour: Phase[], t: number): void {
  const zoneId = run.zones[zi].zone.id;
  const trip = d.trip!;
  emit(run, { tS: t, droneId: d.id, kind: 'reroute', zoneId, tripId: trip.task.tripId, reason: `zone ${zoneId} became active across the route: flying around it`, place: placeOf(run, d) });
  trip.planTotalWh = trip.planDoneWh + estimatePhases(run, d, detour, d.x, d.y, d.z);
  expectRoute(run, d, detour, t);
  setPhases(run, d, detour, t);
}

/**
 * No way around: straight to the nearest depot whose direct line is clear of every active zone
 * (leaving the zone if inside); parcels aboard are re-queued there when it lands.
 */
function flyToClearDepot(run: SimRun, d: Drone, zi: number, active: readonly number[], inside: boolean, t: number): void {
  const zoneId = run.zones[zi].zone.id;
  const alt = Math.max(layerFor(run, d), Math.min(d.z, 150));
  const clear = (id: string) => {
    const dep = run.depots.get(id)!;
    // Leaving the zone the drone is inside cannot avoid crossing it.
    return active.every((i) => (inside && i === zi) || !segmentHitsZone(run, d.x, d.y, dep.x, dep.y, Math.min(d.z, alt), alt, i));
  };
  const optionsList = depotOptions(run, d, t);
  const pick = optionsList.find((o) => o.wh < d.energyWh && clear(o.id)) ?? optionsList.find((o) => o.wh < d.energyWh) ?? optionsList[0];
  if (!pick) {
    startEmergency(run, d, t, `zone ${zoneId} became active and no depot is open`);
    return;
  }
  const kind = pick.id === d.trip!.task.toDepotId ? 'return' : 'diverted';
  const clearNote = clear(pick.id) ? '' : ' (no clear direct line; crossing the zone)';
  emit(run, {
    tS: t,
    droneId: d.id,
    kind: 'reroute',
    zoneId,
    depotId: pick.id,
    reason: `zone ${zoneId} became active across the route: direct to depot ${pick.id}${inside ? ', leaving the zone' : ''}${clearNote}`,
    place: placeOf(run, d),
  });
  flyDirectTo(run, d, pick.id, t, kind);
}
