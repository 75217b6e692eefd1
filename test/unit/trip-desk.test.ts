/**
 * The dispatcher's desk helpers: the measuring tool's distances and bearings (checked against
 * haversine and turf, independent of the mission's metric frame), the buildings under a track, a trip's
 * waypoint table, and the trip edit (a trip flown at another layer by the planner's own trip builder).
 */
import { readFileSync } from 'node:fs';
import { bearing as turfBearing, point } from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFrame, type LngLat, type XY } from '../../src/core/geo/frame';
import { formatBearing, formatDistance, measure, trueBearingDeg } from '../../src/core/geo/measure';
import { type Mission, parseMissionText } from '../../src/core/mission';
import { buildingHeightsAlong } from '../../src/core/paths/profile';
import { distanceToRing, pointInRing } from '../../src/core/geo/shapes';
import { type Plan, planMission, planSchema } from '../../src/core/planner';
import { applyTripEdit, recheckTripAtLayer, tripLayers } from '../../src/core/planner/tripEdit';
import { tripCruiseAltitudeM, tripTrack, tripWaypointRows } from '../../src/core/planner/tripView';
import { metresBetween } from '../haversine';

const SHENZHEN: LngLat = [114.05, 22.55];

describe('measuring tool', () => {
  const frame = createFrame(SHENZHEN);
  const at = (x: number, y: number) => frame.toLngLat({ x, y }) as LngLat;

  it('segment distances agree with haversine within 0.01 % over a city (up to ~30 km from the origin)', () => {
    const pts: LngLat[] = [at(0, 0), at(1200, 350), at(-8000, 14_000), at(21_000, -9_000), [114.3, 22.7]];
    const m = measure(pts, frame);
    expect(m.segments).toHaveLength(4);
    let total = 0;
    m.segments.forEach((s, i) => {
      const h = metresBetween(pts[i], pts[i + 1]);
      total += h;
      expect(Math.abs(s.distanceM - h) / h).toBeLessThan(1e-4);
    });
    expect(Math.abs(m.totalM - total) / total).toBeLessThan(1e-4);
    expect(m.totalM).toBeCloseTo(
      m.segments.reduce((s, x) => s + x.distanceM, 0),
      9,
    );
  });

  it('bearings are true bearings (turf), and plain compass points come out right', () => {
    const pts: LngLat[] = [at(0, 0), at(0, 1000), at(1000, 1000), at(-3000, -2000), [114.32, 22.41]];
    for (let i = 1; i < pts.length; i++) {
      const turf = (turfBearing(point([...pts[i - 1]]), point([...pts[i]])) + 360) % 360;
      const ours = trueBearingDeg(pts[i - 1], pts[i]);
      const diff = Math.abs(((ours - turf + 540) % 360) - 180);
      expect(diff).toBeLessThan(1e-6);
    }
    expect(trueBearingDeg([114, 22], [114, 22.01])).toBeCloseTo(0, 6);
    expect(trueBearingDeg([114, 22], [114.01, 22])).toBeCloseTo(90, 2);
    expect(trueBearingDeg([114, 22], [114, 21.99])).toBeCloseTo(180, 6);
    expect(trueBearingDeg([114, 22], [113.99, 22])).toBeCloseTo(270, 2);
  });

  it('formats distances and bearings', () => {
    expect(formatDistance(7.25)).toBe('7.3 m');
    expect(formatDistance(850.4)).toBe('850 m');
    expect(formatDistance(1250)).toBe('1.250 km');
    expect(formatDistance(12_345)).toBe('12.35 km');
    expect(formatBearing(5.04)).toBe('005.0°');
    expect(formatBearing(359.96)).toBe('000.0°');
    expect(formatBearing(270)).toBe('270.0°');
  });

  it('one point or none measures nothing', () => {
    expect(measure([], frame)).toEqual({ segments: [], totalM: 0 });
    expect(measure([SHENZHEN], frame)).toEqual({ segments: [], totalM: 0 });
  });
});

