/**
 * Test-side fixtures for the format tests: the tutorial mission, extended so every export path is hit
 * (a `land` drop, a circular zone, a zone with a hole wound the "wrong" way, a second depot that is a
 * rally point and a landing site), and a small valid Plan built by hand (no planner involved); and the
 * bundled missions planned by the planner itself (its conventions, e.g. the hold-end waypoint at doneS).
 */
import { readFileSync } from 'node:fs';
import { type Mission, parseMission, missionFingerprint } from '../../src/core/mission';
import { createFrame } from '../../src/core/geo/frame';
import { type Plan, type Waypoint, planSchema } from '../../src/core/planner/plan';
import { planMission } from '../../src/core/planner';

export function fixtureMission(): Mission {
  const raw = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
  raw.orders.find((o: { id: string }) => o.id === 'order-3').drop = 'land';
  raw.depots.push({
    id: 'depot-2',
    name: 'Second store',
    position: [113.99, 22.545],
    fleet: [{ modelId: 'm2-class', count: 1 }],
    charging: { kind: 'swap', swapS: 120 },
  });
  raw.noFlyZones.push({
    id: 'nfz-helipad',
    name: 'Hospital helipad',
    shape: { type: 'Circle', center: [114.02, 22.555], radiusM: 250 },
    floorM: 0,
    ceilingM: 150,
  });
  raw.noFlyZones.push({
    id: 'nfz-ring',
    name: 'Stadium ring',
    // Outer ring clockwise and hole counter-clockwise on purpose: the GeoJSON export must rewind them.
    shape: {
      type: 'Polygon',
      coordinates: [
        [[113.97, 22.56], [113.97, 22.565], [113.975, 22.565], [113.975, 22.56], [113.97, 22.56]],
        [[113.971, 22.561], [113.974, 22.561], [113.974, 22.564], [113.971, 22.564], [113.971, 22.561]],
      ],
    },
    floorM: 40,
    active: { earliest: 600, latest: 7200 },
  });
  const r = parseMission(raw);
  if (!r.ok) throw new Error(`fixture mission invalid: ${JSON.stringify(r.errors)}`);
  return r.mission;
}

const SPEED_MPS = 15;
const CLIMB_MPS = 4;
const DESCENT_MPS = 3;
const DROP_S = { winch: 35.5, 'hover-release': 8.25, land: 61.125 } as const;

interface TripSpec {
  depotId: string;
  landDepotId?: string;
  orderIds: string[];
  departS: number;
  /** Cruise altitude per leg (orders.length + 1 legs). */
  altitudesM: number[];
}

