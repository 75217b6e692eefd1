/** A long job's progress: a bar and "42 % · what it is doing" (planning, dispatching, a what-if study). */
export function JobProgressBar(props: { fraction: number; message: string; label: string; testId: string; messageTestId: string; kind?: string }) {
  return (
    <div className="job-progress" data-testid={props.testId} data-kind={props.kind}>
      <progress max={1} value={props.fraction} aria-label={props.label} />
      <span data-testid={props.messageTestId}>
        {Math.round(props.fraction * 100)} % · {props.message}
      </span>
    </div>
  );
}
