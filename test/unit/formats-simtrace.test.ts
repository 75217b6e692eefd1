/**
 * The simulator's own trace (src/core/sim) exported as CZML and KML: the file's samples are the trace's
 * samples, and linear interpolation of the CZML samples (what degree-1 Lagrange does in CesiumJS)
 * reproduces positionAt between samples.
 */
import { describe, expect, it } from 'vitest';
import { type TraceLike, traceToCzml, traceToKml, czmlText } from '../../src/core/formats';
import { simulate } from '../../src/core/sim/engine';
import { type SimTrace, positionAt, socAt } from '../../src/core/sim/trace';
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
      // State names travel as a discrete string property.
      expect(p.properties.state.string[1]).toBe(trace.stateNames[d.state[0]]);
    }
  });

  it('KML has every sample of every drone with its time', () => {
    const kml = traceToKml(trace, mission);
    const startMs = Date.parse(trace.startTime);
    const whens = [...kml.matchAll(/<when>([^<]+)<\/when>/g)].map((m) => Date.parse(m[1]));
    const all = trace.drones.flatMap((d) => d.tS);
    expect(whens).toHaveLength(all.length);
    whens.forEach((w, i) => expect(Math.abs(w - (startMs + all[i] * 1000))).toBeLessThanOrEqual(1));
  });
});
