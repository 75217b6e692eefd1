/**
 * Test-hook entries of planning and replay (spread into window.__skyhaul by src/testHook.ts).
 * Reads go to the stores and to what the scene drew; the actions are the ones the UI calls.
 */
import * as THREE from 'three';
import { useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { playbackClock, usePlaybackStore } from '../../state/playbackStore';
import { syntheticTrace } from '../../state/syntheticTrace';
import { playbackScene } from '../../scene/playback/handle';
import { loadBundledMission } from './boot';

const m = new THREE.Matrix4();
const p = new THREE.Vector3();

export function playbackTestHook(): Record<string, unknown> {
  return {
    /** Open a bundled mission by name ('tutorial', 'shenzhen-two-hour', 'shenzhen-40-stores'). */
    loadBundledMission: (name: string) => loadBundledMission(name),
    plan: () => usePlanStore.getState().plan,
    trace: () => usePlanStore.getState().trace,
    /** The running job ({kind, fraction, message, cancelling} or null), and whether results exist. */
    planJob: () => {
      const s = usePlanStore.getState();
      return { job: s.job, hasPlan: s.plan !== null, hasTrace: s.trace !== null, cancelled: s.planStats?.cancelled ?? false, failure: s.failure };
    },
    playback: () => {
      const s = usePlaybackStore.getState();
      return { tS: playbackClock.tS, playing: s.playing, speed: s.speed, startS: s.startS, endS: s.endS, selected: s.selectedDroneIds, followed: s.followedDroneId };
    },
    seek: (tS: number) => usePlaybackStore.getState().seek(tS),
    play: () => usePlaybackStore.getState().play(),
    pause: () => usePlaybackStore.getState().pause(),
    setSpeed: (speed: number) => usePlaybackStore.getState().setSpeed(speed),
    selectDrone: (droneId: string | null, follow = false) => usePlaybackStore.getState().selectDrone(droneId, follow),
    /**
     * Where the scene drew a drone: [lng, lat, altM] read back from its instance matrix in the drones'
     * instanced mesh, and the mission time it was drawn for (null when no drones are drawn).
     */
    droneShown: (droneId: string) => {
      const mesh = playbackScene.drones;
      const d = playbackScene.index?.byId.get(droneId);
      if (!mesh || !d) return null;
      mesh.getMatrixAt(d.index, m);
      p.setFromMatrixPosition(m);
      const [lng, lat] = useMissionStore.getState().frame.toLngLat({ x: p.x, y: -p.z });
      return { position: [lng, lat, p.y], drawnAtS: playbackScene.drawnAtS };
    },
    /** Frames in which the playback layer moved the drones. */
    playbackFrames: () => playbackScene.frames,
    /** Main-thread milliseconds spent updating drone and trail buffers so far (summed over frames). */
    playbackUpdateMs: () => playbackScene.updateMs,
    /** Replace the results with a made-up trace of n drones around the mission origin (benchmarks). */
    loadSyntheticTrace: (n: number, seed = 1) => {
      const trace = syntheticTrace(useMissionStore.getState().mission.origin, n, { seed });
      usePlanStore.getState().setResults({ plan: null, trace });
      return { drones: trace.drones.length, endS: trace.endS };
    },
    clearResults: () => usePlanStore.getState().clearResults(),
  };
}
