import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
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
import { DRONE_PICK } from '../markerGeometry';
import { metresPerPixelAt } from '../sceneHandle';
import { playbackScene } from './handle';

/** Drone length on screen in flight, pixels (real size would be invisible at city scale). */
export const DRONE_PX = 26;
/** Drone length on screen on the ground (at a depot: small, no halo, so a depot full of drones stays readable). */
export const GROUND_DRONE_PX = 15;
/** Diameter of the halo behind a drone in flight, pixels: white face, ring in the state colour, dark edge. */
export const HALO_PX = 36;
/** A click this many pixels around a drone's halo (or body, on the ground) still picks it. */
const PICK_SLACK_PX = 3;
/** Never drawn smaller than its real size, metres. */
const MIN_SIZE_M = 1.2;

/**
 * A dart pointing along +x (the heading) over a flat rotor cross: heading and pitch read at a glance.
 * Eight triangles: with thousands of drones on a software renderer, triangles are what costs. Drawn
 * without a depth test (always on top), so the triangles are ordered from the bottom up: rotor arms,
 * the dart's underside, then its top faces.
 */
function makeDroneGeometry(): THREE.BufferGeometry {
  const nose = [0.55, 0, 0];
  const left = [-0.45, 0, 0.34];
  const right = [-0.45, 0, -0.34];
  const top = [-0.25, 0.2, 0];
  const bottom = [-0.25, -0.08, 0];
  const underside = [nose, left, bottom, nose, bottom, right];
  const upper = [nose, top, left, nose, right, top];
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
  const positions = [...arm(Math.PI / 4), ...arm(-Math.PI / 4), ...underside, ...upper].flat();
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.computeVertexNormals();
  // Shading baked into vertex colours (lit from above): an unlit material is far cheaper per pixel
  // than a lit one on a software renderer, and the instance colour multiplies these.
  const normals = g.getAttribute('normal');
  const shade: number[] = [];
  for (let i = 0; i < normals.count; i++) {
    const light = 0.6 + 0.4 * Math.abs(normals.getY(i));
    shade.push(light, light, light);
  }
  g.setAttribute('color', new THREE.Float32BufferAttribute(shade, 3));
  return g;
}

/**
 * The halos: one point per drone, a disc of constant pixel size drawn in the shader (white face, a
 * ring in the drone's state colour, a dark edge), so every drone in flight stands out on any map.
 * Colours are written as sRGB and drawn as they are (no tone mapping).
 */
function makeHaloMaterial(): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: { pixelRatio: { value: 1 } },
    vertexShader: `
      attribute float haloSize;
      attribute vec3 ringColour;
      uniform float pixelRatio;
      varying vec3 vRing;
      void main() {
        vRing = ringColour;
        gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
        gl_PointSize = haloSize * pixelRatio;
      }`,
    fragmentShader: `
      varying vec3 vRing;
      void main() {
        float r = length(gl_PointCoord * 2.0 - 1.0);
        if (r > 1.0) discard;
        if (r > 0.86) gl_FragColor = vec4(0.07, 0.09, 0.12, 0.95);
        else if (r > 0.62) gl_FragColor = vec4(vRing, 1.0);
        else gl_FragColor = vec4(1.0, 1.0, 1.0, 0.85);
      }`,
    transparent: true,
    depthTest: false,
    depthWrite: false,
  });
}

const droneGeometry = makeDroneGeometry();
const parcelGeometry = new THREE.TetrahedronGeometry(0.22);
const haloGeometry = new THREE.TorusGeometry(0.9, 0.08, 6, 24).rotateX(Math.PI / 2);

const CATEGORY_CODES = Object.keys(STATE_CATEGORY_COLOURS) as StateCategory[];
const CATEGORY_COLOURS = CATEGORY_CODES.map((c) => new THREE.Color(STATE_CATEGORY_COLOURS[c]));
/** The same colours as sRGB components, for the halo shader. */
const CATEGORY_SRGB = CATEGORY_CODES.map((c) => new THREE.Color(STATE_CATEGORY_COLOURS[c]).getRGB({ r: 0, g: 0, b: 0 }, THREE.SRGBColorSpace));
const CATEGORY_INDEX = Object.fromEntries(CATEGORY_CODES.map((c, i) => [c, i])) as Record<StateCategory, number>;
/** Categories drawn small and without a halo: the drone stands on the ground at its depot. */
const ON_GROUND = new Set([CATEGORY_INDEX.ground, CATEGORY_INDEX.charging]);

