/**
 * Building routes: the phase lists a drone flies. Planned trips follow the plan's waypoints;
 * simulator-made trips (re-queued orders, ferries, contingencies) fly direct at the drone's cruise
 * layer, going around zones with the path finder. estimatePhases attaches the forecast energy the
 * reserve prediction needs.
 */
import type { XY } from '../../geo/frame';
import type { Trip } from '../../planner/plan';
import { buildAirspace, shortestHorizontalPath } from '../../paths';
import { CRUISE, DROP_ALT_M, DROP_S, HOVER, type Phase, VERTICAL, WAIT, mkPhase, pushVertical } from '../phases';
import { S } from '../states';
import { segmentEntersZone } from '../zones';
import { forecastCost } from './costs';
import type { Drone, SimRun, Task } from './types';
import { nearestPad, padId } from '../../terminal/pads';
import { NO_COLUMN } from '../../separation/rule';
import type { TrajectoryPoint } from '../../separation/trajectory';
import { groundZAt, missionTerrain } from '../../terrain/model';
import { cruiseProfile } from '../../terrain/profile';

/** Forecast-wind energy of each phase, from the position the previous one ends at; returns the total. */
export function estimatePhases(run: SimRun, d: Drone, phases: Phase[], fromX: number, fromY: number, fromZ: number): number {
  let px = fromX;
  let py = fromY;
  let pz = fromZ;
  for (const ph of phases) {
    const c = forecastCost(run, d, ph.payloadKg);
    if (ph.kind === VERTICAL) ph.planWh = c.vertical(ph.z - pz).energyWh;
    else if (ph.kind === CRUISE) {
      const r = c.cruise({ x: px, y: py }, { x: ph.x, y: ph.y }, (pz + ph.z) / 2);
      ph.planWh = (r.ok ? r.energyWh : Infinity) + (Math.abs(ph.z - pz) > 0.01 ? c.vertical(ph.z - pz).energyWh : 0);
    } else if (ph.kind === HOVER) ph.planWh = c.hover(ph.untilS).energyWh;
    if (ph.kind === VERTICAL || ph.kind === CRUISE) {
      px = ph.x;
      py = ph.y;
      pz = ph.z;
    }
  }
  let after = 0;
  for (let i = phases.length - 1; i >= 0; i--) {
    phases[i].planAfterWh = after;
    after += phases[i].planWh;
  }
  return after;
}

/**
 * Phases of a planned trip, leg by leg, from its waypoints. Each phase keeps the plan's time for
 * reaching its target (planEndS), so the drone can fly the schedule; the vertical moves over the
 * trip's pad are marked as that pad's column; a waypoint repeated later at the same place is a hold,
 * except the last of a leg to an order, which is the drop.
 */
