import { useMemo, useRef } from 'react';
import { formatClock } from '../../core/mission/time';
import { socAt, stateAt } from '../../core/sim/trace';
import { useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { playbackClock, usePlaybackStore } from '../../state/playbackStore';
import { STATE_CATEGORY_COLOURS, droneOutlook, localPositionAt, replayIndexFor, stateCategory } from '../../state/replayIndex';
import { formatDuration } from './format';
import { useAnimationFrame } from './useAnimationFrame';
import { DroneTripPicker } from '../trip/TripPanel';
import './playback.css';

const pos = new Float64Array(3);

/**
 * The selected drone's card over the map: state, battery gauge (with the reserve), altitude, the
 * order it is flying and its ETA, the next landing. Its values follow the playback clock through
 * refs, one DOM write per frame and no React render.
 */
export function DroneCard() {
  const trace = usePlanStore((s) => s.trace);
  const frame = useMissionStore((s) => s.frame);
  const reserve = useMissionStore((s) => s.mission.settings.reserve.minPercent / 100);
  const droneId = usePlaybackStore((s) => s.selectedDroneIds[0]);
  const followed = usePlaybackStore((s) => s.followedDroneId);
  const index = useMemo(() => (trace ? replayIndexFor(trace, frame) : null), [trace, frame]);
  const d = droneId && index ? index.byId.get(droneId) : undefined;
  const state = useRef<HTMLSpanElement>(null);
  const dot = useRef<HTMLSpanElement>(null);
  const gauge = useRef<HTMLDivElement>(null);
  const socText = useRef<HTMLSpanElement>(null);
  const alt = useRef<HTMLSpanElement>(null);
  const order = useRef<HTMLSpanElement>(null);
  const landing = useRef<HTMLSpanElement>(null);
  const shown = useRef(Number.NaN);

  useAnimationFrame(() => {
    if (!trace || !d) return;
    const t = playbackClock.tS;
    if (t === shown.current) return;
    shown.current = t;
    const s = stateAt(trace, d.index, t);
    const soc = socAt(trace, d.index, t);
    localPositionAt(d, t, pos);
    const category = t >= d.emergencyFromS ? 'emergency' : stateCategory(s);
    if (state.current) state.current.textContent = t >= d.emergencyFromS && s !== 'emergency-landed' ? `${s} (emergency)` : s;
    if (dot.current) dot.current.style.background = STATE_CATEGORY_COLOURS[category];
    if (gauge.current) {
      gauge.current.style.width = `${Math.max(0, Math.min(1, soc)) * 100}%`;
      gauge.current.style.background = soc < reserve ? '#e02424' : soc < reserve * 1.5 ? '#f08c00' : '#2e9e44';
    }
    if (socText.current) socText.current.textContent = `${(soc * 100).toFixed(1)} %`;
    if (alt.current) alt.current.textContent = `${pos[2].toFixed(0)} m`;
    const outlook = droneOutlook(d, t);
    if (order.current)
      order.current.textContent = outlook.nextDrop
        ? `${outlook.nextDrop.orderId}, drop at ${formatClock(trace.startTime, outlook.nextDrop.tS)} (in ${formatDuration(outlook.nextDrop.tS - t)})`
        : 'none';
    if (landing.current)
      landing.current.textContent = outlook.nextGroundS !== undefined ? `${formatClock(trace.startTime, outlook.nextGroundS)} (in ${formatDuration(outlook.nextGroundS - t)})` : '–';
  });

  if (!trace || !d) return null;
  const playback = usePlaybackStore.getState;
  return (
    <aside className="panel drone-card" data-testid="drone-card" aria-label="Selected drone">
      <header>
        <strong data-testid="drone-card-id">{d.droneId}</strong>
        <button type="button" className="close" aria-label="Close" onClick={() => playback().selectDrone(null)}>
          ×
        </button>
      </header>
      <dl className="kv">
        <dt>state</dt>
        <dd>
          <span className="dot" ref={dot} /> <span ref={state} data-testid="drone-card-state" />
        </dd>
        <dt>battery</dt>
        <dd>
          <div className="gauge" title={`reserve ${Math.round(reserve * 100)} %`}>
            <div className="fill" ref={gauge} />
            <div className="reserve" style={{ left: `${reserve * 100}%` }} />
          </div>
          <span ref={socText} data-testid="drone-card-soc" />
        </dd>
        <dt>altitude</dt>
        <dd>
          <span ref={alt} />
        </dd>
        <dt>next order</dt>
        <dd>
          <span ref={order} data-testid="drone-card-order" />
        </dd>
        <dt>next landing</dt>
        <dd>
          <span ref={landing} />
        </dd>
        <dt>trips</dt>
        <dd>
          <DroneTripPicker droneId={d.droneId} />
        </dd>
      </dl>
      <button type="button" aria-pressed={followed === d.droneId} onClick={() => playback().follow(followed === d.droneId ? null : d.droneId)} data-testid="follow">
        {followed === d.droneId ? 'Following' : 'Follow'}
      </button>
    </aside>
  );
}
