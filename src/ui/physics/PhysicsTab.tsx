import { useMemo, useState } from 'react';
import { PRESETS, PRESET_IDS, energySummary } from '../../core/energy';
import type { DroneModel, Mission } from '../../core/mission';
import { commit } from '../../state/editorActions';
import { useMissionStore } from '../../state/missionStore';
import { addModelFromPreset, replaceDroneModel } from '../../state/physicsEdits';
import { shownModel, usePhysicsStore } from '../../state/physicsStore';
import { missionReachConditions } from '../../state/rangeFlags';
import { type SelectedDepotReach, useSelectedDepotReach } from '../../state/selectedDepotReach';
import { DroneModelEditor } from './DroneModelEditor';
import { RangePayloadChart } from './RangePayloadChart';

const ERROR = { color: '#c62828', fontSize: 12 } as const;
const MUTED = { color: '#57606a', fontSize: 12 } as const;

/**
 * The Physics sidebar tab: the mission's drone models (pick, add from a preset, edit through the
 * store so every change is validated and undoable), their numbers for a parcel mass in the mission's
 * wind, the range-vs-payload chart, and what the selected depot's reach ring shows.
 */
export function PhysicsTab() {
  const mission = useMissionStore((s) => s.mission);
  const modelId = usePhysicsStore((s) => s.modelId);
  const model = shownModel(mission, modelId);
  return (
    <section className="panel physics" data-testid="physics-tab" style={{ margin: 10, display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 10 }}>
      <ParcelMassField />
      <ReachStatus />
      <ModelPicker mission={mission} selectedId={model?.id} />
      {model ? <ModelPanel mission={mission} model={model} /> : <p style={MUTED}>The mission has no drone model; add one from a preset.</p>}
    </section>
  );
}

function ParcelMassField() {
  const parcelKg = usePhysicsStore((s) => s.parcelKg);
  const setParcelKg = usePhysicsStore((s) => s.setParcelKg);
  const [text, setText] = useState(String(parcelKg));
  const value = Number(text.trim());
  const error = text.trim() === '' || !Number.isFinite(value) ? 'must be a number' : value < 0 ? 'must be >= 0 kg' : null;
  return (
    <div>
      <label className="row">
        Parcel mass (kg)
        <input
          data-testid="physics-parcel-kg"
          inputMode="decimal"
          value={text}
          size={6}
          aria-invalid={error ? true : undefined}
          style={error ? { borderColor: '#c62828', color: '#c62828' } : undefined}
          onChange={(e) => {
            setText(e.target.value);
            const v = Number(e.target.value.trim());
            if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= 0) setParcelKg(v);
          }}
        />
      </label>
      {error && (
        <div style={ERROR} role="alert">
          {error}
        </div>
      )}
      <div style={MUTED}>for the numbers below and the selected depot's reach ring</div>
    </div>
  );
}

function describeReach(reach: SelectedDepotReach): { text: string; error?: boolean } {
  if (reach.state === 'no-depot') return { text: 'Select a depot to see its reach.' };
  if (reach.state === 'no-model') return { text: `Depot ${reach.depot.id} has no drone model to draw a reach ring for.`, error: true };
  if (!reach.ring.ok) return { text: `No reach ring for ${reach.depot.id} (${reach.model.id}): ${reach.ring.reason}`, error: true };
  const radii = reach.ring.radiiM;
  const lo = radii.indexOf(Math.min(...radii));
  const hi = radii.indexOf(Math.max(...radii));
  const km = (m: number) => (m / 1000).toFixed(1);
  const b = reach.ring.bearingsDeg;
  return {
    text:
      `Depot ${reach.depot.id}, ${reach.model.id}, ${reach.payloadKg} kg parcel: reach ${km(radii[lo])} km (toward ${b[lo]}°) ` +
      `to ${km(radii[hi])} km (toward ${b[hi]}°), out with the parcel and back empty above the reserve.`,
  };
}