describe('buildings under a track', () => {
  const rect = (cx: number, cy: number, hx: number, hy: number): XY[] => [
    { x: cx - hx, y: cy - hy },
    { x: cx + hx, y: cy - hy },
    { x: cx + hx, y: cy + hy },
    { x: cx - hx, y: cy + hy },
  ];
  // Track along y = 0 from x = 0 to 1000, then north to (1000, 300).
  const track: XY[] = [
    { x: 0, y: 0 },
    { x: 1000, y: 0 },
    { x: 1000, y: 300 },
  ];
  const buildings = [
    { id: 'low', ring: rect(200, 0, 20, 20), heightM: 30 }, // under the track, x 180..220
    { id: 'tall-inside-low', ring: rect(205, 0, 5, 5), heightM: 45 }, // on top of part of it, x 200..210
    { id: 'beside', ring: rect(500, 40, 10, 10), heightM: 80 }, // 30 m north of the track (edge at y = 30)
    { id: 'far', ring: rect(700, 400, 10, 10), heightM: 200 },
    { id: 'corner', ring: rect(1000, 150, 15, 15), heightM: 12 }, // under the second stretch
  ];

  it('samples every step (ends and bends included) with the tallest building under each sample', () => {
    const s = buildingHeightsAlong(track, buildings, { stepM: 5 });
    expect(s[0].distM).toBe(0);
    expect(s.at(-1)!.distM).toBeCloseTo(1300, 9);
    expect(s.some((g) => g.x === 1000 && g.y === 0)).toBe(true);
    for (let i = 1; i < s.length; i++) {
      const d = s[i].distM - s[i - 1].distM;
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(5 + 1e-9);
    }
    const under = (x: number, y: number) => s.find((g) => Math.abs(g.x - x) < 1e-6 && Math.abs(g.y - y) < 1e-6)!;
    expect(under(190, 0).underM).toBe(30);
    expect(under(190, 0).underId).toBe('low');
    expect(under(205, 0).underM).toBe(45);
    expect(under(205, 0).underId).toBe('tall-inside-low');
    expect(under(300, 0).underM).toBe(0);
    expect(under(500, 0).underM).toBe(0); // beside the track, not under it
    expect(under(1000, 150).underM).toBe(12);
    // Independent check of every sample against a brute-force point in polygon.
    for (const g of s) {
      const expected = Math.max(0, ...buildings.filter((b) => pointInRing(g, b.ring)).map((b) => b.heightM));
      expect(g.underM).toBe(expected);
    }
  });

  it('counts a building within the margin as near the track, not one further away', () => {
    const s = buildingHeightsAlong(track, buildings, { stepM: 5, nearM: 35 });
    const at500 = s.find((g) => Math.abs(g.x - 500) < 1e-6 && g.y === 0)!;
    expect(at500.underM).toBe(0);
    expect(at500.nearM).toBe(80);
    expect(Math.max(...s.map((g) => g.nearM))).toBe(80); // 'far' is 100 m from the track's end
    const tight = buildingHeightsAlong(track, buildings, { stepM: 5, nearM: 25 });
    expect(tight.find((g) => Math.abs(g.x - 500) < 1e-6 && g.y === 0)!.nearM).toBe(0);
    for (const g of s) {
      const expected = Math.max(0, ...buildings.filter((b) => pointInRing(g, b.ring) || distanceToRing(g, b.ring) <= 35).map((b) => b.heightM));
      expect(g.nearM).toBe(expected);
    }
  });

  it('keeps at most maxSamples on a long track', () => {
    const long: XY[] = [
      { x: 0, y: 0 },
      { x: 50_000, y: 0 },
    ];
    const s = buildingHeightsAlong(long, [], { stepM: 5, maxSamples: 1000 });
    expect(s.length).toBeLessThanOrEqual(1000);
    expect(s.at(-1)!.distM).toBeCloseTo(50_000, 6);
  });
});

