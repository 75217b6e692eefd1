/**
 * One 3D flight leg: vertical take-off to a cruise layer, level flight around the obstacles of that
 * layer, descent at the destination and the drop. The climb out of a drop point belongs to the next
 * leg (give it `startAltM` = the drop height it hovered at).
 *
 * Over terrain (a mission with `terrain`) altitudes are metres above the mission datum (the ground at
 * the origin): the leg takes off from its start's ground, cruises at its layer above the higher of its
 * two ends' ground, climbs over ridges so that it is never less than the layer above the ground
 * (src/core/terrain/profile.ts) and descends to its end's ground. Without terrain the ground is 0
 * everywhere and the leg is level, exactly as before terrain existed.
 */
import type { XY } from '../geo/frame';
import type { FlightCostModel } from '../energy/flightCost';
import type { DropMethod } from '../mission/schema';
import { type TerrainModel, missionTerrain } from '../terrain/model';
import { cruiseProfile } from '../terrain/profile';
import { type Airspace, type AirspaceObstacle, type ObstacleLayer, type TimeSpan, buildLayer, obstaclesContaining } from './airspace';
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
  /** Metres above the mission datum: the ground at the origin (above the ground itself without terrain). */
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
  /** The cruise layer: metres above the ground (the higher end's ground, and at least that over terrain). */
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
/** A cruise segment climbing or descending less than this is level (the simulator's threshold too). */
const SLOPE_MIN_M = 0.01;

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
  const terrain = missionTerrain(airspace.mission);

  // Which zones apply depends on when the leg flies, which depends on the route: widen the span
  // to the arrival time until the set of applying obstacles stops changing. Conservative: a zone
  // active at any moment of the leg is avoided for the whole leg. Over terrain the same holds for
  // heights: zone bands are above the ground, and the leg's height above the ground varies (climbing
  // out of a valley, over lower ground after a ridge), so the bands it spans grow until they settle.
  let span: TimeSpan = { fromS: departS, toS: departS };
  let tops: AglTops = { start: altitudeM, end: altitudeM, cruise: altitudeM };
  const applying = (sp: TimeSpan, t: AglTops) => {
    const startColumn = airspace.columnObstacles(Math.min(startAltM, altitudeM), t.start, sp);
    const endColumn = airspace.columnObstacles(Math.min(endAltM, altitudeM), t.end, sp);
    const cruise = t.cruise > altitudeM ? bandObstacles(airspace, altitudeM, t.cruise, sp) : airspace.cruiseObstacles(altitudeM, sp);
    const key = [startColumn, endColumn, cruise].map((l) => l.map((o) => o.id).join(',')).join('|');
    return { startColumn, endColumn, cruise, key };
  };
  for (let round = 0; round < MAX_SPAN_ROUNDS; round++) {
    const { startColumn, endColumn, cruise, key } = applying(span, tops);
    const inStart = unique([...obstaclesContaining(from, startColumn), ...obstaclesContaining(from, cruise)]);
    if (inStart.length) return withWhen(inObstacleError('start-in-zone', from, inStart, airspace), inStart, span);
    const inEnd = unique([...obstaclesContaining(to, endColumn), ...obstaclesContaining(to, cruise)]);
    if (inEnd.length) return withWhen(inObstacleError('end-in-zone', to, inEnd, airspace), inEnd, span);

    const layer = tops.cruise > altitudeM ? bandLayer(airspace, cruise) : airspace.layer(altitudeM, span);
    const route = routeInLayer(airspace, layer, from, to, altitudeM, { cost, objective: req.objective ?? 'energy' });
    if (!route.ok) return route;
    const shape = terrain ? terrainShape(terrain, route.points, altitudeM, startAltM, endAltM) : levelShape(route.points, altitudeM, startAltM, endAltM);
    const leg = assembleLeg(airspace, req, shape);
    if (!leg.ok) return leg;
    leg.avoidedIds = layer.obstacleIds;
    leg.objective = route.objective;
    // Never lower a top: the obstacle sets only grow, so the rounds settle.
    const flown = { start: Math.max(tops.start, shape.tops.start), end: Math.max(tops.end, shape.tops.end), cruise: Math.max(tops.cruise, shape.tops.cruise) };
    const longer = leg.arriveS <= span.toS ? span : { fromS: departS, toS: leg.arriveS };
    // Same obstacles over the whole flight time and heights: this leg stands.
    if ((longer === span && sameTops(flown, tops)) || applying(longer, flown).key === key) return leg;
    span = longer;
    tops = flown;
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

/** The highest heights above the ground a leg reaches: in its take-off column, its descent column and its cruise. */
interface AglTops {
  start: number;
  end: number;
  cruise: number;
}

function sameTops(a: AglTops, b: AglTops): boolean {
  return a.start === b.start && a.end === b.end && a.cruise === b.cruise;
}

/** What a cruise between altitudeM and topM above the ground must avoid: buildings as at altitudeM (it is never lower), zones over the band. */
function bandObstacles(airspace: Airspace, altitudeM: number, topM: number, span: TimeSpan): AirspaceObstacle[] {
  const atLayer = airspace.cruiseObstacles(altitudeM, span);
  const zones = airspace.columnObstacles(altitudeM, topM, span);
  return unique([...atLayer, ...zones]).sort((a, b) => airspace.obstacles.indexOf(a) - airspace.obstacles.indexOf(b));
}

const bandLayers = new WeakMap<Airspace, Map<string, ObstacleLayer>>();

/** The merged layer of a band's obstacles (cached per airspace like its own layers). */
function bandLayer(airspace: Airspace, applying: AirspaceObstacle[]): ObstacleLayer {
  const ids = applying.map((o) => o.id).sort();
  const key = ids.join('\u0000');
  let cache = bandLayers.get(airspace);
  if (!cache) bandLayers.set(airspace, (cache = new Map()));
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = buildLayer(applying, ids)));
  return hit;
}

