/**
 * The playback clock and what the replay is looking at.
 *
 * Two kinds of state, kept apart on purpose (the racing-game pattern):
 * - `playbackClock` is a plain mutable object holding the current mission time. It changes every
 *   frame while playing, so nothing React renders subscribes to it: the scene reads it in useFrame
 *   and DOM readouts copy it into the DOM from a requestAnimationFrame callback.
 * - `usePlaybackStore` (zustand) holds what changes on a user action only: playing or not, speed,
 *   the selected and followed drones. Components subscribe to those.
 *
 * While playing, the mission's undo history is paused (nothing the replay does is an edit).
 */
import { create } from 'zustand';
import type { SimTrace } from '../core/sim/trace';
import { useMissionStore } from './missionStore';

/** Playback rates offered in the UI (mission seconds per wall-clock second). */
export const PLAYBACK_SPEEDS = [1, 2, 5, 10, 30, 60, 120, 300, 600] as const;
export const MIN_SPEED = 1;
export const MAX_SPEED = 600;
/** A frame that took longer than this (tab in the background, a GC pause) advances the clock by this much only. */
const MAX_FRAME_WALL_S = 0.25;

/** The fast-changing playback values. Read them with `playbackClock.tS`; write only through the store's actions. */
export const playbackClock = {
  /** Current mission time, seconds after the mission start. */
  tS: 0,
  /** Wall-clock time (ms, from the animation frame) of the last tick; -1 = none yet. */
  lastWallMs: -1,
  /** Bumped on every seek, so per-frame consumers can tell a jump from continuous motion (trails). */
  seekCount: 0,
};

export interface PlaybackState {
  /** Time range of the loaded trace (0..0 when none). */
  startS: number;
  endS: number;
  playing: boolean;
  /** Mission seconds per wall-clock second, MIN_SPEED..MAX_SPEED. */
  speed: number;
  /** Drones whose card and charts are shown (first = the card's drone). */
  selectedDroneIds: string[];
  /** The drone the camera follows, or null. */
  followedDroneId: string | null;
  /** Event times of the loaded trace (sorted), for previous/next event. */
  eventTimesS: number[];
  /** Prepare for a new trace: time range, event times; keeps the speed, stops playing, rewinds. */
  loadTrace(trace: SimTrace | null): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeed(speed: number): void;
  /** Jump to a mission time (clamped to the trace's range). */
  seek(tS: number): void;
  /** Seek to the previous / next event strictly before / after the current time. */
  stepEvent(direction: -1 | 1): void;
  /** Select one drone (or none); `follow` also makes the camera follow it. */
  selectDrone(droneId: string | null, follow?: boolean): void;
  setSelectedDrones(droneIds: string[]): void;
  follow(droneId: string | null): void;
}

const clampSpeed = (s: number) => Math.min(MAX_SPEED, Math.max(MIN_SPEED, Number.isFinite(s) ? s : MIN_SPEED));

function pauseHistory(paused: boolean): void {
  const t = useMissionStore.temporal.getState();
  if (paused) t.pause();
  else t.resume();
}

export const usePlaybackStore = create<PlaybackState>()((set, get) => ({
  startS: 0,
  endS: 0,
  playing: false,
  speed: 60,
  selectedDroneIds: [],
  followedDroneId: null,
  eventTimesS: [],
  loadTrace: (trace) => {
    if (get().playing) pauseHistory(false);
    const startS = 0;
    const endS = trace ? trace.endS : 0;
    const ids = new Set(trace?.drones.map((d) => d.droneId) ?? []);
    const keep = (id: string | null) => (id !== null && ids.has(id) ? id : null);
    playbackClock.tS = Math.min(Math.max(playbackClock.tS, startS), endS);
    playbackClock.seekCount++;
    set((s) => ({
      startS,
      endS,
      playing: false,
      eventTimesS: trace ? uniqueSorted(trace.events.map((e) => e.tS)) : [],
      selectedDroneIds: s.selectedDroneIds.filter((id) => ids.has(id)),
      followedDroneId: keep(s.followedDroneId),
    }));
  },
  play: () => {
    const s = get();
    if (s.playing || s.endS <= s.startS) return;
    // Playing from the very end starts over.
    if (playbackClock.tS >= s.endS) seekClock(s.startS, s);
    playbackClock.lastWallMs = -1;
    pauseHistory(true);
    set({ playing: true });
  },
  pause: () => {
    if (!get().playing) return;
    pauseHistory(false);
    set({ playing: false });
  },
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
  seek: (tS) => seekClock(tS, get()),
  stepEvent: (direction) => {
    const s = get();
    const t = nextEventTime(s.eventTimesS, playbackClock.tS, direction);
    if (t !== undefined) seekClock(t, s);
  },
  selectDrone: (droneId, follow = false) =>
    set((s) => ({
      selectedDroneIds: droneId === null ? [] : [droneId],
      followedDroneId: follow ? droneId : droneId === null ? null : s.followedDroneId === droneId ? droneId : null,
    })),
  setSelectedDrones: (selectedDroneIds) => set({ selectedDroneIds }),
  follow: (followedDroneId) => set({ followedDroneId }),
}));

function seekClock(tS: number, s: Pick<PlaybackState, 'startS' | 'endS'>): void {
  playbackClock.tS = Math.min(Math.max(Number.isFinite(tS) ? tS : s.startS, s.startS), s.endS);
  playbackClock.seekCount++;
}

/**
 * Advance the clock by one animation frame: called once per frame (before the scene draws) with the
 * frame's timestamp. Stops at the end of the trace. Allocation-free; sets store state only when
 * playback reaches the end.
 */
export function tickPlayback(nowMs: number): void {
  const clock = playbackClock;
  const s = usePlaybackStore.getState();
  if (!s.playing) {
    clock.lastWallMs = -1;
    return;
  }
  if (clock.lastWallMs >= 0) {
    const wallS = Math.min(MAX_FRAME_WALL_S, Math.max(0, (nowMs - clock.lastWallMs) / 1000));
    clock.tS += wallS * s.speed;
  }
  clock.lastWallMs = nowMs;
  if (clock.tS >= s.endS) {
    clock.tS = s.endS;
    s.pause();
  }
}

/** The first time in sorted `times` strictly after (direction 1) or before (-1) t, with a 1 ms tolerance. */
export function nextEventTime(times: readonly number[], t: number, direction: -1 | 1): number | undefined {
  const EPS = 1e-3;
  if (direction > 0) {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= t + EPS) lo = mid + 1;
      else hi = mid;
    }
    return times[lo];
  }
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid] < t - EPS) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? times[lo - 1] : undefined;
}

function uniqueSorted(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
}
