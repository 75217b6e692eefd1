import { useEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import type { ItemKind } from '../state/missionEdits';
import { useEditorStore } from '../state/editorStore';
import { deleteThing } from '../state/editorActions';
import { toScene } from './coords';
import { beginDrag } from './drag';
import { MARKER_COLORS, PICK_PRIORITY, depotGeometry, orderGeometry } from './markerGeometry';
import { metresPerPixelAt } from './sceneHandle';

export interface MarkerPoint {
  id: string;
  at: XY;
  flagged: boolean;
}

const tmp = new THREE.Object3D();
const colour = new THREE.Color();

/**
 * Depots or drop points as one instanced mesh, resized every time the camera moves so each keeps a
 * fixed size on screen at any zoom. The selected one is hidden here and drawn by the selection
 * overlay (highlighted, and following a drag).
 */
export function MarkerInstances({ kind, points, hiddenId }: { kind: 'depot' | 'order'; points: MarkerPoint[]; hiddenId?: string }) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const { camera, size } = useThree();
  // The camera pose the matrices were last written for; forced stale when the points change.
  const lastPose = useRef<string>('');
  useEffect(() => {
    lastPose.current = '';
    const mesh = ref.current;
    if (!mesh) return;
    points.forEach((p, i) => mesh.setColorAt(i, colour.set(p.flagged ? MARKER_COLORS.flagged : MARKER_COLORS[kind])));
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
  }, [points, hiddenId, kind]);

  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const e = camera.matrixWorld.elements;
    const pose = `${e[12]},${e[13]},${e[14]},${e[8]},${e[9]},${e[10]},${size.height}`;
    if (pose === lastPose.current) return;
    lastPose.current = pose;
    points.forEach((p, i) => {
      const [x, y, z] = toScene(p.at);
      tmp.position.set(x, y, z);
      tmp.scale.setScalar(p.id === hiddenId ? 0 : metresPerPixelAt(camera, x, y, z, size.height));
      tmp.updateMatrix();
      mesh.setMatrixAt(i, tmp.matrix);
    });
    mesh.count = points.length;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
  });

  const handlers = usePointHandlers(kind, points);
  const geometry = kind === 'depot' ? depotGeometry : orderGeometry;
  const material = useMemo(() => new THREE.MeshStandardMaterial({ color: '#ffffff' }), []);
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, material, Math.max(1, points.length)]}
      name={kind === 'depot' ? 'depots' : 'orders'}
      key={points.length}
      userData={PICK_PRIORITY}
      dispose={null}
      frustumCulled={false}
      {...handlers}
    />
  );
}

/** Pointer behaviour shared by point markers: select + drag, delete, hover label. */
function usePointHandlers(kind: ItemKind, points: MarkerPoint[]) {
  return useMemo(() => {
    const refAt = (e: ThreeEvent<PointerEvent | MouseEvent>) => {
      const p = e.instanceId === undefined ? undefined : points[e.instanceId];
      return p ? { ref: { kind, id: p.id }, at: p.at } : undefined;
    };
    return {
      onPointerDown: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e);
        const { tool, select } = useEditorStore.getState();
        if (!hit || e.button !== 0) return;
        if (tool === 'select') {
          e.stopPropagation();
          select(hit.ref);
          beginDrag(hit.ref, undefined, hit.at, e.nativeEvent.clientX, e.nativeEvent.clientY);
        } else if (tool === 'delete') {
          e.stopPropagation();
        }
      },
      onClick: (e: ThreeEvent<MouseEvent>) => {
        const hit = refAt(e);
        const { tool } = useEditorStore.getState();
        if (!hit) return;
        if (tool === 'select') e.stopPropagation();
        else if (tool === 'delete') {
          e.stopPropagation();
          deleteThing(hit.ref);
        }
      },
      onPointerOver: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e);
        if (hit) useEditorStore.getState().setHover(hit.ref);
      },
      onPointerOut: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e);
        const hover = useEditorStore.getState().hover;
        if (hit && hover?.kind === hit.ref.kind && hover.id === hit.ref.id) useEditorStore.getState().setHover(null);
      },
    };
  }, [kind, points]);
}
