import { useLayoutEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { playbackClock, usePlaybackStore } from '../../state/playbackStore';
import {
  type ReplayIndex,
  STATE_CATEGORY_COLOURS,
  type StateCategory,
  categoryAt,
  isCarrying,
  localPositionAt,
} from '../../state/replayIndex';
import { viewMetrics } from '../viewMetrics';
import { playbackScene } from './handle';

/** Drone length on screen, pixels (real size would be invisible at city scale). */
const DRONE_PX = 18;
/** Never drawn smaller than its real size, metres. */
const MIN_SIZE_M = 1.2;

/** A dart pointing along +x (the heading) with a rotor cross: heading and pitch read at a glance. */
function makeDroneGeometry(): THREE.BufferGeometry {
  const body = new THREE.ConeGeometry(0.32, 1, 3);
  body.rotateZ(-Math.PI / 2); // tip to +x
  body.scale(1, 0.45, 1);
  const armA = new THREE.BoxGeometry(0.9, 0.06, 0.1);
  armA.rotateY(Math.PI / 4);
  const armB = new THREE.BoxGeometry(0.9, 0.06, 0.1);
  armB.rotateY(-Math.PI / 4);
  const merged = mergeGeometries([body.toNonIndexed(), armA.toNonIndexed(), armB.toNonIndexed()])!;
  merged.computeVertexNormals();
  return merged;
}

const droneGeometry = makeDroneGeometry();
const parcelGeometry = new THREE.BoxGeometry(0.35, 0.3, 0.35);
const haloGeometry = new THREE.TorusGeometry(0.9, 0.08, 6, 24).rotateX(Math.PI / 2);

const CATEGORY_CODES: StateCategory[] = ['ground', 'cruise', 'drop', 'return', 'charging', 'diverted', 'emergency'];
const CATEGORY_COLOURS = CATEGORY_CODES.map((c) => new THREE.Color(STATE_CATEGORY_COLOURS[c]));
const CATEGORY_INDEX = Object.fromEntries(CATEGORY_CODES.map((c, i) => [c, i])) as Record<StateCategory, number>;

// Reused every frame: no allocation while playing.
const dummy = new THREE.Object3D();
dummy.rotation.order = 'YZX';
const pos = new Float64Array(3);
const hidden = new THREE.Matrix4().makeScale(0, 0, 0);
/** Every instance passes the bounding test, so clicks are checked per drone (matrices change every frame). */
const everywhere = new THREE.Sphere(new THREE.Vector3(), 1e7);

/**
 * The fleet as one instanced mesh (plus one for parcels aboard and a halo on the selected drone),
 * positioned every frame from the trace at the playback clock's time. Colour by state; heading and
 * pitch from the trace segment being flown. Clicking a drone selects it and follows it.
 */
export function Drones({ index }: { index: ReplayIndex }) {
  const droneMesh = useRef<THREE.InstancedMesh>(null);
  const parcelMesh = useRef<THREE.InstancedMesh>(null);
  const halo = useRef<THREE.Mesh>(null);
  const n = index.drones.length;
  const lastCategory = useMemo(() => new Int8Array(n).fill(-1), [n]);
  const droneMaterial = useMemo(() => new THREE.MeshStandardMaterial({ color: '#ffffff', roughness: 0.5 }), []);
  const parcelMaterial = useMemo(() => new THREE.MeshStandardMaterial({ color: '#8d5a2b' }), []);
  const haloMaterial = useMemo(() => new THREE.MeshBasicMaterial({ color: '#ffd400' }), []);

  useLayoutEffect(() => {
    const mesh = droneMesh.current;
    if (!mesh) return;
    // Colours must exist before the first draw so the shader is built with per-instance colour.
    for (let i = 0; i < n; i++) mesh.setColorAt(i, CATEGORY_COLOURS[0]);
    lastCategory.fill(-1);
    mesh.boundingSphere = everywhere;
    mesh.count = n;
    if (parcelMesh.current) parcelMesh.current.count = n;
    playbackScene.drones = mesh;
    playbackScene.index = index;
    playbackScene.drawnAtS = Number.NaN;
    return () => {
      if (playbackScene.drones === mesh) {
        playbackScene.drones = undefined;
        playbackScene.index = undefined;
      }
    };
  }, [index, n, lastCategory]);

  useFrame(() => {
    const mesh = droneMesh.current;
    const parcels = parcelMesh.current;
    if (!mesh || !parcels) return;
    const t = playbackClock.tS;
    const size = Math.max(MIN_SIZE_M, viewMetrics.metresPerPixel * DRONE_PX);
    const stateNames = index.trace.stateNames;
    let coloursChanged = false;
    for (let i = 0; i < n; i++) {
      const d = index.drones[i];
      const k = localPositionAt(d, t, pos);
      dummy.position.set(pos[0], pos[2], -pos[1]);
      dummy.rotation.set(0, d.headingRad[k], d.pitchRad[k]);
      dummy.scale.setScalar(size);
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
      const cat = CATEGORY_INDEX[categoryAt(d, stateNames, k, t)];
      if (cat !== lastCategory[i]) {
        lastCategory[i] = cat;
        mesh.setColorAt(i, CATEGORY_COLOURS[cat]);
        coloursChanged = true;
      }
      if (isCarrying(d, t)) {
        // The parcel hangs under the body.
        dummy.position.y -= 0.35 * size;
        dummy.updateMatrix();
        parcels.setMatrixAt(i, dummy.matrix);
      } else parcels.setMatrixAt(i, hidden);
    }
    mesh.instanceMatrix.needsUpdate = true;
    parcels.instanceMatrix.needsUpdate = true;
    if (coloursChanged && mesh.instanceColor) mesh.instanceColor.needsUpdate = true;

    const h = halo.current;
    if (h) {
      const selected = usePlaybackStore.getState().selectedDroneIds[0];
      const d = selected === undefined ? undefined : index.byId.get(selected);
      h.visible = d !== undefined;
      if (d) {
        localPositionAt(d, t, pos);
        h.position.set(pos[0], pos[2], -pos[1]);
        h.scale.setScalar(size);
      }
    }
    playbackScene.drawnAtS = t;
    playbackScene.frames++;
  });

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId === undefined) return;
    const d = index.drones[e.instanceId];
    if (!d) return;
    e.stopPropagation();
    usePlaybackStore.getState().selectDrone(d.droneId, true);
  };

  return (
    <group name="playback-drones">
      <instancedMesh
        ref={droneMesh}
        key={`drones-${n}`}
        args={[droneGeometry, droneMaterial, Math.max(1, n)]}
        name="drones"
        frustumCulled={false}
        dispose={null}
        onClick={onClick}
      />
      <instancedMesh
        ref={parcelMesh}
        key={`parcels-${n}`}
        args={[parcelGeometry, parcelMaterial, Math.max(1, n)]}
        name="parcels"
        frustumCulled={false}
        dispose={null}
        raycast={() => null}
      />
      <mesh ref={halo} geometry={haloGeometry} material={haloMaterial} visible={false} raycast={() => null} name="selected-drone-halo" />
    </group>
  );
}
