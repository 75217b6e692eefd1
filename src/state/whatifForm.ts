/**
 * The What-if tab's forms as plain data, and their conversion into scenario overrides and study
 * options. Fields hold the text the user typed, so a half-typed or wrong value stays visible (in red,
 * with the reason) instead of snapping back. Validation is overridesSchema's (the CLI's scenario
 * files use the same), plus the references only the current mission can check (depots, models).
 */
import type { z } from 'zod';
import { PRESETS } from '../core/energy/presets';
import type { Mission } from '../core/mission/schema';
import { type Overrides, overridesSchema } from '../core/whatif/scenario';
import { fleetSize } from '../core/whatif/overrides';

export interface VariantForm {
  /** Stable identity (React key, scenario id). */
  key: string;
  name: string;
  /** Depots switched on; null = as in the mission (every depot with drones). */
  depotsChecked: string[] | null;
  dronesPerDepot: string;
  /** '' = every drone keeps its model. */
  droneModel: string;
  windSpeedMps: string;
  windFromDeg: string;
  gustMps: string;
  promiseWindowMin: string;
  orderScale: string;
}

export type VariantField = Exclude<keyof VariantForm, 'key'> | 'depots';

/** Reasons by form field; the text names the override's path (overrides.wind.speedMps: ...). */
export type FieldErrors = Partial<Record<VariantField, string>>;

export interface StudyForm {
  runs: string;
  budget: 'time' | 'iterations';
  timeLimitS: string;
  iterations: string;
  seed: string;
  /** Also find the drones per depot each scenario needs for the target. */
  sizeFleet: boolean;
  targetPercent: string;
  sweepMax: string;
}

export type StudyField = Exclude<keyof StudyForm, 'budget' | 'sizeFleet'>;

export const DEFAULT_STUDY_FORM: StudyForm = {
  runs: '3',
  budget: 'time',
  timeLimitS: '3',
  iterations: '500',
  seed: '1',
  sizeFleet: false,
  targetPercent: '95',
  sweepMax: '8',
};

export function emptyVariant(key: string, name: string): VariantForm {
  return {
    key,
    name,
    depotsChecked: null,
    dronesPerDepot: '',
    droneModel: '',
    windSpeedMps: '',
    windFromDeg: '',
    gustMps: '',
    promiseWindowMin: '',
    orderScale: '',
  };
}

/** Depot ids switched on as the mission has it. */
export function staffedDepotIds(mission: Mission): string[] {
  return mission.depots.filter((d) => fleetSize(d) > 0).map((d) => d.id);
}

/** Drone models a variant can fly: the mission's, then the presets it does not list. */
export function modelChoices(mission: Mission): { id: string; label: string }[] {
  const own = mission.droneModels.map((m) => ({ id: m.id, label: `${m.name} (mission)` }));
  const presets = Object.values(PRESETS)
    .filter((p) => !mission.droneModels.some((m) => m.id === p.id))
    .map((p) => ({ id: p.id, label: `${p.name} (preset)` }));
  return [...own, ...presets];
}

/** '' -> undefined; otherwise a finite number or the reason it is not one. */
function numberField(text: string): { value?: number; error?: string } {
  const t = text.trim();
  if (t === '') return {};
  const v = Number(t);
  return Number.isFinite(v) ? { value: v } : { error: `"${t}" is not a number` };
}

/** Which form field shows a problem at this overrides path. */
function fieldOfPath(path: readonly PropertyKey[]): VariantField {
  const [head, sub] = path;
  if (head === 'wind') return sub === 'fromDeg' ? 'windFromDeg' : sub === 'gustMps' ? 'gustMps' : 'windSpeedMps';
  if (head === 'depotsOff' || head === 'depotsOn') return 'depots';
  if (head === 'dronesPerDepot' || head === 'droneModel' || head === 'promiseWindowMin' || head === 'orderScale') return head;
  return 'name';
}

function pathText(path: readonly PropertyKey[]): string {
  return ['overrides', ...path.map(String)].join('.');
}

/**
 * A union's issue (dronesPerDepot: a number or a map) only says "Invalid input"; the reason is in
 * the branch that got the right kind of value (an integer check is an invalid_type issue too, so
 * only mismatches of the value's kind are skipped).
 */
const KIND_MISMATCH = new Set(['record', 'object', 'array', 'string', 'boolean']);

function issueReason(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    for (const branch of issue.errors) {
      const fitting = branch.find((i) => !(i.code === 'invalid_type' && KIND_MISMATCH.has(String(i.expected))));
      if (fitting) return issueReason(fitting);
    }
  }
  return issue.message;
}

export interface VariantResult {
  overrides: Overrides;
  errors: FieldErrors;
}

/**
 * A variant's overrides, validated: numbers parsed, overridesSchema applied, and the depots and
 * model checked against the mission. `errors` is empty when the overrides can be used.
 */
