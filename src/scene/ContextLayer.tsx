import { useEffect, useMemo } from 'react';
import * as THREE from 'three';
import type { LngLat, MetricFrame } from '../core/geo/frame';
import type { MapContext, RoadKind } from '../core/mission';
import { useMissionStore } from '../state/missionStore';

/** Roads a little above the water and tiles (-0.4, -0.3 m), under everything else. */
const ROAD_Y = -0.2;
const ROAD_COLOR: Record<RoadKind, string> = { motorway: '#e8925a', trunk: '#f0b060', primary: '#f4d27a', secondary: '#fbf3d0' };

/**
 * The map context's main roads (lines on the ground, coloured by kind) and its low buildings (one
 * merged mesh of plain blocks, lighter than the airspace's buildings), drawn only: they take no clicks
 * and are no obstacles. The water is WaterLayer's. One geometry per layer, however many buildings.
 */
export function ContextLayer() {
  const context = useMissionStore((s) => s.mission.context);
  const frame = useMissionStore((s) => s.frame);
  const roads = useMemo(() => (context && context.roads.length > 0 ? roadGeometry(context.roads, frame) : null), [context, frame]);
  const buildings = useMemo(
    () => (context && context.buildings.length > 0 ? buildingGeometry(context.buildings, frame) : null),
    [context, frame],
  );
  useEffect(() => () => roads?.dispose(), [roads]);
  useEffect(() => () => buildings?.dispose(), [buildings]);
  if (!roads && !buildings) return null;
  return (
    <group name="context-layer">
      {roads && (
        <lineSegments geometry={roads} raycast={() => null} name="context-roads">
          <lineBasicMaterial vertexColors />
        </lineSegments>
      )}
      {buildings && (
        <mesh geometry={buildings} raycast={() => null} name="context-buildings">
          <meshStandardMaterial color="#c9cdd4" side={THREE.DoubleSide} />
        </mesh>
      )}
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

/** Walls (two triangles per edge) and a flat roof (triangulated with its courtyards) per building. */
export function buildingGeometry(buildings: MapContext['buildings'], frame: MetricFrame): THREE.BufferGeometry {
  const pos: number[] = [];
  for (const b of buildings) {
    const h = b.heightM;
    // Outer ring counter-clockwise, holes clockwise: every wall's front faces out of the building.
    const rings = b.footprint.coordinates.map((ring, r) => {
      const pts = ring.slice(0, -1).map((p) => {
        const q = frame.toLocal(p);
        return new THREE.Vector2(q.x, q.y);
      });
      return THREE.ShapeUtils.isClockWise(pts) === (r === 0) ? pts.reverse() : pts;
    });
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const d = ring[(i + 1) % ring.length];
        pos.push(a.x, 0, -a.y, d.x, 0, -d.y, d.x, h, -d.y, a.x, 0, -a.y, d.x, h, -d.y, a.x, h, -a.y);
      }
    }
    const [outer, ...holes] = rings;
    const all = [...outer, ...holes.flat()];
    for (const [i, j, l] of THREE.ShapeUtils.triangulateShape(outer, holes)) {
      for (const v of [all[i], all[j], all[l]]) pos.push(v.x, h, -v.y);
    }
  }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
  g.computeVertexNormals();
  return g;
}