export function planTripPhases(run: SimRun, d: Drone, trip: Trip, column: number): Phase[] {
  const out: Phase[] = [];
  let cx = d.x;
  let cy = d.y;
  let cz = d.z;
  const padX = d.x;
  const padY = d.y;
  const overPad = (x: number, y: number) => Math.hypot(x - padX, y - padY) < 0.5;
  trip.legs.forEach((leg, k) => {
    const toOrder = leg.to.kind === 'order';
    const fromOrder = leg.from.kind === 'order';
    const up = fromOrder ? S['climb-out'] : S.climb;
    const down = toOrder ? S.descent : S.landing;
    const level = toOrder ? S.cruise : S.return;
    let prevT = leg.waypoints[0][3];
    const legStart = out.length;
    for (let i = 0; i < leg.waypoints.length; i++) {
      const w = leg.waypoints[i];
      const p = run.frame.toLocal([w[0], w[1]]);
      const z = w[2];
      const dh = Math.hypot(p.x - cx, p.y - cy);
      const isDrop = toOrder && i === leg.waypoints.length - 1;
      const first = out.length;
      if (dh < 0.5) {
        // A waypoint straight above or below the last one is a vertical move, not a cruise.
        if (Math.abs(z - cz) >= 0.01) pushVertical(out, cx, cy, cz, z, leg.payloadKg, up, down, groundZAt(run.mission, cx, cy));
        else if (!isDrop && w[3] - prevT > 0.01) {
          const hold = mkPhase(HOVER, S.holding, cx, cy, cz, leg.payloadKg);
          hold.untilS = w[3] - prevT;
          out.push(hold);
        }
        if (overPad(cx, cy) && (!fromOrder || !toOrder)) for (let q = first; q < out.length; q++) if (out[q].kind === VERTICAL) out[q].column = column;
      } else out.push(mkPhase(CRUISE, level, p.x, p.y, z, leg.payloadKg));
      if (out.length > first) out[out.length - 1].planEndS = w[3];
      cx = dh < 0.5 ? cx : p.x;
      cy = dh < 0.5 ? cy : p.y;
      cz = z;
      prevT = w[3];
    }
    if (fromOrder && !toOrder && out.length > legStart) {
      out[legStart].approach = true;
      for (let q = legStart; q < out.length; q++) out[q].homeward = true;
    }
    if (toOrder) {
      const o = run.orders.get(leg.to.id)!;
      const drop = mkPhase(HOVER, S.drop, cx, cy, cz, leg.payloadKg);
      drop.untilS = Math.max(0, leg.doneS - leg.arriveS);
      drop.minEndS = o.earliestS;
      drop.orderId = leg.to.id;
      drop.planEndS = leg.doneS;
      out.push(drop);
    } else if (k === trip.legs.length - 1) {
      const first = out.length;
      const ground = groundZAt(run.mission, cx, cy);
      pushVertical(out, cx, cy, cz, ground, leg.payloadKg, up, S.landing, ground);
      // A landing the plan leaves implicit: due at the forecast descent time after the last waypoint.
      let endS = leg.doneS;
      for (let q = first; q < out.length; q++) out[q].planEndS = endS += forecastCost(run, d, leg.payloadKg).vertical(out[q].z - (q === first ? cz : out[q - 1].z)).durationS;
      if (overPad(cx, cy)) for (let q = first; q < out.length; q++) out[q].column = column;
      cz = ground;
    }
  });
  if (out.length === 0) out.push(mkPhase(VERTICAL, S.landing, cx, cy, groundZAt(run.mission, cx, cy), 0));
  // The descent onto the pad is an approach too (the clearance is checked again before it).
  let q = out.length - 1;
  while (q > 0 && out[q - 1].kind === VERTICAL && out[q - 1].column === out[q].column && out[q].column !== NO_COLUMN) q--;
  if (out[q].kind === VERTICAL && out[q].column !== NO_COLUMN) out[q].approach = true;
  out[out.length - 1].landDepotId = trip.landDepotId;
  return out;
}

/** The cruise altitude of simulator-made routes: drones are spread over the mission's layers by index. */
export function layerFor(run: SimRun, d: Drone): number {
  return run.cruiseLayers[d.idx % run.cruiseLayers.length];
}

/**
 * Direct route: up to the cruise layer, straight across, then down to endAglM above the ground at the
 * destination (0: landing, or a drop height). Over terrain the cruise follows the planner's rule
 * (src/core/terrain/profile.ts): at least the layer above the ground everywhere.
 */
