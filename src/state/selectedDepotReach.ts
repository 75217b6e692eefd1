/**
 * What the reach ring of the selected depot is drawn from: the depot, the model (its own fleet's or
 * the one chosen in the Physics tab), the Physics tab's parcel mass and the mission's conditions.
 * The scene draws it; the Physics tab describes it. Both read this one hook so they agree.
 */
import { useMemo } from 'react';
import { type ReachRing, reachRing } from '../core/energy';
import type { XY } from '../core/geo/frame';
import type { Depot, DroneModel, Mission } from '../core/mission';
import { useEditorStore } from './editorStore';
import { useLocalGeometry } from './geometry';
import { useMissionStore } from './missionStore';
import { ringModelFor, usePhysicsStore } from './physicsStore';
import { alternateDistancesM, missionReachConditions } from './rangeFlags';

export type SelectedDepotReach =
  | { state: 'no-depot' }
  | { state: 'no-model'; depot: Depot }
  | {
      state: 'ready';
      depot: Depot;
      depotXY: XY;
      model: DroneModel;
      payloadKg: number;
      conditions: ReturnType<typeof missionReachConditions>;
      alternateDistanceM: number | undefined;
      ring: ReachRing;
    };

export function useSelectedDepotReach(): SelectedDepotReach {
  const selection = useEditorStore((s) => s.selection);
  const mission: Mission = useMissionStore((s) => s.mission);
  const geo = useLocalGeometry();
  const payloadKg = usePhysicsStore((s) => s.parcelKg);
  const ringModelId = usePhysicsStore((s) => s.ringModelId);
  return useMemo((): SelectedDepotReach => {
    if (selection?.kind !== 'depot') return { state: 'no-depot' };
    const index = geo.depots.findIndex((d) => d.depot.id === selection.id);
    if (index < 0) return { state: 'no-depot' };
    const { depot, at } = geo.depots[index];
    const model = ringModelFor(mission, depot, ringModelId);
    if (!model) return { state: 'no-model', depot };
    const conditions = missionReachConditions(mission);
    const alternateDistanceM = alternateDistancesM(
      mission,
      geo.depots.map((d) => d.at),
    )[index];
    const ring = reachRing(model, at, { ...conditions, payloadKg, alternateDistanceM });
    return { state: 'ready', depot, depotXY: at, model, payloadKg, conditions, alternateDistanceM, ring };
  }, [selection, mission, geo, payloadKg, ringModelId]);
}
