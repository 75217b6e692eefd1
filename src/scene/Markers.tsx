import { useEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import type { ItemKind } from '../state/itemKinds';
import { useEditorStore } from '../state/editorStore';
import { ORDER_PHASES, ORDER_PHASE_COLOURS, type OrderTimes, PHASE, orderPhaseAt } from '../state/orderStatus';
import { playbackClock } from '../state/playbackStore';
import { useGroundHeight } from '../state/groundHeight';
import { toScene } from './coords';
import { clickItem, pressItem } from './pointer';
import { MARKER_COLORS, PICK_PRIORITY, depotGeometry, droneUnder, orderGeometry } from './markerGeometry';
import { metresPerPixelAt } from './sceneHandle';
import { markersProbe } from './markersProbe';

export interface MarkerPoint {
  id: string;
  at: XY;
  flagged: boolean;
}

const tmp = new THREE.Object3D();
const colour = new THREE.Color();

/**
 * Orders of a live-dispatched day on replay: each marker is hidden before its order was placed and
 * coloured by the order's phase at the playback time (src/state/orderStatus.ts).
 */
export interface MarkerPhases {
  times: OrderTimes;
  /** Per point: its order's index in `times`, or -1 (not in the trace: drawn as usual). */
  slot: Int32Array;
}

/** Colour of each phase code (hidden has none). */
const PHASE_COLOURS = ORDER_PHASES.map((p) => new THREE.Color(p === 'hidden' ? '#000000' : ORDER_PHASE_COLOURS[p]));
/** Drawn-phase codes besides ORDER_PHASES: not drawn yet, and drawn as usual (no phase). */
const UNKNOWN = 255;
const USUAL = 254;

/** What the order markers drew last, for the test hook (read back from the instanced mesh). */
export const orderMarkersDrawn: {
  mesh?: THREE.InstancedMesh;
  ids: string[];
  /** Phase code drawn per point (ORDER_PHASES index, or 254 = drawn as usual); null without phases. */
  phases: Uint8Array | null;
  /** Playback time the phases were drawn for (NaN without phases). */
  drawnAtS: number;
  /** The phase colours, to tell a drawn colour's phase. */
  colours: readonly THREE.Color[];
} = { ids: [], phases: null, drawnAtS: Number.NaN, colours: PHASE_COLOURS };

/**
 * Depots or drop points as one instanced mesh, resized every time the camera moves so each keeps a
 * fixed size on screen at any zoom. The selected one is hidden here and drawn by the selection
 * overlay (highlighted, and following a drag).
 */
export function MarkerInstances({
  kind,
  points,
  hiddenId,
  phases = null,
}: {
  kind: 'depot' | 'order';
  points: MarkerPoint[];
  hiddenId?: string;
  /** Orders only: phases of a live-dispatched day on replay (null: drawn as usual). */
  phases?: MarkerPhases | null;
}) {
  const ref = useRef<THREE.InstancedMesh>(null);
  const { camera, size } = useThree();
  // Each marker stands on the ground under it (the terrain's height; 0 without terrain).
  const ground = useGroundHeight();
  // The camera pose the matrices were last written for; forced stale when the points or the ground change.
  const lastPose = useRef<string>('');
  // Phase code drawn per point (UNKNOWN: repaint at the next frame).
  const drawn = useRef<Uint8Array>(new Uint8Array(0));
  useEffect(() => {
    lastPose.current = '';
    drawn.current = new Uint8Array(points.length).fill(UNKNOWN);
    const mesh = ref.current;
    if (!mesh) return;
    points.forEach((p, i) => mesh.setColorAt(i, colour.set(p.flagged ? MARKER_COLORS.flagged : MARKER_COLORS[kind])));
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    markersProbe[kind] = { mesh, ids: points.map((p) => p.id) };
    if (kind === 'order') {
      orderMarkersDrawn.mesh = mesh;
      orderMarkersDrawn.ids = points.map((p) => p.id);
      orderMarkersDrawn.phases = phases ? drawn.current : null;
      orderMarkersDrawn.drawnAtS = Number.NaN;
    }
    return () => {
      if (markersProbe[kind]?.mesh === mesh) delete markersProbe[kind];
    };
  }, [points, hiddenId, kind, phases, ground]);

  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    // Phases at the playback clock's time: a few comparisons per order, colours written on change only.
    let shownChanged = false;
    if (phases && drawn.current.length === points.length) {
      const t = playbackClock.tS;
      const codes = drawn.current;
      let recoloured = false;
      for (let i = 0; i < points.length; i++) {
        const k = phases.slot[i];
        const code = k < 0 ? USUAL : orderPhaseAt(phases.times, k, t);
        const was = codes[i];
        if (code === was) continue;
        if (was === UNKNOWN || (code === PHASE.hidden) !== (was === PHASE.hidden)) shownChanged = true;
        codes[i] = code;
        if (code === PHASE.hidden) continue;
        mesh.setColorAt(i, code === USUAL ? colour.set(points[i].flagged ? MARKER_COLORS.flagged : MARKER_COLORS[kind]) : PHASE_COLOURS[code]);
        recoloured = true;
      }
      if (recoloured && mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      if (kind === 'order') orderMarkersDrawn.drawnAtS = t;
    }
    const e = camera.matrixWorld.elements;
    const pose = `${e[12]},${e[13]},${e[14]},${e[8]},${e[9]},${e[10]},${size.height},${camera.projectionMatrix.elements[0]}`;
    if (pose === lastPose.current && !shownChanged) return;
    lastPose.current = pose;
    const codes = phases ? drawn.current : null;
    points.forEach((p, i) => {
      const [x, y, z] = toScene(p.at, ground(p.at.x, p.at.y));
      tmp.position.set(x, y, z);
      const hidden = p.id === hiddenId || (codes !== null && codes[i] === PHASE.hidden);
      tmp.scale.setScalar(hidden ? 0 : metresPerPixelAt(camera, x, y, z, size.height));
      tmp.updateMatrix();
      mesh.setMatrixAt(i, tmp.matrix);
    });
    mesh.count = points.length;
    mesh.instanceMatrix.needsUpdate = true;
    mesh.computeBoundingSphere();
  });

  const handlers = usePointHandlers(kind, points);
  const geometry = kind === 'depot' ? depotGeometry : orderGeometry;
  const material = useMemo(() => new THREE.MeshStandardMaterial({ color: '#ffffff' }), []);
  return (
    <instancedMesh
      ref={ref}
      args={[geometry, material, Math.max(1, points.length)]}
      name={kind === 'depot' ? 'depots' : 'orders'}
      key={points.length}
      userData={PICK_PRIORITY}
      dispose={null}
      frustumCulled={false}
      {...handlers}
    />
  );
}

