/**
 * The planner's safety net after the solver: trips the exact 3D physics rejects are split or their
 * orders left out with a reason, and busy depots get their take-offs staggered. Fed directly with
 * hand-made routes, so the solver's own caution cannot hide these paths.
 */
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, parseMission } from '../../src/core/mission';
import { computeModelArcs } from '../../src/core/planner/arcs';
import { assembleTrips } from '../../src/core/planner/assemble';
import { buildContext } from '../../src/core/planner/context';
import { buildFleetTypes, type FleetType } from '../../src/core/planner/fleetTypes';
import { firstConflict } from '../../src/core/separation/trajectory';
import { TripBuilder } from '../../src/core/planner/tripBuilder';
import { trajectoryOf } from '../../src/core/planner/assemble';

const ORIGIN: [number, number] = [114.05, 22.55];
const frame = createFrame(ORIGIN);
const ll = (x: number, y: number) => frame.toLngLat({ x, y });
const M2 = {
  id: 'm2', name: 'm2', kind: 'multirotor', emptyMassKg: 6.5, batteryMassKg: 2.6, batteryWh: 520, usableFraction: 0.85, rotorCount: 4,
  rotorDiameterM: 0.66, efficiency: 0.6, dragAreaM2: 0.1, parcelDragAreaM2: 0.03, avionicsW: 20, maxPayloadKg: 2.5, cruiseAirspeedMps: 16,
  maxAirspeedMps: 19.5, climbRateMps: 4, descentRateMps: 3, maxWindMps: 12,
};

function setup(orders: { x: number; y: number; kg: number; earliest?: number }[], drones = 1) {
  const r = parseMission({
    schemaVersion: 1,
    name: 'repair',
    startTime: '2026-05-01T08:00:00+08:00',
    horizonS: 8 * 3600,
    origin: ORIGIN,
    droneModels: [M2],
    depots: [{ id: 'd', name: 'd', position: ll(0, 0), fleet: [{ modelId: 'm2', count: drones }], charging: { kind: 'swap', swapS: 60 } }],
    orders: orders.map((o, i) => ({ id: `o${i}`, position: ll(o.x, o.y), parcelKg: o.kg, window: { earliest: o.earliest ?? 0, latest: 7200 } })),
  });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  const mission: Mission = r.mission;
  const ctx = buildContext(mission);
  const arcs = new Map([[ctx.models[0].model.id, computeModelArcs(ctx, ctx.models[0])]]);
  const types = buildFleetTypes(ctx, arcs);
  const typeOfDrone: FleetType[] = types.flatMap((t) => Array.from({ length: t.count }, () => t));
  return { ctx, types, typeOfDrone, builder: new TripBuilder(ctx) };
}

describe('planner repair', () => {
  it('splits a trip whose exact energy breaks the reserve, and every piece keeps it', () => {
    // Three drops 5-6 km out in different directions: together far beyond one battery.
    const s = setup([
      { x: 5000, y: 0, kg: 0.8 },
      { x: 0, y: 5500, kg: 0.8 },
      { x: -5000, y: 0, kg: 0.8 },
    ]);
    const all = s.builder.build({ type: s.typeOfDrone[0], orders: [0, 1, 2], readyS: 0, delayS: 0, layerRotation: 0, pad: 0 });
    expect(all.ok).toBe(false);
    const r = assembleTrips(s.ctx, s.typeOfDrone, [{ drone: 0, trips: [{ orders: [0, 1, 2], plannedDepartS: 0 }] }], s.builder);
    const trips = r.tripsByDrone[0];
    expect(trips.length).toBeGreaterThan(1);
    expect(trips.flatMap((t) => t.orders).sort()).toEqual([0, 1, 2]);
    for (const t of trips) expect(t.energyWh).toBeLessThanOrEqual(s.types[0].tripLimitWh);
    for (let i = 1; i < trips.length; i++) expect(trips[i].departS).toBeGreaterThanOrEqual(trips[i - 1].readyS);
    expect(r.dropped).toEqual([]);
  });

  it('leaves out an order that cannot be flown even alone, with out-of-reach and the numbers', () => {
    const s = setup([
      { x: 2000, y: 0, kg: 1 },
      { x: 0, y: 19_000, kg: 2.4 },
    ]);
    const r = assembleTrips(s.ctx, s.typeOfDrone, [{ drone: 0, trips: [{ orders: [1, 0], plannedDepartS: 0 }] }], s.builder);
    expect(r.dropped.map((d) => [d.order, d.reason])).toEqual([[1, 'out-of-reach']]);
    expect(r.dropped[0].message).toMatch(/needs \d+ Wh plus \d+ Wh contingency, usable energy less the final reserve is \d+ Wh/);
    expect(r.tripsByDrone[0].flatMap((t) => t.orders)).toEqual([0]);
  });

  it('staggers six drones leaving one depot for the same spot at the same time', () => {
    const orders = Array.from({ length: 6 }, (_, i) => ({ x: 3000, y: 10 * i, kg: 2.4, earliest: 900 }));
    const s = setup(orders, 6);
    const routes = orders.map((_, i) => ({ drone: i, trips: [{ orders: [i], plannedDepartS: 0 }] }));
    const r = assembleTrips(s.ctx, s.typeOfDrone, routes, s.builder);
    expect(r.placed).toHaveLength(6);
    expect(r.deconflictedTrips).toBeGreaterThan(0);
    // Independent pairwise check of what was placed against what is listed.
    const listed = new Set(r.conflicts.map((c) => `${Math.min(c.a, c.b)}-${Math.max(c.a, c.b)}`));
    const sep = s.ctx.mission.settings.separation;
    for (let i = 0; i < r.placed.length; i++)
      for (let j = i + 1; j < r.placed.length; j++) {
        const a = r.placed[i];
        const b = r.placed[j];
        const hit = firstConflict(trajectoryOf(a.trip), trajectoryOf(b.trip), sep);
        if (hit) expect(listed.has(`${Math.min(a.slot, b.slot)}-${Math.max(a.slot, b.slot)}`)).toBe(true);
      }
    // Different take-off times or layers for every pair that starts together.
    const starts = r.placed.map((p) => `${p.trip.departS.toFixed(1)}@${p.trip.legs[0].altitudeM}`);
    expect(new Set(starts).size).toBe(starts.length);
  });
});
