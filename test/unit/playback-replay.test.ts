/**
 * What playback derives from a trace (src/state/replayIndex.ts, planVsReality.ts, syntheticTrace.ts),
 * checked against the trace itself on a real simulated tutorial day (direct plan), with and without
 * a motor failure.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, parseMission } from '../../src/core/mission';
import type { Plan } from '../../src/core/planner/plan';
import { simulate } from '../../src/core/sim/engine';
import { type SimTrace, positionAt, stateAt } from '../../src/core/sim/trace';
import { isGroundState, S } from '../../src/core/sim/states';
import { findDeviations } from '../../src/state/planVsReality';
import { buildReplayIndex, droneOutlook, isCarrying, localPositionAt, replayIndexFor } from '../../src/state/replayIndex';
import { syntheticTrace } from '../../src/state/syntheticTrace';
import { directPlan } from './simPlanHelper';

function tutorial(): Mission {
  const r = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
  if (!r.ok) throw new Error('tutorial mission refused');
  return r.mission;
}

function run(mission: Mission, plan: Plan, faults: Mission['faults'] = []): SimTrace {
  const r = simulate(mission, plan, { seed: 3, faults });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.trace;
}

/** Distance in metres between two local points with altitude. */
const dist3 = (a: ArrayLike<number>, b: { x: number; y: number }, altM: number) => Math.hypot(a[0] - b.x, a[1] - b.y, a[2] - altM);

describe('replay index on a simulated tutorial day', () => {
  let mission: Mission;
  let plan: Plan;
  let trace: SimTrace;
  beforeAll(() => {
    mission = tutorial();
    plan = directPlan(mission);
    trace = run(mission, plan);
  });

  it('puts every drone where positionAt does (projected to local metres), at many times', () => {
    const frame = createFrame(mission.origin);
    const index = buildReplayIndex(trace, frame);
    const out = new Float64Array(3);
    let worst = 0;
    for (const d of index.drones) {
      for (let t = -10; t <= trace.endS + 10; t += 7.3) {
        localPositionAt(d, t, out);
        const [lng, lat, alt] = positionAt(trace, d.index, t);
        worst = Math.max(worst, dist3(out, frame.toLocal([lng, lat]), alt));
      }
    }
    expect(worst).toBeLessThan(0.05);
  });

  it('carries a parcel from take-off to the last drop of each flight, and never on the ground', () => {
    const index = replayIndexFor(trace, createFrame(mission.origin));
    for (const d of index.drones) {
      for (const drop of d.drops) {
        expect(isCarrying(d, drop.tS - 1)).toBe(true);
      }
      // Pairs are well formed and each starts at a take-off event of this drone.
      const takeOffs = new Set(trace.events.filter((e) => e.droneId === d.droneId && e.state === 'take-off').map((e) => e.tS));
      for (let k = 0; k < d.carry.length; k += 2) {
        expect(d.carry[k + 1]).toBeGreaterThan(d.carry[k]);
        expect(takeOffs.has(d.carry[k])).toBe(true);
      }
      for (let t = 0; t < trace.endS; t += 11) {
        if (isGroundState(S[stateAt(trace, d.index, t)])) expect(isCarrying(d, t)).toBe(false);
      }
    }
  });

  it('the outlook names the next drop and the next landing', () => {
    const index = replayIndexFor(trace, createFrame(mission.origin));
    const delivered = trace.events.find((e) => e.kind === 'delivered')!;
    const d = index.byId.get(delivered.droneId)!;
    const o = droneOutlook(d, delivered.tS - 5);
    expect(o.nextDrop).toEqual({ orderId: delivered.orderId, tS: delivered.tS });
    const landing = trace.events.find((e) => e.droneId === d.droneId && e.tS > delivered.tS && e.kind === 'state' && isGroundState(S[e.state!]))!;
    expect(o.nextGroundS).toBe(landing.tS);
  });

  it('headings follow the direction of horizontal travel', () => {
    const index = replayIndexFor(trace, createFrame(mission.origin));
    for (const d of index.drones)
      for (let i = 0; i + 1 < d.x.length; i++) {
        const dx = d.x[i + 1] - d.x[i];
        const dy = d.y[i + 1] - d.y[i];
        if (Math.hypot(dx, dy) < 5) continue;
        const diff = Math.atan2(Math.sin(d.headingRad[i] - Math.atan2(dy, dx)), Math.cos(d.headingRad[i] - Math.atan2(dy, dx)));
        expect(Math.abs(diff)).toBeLessThan(1e-5);
      }
  });

  it('a plan flown as planned has no deviations; a motor failure marks that trip as an emergency', () => {
    expect(findDeviations(plan, trace).filter((d) => d.reasons.includes('emergency') || d.reasons.includes('diverted'))).toEqual([]);
    const firstTrip = plan.drones.flatMap((d) => d.trips.map((t) => ({ droneId: d.droneId, trip: t })))[0];
    const failed = run(mission, plan, [{ kind: 'motor-failure', droneId: firstTrip.droneId, atS: firstTrip.trip.departS + 120 }]);
    const deviations = findDeviations(plan, failed);
    const hit = deviations.find((d) => d.tripId === firstTrip.trip.tripId);
    expect(hit?.reasons).toContain('emergency');
    // The index colours the drone as an emergency from the event on.
    const d = buildReplayIndex(failed, createFrame(mission.origin)).byId.get(firstTrip.droneId)!;
    const event = failed.events.find((e) => e.kind === 'emergency-landing' && e.droneId === firstTrip.droneId)!;
    expect(d.emergencyFromS).toBe(event.tS);
  });
});

describe('synthetic traces', () => {
  it('have the requested drones, increasing sample times, time-ordered events and drones that fly', () => {
    const trace = syntheticTrace([114, 22.55], 37, { seed: 5, durationS: 3600 });
    expect(trace.drones).toHaveLength(37);
    for (const d of trace.drones) {
      for (let i = 1; i < d.tS.length; i++) expect(d.tS[i]).toBeGreaterThan(d.tS[i - 1]);
      expect(Math.max(...d.altM)).toBeGreaterThan(50);
    }
    for (let i = 1; i < trace.events.length; i++) expect(trace.events[i].tS).toBeGreaterThanOrEqual(trace.events[i - 1].tS);
    expect(trace.events.some((e) => e.kind === 'delivered')).toBe(true);
    expect(trace.kpis.utilisation).toBeGreaterThan(0.1);
  });

  it('are the same for the same seed', () => {
    expect(JSON.stringify(syntheticTrace([0, 0], 5, { seed: 2 }))).toBe(JSON.stringify(syntheticTrace([0, 0], 5, { seed: 2 })));
  });
});
