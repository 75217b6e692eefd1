/**
 * CZML and KML of a trace, read back by readers written here: CZML as the packet structure CesiumJS
 * documents (document packet with clock, then entities with availability, epoch-relative samples),
 * KML by a small XML tokenizer (well-formedness) and its gx:Track <when>/<gx:coord> lists.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles, planToTrace, traceToCzml, traceToKml, czmlText, type TraceLike } from '../../src/core/formats';
import { fixtureMission, standardPlan } from './formatsFixture';

const mission = fixtureMission();
const startMs = Date.parse(mission.startTime);

/** A synthetic trace: two drones, uneven sample times with sub-millisecond parts, falling SoC. */
function syntheticTrace(): TraceLike {
  const track = (droneId: string, t0: number, lng0: number, n: number) => {
    const tS: number[] = [];
    const lng: number[] = [];
    const lat: number[] = [];
    const altM: number[] = [];
    const soc: number[] = [];
    const state: number[] = [];
    for (let i = 0; i < n; i++) {
      tS.push(t0 + i * 7.3331 + (i % 3) * 0.0004);
      lng.push(lng0 + i * 0.00012345678);
      lat.push(22.55 + Math.sin(i) * 0.001);
      altM.push(i === 0 || i === n - 1 ? 0 : 60 + (i % 4) * 2.25);
      soc.push(0.95 - i * 0.003);
      state.push(i === 0 ? 0 : i === n - 1 ? 2 : 1);
    }
    return { droneId, tS, lng, lat, altM, soc, state };
  };
  return {
    startTime: mission.startTime,
    missionName: mission.name,
    stateNames: ['idle', 'cruise', 'landed'],
    drones: [track('depot-1/m2-class/1', 100.5, 114, 40), track('depot-2/m2-class/1', 950.25, 113.99, 25)],
  };
}

describe('CZML export', () => {
  const trace = syntheticTrace();
  const packets = JSON.parse(czmlText(traceToCzml(trace, mission))) as Record<string, any>[];

  it('starts with a document packet whose clock spans the day', () => {
    const doc = packets[0];
    expect(doc.id).toBe('document');
    expect(doc.version).toBe('1.0');
    const [a, b] = doc.clock.interval.split('/').map(Date.parse);
    expect(a).toBe(startMs);
    const lastS = Math.max(...trace.drones.map((d) => d.tS[d.tS.length - 1]));
    expect(Math.abs(b - (startMs + lastS * 1000))).toBeLessThanOrEqual(1);
    expect(Date.parse(doc.clock.currentTime)).toBe(startMs);
    expect(doc.clock.multiplier).toBeGreaterThan(0);
    expect(['UNBOUNDED', 'CLAMPED', 'LOOP_STOP']).toContain(doc.clock.range);
    expect(['TICK_DEPENDENT', 'SYSTEM_CLOCK_MULTIPLIER', 'SYSTEM_CLOCK']).toContain(doc.clock.step);
    // Packet ids are unique (Cesium merges packets with the same id).
    expect(new Set(packets.map((p) => p.id)).size).toBe(packets.length);
  });

  it('has per drone availability, epoch-relative samples equal to the trace, velocity orientation, path and SoC', () => {
    for (const d of trace.drones) {
      const p = packets.find((x) => x.id === `drone/${d.droneId}`)!;
      expect(p).toBeDefined();
      const [a, b] = p.availability.split('/').map(Date.parse);
      expect(Math.abs(a - (startMs + d.tS[0] * 1000))).toBeLessThanOrEqual(1);
      expect(Math.abs(b - (startMs + d.tS[d.tS.length - 1] * 1000))).toBeLessThanOrEqual(1);
      expect(Date.parse(p.position.epoch)).toBe(startMs);
      const c = p.position.cartographicDegrees as number[];
      expect(c.length).toBe(d.tS.length * 4);
      for (let i = 0; i < d.tS.length; i++) {
        expect(Math.abs(c[4 * i] - d.tS[i])).toBeLessThanOrEqual(0.001);
        expect(Math.abs(c[4 * i + 1] - d.lng[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[4 * i + 2] - d.lat[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[4 * i + 3] - d.altM[i])).toBeLessThanOrEqual(0.1);
      }
      expect(p.position.interpolationAlgorithm).toMatch(/^(LAGRANGE|LINEAR)$/);
      expect(p.orientation.velocityReference).toBe('#position');
      expect(typeof p.path.trailTime).toBe('number');
      const soc = p.properties.stateOfCharge;
      expect(Date.parse(soc.epoch)).toBe(startMs);
      expect(soc.number.filter((_: number, i: number) => i % 2 === 1)).toEqual(d.soc);
      expect(p.properties.state.string.slice(0, 4)).toEqual([d.tS[0], 'idle', d.tS[1], 'cruise']);
    }
  });

  it('adds the ground height to every altitude when asked (CZML heights are above the ellipsoid)', () => {
    const lifted = traceToCzml(trace, mission, { groundHeightM: 42 }) as Record<string, any>[];
    const p = lifted.find((x) => x.id === `drone/${trace.drones[0].droneId}`)!;
    expect(p.position.cartographicDegrees[3]).toBe(trace.drones[0].altM[0] + 42);
  });

  it('carries depots and zones as static entities', () => {
    expect(packets.filter((p) => p.id.startsWith('depot/'))).toHaveLength(mission.depots.length);
    const zones = packets.filter((p) => p.id.startsWith('zone/'));
    expect(zones).toHaveLength(mission.noFlyZones.length);
    for (const z of zones) expect(z.polygon.positions.cartographicDegrees.length % 3).toBe(0);
  });
});

// --- a small XML reader -------------------------------------------------------------------------------

/** Checks tags nest and close properly; returns the problems found. */
function xmlProblems(text: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) out.push(`</${name}> closes the wrong element`);
  }
  if (stack.length) out.push(`unclosed: ${stack.join(', ')}`);
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(body)) out.push('bare &');
  return out;
}

