import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { DroneModel } from '../../core/mission';
import { ISA_SEA_LEVEL_DENSITY_KGM3, PRESETS, energySummary, validateDroneModel } from '../../core/energy';
import { NUMERIC_FIELDS } from './modelFields';

export interface DroneModelEditorProps {
  model: DroneModel;
  onChange(model: DroneModel): void;
}

/** What the user typed, per field, before it is parsed: text so an invalid value can stay visible. */
type Drafts = Record<string, string>;

function toDrafts(model: DroneModel): Drafts {
  const d: Drafts = { id: model.id, name: model.name, kind: model.kind };
  for (const f of NUMERIC_FIELDS) d[f.key] = model[f.key] === undefined ? '' : String(model[f.key]);
  return d;
}

/** The candidate object the schema judges; empty optional fields are left out, non-numbers stay text so the schema names them. */
function fromDrafts(d: Drafts): Record<string, unknown> {
  const out: Record<string, unknown> = { id: d.id, name: d.name, kind: d.kind };
  for (const f of NUMERIC_FIELDS) {
    const text = d[f.key].trim();
    if (text === '' && f.optional) continue;
    const x = Number(text);
    out[f.key] = text === '' || !Number.isFinite(x) ? text : x;
  }
  return out;
}

/**
 * Edit a drone model's physical parameters. Every change is checked by the mission schema; each
 * invalid value is shown in red with its reason, and onChange receives only models that validate.
 */
export function DroneModelEditor({ model, onChange }: DroneModelEditorProps) {
  const [drafts, setDrafts] = useState<Drafts>(() => toDrafts(model));
  const emitted = useRef<DroneModel>(model);

  // A model that did not come from this editor (another selection, undo) replaces the drafts.
  useEffect(() => {
    if (model !== emitted.current) {
      emitted.current = model;
      setDrafts(toDrafts(model));
    }
  }, [model]);

  const result = useMemo(() => validateDroneModel(fromDrafts(drafts)), [drafts]);
  const errors = useMemo(() => {
    const byField: Record<string, string[]> = {};
    if (!result.ok) for (const p of result.problems) (byField[p.path.split(/[.[]/)[0] || '(model)'] ??= []).push(p.message);
    return byField;
  }, [result]);

  const update = (key: string, value: string) => {
    const next = { ...drafts, [key]: value };
    setDrafts(next);
    const r = validateDroneModel(fromDrafts(next));
    if (r.ok) {
      emitted.current = r.model;
      onChange(r.model);
    }
  };

  const loadPreset = (id: string) => {
    const preset = PRESETS[id];
    if (!preset) return;
    // Keep the model's own id and name: the preset supplies the physics only.
    const next = { ...toDrafts(preset), id: drafts.id, name: drafts.name };
    setDrafts(next);
    const r = validateDroneModel(fromDrafts(next));
    if (r.ok) {
      emitted.current = r.model;
      onChange(r.model);
    }
  };

  const summary = useMemo(() => {
    if (!result.ok) return undefined;
    const s = energySummary(result.model, {
      payloadKg: 0,
      wind: { speedMps: 0, fromDeg: 0 },
      airDensityKgM3: ISA_SEA_LEVEL_DENSITY_KGM3,
      reserve: { minPercent: 20, hoverMinutes: 2, alternateRequired: false },
    });
    return s.ok ? s : undefined;
  }, [result]);

  const errorStyle = { color: '#c62828', fontSize: 12 } as const;
  const row = (key: string, label: string, input: ReactNode, hint?: string) => (
    <div key={key} className="model-field" style={{ display: 'grid', gridTemplateColumns: '9.5em minmax(0, 1fr)', gap: 4, alignItems: 'center' }}>
      <label htmlFor={`dme-${key}`} title={hint}>
        {label}
      </label>
      {input}
      {errors[key] && (
        <div style={{ ...errorStyle, gridColumn: '1 / span 2' }} data-testid={`model-error-${key}`} role="alert">
          {errors[key].join('; ')}
        </div>
      )}
    </div>
  );
  const invalid = (key: string) => (errors[key] ? { borderColor: '#c62828', color: '#c62828', outlineColor: '#c62828' } : undefined);

  return (
    <section className="panel drone-model-editor" data-testid="drone-model-editor" style={{ display: 'grid', gap: 4 }}>
      <div className="row">
        <strong>Drone model</strong>
        <select aria-label="Load preset physics" style={{ maxWidth: '100%' }} value="" onChange={(e) => loadPreset(e.target.value)}>
          <option value="">Load preset…</option>
          {Object.values(PRESETS).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {row('id', 'Id', <input id="dme-id" name="id" value={drafts.id} style={invalid('id')} onChange={(e) => update('id', e.target.value)} />)}
      {row('name', 'Name', <input id="dme-name" name="name" value={drafts.name} style={invalid('name')} onChange={(e) => update('name', e.target.value)} />)}
      {row(
        'kind',
        'Kind',
        <select id="dme-kind" name="kind" style={{ maxWidth: '100%' }} value={drafts.kind} onChange={(e) => update('kind', e.target.value)}>
          <option value="multirotor">multirotor</option>
          <option value="fixedwing-vtol">fixed-wing VTOL (hovers only at take-off, drop, landing)</option>
        </select>,
      )}
      {NUMERIC_FIELDS.map((f) =>
        row(
          f.key,
          `${f.label}${f.unit ? ` (${f.unit})` : ''}`,
          <input
            id={`dme-${f.key}`}
            name={f.key}
            inputMode="decimal"
            placeholder={f.optional ? 'optional' : undefined}
            value={drafts[f.key]}
            aria-invalid={errors[f.key] ? true : undefined}
            style={invalid(f.key)}
            onChange={(e) => update(f.key, e.target.value)}
          />,
          f.hint,
        ),
      )}
      {errors['(model)'] && <div style={errorStyle} role="alert">{errors['(model)'].join('; ')}</div>}
      {summary && (
        <p style={{ fontSize: 12, color: '#57606a', margin: '4px 0 0' }} data-testid="model-summary">
          No parcel, still air, sea level: hover {Math.round(summary.hoverPowerW)} W, cruise {Math.round(summary.cruisePowerW)} W,{' '}
          {summary.whPerKm.toFixed(1)} Wh/km, range {summary.rangeKm.toFixed(1)} km above a 20 % reserve.
        </p>
      )}
    </section>
  );
}
