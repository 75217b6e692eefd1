/**
 * Live "out of range" feedback: a drop point that no depot's drones can serve at its parcel mass is
 * flagged with the reason. A depot serves an order when the order lies inside the depot's reach ring
 * (src/core/energy reachRadii: out with the parcel, back empty, landing with the reserve, in the
 * mission's wind) for a fleet model that can carry the parcel. The straight line is the shortest
 * possible path, so a flagged order is certainly out of reach; an unflagged one may still be out of
 * reach once no-fly zones force a detour (the planner says so).
 *
 * Radii depend on the model, the parcel mass and the conditions, not on where the depot is, so they
 * are computed once per (model, parcel mass, conditions) and kept until the model object changes.
 */
import { type ReachInput, type ReachRadii, reachRadii } from '../core/energy';
import type { XY } from '../core/geo/frame';
import type { DroneModel, Mission } from '../core/mission';
import { type Flag, type FlagSource, useFlagSources } from './flags';
import { localGeometry } from './geometry';

export const RANGE_FLAG_SOURCE = 'range';

/** The mission's flight conditions the reach depends on (everything but the parcel and the alternate). */
export function missionReachConditions(mission: Mission): Omit<ReachInput, 'payloadKg' | 'alternateDistanceM'> {
  return { wind: mission.wind, airDensityKgM3: mission.settings.airDensityKgM3, reserve: mission.settings.reserve };
}

/**
 * Straight-line distance from each depot to its nearest other depot, m (the alternate landing site
 * of the reserve policy); undefined when the policy needs none or there is no other depot.
 */
export function alternateDistancesM(mission: Mission, depotXY: readonly XY[]): (number | undefined)[] {
  if (!mission.settings.reserve.alternateRequired) return depotXY.map(() => undefined);
  return depotXY.map((a, i) => {
    let best = Infinity;
    depotXY.forEach((b, j) => {
      if (j !== i) best = Math.min(best, Math.hypot(b.x - a.x, b.y - a.y));
    });
    return Number.isFinite(best) ? best : undefined;
  });
}

/** Bearing from a to b, degrees clockwise from north, in [0, 360). */
export function bearingDeg(a: XY, b: XY): number {
  const deg = (Math.atan2(b.x - a.x, b.y - a.y) * 180) / Math.PI;
  return deg < 0 ? deg + 360 : deg;
}

/**
 * Distance from the centre to the drawn ring along a bearing: the ring is the polygon through the
 * radii at evenly spaced bearings (from 0), so between two bearings it is the straight chord.
 * Using the chord (not an interpolated radius) makes "inside" mean inside the ring the user sees.
 */
export function ringRadiusAtBearing(radiiM: readonly number[], bearing: number): number {
  const n = radiiM.length;
  if (n === 0) return 0;
  if (n === 1) return radiiM[0];
  const step = 360 / n;
  const b = ((bearing % 360) + 360) % 360;
  const i = Math.min(n - 1, Math.floor(b / step));
  const j = (i + 1) % n;
  const r1 = radiiM[i];
  const r2 = radiiM[j];
  const rad = Math.PI / 180;
  const phi = (b - i * step) * rad;
  const delta = step * rad;
  // Polar form of the line through (r1, theta1) and (r2, theta2).
  const denom = r1 * Math.sin(phi) + r2 * Math.sin(delta - phi);
  if (!(denom > 0)) return Math.min(r1, r2);
  return (r1 * r2 * Math.sin(delta)) / denom;
}

type ReachConditions = ReturnType<typeof missionReachConditions>;

/** Reach radii memoised per model object (an edit makes a new one) and per parcel mass + conditions. */
export class ReachRadiiCache {
  private byModel = new WeakMap<DroneModel, Map<string, ReachRadii>>();
  /** reachRadii calls made (for the benchmark and tests of the memoisation). */
  computed = 0;

