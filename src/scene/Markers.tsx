import { useLayoutEffect, useRef } from 'react';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import { toScene } from './coords';

const tmp = new THREE.Object3D();

/** Many identical markers in one draw call; `scaleM` sizes them in metres. */
export function MarkerInstances({
  points,
  geometry,
  color,
  scaleM,
  liftM,
  name,
}: {
  points: XY[];
  geometry: 'depot' | 'order';
  color: string;
  scaleM: number;
  liftM: number;
  name: string;
}) {
  const ref = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    points.forEach((p, i) => {
      tmp.position.set(...toScene(p, liftM));
      tmp.scale.setScalar(scaleM);
      tmp.updateMatrix();
      mesh.setMatrixAt(i, tmp.matrix);
    });
    mesh.count = points.length;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
  }, [points, scaleM, liftM]);
  return (
    <instancedMesh ref={ref} args={[undefined, undefined, Math.max(1, points.length)]} name={name} key={points.length}>
      {geometry === 'depot' ? <cylinderGeometry args={[1, 1, 1.2, 6]} /> : <coneGeometry args={[0.6, 1.6, 12]} />}
      <meshStandardMaterial color={color} />
    </instancedMesh>
  );
}
