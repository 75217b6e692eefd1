/**
 * The live camera and canvas, for code outside React's tree that needs them: drag gestures on
 * window listeners, DOM overlays and the test hook. Written by <PublishSceneHandle/> inside the Canvas.
 */
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import { fromScene, toScene } from './coords';

export interface ControlsLike {
  enabled: boolean;
}

// One of the scene's per-frame objects (docs/architecture.md, "Per-frame values"): written only by <PublishSceneHandle/>.
export const sceneHandle: {
  camera?: THREE.Camera;
  canvas?: HTMLCanvasElement;
  controls?: ControlsLike;
  invalidate?: () => void;
  /** Turn the scene's pointer events (hover, click ray casts) off during a drag. */
  setPointerEvents?: (enabled: boolean) => void;
} = {};

const groundPlane = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
const raycaster = new THREE.Raycaster();
const ndc = new THREE.Vector2();
const hit = new THREE.Vector3();
const tmp = new THREE.Vector3();

/** Where the ray through a client (CSS pixel) point meets the ground, local metres; null above the horizon. */
export function groundAtClient(clientX: number, clientY: number): XY | null {
  const { camera, canvas } = sceneHandle;
  if (!camera || !canvas) return null;
  const r = canvas.getBoundingClientRect();
  ndc.set(((clientX - r.left) / r.width) * 2 - 1, -((clientY - r.top) / r.height) * 2 + 1);
  raycaster.setFromCamera(ndc, camera);
  return groundOnRay(raycaster.ray);
}

export function groundOnRay(ray: THREE.Ray): XY | null {
  const p = ray.intersectPlane(groundPlane, hit);
  return p ? fromScene(p.x, p.z) : null;
}

/** Client (CSS pixel) position of a local point at an altitude, from the live camera; null when behind it. */
export function projectToClient(p: XY, altitudeM = 0): { x: number; y: number } | null {
  const { camera, canvas } = sceneHandle;
  if (!camera || !canvas) return null;
  camera.updateMatrixWorld();
  tmp.set(...toScene(p, altitudeM)).project(camera);
  if (tmp.z > 1) return null;
  const r = canvas.getBoundingClientRect();
  return { x: r.left + ((tmp.x + 1) / 2) * r.width, y: r.top + ((1 - tmp.y) / 2) * r.height };
}

/**
 * Metres covered by one screen pixel at a world point: what a marker must be scaled by to keep a
 * fixed size on screen at any zoom.
 */
export function metresPerPixelAt(camera: THREE.Camera, worldX: number, worldY: number, worldZ: number, heightPx: number): number {
  // Orthographic (top-down): the same everywhere, the frustum's height in metres over the canvas's.
  const ortho = camera as THREE.OrthographicCamera;
  if (ortho.isOrthographicCamera) return (ortho.top - ortho.bottom) / ortho.zoom / Math.max(1, heightPx);
  const persp = camera as THREE.PerspectiveCamera;
  const d = Math.hypot(camera.position.x - worldX, camera.position.y - worldY, camera.position.z - worldZ);
  const fov = ((persp.fov ?? 45) * Math.PI) / 180;
  return (2 * d * Math.tan(fov / 2)) / Math.max(1, heightPx);
}
