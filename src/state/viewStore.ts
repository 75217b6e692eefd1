import { create } from 'zustand';

export type CameraMode = 'orbit' | 'top-down';

export interface ViewState {
  cameraMode: CameraMode;
  /** Bumped to ask the camera rig to frame the whole mission again. */
  fitRequest: number;
  toggleCameraMode(): void;
  requestFit(): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  cameraMode: 'orbit',
  fitRequest: 0,
  toggleCameraMode: () => set((s) => ({ cameraMode: s.cameraMode === 'orbit' ? 'top-down' : 'orbit' })),
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
}));
