import { useEffect, useRef } from 'react';
import type { Group } from 'three';
import { registerRangeFlags } from '../../state/rangeFlags';
import { useSelectedDepotReach } from '../../state/selectedDepotReach';
import { ReachRing } from '../ReachRing';
import { reachProbe } from './reachProbe';

/**
 * The flight physics in the scene: the selected depot's wind-skewed reach ring, and (while the scene
 * is mounted) the "out of range" flag source that marks drop points no depot can serve.
 */
export function PhysicsLayer() {
  useEffect(() => registerRangeFlags(), []);
  const reach = useSelectedDepotReach();
  const group = useRef<Group>(null);
  const ready = reach.state === 'ready' && reach.ring.ok;

  useEffect(() => {
    reachProbe.group = ready ? (group.current ?? undefined) : undefined;
    return () => {
      reachProbe.group = undefined;
    };
  }, [ready, reach]);

  if (reach.state !== 'ready' || !reach.ring.ok) return null;
  return (
    <group ref={group} name="selected-depot-reach" userData={{ depotId: reach.depot.id, modelId: reach.model.id, payloadKg: reach.payloadKg }}>
      <ReachRing
        depotXY={reach.depotXY}
        model={reach.model}
        payloadKg={reach.payloadKg}
        wind={reach.conditions.wind}
        airDensityKgM3={reach.conditions.airDensityKgM3}
        reserve={reach.conditions.reserve}
        alternateDistanceM={reach.alternateDistanceM}
      />
    </group>
  );
}
