/**
 * The simulator's own trace (src/core/sim) exported as CZML and KML: the file's samples are the trace's
 * samples, and linear interpolation of the CZML samples (what degree-1 Lagrange does in CesiumJS)
 * reproduces positionAt between samples.
 */
import { describe, expect, it, vi } from 'vitest';
import { type TraceLike, traceToCzml, traceToKml, czmlText } from '../../src/core/formats';
import { simulate } from '../../src/core/sim/engine';
import { type SimTrace, positionAt, socAt, stateAt } from '../../src/core/sim/trace';
import { fixtureMission, standardPlan } from './formatsFixture';

const mission = fixtureMission();
const sim = simulate(mission, standardPlan(mission));
if (!sim.ok) throw new Error(JSON.stringify(sim.errors));
const trace: SimTrace = sim.trace;
// Compile-time proof that the simulator's trace is what the writers take.
const asTraceLike: TraceLike = trace;

/** Linear interpolation in a CZML [t, lng, lat, h, ...] array. */
function czmlPositionAt(c: number[], t: number): number[] {
  const n = c.length / 4;
  if (t <= c[0]) return c.slice(1, 4);
  for (let i = 0; i + 1 < n; i++) {
    const t0 = c[4 * i];
    const t1 = c[4 * i + 4];
    if (t >= t0 && t <= t1) {
      const f = t1 > t0 ? (t - t0) / (t1 - t0) : 0;
      return [1, 2, 3].map((k) => c[4 * i + k] + f * (c[4 * i + 4 + k] - c[4 * i + k]));
    }
  }
  return c.slice(4 * n - 3, 4 * n);
}