// Reused every frame: no allocation while playing.
const dummy = new THREE.Object3D();
dummy.rotation.order = 'YZX';
const pos = new Float64Array(3);
const hidden = new THREE.Matrix4().makeScale(0, 0, 0);
/** Every instance passes the bounding test, so clicks are checked per drone (matrices change every frame). */
const everywhere = new THREE.Sphere(new THREE.Vector3(), 1e7);
const at = new THREE.Vector3();
const toPoint = new THREE.Vector3();

/**
 * The drone pressed last (pointer down on it): the click that ends the press goes to that drone even
 * though it has moved on since (at 300x it crosses its own size in a frame or two), so the click is
 * neither lost nor given to whatever lies under the pointer by then. Cleared by the next press and
 * after the click.
 */
const press = { mesh: null as THREE.InstancedMesh | null, instance: -1 };

/**
 * Picking where the drones are drawn this frame, by distance on screen: a hit is a drone whose halo
 * (or body, on the ground) is under the pointer, the nearest to the pointer when several are. Cheaper
 * than testing triangles, and the whole halo counts, not just the thin dart.
 */
function pickDrone(this: THREE.InstancedMesh, raycaster: THREE.Raycaster, intersects: THREE.Intersection[]): void {
  const radii = this.userData.pickRadiusM as Float32Array | undefined;
  if (!radii) return;
  const ray = raycaster.ray;
  const m = this.instanceMatrix.array;
  if (press.mesh === this && press.instance >= 0 && press.instance < this.count) {
    const k = press.instance * 16;
    intersects.push({ distance: 0, point: at.set(m[k + 12], m[k + 13], m[k + 14]).clone(), object: this, instanceId: press.instance });
    return;
  }
  let best = -1;
  let bestScore = 1;
  for (let i = 0; i < this.count; i++) {
    const r = radii[i];
    if (!(r > 0)) continue;
    const k = i * 16;
    at.set(m[k + 12], m[k + 13], m[k + 14]);
    if (toPoint.subVectors(at, ray.origin).dot(ray.direction) < 0) continue;
    const score = ray.distanceSqToPoint(at) / (r * r);
    if (score <= bestScore) {
      bestScore = score;
      best = i;
    }
  }
  if (best < 0) return;
  const k = best * 16;
  at.set(m[k + 12], m[k + 13], m[k + 14]);
  intersects.push({ distance: ray.origin.distanceTo(at), point: at.clone(), object: this, instanceId: best });
}

/**
 * The fleet as one instanced mesh (plus one for parcels aboard, a halo point per drone and a ring on
 * the selected drone), positioned every frame from the trace at the playback clock's time. Colour by
 * state; heading and pitch from the trace segment being flown. Drones keep a fixed size on screen and
 * are drawn over everything else (routes, zones, buildings). Pressing a drone selects it and follows
 * it, even at high speed; Shift adds it to the selection.
 */
