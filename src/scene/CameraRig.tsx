import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { MapControls as MapControlsImpl } from 'three-stdlib';
import * as THREE from 'three';
import { useViewStore } from '../state/viewStore';
import type { LocalGeometry } from '../state/geometry';
import { viewMetrics } from './viewMetrics';

/**
 * Map-like camera: left-drag pans, right-drag orbits/tilts, wheel zooms to the cursor.
 * Top-down mode looks straight down with north up and rotation locked.
 */
export function CameraRig({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const controls = useRef<MapControlsImpl>(null);
  const { camera, size } = useThree();
  const mode = useViewStore((s) => s.cameraMode);
  const fitRequest = useViewStore((s) => s.fitRequest);

  useEffect(() => {
    const c = controls.current;
    if (!c) return;
    const cx = (bounds.minX + bounds.maxX) / 2;
    const cz = -(bounds.minY + bounds.maxY) / 2;
    const span = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY, 500);
    const fov = ((camera as THREE.PerspectiveCamera).fov * Math.PI) / 180;
    const distance = (span / 2 / Math.tan(fov / 2)) * 1.15;
    c.target.set(cx, 0, cz);
    if (mode === 'top-down') camera.position.set(cx, distance, cz + 0.001);
    else camera.position.set(cx, distance * 0.75, cz + distance * 0.6);
    camera.up.set(0, 1, 0);
    c.enableRotate = mode !== 'top-down';
    c.update();
  }, [bounds, mode, fitRequest, camera]);

  useFrame(() => {
    const c = controls.current;
    if (!c) return;
    const persp = camera as THREE.PerspectiveCamera;
    const d = camera.position.distanceTo(c.target);
    viewMetrics.metresPerPixel = (2 * d * Math.tan((persp.fov * Math.PI) / 360)) / size.height;
    const dir = new THREE.Vector3().subVectors(c.target, camera.position);
    viewMetrics.headingDeg = ((Math.atan2(dir.x, -dir.z) * 180) / Math.PI + 360) % 360;
    viewMetrics.frames++;
  });

  return (
    <MapControls
      ref={controls}
      makeDefault
      screenSpacePanning={false}
      zoomToCursor
      maxPolarAngle={Math.PI / 2 - 0.05}
      minDistance={20}
      maxDistance={150_000}
    />
  );
}
