/**
 * Pads in the simulated day: a pad serves one movement at a time and stays closed for its turnaround
 * after each. A drone about to climb from a busy pad waits on the ground; a drone about to descend
 * onto a busy pad holds in the air above its approach until the pad is free. Both are logged and
 * counted (ground-wait and holding minutes, movements per pad).
 */
import { NO_COLUMN } from '../../separation/rule';
import { depotIndexOfPad } from '../../terminal/pads';
import { HOVER, type Phase, VERTICAL, WAIT, mkPhase } from '../phases';
import { S } from '../states';
import { emit, placeOf } from './record';
import type { Drone, SimRun } from './types';

/** Re-check a busy pad at least this often, s. */
const PAD_RECHECK_S = 1;

/** Until when the pad is not free for drone d (t when free now). */
function padFreeAt(run: SimRun, column: number, d: Drone, t: number): number {
  const occupant = run.padOccupant.get(column);
  if (occupant !== undefined && occupant !== d.idx) {
    // The occupant may have left the column without a normal end (an emergency replaced its route).
    const other = run.drones[occupant];
    const ph = other.phases[other.phaseIndex];
    if (!other.outOfService && other.atDepotId === null && ph && ph.kind === VERTICAL && ph.column === column) return t + PAD_RECHECK_S;
    run.padOccupant.delete(column);
  }
  // The turnaround separates two drones' movements; a drone may come straight back to the pad it left.
  if (run.padLastUser.get(column) === d.idx) return t;
  return Math.max(t, run.padFreeFromS.get(column) ?? -Infinity);
}

/**
 * Before a vertical move in a pad column begins: when the pad is busy, put a wait (on the ground) or a
 * hold (in the air) in front of it and return true; else take the pad and return false.
 */
export function waitForPad(run: SimRun, d: Drone, ph: Phase, t: number): boolean {
  if (ph.kind !== VERTICAL || ph.column === NO_COLUMN) return false;
  if (run.padOccupant.get(ph.column) === d.idx) return false;
  const freeAt = padFreeAt(run, ph.column, d, t);
  if (freeAt > t + 1e-9) {
    const onGround = d.atDepotId !== null;
    const wait = mkPhase(onGround ? WAIT : HOVER, onGround ? S.loading : S.holding, d.x, d.y, d.z, ph.payloadKg);
    wait.untilS = onGround ? freeAt : freeAt - t;
    if (!onGround) {
      run.holdS += freeAt - t;
      if (d.state !== S.holding) emit(run, { tS: t, droneId: d.id, kind: 'hold', depotId: run.depotList[depotIndexOfPad(ph.column)].depot.id, reason: `its landing pad is busy for ${(freeAt - t).toFixed(1)} s more`, place: placeOf(run, d) });
    }
    d.phases.splice(d.phaseIndex, 0, wait);
    return true;
  }
  run.padOccupant.set(ph.column, d.idx);
  return false;
}

/** After a phase ends: a drone that leaves its pad column frees the pad (after the turnaround). */
export function releasePad(run: SimRun, d: Drone, ended: Phase, t: number): void {
  if (ended.kind !== VERTICAL || ended.column === NO_COLUMN) return;
  const next = d.phases[d.phaseIndex];
  if (next && next.kind === VERTICAL && next.column === ended.column && d.atDepotId === null) return;
  if (run.padOccupant.get(ended.column) === d.idx) run.padOccupant.delete(ended.column);
  const dep = run.depotList[depotIndexOfPad(ended.column)];
  run.padFreeFromS.set(ended.column, t + dep.turnaroundS);
  run.padLastUser.set(ended.column, d.idx);
  run.padMovements.set(ended.column, (run.padMovements.get(ended.column) ?? 0) + 1);
}
