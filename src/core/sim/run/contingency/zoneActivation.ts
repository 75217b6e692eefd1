/**
 * The pop-up zone rule: when a zone with an activity window becomes active, every drone whose
 * remaining route crosses it flies around it (keeping its drops), or, if that is impossible, goes
 * straight to the nearest depot whose direct line is clear. A trip taking off while such a zone is
 * already active gets the same check just before it leaves (rerouteAtTakeoff).
 *
 * Zone floors and ceilings are metres above the ground under the drone, while phase heights are
 * above the mission datum: over terrain each piece of route is compared by the heights above the
 * ground it spans (aglBand). Without terrain the ground is 0 and the datum heights are used as they are.
 */
import { insideZone } from '../../zones';
import { buildAirspace, shortestHorizontalPath } from '../../../paths';
import { type TerrainModel, missionTerrain } from '../../../terrain/model';
import { cruiseProfile } from '../../../terrain/profile';
import { CRUISE, HOVER, type Phase, VERTICAL } from '../../phases';
import { requeue } from '../orders';
import { emit, placeOf, setPhases } from '../record';
import { dropExpectation } from '../clearance';
import { expectRoute } from '../schedule';
import { estimatePhases, layerFor, segmentHitsZone } from '../routes';
import type { Drone, SimRun } from '../types';
import { depotOptions, flyDirectTo } from './divert';
import { startEmergency } from './emergency';

/**
 * The heights above the ground that the straight piece (ax, ay, az) -> (bx, by, bz) spans, az and bz
 * above the datum: exactly min..max of the two without terrain; over terrain a safe bound, the lower
 * end over the highest ground along the piece up to the higher end over the lowest.
 */
function aglBand(terrain: TerrainModel | null, ax: number, ay: number, az: number, bx: number, by: number, bz: number): [number, number] {
  const lo = Math.min(az, bz);
  const hi = Math.max(az, bz);
  if (!terrain) return [lo, hi];
  const r = terrain.rangeAlong({ x: ax, y: ay }, { x: bx, y: by });
  return [lo - r.maxM, hi - r.minM];
}

/** Whether the piece (datum heights az -> bz) enters zone zi, by heights above the ground. */
function pieceHitsZone(run: SimRun, ax: number, ay: number, az: number, bx: number, by: number, bz: number, zi: number): boolean {
  const [lo, hi] = aglBand(missionTerrain(run.mission), ax, ay, az, bx, by, bz);
  return segmentHitsZone(run, ax, ay, bx, by, lo, hi, zi);
}

/**
 * Over terrain, the height above the ground at which to find the way around zone zi: the path finder
 * takes one height, while the piece spans a band of them; the middle of the part of that band inside
 * the zone's makes zone zi (and whatever else stands at that height) an obstacle.
 */
function bandHeight(run: SimRun, zi: number, terrain: TerrainModel, px: number, py: number, pz: number, ph: Phase): number {
  const z = run.zones[zi];
  const [lo, hi] = aglBand(terrain, px, py, pz, ph.x, ph.y, ph.z);
  const a = Math.max(lo, z.floorM);
  const b = Math.min(hi, z.ceilingM);
  return Math.min(500, Math.max(0, (a + b) / 2));
}

/** Whether the drone is inside zone zi now: in its outline, between its floor and ceiling above the ground here. */
function insideNow(run: SimRun, d: Drone, zi: number): boolean {
  const z = run.zones[zi];
  const terrain = missionTerrain(run.mission);
  const agl = terrain ? d.z - terrain.groundZ(d.x, d.y) : d.z;
  return insideZone(z, d.x, d.y) && agl >= z.floorM && agl <= z.ceilingM;
}

/** Whether the rest of the drone's route crosses zone zi. */
function routeHitsZone(run: SimRun, d: Drone, zi: number): boolean {
  let px = d.x;
  let py = d.y;
  let pz = d.z;
  for (let i = d.phaseIndex; i < d.phases.length; i++) {
    const ph = d.phases[i];
    if (ph.kind === CRUISE || ph.kind === VERTICAL) {
      if (pieceHitsZone(run, px, py, pz, ph.x, ph.y, ph.z, zi)) return true;
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
  const terrain = missionTerrain(run.mission);
  const out: Phase[] = [];
  let px = d.x;
  let py = d.y;
  let pz = d.z;
  for (let i = d.phaseIndex; i < d.phases.length; i++) {
    const ph = d.phases[i];
    // A vertical move through the zone (a drop or landing inside it) cannot be flown around.
    if (ph.kind === VERTICAL && pieceHitsZone(run, px, py, pz, ph.x, ph.y, ph.z, zi)) return null;
    if (ph.kind === CRUISE && pieceHitsZone(run, px, py, pz, ph.x, ph.y, ph.z, zi)) {
      const topZ = Math.max(pz, ph.z);
      const path = shortestHorizontalPath(run.airspace, { x: px, y: py }, { x: ph.x, y: ph.y }, terrain ? bandHeight(run, zi, terrain, px, py, pz, ph) : topZ, {
        fromS: t,
        toS: t + 3600,
      });
      if (!path.ok) return null;
      if (terrain) {
        // Its clearance: the piece's height over the highest ground along it (at least that everywhere on it).
        const clearM = Math.max(0, topZ - terrain.rangeAlong({ x: px, y: py }, { x: ph.x, y: ph.y }).maxM);
        // The way around may cross other ground: it keeps the same clearance (the planner's profile rule).
        const profile = cruiseProfile(terrain, path.points, clearM, topZ).points;
        for (let k = 1; k < profile.length - 1; k++) {
          out.push({ ...ph, x: profile[k].x, y: profile[k].y, z: profile[k].z, orderId: null, landDepotId: null, terminal: false, fullAtEnd: false });
        }
        // Only ever raised: the next piece then starts higher, which keeps it clear too.
        out.push({ ...ph, z: Math.max(ph.z, profile[profile.length - 1].z) });
      } else {
        for (let k = 1; k < path.points.length - 1; k++) {
          out.push({ ...ph, x: path.points[k].x, y: path.points[k].y, orderId: null, landDepotId: null, terminal: false, fullAtEnd: false });
        }
        out.push({ ...ph });
      }
    } else {
      const copy = { ...ph };
      // A drop in progress keeps its remaining time.
      if (i === d.phaseIndex && d.phaseBegun && ph.kind === HOVER) copy.untilS = Math.max(0, d.holdEndS - t);
      out.push(copy);
    }
    if (ph.kind === CRUISE || ph.kind === VERTICAL) {
      px = ph.x;
      py = ph.y;
      pz = out[out.length - 1].z;
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
    if (d.outOfService || d.atDepotId || d.emergency || !d.trip) continue;
    if (!routeHitsZone(run, d, zi)) continue;
    const inside = insideNow(run, d, zi);
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
    const inside = insideNow(run, d, zi);
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
  // Heights above the ground, as flyDirectTo's route flies them (directPhases: the layer over the ground).
  const terrain = missionTerrain(run.mission);
  const agl = terrain ? d.z - terrain.groundZ(d.x, d.y) : d.z;
  const alt = Math.max(layerFor(run, d), Math.min(agl, 150));
  const clear = (id: string) => {
    const dep = run.depots.get(id)!;
    // Leaving the zone the drone is inside cannot avoid crossing it.
    return active.every((i) => (inside && i === zi) || !segmentHitsZone(run, d.x, d.y, dep.x, dep.y, Math.min(agl, alt), alt, i));
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
