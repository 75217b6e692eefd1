/**
 * What the playback layer drew last, for code outside the React tree (the test hook reads the drone
 * positions back from the instanced mesh; the benchmark counts frames).
 */
import type * as THREE from 'three';
import type { ReplayIndex } from '../../state/replayIndex';

// Kept apart from viewMetrics: its frame counter counts drone updates, not rendered frames (docs/architecture.md).
export const playbackScene: {
  drones?: THREE.InstancedMesh;
  index?: ReplayIndex;
  /** Mission time the drone matrices were last written for; NaN before the first frame. */
  drawnAtS: number;
  /** Frames in which the drones were updated. */
  frames: number;
  /** Main-thread milliseconds spent writing drone and trail buffers, summed over frames. */
  updateMs: number;
} = { drawnAtS: Number.NaN, frames: 0, updateMs: 0 };
