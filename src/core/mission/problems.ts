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
