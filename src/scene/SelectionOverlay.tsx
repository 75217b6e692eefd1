import { useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { XY } from '../core/geo/frame';
import type { LocalGeometry } from '../state/geometry';
import type { ItemRef } from '../state/itemKinds';
import { sameRef, useEditorStore } from '../state/editorStore';
import { useMissionStore } from '../state/missionStore';
import { useGroundHeight } from '../state/groundHeight';
import { toScene } from './coords';
import { OPEN_CEILING_M } from './Airspace';
import { draggedCorner, dragging } from './drag';
import { clickItem, pressItem } from './pointer';
import { MARKER_COLORS, PICK_PRIORITY, depotGeometry, droneUnder, handleGeometry, orderGeometry, selectionRingGeometry } from './markerGeometry';
import { metresPerPixelAt } from './sceneHandle';

/**
 * The selected thing, highlighted, with handles to drag it (points) or its corners (polygons). A selected
 * depot or drop point keeps its own shape and colour (red when flagged) inside a yellow halo of the same
 * shape, so a selected depot never looks like a selected drop point.
 */
export function SelectionOverlay({ geo, flags }: { geo: LocalGeometry; flags?: ReadonlyMap<string, unknown> }) {
  const selection = useEditorStore((s) => s.selection);
  if (!selection) return null;
  const flagged = flags?.has(`${selection.kind}:${selection.id}`) ?? false;
  if (selection.kind === 'depot') {
    const d = geo.depots.find((x) => x.depot.id === selection.id);
    return d ? <SelectedPoint refItem={selection} at={d.at} kind="depot" flagged={flagged} /> : null;
  }
  if (selection.kind === 'order') {
    const o = geo.orders.find((x) => x.order.id === selection.id);
    return o ? <SelectedPoint refItem={selection} at={o.at} kind="order" flagged={flagged} /> : null;
  }
  if (selection.kind === 'zone') {
    const z = geo.zones.find((x) => x.zone.id === selection.id);
    if (!z) return null;
    if (z.zone.shape.type === 'Circle') {
      return (
        <>
          <SelectedOutline ring={z.ring} topM={z.zone.ceilingM ?? OPEN_CEILING_M} baseM={z.zone.floorM ?? 0} refItem={selection} />
          <SelectedPoint refItem={selection} at={frameLocal(z.zone.shape.center)} kind="centre" />
        </>
      );
    }
    return <SelectedPolygon refItem={selection} ring={z.zone.shape.coordinates[0]} baseM={z.zone.floorM ?? 0} topM={z.zone.ceilingM ?? OPEN_CEILING_M} />;
  }
  const b = geo.buildings.find((x) => x.building.id === selection.id);
  return b ? <SelectedPolygon refItem={selection} ring={b.building.footprint.coordinates[0]} baseM={0} topM={b.building.heightM} /> : null;
}

function frameLocal(p: readonly [number, number]): XY {
  return useMissionStore.getState().frame.toLocal(p);
}

/** A selected thing's handle (or corner `vertex`'s): a press goes to the tool, like a press on a marker. */
function startHandleDrag(ref: ItemRef, vertex: number | undefined, at: XY) {
  return (e: ThreeEvent<PointerEvent>) => {
    if (!droneUnder(e)) pressItem(e, ref, at, vertex);
  };
}

function clickHandle(ref: ItemRef) {
  return (e: ThreeEvent<MouseEvent>) => {
    if (!droneUnder(e)) clickItem(e, ref);
  };
}

/** Halo around a selected marker: its own shape, this much larger, drawn from the inside (back faces). */
const HALO_SCALE = 1.5;
/**
 * Where the halo sits: a drop point's pin grows around its middle (markerGeometry: 10 units up), so the
 * rim shows all round; a depot's pillar stands on the ground, so its larger base shows from above.
 */
const HALO_Y = { depot: 0.3, order: -(HALO_SCALE - 1) * 10 } as const;
const noRaycast = () => {};

/** A depot, drop point or circle centre: highlighted marker + ring that follow a drag. */
function SelectedPoint({ refItem, at, kind, flagged = false }: { refItem: ItemRef; at: XY; kind: 'depot' | 'order' | 'centre'; flagged?: boolean }) {
  const group = useRef<THREE.Group>(null);
  const { camera, size } = useThree();
  const ground = useGroundHeight();
  useFrame(() => {
    const g = group.current;
    if (!g) return;
    const p = dragging(refItem.kind, refItem.id)?.at ?? at;
    // On the ground under it, wherever a drag takes it (the drag itself runs on the y = 0 edit plane).
    g.position.set(...toScene(p, ground(p.x, p.y)));
    g.scale.setScalar(metresPerPixelAt(camera, g.position.x, g.position.y, g.position.z, size.height));
  });
  const geometry = kind === 'depot' ? depotGeometry : kind === 'order' ? orderGeometry : handleGeometry;
  return (
    <group ref={group} name={`selected:${refItem.kind}:${refItem.id}`}>
      <mesh
        geometry={geometry}
        userData={PICK_PRIORITY}
        onPointerDown={startHandleDrag(refItem, undefined, at)}
        onClick={clickHandle(refItem)}
        onPointerOver={() => useEditorStore.getState().setHover(refItem)}
        onPointerOut={() => sameRef(useEditorStore.getState().hover, refItem) && useEditorStore.getState().setHover(null)}
      >
        {kind === 'centre' ? (
          <meshStandardMaterial color={MARKER_COLORS.selected} emissive={MARKER_COLORS.selected} emissiveIntensity={0.4} />
        ) : (
          <meshStandardMaterial color={flagged ? MARKER_COLORS.flagged : MARKER_COLORS[kind]} emissive={MARKER_COLORS.selected} emissiveIntensity={0.12} />
        )}
      </mesh>
      {kind !== 'centre' && (
        <mesh
          name="selection-halo"
          geometry={geometry}
          scale={HALO_SCALE}
          position-y={HALO_Y[kind]}
          raycast={noRaycast}
          renderOrder={1}
        >
          <meshBasicMaterial color={MARKER_COLORS.selected} side={THREE.BackSide} />
        </mesh>
      )}
      <mesh geometry={selectionRingGeometry} position-y={0.5} renderOrder={2}>
        <meshBasicMaterial color="#1d2733" depthTest={false} transparent opacity={0.85} />
      </mesh>
    </group>
  );
}

function ringToScene(ring: readonly XY[], altitudeM: number, out: THREE.BufferAttribute) {
  ring.forEach((p, i) => out.setXYZ(i, ...toScene(p, altitudeM)));
  if (ring.length) out.setXYZ(ring.length, ...toScene(ring[0], altitudeM));
  out.needsUpdate = true;
}

function useLoop(color: string) {
  return useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(new Float32Array(3 * 260), 3));
    const m = new THREE.LineBasicMaterial({ color, depthTest: false, transparent: true });
    const line = new THREE.Line(g, m);
    line.renderOrder = 3;
    line.frustumCulled = false;
    return line;
  }, [color]);
}

