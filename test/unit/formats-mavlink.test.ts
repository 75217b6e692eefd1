/**
 * QGroundControl .plan and MAVLink WPL exports, read back by readers written here from the published
 * formats (QGC "Plan File Format", mavlink.io "File Formats") rather than by the exporter's own types.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  KNOWN_MAV_CMDS,
  exportFiles,
  importQgcPlanText,
  mavCmdName,
  mergeMissionPatch,
  qgcPlanText,
  tripToQgcPlan,
  tripToWpl,
  type ExportedFile,
  type QgcPlanFile,
} from '../../src/core/formats';
import { type Mission, parseMission } from '../../src/core/mission';
import type { Plan, Trip } from '../../src/core/planner/plan';
import { BUNDLED_MISSIONS, bundledMission, fixtureMission, fixturePlan, plannedBy, standardPlan } from './formatsFixture';

const DEG_TOL = 1e-7;
const ALT_TOL = 0.1;
const TIME_TOL = 0.001;

/** A generic mission item as both readers produce it. */
interface Item {
  command: number;
  frame: number;
  params: (number | null)[];
}

// --- independent readers ---------------------------------------------------------------------

/** Reads a .plan by the field names QGroundControl documents; throws on anything off-format. */
function readQgcPlan(text: string) {
  const doc = JSON.parse(text);
  expect(doc.fileType).toBe('Plan');
  expect(doc.version).toBe(1);
  expect(typeof doc.groundStation).toBe('string');
  const m = doc.mission;
  expect(m.version).toBe(2);
  for (const k of ['firmwareType', 'vehicleType', 'cruiseSpeed', 'hoverSpeed', 'globalPlanAltitudeMode']) expect(typeof m[k]).toBe('number');
  expect(m.plannedHomePosition).toHaveLength(3);
  const items: Item[] = m.items.map((it: Record<string, unknown>, i: number) => {
    expect(it.type).toBe('SimpleItem');
    expect(it.doJumpId).toBe(i + 1);
    expect(it.autoContinue).toBe(true);
    expect(Array.isArray(it.params) && it.params.length === 7).toBe(true);
    const hasPos = [16, 19, 21, 22, 84, 85, 94].includes(it.command as number);
    if (hasPos) {
      expect(it.Altitude).toBe((it.params as number[])[6]);
      expect(it.AltitudeMode).toBe(m.globalPlanAltitudeMode);
      expect(it.frame).toBe(m.globalPlanAltitudeMode === 1 ? 3 : 0);
      expect('AMSLAltAboveTerrain' in it).toBe(true);
    } else {
      expect(it.frame).toBe(2);
      expect('Altitude' in it).toBe(false);
    }
    return { command: it.command as number, frame: it.frame as number, params: it.params as (number | null)[] };
  });
  expect(doc.geoFence.version).toBe(2);
  expect(doc.rallyPoints.version).toBe(2);
  return { doc, items, home: m.plannedHomePosition as number[] };
}

/** Reads a QGC WPL 110 file: header, then 12 tab-separated columns; row 0 is home. */
function readWpl(text: string) {
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('QGC WPL 110');
  const rows = lines.slice(1).map((line, i) => {
    const cols = line.split('\t');
    expect(cols).toHaveLength(12);
    // Plain decimals, no exponent; param1..4 may be NaN ("unspecified"), positions never.
    cols.forEach((c, j) => expect(c).toMatch(j >= 4 && j <= 7 ? /^(-?\d+(\.\d+)?|NaN)$/ : /^-?\d+(\.\d+)?$/));
    const v = cols.map(Number);
    expect(v[0]).toBe(i); // INDEX
    expect(v[11]).toBe(1); // AUTOCONTINUE
    return v;
  });
  const [home, ...rest] = rows;
  expect(home.slice(1, 4)).toEqual([1, 0, 16]); // CURRENT_WP 1, frame 0 (AMSL), NAV_WAYPOINT
  for (const r of rest) expect(r[1]).toBe(0);
  const items: Item[] = rest.map((r) => ({ command: r[3], frame: r[2], params: r.slice(4, 11) }));
  return { home: [home[8], home[9], home[10]], items };
}

// --- what the drone flies ------------------------------------------------------------------------

/**
 * The 3D points an autopilot visits flying these items from home: take-off climbs straight up, land
 * flies over the point at the current altitude then descends, RTL goes home. [lat, lon, altAboveHome].
 */
function flownPath(items: Item[], home: number[], altBase: number): number[][] {
  const pts: number[][] = [[home[0], home[1], 0]];
  let alt = 0;
  const at = (lat: number, lon: number, a: number) => {
    pts.push([lat, lon, a]);
    alt = a;
  };
  for (const it of items) {
    const [lat, lon, rawAlt] = [it.params[4] as number, it.params[5] as number, (it.params[6] as number) - altBase];
    if (it.command === 22 || it.command === 84) {
      at(lat, lon, 0);
      at(lat, lon, rawAlt);
    } else if (it.command === 16 || it.command === 19) at(lat, lon, rawAlt);
    else if (it.command === 21 || it.command === 85) {
      at(lat, lon, alt);
      at(lat, lon, 0);
    } else if (it.command === 20) {
      at(home[0], home[1], alt);
      at(home[0], home[1], 0);
    }
  }
  return dedupe(pts);
}

