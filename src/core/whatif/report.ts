/**
 * The report model: everything the HTML report and the in-app view draw, as plain JSON
 * (`report.json`). Numbers are the runs' own; aggregates are recomputable from `runs`.
 */
import type { Mission } from '../mission/schema';
import type { PlanKpis } from '../planner/plan';
import type { Histogram, ScenarioKpis, Spread } from './aggregate';
import type { Change, MissionSummary } from './diff';
import type { ReachMap } from './reachMap';
import type { RunResult } from './runResult';
import type { Overrides } from './scenario';
import type { SweepResult } from './sweep';

export const REPORT_VERSION = 1;

export interface StudySettings {
  /** Simulated days per scenario (weather seeds). */
  runs: number;
  baseSeed: number;
  /** The planner's seed (one for the whole study). */
  planSeed: number;
  /** The weather seed of each run (the same in every scenario). */
  weatherSeeds: number[];
  timeLimitS?: number;
  iterations?: number;
  /** On-time rate the fleet sizing aims at, when it was run. */
  target?: number;
  sweepMin?: number;
  sweepMax?: number;
  /**
   * Present when the days are dispatched live (orders revealed when placed, src/core/dispatch): each
   * run is a dispatched day with its weather seed, instead of one plan flown on every seed.
   */
  dispatch?: StudyDispatch;
}

export interface StudyDispatch {
  policy: 'rolling' | 'greedy';
  replanEveryS: number;
}

/** A scenario ready to run: the mission after overrides. */
export interface ScenarioInput {
  id: string;
  name: string;
  /** Where it came from (file path), for the reader. */
  source: string;
  description?: string;
  overrides: Overrides;
  /** Things applying the overrides did on its own (faults dropped, orders scaled). */
  notes: string[];
  mission: Mission;
}

export interface SweepPointReport {
  dronesPerDepot: number;
  drones: number;
  onTimeRate: number;
  /** The mean on-time rate meets the target. */
  meets: boolean;
  /** Spread of the on-time rate over the runs at this size. */
  spread: Spread;
  /** Orders the plan assigned. */
  planned: number;
}

export interface FleetSizing extends Omit<SweepResult, 'points'> {
  /** Drones in total at the answer (dronesPerDepot x staffed depots). */
  drones: number | null;
  staffedDepots: number;
  points: SweepPointReport[];
}

export interface ScenarioReport {
  id: string;
  name: string;
  source: string;
  description?: string;
  overrides: Overrides;
  overrideLines: string[];
  notes: string[];
  missionName: string;
  missionFingerprint: string;
  summary: MissionSummary;
  plan: { seed: number; kpis: PlanKpis; unassignedByReason: Record<string, number> };
  runs: RunResult[];
  kpis: ScenarioKpis;
  notServedReasons: { reason: string; meanPerRun: number }[];
  /** Changes from the first scenario (empty for the first). */
  changes: { baseline: string; list: Change[] };
  map: ReachMap;
  fleetSizing?: FleetSizing;
}

export interface WhatIfReport {
  reportVersion: typeof REPORT_VERSION;
  title: string;
  settings: StudySettings;
  scenarios: ScenarioReport[];
  /** Delivery time (minutes from the window's start) of all delivered orders over all runs. */
  deliveryHistogram: Histogram;
}
