/**
 * The pads' instanced mesh as it is in the live scene, for the test hook: proves the pads were
 * really drawn (mounted, one instance each) and where, read back from the instance matrices.
 */
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import { fromScene } from './coords';
import { currentGroundHeight } from '../state/groundHeight';

export const padsProbe: { mesh?: THREE.InstancedMesh } = {};

export interface PadsInScene {
  /** Instances drawn (one per pad). */
  count: number;
  /** Pad centres as drawn, local metres. */
  centres: XY[];
  /** Height of the discs above the ground under them (the terrain, or the datum without), m. */
  liftM: number;
  /** Whether a ray straight down through a pad hits the mesh (it must not: pads take no pointer events). */
  pickable: boolean;
}

const m = new THREE.Matrix4();
const p = new THREE.Vector3();

export function describePadsInScene(): PadsInScene | null {
  const mesh = padsProbe.mesh;
  if (!mesh) return null;
  let inScene = false;
  for (let o: THREE.Object3D | null = mesh; o; o = o.parent) if ((o as { isScene?: boolean }).isScene) inScene = true;
  if (!inScene) return null;
  const centres: XY[] = [];
  let liftM = 0;
  for (let i = 0; i < mesh.count; i++) {
    mesh.getMatrixAt(i, m);
    p.setFromMatrixPosition(m);
    const c = fromScene(p.x, p.z);
    centres.push(c);
    liftM = p.y - currentGroundHeight()(c.x, c.y);
  }
  let pickable = false;
  if (centres.length > 0) {
    const [c] = centres;
    const ray = new THREE.Raycaster(new THREE.Vector3(c.x, currentGroundHeight()(c.x, c.y) + 100, -c.y), new THREE.Vector3(0, -1, 0));
    pickable = ray.intersectObject(mesh, false).length > 0;
  }
  return { count: mesh.count, centres, liftM, pickable };
}