function ReachStatus() {
  const reach = useSelectedDepotReach();
  const mission = useMissionStore((s) => s.mission);
  const ringModelId = usePhysicsStore((s) => s.ringModelId);
  const setRingModelId = usePhysicsStore((s) => s.setRingModelId);
  const { text, error } = describeReach(reach);
  return (
    <div data-testid="reach-status-box">
      <strong>Reach ring</strong>
      <p data-testid="reach-status" style={{ ...(error ? ERROR : MUTED), margin: '2px 0' }}>
        {text}
      </p>
      <label className="row" style={{ fontSize: 12 }}>
        drawn for
        <select aria-label="Reach ring model" style={{ maxWidth: '100%' }} value={ringModelId ?? ''} onChange={(e) => setRingModelId(e.target.value === '' ? null : e.target.value)}>
          <option value="">the depot's own fleet model</option>
          {mission.droneModels.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function ModelPicker({ mission, selectedId }: { mission: Mission; selectedId: string | undefined }) {
  const setModelId = usePhysicsStore((s) => s.setModelId);
  const [presetId, setPresetId] = useState(PRESET_IDS[0]);
  const add = () => {
    const preset = PRESETS[presetId];
    if (!preset) return;
    const added = addModelFromPreset(mission, preset);
    if (commit('Add drone model', added.mission).ok) setModelId(added.id);
  };
  return (
    <div data-testid="physics-models">
      <strong>Drone models ({mission.droneModels.length})</strong>
      <ul style={{ listStyle: 'none', padding: 0, margin: '2px 0' }}>
        {mission.droneModels.map((m) => {
          const depots = mission.depots.filter((d) => d.fleet.some((f) => f.modelId === m.id && f.count > 0)).length;
          return (
            <li key={m.id}>
              <button
                type="button"
                className={`thing${m.id === selectedId ? ' selected' : ''}`}
                aria-pressed={m.id === selectedId}
                data-testid={`physics-model-${m.id}`}
                onClick={() => setModelId(m.id)}
              >
                <code>{m.id}</code> {m.name} <span style={MUTED}>({depots} depot{depots === 1 ? '' : 's'})</span>
              </button>
            </li>
          );
        })}
      </ul>
      <div className="row">
        <select aria-label="Preset to add" style={{ maxWidth: '100%' }} value={presetId} onChange={(e) => setPresetId(e.target.value)}>
          {PRESET_IDS.map((id) => (
            <option key={id} value={id}>
              {PRESETS[id].name}
            </option>
          ))}
        </select>
        <button type="button" onClick={add} data-testid="physics-add-preset">
          Add from preset
        </button>
      </div>
    </div>
  );
}

function ModelPanel({ mission, model }: { mission: Mission; model: DroneModel }) {
  const parcelKg = usePhysicsStore((s) => s.parcelKg);
  const setModelId = usePhysicsStore((s) => s.setModelId);
  const [refusal, setRefusal] = useState<string | null>(null);
  const conditions = useMemo(() => missionReachConditions(mission), [mission]);
  const summary = useMemo(() => energySummary(model, { ...conditions, payloadKg: parcelKg }), [model, conditions, parcelKg]);

  const onChange = (next: DroneModel) => {
    const current = useMissionStore.getState().mission;
    const index = current.droneModels.findIndex((m) => m.id === model.id);
    if (index < 0) return;
    const result = commit(`Drone model ${model.id} edit`, replaceDroneModel(current, index, next), { coalesceKey: `droneModels[${index}]` });
    if (result.ok) {
      setRefusal(null);
      if (next.id !== model.id) setModelId(next.id);
    } else setRefusal(result.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  };

  const wind = mission.wind;
  return (
    <>
      <div data-testid="physics-summary">
        <strong>{model.name}</strong>
        <div style={MUTED}>
          {parcelKg} kg parcel, wind {wind.speedMps} m/s from {wind.fromDeg}°, air {conditions.airDensityKgM3} kg/m³, reserve{' '}
          {conditions.reserve.minPercent} % or {conditions.reserve.hoverMinutes} min hover
        </div>
        {summary.ok ? (
          <table style={{ fontSize: 13, borderSpacing: '8px 0' }}>
            <tbody>
              <SummaryRow label="hover power" value={`${Math.round(summary.hoverPowerW)} W`} id="hover-w" />
              <SummaryRow label="cruise power" value={`${Math.round(summary.cruisePowerW)} W at ${summary.airspeedMps} m/s`} id="cruise-w" />
              <SummaryRow label="energy per km" value={`${summary.whPerKm.toFixed(1)} Wh/km (${summary.headwindWhPerKm.toFixed(1)} into the wind)`} id="wh-per-km" />
              <SummaryRow label="endurance" value={`${summary.enduranceMin.toFixed(1)} min`} id="endurance-min" />
              <SummaryRow label="range" value={`${summary.rangeKm.toFixed(2)} km`} id="range-km" />
              <SummaryRow label="battery" value={`${Math.round(summary.usableWh)} Wh usable, ${Math.round(summary.reserveWh)} Wh reserve`} id="battery" />
            </tbody>
          </table>
        ) : (
          <p style={ERROR} data-testid="physics-summary-error">
            {summary.reason}
          </p>
        )}
      </div>
      <RangePayloadChart model={model} wind={wind} airDensityKgM3={conditions.airDensityKgM3} reserve={conditions.reserve} width={300} height={190} />
      <DroneModelEditor model={model} onChange={onChange} />
      {refusal && (
        <p style={ERROR} role="alert" data-testid="physics-refusal">
          Not written: {refusal}
        </p>
      )}
    </>
  );
}

function SummaryRow({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <tr>
      <td style={MUTED}>{label}</td>
      <td data-testid={`physics-${id}`}>{value}</td>
    </tr>
  );
}
