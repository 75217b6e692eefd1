import type { UnassignedReason } from '../planner/plan';

/**
 * Reasons that do not change with time (the parcel, the drop point, the map, the fleet's models): an
 * order dropped for one of these is given up. The others (no drone free in time, the depot's last
 * take-off) may change at the next re-plan, so the order stays open.
 */
const FINAL: ReadonlySet<UnassignedReason> = new Set(['too-heavy', 'in-no-fly-zone', 'out-of-reach', 'wind-limit', 'at-depot']);

export function isFinalRejection(reason: UnassignedReason): boolean {
  return FINAL.has(reason);
}
