/** Missions and helpers shared by the what-if tests. */
import { readFileSync } from 'node:fs';
import { type Mission, parseMissionText } from '../../src/core/mission';
import { applyOverrides, type Overrides } from '../../src/core/whatif';

export function loadMission(path: string): Mission {
  const r = parseMissionText(readFileSync(path, 'utf8'));
  if (!r.ok) throw new Error(`${path}: ${JSON.stringify(r.errors)}`);
  return r.mission;
}

export const tutorial = () => loadMission('missions/tutorial.json');

export function withOverrides(m: Mission, o: Overrides): Mission {
  const r = applyOverrides(m, o);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.mission;
}

/**
 * A small mission where the fleet matters: the tutorial's five orders x4 (20 orders) with a
 * 45-minute promise; one drone cannot keep up, a few can.
 */
export const busyTutorial = (dronesPerDepot = 1) =>
  withOverrides(tutorial(), { orderScale: 4, promiseWindowMin: 45, dronesPerDepot });

/** A fixed solver budget so plans are the same on any machine and under any load. */
export const ITERATIONS = 200;