function dedupe(pts: number[][]): number[][] {
  return pts.filter((p, i) => {
    const q = pts[i - 1];
    return !q || Math.abs(p[0] - q[0]) > DEG_TOL || Math.abs(p[1] - q[1]) > DEG_TOL || Math.abs(p[2] - q[2]) > ALT_TOL;
  });
}

/** The plan's trip as [lat, lon, alt] points. */
function plannedPath(trip: Trip): number[][] {
  return dedupe(trip.legs.flatMap((l) => l.waypoints.map((w) => [w[1], w[0], w[2]])));
}

function expectSamePath(actual: number[][], expected: number[][]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((p, i) => {
    expect(Math.abs(p[0] - expected[i][0]), `lat of point ${i}`).toBeLessThanOrEqual(DEG_TOL);
    expect(Math.abs(p[1] - expected[i][1]), `lon of point ${i}`).toBeLessThanOrEqual(DEG_TOL);
    expect(Math.abs(p[2] - expected[i][2]), `alt of point ${i}`).toBeLessThanOrEqual(ALT_TOL);
  });
}

/** Hold times the plan expects, in order: a hover drop's hover, a land drop's time on the ground. */
function plannedHolds(mission: Mission, trip: Trip): { command: number; seconds: number }[] {
  return trip.legs
    .filter((l) => l.to.kind === 'order')
    .map((l) => {
      const last = l.waypoints[l.waypoints.length - 1];
      const drop = mission.orders.find((o) => o.id === l.to.id)!.drop;
      return drop === 'land' ? { command: 93, seconds: l.doneS - last[3] } : { command: 19, seconds: l.doneS - l.arriveS };
    });
}

function holdsOf(items: Item[]) {
  return items.filter((i) => i.command === 19 || i.command === 93).map((i) => ({ command: i.command, seconds: i.params[0] as number }));
}

function expectSameHolds(actual: { command: number; seconds: number }[], expected: { command: number; seconds: number }[]) {
  expect(actual.map((h) => h.command)).toEqual(expected.map((h) => h.command));
  actual.forEach((h, i) => expect(Math.abs(h.seconds - expected[i].seconds)).toBeLessThanOrEqual(TIME_TOL));
}

const allTrips = (plan: Plan) => plan.drones.flatMap((d) => d.trips.map((t) => ({ drone: d, trip: t })));

// --- tests -------------------------------------------------------------------------------------------

