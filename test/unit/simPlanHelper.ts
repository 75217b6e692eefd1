/**
 * Test-side plans and missions for the simulator (the real planner is built elsewhere): every order
 * gets its own direct trip from the nearest depot (up, straight across, down, drop, back), timed and
 * costed with the same cost model the simulation will use, and validated by planSchema.
 */
import { createFrame } from '../../src/core/geo/frame';
import { pointInRing, shapeRing } from '../../src/core/geo/shapes';
import { type SimTrace, positionAt } from '../../src/core/sim/trace';
import { buildTerminal } from '../../src/core/terminal/pads';
import type { CostModelFactory } from '../../src/core/sim/costFactory';
import { defaultCostModelFactory } from '../../src/core/sim/costFactory';
import { fleetDrones } from '../../src/core/mission/fleet';
import { missionFingerprint } from '../../src/core/mission/fingerprint';
import { type Mission, parseMission } from '../../src/core/mission';
import { toMissionSeconds } from '../../src/core/mission/time';
import { type Plan, planSchema } from '../../src/core/planner/plan';
import { createRng } from '../../src/core/random';
import { PRESETS } from '../../src/core/energy/presets';

type Leg = Plan['drones'][number]['trips'][number]['legs'][number];
type Waypoint = Leg['waypoints'][number];

export interface DirectPlanOptions {
  factory?: CostModelFactory;
  /** Drop hover time; default 30 s. */
  dropS?: number;
  /** Drop altitude above ground; default 15 m. */
  dropAltM?: number;
  /** Which depot serves an order; default the nearest with drones. */
  depotFor?: (orderId: string) => string;
}

