import type { LocalGeometry } from '../state/geometry';
import { Extrusion } from './Extrusion';

/** Drawn height of a zone without a ceiling: above every cruise layer, so it reads as "all the way up". */
const OPEN_CEILING_M = 300;

export function NoFlyZones({ zones }: { zones: LocalGeometry['zones'] }) {
  return (
    <group name="no-fly-zones">
      {zones.map(({ zone, ring }) => {
        const floor = zone.floorM ?? 0;
        const ceiling = zone.ceilingM ?? OPEN_CEILING_M;
        return (
          <Extrusion
            key={zone.id}
            name={`zone:${zone.id}`}
            ring={ring}
            baseM={floor}
            heightM={ceiling - floor}
            color={zone.active ? '#e0a030' : '#d9453b'}
            opacity={0.28}
          />
        );
      })}
    </group>
  );
}

export function Buildings({ buildings }: { buildings: LocalGeometry['buildings'] }) {
  return (
    <group name="buildings">
      {buildings.map(({ building, ring }) => (
        <Extrusion key={building.id} name={`building:${building.id}`} ring={ring} baseM={0} heightM={building.heightM} color="#8c96a8" />
      ))}
    </group>
  );
}
