import { useEffect, useMemo, useRef } from 'react';
import { type ThreeEvent, useFrame } from '@react-three/fiber';
import * as THREE from 'three';
import { toMissionSeconds } from '../core/mission/time';
import type { LocalGeometry } from '../state/geometry';
import type { ItemRef } from '../state/itemKinds';
import { sameRef, useEditorStore } from '../state/editorStore';
import { useMissionStore } from '../state/missionStore';
import { usePlanStore } from '../state/planStore';
import { playbackClock } from '../state/playbackStore';
import { Extrusion } from './Extrusion';
import { MissionBuildings } from './buildingsMesh';
import { clickItem } from './pointer';
import { HOVER_OPACITY, ZONE_STYLES, type ZoneLook, type ZoneWindow, zoneLookAt, zoneOutline } from './zoneLook';

/** Drawn height of a zone without a ceiling: above every cruise layer, so it reads as "all the way up". */
export const OPEN_CEILING_M = 300;

/** A marker or corner handle in front of (or inside) an area wins the pick. */
const markerHit = (e: ThreeEvent<PointerEvent | MouseEvent>) => e.intersections.some((i) => i.object.userData.pickPriority);

/** Select, delete and hover for an area (zone or building). Clicks in drawing/adding tools fall through to the ground. */
function areaHandlers(ref: ItemRef) {
  return {
    onClick: (e: ThreeEvent<MouseEvent>) => {
      if (!markerHit(e)) clickItem(e, ref);
    },
    onPointerOver: (e: ThreeEvent<PointerEvent>) => {
      if (!markerHit(e)) useEditorStore.getState().setHover(ref);
    },
    onPointerOut: () => {
      if (sameRef(useEditorStore.getState().hover, ref)) useEditorStore.getState().setHover(null);
    },
  };
}

/** What each zone was drawn as last, for the test hook: look, fill opacity and the playback time. */
export const zonesDrawn = new Map<string, { look: ZoneLook; opacity: number; drawnAtS: number }>();

export function NoFlyZones({ zones }: { zones: LocalGeometry['zones'] }) {
  const hover = useEditorStore((s) => s.hover);
  const startTime = useMissionStore((s) => s.mission.startTime);
  // On a replay, time-limited zones show whether they are active at the playback time.
  const replay = usePlanStore((s) => s.trace !== null);
  return (
    <group name="no-fly-zones">
      {zones.map(({ zone, ring }) => (
        <ZoneVolume
          key={zone.id}
          zone={zone}
          ring={ring}
          startTime={startTime}
          replay={replay}
          hovered={hover?.kind === 'zone' && hover.id === zone.id}
        />
      ))}
    </group>
  );
}

/**
 * A zone as a translucent volume with an outline. Its look (src/scene/zoneLook.ts) follows the playback
 * clock: checked every frame (two comparisons), the material changed only when the look changes.
 */
function ZoneVolume({
  zone,
  ring,
  hovered,
  startTime,
  replay,
}: LocalGeometry['zones'][number] & { hovered: boolean; startTime: string; replay: boolean }) {
  const handlers = useMemo(() => areaHandlers({ kind: 'zone', id: zone.id }), [zone.id]);
  const floor = zone.floorM ?? 0;
  const ceiling = zone.ceilingM ?? OPEN_CEILING_M;
  const activeWindow = useMemo<ZoneWindow | null>(
    () =>
      zone.active
        ? { fromS: toMissionSeconds(startTime, zone.active.earliest), toS: toMissionSeconds(startTime, zone.active.latest) }
        : null,
    [zone.active, startTime],
  );
  const initial = zoneLookAt(activeWindow, replay ? playbackClock.tS : null);
  const group = useRef<THREE.Group>(null);
  const solid = useRef<THREE.LineSegments>(null);
  const dashed = useRef<THREE.LineSegments>(null);
  const outline = useMemo(() => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.BufferAttribute(zoneOutline(ring, floor, ceiling), 3));
    return g;
  }, [ring, floor, ceiling]);
  useEffect(() => () => outline.dispose(), [outline]);
  const solidMaterial = useMemo(() => new THREE.LineBasicMaterial({ transparent: true, opacity: 0.9 }), []);
  const dashedMaterial = useMemo(() => new THREE.LineDashedMaterial({ dashSize: 14, gapSize: 10, transparent: true, opacity: 0.9 }), []);
  useEffect(
    () => () => {
      solidMaterial.dispose();
      dashedMaterial.dispose();
      zonesDrawn.delete(zone.id);
    },
    [solidMaterial, dashedMaterial, zone.id],
  );
  useEffect(() => {
    dashed.current?.computeLineDistances();
  }, [outline]);

  useFrame(() => {
    const mesh = group.current?.children[0] as THREE.Mesh | undefined;
    const material = mesh?.material as THREE.MeshStandardMaterial | undefined;
    if (!material) return;
    const t = playbackClock.tS;
    const look = zoneLookAt(activeWindow, replay ? t : null);
    const style = ZONE_STYLES[look];
    const opacity = style.opacity + (hovered ? HOVER_OPACITY : 0);
    // A re-render (hover) writes the props back, so the look is compared with the material every frame.
    if (material.opacity !== opacity) material.opacity = opacity;
    if (material.userData.look !== look) {
      material.userData.look = look;
      material.color.set(style.colour);
      solidMaterial.color.set(style.edge);
      dashedMaterial.color.set(style.edge);
      if (solid.current) solid.current.visible = !style.dashed;
      if (dashed.current) dashed.current.visible = style.dashed;
    }
    const drawn = zonesDrawn.get(zone.id);
    if (drawn) {
      drawn.look = look;
      drawn.opacity = opacity;
      drawn.drawnAtS = t;
    } else zonesDrawn.set(zone.id, { look, opacity, drawnAtS: t });
  });

  const style = ZONE_STYLES[initial];
  return (
    <group ref={group} name={`zone-volume:${zone.id}`}>
      <Extrusion
        name={`zone:${zone.id}`}
        ring={ring}
        baseM={floor}
        heightM={ceiling - floor}
        color={style.colour}
        opacity={style.opacity + (hovered ? HOVER_OPACITY : 0)}
        emissive={hovered ? '#ff8060' : undefined}
        {...handlers}
      />
      <lineSegments ref={solid} geometry={outline} material={solidMaterial} visible={!style.dashed} raycast={() => null} renderOrder={2} />
      <lineSegments ref={dashed} geometry={outline} material={dashedMaterial} visible={style.dashed} raycast={() => null} renderOrder={2} />
    </group>
  );
}

/** The mission's buildings: a few merged meshes (src/scene/buildingsMesh.tsx), one building per pick. */
export function Buildings({ buildings }: { buildings: LocalGeometry['buildings'] }) {
  return <MissionBuildings buildings={buildings} />;
}
