/**
 * One 3D flight leg: vertical take-off to a cruise layer, level flight around the obstacles of that
 * layer, descent at the destination and the drop. The climb out of a drop point belongs to the next
 * leg (give it `startAltM` = the drop height it hovered at).
 */
import type { XY } from '../geo/frame';
import type { FlightCostModel } from '../energy/flightCost';
import type { DropMethod } from '../mission/schema';
import { type Airspace, type AirspaceObstacle, type TimeSpan, obstaclesContaining } from './airspace';
import { type PathError, checkEnds, fmtXY, inObstacleError, routeInLayer } from './horizontal';
import type { PathObjective } from './search';

/** Height above ground at which each drop method delivers (and the next leg's climb starts). */
export const DROP_HEIGHT_M: Record<DropMethod, number> = {
  land: 0,
  // A winch lowers the parcel on a tether from a hover clear of trees and people.
  winch: 10,
  // Released from a low hover onto a marked spot.
  'hover-release': 3,
};

/**
 * Nominal drop durations when nothing better is known: landing, unhooking and spinning up again;
 * lowering a parcel 10 m on a tether, releasing it and reeling in; a release from a low hover.
 */
export const NOMINAL_DROP_S: Record<DropMethod, number> = { land: 30, winch: 45, 'hover-release': 10 };

/** Highest cruise altitude the mission format allows (settings.cruiseAltitudesM). */
export const MAX_ALTITUDE_M = 500;

export interface Point3 {
  x: number;
  y: number;
  /** Metres above ground. */
  altM: number;
}

export interface LegWaypoint extends Point3 {
  lng: number;
  lat: number;
  /** Seconds since the leg's departure. */
  tS: number;
  /** Energy used since the leg's departure. */
  energyWh: number;
}

export type LegSegmentKind = 'climb' | 'cruise' | 'descent' | 'drop' | 'hover';

export interface LegSegment {
  kind: LegSegmentKind;
  from: Point3;
  to: Point3;
  /** Distance flown: horizontal for cruise, vertical for climb and descent, 0 when hovering. */
  lengthM: number;
  /** Speed through the air (vertical rate for climb and descent; 0 when hovering or landed). */
  airspeedMps: number;
  /** Speed over the ground along the segment (vertical rate for climb and descent). */
  groundSpeedMps: number;
  powerW: number;
  durationS: number;
  energyWh: number;
  /** Time and energy from the leg's departure to the end of this segment. */
  cumTimeS: number;
  cumEnergyWh: number;
}

export interface FlightLeg {
  ok: true;
  altitudeM: number;
  departS: number;
  arriveS: number;
  waypoints: LegWaypoint[];
  segments: LegSegment[];
  /** Everything flown: horizontal plus vertical metres. */
  lengthM: number;
  horizontalLengthM: number;
  durationS: number;
  energyWh: number;
  /** The level part as a 2D polyline (start, bends, end). */
  horizontalPath: XY[];
  /** Ids of the zones and buildings this leg's cruise was routed around (all that applied, not only touched). */
  avoidedIds: string[];
  objective: PathObjective;
}

export type LegResult = FlightLeg | PathError;

export interface LegRequest {
  from: XY;
  to: XY;
  altitudeM: number;
  /** Mission seconds at take-off: decides which time-limited zones apply. */
  departS: number;
  cost: FlightCostModel;
  /** The drop at the destination; without it the leg lands (back at a depot). */
  drop?: { method: DropMethod; seconds: number };
  /** Minimise energy (default; uses `cost`) or horizontal distance. */
  objective?: PathObjective;
  /** Height above ground the leg starts from (a previous winch or hover-release height); default 0. */
  startAltM?: number;
  /** Hover at the destination, at cruise altitude, before descending (waiting for a window); default 0. */
  holdS?: number;
}

/** Zones can only become more numerous as the span grows; a few rounds always settle. */
const MAX_SPAN_ROUNDS = 6;

export function planLeg(airspace: Airspace, req: LegRequest): LegResult {
  const { from, to, altitudeM, departS, cost } = req;
  const startAltM = req.startAltM ?? 0;
  const endAltM = req.drop ? DROP_HEIGHT_M[req.drop.method] : 0;
  if (!(altitudeM > 0 && altitudeM <= MAX_ALTITUDE_M) || !(altitudeM >= startAltM && altitudeM >= endAltM)) {
    return {
      ok: false,
      code: 'outside-area',
      message: `cruise altitude ${altitudeM} m is outside the airspace: it must be within (0, ${MAX_ALTITUDE_M}] m and not below the start (${startAltM} m) or drop (${endAltM} m) height`,
    };
  }
  const bad = checkEnds(airspace, from, to);
  if (bad) return bad;

  // Which zones apply depends on when the leg flies, which depends on the route: widen the span
  // to the arrival time until the set of applying obstacles stops changing. Conservative: a zone
  // active at any moment of the leg is avoided for the whole leg.
  let span: TimeSpan = { fromS: departS, toS: departS };
  const applying = (sp: TimeSpan) => {
    const startColumn = airspace.columnObstacles(Math.min(startAltM, altitudeM), altitudeM, sp);
    const endColumn = airspace.columnObstacles(Math.min(endAltM, altitudeM), altitudeM, sp);
    const cruise = airspace.cruiseObstacles(altitudeM, sp);
    const key = [startColumn, endColumn, cruise].map((l) => l.map((o) => o.id).join(',')).join('|');
    return { startColumn, endColumn, cruise, key };
  };
  for (let round = 0; round < MAX_SPAN_ROUNDS; round++) {
    const { startColumn, endColumn, cruise, key } = applying(span);
    const inStart = unique([...obstaclesContaining(from, startColumn), ...obstaclesContaining(from, cruise)]);
    if (inStart.length) return withWhen(inObstacleError('start-in-zone', from, inStart, airspace), inStart, span);
    const inEnd = unique([...obstaclesContaining(to, endColumn), ...obstaclesContaining(to, cruise)]);
    if (inEnd.length) return withWhen(inObstacleError('end-in-zone', to, inEnd, airspace), inEnd, span);

    const layer = airspace.layer(altitudeM, span);
    const route = routeInLayer(airspace, layer, from, to, altitudeM, { cost, objective: req.objective ?? 'energy' });
    if (!route.ok) return route;
    const leg = assembleLeg(airspace, req, route.points, startAltM, endAltM);
    if (!leg.ok) return leg;
    leg.avoidedIds = layer.obstacleIds;
    leg.objective = route.objective;
    if (leg.arriveS <= span.toS) return leg;
    const longer = { fromS: departS, toS: leg.arriveS };
    // Same obstacles over the whole flight time: this leg stands.
    if (applying(longer).key === key) return leg;
    span = longer;
  }
  // Unreachable in practice (the obstacle set only grows and is finite); refuse rather than guess.
  return { ok: false, code: 'unreachable', message: `the set of active zones did not settle for a departure at ${departS} s` };
}

