/**
 * The What-if tab's state: the variant scenarios the user is editing, the study options, the study
 * running on the worker pool (progress, cancel), and its report.
 *
 * The current mission is always the baseline (the first scenario); each variant is that mission
 * plus its overrides. The report keeps the mission it was made for by identity, so the tab can say
 * when the mission was edited afterwards. Executors come from a factory that tests replace
 * (`setStudyExecutorFactory`).
 */
import { create } from 'zustand';
import type { Mission, Problem } from '../core/mission';
import { applyOverrides } from '../core/whatif/overrides';
import type { ScenarioInput, WhatIfReport } from '../core/whatif/report';
import { type StudyProgress, runStudy } from '../core/whatif/study';
import { CancelledError } from '../workers/clients';
import { type BrowserStudyExecutor, type PoolActivity, type StudyExecutorOptions, createStudyExecutor } from '../workers/studyExecutor';
import { useMissionStore } from './missionStore';
import { DEFAULT_STUDY_FORM, type StudyForm, type VariantForm, emptyVariant, studyOptions, variantOverrides } from './whatifForm';

export interface StudyJob {
  /** 0..1 of the work known so far (fleet sizing can add work on the way). */
  fraction: number;
  done: number;
  total: number;
  message: string;
  activity: PoolActivity;
  poolSize: number;
  cancelling: boolean;
}

export interface WhatIfState {
  variants: VariantForm[];
  study: StudyForm;
  job: StudyJob | null;
  report: WhatIfReport | null;
  /** The mission the report's baseline was (identity; an edit makes a new object). */
  reportMission: Mission | null;
  /** Why the last study could not run or failed. */
  failure: Problem[] | null;
  /** The last study was cancelled. */
  cancelled: boolean;
  /** The report panel is open. */
  reportOpen: boolean;
  addVariant(patch?: Partial<Omit<VariantForm, 'key'>>): string;
  updateVariant(key: string, patch: Partial<Omit<VariantForm, 'key'>>): void;
  removeVariant(key: string): void;
  setStudy(patch: Partial<StudyForm>): void;
  /** Plan and simulate the baseline and every variant; resolves when done, failed or cancelled. */
  run(): Promise<void>;
  cancel(): void;
  setReportOpen(open: boolean): void;
}

export type StudyExecutorFactory = (opts: Pick<StudyExecutorOptions, 'onActivity'>) => BrowserStudyExecutor;

let executorFactory: StudyExecutorFactory = (opts) => createStudyExecutor(opts);
let current: { exec: BrowserStudyExecutor; token: number } | null = null;
let nextToken = 1;
let nextVariant = 1;

/** Replace how executors are made (tests: fake workers). */
export function setStudyExecutorFactory(f: StudyExecutorFactory): void {
  executorFactory = f;
}

export const BASELINE_ID = 'baseline';

/**
 * The study's scenarios: the mission as the baseline, then each variant after its overrides, or the
 * problems (with the variant's name and the override's path) that stop it.
 */
export function buildScenarios(mission: Mission, variants: readonly VariantForm[]): { scenarios: ScenarioInput[]; problems: Problem[] } {
  const scenarios: ScenarioInput[] = [
    { id: BASELINE_ID, name: mission.name, source: 'the mission open in the app', overrides: {}, notes: [], mission },
  ];
  const problems: Problem[] = [];
  const names = new Set([mission.name]);
  for (const v of variants) {
    const label = v.name.trim() || '(unnamed variant)';
    const { overrides, errors } = variantOverrides(v, mission);
    const fieldErrors = Object.values(errors);
    if (names.has(label)) fieldErrors.push(`name: "${label}" is used by another scenario`);
    names.add(label);
    if (fieldErrors.length) {
      for (const message of fieldErrors) problems.push({ path: label, message, severity: 'error' });
      continue;
    }
    const applied = applyOverrides(mission, overrides);
    if (!applied.ok) {
      for (const e of applied.errors) problems.push({ path: label, message: `${e.path}: ${e.message}`, severity: 'error' });
      continue;
    }
    scenarios.push({ id: v.key, name: label, source: 'a variant made in the app', overrides, notes: applied.notes, mission: applied.mission });
  }
  return { scenarios, problems };
}

function progressMessage(p: { message: string }, a: PoolActivity, poolSize: number): string {
  return `${p.message} · ${a.running}/${poolSize} worker${poolSize > 1 ? 's' : ''} busy, ${a.queued} queued`;
}

export const useWhatIfStore = create<WhatIfState>()((set, get) => ({
  variants: [],
  study: DEFAULT_STUDY_FORM,
  job: null,
  report: null,
  reportMission: null,
  failure: null,
  cancelled: false,
  reportOpen: false,

  addVariant: (patch = {}) => {
    const n = nextVariant++;
    const key = `variant-${n}`;
    set((s) => ({ variants: [...s.variants, { ...emptyVariant(key, `Variant ${n}`), ...patch }] }));
    return key;
  },
  updateVariant: (key, patch) => set((s) => ({ variants: s.variants.map((v) => (v.key === key ? { ...v, ...patch } : v)) })),
  removeVariant: (key) => set((s) => ({ variants: s.variants.filter((v) => v.key !== key) })),
  setStudy: (patch) => set((s) => ({ study: { ...s.study, ...patch } })),

  run: async () => {
    if (get().job) return;
    const mission = useMissionStore.getState().mission;
    const { options, errors } = studyOptions(get().study);
    const problems: Problem[] = Object.entries(errors).map(([field, message]) => ({ path: `study.${field}`, message, severity: 'error' }));
    const built = buildScenarios(mission, get().variants);
    problems.push(...built.problems);
    if (!options || problems.length > 0) {
      set({ failure: problems, cancelled: false });
      return;
    }

    const token = nextToken++;
    let progress: Pick<StudyProgress, 'done' | 'total' | 'message'> = { done: 0, total: 0, message: 'starting the workers' };
    const show = (a: PoolActivity) => {
      if (current?.token !== token) return;
      set((s) =>
        s.job
          ? {
              job: {
                ...s.job,
                done: progress.done,
                total: progress.total,
                fraction: progress.total ? progress.done / progress.total : 0,
                message: progressMessage(progress, a, current!.exec.size),
                activity: a,
              },
            }
          : s,
      );
    };
    const exec = executorFactory({ onActivity: show });
    current = { exec, token };
    set({
      job: { fraction: 0, done: 0, total: 0, message: 'starting the workers', activity: exec.activity(), poolSize: exec.size, cancelling: false },
      failure: null,
      cancelled: false,
    });
    try {
      const report = await runStudy(built.scenarios, exec, {
        ...options,
        title: `What-if: ${built.scenarios.map((s) => s.name).join(' vs ')}`,
        onProgress: (p) => {
          progress = p;
          show(exec.activity());
        },
      });
      if (current?.token === token) set({ report, reportMission: mission, reportOpen: true });
    } catch (e) {
      if (current?.token !== token) return;
      if (e instanceof CancelledError) set({ cancelled: true });
      else set({ failure: [{ path: 'study', message: e instanceof Error ? e.message : String(e), severity: 'error' }] });
    } finally {
      exec.dispose();
      if (current?.token === token) {
        current = null;
        set({ job: null });
      }
    }
  },

  cancel: () => {
    const run = current;
    if (!run) return;
    set((s) => (s.job ? { job: { ...s.job, cancelling: true, message: 'cancelling: stopping the workers' } } : s));
    run.exec.cancel();
  },

  setReportOpen: (open) => set({ reportOpen: open && get().report !== null }),
}));
