import { useEffect, useMemo } from 'react';
import type { ThreeElements } from '@react-three/fiber';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';

type MeshEvents = Pick<ThreeElements['mesh'], 'onClick' | 'onPointerDown' | 'onPointerOver' | 'onPointerOut'>;

/** A ring extruded upwards from `baseM` by `heightM` (scene y up, z = south). */
export function Extrusion({
  ring,
  baseM,
  heightM,
  color,
  opacity = 1,
  name,
  emissive,
  ...events
}: {
  ring: XY[];
  baseM: number;
  heightM: number;
  color: string;
  opacity?: number;
  name?: string;
  /** Glow colour for highlighting (hover); absent: none. */
  emissive?: string;
} & MeshEvents) {
  const geometry = useMemo(() => {
    const shape = new THREE.Shape(ring.map((p) => new THREE.Vector2(p.x, p.y)));
    return new THREE.ExtrudeGeometry(shape, { depth: heightM, bevelEnabled: false });
  }, [ring, heightM]);
  // Geometries passed as props are not disposed by R3F; free the GPU buffers of replaced ones.
  useEffect(() => () => geometry.dispose(), [geometry]);
  const translucent = opacity < 1;
  return (
    // Rotating -90 deg about x maps shape (x, north, up) to scene (x, up, -north).
    <mesh
      geometry={geometry}
      rotation-x={-Math.PI / 2}
      position-y={baseM}
      name={name}
      renderOrder={translucent ? 1 : 0}
      {...events}
    >
      <meshStandardMaterial
        color={color}
        transparent={translucent}
        opacity={opacity}
        depthWrite={!translucent}
        side={translucent ? THREE.DoubleSide : THREE.FrontSide}
        emissive={emissive ?? '#000000'}
        emissiveIntensity={emissive ? 0.35 : 0}
      />
    </mesh>
  );
}
