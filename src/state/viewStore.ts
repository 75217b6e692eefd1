import { create } from 'zustand';
import type { XY } from '../core/geo/frame';

export type CameraMode = 'orbit' | 'top-down';

export interface FlyRequest {
  /** Local metres (east, north) to centre on. */
  target: XY;
  /** Camera distance from the target; absent: keep the current distance. */
  distanceM?: number;
  /** Bumped per request so asking twice for the same place still moves the camera. */
  n: number;
}

export interface ViewState {
  cameraMode: CameraMode;
  /** Bumped to ask the camera rig to frame the whole mission again. */
  fitRequest: number;
  flyRequest: FlyRequest | null;
  toggleCameraMode(): void;
  setCameraMode(mode: CameraMode): void;
  requestFit(): void;
  flyTo(target: XY, distanceM?: number): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  cameraMode: 'orbit',
  fitRequest: 0,
  flyRequest: null,
  toggleCameraMode: () => set((s) => ({ cameraMode: s.cameraMode === 'orbit' ? 'top-down' : 'orbit' })),
  setCameraMode: (cameraMode) => set({ cameraMode }),
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
  flyTo: (target, distanceM) => set((s) => ({ flyRequest: { target, distanceM, n: (s.flyRequest?.n ?? 0) + 1 } })),
}));
