import { useMemo } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import type { LocalGeometry } from '../state/geometry';
import type { ItemRef } from '../state/missionEdits';
import { sameRef, useEditorStore } from '../state/editorStore';
import { deleteThing } from '../state/editorActions';
import { Extrusion } from './Extrusion';

/** Drawn height of a zone without a ceiling: above every cruise layer, so it reads as "all the way up". */
export const OPEN_CEILING_M = 300;

/** A marker or corner handle in front of (or inside) an area wins the pick. */
const markerHit = (e: ThreeEvent<PointerEvent | MouseEvent>) => e.intersections.some((i) => i.object.userData.pickPriority);

/** Select, delete and hover for an area (zone or building). Clicks in drawing/adding tools fall through to the ground. */
function areaHandlers(ref: ItemRef) {
  return {
    onClick: (e: ThreeEvent<MouseEvent>) => {
      const { tool, select } = useEditorStore.getState();
      if (markerHit(e) || e.delta > 5) return;
      if (tool === 'select') {
        e.stopPropagation();
        select(ref);
      } else if (tool === 'delete') {
        e.stopPropagation();
        deleteThing(ref);
      }
    },
    onPointerOver: (e: ThreeEvent<PointerEvent>) => {
      if (!markerHit(e)) useEditorStore.getState().setHover(ref);
    },
    onPointerOut: () => {
      if (sameRef(useEditorStore.getState().hover, ref)) useEditorStore.getState().setHover(null);
    },
  };
}

export function NoFlyZones({ zones }: { zones: LocalGeometry['zones'] }) {
  const hover = useEditorStore((s) => s.hover);
  return (
    <group name="no-fly-zones">
      {zones.map(({ zone, ring }) => (
        <ZoneVolume key={zone.id} zone={zone} ring={ring} hovered={hover?.kind === 'zone' && hover.id === zone.id} />
      ))}
    </group>
  );
}

function ZoneVolume({ zone, ring, hovered }: LocalGeometry['zones'][number] & { hovered: boolean }) {
  const handlers = useMemo(() => areaHandlers({ kind: 'zone', id: zone.id }), [zone.id]);
  const floor = zone.floorM ?? 0;
  const ceiling = zone.ceilingM ?? OPEN_CEILING_M;
  return (
    <Extrusion
      name={`zone:${zone.id}`}
      ring={ring}
      baseM={floor}
      heightM={ceiling - floor}
      color={zone.active ? '#e0a030' : '#d9453b'}
      opacity={hovered ? 0.4 : 0.28}
      emissive={hovered ? '#ff8060' : undefined}
      {...handlers}
    />
  );
}

export function Buildings({ buildings }: { buildings: LocalGeometry['buildings'] }) {
  const hover = useEditorStore((s) => s.hover);
  return (
    <group name="buildings">
      {buildings.map(({ building, ring }) => (
        <BuildingBlock
          key={building.id}
          building={building}
          ring={ring}
          hovered={hover?.kind === 'building' && hover.id === building.id}
        />
      ))}
    </group>
  );
}

function BuildingBlock({ building, ring, hovered }: LocalGeometry['buildings'][number] & { hovered: boolean }) {
  const handlers = useMemo(() => areaHandlers({ kind: 'building', id: building.id }), [building.id]);
  return (
    <Extrusion
      name={`building:${building.id}`}
      ring={ring}
      baseM={0}
      heightM={building.heightM}
      color="#8c96a8"
      emissive={hovered ? '#6fd3ff' : undefined}
      {...handlers}
    />
  );
}
