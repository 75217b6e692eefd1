import { useEffect, useMemo, useRef } from 'react';
import { formatBearing, formatDistance, measure } from '../../core/geo/measure';
import { useEditorStore } from '../../state/editorStore';
import { useMeasureStore } from '../../state/measureStore';
import { useMissionStore } from '../../state/missionStore';
import { groundAtClient, sceneHandle } from '../../scene/sceneHandle';
import './map.css';

/** Readouts in the map's lower right corner: the measurement (measuring tool) and the cursor's coordinates. */
export function MapReadouts() {
  return (
    <div className="map-readouts">
      <MeasurePanel />
      <CursorReadout />
    </div>
  );
}

/** "22.550000° N, 114.000000° E". */
export function formatLatLng(lng: number, lat: number): string {
  return `${Math.abs(lat).toFixed(6)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lng).toFixed(6)}° ${lng < 0 ? 'W' : 'E'}`;
}

/**
 * Latitude/longitude and local metres of the ground under the cursor. Written straight into the DOM
 * (at most once per animation frame), never through React state: moving the mouse renders nothing.
 */
export function CursorReadout() {
  const text = useRef<HTMLSpanElement>(null);
  const local = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    let pending: { x: number; y: number } | null = null;
    let raf = 0;
    const show = () => {
      raf = 0;
      const el = text.current;
      if (!el || !local.current) return;
      const p = pending && groundAtClient(pending.x, pending.y);
      if (!p) {
        el.textContent = '–';
        local.current.textContent = '';
        delete el.dataset.lng;
        delete el.dataset.lat;
        return;
      }
      const [lng, lat] = useMissionStore.getState().frame.toLngLat(p);
      el.textContent = formatLatLng(lng, lat);
      el.dataset.lng = String(lng);
      el.dataset.lat = String(lat);
      local.current.textContent = `x ${Math.round(p.x)} m, y ${Math.round(p.y)} m`;
    };
    const onMove = (e: PointerEvent) => {
      const canvas = sceneHandle.canvas;
      const over = !!canvas && (e.target === canvas || canvas.contains(e.target as Node));
      const next = over ? { x: e.clientX, y: e.clientY } : null;
      if (!next && !pending) return;
      pending = next;
      raf ||= requestAnimationFrame(show);
    };
    window.addEventListener('pointermove', onMove, { passive: true });
    return () => {
      window.removeEventListener('pointermove', onMove);
      cancelAnimationFrame(raf);
    };
  }, []);
  return (
    <div className="panel cursor-readout" data-testid="cursor-readout" title="Ground under the cursor: latitude, longitude and metres east (x) and north (y) of the mission origin">
      <span ref={text} data-testid="cursor-latlng">
        –
      </span>{' '}
      <small ref={local} data-testid="cursor-local" />
    </div>
  );
}

/** The measuring tool's result: each segment's distance and true bearing, and the total. */
export function MeasurePanel() {
  const tool = useEditorStore((s) => s.tool);
  const points = useMeasureStore((s) => s.points);
  const frame = useMissionStore((s) => s.frame);
  const m = useMemo(() => measure(points, frame), [points, frame]);
  useEffect(() => {
    if (tool !== 'measure') return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
      if (e.key === 'Escape') useMeasureStore.getState().clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tool]);
  if (tool !== 'measure') return null;
  return (
    <section className="panel measure-panel" data-testid="measure-panel" aria-label="Measurement">
      <header>
        <strong>Measure</strong>
        <span className="spacer" />
        <button type="button" onClick={() => useMeasureStore.getState().removeLast()} disabled={points.length === 0}>
          Undo point
        </button>
        <button type="button" onClick={() => useMeasureStore.getState().clear()} disabled={points.length === 0} data-testid="measure-clear">
          Clear
        </button>
      </header>
      {points.length < 2 ? (
        <p className="note">{points.length === 0 ? 'Click the map to start measuring.' : 'Click the next point.'}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>segment</th>
              <th>distance</th>
              <th>bearing (true)</th>
            </tr>
          </thead>
          <tbody>
            {m.segments.map((s, i) => (
              <tr key={i} data-testid="measure-segment" data-distance-m={s.distanceM} data-bearing-deg={s.bearingDeg}>
                <td>
                  {i + 1} → {i + 2}
                </td>
                <td>{formatDistance(s.distanceM)}</td>
                <td>{formatBearing(s.bearingDeg)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>total</th>
              <td data-testid="measure-total" data-distance-m={m.totalM} colSpan={2}>
                {formatDistance(m.totalM)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
