/**
 * Reach of a depot: for each bearing, the farthest drop point a drone can fly to with the parcel and
 * come back from empty, landing with the reserve. Energy along one bearing is linear in the radius r:
 *   E(r) = fixed + r (P_out / v_g,out + P_back / v_g,back),
 * so the radius is found in closed form. The wind makes the region lopsided: the loaded outbound leg
 * is cheaper downwind, and crosswind costs in both directions.
 */
import type { XY } from '../geo/frame';
import type { DroneModel } from '../mission/droneModel';
import { type ReservePolicy, reserveWh, usableWh } from './battery';
import { type EnergyConditions, createEnergyCostModel } from './costModel';
import { energySummary } from './summary';

export interface ReachInput extends EnergyConditions {
  reserve: ReservePolicy;
  /** Number of bearings, evenly spaced clockwise from north; default 72 (every 5 degrees). */
  bearings?: number;
  /** Altitude climbed after take-off and descended before landing, m; default 60. */
  cruiseAltitudeM?: number;
  /** Time hovering at the drop point with the parcel (winch or tether), s; default 30. */
  dropHoverS?: number;
  /** Distance from the depot to its nearest alternate landing site, m (when the policy requires one). */
  alternateDistanceM?: number;
}

export type ReachRadii =
  | {
      ok: true;
      /** Bearing of each radius, degrees clockwise from north. */
      bearingsDeg: number[];
      /** Max out-and-back radius per bearing, m (0 where the drone cannot go at all). */
      radiiM: number[];
    }
  | { ok: false; reason: string };

const UNIT_M = 1000;
const ORIGIN: XY = { x: 0, y: 0 };

export function reachRadii(model: DroneModel, input: ReachInput): ReachRadii {
  const n = input.bearings ?? 72;
  const altitudeM = input.cruiseAltitudeM ?? 60;
  const loaded = createEnergyCostModel(model, input);
  if (loaded.infeasibleReason !== undefined) return { ok: false, reason: loaded.infeasibleReason };
  const empty = createEnergyCostModel(model, { ...input, payloadKg: 0 });
  const reserve = reserveWh(model, {
    policy: input.reserve,
    payloadKg: 0,
    airDensityKgM3: input.airDensityKgM3,
    windSpeedMps: input.wind.speedMps,
    alternateDistanceM: input.alternateDistanceM,
    airspeedMps: loaded.airspeedMps,
  });
  const fixedWh =
    loaded.vertical(altitudeM).energyWh + loaded.hover(input.dropHoverS ?? 30).energyWh + empty.vertical(-altitudeM).energyWh;
  const budgetWh = usableWh(model) - reserve - fixedWh;

  const bearingsDeg: number[] = [];
  const radiiM: number[] = [];
  for (let i = 0; i < n; i++) {
    const deg = (360 * i) / n;
    const t = (deg * Math.PI) / 180;
    const out = loaded.cruise(ORIGIN, { x: UNIT_M * Math.sin(t), y: UNIT_M * Math.cos(t) }, altitudeM);
    const back = empty.cruise({ x: UNIT_M * Math.sin(t), y: UNIT_M * Math.cos(t) }, ORIGIN, altitudeM);
    bearingsDeg.push(deg);
    radiiM.push(out.ok && back.ok && budgetWh > 0 ? (budgetWh / (out.energyWh + back.energyWh)) * UNIT_M : 0);
  }
  return { ok: true, bearingsDeg, radiiM };
}

export type ReachRing =
  | { ok: true; points: XY[]; bearingsDeg: number[]; radiiM: number[] }
  | { ok: false; reason: string; points: XY[] };

/** The reach region around a depot as a closed ring of local points (first point repeated at the end). */
export function reachRing(model: DroneModel, depotXY: XY, input: ReachInput): ReachRing {
  const r = reachRadii(model, input);
  if (!r.ok) return { ok: false, reason: r.reason, points: [] };
  const points = r.radiiM.map((radius, i) => {
    const t = (r.bearingsDeg[i] * Math.PI) / 180;
    return { x: depotXY.x + radius * Math.sin(t), y: depotXY.y + radius * Math.cos(t) };
  });
  if (points.length > 0) points.push({ ...points[0] });
  return { ok: true, points, bearingsDeg: r.bearingsDeg, radiiM: r.radiiM };
}

export interface RangePayloadSeries {
  payloadKg: number[];
  /** One-way range on the energy above the reserve, carrying the payload all the way, km. */
  rangeKm: number[];
  /** Delivery radius (out loaded, back empty) in the worst and best direction, km. */
  radiusMinKm: number[];
  radiusMaxKm: number[];
}

/**
 * Range and delivery radius for payloads from 0 to maxPayloadKg (steps + 1 points).
 * A payload the drone cannot fly under these conditions gets 0.
 */
export function rangePayloadSeries(
  model: DroneModel,
  input: Omit<ReachInput, 'payloadKg'> & { steps?: number },
): RangePayloadSeries {
  const steps = Math.max(1, input.steps ?? 20);
  const out: RangePayloadSeries = { payloadKg: [], rangeKm: [], radiusMinKm: [], radiusMaxKm: [] };
  for (let i = 0; i <= steps; i++) {
    const payloadKg = (model.maxPayloadKg * i) / steps;
    const radii = reachRadii(model, { ...input, payloadKg });
    out.payloadKg.push(payloadKg);
    const summary = energySummary(model, { ...input, payloadKg });
    out.rangeKm.push(summary.ok ? summary.rangeKm : 0);
    out.radiusMinKm.push(radii.ok ? Math.min(...radii.radiiM) / 1000 : 0);
    out.radiusMaxKm.push(radii.ok ? Math.max(...radii.radiiM) / 1000 : 0);
  }
  return out;
}
