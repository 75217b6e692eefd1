import { useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useEditorStore } from '../state/editorStore';
import { useMeasureStore } from '../state/measureStore';
import { useMissionStore } from '../state/missionStore';
import { toScene } from './coords';
import { cursor } from './EditPlane';
import { handleGeometry } from './markerGeometry';
import { metresPerPixelAt } from './sceneHandle';

const LIFT_M = 1;
const MAX_POINTS = 256;

/** The measuring tool's polyline on the ground, its points, and a rubber band from the last point to the cursor. */
export function MeasureOverlay() {
  const tool = useEditorStore((s) => s.tool);
  const points = useMeasureStore((s) => s.points);
  const frame = useMissionStore((s) => s.frame);
  const { camera, size } = useThree();
  const local = useMemo(() => points.map((p) => frame.toLocal(p)), [points, frame]);
  const line = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(3 * (MAX_POINTS + 1)), 3));
    const m = new THREE.LineBasicMaterial({ color: '#ff7a00', depthTest: false });
    const l = new THREE.Line(g, m);
    l.renderOrder = 10;
    l.frustumCulled = false;
    return l;
  }, []);
  const handles = useRef<THREE.Group>(null);

  useFrame(() => {
    if (tool !== 'measure') return;
    const pts = cursor.at && local.length > 0 ? [...local.slice(0, MAX_POINTS), cursor.at] : local.slice(0, MAX_POINTS);
    const attr = line.geometry.getAttribute('position') as THREE.BufferAttribute;
    for (let i = 0; i < pts.length; i++) attr.setXYZ(i, ...toScene(pts[i], LIFT_M));
    attr.needsUpdate = true;
    line.geometry.setDrawRange(0, pts.length);
    handles.current?.children.forEach((h) => {
      h.scale.setScalar(metresPerPixelAt(camera, h.position.x, h.position.y, h.position.z, size.height) * 0.7);
    });
  });

  if (tool !== 'measure') return null;
  return (
    <group name="measure">
      <primitive object={line} />
      <group ref={handles}>
        {local.map((p, i) => (
          <mesh key={i} geometry={handleGeometry} position={toScene(p, LIFT_M)} renderOrder={11}>
            <meshBasicMaterial color={i === 0 ? '#ff7a00' : '#ffffff'} depthTest={false} />
          </mesh>
        ))}
      </group>
    </group>
  );
}
