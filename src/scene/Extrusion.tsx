import { useMemo } from 'react';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';

/** A ring extruded upwards from `baseM` by `heightM` (scene y up, z = south). */
export function Extrusion({
  ring,
  baseM,
  heightM,
  color,
  opacity = 1,
  name,
}: {
  ring: XY[];
  baseM: number;
  heightM: number;
  color: string;
  opacity?: number;
  name?: string;
}) {
  const geometry = useMemo(() => {
    const shape = new THREE.Shape(ring.map((p) => new THREE.Vector2(p.x, p.y)));
    return new THREE.ExtrudeGeometry(shape, { depth: heightM, bevelEnabled: false });
  }, [ring, heightM]);
  const translucent = opacity < 1;
  return (
    // Rotating -90 deg about x maps shape (x, north, up) to scene (x, up, -north).
    <mesh geometry={geometry} rotation-x={-Math.PI / 2} position-y={baseM} name={name} renderOrder={translucent ? 1 : 0}>
      <meshStandardMaterial
        color={color}
        transparent={translucent}
        opacity={opacity}
        depthWrite={!translucent}
        side={translucent ? THREE.DoubleSide : THREE.FrontSide}
      />
    </mesh>
  );
}
