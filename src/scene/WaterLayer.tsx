import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import { useMissionStore } from '../state/missionStore';

/** Between the ground (-0.5 m) and map tiles (-0.3 m). */
const WATER_Y = -0.4;

/**
 * The water of the mission's map context (`context.water`: the sea of the bundled Shenzhen missions,
 * water imported from OpenStreetMap) as one flat mesh on the ground, holes (islands) left out.
 * Drawn only; clicks go through it to the ground as before.
 *
 * A few decimetres above a ground plane tens of kilometres wide lose the depth test to it in places, so
 * the water is not depth-tested at all: it is drawn right after the ground (renderOrder -2 there, -1
 * here) and writes no depth, and everything drawn later (grid, tiles, markers, zones) is tested
 * against the ground's depth and lies over it.
 */
export function WaterLayer() {
  const water = useMissionStore((s) => s.mission.context?.water);
  const frame = useMissionStore((s) => s.frame);
  const geometry = useMemo(() => {
    if (!water || water.length === 0) return null;
    const ring = (r: readonly (readonly [number, number])[]) =>
      r.slice(0, -1).map((p) => {
        const q = frame.toLocal(p);
        // Shape x = east, y = north; the mesh's rotation lays it on the ground (scene z = -north).
        return new THREE.Vector2(q.x, q.y);
      });
    const shapes = water.map((polygon) => {
      const shape = new THREE.Shape(ring(polygon.coordinates[0]));
      shape.holes = polygon.coordinates.slice(1).map((h) => new THREE.Path(ring(h)));
      return shape;
    });
    return new THREE.ShapeGeometry(shapes);
  }, [water, frame]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  if (!geometry) return null;
  return (
    <mesh geometry={geometry} rotation-x={-Math.PI / 2} position={[0, WATER_Y, 0]} raycast={() => null} name="context-water" renderOrder={-1}>
      <meshStandardMaterial color="#9fc8e6" side={THREE.DoubleSide} depthTest={false} depthWrite={false} />
    </mesh>
  );
}