function unique(list: AirspaceObstacle[]): AirspaceObstacle[] {
  return [...new Set(list)];
}

/** Names the time when a time-limited zone is part of the answer. */
function withWhen(e: PathError, list: readonly AirspaceObstacle[], span: TimeSpan): PathError {
  if (list.every((o) => o.activeFromS === -Infinity && o.activeToS === Infinity)) return e;
  return { ...e, message: `${e.message} (during ${span.fromS.toFixed(0)}-${span.toS.toFixed(0)} s)` };
}

/** Turns the level polyline into timed, costed 3D segments and waypoints. */
function assembleLeg(airspace: Airspace, req: LegRequest, path: XY[], startAltM: number, endAltM: number): FlightLeg | PathError {
  const { altitudeM, cost, departS } = req;
  const segments: LegSegment[] = [];
  const start = path[0];
  const end = path[path.length - 1];
  const waypoints: LegWaypoint[] = [];
  let tS = 0;
  let eWh = 0;
  const addWaypoint = (p: Point3) => {
    const [lng, lat] = airspace.frame.toLngLat(p);
    waypoints.push({ x: p.x, y: p.y, altM: p.altM, lng, lat, tS, energyWh: eWh });
  };
  const add = (s: Omit<LegSegment, 'cumTimeS' | 'cumEnergyWh'>) => {
    tS += s.durationS;
    eWh += s.energyWh;
    segments.push({ ...s, cumTimeS: tS, cumEnergyWh: eWh });
    addWaypoint(s.to);
  };
  const vertical = (kind: 'climb' | 'descent', at: XY, fromAlt: number, toAlt: number) => {
    const dz = toAlt - fromAlt;
    if (Math.abs(dz) < 1e-9) return;
    const v = cost.vertical(dz);
    const rate = v.durationS > 0 ? Math.abs(dz) / v.durationS : 0;
    add({
      kind,
      from: { x: at.x, y: at.y, altM: fromAlt },
      to: { x: at.x, y: at.y, altM: toAlt },
      lengthM: Math.abs(dz),
      airspeedMps: rate,
      groundSpeedMps: rate,
      powerW: v.powerW,
      durationS: v.durationS,
      energyWh: v.energyWh,
    });
  };
  const hover = (kind: 'hover' | 'drop', at: Point3, seconds: number, landed: boolean) => {
    if (!(seconds > 0)) return;
    const h = cost.hover(seconds);
    add({
      kind,
      from: at,
      to: at,
      lengthM: 0,
      airspeedMps: 0,
      groundSpeedMps: 0,
      // On the ground the rotors are off: the FlightCostModel has no idle draw, so a landed drop costs time only.
      powerW: landed ? 0 : h.powerW,
      durationS: landed ? seconds : h.durationS,
      energyWh: landed ? 0 : h.energyWh,
    });
  };

  addWaypoint({ x: start.x, y: start.y, altM: startAltM });
  vertical('climb', start, startAltM, altitudeM);
  let horizontalLengthM = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    const c = cost.cruise(a, b, altitudeM);
    if (!c.ok) {
      return {
        ok: false,
        code: 'infeasible-wind',
        message: `the cruise segment ${fmtXY(a)} -> ${fmtXY(b)} cannot be flown: ${c.reason}`,
      };
    }
    const lengthM = Math.hypot(b.x - a.x, b.y - a.y);
    horizontalLengthM += lengthM;
    add({
      kind: 'cruise',
      from: { x: a.x, y: a.y, altM: altitudeM },
      to: { x: b.x, y: b.y, altM: altitudeM },
      lengthM,
      airspeedMps: c.airspeedMps,
      groundSpeedMps: c.groundSpeedMps,
      powerW: c.powerW,
      durationS: c.durationS,
      energyWh: c.energyWh,
    });
  }
  hover('hover', { x: end.x, y: end.y, altM: altitudeM }, req.holdS ?? 0, false);
  vertical('descent', end, altitudeM, endAltM);
  if (req.drop) hover('drop', { x: end.x, y: end.y, altM: endAltM }, req.drop.seconds, req.drop.method === 'land');

  const lengthM = segments.reduce((s, seg) => s + seg.lengthM, 0);
  return {
    ok: true,
    altitudeM,
    departS,
    arriveS: departS + tS,
    waypoints,
    segments,
    lengthM,
    horizontalLengthM,
    durationS: tS,
    energyWh: eWh,
    horizontalPath: path,
    avoidedIds: [],
    objective: 'energy',
  };
}
