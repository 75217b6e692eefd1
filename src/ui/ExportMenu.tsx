/**
 * The Export menu: downloads of the mission, plan and trace in the formats other tools read
 * (QGroundControl, MAVLink, GeoJSON, CesiumJS, Google Earth). Pure formatting lives in core/formats;
 * this component only gathers options and hands bytes to the browser. Mounted by the App.
 */
import { useState } from 'react';
import type { Mission } from '../core/mission';
import type { Plan } from '../core/planner/plan';
import {
  EXPORT_FORMATS,
  EXPORT_FORMAT_INFO,
  type Download,
  type ExportFormat,
  type ExportOptions,
  type ExportedFile,
  type TraceLike,
  exportFiles,
  missionSlug,
  toDownload,
  toZip,
} from '../core/formats';

export interface ExportMenuProps {
  mission: Mission;
  plan?: Plan;
  /** The simulation trace (SimTrace fits); without it CZML/KML export the plan's nominal flight. */
  trace?: TraceLike;
}

/** Why a format cannot be exported right now, or undefined when it can. */
export function unavailableReason(format: ExportFormat, props: ExportMenuProps): string | undefined {
  const tripCount = props.plan?.drones.reduce((n, d) => n + d.trips.length, 0) ?? 0;
  if ((format === 'qgc' || format === 'wpl') && tripCount === 0) return 'needs a plan with trips';
  if ((format === 'czml' || format === 'kml') && !props.trace && tripCount === 0) return 'needs a plan or a simulation';
  return undefined;
}

/** The download for one format (a zip when it makes several files), or the reason it failed. */
export function buildDownload(format: ExportFormat, props: ExportMenuProps, options: ExportOptions): Download | string {
  const r = exportFiles(format, props, options);
  if (!r.ok) return `${r.path}: ${r.message}`;
  // Several files: one zip, its files in one folder of the same name (`<mission>-qgc.zip` -> `<mission>-qgc/`).
  const stem = `${missionSlug(props.mission.name)}-${format}`;
  return toDownload(r.files, stem, r.files.length > 1 ? stem : undefined);
}

/** Every available format in one zip, a folder per format. */
export function buildEverything(props: ExportMenuProps, options: ExportOptions): Download | string {
  const groups: Record<string, ExportedFile[]> = {};
  for (const format of EXPORT_FORMATS) {
    if (unavailableReason(format, props)) continue;
    const r = exportFiles(format, props, options);
    if (!r.ok) return `${format}: ${r.path}: ${r.message}`;
    groups[format] = r.files;
  }
  return toZip(groups, `${missionSlug(props.mission.name)}-export`);
}

function saveDownload(d: Download): void {
  const blob = new Blob([typeof d.data === 'string' ? d.data : (d.data as Uint8Array<ArrayBuffer>)], { type: d.mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = d.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportMenu(props: ExportMenuProps) {
  const [altitudeFrame, setAltitudeFrame] = useState<'relative' | 'amsl'>('relative');
  const [groundAmslM, setGroundAmslM] = useState(0);
  const [firmware, setFirmware] = useState<'px4' | 'ardupilot'>('px4');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const options: ExportOptions = { altitudeFrame, groundAmslM, groundHeightM: groundAmslM, firmware };

  const run = (build: () => Download | string) => {
    const d = build();
    if (typeof d === 'string') {
      setMessage({ text: `Export failed: ${d}`, error: true });
      return;
    }
    saveDownload(d);
    setMessage({ text: `Downloaded ${d.name}`, error: false });
  };

  return (
    <section className="panel export-menu" data-testid="export-menu" aria-label="Export">
      <h2 style={{ fontSize: 14, margin: '0 0 6px' }}>Export</h2>
      <ul className="export-formats" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 4 }}>
        {EXPORT_FORMATS.map((format) => {
          const why = unavailableReason(format, props);
          return (
            <li key={format}>
              <button
                type="button"
                data-testid={`export-${format}`}
                disabled={why !== undefined}
                title={why ?? `Download ${EXPORT_FORMAT_INFO[format].label}`}
                onClick={() => run(() => buildDownload(format, props, options))}
              >
                {EXPORT_FORMAT_INFO[format].label}
              </button>
              {why && <small> ({why})</small>}
            </li>
          );
        })}
        <li>
          <button type="button" data-testid="export-all" onClick={() => run(() => buildEverything(props, options))}>
            Everything (zip)
          </button>
        </li>
      </ul>
      <details className="export-options" style={{ marginTop: 6 }}>
        <summary>Autopilot options</summary>
        <label style={{ display: 'block' }}>
          Altitudes{' '}
          <select value={altitudeFrame} onChange={(e) => setAltitudeFrame(e.target.value as 'relative' | 'amsl')} data-testid="export-altitude">
            <option value="relative">relative to take-off (frame 3)</option>
            <option value="amsl">above mean sea level (frame 0)</option>
          </select>
        </label>
        <label style={{ display: 'block' }}>
          Ground elevation AMSL (m){' '}
          <input
            type="number"
            step="0.1"
            value={groundAmslM}
            onChange={(e) => setGroundAmslM(Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : 0)}
          />
        </label>
        <label style={{ display: 'block' }}>
          Autopilot{' '}
          <select value={firmware} onChange={(e) => setFirmware(e.target.value as 'px4' | 'ardupilot')}>
            <option value="px4">PX4</option>
            <option value="ardupilot">ArduPilot</option>
          </select>
        </label>
      </details>
      {message && (
        <p
          className={message.error ? 'export-error' : 'export-note'}
          style={{ margin: '6px 0 0', color: message.error ? '#b42318' : '#1a7f37' }} role={message.error ? 'alert' : 'status'} data-testid="export-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
