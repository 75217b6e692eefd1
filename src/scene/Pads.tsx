import { useEffect, useMemo, useRef } from 'react';
import { useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { useMissionStore } from '../state/missionStore';
import { type GroundHeight, useGroundHeight } from '../state/groundHeight';
import { type DepotPadRange, type PadInstances, padInstances } from '../state/padInstances';
import { padObstacles } from '../core/terminal/pads';
import { toScene } from './coords';
import { dragging } from './drag';
import { MARKER_COLORS, padGeometry } from './markerGeometry';
import { padsProbe } from './padsProbe';

/**
 * Height of the pad discs above the ground: above the ground plane (-0.5 m), the map tiles (-0.3 m)
 * and the grid (0 m) so they never z-fight with them, and still flat on the ground under the depot
 * markers. Over terrain, this much above the terrain under each pad's centre.
 */
export const PAD_LIFT_M = 0.4;

const tmp = new THREE.Object3D();
const noRaycast = () => null;

/** Write the matrices of one depot's pads, shifted by (dx, dy) metres (a depot being dragged). */
function writePads(mesh: THREE.InstancedMesh, data: PadInstances, range: DepotPadRange, dx: number, dy: number, ground: GroundHeight): void {
  for (let i = range.first; i < range.first + range.count; i++) {
    const pad = data.pads[i];
    const x = pad.x + dx;
    const y = pad.y + dy;
    tmp.position.set(...toScene({ x, y }, ground(x, y) + PAD_LIFT_M));
    tmp.updateMatrix();
    mesh.setMatrixAt(i, tmp.matrix);
  }
}

/**
 * Every depot's launch and landing pads: one instanced mesh (one draw call) of flat discs in real
 * metres around the depot markers, recomputed when the depots or the frame change. Pads take no
 * pointer events: picking, dragging and clicking the ground go through them. A depot's pads follow
 * it while it is dragged.
 */
export function Pads() {
  const depots = useMissionStore((s) => s.mission.depots);
  const zones = useMissionStore((s) => s.mission.noFlyZones);
  const buildings = useMissionStore((s) => s.mission.buildings);
  const settings = useMissionStore((s) => s.mission.settings);
  const frame = useMissionStore((s) => s.frame);
  // Pads keep out of the zones' and buildings' margins, as the planner lays them out.
  const obstacles = useMemo(() => padObstacles({ noFlyZones: zones, buildings, settings }, frame), [zones, buildings, settings, frame]);
  const data = useMemo(() => padInstances(depots, frame, obstacles), [depots, frame, obstacles]);
  const ground = useGroundHeight();
  const ref = useRef<THREE.InstancedMesh>(null);
  const material = useMemo(() => new THREE.MeshBasicMaterial({ color: MARKER_COLORS.pad, toneMapped: false }), []);
  useEffect(() => () => material.dispose(), [material]);
  /** The depot whose pads are drawn shifted by a drag, and the shift. */
  const dragged = useRef<{ range: DepotPadRange; dx: number; dy: number } | null>(null);

  useEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    for (const range of data.depots) writePads(mesh, data, range, 0, 0, ground);
    dragged.current = null;
    mesh.count = data.pads.length;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
    padsProbe.mesh = mesh;
    return () => {
      if (padsProbe.mesh === mesh) padsProbe.mesh = undefined;
    };
  }, [data, ground]);

  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const a = dragging('depot', undefined);
    const range = a ? data.depots.find((d) => d.depotId === a.ref.id) : undefined;
    const next = range && a ? { range, dx: a.at.x - range.at.x, dy: a.at.y - range.at.y } : null;
    const prev = dragged.current;
    if (prev?.range === next?.range && prev?.dx === next?.dx && prev?.dy === next?.dy) return;
    if (prev && prev.range !== next?.range) writePads(mesh, data, prev.range, 0, 0, ground);
    if (next) writePads(mesh, data, next.range, next.dx, next.dy, ground);
    dragged.current = next;
    mesh.instanceMatrix.needsUpdate = true;
  });

  return (
    <instancedMesh
      ref={ref}
      key={data.pads.length}
      args={[padGeometry, material, Math.max(1, data.pads.length)]}
      name="depot-pads"
      raycast={noRaycast}
      frustumCulled={false}
      dispose={null}
    />
  );
}
