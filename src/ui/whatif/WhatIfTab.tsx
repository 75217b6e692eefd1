/**
 * The What-if tab: the current mission is the baseline; the user adds variants (the mission plus a
 * few overrides), picks the study options and runs the comparison on the worker pool. The report
 * opens in a wide panel over the map (WhatIfReportPanel) and can be downloaded.
 */
import { useId, useMemo } from 'react';
import { VariantProblemText } from '../ProblemText';
import type { Mission } from '../../core/mission/schema';
import { fleetSize } from '../../core/whatif/overrides';
import { formatValue } from '../../core/whatif/tables';
import { useMissionStore } from '../../state/missionStore';
import {
  type StudyField,
  type VariantField,
  type VariantForm,
  modelChoices,
  staffedDepotIds,
  studyOptions,
  variantOverrides,
} from '../../state/whatifForm';
import { useWhatIfStore } from '../../state/whatifStore';
import { downloadReportHtml, downloadReportJson } from './reportDownloads';
import './whatif.css';
import { JobProgressBar } from '../JobProgressBar';

export function WhatIfTab() {
  const mission = useMissionStore((s) => s.mission);
  const variants = useWhatIfStore((s) => s.variants);
  const job = useWhatIfStore((s) => s.job);
  const failure = useWhatIfStore((s) => s.failure);
  const cancelled = useWhatIfStore((s) => s.cancelled);
  const study = useWhatIfStore((s) => s.study);
  const variantErrors = useMemo(() => variants.some((v) => Object.keys(variantOverrides(v, mission).errors).length > 0), [variants, mission]);
  const studyErrors = useMemo(() => studyOptions(study).options === null, [study]);
  return (
    <div className="whatif-tab" data-testid="whatif-tab">
      <p className="note">
        Compare the mission open now with variants of it: each scenario is planned once and flown on the same simulated days
        (weather seeds), in parallel on Web Workers.
      </p>
      <Baseline mission={mission} />
      {variants.map((v) => (
        <VariantEditor key={v.key} variant={v} mission={mission} disabled={job !== null} />
      ))}
      <button type="button" onClick={() => useWhatIfStore.getState().addVariant()} disabled={job !== null} data-testid="whatif-add-variant">
        + Add variant
      </button>
      <StudyOptions disabled={job !== null} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={job !== null || variantErrors || studyErrors}
          onClick={() => void useWhatIfStore.getState().run()}
          data-testid="whatif-run"
        >
          Run comparison
        </button>
        <button type="button" disabled={job === null || job.cancelling} onClick={() => useWhatIfStore.getState().cancel()} data-testid="whatif-cancel">
          Cancel
        </button>
      </div>
      {job && <JobProgressBar fraction={job.fraction} message={job.message} label="Comparison progress" testId="whatif-progress" messageTestId="whatif-progress-message" />}
      {cancelled && !job && <p className="note" data-testid="whatif-cancelled">The comparison was cancelled; its workers were stopped.</p>}
      {failure && (
        <div className="panel refused" role="alert" data-testid="whatif-failure">
          <strong>The comparison cannot run</strong>
          <ul>
            {failure.slice(0, 12).map((p, i) => (
              <li key={i}>
                <VariantProblemText problem={p} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <ResultSummary mission={mission} />
    </div>
  );
}

function Baseline({ mission }: { mission: Mission }) {
  const staffed = mission.depots.filter((d) => fleetSize(d) > 0);
  const drones = staffed.reduce((s, d) => s + fleetSize(d), 0);
  return (
    <section className="panel" data-testid="whatif-baseline">
      <h2>Baseline: {mission.name}</h2>
      <p className="note">
        The mission as open now: {staffed.length} depot{staffed.length === 1 ? '' : 's'} with {drones} drone{drones === 1 ? '' : 's'},{' '}
        {mission.orders.length} orders, wind {mission.wind.speedMps} m/s from {mission.wind.fromDeg}°.
      </p>
    </section>
  );
}

interface TextRowProps {
  label: string;
  unit?: string;
  value: string;
  placeholder?: string;
  error?: string;
  disabled: boolean;
  onChange(text: string): void;
  testId: string;
}

function TextRow({ label, unit, value, placeholder, error, disabled, onChange, testId }: TextRowProps) {
  const id = useId();
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {unit ? <small> {unit}</small> : null}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      />
      {error && (
        <span className="field-error" data-testid={`${testId}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

function VariantEditor({ variant, mission, disabled }: { variant: VariantForm; mission: Mission; disabled: boolean }) {
  const { errors, overrides } = useMemo(() => variantOverrides(variant, mission), [variant, mission]);
  const update = (patch: Partial<VariantForm>) => useWhatIfStore.getState().updateVariant(variant.key, patch);
  const models = useMemo(() => modelChoices(mission), [mission]);
  const text = (field: VariantField & keyof VariantForm, label: string, unit: string, placeholder: string) => (
    <TextRow
      label={label}
      unit={unit}
      value={variant[field] as string}
      placeholder={placeholder}
      error={errors[field]}
      disabled={disabled}
      onChange={(t) => update({ [field]: t })}
      testId={`whatif-${field}`}
    />
  );
  const changed = Object.keys(overrides).length;
  return (
    <section className="panel whatif-variant" data-testid="whatif-variant" data-key={variant.key}>
      <header className="row">
        <h2>Variant</h2>
        <span className="note">{changed === 0 ? 'no override yet: same as the baseline' : `${changed} override${changed > 1 ? 's' : ''}`}</span>
        <button type="button" className="link" disabled={disabled} onClick={() => useWhatIfStore.getState().removeVariant(variant.key)} data-testid="whatif-remove-variant">
          remove
        </button>
      </header>
      <TextRow label="name" value={variant.name} error={errors.name} disabled={disabled} onChange={(t) => update({ name: t })} testId="whatif-name" />
      <DepotChecklist variant={variant} mission={mission} error={errors.depots} disabled={disabled} onChange={(depotsChecked) => update({ depotsChecked })} />
      {text('dronesPerDepot', 'drones per depot', '', 'as in the mission')}
      <div className={`field${errors.droneModel ? ' invalid' : ''}`}>
        <label>drone model</label>
        <select value={variant.droneModel} disabled={disabled} onChange={(e) => update({ droneModel: e.target.value })} data-testid="whatif-droneModel">
          <option value="">as in the mission</option>
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
          {variant.droneModel !== '' && !models.some((m) => m.id === variant.droneModel) && <option value={variant.droneModel}>{variant.droneModel} (unknown)</option>}
        </select>
        {errors.droneModel && <span className="field-error">{errors.droneModel}</span>}
      </div>
      {text('windSpeedMps', 'wind speed', 'm/s', String(mission.wind.speedMps))}
      {text('windFromDeg', 'wind from', '°', String(mission.wind.fromDeg))}
      {text('gustMps', 'gusts', 'm/s', String(mission.wind.gustMps))}
      {text('promiseWindowMin', 'promise window', 'min', 'as in the mission')}
      {text('orderScale', 'order volume', '×', '1')}
    </section>
  );
}

function DepotChecklist(props: { variant: VariantForm; mission: Mission; error?: string; disabled: boolean; onChange(ids: string[] | null): void }) {
  const { variant, mission, error, disabled, onChange } = props;
  const staffed = staffedDepotIds(mission);
  const checked = new Set(variant.depotsChecked ?? staffed);
  const choosing = variant.depotsChecked !== null;
  const toggle = (id: string, on: boolean) => onChange(mission.depots.map((d) => d.id).filter((d) => (d === id ? on : checked.has(d))));
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label>depots</label>
      <select value={choosing ? 'choose' : 'mission'} disabled={disabled} onChange={(e) => onChange(e.target.value === 'choose' ? staffed : null)} data-testid="whatif-depots-mode">
        <option value="mission">as in the mission ({staffed.length} on)</option>
        <option value="choose">choose…</option>
      </select>
      {choosing && (
        <div className="whatif-depots" data-testid="whatif-depots">
          <div className="row">
            <button type="button" className="link" disabled={disabled} onClick={() => onChange(mission.depots.map((d) => d.id))}>
              all
            </button>
            <button type="button" className="link" disabled={disabled} onClick={() => onChange(staffed)}>
              as in the mission
            </button>
          </div>
          {mission.depots.map((d) => (
            <label key={d.id} className="whatif-depot">
              <input type="checkbox" checked={checked.has(d.id)} disabled={disabled} onChange={(e) => toggle(d.id, e.target.checked)} />
              {d.name ?? d.id}
              {fleetSize(d) === 0 && <small> (candidate site)</small>}
            </label>
          ))}
        </div>
      )}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

function StudyOptions({ disabled }: { disabled: boolean }) {
  const study = useWhatIfStore((s) => s.study);
  const set = useWhatIfStore((s) => s.setStudy);
  const { errors } = useMemo(() => studyOptions(study), [study]);
  const row = (field: StudyField, label: string, unit = '') => (
    <TextRow label={label} unit={unit} value={study[field]} error={errors[field]} disabled={disabled} onChange={(t) => set({ [field]: t })} testId={`whatif-${field}`} />
  );
  return (
    <section className="panel" data-testid="whatif-options">
      <h2>Study</h2>
      {row('runs', 'simulated days', 'runs')}
      <div className="field">
        <label>planner budget</label>
        <select value={study.budget} disabled={disabled} onChange={(e) => set({ budget: e.target.value as 'time' | 'iterations' })} data-testid="whatif-budget">
          <option value="time">default search, at most a time limit</option>
          <option value="iterations">iterations (reproducible)</option>
        </select>
      </div>
      {study.budget === 'time' ? row('timeLimitS', 'time limit', 's per plan at most') : row('iterations', 'iterations', 'per plan')}
      {row('seed', 'seed')}
      <label className="whatif-check">
        <input type="checkbox" checked={study.sizeFleet} disabled={disabled} onChange={(e) => set({ sizeFleet: e.target.checked })} data-testid="whatif-size-fleet" />
        also find the drones per depot each scenario needs
      </label>
      {study.sizeFleet && (
        <>
          {row('targetPercent', 'on-time target', '%')}
          {row('sweepMax', 'at most', 'per depot')}
        </>
      )}
    </section>
  );
}

function ResultSummary({ mission }: { mission: Mission }) {
  const report = useWhatIfStore((s) => s.report);
  const reportMission = useWhatIfStore((s) => s.reportMission);
  if (!report) return null;
  return (
    <section className="panel" data-testid="whatif-result">
      <h2>Last comparison</h2>
      {reportMission !== mission && (
        <p className="stale" data-testid="whatif-stale">
          The mission changed since this comparison: run it again to include the edits.
        </p>
      )}
      <table className="whatif-summary">
        <thead>
          <tr>
            <th>scenario</th>
            <th>on time</th>
            <th>not served</th>
          </tr>
        </thead>
        <tbody>
          {report.scenarios.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td>{formatValue(s.kpis.onTimeRate.mean, 1, true)} %</td>
              <td>{formatValue(s.kpis.notServed.mean, 1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row">
        <button type="button" className="primary" onClick={() => useWhatIfStore.getState().setReportOpen(true)} data-testid="whatif-open-report">
          Show report
        </button>
        <ReportDownloads />
      </div>
    </section>
  );
}

export function ReportDownloads() {
  const report = useWhatIfStore((s) => s.report);
  if (!report) return null;
  return (
    <>
      <button type="button" onClick={() => downloadReportHtml(report)} data-testid="whatif-download-html">
        Download report (HTML)
      </button>
      <button type="button" onClick={() => downloadReportJson(report)} data-testid="whatif-download-json">
        Download report.json
      </button>
    </>
  );
}
