/**
 * The simulator: flies a plan through simulated time on one clock for the whole fleet.
 *
 * Each drone runs a list of phases (ground wait, vertical, cruise, hover) built from its plan trips;
 * a phase moves the drone in a straight line at a constant speed and drains the battery at a
 * constant power, both taken from the flight cost model under the ACTUAL wind of the current gust
 * period, and restarted at every gust boundary. Between phase boundaries nothing changes, so the
 * trace samples written at each boundary describe the motion exactly.
 *
 * The fleet clock advances in fixed steps (stepS, default 1 s). After each step the simulator checks
 * separation between airborne drones and each drone's own rules (battery critical -> emergency
 * landing; predicted landing charge below the reserve -> return or divert). Faults and zone
 * activations happen at their exact times (all drones are advanced to that moment first).
 *
 * Same mission + plan + seed + options -> the same trace, bit for bit.
 *
 * This file is the entry point; the run itself lives in ./run (see run/types.ts for the shared state,
 * run/clock.ts for the loop, run/phaseRunner.ts for phases, run/contingency/* for the rules).
 */
import type { Fault, Mission } from '../mission/schema';
import type { Problem } from '../mission/problems';
import type { Plan, Trip } from '../planner/plan';
import { createRng } from '../random';
import { type CostModelFactory, defaultCostModelFactory } from './costFactory';
import { checkFaults } from './faults';
import { checkPlan } from './planCheck';
import { createFleetClock, type FleetClock } from './run/clock';
import { expectedFreeS, queuePlannedTrip } from './run/live';
import type { SimRun } from './run/types';
import { buildTrace, closeBooks } from './run/finish';
import { sample } from './run/record';
import { createRun } from './run/setup';
import { scheduleWorldEvents } from './run/worldEvents';
import { S } from './states';
import type { SimTrace } from './trace';
import { type WeatherOptions, drawWeather } from './weather';

export interface SimOptions {
  /** Seed of the weather (forecast error, gusts). Default 1. */
  seed?: number;
  /** Flight costs per drone model, parcel mass and wind; default: see costFactory.ts. */
  costModelFactory?: CostModelFactory;
  weather?: WeatherOptions;
  /** Faults in addition to the mission's own. */
  faults?: Fault[];
  /** Fleet clock step for separation and contingency checks. Default 1 s. */
  stepS?: number;
  /** Hard end of the simulation. Default: the last planned battery-ready time + 2 h (or the horizon). */
  endS?: number;
  /** Check loss of separation (default true). */
  checkSeparation?: boolean;
  /**
   * The tactical rules that keep the plan's separation when the day runs late: take-off clearance and
   * resequencing, approach holds (sim/run/schedule.ts). Default true; false flies the plan blind, to
   * see what the plan alone would meet.
   */
  tacticalSeparation?: boolean;
  /** Called with the share of the planned day simulated so far (0..1), every progressEveryS. */
  onProgress?: (fraction: number) => void;
  progressEveryS?: number;
}

export type SimResult = { ok: true; trace: SimTrace; warnings: Problem[] } | { ok: false; errors: Problem[] };

/** Validate plan and faults against the mission, then simulate. Bad input comes back as errors. */
export function simulate(mission: Mission, plan: unknown, options: SimOptions = {}): SimResult {
  const checked = checkPlan(mission, plan);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const faultErrors = [...checkFaults(mission, mission.faults ?? []), ...checkFaults(mission, options.faults ?? [], 'options.faults')];
  if (faultErrors.length > 0) return { ok: false, errors: faultErrors };
  return { ok: true, trace: runSimulation(mission, checked.plan, options), warnings: checked.warnings };
}

/** The simulated day ends at most this long after the mission's horizon. */
const MAX_OVERRUN_S = 7 * 86_400;

/** Simulate a plan already checked against the mission (see simulate). */
export function runSimulation(mission: Mission, plan: Plan, options: SimOptions = {}): SimTrace {
  let lastPlannedS = 0;
  for (const dp of plan.drones) for (const t of dp.trips) lastPlannedS = Math.max(lastPlannedS, t.readyS, t.landS);
  // Never past a week after the horizon: an absurd battery-ready time in a plan must not make the
  // weather (drawn for the whole capped day) or the clock run away.
  const endCapS = options.endS ?? Math.min((lastPlannedS || mission.horizonS) + 7200, mission.horizonS + MAX_OVERRUN_S);
  const day = startDay(mission, plan, options, endCapS, Math.max(1, lastPlannedS || mission.horizonS));
  return day.finish(day.clock.advanceTo(endCapS, true));
}

