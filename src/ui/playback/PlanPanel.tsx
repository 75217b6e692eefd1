import { useEffect } from 'react';
import { formatClock } from '../../core/mission/time';
import { ProblemText } from '../ProblemText';
import type { Plan } from '../../core/planner/plan';
import { useMissionStore } from '../../state/missionStore';
import { type JobState, usePlanStore } from '../../state/planStore';
import { usePlaybackStore } from '../../state/playbackStore';
import { useEditorStore } from '../../state/editorStore';
import { useViewStore } from '../../state/viewStore';
import { ExportMenu } from '../ExportMenu';
import { droneColour } from '../../scene/playback/palette';
import { formatDuration, percent } from './format';
import { TripLink } from '../trip/TripPanel';
import './playback.css';
import { JobProgressBar } from '../JobProgressBar';

/** The Plan tab: run the planner, see what it decided, simulate it, export. */
export function PlanPanel() {
  const mission = useMissionStore((s) => s.mission);
  const plan = usePlanStore((s) => s.plan);
  const planMission = usePlanStore((s) => s.planMission);
  const trace = usePlanStore((s) => s.trace);
  const job = usePlanStore((s) => s.job);
  const failure = usePlanStore((s) => s.failure);
  const stats = usePlanStore((s) => s.planStats);
  return (
    <div className="playback-panel" data-testid="plan-panel">
      <PlanControls job={job} />
      {job && (
        <JobProgressBar fraction={job.fraction} message={job.message} label={job.kind === 'plan' ? 'Planning' : 'Simulating'} testId="job-progress" messageTestId="job-message" kind={job.kind} />
      )}
      {failure && (
        <div className="panel refused" role="alert" data-testid="job-failure">
          <strong>{failure.kind === 'plan' ? 'The planner refused the mission' : 'The simulation was refused'}</strong>
          <ul>
            {failure.problems.slice(0, 12).map((p, i) => (
              <li key={i}>
                <ProblemText problem={p} doc={mission} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan && (
        <>
          {planMission !== mission && (
            <p className="stale" data-testid="plan-stale">
              The mission changed since this plan was made: plan again to include the edits.
            </p>
          )}
          {stats?.cancelled && <p className="note">Planning was cancelled: this is the best plan found until then.</p>}
          {stats?.cutShort && (
            <p className="note" data-testid="plan-cut-short">
              The time limit stopped the search after {stats.iterations.toLocaleString('en')} of {stats.iterationBudget.toLocaleString('en')} iterations: planning
              again may give another plan. Raise the time limit for a reproducible one.
            </p>
          )}
          <PlanSummary plan={plan} startTime={mission.startTime} />
          <SimulateControls disabled={job !== null} />
        </>
      )}
      <ExportMenu mission={mission} plan={plan ?? undefined} trace={trace ?? undefined} />
    </div>
  );
}

function PlanControls({ job }: { job: JobState | null }) {
  // The planner's worker loads while the user sets the options: Plan then reports progress at once.
  useEffect(() => usePlanStore.getState().warmUpPlanner(), []);
  const options = usePlanStore((s) => s.planOptions);
  const set = usePlanStore((s) => s.setPlanOptions);
  return (
    <section className="panel">
      <h2>Plan</h2>
      <div className="row">
        <label>
          time limit (s){' '}
          <input
            type="number"
            min={1}
            max={600}
            value={options.timeLimitS}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set({ timeLimitS: Math.max(1, e.target.valueAsNumber) })}
            data-testid="plan-time-limit"
          />
        </label>
        <label>
          seed{' '}
          <input
            type="number"
            step={1}
            value={options.seed}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set({ seed: Math.round(e.target.valueAsNumber) })}
          />
        </label>
        <label title="Search iterations: blank for the planner's default (20 per order, 5,000 to 25,000). The same mission, seed and iterations give the same plan, here and in the CLI.">
          iterations{' '}
          <input
            type="number"
            min={0}
            step={1000}
            placeholder="auto"
            value={options.iterations ?? ''}
            onChange={(e) => set({ iterations: Number.isFinite(e.target.valueAsNumber) ? Math.max(0, Math.round(e.target.valueAsNumber)) : null })}
            data-testid="plan-iterations"
          />
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={job !== null} onClick={() => void usePlanStore.getState().runPlan()} data-testid="plan-button">
          Plan
        </button>
        <button type="button" disabled={job === null || job.cancelling} onClick={() => usePlanStore.getState().cancel()} data-testid="cancel-job">
          Cancel
        </button>
      </div>
    </section>
  );
}

function PlanSummary({ plan, startTime }: { plan: Plan; startTime: string }) {
  const k = plan.kpis;
  const unassigned = plan.orders.filter((o) => o.status === 'unassigned');
  const selected = usePlaybackStore((s) => s.selectedDroneIds[0]);
  const mission = useMissionStore((s) => s.mission);
  const frame = useMissionStore((s) => s.frame);
  return (
    <section className="panel plan-summary" data-testid="plan-summary">
      <h2>Plan summary</h2>
      <dl className="kv">
        <dt>orders</dt>
        <dd data-testid="plan-assigned">
          {k.assigned}/{k.ordersTotal} planned
        </dd>
        <dt>promise windows</dt>
        <dd>
          {k.onTime} on time, {k.late} late{k.late > 0 ? ` (${k.lateMinutesTotal.toFixed(1)} min in total)` : ''}
        </dd>
        <dt>trips</dt>
        <dd>
          {k.trips} by {k.dronesUsed} drones
        </dd>
        <dt>energy</dt>
        <dd>
          {(k.energyWh / 1000).toFixed(2)} kWh ({k.energyPerDeliveryWh.toFixed(0)} Wh per delivery)
        </dd>
        <dt>distance</dt>
        <dd>{k.distanceKm.toFixed(1)} km</dd>
        <dt>conflicts</dt>
        <dd>{plan.conflicts.length} left</dd>
      </dl>
      {unassigned.length > 0 && (
        <details open className="unassigned" data-testid="unassigned">
          <summary>{unassigned.length} order(s) not planned</summary>
          <ul>
            {unassigned.map((o) => (
              <li key={o.orderId}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    useEditorStore.getState().select({ kind: 'order', id: o.orderId });
                    const order = mission.orders.find((x) => x.id === o.orderId);
                    if (order) useViewStore.getState().flyTo(frame.toLocal(order.position));
                  }}
                >
                  {o.orderId}
                </button>{' '}
                <span className="reason">{o.status === 'unassigned' ? `${o.reason}: ${o.message}` : ''}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      <details className="trips">
        <summary>Trips by drone</summary>
        {plan.drones
          .map((d, i) => ({ d, i }))
          .filter(({ d }) => d.trips.length > 0)
          .map(({ d, i }) => (
            <div key={d.droneId} className={`drone-trips${selected === d.droneId ? ' selected' : ''}`}>
              <button type="button" className="link" onClick={() => usePlaybackStore.getState().selectDrone(d.droneId)}>
                <span className="swatch" style={{ background: droneColour(i) }} /> {d.droneId}
              </button>
              <ul>
                {d.trips.map((t) => (
                  <li key={t.tripId}>
                    {formatClock(startTime, t.departS)}–{formatClock(startTime, t.landS)} ({formatDuration(t.landS - t.departS)}):{' '}
                    {t.orderIds
                      .map((id) => {
                        const o = plan.orders.find((x) => x.orderId === id);
                        const late = o?.status === 'assigned' && o.lateS > 0 ? ` late ${formatDuration(o.lateS)}` : '';
                        return `${id}${late}`;
                      })
                      .join(', ')}{' '}
                    · {t.energyWh.toFixed(0)} Wh, lands at {percent(t.socEnd)} <TripLink droneId={d.droneId} tripId={t.tripId} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </details>
    </section>
  );
}

function SimulateControls({ disabled }: { disabled: boolean }) {
  const o = usePlanStore((s) => s.simOptions);
  const set = usePlanStore((s) => s.setSimOptions);
  const wind = useMissionStore((s) => s.mission.wind);
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  return (
    <section className="panel">
      <h2>Simulate</h2>
      <div className="field-grid">
        <label htmlFor="sim-seed">seed</label>
        <input
          id="sim-seed"
          type="number"
          step={1}
          value={o.seed}
          onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set({ seed: Math.round(e.target.valueAsNumber) })}
          data-testid="sim-seed"
        />
        <label htmlFor="sim-wind">wind (m/s)</label>
        <input
          id="sim-wind"
          type="number"
          min={0}
          step={0.5}
          value={o.windSpeedMps ?? wind.speedMps}
          onChange={(e) => set({ windSpeedMps: num(Math.max(0, e.target.valueAsNumber)) })}
          data-testid="sim-wind-speed"
        />
        <label htmlFor="sim-from">from (°)</label>
        <input
          id="sim-from"
          type="number"
          min={0}
          max={360}
          step={5}
          value={o.windFromDeg ?? wind.fromDeg}
          onChange={(e) => set({ windFromDeg: num(((e.target.valueAsNumber % 360) + 360) % 360) })}
          data-testid="sim-wind-from"
        />
        <label htmlFor="sim-gust">gusts up to (m/s)</label>
        <input
          id="sim-gust"
          type="number"
          min={0}
          step={0.5}
          value={o.gustMps ?? wind.gustMps}
          onChange={(e) => set({ gustMps: num(Math.max(0, e.target.valueAsNumber)) })}
          data-testid="sim-gust"
        />
      </div>
      <label className="check">
        <input type="checkbox" checked={o.exactForecast} onChange={(e) => set({ exactForecast: e.target.checked })} /> the wind is exactly
        the forecast (no forecast error)
      </label>
      <div className="row">
        <button type="button" className="primary" disabled={disabled} onClick={() => void usePlanStore.getState().runSimulate()} data-testid="simulate-button">
          Simulate
        </button>
        {(o.windSpeedMps !== null || o.windFromDeg !== null || o.gustMps !== null) && (
          <button type="button" onClick={() => set({ windSpeedMps: null, windFromDeg: null, gustMps: null })}>
            Mission wind
          </button>
        )}
      </div>
    </section>
  );
}
