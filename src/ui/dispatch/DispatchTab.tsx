/**
 * The Dispatch tab: a live mode. The day runs with orders revealed to the dispatcher only when they
 * are placed (rolling re-plans or greedy insertion), in a Web Worker with a progress bar and Cancel.
 * When done, the chosen policy's day is the current replay (Timeline, Replay tab, drone card all work
 * on it) and the key figures of every run are side by side, with the hindsight bound (every order
 * known at the start) when asked for. On the map, orders appear when placed and take the colour of
 * where they stand at the playback time (legend below).
 */
import { useId } from 'react';
import { ProblemText } from '../ProblemText';
import type { Mission } from '../../core/mission/schema';
import { type DispatchJob, type DispatchResults, MAX_REPLAN_S, MIN_REPLAN_S, useDispatchStore } from '../../state/dispatchStore';
import { useMissionStore } from '../../state/missionStore';
import { ORDER_PHASE_COLOURS, ORDER_PHASE_MEANINGS } from '../../state/orderStatus';
import { usePlanStore } from '../../state/planStore';
import type { DispatchRunSummary } from '../../workers/dispatchWorker';
import { percent } from '../playback/format';
import '../playback/playback.css';
import './dispatch.css';
import { JobProgressBar } from '../JobProgressBar';

export function DispatchTab() {
  const mission = useMissionStore((s) => s.mission);
  const job = useDispatchStore((s) => s.job);
  const failure = useDispatchStore((s) => s.failure);
  const cancelled = useDispatchStore((s) => s.cancelled);
  const results = useDispatchStore((s) => s.results);
  const placed = mission.orders.filter((o) => o.placedAt !== undefined).length;
  return (
    <div className="playback-panel dispatch-tab" data-testid="dispatch-panel">
      <p className="note">
        Run the day live: the dispatcher learns of each order only when it is placed, and gives trips to drones while the
        simulated day goes on.
        {placed === 0 && mission.orders.length > 0 && (
          <span data-testid="dispatch-no-placed"> No order of this mission has a placement time (placedAt): all are known from the start.</span>
        )}
      </p>
      <DispatchControls job={job} />
      {job && <JobProgressBar fraction={job.fraction} message={job.message} label="Dispatching the day" testId="dispatch-progress" messageTestId="dispatch-message" />}
      {cancelled && !job && (
        <p className="note" data-testid="dispatch-cancelled">
          The run was cancelled; its worker was stopped. The mission and the earlier results are unchanged.
        </p>
      )}
      {failure && (
        <div className="panel refused" role="alert" data-testid="dispatch-failure">
          <strong>The day could not be dispatched</strong>
          <ul>
            {failure.slice(0, 12).map((p, i) => (
              <li key={i}>
                <ProblemText problem={p} doc={mission} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {results && <Results results={results} mission={mission} />}
      <Legend />
    </div>
  );
}

function DispatchControls({ job }: { job: DispatchJob | null }) {
  const form = useDispatchStore((s) => s.form);
  const set = useDispatchStore((s) => s.setForm);
  const planJob = usePlanStore((s) => s.job);
  const id = useId();
  const busy = job !== null;
  return (
    <section className="panel">
      <h2>Dispatch</h2>
      <div className="field-grid">
        <label htmlFor={`${id}-policy`}>policy</label>
        <select
          id={`${id}-policy`}
          value={form.policy}
          disabled={busy}
          onChange={(e) => set({ policy: e.target.value === 'greedy' ? 'greedy' : 'rolling' })}
          data-testid="dispatch-policy"
        >
          <option value="rolling">rolling re-plans</option>
          <option value="greedy">greedy (each order on arrival)</option>
        </select>
        <label htmlFor={`${id}-replan`}>re-plan every (s)</label>
        <input
          id={`${id}-replan`}
          type="number"
          min={MIN_REPLAN_S}
          max={MAX_REPLAN_S}
          step={10}
          value={form.replanEveryS}
          disabled={busy || form.policy !== 'rolling'}
          onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set({ replanEveryS: e.target.valueAsNumber })}
          data-testid="dispatch-replan"
        />
        <label htmlFor={`${id}-seed`}>seed</label>
        <input
          id={`${id}-seed`}
          type="number"
          step={1}
          min={0}
          value={form.seed}
          disabled={busy}
          onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set({ seed: e.target.valueAsNumber })}
          data-testid="dispatch-seed"
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={form.compare} disabled={busy} onChange={(e) => set({ compare: e.target.checked })} data-testid="dispatch-compare" />{' '}
        compare with {form.policy === 'rolling' ? 'greedy' : 'rolling'} and hindsight (every order known at the start)
      </label>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={busy || planJob !== null}
          title={planJob !== null ? 'the planner or simulator is running (Plan tab)' : undefined}
          onClick={() => void useDispatchStore.getState().run()}
          data-testid="dispatch-run"
        >
          Run
        </button>
        <button type="button" disabled={!busy || job.cancelling} onClick={() => useDispatchStore.getState().cancel()} data-testid="dispatch-cancel">
          Cancel
        </button>
      </div>
    </section>
  );
}

const RUN_LABELS: Record<DispatchRunSummary['kind'], string> = { rolling: 'rolling', greedy: 'greedy', hindsight: 'hindsight' };

/** The comparison rows: id (for the cell's test id), label, value of a run. */
const ROWS: [string, string, (r: DispatchRunSummary) => string][] = [
  ['on-time', 'on-time rate', (r) => percent(r.kpis.onTimeRate, 1)],
  ['delivered', 'delivered', (r) => `${r.kpis.delivered}/${r.kpis.ordersTotal}`],
  ['late', 'late', (r) => `${r.kpis.late} (${r.kpis.lateMinutesTotal.toFixed(1)} min)`],
  ['failed', 'failed', (r) => String(r.kpis.failed)],
  ['energy', 'energy', (r) => `${(r.kpis.energyWh / 1000).toFixed(2)} kWh`],
  ['drones-used', 'drones used', (r) => String(r.dronesUsed)],
  ['separation-losses', 'separation losses', (r) => String(r.kpis.separationLosses)],
  ['emergency-landings', 'emergency landings', (r) => String(r.kpis.emergencyLandings)],
  ['replans', 're-plans', (r) => (r.replans ? String(r.replans.count) : '–')],
  ['replan-p95', 're-plan time p95', (r) => (r.replans ? `${r.replans.p95S.toFixed(3)} s` : '–')],
];

function Results({ results, mission }: { results: DispatchResults; mission: Mission }) {
  const replayTrace = usePlanStore((s) => s.trace);
  const chosen = results.runs[0];
  return (
    <section className="panel kpis dispatch-kpis" data-testid="dispatch-kpis">
      <h2>Key results</h2>
      {results.mission !== mission && (
        <p className="stale" data-testid="dispatch-stale">
          The mission changed since this day was dispatched: run it again to include the edits.
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th />
            {results.runs.map((r) => (
              <th key={r.kind} scope="col" data-testid={`dispatch-col-${r.kind}`} title={r.kind === 'hindsight' ? 'static plan with every order known at the start: the bound' : undefined}>
                {RUN_LABELS[r.kind]}
                {r === chosen ? ' ▶' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([id, label, value]) => (
            <tr key={id}>
              <th scope="row">{label}</th>
              {results.runs.map((r) => (
                <td key={r.kind} data-testid={`dispatch-kpi-${r.kind}-${id}`}>
                  {value(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="note" data-testid="dispatch-timing">
        ▶ {RUN_LABELS[chosen.kind]}
        {replayTrace === results.trace ? ' is the current replay' : ' was replayed (the replay now shows another result)'}. Day map{' '}
        {results.mapSeconds.toFixed(1)} s, {results.runs.map((r) => `${RUN_LABELS[r.kind]} ${r.seconds.toFixed(1)} s`).join(', ')}; {results.seconds.toFixed(1)} s in all.
      </p>
    </section>
  );
}

function Legend() {
  return (
    <section className="panel dispatch-legend" data-testid="dispatch-legend">
      <h2>Orders on the map (dispatched day)</h2>
      <p className="note">An order appears when it is placed, coloured by where it stands at the replay time:</p>
      <ul>
        {(Object.keys(ORDER_PHASE_COLOURS) as (keyof typeof ORDER_PHASE_COLOURS)[]).map((phase) => (
          <li key={phase} data-phase={phase}>
            <span className="swatch" style={{ background: ORDER_PHASE_COLOURS[phase] }} /> <strong>{phase}</strong>: {ORDER_PHASE_MEANINGS[phase]}
          </li>
        ))}
      </ul>
    </section>
  );
}
