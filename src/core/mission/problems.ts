/** Errors as values: every problem names where it is (a JSON path) and why. */
export type Severity = 'error' | 'check';

export interface Problem {
  /** `orders[3].parcelKg`; empty for the document as a whole. */
  path: string;
  message: string;
  /** `error`: the document is refused. `check`: it loads but cannot be flown as is. */
  severity: Severity;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function formatProblem(p: Problem): string {
  return p.path ? `${p.path}: ${p.message}` : p.message;
}

/** The shape of a schema issue that matters here (zod's issues, without depending on zod's types). */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: SchemaIssue[][];
}

/**
 * A union that fails in every branch (a depot's `pads`: a count or explicit positions) is reported as
 * "Invalid input" at its own path; the reason is in the branch the value was meant for. That is the
 * branch with the fewest issues: its issues replace the union's, with full paths (nested unions too).
 */
export function expandUnionIssues(issues: readonly SchemaIssue[]): SchemaIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return [issue];
    const best = issue.errors.reduce((a, b) => (b.length < a.length ? b : a));
    if (best.length === 0) return [issue];
    return expandUnionIssues(best.map((b) => ({ ...b, path: [...issue.path, ...b.path] })));
  });
}
