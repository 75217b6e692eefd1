/**
 * The mission document store. The mission is the one undoable thing (zundo `temporal` tracks only
 * `mission`); derived values (metric frame, flyability checks) are recomputed whenever the mission
 * changes, including by undo/redo, and never edited directly.
 *
 * Every edit goes through `applyEdit`, which runs the loader's own rules (parseMission) over the
 * whole candidate document and refuses it with the loader's problems if it would be invalid: the
 * store never holds an invalid mission.
 */
import { create } from 'zustand';
import { useStore } from 'zustand';
import { temporal } from 'zundo';
import { type Mission, type Problem, flyabilityChecks, parseMission } from '../core/mission';
import { type MetricFrame, createFrame } from '../core/geo/frame';
import defaultMissionJson from '../../missions/shenzhen-two-hour.json';
import { loadAutosaved, saveAutosave } from './autosave';

export type EditResult = { ok: true } | { ok: false; errors: Problem[] };

export interface EditOptions {
  /**
   * Consecutive edits with the same key within COALESCE_MS merge into one undo step (typing
   * "120" into a field is one step, not three).
   */
  coalesceKey?: string;
  /** The undo step's name, shown as "Undo <name>" and in the history list. */
  step?: string;
}

export interface MissionState {
  mission: Mission;
  frame: MetricFrame;
  checks: Problem[];
  /** The name of the edit that made this document ("Move", "New depot", "Open file"): undo's label. */
  step: string;
  /** Last autosave failure, if any (shown by the UI). */
  autosaveError?: string;
  /** Replace the whole document with one that already passed parseMission (open a file, new). */
  setMission(mission: Mission, step?: string): void;
  /** Validate `next` with the loader's rules; commit it as one undo step, or refuse with the reasons. */
  applyEdit(next: Mission, options?: EditOptions): EditResult;
}

const COALESCE_MS = 1500;
/** Undo steps kept; each shares unchanged items with its neighbours, so this is cheap. */
const HISTORY_LIMIT = 200;

export function loadBundledDefault(): Mission {
  const result = parseMission(defaultMissionJson);
  if (!result.ok) throw new Error(`bundled default mission is invalid: ${result.errors[0].message}`);
  return result.mission;
}

function derived(mission: Mission, frame?: MetricFrame) {
  const sameOrigin = frame && frame.origin[0] === mission.origin[0] && frame.origin[1] === mission.origin[1];
  return { frame: sameOrigin ? frame : createFrame(mission.origin), checks: flyabilityChecks(mission) };
}

/** Whole-document validation with the loader's rules (schema + cross-field), errors only. */
export function validateMission(next: Mission): Problem[] {
  const result = parseMission(next);
  return result.ok ? [] : result.errors;
}

let lastEdit: { key: string; atMs: number } | undefined;

const initialMission = loadAutosaved() ?? loadBundledDefault();

export const useMissionStore = create<MissionState>()(
  temporal(
    (set, get) => ({
      mission: initialMission,
      step: 'Open mission',
      ...derived(initialMission),
      setMission: (mission, step = 'Open mission') => {
        lastEdit = undefined;
        set({ mission, step });
      },
      applyEdit: (next, options) => {
        if (next === get().mission) return { ok: true };
        const errors = validateMission(next);
        if (errors.length > 0) return { ok: false, errors };
        const now = Date.now();
        const key = options?.coalesceKey;
        const merge = key !== undefined && lastEdit?.key === key && now - lastEdit.atMs < COALESCE_MS;
        lastEdit = key === undefined ? undefined : { key, atMs: now };
        const history = useMissionStore.temporal.getState();
        if (merge) history.pause();
        set({ mission: next, step: options?.step ?? 'Edit' });
        if (merge) history.resume();
        return { ok: true };
      },
    }),
    {
      partialize: (s) => ({ mission: s.mission, step: s.step }) as Pick<MissionState, 'mission' | 'step'>,
      // Only a new mission object is a step; selection-free derived updates are not.
      equality: (a, b) => a.mission === b.mission,
      limit: HISTORY_LIMIT,
    },
  ),
);

// Keep derived values and the autosave in step with the document, whatever changed it (edit, undo).
useMissionStore.subscribe((state, prev) => {
  if (state.mission === prev.mission) return;
  const autosaveError = saveAutosave(state.mission);
  useMissionStore.setState({ ...derived(state.mission, state.frame), autosaveError });
});

export function undo(): void {
  undoMany(1);
}

export function redo(): void {
  lastEdit = undefined;
  useMissionStore.temporal.getState().redo();
}

/** Forget the undo history (after "New" or a reset, if the caller wants a clean slate). */
export function clearHistory(): void {
  lastEdit = undefined;
  useMissionStore.temporal.getState().clear();
}

/** An undo step as the history list shows it: its name, how many undos bring the document back to before it. */
export interface HistoryStep {
  name: string;
  undos: number;
}

/**
 * The names of the steps undo would take back, newest first: the current document's own step, then
 * each earlier one (the oldest document, the one opened, has nothing before it to go back to).
 */
export function undoSteps(current: string, past: readonly { step?: string }[]): HistoryStep[] {
  const names = [current, ...past.slice(1).map((p) => p.step ?? 'Edit').reverse()];
  return names.slice(0, past.length).map((name, i) => ({ name, undos: i + 1 }));
}

/** React hook: the undo steps (newest first) and the name of the step redo would bring back. */
export function useHistoryNames(): { undo: HistoryStep[]; redoName?: string } {
  const step = useMissionStore((s) => s.step);
  const past = useStore(useMissionStore.temporal, (t) => t.pastStates);
  const future = useStore(useMissionStore.temporal, (t) => t.futureStates);
  return { undo: undoSteps(step, past), redoName: future.length ? (future[future.length - 1].step ?? 'Edit') : undefined };
}

/** Undo several steps at once (a pick in the history list). */
export function undoMany(n: number): void {
  lastEdit = undefined;
  useMissionStore.temporal.getState().undo(n);
}

export function undoCounts(): { past: number; future: number } {
  const t = useMissionStore.temporal.getState();
  return { past: t.pastStates.length, future: t.futureStates.length };
}