/** A hand-built valid Plan: straight legs with a dog-leg, vertical climbs and descents, drop hovers. */
export function fixturePlan(mission: Mission, spec: Record<string, TripSpec[]>): Plan {
  const frame = createFrame(mission.origin);
  const pos = (kind: 'depot' | 'order', id: string) => {
    const p = kind === 'depot' ? mission.depots.find((d) => d.id === id)?.position : mission.orders.find((o) => o.id === id)?.position;
    if (!p) throw new Error(`no ${kind} ${id}`);
    return p;
  };
  const dist = (a: readonly number[], b: readonly number[]) => {
    const pa = frame.toLocal([a[0], a[1]]);
    const pb = frame.toLocal([b[0], b[1]]);
    return Math.hypot(pa.x - pb.x, pa.y - pb.y);
  };

  const drones = Object.entries(spec).map(([droneId, trips]) => {
    const [depotId, modelId] = droneId.split('/');
    return {
      droneId,
      depotId,
      modelId,
      trips: trips.map((t, tripIndex) => {
        const stops = [
          { kind: 'depot' as const, id: t.depotId },
          ...t.orderIds.map((id) => ({ kind: 'order' as const, id })),
          { kind: 'depot' as const, id: t.landDepotId ?? t.depotId },
        ];
        let now = t.departS;
        let soc = 0.95;
        let altNow = 0; // on the ground at the depot
        const legs = [];
        for (let i = 0; i + 1 < stops.length; i++) {
          const from = stops[i];
          const to = stops[i + 1];
          const a = pos(from.kind, from.id);
          const b = pos(to.kind, to.id);
          const alt = t.altitudesM[i];
          const wps: Waypoint[] = [];
          const departS = now;
          wps.push([a[0], a[1], altNow, now]);
          now += Math.abs(alt - altNow) / (alt > altNow ? CLIMB_MPS : DESCENT_MPS);
          wps.push([a[0], a[1], alt, now]);
          // A dog-leg point a little off the straight line.
          const mid: [number, number] = [(a[0] + b[0]) / 2 + 0.0013, (a[1] + b[1]) / 2 - 0.0007];
          now += dist(a, mid) / SPEED_MPS;
          wps.push([mid[0], mid[1], alt, now]);
          now += dist(mid, b) / SPEED_MPS;
          wps.push([b[0], b[1], alt, now]);
          const arriveS = now;
          const order = to.kind === 'order' ? mission.orders.find((o) => o.id === to.id) : undefined;
          const lands = !order || order.drop === 'land';
          if (lands) {
            now += alt / DESCENT_MPS;
            wps.push([b[0], b[1], 0, now]);
            altNow = 0;
          } else altNow = alt;
          const doneS = order ? now + DROP_S[order.drop] : now;
          now = doneS;
          soc -= 0.07;
          legs.push({
            from,
            to,
            departS,
            arriveS,
            doneS,
            payloadKg: 1,
            cruiseAltitudeM: alt,
            lengthM: dist(a, mid) + dist(mid, b),
            energyWh: 30,
            socAfter: soc,
            waypoints: wps,
          });
        }
        return {
          tripId: `trip-${tripIndex + 1}`,
          depotId: t.depotId,
          landDepotId: t.landDepotId ?? t.depotId,
          departS: t.departS,
          landS: now,
          readyS: now + 600,
          orderIds: t.orderIds,
          payloadKg: 1,
          energyWh: 30 * legs.length,
          reserveWh: 96,
          socStart: 0.95,
          socEnd: soc,
          legs,
        };
      }),
    };
  });
  const plan = {
    planVersion: 1,
    missionName: mission.name,
    missionFingerprint: missionFingerprint(mission),
    seed: 1,
    timeLimitS: 10,
    drones,
    orders: [],
    conflicts: [],
    kpis: {
      ordersTotal: 0, assigned: 0, unassigned: 0, onTime: 0, late: 0, lateMinutesTotal: 0, servedPriority: 0,
      totalPriority: 0, energyWh: 0, energyPerDeliveryWh: 0, distanceKm: 0, dronesUsed: drones.length, trips: 0,
    },
  };
  return planSchema.parse(plan);
}

/** The standard fixture plan: multi-drop hover trip, a land-drop trip, a trip landing at another depot. */
export function standardPlan(mission: Mission): Plan {
  return fixturePlan(mission, {
    'depot-1/m2-class/1': [
      { depotId: 'depot-1', orderIds: ['order-1', 'order-2'], departS: 120.25, altitudesM: [60, 75, 90] },
      { depotId: 'depot-1', orderIds: ['order-3'], departS: 2400.5, altitudesM: [105, 60] },
    ],
    'depot-1/m2-class/2': [{ depotId: 'depot-1', orderIds: ['order-4'], departS: 1800, altitudesM: [75, 90] }],
    'depot-2/m2-class/1': [{ depotId: 'depot-2', landDepotId: 'depot-1', orderIds: ['order-5'], departS: 2500, altitudesM: [60, 60] }],
  });
}

// --- fixtures from the real pipeline ----------------------------------------------------------------------

/** The missions shipped in missions/ (the "bundled missions"). */
export const BUNDLED_MISSIONS = ['tutorial', 'shenzhen-two-hour', 'shenzhen-40-stores'] as const;

export function bundledMission(name: string): Mission {
  const r = parseMission(JSON.parse(readFileSync(`missions/${name}.json`, 'utf8')));
  if (!r.ok) throw new Error(`missions/${name}.json invalid: ${JSON.stringify(r.errors)}`);
  return r.mission;
}

const planned = new Map<Mission, Plan>();

/** The planner's own plan of a mission (planMission, 300 iterations, seed 1): its conventions, not a hand-built plan's. */
export function plannedBy(mission: Mission): Plan {
  let plan = planned.get(mission);
  if (!plan) {
    plan = planMission(mission, { iterations: 300, seed: 1 }).plan;
    planned.set(mission, plan);
  }
  return plan;
}
