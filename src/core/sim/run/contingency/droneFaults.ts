/**
 * Drone faults at their exact time: a motor failure lands the drone (or, on the ground, takes it
 * out of service); grounding stops further take-offs. Depot closures need no handler here: trips
 * consult the closure windows (SimRun.isClosed / openFrom) when they take off or land.
 */
import type { Fault } from '../../../mission/schema';
import { S } from '../../states';
import { flushQueue } from '../orders';
import { emit, placeOf, setPhases, setState } from '../record';
import { idleForever } from '../routes';
import type { SimRun } from '../types';
import { startEmergency } from './emergency';

export function onDroneFault(run: SimRun, f: Fault, t: number): void {
  if (f.kind === 'depot-closed') return;
  const d = run.droneById.get(f.droneId)!;
  if (d.outOfService) return;
  if (f.kind === 'motor-failure') {
    emit(run, { tS: t, droneId: d.id, kind: 'fault', reason: 'motor failure', place: placeOf(run, d) });
    if (d.atDepotId) {
      d.outOfService = true;
      setState(run, d, S.idle, t, 'motor failure: out of service');
      flushQueue(run, d, `motor failure of ${d.id}`, t);
      setPhases(run, d, idleForever(d), t);
    } else startEmergency(run, d, t, 'motor failure');
  } else {
    emit(run, { tS: t, droneId: d.id, kind: 'fault', reason: 'grounded', place: placeOf(run, d) });
    d.grounded = true;
    // A flight in progress ends normally; land() then keeps the drone on the ground.
    if (d.atDepotId) {
      flushQueue(run, d, `drone ${d.id} grounded`, t);
      setState(run, d, S.idle, t, 'grounded');
      setPhases(run, d, idleForever(d), t);
    }
  }
}
