import { type ThreeEvent, useThree } from '@react-three/fiber';
import type { XY } from '../core/geo/frame';
import { useMissionStore } from '../state/missionStore';
import { sendToolEvent } from '../state/tools';
import { CLICK_SLOP_PX } from './drag';
import { groundOnRay, metresPerPixelAt } from './sceneHandle';

/** Ground point under the pointer (local metres), for the drawing rubber band; mutable, never state. */
// One of the scene's per-frame objects (docs/architecture.md, "Per-frame values"): written only here.
export const cursor: { at: XY | null } = { at: null };

/** Pixels within which a click closes a polygon on its first corner. */
const CLOSE_RADIUS_PX = 10;

/**
 * An invisible, effectively endless ground plane that catches clicks no marker or area took: the
 * active tool places things where the ray through the cursor meets the ground (y = 0).
 */
export function EditPlane() {
  const heightPx = useThree((s) => s.size.height);
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > CLICK_SLOP_PX || e.button !== 0) return;
    const p = groundOnRay(e.ray);
    if (!p) return;
    e.stopPropagation();
    const { frame } = useMissionStore.getState();
    const mpp = metresPerPixelAt(e.camera, p.x, 0, -p.y, heightPx);
    sendToolEvent({ type: 'click-ground', at: frame.toLngLat(p), closeRadiusM: CLOSE_RADIUS_PX * mpp });
  };
  const onDoubleClick = (e: ThreeEvent<MouseEvent>) => {
    if (sendToolEvent({ type: 'double-click-ground' }) !== 'ignored') e.stopPropagation();
  };
  const onPointerMove = (e: ThreeEvent<PointerEvent>) => {
    cursor.at = groundOnRay(e.ray);
  };
  return (
    <mesh
      name="edit-plane"
      rotation-x={-Math.PI / 2}
      visible={false}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onPointerMove={onPointerMove}
    >
      <planeGeometry args={[2_000_000, 2_000_000]} />
      <meshBasicMaterial />
    </mesh>
  );
}