  /** A lookup for one set of conditions: the conditions part of the key is built once, not per order x depot. */
  lookup(conditions: ReachConditions): (model: DroneModel, payloadKg: number, alternateDistanceM: number | undefined) => ReachRadii {
    const w = conditions.wind;
    const r = conditions.reserve;
    const conditionsKey = [w.speedMps, w.fromDeg, w.gustMps ?? 0, conditions.airDensityKgM3, r.minPercent, r.hoverMinutes, r.alternateRequired].join('|');
    return (model, payloadKg, alternateDistanceM) => {
      let perModel = this.byModel.get(model);
      if (!perModel) this.byModel.set(model, (perModel = new Map()));
      const key = `${conditionsKey}|${payloadKg}|${alternateDistanceM === undefined ? '' : Math.round(alternateDistanceM)}`;
      let radii = perModel.get(key);
      if (!radii) {
        // Old conditions (a wind or reserve edit) pile up otherwise; recomputing is cheap.
        if (perModel.size > 2000) perModel.clear();
        radii = reachRadii(model, { ...conditions, payloadKg, alternateDistanceM });
        this.computed++;
        perModel.set(key, radii);
      }
      return radii;
    };
  }

  get(model: DroneModel, input: ReachInput): ReachRadii {
    return this.lookup(input)(model, input.payloadKg, input.alternateDistanceM);
  }
}

const fmtKm = (m: number) => `${(m / 1000).toFixed(m < 1000 ? 2 : 1)} km`;
const fmtKg = (kg: number) => `${Number(kg.toFixed(2))} kg`;

/** Flags for every order outside the reach ring of every depot (at its parcel mass, in the mission's wind). */
export function rangeFlags(mission: Mission, geo: Pick<ReturnType<typeof localGeometry>, 'depots' | 'orders'>, cache = new ReachRadiiCache()): Flag[] {
  const models = new Map(mission.droneModels.map((m) => [m.id, m]));
  const conditions = missionReachConditions(mission);
  const radiiFor = cache.lookup(conditions);
  const alternates = alternateDistancesM(
    mission,
    geo.depots.map((d) => d.at),
  );
  // Per depot: the models it has drones of. A depot without drones serves nobody (the loader flags it).
  const depotModels = geo.depots.map((d) =>
    d.depot.fleet.filter((f) => f.count > 0).flatMap((f) => (models.has(f.modelId) ? [models.get(f.modelId)!] : [])),
  );
  if (depotModels.every((ms) => ms.length === 0)) return [];

  const out: Flag[] = [];
  for (const { order, at } of geo.orders) {
    const parcelKg = order.parcelKg;
    // A parcel no fleet model can lift is already flagged by the loader's payload check.
    if (!depotModels.some((ms) => ms.some((m) => m.maxPayloadKg >= parcelKg))) continue;

    let served = false;
    let nearest: { depotId: string; distanceM: number; reachM: number } | undefined;
    let cannotFly: string | undefined;
    for (let di = 0; di < geo.depots.length && !served; di++) {
      const depot = geo.depots[di];
      const distanceM = Math.hypot(at.x - depot.at.x, at.y - depot.at.y);
      const bearing = bearingDeg(depot.at, at);
      let reachM = -1;
      for (const model of depotModels[di]) {
        if (model.maxPayloadKg < parcelKg) continue;
        const radii = radiiFor(model, parcelKg, alternates[di]);
        if (!radii.ok) {
          cannotFly ??= `${depot.depot.id} (${model.id}): ${radii.reason}`;
          continue;
        }
        reachM = Math.max(reachM, ringRadiusAtBearing(radii.radiiM, bearing));
      }
      if (reachM < 0) continue;
      // A hair of tolerance: an order placed exactly on the ring is inside it.
      if (distanceM <= reachM * (1 + 1e-9)) served = true;
      else if (!nearest || distanceM < nearest.distanceM) nearest = { depotId: depot.depot.id, distanceM, reachM };
    }
    if (served) continue;
    const reason = nearest
      ? `out of range: nearest depot ${nearest.depotId} reaches ${fmtKm(nearest.reachM)} in this direction at ${fmtKg(parcelKg)}, order is ${fmtKm(nearest.distanceM)} away`
      : `out of range: no depot can fly a ${fmtKg(parcelKg)} parcel now (${cannotFly ?? 'no drones'})`;
    out.push({ ref: { kind: 'order', id: order.id }, reason });
  }
  return out;
}

/** A flag source for the editor's live feedback, with its own radii cache. */
export function createRangeFlagSource(cache = new ReachRadiiCache()): FlagSource {
  return (mission, frame) => rangeFlags(mission, localGeometry(mission, frame), cache);
}

/** Register the 'range' source; returns the function that removes it again. */
export function registerRangeFlags(): () => void {
  useFlagSources.getState().register(RANGE_FLAG_SOURCE, createRangeFlagSource());
  return () => useFlagSources.getState().unregister(RANGE_FLAG_SOURCE);
}
