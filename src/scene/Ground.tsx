import { useMemo } from 'react';
import type { LocalGeometry } from '../state/geometry';

/** Ground plane with a 1 km grid (thin lines) over the mission extent plus a margin. */
export function Ground({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const { cx, cz, size } = useMemo(() => {
    const margin = 5000;
    const w = bounds.maxX - bounds.minX + 2 * margin;
    const h = bounds.maxY - bounds.minY + 2 * margin;
    const size = Math.ceil(Math.max(w, h) / 1000) * 1000;
    return {
      cx: Math.round((bounds.minX + bounds.maxX) / 2000) * 1000,
      cz: -Math.round((bounds.minY + bounds.maxY) / 2000) * 1000,
      size,
    };
  }, [bounds]);
  return (
    <group>
      <mesh rotation-x={-Math.PI / 2} position={[cx, -0.5, cz]} receiveShadow name="ground" renderOrder={-2}>
        <planeGeometry args={[size, size]} />
        <meshStandardMaterial color="#dfe6dc" />
      </mesh>
      <gridHelper args={[size, size / 1000, '#8aa39a', '#b8c7bf']} position={[cx, 0, cz]} />
    </group>
  );
}
