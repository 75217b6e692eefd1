import { padObstacles, padPositions } from '../../src/core/terminal/pads';
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { createRng } from '../../src/core/random';
import { simulate } from '../../src/core/sim/engine';
import {
  type SimTrace,
  droneIndex,
  firstEventAtOrAfter,
  positionAt,
  sampleIndexAt,
  socAt,
  stateAt,
} from '../../src/core/sim/trace';
import { DRONE_STATES } from '../../src/core/sim/states';
import { directPlan, randomMission } from './simPlanHelper';

const mission = randomMission(21, { depots: 2, dronesPerDepot: 3, orders: 14, windMps: 5, gustMps: 3 });
const trace: SimTrace = (() => {
  const r = simulate(mission, directPlan(mission), { seed: 9 });
  if (!r.ok) throw new Error('refused');
  return r.trace;
})();
const frame = createFrame(mission.origin);

describe('trace lookups', () => {
  it('positionAt / stateAt / socAt at sample times return the samples', () => {
    const out = new Float64Array(3);
    for (let di = 0; di < trace.drones.length; di++) {
      const d = trace.drones[di];
      for (let i = 0; i < d.tS.length; i++) {
        positionAt(trace, di, d.tS[i], out);
        expect([out[0], out[1], out[2]]).toEqual([d.lng[i], d.lat[i], d.altM[i]]);
        expect(stateAt(trace, di, d.tS[i])).toBe(DRONE_STATES[d.state[i]]);
        expect(socAt(trace, d.droneId, d.tS[i])).toBe(d.soc[i]);
      }
    }
  });

  it('sample times strictly increase, cover the whole run, and every drone starts idle on a pad of its depot', () => {
    for (const d of trace.drones) {
      for (let i = 1; i < d.tS.length; i++) expect(d.tS[i]).toBeGreaterThan(d.tS[i - 1]);
      expect(d.tS[0]).toBe(0);
      expect(d.tS[d.tS.length - 1]).toBe(trace.endS);
      expect(DRONE_STATES[d.state[0]]).toBe('idle');
      const depot = mission.depots.find((x) => x.id === d.depotId)!;
      const frame = createFrame(mission.origin);
      const at = frame.toLocal([d.lng[0], d.lat[0]]);
      const nearestPadM = Math.min(...padPositions(depot, frame, padObstacles(mission, frame)).map((p) => Math.hypot(p.x - at.x, p.y - at.y)));
      expect(nearestPadM).toBeLessThan(0.05);
    }
  });

  it('is continuous: a millisecond apart, a drone moves less than 5 cm', () => {
    const rng = createRng(3);
    const a = [0, 0, 0];
    const b = [0, 0, 0];
    for (let k = 0; k < 3000; k++) {
      const di = rng.int(trace.drones.length);
      const t = rng.range(0, trace.endS);
      positionAt(trace, di, t, a);
      positionAt(trace, di, t + 0.001, b);
      const pa = frame.toLocal([a[0], a[1]]);
      const pb = frame.toLocal([b[0], b[1]]);
      expect(Math.hypot(pa.x - pb.x, pa.y - pb.y, a[2] - b[2])).toBeLessThan(0.05);
      expect(Math.abs(socAt(trace, di, t) - socAt(trace, di, t + 0.001))).toBeLessThan(1e-4);
    }
  });

  it('interpolates linearly between samples (halfway = mean of the two)', () => {
    const d = trace.drones[0];
    const out = [0, 0, 0];
    for (let i = 0; i + 1 < d.tS.length; i++) {
      positionAt(trace, 0, (d.tS[i] + d.tS[i + 1]) / 2, out);
      expect(out[0]).toBeCloseTo((d.lng[i] + d.lng[i + 1]) / 2, 9);
      expect(out[2]).toBeCloseTo((d.altM[i] + d.altM[i + 1]) / 2, 9);
      expect(stateAt(trace, 0, (d.tS[i] + d.tS[i + 1]) / 2)).toBe(DRONE_STATES[d.state[i]]);
    }
  });

  it('matches what the simulation saw: each delivery happens where the trace puts the drone then', () => {
    const deliveries = trace.events.filter((e) => e.kind === 'delivered');
    expect(deliveries.length).toBeGreaterThan(5);
    for (const e of deliveries) {
      const p = positionAt(trace, e.droneId, e.tS);
      const a = frame.toLocal([p[0], p[1]]);
      const b = frame.toLocal([e.place![0], e.place![1]]);
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(0.1);
      expect(Math.abs(p[2] - e.place![2])).toBeLessThan(0.05);
      expect(stateAt(trace, e.droneId, e.tS - 0.01)).toBe('drop');
    }
  });

  it('clamps outside the run and writes into the given array', () => {
    const out = [9, 9, 9];
    expect(positionAt(trace, 0, -100, out)).toBe(out);
    const d = trace.drones[0];
    expect(out).toEqual([d.lng[0], d.lat[0], d.altM[0]]);
    positionAt(trace, 0, trace.endS + 1e6, out);
    const n = d.tS.length - 1;
    expect(out).toEqual([d.lng[n], d.lat[n], d.altM[n]]);
  });

  it('looks drones up by id or index, and refuses an unknown one', () => {
    const id = trace.drones[2].droneId;
    expect(droneIndex(trace, id)).toBe(2);
    expect(positionAt(trace, id, 1234)).toEqual(positionAt(trace, 2, 1234));
    expect(() => positionAt(trace, 'nope', 0)).toThrow(/no drone/);
  });

  it('sampleIndexAt is the last sample at or before t (binary search = linear scan)', () => {
    const ts = trace.drones[1].tS;
    const rng = createRng(5);
    for (let k = 0; k < 500; k++) {
      const t = rng.range(-10, trace.endS + 10);
      let linear = 0;
      for (let i = 0; i < ts.length; i++) if (ts[i] <= t) linear = i;
      expect(sampleIndexAt(ts, t)).toBe(linear);
    }
  });

  it('firstEventAtOrAfter finds where playback resumes in the event list', () => {
    const t = trace.events[Math.floor(trace.events.length / 2)].tS;
    const i = firstEventAtOrAfter(trace, t);
    expect(trace.events[i].tS).toBe(t);
    if (i > 0) expect(trace.events[i - 1].tS).toBeLessThan(t);
    expect(firstEventAtOrAfter(trace, Infinity)).toBe(trace.events.length);
  });

  it('survives JSON: the saved trace answers the same', () => {
    const copy = JSON.parse(JSON.stringify(trace)) as SimTrace;
    for (const t of [0, 500.5, 1800.25, trace.endS / 2]) {
      expect(positionAt(copy, 1, t)).toEqual(positionAt(trace, 1, t));
      expect(stateAt(copy, 1, t)).toBe(stateAt(trace, 1, t));
    }
  });
});
