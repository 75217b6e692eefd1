/**
 * The individual drones of a mission. A depot's fleet entry {modelId, count} becomes `count` drones
 * with stable ids `<depotId>/<modelId>/<n>` (n from 1), used by plans, traces, faults and exports.
 */
import type { Mission } from './schema';

export interface FleetDrone {
  droneId: string;
  depotId: string;
  modelId: string;
  /** 1-based index within its depot and model. */
  index: number;
}

export function droneId(depotId: string, modelId: string, index: number): string {
  return `${depotId}/${modelId}/${index}`;
}

export function fleetDrones(mission: Mission): FleetDrone[] {
  return mission.depots.flatMap((depot) =>
    depot.fleet.flatMap((f) =>
      Array.from({ length: f.count }, (_, i) => ({
        droneId: droneId(depot.id, f.modelId, i + 1),
        depotId: depot.id,
        modelId: f.modelId,
        index: i + 1,
      })),
    ),
  );
}