const all = (text: string, tag: string) => [...text.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

describe('KML export', () => {
  const trace = syntheticTrace();
  const kml = traceToKml(trace, mission);

  it('is well-formed KML 2.2 with the gx extension namespace', () => {
    expect(xmlProblems(kml)).toEqual([]);
    expect(kml).toContain('xmlns="http://www.opengis.net/kml/2.2"');
    expect(kml).toContain('xmlns:gx="http://www.google.com/kml/ext/2.2"');
  });

  it('has one gx:Track per drone whose <when> and <gx:coord> match the trace', () => {
    const placemarks = [...kml.matchAll(/<Placemark[^>]*>([\s\S]*?)<\/Placemark>/g)].map((m) => m[1]).filter((p) => p.includes('<gx:Track>'));
    expect(placemarks).toHaveLength(trace.drones.length);
    placemarks.forEach((pm, k) => {
      const d = trace.drones[k];
      expect(all(pm, 'name')[0]).toBe(d.droneId);
      expect(all(pm, 'altitudeMode')[0]).toBe('relativeToGround');
      const when = all(pm, 'when').map(Date.parse);
      const coords = all(pm, 'gx:coord').map((c) => c.split(' ').map(Number));
      expect(when).toHaveLength(d.tS.length);
      expect(coords).toHaveLength(d.tS.length);
      for (let i = 0; i < d.tS.length; i++) {
        expect(Math.abs(when[i] - (startMs + d.tS[i] * 1000))).toBeLessThanOrEqual(1);
        expect(Math.abs(coords[i][0] - d.lng[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(coords[i][1] - d.lat[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(coords[i][2] - d.altM[i])).toBeLessThanOrEqual(0.1);
      }
      const soc = all(pm, 'gx:value').map(Number);
      expect(soc).toHaveLength(d.soc.length);
      soc.forEach((v, i) => expect(Math.abs(v - d.soc[i])).toBeLessThanOrEqual(1e-6));
    });
  });

  it('escapes names', () => {
    const k = traceToKml({ ...trace, missionName: 'Tom & Jerry <deliveries>' });
    expect(xmlProblems(k)).toEqual([]);
    expect(k).toContain('Tom &amp; Jerry &lt;deliveries&gt;');
  });
});

describe('the plan as a nominal trace', () => {
  const plan = standardPlan(mission);

  it('passes through every plan waypoint at its time, and holds over the drop until the drop is done', () => {
    const trace = planToTrace(mission, plan);
    for (const drone of plan.drones) {
      const tr = trace.drones.find((d) => d.droneId === drone.droneId)!;
      for (let i = 1; i < tr.tS.length; i++) expect(tr.tS[i]).toBeGreaterThan(tr.tS[i - 1]);
      for (const leg of drone.trips.flatMap((t) => t.legs)) {
        for (const w of leg.waypoints) {
          const i = tr.tS.findIndex((t) => Math.abs(t - w[3]) <= 0.001);
          expect(i, `sample at ${w[3]}`).toBeGreaterThanOrEqual(0);
          // Where several waypoints share a time the last one is kept; all of them share the place then.
          expect(Math.abs(tr.lng[i] - w[0])).toBeLessThanOrEqual(1e-7);
          expect(Math.abs(tr.lat[i] - w[1])).toBeLessThanOrEqual(1e-7);
        }
        const j = tr.tS.findIndex((t) => Math.abs(t - leg.doneS) <= 0.001);
        expect(Math.abs(tr.soc[j] - leg.socAfter)).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('exports CZML and KML from a plan alone (no simulation yet)', () => {
    for (const format of ['czml', 'kml'] as const) {
      const r = exportFiles(format, { mission, plan });
      if (!r.ok) throw new Error(r.message);
      expect(r.files[0].name).toMatch(new RegExp(`\\.plan\\.${format}$`));
    }
    const none = exportFiles('czml', { mission });
    expect(none.ok).toBe(false);
  });
});
