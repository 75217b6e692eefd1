import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
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

/** Vertical field of view of the 3D camera (App's Canvas), degrees: also what "distance" means top-down. */
const FOV_DEG = 45;
const MIN_DISTANCE_M = 20;
const MAX_DISTANCE_M = 150_000;
/** The orthographic camera looks down from this height above the target (above anything drawn). */
const ORTHO_HEIGHT_M = 20_000;

/**
 * Map-like camera: left-drag pans, right-drag orbits/tilts, wheel zooms to the cursor.
 * Top-down mode is an orthographic camera looking straight down with north up and rotation locked
 * (a thing looks its true size anywhere on screen); the 3D mode is the perspective camera.
 * The whole mission is framed on start, on request (Fit) and on a camera-mode change, never because an
 * edit moved the bounds.
 *
 * A "distance" (Fit, fly-to) means the same view size in both modes: top-down shows what the perspective
 * camera shows at that distance from the ground, i.e. its zoom is the canvas height over
 * 2 d tan(fov / 2) pixels per metre (the orthographic frustum is in pixels, as R3F sizes it).
 */
export function CameraRig({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const controls = useRef<MapControlsImpl>(null);
  const { camera, size, set } = useThree();
  const mode = useViewStore((s) => s.cameraMode);
  const fitRequest = useViewStore((s) => s.fitRequest);
  const flyRequest = useViewStore((s) => s.flyRequest);
  const latestBounds = useRef(bounds);
  latestBounds.current = bounds;
  const latestSize = useRef(size);
  latestSize.current = size;

  // The Canvas's own perspective camera, kept for the 3D mode, and the orthographic one for top-down.
  const perspective = useRef<THREE.PerspectiveCamera | null>(null);
  if (!perspective.current && (camera as THREE.PerspectiveCamera).isPerspectiveCamera) perspective.current = camera as THREE.PerspectiveCamera;
  const ortho = useMemo(() => {
    const c = new THREE.OrthographicCamera(-1, 1, 1, -1, 1, ORTHO_HEIGHT_M * 4);
    c.name = 'top-down';
    return c;
  }, []);

  useLayoutEffect(() => {
    const persp = perspective.current;
    if (!persp) return;
    const { width, height } = latestSize.current;
    const next = mode === 'top-down' ? ortho : persp;
    // R3F sizes only the current camera on a resize: size the one coming in.
    if (next === ortho) {
      ortho.left = -width / 2;
      ortho.right = width / 2;
      ortho.top = height / 2;
      ortho.bottom = -height / 2;
    } else persp.aspect = width / Math.max(1, height);
    next.updateProjectionMatrix();
    if (camera !== next) set({ camera: next });
  }, [mode, ortho, camera, set]);

  useEffect(() => {
    const c = controls.current;
    if (!c || (c.object as THREE.Camera) !== camera) return;
    const b = latestBounds.current;
    const cx = (b.minX + b.maxX) / 2;
    const cz = -(b.minY + b.maxY) / 2;
    const span = Math.max(b.maxX - b.minX, b.maxY - b.minY, 500);
    const distance = (span / 2 / Math.tan(((FOV_DEG * Math.PI) / 180) / 2)) * 1.15;
    c.target.set(cx, 0, cz);
    placeCamera(camera, c.target, distance, mode, latestSize.current.height);
    c.enableRotate = mode !== 'top-down';
    c.update();
  }, [mode, fitRequest, camera]);

  useEffect(() => {
    const c = controls.current;
    if (!c || !flyRequest || (c.object as THREE.Camera) !== camera) return;
    const height = latestSize.current.height;
    const distance = flyRequest.distanceM ?? equivalentDistance(camera, c.target);
    offset.subVectors(camera.position, c.target);
    c.target.set(...toScene(flyRequest.target));
    if (isOrtho(camera) || mode === 'top-down') placeCamera(camera, c.target, distance, mode, height);
    else camera.position.copy(c.target).add(offset.setLength(distance));
    c.update();
  }, [flyRequest, camera, mode]);

  useFrame(() => {
    const c = controls.current;
    if (!c) return;
    if (isOrtho(camera)) viewMetrics.metresPerPixel = (camera.top - camera.bottom) / camera.zoom / Math.max(1, size.height);
    else {
      const d = camera.position.distanceTo(c.target);
      viewMetrics.metresPerPixel = (2 * d * Math.tan(((camera as THREE.PerspectiveCamera).fov * Math.PI) / 360)) / size.height;
    }
    dir.subVectors(c.target, camera.position);
    viewMetrics.headingDeg = ((Math.atan2(dir.x, -dir.z) * 180) / Math.PI + 360) % 360;
    viewMetrics.frames++;
  });

  // Zoom limits of the orthographic camera: the perspective camera's distance limits, in pixels per metre.
  const zoomAt = (d: number) => size.height / (2 * d * Math.tan((FOV_DEG * Math.PI) / 360));
  return (
    <MapControls
      ref={controls}
      makeDefault
      screenSpacePanning={false}
      zoomToCursor
      maxPolarAngle={Math.PI / 2 - 0.05}
      minDistance={isOrtho(camera) ? 0 : MIN_DISTANCE_M}
      maxDistance={isOrtho(camera) ? Infinity : MAX_DISTANCE_M}
      minZoom={zoomAt(MAX_DISTANCE_M)}
      maxZoom={zoomAt(MIN_DISTANCE_M)}
    />
  );
}

function isOrtho(camera: THREE.Camera): camera is THREE.OrthographicCamera {
  return (camera as THREE.OrthographicCamera).isOrthographicCamera === true;
}

/** The perspective distance that shows what the camera shows now (top-down: from its zoom). */
function equivalentDistance(camera: THREE.Camera, target: THREE.Vector3): number {
  if (!isOrtho(camera)) return camera.position.distanceTo(target);
  const metresTall = (camera.top - camera.bottom) / camera.zoom;
  return metresTall / (2 * Math.tan((FOV_DEG * Math.PI) / 360));
}

function placeCamera(camera: THREE.Camera, target: THREE.Vector3, distance: number, mode: 'orbit' | 'top-down', heightPx: number) {
  if (isOrtho(camera)) {
    // A hair of southward offset keeps "up" well defined (north at the top of the screen).
    camera.position.set(target.x, target.y + ORTHO_HEIGHT_M, target.z + 0.001);
    camera.zoom = (camera.top - camera.bottom || heightPx) / (2 * distance * Math.tan((FOV_DEG * Math.PI) / 360));
    camera.updateProjectionMatrix();
  } else if (mode === 'top-down') camera.position.set(target.x, distance, target.z + 0.001);
  else camera.position.set(target.x, distance * 0.75, target.z + distance * 0.6);
  camera.up.set(0, 1, 0);
  camera.lookAt(target);
}