export function Drones({ index }: { index: ReplayIndex }) {
  const droneMesh = useRef<THREE.InstancedMesh>(null);
  const parcelMesh = useRef<THREE.InstancedMesh>(null);
  const halos = useRef<THREE.Points>(null);
  const halo = useRef<THREE.Mesh>(null);
  const camera = useThree((s) => s.camera);
  const heightPx = useThree((s) => s.size.height);
  const gl = useThree((s) => s.gl);
  const n = index.drones.length;
  const lastCategory = useMemo(() => new Int8Array(n).fill(-1), [n]);
  const pickRadiusM = useMemo(() => new Float32Array(n), [n]);
  const droneMaterial = useMemo(
    () => new THREE.MeshBasicMaterial({ color: '#ffffff', vertexColors: true, side: THREE.DoubleSide, transparent: true, depthTest: false, depthWrite: false, toneMapped: false }),
    [],
  );
  const parcelMaterial = useMemo(() => new THREE.MeshLambertMaterial({ color: '#8d5a2b' }), []);
  const haloMaterial = useMemo(() => new THREE.MeshBasicMaterial({ color: '#ffd400', depthTest: false, depthWrite: false, transparent: true, toneMapped: false }), []);
  const halosMaterial = useMemo(makeHaloMaterial, []);
  const halosGeometry = useMemo(() => {
    const g = new THREE.BufferGeometry();
    const attr = (size: number) => new THREE.BufferAttribute(new Float32Array(Math.max(1, n) * size), size).setUsage(THREE.DynamicDrawUsage);
    g.setAttribute('position', attr(3));
    g.setAttribute('ringColour', attr(3));
    g.setAttribute('haloSize', attr(1));
    return g;
  }, [n]);
  useEffect(() => () => halosGeometry.dispose(), [halosGeometry]);
  useEffect(
    () => () => {
      droneMaterial.dispose();
      parcelMaterial.dispose();
      haloMaterial.dispose();
      halosMaterial.dispose();
    },
    [droneMaterial, parcelMaterial, haloMaterial, halosMaterial],
  );

  useLayoutEffect(() => {
    const mesh = droneMesh.current;
    if (!mesh) return;
    // Colours must exist before the first draw so the shader is built with per-instance colour.
    for (let i = 0; i < n; i++) mesh.setColorAt(i, CATEGORY_COLOURS[0]);
    lastCategory.fill(-1);
    pickRadiusM.fill(0);
    mesh.boundingSphere = everywhere;
    mesh.count = n;
    mesh.userData = { ...DRONE_PICK, pickRadiusM };
    mesh.raycast = pickDrone;
    if (parcelMesh.current) parcelMesh.current.count = n;
    if (halos.current) halos.current.geometry.setDrawRange(0, n);
    playbackScene.drones = mesh;
    playbackScene.index = index;
    playbackScene.drawnAtS = Number.NaN;
    return () => {
      if (playbackScene.drones === mesh) {
        playbackScene.drones = undefined;
        playbackScene.index = undefined;
      }
    };
  }, [index, n, lastCategory, pickRadiusM]);

  // A press claims the click that follows it (see `press`); any other press, or the click, ends the claim.
  useEffect(() => {
    const release = () => {
      press.mesh = null;
      press.instance = -1;
    };
    window.addEventListener('pointerdown', release, true);
    window.addEventListener('click', release);
    return () => {
      window.removeEventListener('pointerdown', release, true);
      window.removeEventListener('click', release);
      release();
    };
  }, []);

  useFrame(() => {
    const mesh = droneMesh.current;
    const parcels = parcelMesh.current;
    const points = halos.current;
    if (!mesh || !parcels || !points) return;
    const startedMs = performance.now();
    const t = playbackClock.tS;
    const stateNames = index.trace.stateNames;
    const haloPos = points.geometry.getAttribute('position') as THREE.BufferAttribute;
    const haloRing = points.geometry.getAttribute('ringColour') as THREE.BufferAttribute;
    const haloSize = points.geometry.getAttribute('haloSize') as THREE.BufferAttribute;
    const hp = haloPos.array as Float32Array;
    const hr = haloRing.array as Float32Array;
    const hs = haloSize.array as Float32Array;
    let coloursChanged = false;
    for (let i = 0; i < n; i++) {
      const d = index.drones[i];
      const k = localPositionAt(d, t, pos);
      const x = pos[0];
      const y = pos[2];
      const z = -pos[1];
      const cat = CATEGORY_INDEX[categoryAt(d, stateNames, k, t)];
      const grounded = ON_GROUND.has(cat);
      const mpp = metresPerPixelAt(camera, x, y, z, heightPx);
      const size = Math.max(MIN_SIZE_M, mpp * (grounded ? GROUND_DRONE_PX : DRONE_PX));
      dummy.position.set(x, y, z);
      dummy.rotation.set(0, d.headingRad[k], d.pitchRad[k]);
      dummy.scale.setScalar(size);
      dummy.updateMatrix();
      mesh.setMatrixAt(i, dummy.matrix);
      if (cat !== lastCategory[i]) {
        lastCategory[i] = cat;
        mesh.setColorAt(i, CATEGORY_COLOURS[cat]);
        const c = CATEGORY_SRGB[cat];
        hr[3 * i] = c.r;
        hr[3 * i + 1] = c.g;
        hr[3 * i + 2] = c.b;
        coloursChanged = true;
      }
      hp[3 * i] = x;
      hp[3 * i + 1] = y;
      hp[3 * i + 2] = z;
      hs[i] = grounded ? 0 : HALO_PX;
      pickRadiusM[i] = mpp * ((grounded ? GROUND_DRONE_PX : HALO_PX) / 2 + PICK_SLACK_PX);
      if (isCarrying(d, t)) {
        // The parcel hangs under the body.
        dummy.position.y -= 0.35 * size;
        dummy.updateMatrix();
        parcels.setMatrixAt(i, dummy.matrix);
      } else parcels.setMatrixAt(i, hidden);
    }
    mesh.instanceMatrix.needsUpdate = true;
    parcels.instanceMatrix.needsUpdate = true;
    haloPos.needsUpdate = true;
    haloSize.needsUpdate = true;
    if (coloursChanged) {
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      haloRing.needsUpdate = true;
    }
    const ratio = gl.getPixelRatio();
    if (halosMaterial.uniforms.pixelRatio.value !== ratio) halosMaterial.uniforms.pixelRatio.value = ratio;

    const h = halo.current;
    if (h) {
      const selected = usePlaybackStore.getState().selectedDroneIds[0];
      const d = selected === undefined ? undefined : index.byId.get(selected);
      h.visible = d !== undefined;
      if (d) {
        localPositionAt(d, t, pos);
        h.position.set(pos[0], pos[2], -pos[1]);
        h.scale.setScalar(metresPerPixelAt(camera, pos[0], pos[2], -pos[1], heightPx) * (HALO_PX / 2 + 4));
      }
    }
    playbackScene.drawnAtS = t;
    playbackScene.frames++;
    playbackScene.updateMs += performance.now() - startedMs;
  });

  const onPointerDown = (e: ThreeEvent<PointerEvent>) => {
    if (e.button !== 0 || e.instanceId === undefined) return;
    const d = index.drones[e.instanceId];
    if (!d) return;
    e.stopPropagation();
    press.mesh = droneMesh.current;
    press.instance = e.instanceId;
    const playback = usePlaybackStore.getState();
    // Shift+click adds (or removes) a drone to the selection: the charge chart compares them.
    if (e.nativeEvent.shiftKey && playback.selectedDroneIds.length > 0) {
      const ids = playback.selectedDroneIds;
      playback.setSelectedDrones(ids.includes(d.droneId) ? ids.filter((id) => id !== d.droneId) : [...ids, d.droneId]);
    } else playback.selectDrone(d.droneId, true);
  };
  // The selection was made on the press; the click only must not reach what lies under the drone.
  const onClick = (e: ThreeEvent<MouseEvent>) => {
    if (e.instanceId !== undefined) e.stopPropagation();
  };

  return (
    <group name="playback-drones">
      <points ref={halos} geometry={halosGeometry} material={halosMaterial} frustumCulled={false} raycast={() => null} renderOrder={10} name="drone-halos" />
      <instancedMesh
        ref={droneMesh}
        key={`drones-${n}`}
        args={[droneGeometry, droneMaterial, Math.max(1, n)]}
        name="drones"
        frustumCulled={false}
        dispose={null}
        renderOrder={11}
        onPointerDown={onPointerDown}
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
      <mesh ref={halo} geometry={haloGeometry} material={haloMaterial} visible={false} raycast={() => null} renderOrder={12} name="selected-drone-halo" />
    </group>
  );
}