/** A run set up and its clock at 0, ready to be advanced. */
interface Day {
  run: SimRun;
  clock: FleetClock;
  finish(endS: number): SimTrace;
}

function startDay(mission: Mission, plan: Pick<Plan, 'drones' | 'orders'>, options: SimOptions, endCapS: number, progressSpanS: number): Day {
  const seed = options.seed ?? 1;
  // The weather is drawn for the whole capped day up front, so a seed gives one day whatever happens in it.
  const weather = drawWeather(mission.wind, createRng(seed), endCapS, options.weather);
  const faults = [...(mission.faults ?? []), ...(options.faults ?? [])];
  const run = createRun(mission, plan, options.costModelFactory ?? defaultCostModelFactory, weather, faults);
  run.tactical = options.tacticalSeparation !== false;
  run.dayEndS = endCapS;
  const world = scheduleWorldEvents(run, faults);

  for (const d of run.drones) {
    d.state = S.idle;
    sample(run, d, 0);
  }
  const clock = createFleetClock(run, world, {
    stepS: options.stepS ?? 1,
    endCapS,
    checkSeparation: options.checkSeparation !== false,
    progressSpanS,
    progressEveryS: options.progressEveryS ?? 600,
    onProgress: options.onProgress,
  });
  return {
    run,
    clock,
    finish(endS: number): SimTrace {
      closeBooks(run, endS);
      options.onProgress?.(1);
      return buildTrace(run, seed, endS);
    },
  };
}

/** What a dispatcher may know of a drone at the current time of a live simulation. */
export interface LiveDroneStatus {
  droneId: string;
  /** False once it is out of service (emergency landing) or grounded: it takes no more work. */
  inService: boolean;
  /**
   * When it is expected back at its home depot with a full battery, ready for a new trip: after the
   * trips it was given, as late as they run now, and its recharge or swap.
   */
  availableS: number;
}

/**
 * A simulated day that runs in stages while a dispatcher hands it work: the simulator in the loop.
 * It starts with no trips; `queueTrips` gives a drone planned trips (plan-document trips, flown by the
 * same rules as a whole plan), `advanceTo` runs the clock, `status` says where the fleet stands, and
 * `finish` closes the day into an ordinary trace (orders never given to a drone fail with the reason
 * the dispatcher states).
 */
export interface LiveSimulation {
  readonly nowS: number;
  readonly endCapS: number;
  advanceTo(tS: number): void;
  queueTrips(droneId: string, trips: readonly Trip[]): void;
  status(): LiveDroneStatus[];
  finish(notDispatched: ReadonlyMap<string, string>): SimTrace;
}

export function startLiveSimulation(mission: Mission, options: SimOptions = {}): LiveSimulation {
  const endCapS = options.endS ?? mission.horizonS + 7200;
  const day = startDay(mission, { drones: [], orders: [] }, options, endCapS, mission.horizonS);
  const { run, clock } = day;
  // Orders start undispatched (not failed): each becomes pending when a drone is given it.
  for (const r of run.orderResults.values()) {
    r.status = 'pending';
    r.reason = 'not dispatched';
  }
  const given = new Set<string>();
  return {
    get nowS() {
      return clock.nowS;
    },
    endCapS,
    advanceTo(tS: number) {
      clock.advanceTo(tS, false);
    },
    queueTrips(droneId, trips) {
      const d = run.droneById.get(droneId);
      if (!d) throw new Error(`live simulation: no drone ${droneId}`);
      for (const trip of trips) {
        for (const id of trip.orderIds) {
          given.add(id);
          const r = run.orderResults.get(id)!;
          r.reason = 'not flown before the end';
        }
        queuePlannedTrip(run, d, trip, clock.nowS);
      }
    },
    status() {
      return run.drones.map((d) => ({ droneId: d.id, inService: !d.outOfService && !d.grounded, availableS: expectedFreeS(d, clock.nowS) }));
    },
    finish(notDispatched) {
      for (const [id, r] of run.orderResults) {
        if (given.has(id) || r.status !== 'pending') continue;
        r.status = 'failed';
        r.reason = `not dispatched (${notDispatched.get(id) ?? 'no drone was given it before the end'})`;
      }
      // The rest of the day: what was given out is flown to the end.
      return day.finish(clock.advanceTo(endCapS, true));
    },
  };
}
