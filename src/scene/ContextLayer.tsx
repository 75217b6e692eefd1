import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { LngLat, MetricFrame } from '../core/geo/frame';
import type { MapContext, RoadKind } from '../core/mission';
import { useMissionStore } from '../state/missionStore';
import { buildBuildingChunks, contextBuildingShapes } from './buildingsGeometry';
import { BuildingChunksLod } from './buildingsLod';

/** Roads a little above the water and tiles (-0.4, -0.3 m), under everything else. */
const ROAD_Y = -0.2;
const ROAD_COLOR: Record<RoadKind, string> = { motorway: '#e8925a', trunk: '#f0b060', primary: '#f4d27a', secondary: '#fbf3d0' };

/**
 * The map context's main roads (lines on the ground, coloured by kind) and its low buildings (one
 * merged mesh of plain blocks per spatial chunk, lighter than the airspace's buildings), drawn only:
 * they take no clicks and are no obstacles. The water is WaterLayer's. A few geometries per layer
 * (src/scene/buildingsGeometry.ts: about 1,000 buildings per chunk), however many buildings.
 */
export function ContextLayer() {
  const context = useMissionStore((s) => s.mission.context);
  const frame = useMissionStore((s) => s.frame);
  const roads = useMemo(() => (context && context.roads.length > 0 ? roadGeometry(context.roads, frame) : null), [context, frame]);
  // Memoised: rebuilt only when the context or the frame changes (about a second for 100,000 buildings).
  const buildings = useMemo(
    () =>
      context && context.buildings.length > 0
        ? buildBuildingChunks(contextBuildingShapes(context.buildings, frame), { baked: CONTEXT_BUILDING_COLOR, roofs: true })
        : null,
    [context, frame],
  );
  useEffect(() => () => roads?.dispose(), [roads]);
  useEffect(
    () => () =>
      buildings?.forEach((c) => {
        c.geometry.dispose();
        c.roofGeometry?.dispose();
        c.pointGeometry?.dispose();
      }),
    [buildings],
  );
  if (!roads && !buildings) return null;
  return (
    <group name="context-layer">
      {roads && (
        <lineSegments geometry={roads} raycast={() => null} name="context-roads">
          <lineBasicMaterial vertexColors />
        </lineSegments>
      )}
      {buildings && <BuildingChunksLod chunks={buildings} material={CONTEXT_BUILDING_MATERIAL} name="context-buildings" />}
    </group>
  );
}

/** Scene position (x east, y up, z south) of a [lng, lat]. */
function scene(frame: MetricFrame, p: LngLat, y: number): [number, number, number] {
  const q = frame.toLocal(p);
  return [q.x, y, -q.y];
}

export function roadGeometry(roads: MapContext['roads'], frame: MetricFrame): THREE.BufferGeometry {
  let segments = 0;
  for (const r of roads) segments += r.line.length - 1;
  const pos = new Float32Array(segments * 6);
  const col = new Float32Array(segments * 6);
  const c = new THREE.Color();
  let k = 0;
  for (const r of roads) {
    c.set(ROAD_COLOR[r.kind]);
    let prev = scene(frame, r.line[0], ROAD_Y);
    for (let i = 1; i < r.line.length; i++) {
      const cur = scene(frame, r.line[i], ROAD_Y);
      pos.set(prev, k);
      pos.set(cur, k + 3);
      col.set([c.r, c.g, c.b, c.r, c.g, c.b], k);
      k += 6;
      prev = cur;
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  g.setAttribute('color', new THREE.BufferAttribute(col, 3));
  return g;
}

/** Every building in one non-indexed geometry (six corners per wall, three per roof triangle). */
export function buildingGeometry(buildings: MapContext['buildings'], frame: MetricFrame): THREE.BufferGeometry {
  const [chunk] = buildBuildingChunks(contextBuildingShapes(buildings, frame), { perChunk: Infinity });
  return chunk ? chunk.geometry.toNonIndexed() : new THREE.BufferGeometry();
}

/** A lighter grey than the airspace's buildings, its light baked in (cheap to draw by the 100,000). */
const CONTEXT_BUILDING_COLOR = new THREE.Color('#c9cdd4');
const CONTEXT_BUILDING_MATERIAL = new THREE.MeshBasicMaterial({ vertexColors: true });
