/**
 * Flag parsing shared by the CLI commands: every refusal is a UsageError that names the flag and
 * what it got, so main prints it with the command's usage and exits 2.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './command';
import { DISPATCH_POLICIES } from '../core/dispatch/runDispatch';
import type { StudyDispatch } from '../core/whatif/report';

/** node:util parseArgs, with its own complaints (unknown flag, missing value) as usage errors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * A whole-number flag: digits with an optional minus (no "1e3", "5.0" or blanks), at least `min`;
 * `fallback` when the flag is absent.
 */
export function wholeNumberFlag(flag: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text) || Number(text) < min) throw new UsageError(`${flag} must be a whole number >= ${min} (got "${text}")`);
  return Number(text);
}

export interface NumberBounds {
  /** Shown in the messages: "m", "kg", "s". */
  unit: string;
  min?: number;
  max?: number;
  /** The value must be above `min`, not equal to it. */
  exclusiveMin?: boolean;
}

/** A finite number flag within its bounds (min defaults to -Infinity, max to Infinity). */
export function numberFlag(flag: string, text: string, { unit, min = -Infinity, max = Infinity, exclusiveMin = false }: NumberBounds): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag}: expected a number (${unit}), got "${text}"`);
  if (exclusiveMin ? x <= min : x < min) throw new UsageError(`${flag}: must be ${exclusiveMin ? '>' : '>='} ${min} ${unit}, got ${x}`);
  if (x > max) throw new UsageError(`${flag}: must be <= ${max} ${unit}, got ${x}`);
  return x;
}

/** An optional flag that must be a number of seconds > 0 (a planner time limit). */
export function positiveSecondsFlag(flag: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : numberFlag(flag, text, { unit: 's', min: 0, exclusiveMin: true });
}

/**
 * The planner budget flags of simulate, compare and sweep: --iterations N (default: the planner's own,
 * scaled to the orders; reproducible on any machine) and --time-limit s (an upper bound on each plan).
 */
export function budgetFlags(values: { 'time-limit'?: string; iterations?: string }): { timeLimitS?: number; iterations?: number } {
  const iterations = values.iterations !== undefined ? wholeNumberFlag('--iterations', values.iterations, 0, 1) : undefined;
  const timeLimitS = positiveSecondsFlag('--time-limit', values['time-limit']);
  return { ...(iterations !== undefined ? { iterations } : {}), ...(timeLimitS !== undefined ? { timeLimitS } : {}) };
}

/** An on-time target as a share: "0.95", "95" or "95%". */
export function targetFlag(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = text.endsWith('%');
  const v = Number(percent ? text.slice(0, -1) : text);
  const share = percent || v > 1 ? v / 100 : v;
  if (!Number.isFinite(share) || share <= 0 || share > 1) throw new UsageError(`--target must be an on-time rate in (0, 1] or a percentage (got "${text}")`);
  return share;
}

/** Re-plan interval of the rolling dispatcher when none is given, s. */
export const DEFAULT_REPLAN_EVERY_S = 120;

/** The policy flags of dispatch, compare and sweep: --policy (or --dispatch) and --replan-every. */
export function dispatchFlags(flag: string, policy: string | undefined, replanEvery: string | undefined): StudyDispatch | undefined {
  if (policy === undefined) {
    if (replanEvery !== undefined) throw new UsageError(`--replan-every needs ${flag}`);
    return undefined;
  }
  if (!(DISPATCH_POLICIES as readonly string[]).includes(policy)) throw new UsageError(`${flag} must be one of ${DISPATCH_POLICIES.join(', ')} (got "${policy}")`);
  const replanEveryS = replanEvery === undefined ? DEFAULT_REPLAN_EVERY_S : numberFlag('--replan-every', replanEvery, { unit: 's', min: 1, max: 3600 });
  return { policy: policy as StudyDispatch['policy'], replanEveryS };
}