export function directPhases(
  run: SimRun,
  d: Drone,
  fromX: number,
  fromY: number,
  fromZ: number,
  toX: number,
  toY: number,
  endAglM: number,
  payloadKg: number,
  levelState: number,
  downState: number,
  atS: number,
): Phase[] {
  const out: Phase[] = [];
  const terrain = missionTerrain(run.mission);
  const g0 = terrain ? terrain.groundZ(fromX, fromY) : 0;
  const g1 = terrain ? terrain.groundZ(toX, toY) : 0;
  // The layer, in metres above the ground (zones' bands are too).
  const alt = Math.max(layerFor(run, d), Math.min(fromZ - g0, 150));
  const corners = [...detourPoints(run, fromX, fromY, toX, toY, alt, atS), { x: toX, y: toY }];
  const profile = terrain
    ? cruiseProfile(terrain, [{ x: fromX, y: fromY }, ...corners], alt, Math.max(g0, g1) + alt).points
    : [{ x: fromX, y: fromY, z: alt }, ...corners.map((p) => ({ x: p.x, y: p.y, z: alt }))];
  const topZ = profile[0].z;
  const cruise = profile.slice(1);
  pushVertical(out, fromX, fromY, fromZ, topZ, payloadKg, fromZ - g0 >= 0.5 && d.state === S.drop ? S['climb-out'] : S.climb, downState, g0);
  if (levelState === S.diverted) for (const ph of out) ph.state = S.diverted;
  for (const p of cruise) out.push(mkPhase(CRUISE, levelState, p.x, p.y, p.z, payloadKg));
  const lastZ = cruise.length > 0 ? cruise[cruise.length - 1].z : topZ;
  pushVertical(out, toX, toY, lastZ, g1 + endAglM, payloadKg, S.climb, downState, g1);
  return out;
}

/** Whether the segment (a -> b, altitude band zLo..zHi) enters zone zi. */
export function segmentHitsZone(run: SimRun, ax: number, ay: number, bx: number, by: number, zLo: number, zHi: number, zi: number): boolean {
  return segmentEntersZone(run.zones[zi], ax, ay, bx, by, zLo, zHi);
}

/**
 * Corners of a path around the zones a straight line would cross during the next hour (none when
 * the line is clear, or when the path finder finds no way: then the drone flies straight, and the
 * trace shows it).
 */
function detourPoints(run: SimRun, ax: number, ay: number, bx: number, by: number, alt: number, atS: number): XY[] {
  const zones = run.zones;
  let crosses = false;
  for (let i = 0; i < zones.length && !crosses; i++) {
    const z = zones[i];
    if (z.toS <= atS || z.fromS >= atS + 3600) continue;
    crosses = segmentHitsZone(run, ax, ay, bx, by, alt, alt, i);
  }
  if (!crosses) return [];
  run.airspace ??= buildAirspace(run.mission);
  const path = shortestHorizontalPath(run.airspace, { x: ax, y: ay }, { x: bx, y: by }, alt, { fromS: atS, toS: atS + 3600 });
  return path.ok ? path.points.slice(1, -1) : [];
}

/** Phases of a simulator-made trip: deliver its orders direct (or fly empty) and land at toDepot. */
export function adhocTripPhases(run: SimRun, d: Drone, task: Task): Phase[] {
  const from = run.depots.get(task.fromDepotId)!;
  const out: Phase[] = [];
  // It leaves from the pad it stands on (startNextTrip put it there).
  let x = d.atDepotId === task.fromDepotId ? d.x : from.x;
  let y = d.atDepotId === task.fromDepotId ? d.y : from.y;
  const takeoffColumn = padId(from.index, nearestPad(from.pads, x, y));
  let payload = task.orderIds.reduce((s, id) => s + run.orders.get(id)!.order.parcelKg, 0);
  let z = groundZAt(run.mission, x, y);
  for (const id of task.orderIds) {
    const o = run.orders.get(id)!;
    const dropAgl = DROP_ALT_M[o.order.drop];
    const dropAlt = groundZAt(run.mission, o.x, o.y) + dropAgl;
    out.push(...directPhases(run, d, x, y, z, o.x, o.y, dropAgl, payload, S.cruise, S.descent, task.earliestS));
    const drop = mkPhase(HOVER, S.drop, o.x, o.y, dropAlt, payload);
    drop.untilS = DROP_S[o.order.drop];
    drop.minEndS = o.earliestS;
    drop.orderId = id;
    out.push(drop);
    payload -= o.order.parcelKg;
    x = o.x;
    y = o.y;
    z = dropAlt;
  }
  const pad = landingPadOf(run, d, task.toDepotId);
  out.push(...directPhases(run, d, x, y, z, pad.x, pad.y, 0, Math.max(0, payload), S.return, S.landing, task.earliestS));
  // The climb from the pad and the final descent onto the landing pad are pad columns.
  for (let i = 0; i < out.length && out[i].kind === VERTICAL; i++) out[i].column = takeoffColumn;
  markLandingColumn(out, pad.column);
  out[out.length - 1].landDepotId = task.toDepotId;
  return out;
}

