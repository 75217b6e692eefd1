/**
 * The playback clock and the plan store's job handling (with fake worker runners): speed range,
 * ticking, stopping at the end, stepping between events, undo history paused while playing, and
 * plan / simulate / cancel / refusal flows including the unassigned-order flags.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMission } from '../../src/core/mission';
import type { Plan } from '../../src/core/planner/plan';
import { useFlagSources } from '../../src/state/flags';
import { useMissionStore } from '../../src/state/missionStore';
import { missionForSimulation, setWorkerRunners, usePlanStore } from '../../src/state/planStore';
import { MAX_SPEED, nextEventTime, playbackClock, tickPlayback, usePlaybackStore } from '../../src/state/playbackStore';
import { syntheticTrace } from '../../src/state/syntheticTrace';
import type { WorkerRunners } from '../../src/workers/clients';
import { directPlan } from './simPlanHelper';

const trace = syntheticTrace([114, 22.55], 3, { seed: 1, durationS: 1800 });

describe('playback clock', () => {
  beforeEach(() => {
    usePlaybackStore.getState().loadTrace(trace);
    usePlaybackStore.getState().seek(0);
  });
  afterEach(() => usePlaybackStore.getState().pause());

  it('advances by wall time x speed while playing, and not while paused', () => {
    const s = usePlaybackStore.getState();
    s.setSpeed(60);
    s.play();
    tickPlayback(1000); // first tick only records the wall clock
    tickPlayback(1100);
    expect(playbackClock.tS).toBeCloseTo(6, 9);
    s.pause();
    tickPlayback(1200);
    tickPlayback(1300);
    expect(playbackClock.tS).toBeCloseTo(6, 9);
  });

  it('caps one long frame (a background tab) instead of jumping ahead', () => {
    const s = usePlaybackStore.getState();
    s.setSpeed(10);
    s.play();
    tickPlayback(0);
    tickPlayback(60_000);
    expect(playbackClock.tS).toBeLessThan(10);
  });

  it('keeps the speed within 1x..600x', () => {
    const s = usePlaybackStore.getState();
    s.setSpeed(10_000);
    expect(usePlaybackStore.getState().speed).toBe(MAX_SPEED);
    s.setSpeed(0.01);
    expect(usePlaybackStore.getState().speed).toBe(1);
    s.setSpeed(Number.NaN);
    expect(usePlaybackStore.getState().speed).toBe(1);
  });

  it('stops at the end of the trace, and play from the end starts over', () => {
    const s = usePlaybackStore.getState();
    s.setSpeed(600);
    s.seek(trace.endS - 10);
    s.play();
    tickPlayback(0);
    tickPlayback(200);
    expect(playbackClock.tS).toBe(trace.endS);
    expect(usePlaybackStore.getState().playing).toBe(false);
    s.play();
    expect(playbackClock.tS).toBe(0);
  });

  it('clamps seeks to the trace', () => {
    usePlaybackStore.getState().seek(-50);
    expect(playbackClock.tS).toBe(0);
    usePlaybackStore.getState().seek(trace.endS + 50);
    expect(playbackClock.tS).toBe(trace.endS);
  });

  it('steps to the next and previous event times', () => {
    const times = [...new Set(trace.events.map((e) => e.tS))].sort((a, b) => a - b);
    const s = usePlaybackStore.getState();
    s.seek(times[3]);
    s.stepEvent(1);
    expect(playbackClock.tS).toBe(times[4]);
    s.stepEvent(-1);
    s.stepEvent(-1);
    expect(playbackClock.tS).toBe(times[2]);
    expect(nextEventTime(times, times.at(-1)!, 1)).toBeUndefined();
    expect(nextEventTime(times, times[0], -1)).toBeUndefined();
  });

  it('pauses the mission undo history while playing', () => {
    const s = usePlaybackStore.getState();
    s.play();
    expect(useMissionStore.temporal.getState().isTracking).toBe(false);
    s.pause();
    expect(useMissionStore.temporal.getState().isTracking).toBe(true);
  });

  it('selecting with follow sets the followed drone; selecting another drops the follow', () => {
    const [a, b] = trace.drones.map((d) => d.droneId);
    const s = usePlaybackStore.getState();
    s.selectDrone(a, true);
    expect(usePlaybackStore.getState()).toMatchObject({ selectedDroneIds: [a], followedDroneId: a });
    s.selectDrone(b);
    expect(usePlaybackStore.getState()).toMatchObject({ selectedDroneIds: [b], followedDroneId: null });
  });
});

describe('plan store with fake workers', () => {
  const tutorial = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
  if (!tutorial.ok) throw new Error('tutorial refused');
  const mission = tutorial.mission;
  const plan: Plan = directPlan(mission);
  let cancelled = 0;
  let release: () => void = () => {};
  let planOptionsSeen: unknown;

  beforeEach(() => {
    cancelled = 0;
    useMissionStore.getState().setMission(mission);
    usePlanStore.getState().clearResults();
    const runners: WorkerRunners = {
      plan: (_m, options, onProgress) => {
        planOptionsSeen = options;
        onProgress({ stage: 'solve', fraction: 0.4, message: 'searching' });
        return {
          result: new Promise((resolve) => {
            release = () =>
              resolve({
                ok: true,
                plan: {
                  ...plan,
                  orders: [
                    ...plan.orders.slice(1),
                    { orderId: plan.orders[0].orderId, status: 'unassigned', reason: 'out-of-reach', message: 'too far for every drone' },
                  ],
                },
                stats: { cancelled: cancelled > 0 } as never,
                checks: [],
              });
          }),
          cancel: () => {
            cancelled++;
            release();
          },
        };
      },
      simulate: (_m, _p, _o, onProgress) => {
        onProgress(1);
        return { result: Promise.resolve({ ok: true, trace, warnings: [] }), cancel: () => {} };
      },
    };
    setWorkerRunners(runners);
  });

  it('shows progress while planning, then the plan; unassigned orders are flagged with the reason', async () => {
    const running = usePlanStore.getState().runPlan();
    expect(usePlanStore.getState().job).toMatchObject({ kind: 'plan', fraction: 0.4 });
    // The planner's own iteration budget, the time limit only as an upper bound: the CLI's plan.
    expect(planOptionsSeen).toEqual({ timeLimitS: 60, seed: 1 });
    release();
    await running;
    const s = usePlanStore.getState();
    expect(s.job).toBeNull();
    expect(s.plan?.orders.at(-1)).toMatchObject({ status: 'unassigned' });
    expect(s.planMission).toBe(mission);
    const flags = Object.values(useFlagSources.getState().sources).flatMap((src) => src(mission, useMissionStore.getState().frame));
    expect(flags).toContainEqual({ ref: { kind: 'order', id: plan.orders[0].orderId }, reason: expect.stringContaining('too far for every drone') });
  });

  it('cancel asks the worker to stop and keeps the plan it returns', async () => {
    const running = usePlanStore.getState().runPlan();
    usePlanStore.getState().cancel();
    expect(cancelled).toBe(1);
    await running;
    expect(usePlanStore.getState().planStats?.cancelled).toBe(true);
    expect(usePlanStore.getState().plan).not.toBeNull();
  });

  it('simulate loads the trace into playback', async () => {
    const running = usePlanStore.getState().runPlan();
    release();
    await running;
    await usePlanStore.getState().runSimulate();
    expect(usePlanStore.getState().trace).toBe(trace);
    expect(usePlaybackStore.getState().endS).toBe(trace.endS);
  });

  it('a refused mission is reported as problems, not thrown', async () => {
    setWorkerRunners({
      plan: () => ({ result: Promise.resolve({ ok: false, problems: [{ path: 'horizonS', message: 'must be positive', severity: 'error' }] }), cancel: () => {} }),
      simulate: () => ({ result: Promise.reject(new Error('unused')), cancel: () => {} }),
    });
    await usePlanStore.getState().runPlan();
    expect(usePlanStore.getState().failure).toEqual({ kind: 'plan', problems: [{ path: 'horizonS', message: 'must be positive', severity: 'error' }] });
    expect(usePlanStore.getState().plan).toBeNull();
  });

  it('wind overrides replace only what was given', () => {
    const m = missionForSimulation(mission, { seed: 1, windSpeedMps: 9, windFromDeg: null, gustMps: null, exactForecast: false });
    expect(m.wind).toEqual({ ...mission.wind, speedMps: 9 });
    expect(missionForSimulation(mission, { seed: 1, windSpeedMps: null, windFromDeg: null, gustMps: null, exactForecast: true })).toBe(mission);
  });
});

describe('results follow the mission', () => {
  it('opening a different mission clears the plan and trace; editing the same one keeps them', () => {
    const tutorial = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
    if (!tutorial.ok) throw new Error('tutorial refused');
    const mission = tutorial.mission;
    useMissionStore.getState().setMission(mission);
    usePlanStore.getState().setResults({ plan: directPlan(mission), trace, mission });
    useMissionStore.getState().applyEdit({ ...mission, wind: { ...mission.wind, speedMps: mission.wind.speedMps + 1 } });
    expect(usePlanStore.getState().plan).not.toBeNull();
    useMissionStore.getState().setMission({ ...mission, name: 'another mission', origin: [mission.origin[0] + 0.01, mission.origin[1]] });
    expect(usePlanStore.getState().plan).toBeNull();
    expect(usePlanStore.getState().trace).toBeNull();
  });
});