export function directPlan(mission: Mission, opts: DirectPlanOptions = {}): Plan {
  const factory = opts.factory ?? defaultCostModelFactory;
  const dropS = opts.dropS ?? 30;
  const dropAltM = opts.dropAltM ?? 15;
  const frame = createFrame(mission.origin);
  const wind = { speedMps: mission.wind.speedMps, fromDeg: mission.wind.fromDeg, gustMps: 0 };
  const rho = mission.settings.airDensityKgM3;
  const fleet = fleetDrones(mission);
  const layers = mission.settings.cruiseAltitudesM;
  const drones = fleet.map((f, idx) => ({
    f,
    idx,
    model: mission.droneModels.find((m) => m.id === f.modelId)!,
    readyS: 0,
    trips: [] as Plan['drones'][number]['trips'],
  }));
  const depotXY = new Map(mission.depots.map((d) => [d.id, frame.toLocal(d.position)]));
  const terminal = buildTerminal(mission, frame);
  const outcomes: Plan['orders'] = [];
  let tripNo = 0;
  const t3 = (t: number) => Math.round(t * 1000) / 1000;

  const sortedOrders = [...mission.orders].sort(
    (a, b) => toMissionSeconds(mission.startTime, a.window.earliest) - toMissionSeconds(mission.startTime, b.window.earliest) || (a.id < b.id ? -1 : 1),
  );
  for (const order of sortedOrders) {
    const o = frame.toLocal(order.position);
    // Nearest depot that has drones.
    const chosen = opts.depotFor ? mission.depots.find((d) => d.id === opts.depotFor!(order.id)) : undefined;
    const depot = chosen ?? [...mission.depots]
      .filter((d) => drones.some((x) => x.f.depotId === d.id))
      .sort((a, b) => Math.hypot(depotXY.get(a.id)!.x - o.x, depotXY.get(a.id)!.y - o.y) - Math.hypot(depotXY.get(b.id)!.x - o.x, depotXY.get(b.id)!.y - o.y))[0];
    if (!depot) continue;
    const mine = drones.filter((x) => x.f.depotId === depot.id).sort((a, b) => a.readyS - b.readyS || a.idx - b.idx);
    const drone = mine[0];
    // Take-off and landing on the drone's own pad, as the planner does.
    const pad = terminal.homePad.get(drone.f.droneId)!;
    const dx = terminal.byDepotId.get(depot.id)!.pads[pad];
    const model = drone.model;
    const usableWh = model.batteryWh * model.usableFraction;
    const reserveWh = (usableWh * mission.settings.reserve.minPercent) / 100;
    const alt = layers[drone.idx % layers.length];
    const loaded = factory(model, order.parcelKg, wind, rho);
    const empty = factory(model, 0, wind, rho);
    const up = loaded.vertical(alt);
    const out = loaded.cruise(dx, o, alt);
    const down = loaded.vertical(dropAltM - alt);
    const hover = loaded.hover(dropS);
    const climbOut = empty.vertical(alt - dropAltM);
    const back = empty.cruise(o, dx, alt);
    const land = empty.vertical(-alt);
    if (!out.ok || !back.ok || order.parcelKg > model.maxPayloadKg) {
      outcomes.push({ orderId: order.id, status: 'unassigned', reason: 'wind-limit', message: 'cannot fly there in the forecast wind' });
      continue;
    }
    const leg1Wh = up.energyWh + out.energyWh + down.energyWh + hover.energyWh;
    const leg2Wh = climbOut.energyWh + back.energyWh + land.energyWh;
    if (leg1Wh + leg2Wh > usableWh - reserveWh) {
      outcomes.push({ orderId: order.id, status: 'unassigned', reason: 'out-of-reach', message: `needs ${(leg1Wh + leg2Wh).toFixed(0)} Wh` });
      continue;
    }
    const earliest = toMissionSeconds(mission.startTime, order.window.earliest);
    const latest = toMissionSeconds(mission.startTime, order.window.latest);
    const ready = order.readyAt !== undefined ? toMissionSeconds(mission.startTime, order.readyAt) : 0;
    const toDropS = up.durationS + out.durationS + down.durationS;
    const departS = t3(Math.max(drone.readyS, ready, earliest - toDropS - dropS + 1));
    const w = (p: { x: number; y: number }, z: number, t: number): Waypoint => {
      const [lng, lat] = frame.toLngLat(p);
      return [lng, lat, z, t3(t)];
    };
    let t = departS;
    const wp1: Waypoint[] = [w(dx, 0, t)];
    t += up.durationS;
    wp1.push(w(dx, alt, t));
    t += out.durationS;
    wp1.push(w(o, alt, t));
    t += down.durationS;
    wp1.push(w(o, dropAltM, t));
    const arriveS = t3(t);
    t += dropS;
    const doneS = t3(t);
    const wp2: Waypoint[] = [w(o, dropAltM, t)];
    t += climbOut.durationS;
    wp2.push(w(o, alt, t));
    t += back.durationS;
    wp2.push(w(dx, alt, t));
    t += land.durationS;
    wp2.push(w(dx, 0, t));
    const landS = t3(t);
    const chargeS = depot.charging.kind === 'swap' ? depot.charging.swapS : ((leg1Wh + leg2Wh) * 3600) / depot.charging.powerW;
    const readyS = t3(landS + chargeS);
    const tripId = `T${++tripNo}`;
    const leg1: Leg = {
      from: { kind: 'depot', id: depot.id },
      to: { kind: 'order', id: order.id },
      departS,
      arriveS,
      doneS,
      payloadKg: order.parcelKg,
      cruiseAltitudeM: alt,
      lengthM: Math.hypot(o.x - dx.x, o.y - dx.y),
      energyWh: leg1Wh,
      socAfter: Math.max(0, 1 - leg1Wh / usableWh),
      waypoints: wp1,
    };
    const leg2: Leg = {
      from: { kind: 'order', id: order.id },
      to: { kind: 'depot', id: depot.id },
      departS: doneS,
      arriveS: landS,
      doneS: landS,
      payloadKg: 0,
      cruiseAltitudeM: alt,
      lengthM: Math.hypot(o.x - dx.x, o.y - dx.y),
      energyWh: leg2Wh,
      socAfter: Math.max(0, 1 - (leg1Wh + leg2Wh) / usableWh),
      waypoints: wp2,
    };
    drone.trips.push({
      tripId,
      depotId: depot.id,
      landDepotId: depot.id,
      departS,
      landS,
      readyS,
      orderIds: [order.id],
      payloadKg: order.parcelKg,
      energyWh: leg1Wh + leg2Wh,
      reserveWh,
      pad,
      socStart: 1,
      socEnd: leg2.socAfter,
      legs: [leg1, leg2],
    });
    drone.readyS = readyS;
    outcomes.push({ orderId: order.id, status: 'assigned', droneId: drone.f.droneId, tripId, deliverS: doneS, lateS: t3(Math.max(0, doneS - latest)) });
  }
  const trips = drones.flatMap((d) => d.trips);
  const assigned = outcomes.filter((o) => o.status === 'assigned');
  const plan: Plan = {
    planVersion: 1,
    missionName: mission.name,
    missionFingerprint: missionFingerprint(mission),
    seed: 1,
    timeLimitS: 0,
    drones: drones.map((d) => ({ droneId: d.f.droneId, depotId: d.f.depotId, modelId: d.f.modelId, trips: d.trips })),
    orders: outcomes,
    conflicts: [],
    kpis: {
      ordersTotal: mission.orders.length,
      assigned: assigned.length,
      unassigned: outcomes.length - assigned.length,
      onTime: assigned.filter((o) => o.status === 'assigned' && o.lateS === 0).length,
      late: assigned.filter((o) => o.status === 'assigned' && o.lateS > 0).length,
      lateMinutesTotal: 0,
      servedPriority: 0,
      totalPriority: 0,
      energyWh: trips.reduce((s, t) => s + t.energyWh, 0),
      energyPerDeliveryWh: 0,
      distanceKm: 0,
      dronesUsed: drones.filter((d) => d.trips.length > 0).length,
      trips: trips.length,
    },
  };
  return planSchema.parse(plan);
}