/** Where a simulator-made route lands at a depot: the drone's own pad at home, else the pad nearest it. */
export function landingPadOf(run: SimRun, d: Drone, depotId: string): { x: number; y: number; column: number } {
  const dep = run.depots.get(depotId)!;
  const k = depotId === d.homeDepotId ? d.homePad : nearestPad(dep.pads, d.x, d.y);
  return { x: dep.pads[k].x, y: dep.pads[k].y, column: padId(dep.index, k) };
}

/** The trailing vertical phases of a route (its descent onto a pad) are that pad's column; its start is an approach. */
export function markLandingColumn(phases: Phase[], column: number): void {
  let i = phases.length - 1;
  for (; i >= 0 && phases[i].kind === VERTICAL; i--) phases[i].column = column;
  if (i + 1 < phases.length) phases[i + 1].approach = true;
  // The flight to that pad since the last drop (or the whole route when it drops nothing) is homeward.
  for (let k = phases.length - 1; k >= 0 && phases[k].orderId === null; k--) phases[k].homeward = true;
}

/** Forecast energy of a simulator-made trip from its depot (is a re-queued order within reach?). */
export function forecastTripWh(run: SimRun, d: Drone, task: Task): number {
  const from = run.depots.get(task.fromDepotId)!;
  return estimatePhases(run, d, adhocTripPhases(run, d, task), from.x, from.y, groundZAt(run.mission, from.x, from.y));
}

/** Idle on the ground with nothing to do (until something is queued). */
export function idleForever(d: Drone): Phase[] {
  const p = mkPhase(WAIT, S.idle, d.x, d.y, 0, 0);
  p.untilS = Infinity;
  return [p];
}

/**
 * The timeline of a simulator-made route under the forecast wind, flown from (x, y, z) at startS:
 * sets each phase's planEndS (so the drone paces it like a planned trip) and returns its 4D points
 * with the pad columns marked, for the clearance. Stops at a phase the forecast cannot fly.
 */
export function scheduleRoute(run: SimRun, d: Drone, phases: Phase[], x: number, y: number, z: number, startS: number): TrajectoryPoint[] {
  const pts: TrajectoryPoint[] = [{ t: startS, x, y, z }];
  let t = startS;
  for (const ph of phases) {
    const c = forecastCost(run, d, ph.payloadKg);
    const last = pts[pts.length - 1];
    if (ph.kind === VERTICAL) t += c.vertical(ph.z - last.z).durationS;
    else if (ph.kind === CRUISE) {
      const r = c.cruise({ x: last.x, y: last.y }, { x: ph.x, y: ph.y }, (last.z + ph.z) / 2);
      if (!r.ok) break;
      t += r.durationS;
    } else if (ph.kind === HOVER) t = Math.max(t + ph.untilS, ph.minEndS);
    else if (ph.kind === WAIT) t = Math.max(t, ph.untilS);
    ph.planEndS = t;
    last.col = ph.kind === VERTICAL ? ph.column : NO_COLUMN;
    const moves = ph.kind === VERTICAL || ph.kind === CRUISE;
    pts.push({ t, x: moves ? ph.x : last.x, y: moves ? ph.y : last.y, z: moves ? ph.z : last.z });
  }
  return pts;
}