describe('QGroundControl .plan export', () => {
  const mission = fixtureMission();
  const plan = standardPlan(mission);

  it('writes one .plan per trip, named by drone and trip, that flies the planned path', () => {
    const r = exportFiles('qgc', { mission, plan });
    expect(r.ok).toBe(true);
    const files = (r as { files: ExportedFile[] }).files;
    expect(files.map((f) => f.name).sort()).toEqual(
      ['depot-1_m2-class_1-trip-1.plan', 'depot-1_m2-class_1-trip-2.plan', 'depot-1_m2-class_2-trip-1.plan', 'depot-2_m2-class_1-trip-1.plan'].sort(),
    );
    for (const { drone, trip } of allTrips(plan)) {
      const file = files.find((f) => f.name.startsWith(`${drone.droneId.replaceAll('/', '_')}-${trip.tripId}.`))!;
      const { items, home, doc } = readQgcPlan(file.text);
      const depot = mission.depots.find((d) => d.id === trip.depotId)!;
      expect(home[0]).toBeCloseTo(depot.position[1], 9);
      expect(home[1]).toBeCloseTo(depot.position[0], 9);
      expect(doc.mission.globalPlanAltitudeMode).toBe(1);
      expect(items[0].command).toBe(22); // take-off first
      expectSamePath(flownPath(items, home, 0), plannedPath(trip));
      expectSameHolds(holdsOf(items), plannedHolds(mission, trip));
      // It ends on the ground at the landing depot.
      const landDepot = mission.depots.find((d) => d.id === trip.landDepotId)!;
      const last = items[items.length - 1];
      expect(last.command).toBe(21);
      expect(Math.abs((last.params[4] as number) - landDepot.position[1])).toBeLessThanOrEqual(DEG_TOL);
      expect(Math.abs((last.params[5] as number) - landDepot.position[0])).toBeLessThanOrEqual(DEG_TOL);
    }
  });

  it('carries cruise and hover speed, a DO_CHANGE_SPEED item and the vehicle type', () => {
    const { drone, trip } = allTrips(plan)[0];
    const r = tripToQgcPlan(mission, drone, trip);
    const { doc, items } = readQgcPlan(qgcPlanText((r as { ok: true; value: QgcPlanFile }).value));
    const model = mission.droneModels[0];
    expect(doc.mission.cruiseSpeed).toBe(model.cruiseAirspeedMps);
    expect(doc.mission.hoverSpeed).toBe(model.cruiseAirspeedMps);
    expect(doc.mission.firmwareType).toBe(12); // PX4
    expect(doc.mission.vehicleType).toBe(2); // quadrotor: the model has 4 rotors
    const speed = items.filter((i) => i.command === 178);
    expect(speed).toHaveLength(1);
    expect(speed[0].params[1]).toBe(model.cruiseAirspeedMps);
  });

  it('maps rotor count and kind to MAV_TYPE, and ArduPilot to firmwareType 3', () => {
    const { drone, trip } = allTrips(plan)[0];
    const typeFor = (patch: Partial<Mission['droneModels'][number]>) => {
      const m = { ...mission, droneModels: [{ ...mission.droneModels[0], ...patch }] };
      const r = tripToQgcPlan(m, drone, trip, { firmware: 'ardupilot' });
      if (!r.ok) throw new Error(r.message);
      expect(r.value.mission.firmwareType).toBe(3);
      return r.value.mission.vehicleType;
    };
    expect(typeFor({ rotorCount: 6 })).toBe(13);
    expect(typeFor({ rotorCount: 8 })).toBe(14);
    // QGroundControl files DECAROTOR / DODECAROTOR as generic vehicles: the nearest multirotor it knows.
    expect(typeFor({ rotorCount: 10 })).toBe(14);
    expect(typeFor({ rotorCount: 12 })).toBe(14);
    const vtolPlan = tripToQgcPlan(
      { ...mission, droneModels: [{ ...mission.droneModels[0], kind: 'fixedwing-vtol', liftToDrag: 10 }] },
      drone,
      trip,
    );
    if (!vtolPlan.ok) throw new Error(vtolPlan.message);
    expect([19, 20, 21, 22]).toContain(vtolPlan.value.mission.vehicleType);
    // A VTOL takes off and lands with the VTOL commands, and still flies the planned path.
    const { items, home } = readQgcPlan(qgcPlanText(vtolPlan.value));
    expect(items[0].command).toBe(84);
    expect(items[items.length - 1].command).toBe(85);
    expectSamePath(flownPath(items, home, 0), plannedPath(trip));
  });

  it('writes AMSL altitudes (frame 0, AltitudeMode 2) when asked, still the same path', () => {
    for (const { drone, trip } of allTrips(plan)) {
      const r = tripToQgcPlan(mission, drone, trip, { altitudeFrame: 'amsl', groundAmslM: 12.5 });
      if (!r.ok) throw new Error(r.message);
      const { items, home, doc } = readQgcPlan(qgcPlanText(r.value));
      expect(doc.mission.globalPlanAltitudeMode).toBe(2);
      expect(home[2]).toBe(12.5);
      expectSamePath(flownPath(items, home, home[2]), plannedPath(trip));
    }
  });

  it('ends with RETURN_TO_LAUNCH when asked, but lands at the other depot when the trip ends there', () => {
    const [home, away] = [allTrips(plan)[0], allTrips(plan)[3]];
    const a = tripToQgcPlan(mission, home.drone, home.trip, { finish: 'rtl' });
    const b = tripToQgcPlan(mission, away.drone, away.trip, { finish: 'rtl' });
    if (!a.ok || !b.ok) throw new Error('export failed');
    expect(a.value.mission.items.at(-1)!.command).toBe(20);
    expect(b.value.mission.items.at(-1)!.command).toBe(21);
    const { items, home: h } = readQgcPlan(qgcPlanText(a.value));
    expectSamePath(flownPath(items, h, 0), plannedPath(home.trip));
  });

  it('puts every no-fly zone in geoFence as an exclusion ([lat, lon]) and the other depots in rallyPoints', () => {
    const { drone, trip } = allTrips(plan)[0];
    const r = tripToQgcPlan(mission, drone, trip);
    const { doc } = readQgcPlan(qgcPlanText((r as { ok: true; value: QgcPlanFile }).value));
    const polygons = mission.noFlyZones.filter((z) => z.shape.type === 'Polygon');
    const circles = mission.noFlyZones.filter((z) => z.shape.type === 'Circle');
    expect(doc.geoFence.polygons).toHaveLength(polygons.length);
    expect(doc.geoFence.circles).toHaveLength(circles.length);
    doc.geoFence.polygons.forEach((p: { inclusion: boolean; polygon: number[][]; version: number }, i: number) => {
      expect(p.inclusion).toBe(false);
      expect(p.version).toBe(1);
      const shape = polygons[i].shape as { coordinates: number[][][] };
      expect(p.polygon).toEqual(shape.coordinates[0].slice(0, -1).map(([lng, lat]) => [lat, lng]));
    });
    const c = doc.geoFence.circles[0];
    expect(c.inclusion).toBe(false);
    const circle = circles[0].shape as { center: number[]; radiusM: number };
    expect(c.circle).toEqual({ center: [circle.center[1], circle.center[0]], radius: circle.radiusM });
    // Trip from depot-1: the rally point is depot-2, [lat, lon, alt].
    const d2 = mission.depots.find((d) => d.id === 'depot-2')!;
    expect(doc.rallyPoints.points).toHaveLength(1);
    expect(doc.rallyPoints.points[0].slice(0, 2)).toEqual([d2.position[1], d2.position[0]]);
  });
});