/** Yellow outline at the base and the top of an area. */
function SelectedOutline({ ring, baseM, topM, refItem }: { ring: XY[]; baseM: number; topM: number; refItem: ItemRef }) {
  const bottom = useLoop(MARKER_COLORS.selected);
  const top = useLoop(MARKER_COLORS.selected);
  useFrame(() => {
    let r = ring;
    const corner = draggedCorner(refItem.kind, refItem.id);
    if (corner) {
      r = ring.slice();
      r[corner.vertex] = corner.at;
    }
    const n = Math.min(r.length, 258);
    ringToScene(r.slice(0, n), baseM + 0.5, bottom.geometry.getAttribute('position') as THREE.BufferAttribute);
    ringToScene(r.slice(0, n), topM, top.geometry.getAttribute('position') as THREE.BufferAttribute);
    bottom.geometry.setDrawRange(0, n + 1);
    top.geometry.setDrawRange(0, n + 1);
  });
  return (
    <group name={`outline:${refItem.kind}:${refItem.id}`}>
      <primitive object={bottom} />
      <primitive object={top} />
    </group>
  );
}

/** Outline plus one draggable handle per corner of a polygon zone or building. */
function SelectedPolygon({ refItem, ring, baseM, topM }: { refItem: ItemRef; ring: [number, number][]; baseM: number; topM: number }) {
  const frame = useMissionStore((s) => s.frame);
  // Corners in file order (not re-oriented): handle i moves coordinates[0][i].
  const corners = useMemo(() => ring.slice(0, -1).map((p) => frame.toLocal(p)), [ring, frame]);
  const handles = useRef<THREE.Group>(null);
  const { camera, size } = useThree();
  const ground = useGroundHeight();
  useFrame(() => {
    handles.current?.children.forEach((h, i) => {
      const c = dragging(refItem.kind, refItem.id, i)?.at ?? corners[i];
      const g = ground(c.x, c.y);
      h.position.set(...toScene(c, g + 0.5));
      h.scale.setScalar(metresPerPixelAt(camera, h.position.x, g, h.position.z, size.height));
    });
  });
  return (
    <group>
      <SelectedOutline ring={corners} baseM={baseM} topM={topM} refItem={refItem} />
      <group ref={handles} name={`handles:${refItem.kind}:${refItem.id}`}>
        {corners.map((c, i) => (
          <mesh
            key={i}
            geometry={handleGeometry}
            userData={PICK_PRIORITY}
            renderOrder={4}
            onPointerDown={startHandleDrag(refItem, i, c)}
            onClick={clickHandle(refItem)}
          >
            <meshBasicMaterial color={MARKER_COLORS.selected} depthTest={false} transparent />
          </mesh>
        ))}
      </group>
    </group>
  );
}

