/**
 * Things that happen to the world (not decided by a drone) at exact times: faults, depot closures
 * and reopenings, zones becoming active. The clock runs them in time order, advancing every drone
 * to that moment first.
 */
import type { Fault } from '../../mission/schema';
import { onDroneFault } from './contingency/droneFaults';
import { onZoneActive } from './contingency/zoneActivation';
import { emit } from './record';
import type { SimRun } from './types';

export interface WorldEvent {
  tS: number;
  /** Tie-break for events at the same time: faults in list order, then zones. */
  seq: number;
  run: (t: number) => void;
}

export function scheduleWorldEvents(run: SimRun, faults: readonly Fault[]): WorldEvent[] {
  const world: WorldEvent[] = [];
  faults.forEach((f, i) => {
    if (f.kind === 'depot-closed') {
      world.push({ tS: f.fromS, seq: i, run: (t) => emit(run, { tS: t, droneId: '', kind: 'depot-closed', depotId: f.depotId, reason: `closed until ${f.toS}` }) });
      world.push({ tS: f.toS, seq: i, run: (t) => emit(run, { tS: t, droneId: '', kind: 'depot-reopened', depotId: f.depotId }) });
    } else world.push({ tS: f.kind === 'motor-failure' ? f.atS : f.fromS, seq: i, run: (t) => onDroneFault(run, f, t) });
  });
  run.zones.forEach((z, i) => {
    // Zones active from the start (or always) are part of the planned airspace, not an event.
    if (Number.isFinite(z.fromS) && z.fromS > 0) world.push({ tS: z.fromS, seq: 1000 + i, run: (t) => onZoneActive(run, i, t) });
  });
  world.sort((a, b) => a.tS - b.tS || a.seq - b.seq);
  return world;
}
