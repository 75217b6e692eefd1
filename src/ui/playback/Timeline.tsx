import { useRef } from 'react';
import { formatClock } from '../../core/mission/time';
import { usePlanStore } from '../../state/planStore';
import { PLAYBACK_SPEEDS, playbackClock, usePlaybackStore } from '../../state/playbackStore';
import { formatDuration } from './format';
import { useAnimationFrame } from './useAnimationFrame';
import { usePlaybackBoot } from './boot';
import { EventMarks } from './EventMarks';
import './playback.css';

/**
 * The timeline in the bottom dock: play/pause (also Space), speed, scrub with marks for the notable
 * events above it, previous/next event and the mission-clock readout. The slider and the readout
 * follow the clock through refs every animation frame; React renders only on a user action (play,
 * speed, a new trace).
 */
export function Timeline() {
  usePlaybackBoot();
  const trace = usePlanStore((s) => s.trace);
  const playing = usePlaybackStore((s) => s.playing);
  const speed = usePlaybackStore((s) => s.speed);
  const startS = usePlaybackStore((s) => s.startS);
  const endS = usePlaybackStore((s) => s.endS);
  const slider = useRef<HTMLInputElement>(null);
  const clock = useRef<HTMLSpanElement>(null);
  const elapsed = useRef<HTMLSpanElement>(null);
  const shown = useRef(Number.NaN);
  const dragging = useRef(false);

  useAnimationFrame(() => {
    const t = playbackClock.tS;
    if (!trace || t === shown.current) return;
    shown.current = t;
    if (slider.current && !dragging.current) slider.current.value = String(t);
    if (clock.current) clock.current.textContent = formatClock(trace.startTime, t);
    if (elapsed.current) elapsed.current.textContent = `+${formatDuration(t)} / ${formatDuration(endS)}`;
  });

  if (!trace) return null;
  const store = usePlaybackStore.getState;
  const seekFromSlider = (value: number) => store().seek(value);
  return (
    <div className="timeline" data-testid="timeline" role="group" aria-label="Playback">
      <button type="button" onClick={() => store().stepEvent(-1)} title="Previous event" data-testid="prev-event" aria-label="Previous event">
        « event
      </button>
      <button type="button" onClick={() => store().togglePlay()} data-testid="play-pause" aria-pressed={playing} className="play">
        {playing ? 'Pause' : '▶ Play'}
      </button>
      <button type="button" onClick={() => store().stepEvent(1)} title="Next event" data-testid="next-event" aria-label="Next event">
        event »
      </button>
      <label className="speed">
        speed{' '}
        <select value={speed} onChange={(e) => store().setSpeed(Number(e.target.value))} data-testid="speed">
          {[...new Set([...PLAYBACK_SPEEDS, speed])]
            .sort((a, b) => a - b)
            .map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
        </select>
      </label>
      <div className="scrub-wrap">
        <EventMarks trace={trace} startS={startS} endS={endS} />
        <input
          ref={slider}
          className="scrub"
          type="range"
          min={startS}
          max={endS}
          step={0.5}
          defaultValue={playbackClock.tS}
          aria-label="Mission time"
          data-testid="scrub"
          onPointerDown={() => (dragging.current = true)}
          onPointerUp={() => (dragging.current = false)}
          onInput={(e) => seekFromSlider(Number((e.target as HTMLInputElement).value))}
          onChange={(e) => seekFromSlider(Number(e.target.value))}
        />
      </div>
      <span className="clock" data-testid="time-readout" ref={clock} title="Mission clock" />
      <span className="elapsed" ref={elapsed} />
    </div>
  );
}
