import type { Problem } from '../core/mission';
import { describeProblem, problemSubject } from '../core/mission/problemSubject';

/**
 * A problem told by its thing (`order o-151: position: inside no-fly zone "Park"`), with the raw path
 * after it, small and muted, for experts. `doc` is the mission the path points into.
 */
export function ProblemText({ problem, doc }: { problem: Problem; doc?: unknown }) {
  const d = describeProblem(problem, doc);
  return (
    <>
      {d.text}
      {d.subject && (
        <>
          {' '}
          <code className="problem-path">{d.path}</code>
        </>
      )}
    </>
  );
}

/**
 * A what-if problem: its path is the variant's name, its message may start with the override's path
 * (`overrides.wind.gustMps: must be at most 60 m/s`), told as `variant "gale": gusts: must be ...`.
 */
export function VariantProblemText({ problem }: { problem: Problem }) {
  if (problem.path === 'study') return <>{`study options: ${problem.message}`}</>;
  const m = /^(overrides[^:\s]*): ([\s\S]*)$/.exec(problem.message);
  const subject = m ? problemSubject(m[1]) : undefined;
  const field = subject ? `${subject.field}: ` : '';
  return (
    <>
      {`variant ${JSON.stringify(problem.path)}: ${field}${m ? m[2] : problem.message}`}
      {m && (
        <>
          {' '}
          <code className="problem-path">{m[1]}</code>
        </>
      )}
    </>
  );
}