/**
 * A random mission: `depots` depots on a ring, `dronesPerDepot` drones each, `orders` drops within
 * radiusM, promise windows spread over spanS (two hours by default).
 */
export function randomMission(seed: number, opts: { depots?: number; dronesPerDepot?: number; orders?: number; radiusM?: number; spanS?: number; windMps?: number; gustMps?: number } = {}): Mission {
  const rng = createRng(seed);
  const origin: [number, number] = [114, 22.55];
  const frame = createFrame(origin);
  const depots = opts.depots ?? 2;
  const radiusM = opts.radiusM ?? 4000;
  const spanS = opts.spanS ?? 7200;
  const ll = (x: number, y: number) => frame.toLngLat({ x, y }).map((v) => Math.round(v * 1e6) / 1e6) as [number, number];
  const depotList = Array.from({ length: depots }, (_, i) => {
    const a = (2 * Math.PI * i) / depots;
    const r = depots === 1 ? 0 : radiusM * 2 * Math.sqrt(depots / 20);
    return {
      id: `d${i + 1}`,
      name: `Depot ${i + 1}`,
      position: ll(r * Math.cos(a), r * Math.sin(a)),
      fleet: [{ modelId: 'm2-class', count: opts.dronesPerDepot ?? 2 }],
      charging: i % 2 === 0 ? { kind: 'swap', swapS: 120 } : { kind: 'charger', powerW: 2000 },
    };
  });
  const orders = Array.from({ length: opts.orders ?? 10 }, (_, i) => {
    const dep = depotList[i % depots];
    const c = frame.toLocal(dep.position);
    const a = rng.range(0, 2 * Math.PI);
    const r = radiusM * Math.sqrt(rng.range(0.05, 1));
    const earliest = Math.round(rng.range(0, spanS * 0.8));
    return {
      id: `o${i + 1}`,
      position: ll(c.x + r * Math.cos(a), c.y + r * Math.sin(a)),
      parcelKg: Math.round(rng.range(0.3, 2.4) * 10) / 10,
      window: { earliest, latest: earliest + 3600 },
      priority: 1,
      drop: 'winch',
    };
  });
  const raw = {
    schemaVersion: 1,
    name: `random ${seed}`,
    startTime: '2026-11-25T10:00:00+08:00',
    horizonS: spanS + 3600,
    origin,
    droneModels: [PRESETS['m2-class']],
    depots: depotList,
    orders,
    wind: { speedMps: opts.windMps ?? 4, fromDeg: 90, gustMps: opts.gustMps ?? 2 },
  };
  const r = parseMission(raw);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.mission;
}

