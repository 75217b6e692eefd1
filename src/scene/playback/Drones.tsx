import { useLayoutEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame } from '@react-three/fiber';
import * as THREE from 'three';
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

/**
 * A dart pointing along +x (the heading) over a flat rotor cross: heading and pitch read at a glance.
 * Eight triangles: with thousands of drones on a software renderer, triangles are what costs.
 */
function makeDroneGeometry(): THREE.BufferGeometry {
  const nose = [0.55, 0, 0];
  const left = [-0.45, 0, 0.34];
  const right = [-0.45, 0, -0.34];
  const top = [-0.25, 0.2, 0];
  const bottom = [-0.25, -0.08, 0];
  const dart = [nose, top, left, nose, right, top, nose, left, bottom, nose, bottom, right];
  // Rotor cross: two thin flat quads on the diagonals, slightly below the dart.
  const arm = (a: number) => {
    const c = Math.cos(a) * 0.5;
    const s = Math.sin(a) * 0.5;
    const w = 0.05;
    const px = -Math.sin(a) * w;
    const pz = -Math.cos(a) * w;
    const p = (x: number, z: number) => [x, -0.02, z];
    return [p(-c + px, s + pz), p(c + px, -s + pz), p(c - px, -s - pz), p(-c + px, s + pz), p(c - px, -s - pz), p(-c - px, s - pz)];
  };
  const positions = [...dart, ...arm(Math.PI / 4), ...arm(-Math.PI / 4)].flat();
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.computeVertexNormals();
  // Shading baked into vertex colours (lit from above): an unlit material is far cheaper per pixel
  // than a lit one on a software renderer, and the instance colour multiplies these.
  const normals = g.getAttribute('normal');
  const shade: number[] = [];
  for (let i = 0; i < normals.count; i++) {
    const light = 0.55 + 0.45 * Math.abs(normals.getY(i));
    shade.push(light, light, light);
  }
  g.setAttribute('color', new THREE.Float32BufferAttribute(shade, 3));
  return g;
}

const droneGeometry = makeDroneGeometry();
const parcelGeometry = new THREE.TetrahedronGeometry(0.22);
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
 * pitch from the trace segment being flown. Clicking a drone selects it and follows it; Shift+click
 * adds it to the selection.
 */
export function Drones({ index }: { index: ReplayIndex }) {
  const droneMesh = useRef<THREE.InstancedMesh>(null);
  const parcelMesh = useRef<THREE.InstancedMesh>(null);
  const halo = useRef<THREE.Mesh>(null);
  const n = index.drones.length;
  const lastCategory = useMemo(() => new Int8Array(n).fill(-1), [n]);
  const droneMaterial = useMemo(() => new THREE.MeshBasicMaterial({ color: '#ffffff', vertexColors: true, side: THREE.DoubleSide }), []);
  const parcelMaterial = useMemo(() => new THREE.MeshLambertMaterial({ color: '#8d5a2b' }), []);
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
    const startedMs = performance.now();
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
    playbackScene.updateMs += performance.now() - startedMs;
  });

  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId === undefined) return;
    const d = index.drones[e.instanceId];
    if (!d) return;
    e.stopPropagation();
    const playback = usePlaybackStore.getState();
    // Shift+click adds (or removes) a drone to the selection: the charge chart compares them.
    if (e.nativeEvent.shiftKey && playback.selectedDroneIds.length > 0) {
      const ids = playback.selectedDroneIds;
      playback.setSelectedDrones(ids.includes(d.droneId) ? ids.filter((id) => id !== d.droneId) : [...ids, d.droneId]);
    } else playback.selectDrone(d.droneId, true);
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