/** The vertical shape of a leg: where its columns start and end, and its cruise as 3D points. */
interface LegShape {
  startZ: number;
  cruise: Point3[];
  endZ: number;
  tops: AglTops;
}

/** Flat ground at 0: level cruise at the layer (the leg as it always was). */
function levelShape(path: XY[], altitudeM: number, startAltM: number, endAltM: number): LegShape {
  return {
    startZ: startAltM,
    cruise: path.map((p) => ({ x: p.x, y: p.y, altM: altitudeM })),
    endZ: endAltM,
    tops: { start: altitudeM, end: altitudeM, cruise: altitudeM },
  };
}

/** Over terrain: from the start's ground, level at the layer above the higher end, over the ridges, down to the end's ground. */
function terrainShape(terrain: TerrainModel, path: XY[], altitudeM: number, startAltM: number, endAltM: number): LegShape {
  const a = path[0];
  const b = path[path.length - 1];
  const groundA = terrain.groundZ(a.x, a.y);
  const groundB = terrain.groundZ(b.x, b.y);
  const profile = cruiseProfile(terrain, path, altitudeM, Math.max(groundA, groundB) + altitudeM);
  const cruise = profile.points.map((p) => ({ x: p.x, y: p.y, altM: p.z }));
  return {
    startZ: groundA + startAltM,
    cruise,
    endZ: groundB + endAltM,
    tops: { start: cruise[0].altM - groundA, end: cruise[cruise.length - 1].altM - groundB, cruise: profile.maxAglM },
  };
}

/** Turns the level polyline into timed, costed 3D segments and waypoints. */
function assembleLeg(airspace: Airspace, req: LegRequest, shape: LegShape): FlightLeg | PathError {
  const { altitudeM, cost, departS } = req;
  const segments: LegSegment[] = [];
  const cruisePts = shape.cruise;
  const path: XY[] = cruisePts.map((p) => ({ x: p.x, y: p.y }));
  const start = cruisePts[0];
  const end = cruisePts[cruisePts.length - 1];
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

  addWaypoint({ x: start.x, y: start.y, altM: shape.startZ });
  vertical('climb', start, shape.startZ, start.altM);
  let horizontalLengthM = 0;
  for (let i = 1; i < cruisePts.length; i++) {
    const a = cruisePts[i - 1];
    const b = cruisePts[i];
    const dz = b.altM - a.altM;
    // The simulator's rule for a sloped cruise (src/core/sim/run/phaseRunner.ts): the horizontal
    // flight's time and energy at the mean height, plus the climb or descent's energy.
    const c = cost.cruise(a, b, dz === 0 ? a.altM : (a.altM + b.altM) / 2);
    if (!c.ok) {
      return {
        ok: false,
        code: 'infeasible-wind',
        message: `the cruise segment ${fmtXY(a)} -> ${fmtXY(b)} cannot be flown: ${c.reason}`,
      };
    }
    const horizontalM = Math.hypot(b.x - a.x, b.y - a.y);
    horizontalLengthM += horizontalM;
    const slopeWh = Math.abs(dz) > SLOPE_MIN_M ? cost.vertical(dz).energyWh : 0;
    const energyWh = c.energyWh + slopeWh;
    add({
      kind: 'cruise',
      from: { x: a.x, y: a.y, altM: a.altM },
      to: { x: b.x, y: b.y, altM: b.altM },
      lengthM: slopeWh > 0 ? Math.hypot(horizontalM, dz) : horizontalM,
      airspeedMps: c.airspeedMps,
      groundSpeedMps: c.groundSpeedMps,
      powerW: slopeWh > 0 && c.durationS > 0 ? (energyWh * 3600) / c.durationS : c.powerW,
      durationS: c.durationS,
      energyWh,
    });
  }
  hover('hover', end, req.holdS ?? 0, false);
  vertical('descent', end, end.altM, shape.endZ);
  if (req.drop) hover('drop', { x: end.x, y: end.y, altM: shape.endZ }, req.drop.seconds, req.drop.method === 'land');

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