export function variantOverrides(form: VariantForm, mission: Mission): VariantResult {
  const errors: FieldErrors = {};
  const raw: Record<string, unknown> = {};
  if (form.name.trim() === '') errors.name = 'name: must not be empty';

  if (form.depotsChecked !== null) {
    const checked = new Set(form.depotsChecked);
    const staffed = new Set(staffedDepotIds(mission));
    const known = new Set(mission.depots.map((d) => d.id));
    const unknown = form.depotsChecked.filter((d) => !known.has(d));
    if (unknown.length) errors.depots = `overrides.depotsOn: unknown depot${unknown.length > 1 ? 's' : ''} ${unknown.map((d) => `"${d}"`).join(', ')}`;
    const off = [...staffed].filter((d) => !checked.has(d));
    const on = form.depotsChecked.filter((d) => known.has(d) && !staffed.has(d));
    if (off.length) raw.depotsOff = off;
    if (on.length) raw.depotsOn = on;
    if (checked.size === 0 || (off.length === staffed.size && on.length === 0)) errors.depots = 'depots: switch at least one depot on';
  }

  const numeric: [VariantField, string, (v: number) => void][] = [
    ['dronesPerDepot', form.dronesPerDepot, (v) => (raw.dronesPerDepot = v)],
    ['promiseWindowMin', form.promiseWindowMin, (v) => (raw.promiseWindowMin = v)],
    ['orderScale', form.orderScale, (v) => (raw.orderScale = v)],
  ];
  const wind: Record<string, number> = {};
  numeric.push(
    ['windSpeedMps', form.windSpeedMps, (v) => (wind.speedMps = v)],
    ['windFromDeg', form.windFromDeg, (v) => (wind.fromDeg = v)],
    ['gustMps', form.gustMps, (v) => (wind.gustMps = v)],
  );
  for (const [field, text, put] of numeric) {
    const n = numberField(text);
    if (n.error) errors[field] = n.error;
    else if (n.value !== undefined) put(n.value);
  }
  if (Object.keys(wind).length) raw.wind = wind;
  if (form.droneModel !== '') {
    raw.droneModel = form.droneModel;
    if (!mission.droneModels.some((m) => m.id === form.droneModel) && !PRESETS[form.droneModel]) {
      errors.droneModel = `overrides.droneModel: unknown drone model "${form.droneModel}"`;
    }
  }

  const parsed = overridesSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOfPath(issue.path);
      errors[field] ??= `${pathText(issue.path)}: ${issueReason(issue)}`;
    }
    return { overrides: {}, errors };
  }
  return { overrides: parsed.data, errors };
}

export interface StudyFormResult {
  runs: number;
  baseSeed: number;
  timeLimitS?: number;
  iterations?: number;
  target?: number;
  sweepMax?: number;
}

/** The study options, or the reason for each field that cannot be used. */
export function studyOptions(form: StudyForm): { options: StudyFormResult | null; errors: Partial<Record<StudyField, string>> } {
  const errors: Partial<Record<StudyField, string>> = {};
  const whole = (field: StudyField, min: number, max: number): number | undefined => {
    const n = numberField(form[field]);
    if (n.error) errors[field] = n.error;
    else if (n.value === undefined) errors[field] = 'required';
    else if (!Number.isInteger(n.value) || n.value < min || n.value > max) errors[field] = `must be a whole number in ${min}..${max}`;
    else return n.value;
    return undefined;
  };
  const runs = whole('runs', 1, 50);
  const baseSeed = whole('seed', 0, 2 ** 31 - 1);
  let timeLimitS: number | undefined;
  let iterations: number | undefined;
  if (form.budget === 'time') {
    const n = numberField(form.timeLimitS);
    if (n.error) errors.timeLimitS = n.error;
    else if (n.value === undefined || n.value <= 0 || n.value > 600) errors.timeLimitS = 'must be > 0 and at most 600 s';
    else timeLimitS = n.value;
  } else iterations = whole('iterations', 1, 1_000_000);
  let target: number | undefined;
  let sweepMax: number | undefined;
  if (form.sizeFleet) {
    const n = numberField(form.targetPercent);
    if (n.error) errors.targetPercent = n.error;
    else if (n.value === undefined || n.value <= 0 || n.value > 100) errors.targetPercent = 'must be a percentage in (0, 100]';
    else target = n.value / 100;
    sweepMax = whole('sweepMax', 1, 64);
  }
  if (Object.keys(errors).length > 0 || runs === undefined || baseSeed === undefined) return { options: null, errors };
  return {
    options: {
      runs,
      baseSeed,
      ...(timeLimitS !== undefined ? { timeLimitS } : {}),
      ...(iterations !== undefined ? { iterations } : {}),
      ...(target !== undefined ? { target, sweepMax } : {}),
    },
    errors,
  };
}