/** A mission laid out in local metres around the origin (for hand-made scenarios). */
export function localMission(spec: {
  depots: { id: string; x: number; y: number; drones: number; swapS?: number }[];
  orders: { id: string; x: number; y: number; earliestS?: number; latestS?: number; parcelKg?: number }[];
  zones?: { id: string; x0: number; y0: number; x1: number; y1: number; activeFromS?: number; activeToS?: number }[];
  cruiseAltitudesM?: number[];
  windMps?: number;
  gustMps?: number;
}): Mission {
  const origin: [number, number] = [114, 22.55];
  const frame = createFrame(origin);
  const ll = (x: number, y: number) => frame.toLngLat({ x, y }).map((v) => Math.round(v * 1e7) / 1e7) as [number, number];
  const raw = {
    schemaVersion: 1,
    name: 'scenario',
    startTime: '2026-11-25T10:00:00+08:00',
    horizonS: 14_400,
    origin,
    droneModels: [PRESETS['m2-class']],
    depots: spec.depots.map((d) => ({
      id: d.id,
      name: d.id,
      position: ll(d.x, d.y),
      fleet: [{ modelId: 'm2-class', count: d.drones }],
      charging: { kind: 'swap', swapS: d.swapS ?? 120 },
    })),
    orders: spec.orders.map((o) => ({
      id: o.id,
      position: ll(o.x, o.y),
      parcelKg: o.parcelKg ?? 1,
      window: { earliest: o.earliestS ?? 0, latest: o.latestS ?? 3600 },
      priority: 1,
      drop: 'winch',
    })),
    noFlyZones: (spec.zones ?? []).map((z) => {
      const ring = [ll(z.x0, z.y0), ll(z.x1, z.y0), ll(z.x1, z.y1), ll(z.x0, z.y1), ll(z.x0, z.y0)];
      return {
        id: z.id,
        name: z.id,
        shape: { type: 'Polygon', coordinates: [ring] },
        ...(z.activeFromS !== undefined ? { active: { earliest: z.activeFromS, latest: z.activeToS ?? 14_400 } } : {}),
      };
    }),
    wind: { speedMps: spec.windMps ?? 0, fromDeg: 90, gustMps: spec.gustMps ?? 0 },
    settings: { cruiseAltitudesM: spec.cruiseAltitudesM ?? [60, 75, 90, 105] },
  };
  const r = parseMission(raw);
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.mission;
}

/** The whole seconds in fromS..toS (toS excluded) at which drone `droneIndex` of the trace is inside the mission's zone `zoneIndex`. */
export function secondsInsideZone(trace: SimTrace, mission: Mission, zoneIndex: number, fromS: number, toS: number, droneIndex = 0): number[] {
  const frame = createFrame(mission.origin);
  const ring = shapeRing(mission.noFlyZones[zoneIndex].shape, frame);
  const p = [0, 0, 0];
  const inside: number[] = [];
  for (let t = fromS; t < toS; t += 1) {
    positionAt(trace, droneIndex, t, p);
    if (pointInRing(frame.toLocal([p[0], p[1]]), ring)) inside.push(t);
  }
  return inside;
}
