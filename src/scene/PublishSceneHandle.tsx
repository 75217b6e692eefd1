import { useEffect } from 'react';
import { useThree } from '@react-three/fiber';
import { sceneHandle } from './sceneHandle';

/** Publishes the live camera, canvas and controls to code outside the React tree. */
export function PublishSceneHandle() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const controls = useThree((s) => s.controls);
  const invalidate = useThree((s) => s.invalidate);
  const set = useThree((s) => s.set);
  useEffect(() => {
    // Drags follow the pointer with window listeners; R3F's per-move hover ray casts can pause.
    sceneHandle.setPointerEvents = (enabled) => set((state) => ({ events: { ...state.events, enabled } }));
    sceneHandle.camera = camera;
    sceneHandle.canvas = gl.domElement;
    sceneHandle.controls = (controls as unknown as { enabled: boolean } | null) ?? undefined;
    sceneHandle.invalidate = invalidate;
  }, [camera, gl, controls, invalidate, set]);
  return null;
}