describe('MAVLink QGC WPL 110 export', () => {
  const mission = fixtureMission();
  const plan = standardPlan(mission);

  it('writes one tab-separated file per trip whose rows fly the planned path', () => {
    const r = exportFiles('wpl', { mission, plan });
    if (!r.ok) throw new Error(r.message);
    expect(r.files).toHaveLength(4);
    for (const { drone, trip } of allTrips(plan)) {
      const file = r.files.find((f) => f.name === `${drone.droneId.replaceAll('/', '_')}-${trip.tripId}.waypoints`)!;
      const { home, items } = readWpl(file.text);
      const depot = mission.depots.find((d) => d.id === trip.depotId)!;
      expect(Math.abs(home[0] - depot.position[1])).toBeLessThanOrEqual(DEG_TOL);
      expect(Math.abs(home[1] - depot.position[0])).toBeLessThanOrEqual(DEG_TOL);
      expectSamePath(flownPath(items, home, 0), plannedPath(trip));
      expectSameHolds(holdsOf(items), plannedHolds(mission, trip));
      for (const it of items) expect([2, 3]).toContain(it.frame);
    }
  });

  it('has the same items as the .plan of the same trip', () => {
    const { drone, trip } = allTrips(plan)[1];
    const w = tripToWpl(mission, drone, trip, { altitudeFrame: 'amsl', groundAmslM: 7 });
    const q = tripToQgcPlan(mission, drone, trip, { altitudeFrame: 'amsl', groundAmslM: 7 });
    if (!w.ok || !q.ok) throw new Error('export failed');
    const wpl = readWpl(w.value);
    const qgc = readQgcPlan(qgcPlanText(q.value));
    expect(wpl.home[2]).toBe(7);
    expect(wpl.items.map((i) => [i.command, i.frame])).toEqual(qgc.items.map((i) => [i.command, i.frame]));
    wpl.items.forEach((it, i) =>
      it.params.forEach((p, j) => {
        const q = qgc.items[i].params[j] as number | null;
        // The .plan's null (NaN in MAVLink, "unspecified") is NaN in WPL, not 0.
        if (q === null) expect(Number.isNaN(p)).toBe(true);
        else expect(Math.abs((p as number) - q)).toBeLessThanOrEqual(1e-9);
      }),
    );
  });

  it('refuses a plan that names a drone model the mission does not have', () => {
    const bad = fixturePlan(mission, { 'depot-1/ghost/1': [{ depotId: 'depot-1', orderIds: ['order-1'], departS: 0, altitudesM: [60, 60] }] });
    const r = exportFiles('wpl', { mission, plan: bad });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.path}: ${r.message}`).toMatch(/drones\[0\]\.trips\[0\].*unknown drone model "ghost"/);
  });
});

describe('QGroundControl geofence round trip and bad input', () => {
  const mission = fixtureMission();
  const plan = standardPlan(mission);

  it('export a geofence to .plan, import it back: the same zones and the rally depots', () => {
    const { drone, trip } = allTrips(plan)[0];
    const r = tripToQgcPlan(mission, drone, trip);
    if (!r.ok) throw new Error(r.message);
    const back = importQgcPlanText(qgcPlanText(r.value));
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    const shapes = (zs: Mission['noFlyZones']) =>
      zs.map((z) => (z.shape.type === 'Circle' ? z.shape : { type: 'Polygon', coordinates: [z.shape.coordinates[0]] }));
    // Polygons first then circles, as QGC groups them; holes are not part of a 2D geofence.
    const expected = [...mission.noFlyZones.filter((z) => z.shape.type === 'Polygon'), ...mission.noFlyZones.filter((z) => z.shape.type === 'Circle')];
    expect(shapes(back.patch.noFlyZones)).toEqual(shapes(expected));
    expect(back.patch.depots.map((d) => d.position)).toEqual([mission.depots[1].position]);
    // Merged into the mission it came from, nothing is added twice.
    const merged = mergeMissionPatch(mission, back.patch);
    if (!merged.ok) throw new Error(JSON.stringify(merged.errors));
    expect(merged.mission.noFlyZones).toHaveLength(mission.noFlyZones.length);
    expect(merged.mission.depots).toHaveLength(mission.depots.length);
    expect(merged.report!.duplicates).toHaveLength(mission.noFlyZones.length + 1);
  });

  const validPlanText = () => {
    const { drone, trip } = allTrips(plan)[0];
    const r = tripToQgcPlan(mission, drone, trip);
    if (!r.ok) throw new Error(r.message);
    return JSON.parse(qgcPlanText(r.value));
  };

  it('refuses an unknown command id, naming the item', () => {
    const doc = validPlanText();
    doc.mission.items[3].command = 999;
    const r = importQgcPlanText(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toContain('mission.items[3].command: unknown MAV_CMD 999');
  });

  it('refuses a file that is not a Plan, and text that is not JSON', () => {
    const geojson = importQgcPlanText(JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect(geojson.ok).toBe(false);
    if (!geojson.ok) expect(geojson.errors[0].path).toBe('fileType');
    const fence = importQgcPlanText(JSON.stringify({ fileType: 'GeoFence', version: 1 }));
    expect(fence.ok).toBe(false);
    if (!fence.ok) expect(fence.errors[0].message).toContain('"GeoFence"');
    const junk = importQgcPlanText('{ not json');
    expect(junk.ok).toBe(false);
  });

  it('refuses swapped or broken fence vertices with their path, and skips inclusion fences with a note', () => {
    const doc = validPlanText();
    doc.geoFence.polygons[0].polygon[2] = [114.01, 22.55]; // [lon, lat]: latitude 114 is impossible
    doc.geoFence.circles[0].circle.radius = -5;
    const r = importQgcPlanText(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const paths = r.errors.map((e) => e.path);
      expect(paths).toContain('geoFence.polygons[0].polygon[2]');
      expect(paths).toContain('geoFence.circles[0].circle.radius');
    }
    const inc = validPlanText();
    inc.geoFence.polygons[0].inclusion = true;
    const ok = importQgcPlanText(JSON.stringify(inc));
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.patch.noFlyZones).toHaveLength(mission.noFlyZones.length - 1);
      expect(ok.patch.notes.join(' ')).toContain('inclusion');
    }
  });
});

describe('any plan shape (property)', () => {
  const base = fixtureMission();
  const orderIds = base.orders.map((o) => o.id);

  it('the .plan and the WPL of random trips fly the planned path and hold for the planned drops', () => {
    const tripArb = fc.record({
      depotId: fc.constantFrom('depot-1', 'depot-2'),
      landDepotId: fc.constantFrom('depot-1', 'depot-2'),
      orders: fc.uniqueArray(fc.constantFrom(...orderIds), { minLength: 1, maxLength: 4 }),
      altitudes: fc.array(fc.integer({ min: 20, max: 150 }), { minLength: 5, maxLength: 5 }),
      departS: fc.double({ min: 0, max: 5000, noNaN: true }),
      amsl: fc.boolean(),
      drops: fc.array(fc.constantFrom('land' as const, 'winch' as const, 'hover-release' as const), { minLength: 5, maxLength: 5 }),
    });
    fc.assert(
      fc.property(tripArb, (t) => {
        const m = { ...base, orders: base.orders.map((o, i) => ({ ...o, drop: t.drops[i] })) };
        const plan = fixturePlan(m, {
          [`${t.depotId}/m2-class/1`]: [
            { depotId: t.depotId, landDepotId: t.landDepotId, orderIds: t.orders, departS: t.departS, altitudesM: t.altitudes },
          ],
        });
        const drone = plan.drones[0];
        const trip = drone.trips[0];
        const options = t.amsl ? { altitudeFrame: 'amsl' as const, groundAmslM: 33.3 } : {};
        const q = tripToQgcPlan(m, drone, trip, options);
        const w = tripToWpl(m, drone, trip, options);
        if (!q.ok || !w.ok) throw new Error('export failed');
        const qgc = readQgcPlan(qgcPlanText(q.value));
        const wpl = readWpl(w.value);
        expectSamePath(flownPath(qgc.items, qgc.home, qgc.home[2]), plannedPath(trip));
        expectSamePath(flownPath(wpl.items, wpl.home, wpl.home[2]), plannedPath(trip));
        expectSameHolds(holdsOf(qgc.items), plannedHolds(m, trip));
      }),
      { numRuns: 60, seed: 9 },
    );
  });
});

// --- the bundled missions through the real pipeline (planMission), as the autopilot reads them ------------------

const RELEASE = { gripper: 211, winch: 42600, servo: 183, place: 94 } as const;
const RELEASE_CMDS: number[] = Object.values(RELEASE);
const HOLD_TOL_S = 1;

/** What an autopilot does at each drop, read from the items: where it releases, with what, and how long it stays. */
function dropsOf(items: Item[]) {
  const drops: { at: number[]; release: Item; hold: Item; before: Item }[] = [];
  items.forEach((it, i) => {
    if (!RELEASE_CMDS.includes(it.command)) return;
    // The drop point: the last item with a position before the release (NAV_PAYLOAD_PLACE has its own).
    const before = it.command === RELEASE.place ? it : items.slice(0, i).reverse().find((x) => [16, 19, 21, 22, 84, 85].includes(x.command))!;
    drops.push({ at: before.params.slice(4, 7) as number[], release: it, hold: items[i + 1], before });
  });
  return drops;
}

/** flownPath from the take-off point: the planner takes off from the trip's pad, not the depot (home) itself. */
function flownFromTakeoff(items: Item[], home: number[], altBase = 0) {
  return flownPath(items, [items[0].params[4] as number, items[0].params[5] as number, home[2]], altBase);
}

function orderLegs(trip: Trip) {
  return trip.legs.filter((l) => l.to.kind === 'order');
}

describe('the bundled missions, planned by the planner: every drop holds for its time and releases the parcel', () => {
  for (const name of BUNDLED_MISSIONS) {
    it(`${name}: .plan and WPL hold doneS - arriveS at each drop point, right after the release command`, () => {
      const mission = bundledMission(name);
      const plan = plannedBy(mission);
      const trips = allTrips(plan);
      expect(trips.length).toBeGreaterThan(0);
      let drops = 0;
      for (const format of ['qgc', 'wpl'] as const) {
        const r = exportFiles(format, { mission, plan });
        if (!r.ok) throw new Error(r.message);
        for (const { drone, trip } of trips) {
          // Planner trip ids are `<droneId>/t<k>`: the name says the drone once (`store-01_m2-class_1-t1.plan`).
          expect(trip.tripId.startsWith(`${drone.droneId}/`)).toBe(true);
          const file = r.files.find((f) => f.name === `${drone.droneId.replaceAll('/', '_')}-${trip.tripId.slice(drone.droneId.length + 1)}.${format === 'qgc' ? 'plan' : 'waypoints'}`)!;
          const { items, home } = format === 'qgc' ? readQgcPlan(file.text) : readWpl(file.text);
          expectSamePath(flownFromTakeoff(items, home), plannedPath(trip));
          const legs = orderLegs(trip);
          const found = dropsOf(items);
          expect(found.map((d) => d.release.command)).toHaveLength(legs.length);
          legs.forEach((leg, k) => {
            const order = mission.orders.find((o) => o.id === leg.to.id)!;
            const drop = found[k];
            const last = leg.waypoints[leg.waypoints.length - 1];
            // Released at the drop point, at the drop height.
            expect(Math.abs(drop.at[0] - last[1]), `${trip.tripId} ${order.id} lat`).toBeLessThanOrEqual(DEG_TOL);
            expect(Math.abs(drop.at[1] - last[0]), `${trip.tripId} ${order.id} lon`).toBeLessThanOrEqual(DEG_TOL);
            expect(Math.abs(drop.at[2] - last[2]), `${trip.tripId} ${order.id} alt`).toBeLessThanOrEqual(ALT_TOL);
            // With the command the drop method calls for (no payloadRelease in these models).
            if (order.drop === 'winch') expect(drop.release.params.slice(0, 2)).toEqual([1, 4]); // DO_WINCH, WINCH_DELIVER
            expect(drop.release.command).toBe(order.drop === 'winch' ? RELEASE.winch : RELEASE.gripper);
            if (order.drop !== 'winch') expect(drop.release.params.slice(0, 2)).toEqual([1, 0]); // gripper 1, GRIPPER_ACTION_RELEASE
            // Then it stays for the planned drop time: hovering over the point, or on the ground.
            expect(drop.hold.command).toBe(order.drop === 'land' ? 93 : 19);
            if (drop.hold.command === 19) expect(drop.hold.params.slice(4, 7)).toEqual(drop.at);
            expect(Math.abs((drop.hold.params[0] as number) - (leg.doneS - leg.arriveS)), `${trip.tripId} ${order.id} hold`).toBeLessThanOrEqual(HOLD_TOL_S);
            expect(leg.doneS - leg.arriveS).toBeGreaterThan(1); // a real drop time, not the 0 of a hold-end waypoint
            drops++;
          });
        }
      }
      expect(drops).toBe(2 * trips.reduce((n, t) => n + orderLegs(t.trip).length, 0));
    });
  }

  it('a land drop from the planner lands, releases on the ground, waits its drop time, and takes off again', () => {
    const mission = fixtureMission(); // order-3 is a land drop
    const plan = plannedBy(mission);
    const hit = allTrips(plan).find(({ trip }) => trip.orderIds.includes('order-3'))!;
    const leg = hit.trip.legs.find((l) => l.to.id === 'order-3')!;
    const q = tripToQgcPlan(mission, hit.drone, hit.trip);
    if (!q.ok) throw new Error(q.message);
    const { items, home } = readQgcPlan(qgcPlanText(q.value));
    expectSamePath(flownFromTakeoff(items, home), plannedPath(hit.trip));
    const land = items.findIndex((it, i) => it.command === 21 && i < items.length - 1);
    expect(items.slice(land, land + 4).map((i) => i.command)).toEqual([21, 211, 93, 22]);
    expect(Math.abs((items[land + 2].params[0] as number) - (leg.doneS - leg.arriveS))).toBeLessThanOrEqual(HOLD_TOL_S);
    expect(items[land + 2].params[0]).toBeGreaterThan(1);
  });

  it('a hover over the drop point in the plan (waiting for the window) is flown as NAV_LOITER_TIME at cruise altitude', () => {
    const mission = bundledMission('tutorial');
    const plan = structuredClone(plannedBy(mission));
    const drone = plan.drones.find((d) => d.trips.length > 0)!;
    const trip = drone.trips[0];
    const leg = trip.legs[0];
    // The planner's form of a wait (src/core/paths/leg.ts): a hover at cruise altitude over the destination
    // before the descent. Insert one into the first leg and move everything after it later.
    const WAIT_S = 37.5;
    const w = leg.waypoints;
    const end = w[w.length - 1];
    const top = w.findIndex((p) => p[0] === end[0] && p[1] === end[1] && p[2] === leg.cruiseAltitudeM);
    const fromS = w[top][3];
    for (const p of trip.legs.flatMap((l) => l.waypoints)) if (p[3] >= fromS) p[3] += WAIT_S;
    w.splice(top, 0, [end[0], end[1], leg.cruiseAltitudeM, fromS]);
    for (const l of trip.legs) {
      if (l.departS > fromS) l.departS += WAIT_S;
      l.arriveS += WAIT_S;
      l.doneS += WAIT_S;
    }
    const q = tripToQgcPlan(mission, drone, trip);
    if (!q.ok) throw new Error(q.message);
    const { items, home } = readQgcPlan(qgcPlanText(q.value));
    expectSamePath(flownFromTakeoff(items, home), plannedPath(trip));
    const holds = items.filter((i) => i.command === 19);
    expect(holds.map((h) => [h.params[0], h.params[6]])).toEqual([
      [WAIT_S, leg.cruiseAltitudeM],
      ...orderLegs(trip).map((l) => [Math.round((l.doneS - l.arriveS) * 1000) / 1000, l.waypoints[l.waypoints.length - 1][2]]),
    ]);
  });

  it('releases with the command the drone model is configured for (payloadRelease), at the drop point', () => {
    const base = bundledMission('tutorial');
    const plan = plannedBy(base);
    const withRelease = (payloadRelease: unknown) => {
      const r = parseMission({ ...base, droneModels: base.droneModels.map((m) => ({ ...m, payloadRelease })) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.mission;
    };
    const firstDrops = (mission: Mission) => {
      const { drone, trip } = allTrips(plan)[0];
      const w = tripToWpl(mission, drone, trip);
      if (!w.ok) throw new Error(w.message);
      const { items } = readWpl(w.value);
      return { items, drops: dropsOf(items), legs: orderLegs(trip) };
    };
    const servo = firstDrops(withRelease({ command: 'servo', servo: 10, pwm: 1100 }));
    expect(servo.drops).toHaveLength(servo.legs.length);
    for (const d of servo.drops) expect([d.release.command, ...d.release.params.slice(0, 2)]).toEqual([183, 10, 1100]);
    const gripper = firstDrops(withRelease({ command: 'gripper', instance: 2 }));
    for (const d of gripper.drops) expect([d.release.command, ...d.release.params.slice(0, 2)]).toEqual([211, 2, 0]);
    // Payload place: NAV_PAYLOAD_PLACE at the drop point, descending at most the drop height, then the hold.
    const place = firstDrops(withRelease({ command: 'payload-place' }));
    expect(place.drops).toHaveLength(place.legs.length);
    place.drops.forEach((d, k) => {
      const leg = place.legs[k];
      const last = leg.waypoints[leg.waypoints.length - 1];
      expect(d.release.command).toBe(94);
      expect(d.release.params[0]).toBe(last[2]);
      expect(d.release.params.slice(4, 7)).toEqual([last[1], last[0], last[2]]);
      expect(d.hold.command).toBe(19);
      expect(Math.abs((d.hold.params[0] as number) - (leg.doneS - leg.arriveS))).toBeLessThanOrEqual(HOLD_TOL_S);
    });
    // ArduPilot's winch has no WINCH_DELIVER: lower the drop height before the hold, reel it in after.
    const { drone, trip } = allTrips(plan)[0];
    const ap = tripToQgcPlan(base, drone, trip, { firmware: 'ardupilot' });
    if (!ap.ok) throw new Error(ap.message);
    const apItems = readQgcPlan(qgcPlanText(ap.value)).items;
    const winchLeg = orderLegs(trip).find((l) => base.orders.find((o) => o.id === l.to.id)!.drop === 'winch')!;
    const h = winchLeg.waypoints[winchLeg.waypoints.length - 1][2];
    const lower = apItems.findIndex((i) => i.command === 42600);
    expect(apItems.slice(lower, lower + 3).map((i) => [i.command, ...i.params.slice(0, 3)])).toEqual([
      [42600, 1, 1, h],
      [19, winchLeg.doneS - winchLeg.arriveS, 0, 0],
      [42600, 1, 1, -h],
    ]);
    // A land drop lands: a winch (or payload-place) model lets go with its gripper there.
    const land = fixtureMission();
    const landPlan = plannedBy(land);
    const hit = allTrips(landPlan).find(({ trip: t }) => t.orderIds.includes('order-3'))!;
    const winchModel = { ...land, droneModels: land.droneModels.map((m) => ({ ...m, payloadRelease: { command: 'winch' as const } })) };
    const lq = tripToQgcPlan(winchModel, hit.drone, hit.trip);
    if (!lq.ok) throw new Error(lq.message);
    const li = readQgcPlan(qgcPlanText(lq.value)).items;
    const touch = li.findIndex((it, i) => it.command === 21 && i < li.length - 1);
    expect(li.slice(touch, touch + 3).map((i) => i.command)).toEqual([21, 211, 93]);
    // The loader names a release it does not know; the bundled missions (no payloadRelease) stay valid.
    const bad = parseMission({ ...base, droneModels: base.droneModels.map((m) => ({ ...m, payloadRelease: { command: 'hook' } })) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].path).toMatch(/^droneModels\[0\]\.payloadRelease/);
    for (const name of BUNDLED_MISSIONS) expect(bundledMission(name).droneModels.every((m) => m.payloadRelease === undefined)).toBe(true);
  });

  it('NaN where MAVLink means "unspecified": yaw null in the .plan is NaN in WPL, a VTOL land has no approach altitude', () => {
    const mission = bundledMission('tutorial');
    const plan = plannedBy(mission);
    const { drone, trip } = allTrips(plan)[0];
    const vtol = { ...mission, droneModels: mission.droneModels.map((m) => ({ ...m, kind: 'fixedwing-vtol' as const, liftToDrag: 10 })) };
    const q = tripToQgcPlan(vtol, drone, trip);
    const w = tripToWpl(vtol, drone, trip);
    if (!q.ok || !w.ok) throw new Error('export failed');
    const qgc = readQgcPlan(qgcPlanText(q.value));
    const wpl = readWpl(w.value);
    const takeoffAndWaypoints = qgc.items.filter((i) => [16, 84].includes(i.command));
    expect(takeoffAndWaypoints.every((i) => i.params[3] === null)).toBe(true);
    const vtolLand = qgc.items.at(-1)!;
    expect(vtolLand.command).toBe(85);
    expect(vtolLand.params[2]).toBeNull(); // approach altitude: NaN = the autopilot's default
    const wplLand = wpl.items.at(-1)!;
    expect(Number.isNaN(wplLand.params[2])).toBe(true);
    expect(Number.isNaN(wplLand.params[3])).toBe(true);
    wpl.items.forEach((it, i) => it.params.forEach((p, j) => expect(Number.isNaN(p)).toBe(qgc.items[i].params[j] === null)));
  });

  it('names MAV_CMDs as MAVLink does: 194 is DO_SET_REVERSE, 191 is DO_GO_AROUND', () => {
    expect(KNOWN_MAV_CMDS.get(194)).toBe('DO_SET_REVERSE');
    expect(mavCmdName(194)).toBe('DO_SET_REVERSE');
    expect(mavCmdName(191)).toBe('DO_GO_AROUND');
    expect(mavCmdName(999)).toBeUndefined();
  });
});

describe('importing a .plan as tolerantly as QGroundControl', () => {
  const mission = fixtureMission();
  const plan = standardPlan(mission);
  const ownPlan = () => {
    const { drone, trip } = allTrips(plan)[0];
    const r = tripToQgcPlan(mission, drone, trip);
    if (!r.ok) throw new Error(r.message);
    return JSON.parse(qgcPlanText(r.value));
  };

  it('accepts a version-1 geofence (QGroundControl SectionTest.plan style) with a warning that it is ignored', () => {
    // The shape of QGroundControl's own test file: mission version 1 items (4 params + coordinate), an old fence.
    const sectionTest = {
      fileType: 'Plan',
      geoFence: { polygon: [], version: 1 },
      groundStation: 'QGroundControl',
      mission: {
        cruiseSpeed: 15,
        firmwareType: 12,
        hoverSpeed: 5,
        items: [
          { autoContinue: true, command: 22, coordinate: [47.633, -122.088, 50], doJumpId: 1, frame: 3, params: [15, 0, 0, null], type: 'SimpleItem' },
          { autoContinue: true, command: 206, coordinate: [0, 0, 0], doJumpId: 2, frame: 2, params: [25, 0, 0, 0], type: 'SimpleItem' },
          { autoContinue: true, command: 205, coordinate: [0, 0, 0], doJumpId: 3, frame: 2, params: [0, 0, 0, 0], type: 'SimpleItem' },
          { autoContinue: true, command: 16, coordinate: [47.634, -122.087, 50], doJumpId: 4, frame: 3, params: [0, 0, 0, null], type: 'SimpleItem' },
        ],
        plannedHomePosition: [47.633, -122.088, 0],
        vehicleType: 2,
        version: 2,
      },
      rallyPoints: { points: [], version: 1 },
      version: 1,
    };
    const r = importQgcPlanText(JSON.stringify(sectionTest));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.patch.noFlyZones).toHaveLength(0);
    expect(r.patch.warnings.join(' ')).toMatch(/version 1.*ignores/);
    expect(r.patch.notes).toEqual(expect.arrayContaining(r.patch.warnings));
    // A version-1 fence with content is ignored the same way, never half-read.
    const withOld = { ...ownPlan(), geoFence: { polygon: [[22.55, 114.0], [22.56, 114.0], [22.56, 114.01]], version: 1 } };
    const old = importQgcPlanText(JSON.stringify(withOld));
    if (!old.ok) throw new Error(JSON.stringify(old.errors));
    expect(old.patch.noFlyZones).toHaveLength(0);
    expect(old.patch.warnings.join(' ')).toContain('3 vertices');
    // Other versions are still refused.
    const v3 = importQgcPlanText(JSON.stringify({ ...ownPlan(), geoFence: { ...ownPlan().geoFence, version: 3 } }));
    expect(v3.ok).toBe(false);
  });

  it('skips MAV_CMDs MAVLink defines but Skyhaul does not know, with a warning naming each; refuses ids MAVLink has not', () => {
    const doc = ownPlan();
    const item = (command: number, i: number) => ({ ...doc.mission.items[1], command, doJumpId: doc.mission.items.length + i + 1 });
    doc.mission.items.push(...[191, 193, 196, 4501, 30001, 191].map(item));
    const r = importQgcPlanText(JSON.stringify(doc));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.patch.noFlyZones).toHaveLength(mission.noFlyZones.length); // the fence still comes in
    const text = r.patch.warnings.join('\n');
    for (const [cmd, name] of [[191, 'DO_GO_AROUND'], [193, 'DO_PAUSE_CONTINUE'], [196, 'DO_SET_ROI_WPNEXT_OFFSET'], [4501, 'CONDITION_GATE'], [30001, 'PAYLOAD_PREPARE_DEPLOY']] as const) {
      expect(text).toContain(`MAV_CMD ${cmd} (${name})`);
    }
    const n = doc.mission.items.length;
    expect(text).toContain(`mission.items[${n - 6}], mission.items[${n - 1}]: MAV_CMD 191`);
    // Our own exports (release commands included) import without any warning.
    const own = importQgcPlanText(JSON.stringify(ownPlan()));
    if (!own.ok) throw new Error(JSON.stringify(own.errors));
    expect(own.patch.warnings).toEqual([]);
  });

  it('does not drop a breachReturn silently', () => {
    const doc = ownPlan();
    doc.geoFence.breachReturn = [22.551, 114.002, 40];
    const r = importQgcPlanText(JSON.stringify(doc));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.patch.warnings.join(' ')).toMatch(/breachReturn \(22\.551, 114\.002\)/);
    doc.geoFence.breachReturn = ['x'];
    const bad = importQgcPlanText(JSON.stringify(doc));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0].path).toBe('geoFence.breachReturn');
  });
});
