import { useMemo } from 'react';
import type { SimTrace } from '../../core/sim/trace';
import { usePlaybackStore } from '../../state/playbackStore';
import { MARK_KINDS, eventMarks } from './eventMarks';
import './eventMarks.css';

/**
 * Marks over the timeline's slider for emergencies, losses of separation, diversions and holds, in
 * their kinds' colours; hovering one names the events it stands for, clicking it seeks there. Computed
 * once per trace.
 */
export function EventMarks({ trace, startS, endS }: { trace: SimTrace; startS: number; endS: number }) {
  const marks = useMemo(() => eventMarks(trace.events, trace.startTime, startS, endS), [trace, startS, endS]);
  if (marks.length === 0) return null;
  return (
    <div className="event-marks" data-testid="event-marks">
      {marks.map((m) => (
        <button
          key={`${m.kind}-${m.tS}`}
          type="button"
          className={`event-mark ${m.kind}`}
          style={{ left: `calc(var(--thumb-half) + (100% - 2 * var(--thumb-half)) * ${m.at})`, background: MARK_KINDS[m.kind].colour }}
          title={m.title}
          aria-label={m.title.split('\n')[0]}
          data-testid="event-mark"
          data-kind={m.kind}
          data-t={m.tS}
          onClick={() => usePlaybackStore.getState().seek(m.tS)}
        />
      ))}
    </div>
  );
}