describe('a simulated trace as CZML and KML', () => {
  const packets = JSON.parse(czmlText(traceToCzml(asTraceLike, mission))) as Record<string, any>[];

  it('CZML replays positionAt and socAt at and between samples', () => {
    expect(trace.drones.length).toBeGreaterThan(0);
    for (const d of trace.drones) {
      const p = packets.find((x) => x.id === `drone/${d.droneId}`)!;
      const c = p.position.cartographicDegrees as number[];
      expect(c.length).toBe(4 * d.tS.length);
      const soc = p.properties.stateOfCharge.number as number[];
      for (let i = 0; i + 1 < d.tS.length; i++) {
        for (const f of [0, 0.37, 0.5]) {
          const t = d.tS[i] + f * (d.tS[i + 1] - d.tS[i]);
          const want = positionAt(trace, d.droneId, t);
          const got = czmlPositionAt(c, t);
          expect(Math.abs(got[0] - want[0])).toBeLessThanOrEqual(1e-7);
          expect(Math.abs(got[1] - want[1])).toBeLessThanOrEqual(1e-7);
          expect(Math.abs(got[2] - want[2])).toBeLessThanOrEqual(0.1);
        }
        expect(Math.abs(soc[2 * i + 1] - socAt(trace, d.droneId, d.tS[i]))).toBeLessThanOrEqual(1e-9);
      }
      // State names travel as a discrete string property: an interval list, first interval the first state.
      expect(p.properties.state[0].string).toBe(trace.stateNames[d.state[0]]);
    }
  });

  it('CZML state is an interval list that covers each track, never overlaps, and says what stateAt says', () => {
    const startMs = Date.parse(trace.startTime);
    for (const d of trace.drones) {
      const p = packets.find((x) => x.id === `drone/${d.droneId}`)!;
      const intervals = p.properties.state as { interval: string; string: string }[];
      expect(Array.isArray(intervals)).toBe(true);
      const spans = intervals.map((iv) => iv.interval.split('/').map(Date.parse));
      expect(spans[0][0]).toBe(Math.round(startMs + d.tS[0] * 1000));
      expect(spans.at(-1)![1]).toBe(Math.round(startMs + d.tS[d.tS.length - 1] * 1000));
      spans.forEach(([a, b], i) => {
        expect(a).toBeLessThanOrEqual(b);
        if (i > 0) expect(a).toBe(spans[i - 1][1]);
      });
      // Midway between samples (never at a boundary), the interval holding t carries stateAt(t).
      for (let i = 0; i + 1 < d.tS.length; i++) {
        const t = (d.tS[i] + d.tS[i + 1]) / 2;
        const ms = startMs + t * 1000;
        const k = spans.findIndex(([a, b]) => a < ms && ms < b);
        if (k < 0) continue; // within a millisecond of a boundary
        expect(intervals[k].string, `${d.droneId} at ${t}`).toBe(stateAt(trace, d.droneId, t));
      }
    }
  });

  it('KML draws each trip of the trace as a LineString of its samples', () => {
    const kml = traceToKml(trace, mission);
    const lines = [...kml.matchAll(/<Placemark id="trip-[^"]*"><name>([^<]*)<\/name>[\s\S]*?<coordinates>([^<]*)<\/coordinates>/g)];
    const flown = trace.trips.filter((t) => {
      const d = trace.drones.find((x) => x.droneId === t.droneId)!;
      return d.tS.filter((s) => s >= t.departS - 1e-6 && s <= t.endS + 1e-6).length >= 2;
    });
    expect(flown.length).toBeGreaterThan(0);
    expect(lines.map((m) => m[1])).toEqual(
      trace.drones.flatMap((d) => flown.filter((t) => t.droneId === d.droneId).map((t) => `${d.droneId} ${t.tripId}`)),
    );
    for (const m of lines) {
      const t = flown.find((x) => m[1] === `${x.droneId} ${x.tripId}`)!;
      const d = trace.drones.find((x) => x.droneId === t.droneId)!;
      const samples = d.tS.map((s, i) => [s, i]).filter(([s]) => s >= t.departS - 1e-6 && s <= t.endS + 1e-6).map(([, i]) => i);
      const coords = m[2].trim().split(/\s+/).map((c) => c.split(',').map(Number));
      expect(coords).toHaveLength(samples.length);
      coords.forEach((c, k) => {
        expect(Math.abs(c[0] - d.lng[samples[k]])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[2] - d.altM[samples[k]])).toBeLessThanOrEqual(0.1);
      });
    }
  });

  it('CesiumJS itself (CzmlDataSource, @cesium/engine) loads the CZML and evaluates every property at 101 times', async () => {
    // Only the data-source half of CesiumJS runs here (no WebGL); it checks `instanceof Image` and friends.
    const g = globalThis as Record<string, unknown>;
    for (const n of ['Image', 'HTMLImageElement', 'HTMLCanvasElement', 'HTMLVideoElement', 'ImageBitmap']) g[n] ??= class {};
    const { CzmlDataSource, JulianDate } = await import('@cesium/engine');
    const ds = await CzmlDataSource.load(JSON.parse(czmlText(traceToCzml(asTraceLike, mission))));
    const start = ds.clock.startTime;
    const spanS = JulianDate.secondsDifference(ds.clock.stopTime, start);
    expect(spanS).toBeGreaterThan(0);
    const failures: string[] = [];
    let evaluated = 0;
    for (const e of ds.entities.values) {
      for (let k = 0; k <= 100; k++) {
        const t = JulianDate.addSeconds(start, (spanS * k) / 100, new JulianDate());
        const props = e.properties;
        const read: [string, { getValue(t: unknown): unknown } | undefined][] = [
          ['position', e.position],
          ['orientation', e.orientation],
          ...(props?.propertyNames ?? []).map((n): [string, { getValue(t: unknown): unknown }] => [n, (props as unknown as Record<string, { getValue(t: unknown): unknown }>)[n]]),
        ];
        for (const [name, prop] of read) {
          if (!prop) continue;
          try {
            prop.getValue(t);
            evaluated++;
          } catch (err) {
            failures.push(`${e.id}.${name} at +${(spanS * k) / 100} s: ${(err as Error).message}`);
          }
        }
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(evaluated).toBeGreaterThan(100 * trace.drones.length);
    // Inside a drone's availability, its state reads as the simulator's state there.
    const d = trace.drones[0];
    const e = ds.entities.getById(`drone/${d.droneId}`)!;
    for (let i = 0; i + 1 < d.tS.length; i++) {
      const tMid = (d.tS[i] + d.tS[i + 1]) / 2;
      const t = JulianDate.addSeconds(JulianDate.fromIso8601(trace.startTime), tMid, new JulianDate());
      expect(e.properties!.state.getValue(t), `state at ${tMid}`).toBe(stateAt(trace, d.droneId, tMid));
    }
    // The old form, state as {epoch, string: [t, name, ...]}, is what CesiumJS cannot read.
    const old = JSON.parse(czmlText(traceToCzml(asTraceLike, mission)));
    const p = old.find((x: { id: string }) => x.id === `drone/${d.droneId}`);
    p.properties.state = { epoch: trace.startTime, string: d.state.flatMap((c, i) => [d.tS[i], trace.stateNames[c]]) };
    // CesiumJS logs the failure it rejects with (SampledProperty cannot read "idle" as a sample time).
    const quiet = [vi.spyOn(console, 'log').mockImplementation(() => {}), vi.spyOn(console, 'error').mockImplementation(() => {})];
    const broken = await CzmlDataSource.load(old).then(
      (o) => {
        try {
          o.entities.getById(`drone/${d.droneId}`)!.properties!.state.getValue(JulianDate.addSeconds(start, d.tS[1], new JulianDate()));
          return false;
        } catch {
          return true;
        }
      },
      () => true,
    );
    for (const q of quiet) q.mockRestore();
    expect(broken).toBe(true);
  }, 60_000);

  it('KML has every sample of every drone with its time', () => {
    const kml = traceToKml(trace, mission);
    const startMs = Date.parse(trace.startTime);
    const whens = [...kml.matchAll(/<when>([^<]+)<\/when>/g)].map((m) => Date.parse(m[1]));
    const all = trace.drones.flatMap((d) => d.tS);
    expect(whens).toHaveLength(all.length);
    whens.forEach((w, i) => expect(Math.abs(w - (startMs + all[i] * 1000))).toBeLessThanOrEqual(1));
  });
});
