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

/** Phases of a planned trip, leg by leg, from its waypoints. */
export function planTripPhases(run: SimRun, d: Drone, trip: Trip): Phase[] {
  const out: Phase[] = [];
  let cx = d.x;
  let cy = d.y;
  let cz = d.z;
  trip.legs.forEach((leg, k) => {
    const toOrder = leg.to.kind === 'order';
    const fromOrder = leg.from.kind === 'order';
    const up = fromOrder ? S['climb-out'] : S.climb;
    const down = toOrder ? S.descent : S.landing;
    const level = toOrder ? S.cruise : S.return;
    for (let i = 0; i < leg.waypoints.length; i++) {
      const w = leg.waypoints[i];
      const p = run.frame.toLocal([w[0], w[1]]);
      const z = w[2];
      const dh = Math.hypot(p.x - cx, p.y - cy);
      // A waypoint straight above or below the last one is a vertical move, not a cruise.
      if (dh < 0.5) pushVertical(out, cx, cy, cz, z, leg.payloadKg, up, down);
      else out.push(mkPhase(CRUISE, level, p.x, p.y, z, leg.payloadKg));
      cx = dh < 0.5 ? cx : p.x;
      cy = dh < 0.5 ? cy : p.y;
      cz = z;
    }
    if (toOrder) {
      const o = run.orders.get(leg.to.id)!;
      const drop = mkPhase(HOVER, S.drop, cx, cy, cz, leg.payloadKg);
      drop.untilS = Math.max(0, leg.doneS - leg.arriveS);
      drop.minEndS = o.earliestS;
      drop.orderId = leg.to.id;
      out.push(drop);
    } else if (k === trip.legs.length - 1) {
      pushVertical(out, cx, cy, cz, 0, leg.payloadKg, up, S.landing);
      cz = 0;
    }
  });
  if (out.length === 0) out.push(mkPhase(VERTICAL, S.landing, cx, cy, 0, 0));
  out[out.length - 1].landDepotId = trip.landDepotId;
  return out;
}

/** The cruise altitude of simulator-made routes: drones are spread over the mission's layers by index. */
export function layerFor(run: SimRun, d: Drone): number {
  return run.cruiseLayers[d.idx % run.cruiseLayers.length];
}

/** Direct route: up to the cruise layer, straight across, then down (landing, or to a drop). */
export function directPhases(
  run: SimRun,
  d: Drone,
  fromX: number,
  fromY: number,
  fromZ: number,
  toX: number,
  toY: number,
  endZ: number,
  payloadKg: number,
  levelState: number,
  downState: number,
  atS: number,
): Phase[] {
  const out: Phase[] = [];
  const alt = Math.max(layerFor(run, d), Math.min(fromZ, 150));
  pushVertical(out, fromX, fromY, fromZ, alt, payloadKg, fromZ >= 0.5 && d.state === S.drop ? S['climb-out'] : S.climb, downState);
  if (levelState === S.diverted) for (const ph of out) ph.state = S.diverted;
  for (const p of detourPoints(run, fromX, fromY, toX, toY, alt, atS)) out.push(mkPhase(CRUISE, levelState, p.x, p.y, alt, payloadKg));
  out.push(mkPhase(CRUISE, levelState, toX, toY, alt, payloadKg));
  pushVertical(out, toX, toY, alt, endZ, payloadKg, S.climb, downState);
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
  const to = run.depots.get(task.toDepotId)!;
  const out: Phase[] = [];
  let x = from.x;
  let y = from.y;
  let payload = task.orderIds.reduce((s, id) => s + run.orders.get(id)!.order.parcelKg, 0);
  let z = 0;
  for (const id of task.orderIds) {
    const o = run.orders.get(id)!;
    const dropAlt = DROP_ALT_M[o.order.drop];
    out.push(...directPhases(run, d, x, y, z, o.x, o.y, dropAlt, payload, S.cruise, S.descent, task.earliestS));
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
  out.push(...directPhases(run, d, x, y, z, to.x, to.y, 0, Math.max(0, payload), S.return, S.landing, task.earliestS));
  out[out.length - 1].landDepotId = task.toDepotId;
  return out;
}

/** Forecast energy of a simulator-made trip from its depot (is a re-queued order within reach?). */
export function forecastTripWh(run: SimRun, d: Drone, task: Task): number {
  const from = run.depots.get(task.fromDepotId)!;
  return estimatePhases(run, d, adhocTripPhases(run, d, task), from.x, from.y, 0);
}

/** Idle on the ground with nothing to do (until something is queued). */
export function idleForever(d: Drone): Phase[] {
  const p = mkPhase(WAIT, S.idle, d.x, d.y, 0, 0);
  p.untilS = Infinity;
  return [p];
}
