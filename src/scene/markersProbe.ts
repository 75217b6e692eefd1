/**
 * The depot and drop-point markers as drawn in the live scene, for the test hook: where each instance
 * stands (local metres and the height its foot is drawn at), read back from the instance matrices.
 */
import * as THREE from 'three';

export const markersProbe: Partial<Record<'depot' | 'order', { mesh: THREE.InstancedMesh; ids: string[] }>> = {};

export interface MarkerInScene {
  id: string;
  x: number;
  y: number;
  /** Height of the marker's foot above the mission datum (the ground there), m. */
  altM: number;
  /** Scaled to nothing (the selected one, drawn by the selection overlay; or a hidden order). */
  hidden: boolean;
}

const m = new THREE.Matrix4();
const p = new THREE.Vector3();
const q = new THREE.Quaternion();
const s = new THREE.Vector3();

export function describeMarkers(kind: 'depot' | 'order'): MarkerInScene[] | null {
  const drawn = markersProbe[kind];
  if (!drawn) return null;
  const out: MarkerInScene[] = [];
  for (let i = 0; i < Math.min(drawn.mesh.count, drawn.ids.length); i++) {
    drawn.mesh.getMatrixAt(i, m);
    m.decompose(p, q, s);
    out.push({ id: drawn.ids[i], x: p.x, y: -p.z, altM: p.y, hidden: s.x === 0 });
  }
  return out;
}
