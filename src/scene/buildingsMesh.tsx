/**
 * The mission's buildings (the airspace's tall ones) as a few merged meshes instead of one mesh each,
 * so 100,000 of them cost a few draw calls. Picking still names one building: the ray's triangle
 * (`faceIndex`) maps to its building, and hover paints that building's vertices.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import * as THREE from 'three';
import type { LocalGeometry } from '../state/geometry';
import type { ItemRef } from '../state/itemKinds';
import { sameRef, useEditorStore } from '../state/editorStore';
import { type BuildingChunk, buildBuildingChunks, paintBuilding } from './buildingsGeometry';
import { clickItem } from './pointer';

const BASE = new THREE.Color('#8c96a8');
/** The old per-building emissive glow (#6fd3ff at 0.35) folded into the colour. */
const HOVER = new THREE.Color('#8c96a8').lerp(new THREE.Color('#6fd3ff'), 0.45);
const MATERIAL = new THREE.MeshStandardMaterial({ color: '#ffffff', vertexColors: true });

type Buildings = LocalGeometry['buildings'];

/** A marker or corner handle in front of (or inside) a building wins the pick (as in Airspace.tsx). */
const markerHit = (e: ThreeEvent<PointerEvent | MouseEvent>) => e.intersections.some((i) => i.object.userData.pickPriority);

/** The same list of building items (by identity): an edit elsewhere must not rebuild the meshes. */
function sameItems(a: Buildings, b: Buildings): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function useStableBuildings(buildings: Buildings): Buildings {
  const last = useRef(buildings);
  if (!sameItems(last.current, buildings)) last.current = buildings;
  return last.current;
}

export function MissionBuildings({ buildings: given }: { buildings: Buildings }) {
  const buildings = useStableBuildings(given);
  const chunks = useMemo(() => {
    const list = buildBuildingChunks(
      buildings.map(({ building, ring }) => ({ ring, heightM: building.heightM })),
      { paintable: true },
    );
    for (const c of list) paintAll(c, BASE);
    return list;
  }, [buildings]);
  useEffect(() => () => chunks.forEach((c) => c.geometry.dispose()), [chunks]);

  const hover = useEditorStore((s) => s.hover);
  const hovered = hover?.kind === 'building' ? buildings.findIndex((b) => b.building.id === hover.id) : -1;
  useEffect(() => {
    if (hovered < 0) return;
    const chunk = chunks.find((c) => paintBuilding(c, hovered, HOVER));
    return () => {
      if (chunk) paintBuilding(chunk, hovered, BASE);
    };
  }, [chunks, hovered]);

  const refAt = (chunk: BuildingChunk, e: ThreeEvent<PointerEvent | MouseEvent>): ItemRef | null => {
    const owner = e.faceIndex === undefined || e.faceIndex === null ? -1 : chunk.triangleOwner[e.faceIndex];
    const b = owner >= 0 ? buildings[owner] : undefined;
    return b ? { kind: 'building', id: b.building.id } : null;
  };

  return (
    <group name="buildings">
      {chunks.map((chunk, i) => (
        <mesh
          key={i}
          name={`buildings:${i}`}
          geometry={chunk.geometry}
          material={MATERIAL}
          onClick={(e) => {
            const ref = refAt(chunk, e);
            if (ref && !markerHit(e)) clickItem(e, ref);
          }}
          onPointerMove={(e) => {
            const ref = refAt(chunk, e);
            const editor = useEditorStore.getState();
            if (ref && !markerHit(e) && !sameRef(editor.hover, ref)) editor.setHover(ref);
          }}
          onPointerOut={() => {
            const h = useEditorStore.getState().hover;
            if (h?.kind === 'building' && chunkHas(chunk, buildings, h.id)) useEditorStore.getState().setHover(null);
          }}
        />
      ))}
    </group>
  );
}

function chunkHas(chunk: BuildingChunk, buildings: Buildings, id: string): boolean {
  for (const m of chunk.members) if (buildings[m]?.building.id === id) return true;
  return false;
}

function paintAll(chunk: BuildingChunk, color: THREE.Color): void {
  const attr = chunk.geometry.getAttribute('color') as THREE.BufferAttribute;
  const arr = attr.array as Float32Array;
  for (let i = 0; i < arr.length; i += 3) {
    arr[i] = color.r;
    arr[i + 1] = color.g;
    arr[i + 2] = color.b;
  }
  attr.needsUpdate = true;
}
