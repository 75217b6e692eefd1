/**
 * Merged building chunks drawn with three levels of detail, chosen per chunk every frame from its
 * distance to the camera (a box distance per chunk, no allocation): walls and roofs while a typical
 * wall is at least a few pixels high, roofs only while a typical footprint is a few pixels wide, then
 * one point per building (a building that small is a dot either way). With a software renderer every
 * triangle counts: 100,000 buildings are 1 M triangles in full, 0.2 M as roofs, 0.1 M points.
 * Drawn only: no picking (the map context's buildings take no clicks).
 */
import { useEffect, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import type { BuildingChunk } from './buildingsGeometry';

/** A typical wall height and footprint width, and the fewest pixels each must span to be drawn. */
const WALL_M = 20;
const MIN_WALL_PX = 4;
const FOOTPRINT_M = 25;
const MIN_FOOTPRINT_PX = 3;

type Level = 0 | 1 | 2;

export function BuildingChunksLod({ chunks, material, name }: { chunks: readonly BuildingChunk[]; material: THREE.Material; name: string }) {
  const meshes = useRef<(THREE.Object3D | null)[][]>([]);
  const pointMaterial = useRef(new THREE.PointsMaterial({ vertexColors: true, sizeAttenuation: true }));
  useEffect(() => () => pointMaterial.current.dispose(), []);
  useFrame(({ camera, size }) => {
    const fov = (camera as THREE.PerspectiveCamera).fov ?? 45;
    const focalPx = size.height / 2 / Math.tan(THREE.MathUtils.degToRad(fov) / 2);
    // three scales attenuated points by half the canvas height over depth: this size draws a footprint's width.
    pointMaterial.current.size = (FOOTPRINT_M * focalPx) / (size.height / 2);
    const fullWithin = (WALL_M * focalPx) / MIN_WALL_PX;
    const roofsWithin = (FOOTPRINT_M * focalPx) / MIN_FOOTPRINT_PX;
    chunks.forEach((c, i) => {
      const d = c.geometry.boundingBox?.distanceToPoint(camera.position) ?? 0;
      const level: Level = !c.roofGeometry || d < fullWithin ? 0 : d < roofsWithin || !c.pointGeometry ? 1 : 2;
      const row = meshes.current[i] ?? [];
      for (let l = 0; l < 3; l++) {
        const o = row[l];
        if (o && o.visible !== (l === level)) o.visible = l === level;
      }
    });
  });
  const keep = (i: number, l: Level) => (o: THREE.Object3D | null) => {
    meshes.current[i] ??= [];
    meshes.current[i][l] = o;
  };
  return (
    <group name={name}>
      {chunks.map((c, i) => (
        <group key={c.geometry.uuid}>
          <mesh ref={keep(i, 0)} geometry={c.geometry} material={material} raycast={() => null} name={`${name}:${i}`} />
          {c.roofGeometry && (
            <mesh ref={keep(i, 1)} geometry={c.roofGeometry} material={material} raycast={() => null} visible={false} name={`${name}-roofs:${i}`} />
          )}
          {c.pointGeometry && (
            <points
              ref={keep(i, 2)}
              geometry={c.pointGeometry}
              material={pointMaterial.current}
              raycast={() => null}
              visible={false}
              name={`${name}-points:${i}`}
            />
          )}
        </group>
      ))}
    </group>
  );
}
