import { useEffect, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { MapControls } from '@react-three/drei';
import type { MapControls as MapControlsImpl } from 'three-stdlib';
import * as THREE from 'three';
import { useViewStore } from '../state/viewStore';
import type { LocalGeometry } from '../state/geometry';
import { toScene } from './coords';
import { viewMetrics } from './viewMetrics';

const dir = new THREE.Vector3();
const offset = new THREE.Vector3();

/**
 * Map-like camera: left-drag pans, right-drag orbits/tilts, wheel zooms to the cursor.
 * Top-down mode looks straight down with north up and rotation locked. The whole mission is framed
 * on start, on request (Fit) and on a camera-mode change, never because an edit moved the bounds.
 */
export function CameraRig({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const controls = useRef<MapControlsImpl>(null);
  const { camera, size } = useThree();
  const mode = useViewStore((s) => s.cameraMode);
  const fitRequest = useViewStore((s) => s.fitRequest);
  const flyRequest = useViewStore((s) => s.flyRequest);
  const latestBounds = useRef(bounds);
  latestBounds.current = bounds;

  useEffect(() => {
    const c = controls.current;
    if (!c) return;
    const b = latestBounds.current;
    const cx = (b.minX + b.maxX) / 2;
    const cz = -(b.minY + b.maxY) / 2;
    const span = Math.max(b.maxX - b.minX, b.maxY - b.minY, 500);
    const fov = ((camera as THREE.PerspectiveCamera).fov * Math.PI) / 180;
    const distance = (span / 2 / Math.tan(fov / 2)) * 1.15;
    c.target.set(cx, 0, cz);
    placeCamera(camera, c.target, distance, mode);
    c.enableRotate = mode !== 'top-down';
    c.update();
  }, [mode, fitRequest, camera]);

  useEffect(() => {
    const c = controls.current;
    if (!c || !flyRequest) return;
    const distance = flyRequest.distanceM ?? camera.position.distanceTo(c.target);
    offset.subVectors(camera.position, c.target);
    c.target.set(...toScene(flyRequest.target));
    if (mode === 'top-down') placeCamera(camera, c.target, distance, mode);
    else camera.position.copy(c.target).add(offset.setLength(distance));
    c.update();
  }, [flyRequest, camera, mode]);

  useFrame(() => {
    const c = controls.current;
    if (!c) return;
    const persp = camera as THREE.PerspectiveCamera;
    const d = camera.position.distanceTo(c.target);
    viewMetrics.metresPerPixel = (2 * d * Math.tan((persp.fov * Math.PI) / 360)) / size.height;
    dir.subVectors(c.target, camera.position);
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

function placeCamera(camera: THREE.Camera, target: THREE.Vector3, distance: number, mode: 'orbit' | 'top-down') {
  // A hair of southward offset keeps "up" well defined (north at the top of the screen).
  if (mode === 'top-down') camera.position.set(target.x, distance, target.z + 0.001);
  else camera.position.set(target.x, distance * 0.75, target.z + distance * 0.6);
  camera.up.set(0, 1, 0);
  camera.lookAt(target);
}