/** Pointer behaviour shared by point markers: select + drag, delete, hover label. */
function usePointHandlers(kind: ItemKind, points: MarkerPoint[]) {
  return useMemo(() => {
    const refAt = (e: ThreeEvent<PointerEvent | MouseEvent>, yieldToDrones = true) => {
      // A drone of the replay under the pointer takes the event, even when the marker is nearer.
      if (yieldToDrones && droneUnder(e)) return undefined;
      const p = e.instanceId === undefined ? undefined : points[e.instanceId];
      return p ? { ref: { kind, id: p.id }, at: p.at } : undefined;
    };
    return {
      onPointerDown: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e);
        if (hit) pressItem(e, hit.ref, hit.at);
      },
      onClick: (e: ThreeEvent<MouseEvent>) => {
        const hit = refAt(e);
        if (hit) clickItem(e, hit.ref);
      },
      onPointerOver: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e);
        if (hit) useEditorStore.getState().setHover(hit.ref);
      },
      onPointerOut: (e: ThreeEvent<PointerEvent>) => {
        const hit = refAt(e, false);
        const hover = useEditorStore.getState().hover;
        if (hit && hover?.kind === hit.ref.kind && hover.id === hit.ref.id) useEditorStore.getState().setHover(null);
      },
    };
  }, [kind, points]);
}