describe('a planned trip of the tutorial mission', () => {
  let mission: Mission;
  let plan: Plan;

  beforeAll(() => {
    const r = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
    if (!r.ok) throw new Error('tutorial mission does not load');
    mission = r.mission;
    plan = planMission(mission, { seed: 1, iterations: 3000 }).plan;
  }, 120_000);

  const trips = () => plan.drones.flatMap((d) => d.trips.map((t) => ({ droneId: d.droneId, trip: t })));

  it('waypoint table: one row per waypoint of the plan, kinds in flying order, leg energy and battery on leg ends', () => {
    const frame = createFrame(mission.origin);
    expect(trips().length).toBeGreaterThan(0);
    for (const { trip } of trips()) {
      const rows = tripWaypointRows(trip, frame);
      expect(rows).toHaveLength(trip.legs.reduce((n, l) => n + l.waypoints.length, 0));
      expect(rows[0].kind).toBe('take-off');
      expect(rows.at(-1)!.kind).toBe('landing');
      expect(rows.at(-1)!.altM).toBe(0);
      const kinds = new Set(rows.map((r) => r.kind));
      for (const k of ['top of climb', 'cruise', 'descent', 'drop'] as const) expect(kinds.has(k)).toBe(true);
      // Distances: horizontal haversine between consecutive waypoints (independent of the frame).
      const flat = trip.legs.flatMap((l) => l.waypoints);
      let along = 0;
      rows.forEach((r, i) => {
        const h = i === 0 ? 0 : metresBetween(flat[i - 1], flat[i]);
        along += h;
        expect(Math.abs(r.fromPreviousM - h)).toBeLessThan(0.01 + h * 1e-4);
        expect(Math.abs(r.distM - along)).toBeLessThan(0.05 + along * 1e-4);
        expect(r.tS).toBe(flat[i][3]);
        expect(r.altM).toBe(flat[i][2]);
      });
      // Altitudes: never above the trip's cruise layer, which is reached.
      expect(Math.max(...rows.map((r) => r.altM))).toBe(tripCruiseAltitudeM(trip));
      const ends = rows.filter((r) => r.legEnergyWh !== undefined);
      expect(ends).toHaveLength(trip.legs.length);
      expect(ends.reduce((s, r) => s + r.legEnergyWh!, 0)).toBeCloseTo(trip.energyWh, 2);
      expect(ends.at(-1)!.socAfter).toBeCloseTo(trip.socEnd, 5);
      // Drops: at an order, at the end of its leg, at the order's position.
      for (const r of rows.filter((x) => x.kind === 'drop')) {
        const leg = trip.legs[r.leg];
        expect(leg.to.kind).toBe('order');
        expect(r.tS).toBeLessThanOrEqual(leg.doneS + 1e-6);
      }
      expect(tripTrack(trip, frame).length).toBeGreaterThan(1);
    }
  });

  it('rebuilding a trip at its own layers gives the plan trip back: the edit uses the planner exactly', () => {
    for (const { droneId, trip } of trips()) {
      const r = recheckTripAtLayer(mission, plan, trip.tripId, tripLayers(trip));
      expect(r.droneId).toBe(droneId);
      expect(r.trip).toBeDefined();
      const t = r.trip!;
      expect(t.legs.length).toBe(trip.legs.length);
      expect(Math.abs(t.departS - trip.departS)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(t.landS - trip.landS)).toBeLessThanOrEqual(0.002);
      expect(t.energyWh).toBeCloseTo(trip.energyWh, 3);
      expect(t.pad).toBe(trip.pad);
      t.legs.forEach((leg, i) => {
        expect(leg.cruiseAltitudeM).toBe(trip.legs[i].cruiseAltitudeM);
        expect(leg.waypoints.length).toBe(trip.legs[i].waypoints.length);
        leg.waypoints.forEach((w, k) => {
          const o = trip.legs[i].waypoints[k];
          expect(metresBetween(w, o)).toBeLessThan(0.01);
          expect(w[2]).toBe(o[2]);
          expect(Math.abs(w[3] - o[3])).toBeLessThanOrEqual(0.002);
        });
      });
      const planConflicts = plan.conflicts.filter((c) => c.a.tripId === trip.tripId || c.b.tripId === trip.tripId).length;
      if (planConflicts === 0) expect(r.problems).toEqual([]);
      expect(r.ok).toBe(planConflicts === 0);
    }
  });

  it('another layer: every leg flies there, or the check says why; a passing edit applies to a valid plan', () => {
    const layers = mission.settings.cruiseAltitudesM;
    let applied = 0;
    for (const { trip } of trips()) {
      for (const layer of layers) {
        const r = recheckTripAtLayer(mission, plan, trip.tripId, layer);
        if (!r.ok) {
          expect(r.problems.length).toBeGreaterThan(0);
          continue;
        }
        expect(r.trip!.legs.every((l) => l.cruiseAltitudeM === layer)).toBe(true);
        expect(Math.max(...r.trip!.legs.flatMap((l) => l.waypoints.map((w) => w[2])))).toBe(layer);
        expect(r.trip!.departS).toBeGreaterThanOrEqual(trip.departS - 0.002);
        const next = applyTripEdit(mission, plan, r);
        expect(planSchema.safeParse(next).success).toBe(true);
        const edited = next.drones.flatMap((d) => d.trips).find((t) => t.tripId === trip.tripId)!;
        expect(edited).toEqual(r.trip);
        for (const d of r.deliveries) {
          const o = next.orders.find((x) => x.orderId === d.orderId)!;
          expect(o.status).toBe('assigned');
          if (o.status === 'assigned') expect(o.deliverS).toBeCloseTo(d.deliverS, 3);
        }
        const energy = next.drones.flatMap((d) => d.trips).reduce((s, t) => s + t.energyWh, 0);
        expect(next.kpis.energyWh).toBeCloseTo(energy, 1);
        // The other trips are untouched.
        expect(next.drones.flatMap((d) => d.trips).filter((t) => t.tripId !== trip.tripId)).toEqual(
          plan.drones.flatMap((d) => d.trips).filter((t) => t.tripId !== trip.tripId),
        );
        applied++;
      }
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('refuses a height that is not a layer, and a trip that would make the next one leave before its battery is ready', () => {
    const { trip } = trips()[0];
    const r = recheckTripAtLayer(mission, plan, trip.tripId, 77);
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/77 m is not one of the mission's cruise layers/);
    expect(() => applyTripEdit(mission, plan, r)).toThrow();
    expect(recheckTripAtLayer(mission, plan, 'nobody/t9', 60).problems[0]).toMatch(/not in the plan/);

    const drone = plan.drones.find((d) => d.trips.length >= 2);
    if (!drone) return;
    // Make the drone's second trip take off right at the first one's landing (before the recharge).
    const squeezed: Plan = structuredClone(plan);
    const d = squeezed.drones.find((x) => x.droneId === drone.droneId)!;
    d.trips[1].departS = d.trips[0].landS;
    const s = recheckTripAtLayer(mission, squeezed, d.trips[0].tripId, tripLayers(d.trips[0]));
    expect(s.ok).toBe(false);
    expect(s.problems.join(' ')).toMatch(/next trip .* takes off at .* before this trip's battery is ready/);
  });
});

describe('the trip panel store', () => {
  it('re-checks the selected trip (the worker API in this thread), applies it to the plan and drops the old simulation', async () => {
    const { useMissionStore } = await import('../../src/state/missionStore');
    const { usePlanStore } = await import('../../src/state/planStore');
    const { setTripRecheckRunner, useTripStore } = await import('../../src/state/tripStore');
    const { tripWorkerApi } = await import('../../src/workers/tripWorker');
    const r = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
    if (!r.ok) throw new Error('tutorial mission does not load');
    useMissionStore.getState().setMission(r.mission);
    const mission = useMissionStore.getState().mission;
    const plan = planMission(mission, { seed: 1, iterations: 3000 }).plan;
    usePlanStore.getState().setResults({ plan, mission });
    const calls: number[] = [];
    setTripRecheckRunner(async (m, p, tripId, alt) => {
      calls.push(alt);
      return tripWorkerApi.recheck(m, p, tripId, alt);
    });
    try {
      const d = plan.drones.find((x) => x.trips.length > 0)!;
      const trip = d.trips[0];
      useTripStore.getState().selectTrip({ droneId: d.droneId, tripId: trip.tripId });
      // A layer the mission does not have: refused, nothing to apply.
      await useTripStore.getState().recheck(77);
      const refused = useTripStore.getState().edit;
      expect(refused.status).toBe('checked');
      if (refused.status === 'checked') expect(refused.result.ok).toBe(false);
      expect(useTripStore.getState().apply()).toBe(false);
      // The lowest layer (the tutorial's first trip flies at every layer).
      const layer = mission.settings.cruiseAltitudesM[0];
      await useTripStore.getState().recheck(layer);
      const e = useTripStore.getState().edit;
      expect(e.status).toBe('checked');
      if (e.status !== 'checked') return;
      expect(e.result.ok).toBe(true);
      expect(useTripStore.getState().apply()).toBe(true);
      const next = usePlanStore.getState().plan!;
      expect(next).not.toBe(plan);
      expect(next.drones.flatMap((x) => x.trips).find((t) => t.tripId === trip.tripId)!.legs.every((l) => l.cruiseAltitudeM === layer)).toBe(true);
      expect(usePlanStore.getState().trace).toBeNull();
      // The panel still shows the trip (same id), the edit is closed.
      expect(useTripStore.getState().selected).toEqual({ droneId: d.droneId, tripId: trip.tripId });
      expect(useTripStore.getState().edit.status).toBe('idle');
      expect(calls).toEqual([77, layer]);
      // A new plan without the trip closes the panel.
      usePlanStore.getState().clearResults();
      expect(useTripStore.getState().selected).toBeNull();
    } finally {
      setTripRecheckRunner(null);
    }
  });
});

describe('the measuring tool store', () => {
  it('snaps a click within the radius to a depot or drop point, keeps others as clicked, and clears when the tool changes', async () => {
    const { useMissionStore } = await import('../../src/state/missionStore');
    const { useEditorStore } = await import('../../src/state/editorStore');
    const { addMeasurePoint, useMeasureStore } = await import('../../src/state/measureStore');
    const { clickGround } = await import('../../src/state/tools');
    const r = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
    if (!r.ok) throw new Error('tutorial mission does not load');
    useMissionStore.getState().setMission(r.mission);
    const frame = useMissionStore.getState().frame;
    const depot = r.mission.depots[0].position;
    const near = frame.toLngLat({ x: frame.toLocal(depot).x + 6, y: frame.toLocal(depot).y - 5 });
    const open = frame.toLngLat({ x: frame.toLocal(depot).x + 300, y: frame.toLocal(depot).y + 200 });
    useEditorStore.getState().setTool('measure');
    useMeasureStore.getState().clear();
    clickGround(near, 10); // the editor's click path with the tool: snapped (7.8 m away)
    addMeasurePoint(open, 10);
    addMeasurePoint(near, 5); // outside a 5 m radius: as clicked
    expect(useMeasureStore.getState().points).toEqual([[depot[0], depot[1]], [open[0], open[1]], [near[0], near[1]]]);
    useMeasureStore.getState().removeLast();
    expect(useMeasureStore.getState().points).toHaveLength(2);
    useEditorStore.getState().setTool('select');
    expect(useMeasureStore.getState().points).toEqual([]);
  });
});
