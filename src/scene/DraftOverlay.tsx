import { useMemo, useRef } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import { useEditorStore } from '../state/editorStore';
import { useMissionStore } from '../state/missionStore';
import { toScene } from './coords';
import { cursor } from './EditPlane';
import { handleGeometry } from './markerGeometry';
import { metresPerPixelAt } from './sceneHandle';

const LIFT_M = 0.5;

/** The polygon being drawn: its corners, its edges, and a rubber band to the cursor. */
export function DraftOverlay() {
  const draft = useEditorStore((s) => s.draft);
  const tool = useEditorStore((s) => s.tool);
  const frame = useMissionStore((s) => s.frame);
  const { camera, size } = useThree();
  const corners = useMemo(() => draft.map((p) => frame.toLocal(p)), [draft, frame]);
  const line = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(3 * 64), 3));
    return new THREE.Line(g, new THREE.LineBasicMaterial({ color: tool === 'building' ? '#4a5568' : '#c81e1e' }));
  }, [tool]);
  const handles = useRef<THREE.Group>(null);

  useFrame(() => {
    if (tool !== 'zone' && tool !== 'building') return;
    const pts = cursor.at && corners.length > 0 ? [...corners, cursor.at] : corners;
    const n = Math.min(pts.length, 64);
    const attr = line.geometry.getAttribute('position') as THREE.BufferAttribute;
    for (let i = 0; i < n; i++) attr.setXYZ(i, ...toScene(pts[i], LIFT_M));
    attr.needsUpdate = true;
    line.geometry.setDrawRange(0, n);
    line.geometry.computeBoundingSphere();
    handles.current?.children.forEach((h) => {
      h.scale.setScalar(metresPerPixelAt(camera, h.position.x, h.position.y, h.position.z, size.height) * 0.8);
    });
  });

  if (tool !== 'zone' && tool !== 'building') return null;
  return (
    <group name="draft">
      <primitive object={line} />
      <group ref={handles}>
        {corners.map((c, i) => (
          <mesh key={i} geometry={handleGeometry} position={toScene(c, LIFT_M)} name={`draft-corner-${i}`}>
            <meshBasicMaterial color={i === 0 ? '#ffd21f' : '#ffffff'} />
          </mesh>
        ))}
      </group>
    </group>
  );
}
