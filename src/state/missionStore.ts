/**
 * The mission document store. The mission is the one undoable thing (zundo `temporal`); derived
 * values (metric frame, flyability checks) are recomputed when the mission changes, never edited.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import { type Mission, type Problem, flyabilityChecks } from '../core/mission';
import { type MetricFrame, createFrame } from '../core/geo/frame';
import defaultMissionJson from '../../missions/shenzhen-two-hour.json';
import { parseMission } from '../core/mission';

export interface MissionState {
  mission: Mission;
  frame: MetricFrame;
  checks: Problem[];
  /** Replace the whole document (open a file, new mission). */
  setMission(mission: Mission): void;
}

function derived(mission: Mission) {
  return { mission, frame: createFrame(mission.origin), checks: flyabilityChecks(mission) };
}

function loadBundledDefault(): Mission {
  const result = parseMission(defaultMissionJson);
  if (!result.ok) throw new Error(`bundled default mission is invalid: ${result.errors[0].message}`);
  return result.mission;
}

export const useMissionStore = create<MissionState>()(
  temporal(
    (set) => ({
      ...derived(loadBundledDefault()),
      setMission: (mission) => set(derived(mission)),
    }),
    { partialize: (s) => ({ mission: s.mission }) as Pick<MissionState, 'mission'> },
  ),
);
