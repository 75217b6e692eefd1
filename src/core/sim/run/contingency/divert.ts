/**
 * Leaving the planned route for a depot: which open depots the drone can reach from here (direct,
 * under the current actual wind), and flying there.
 */
import { S } from '../../states';
import { actualCost } from '../costs';
import { emit, placeOf, setPhases } from '../record';
import { directPhases, estimatePhases, landingPadOf, layerFor, markLandingColumn } from '../routes';
import type { Drone, SimRun } from '../types';
import { startEmergency } from './emergency';
import { expectRoute } from '../schedule';
import { groundZAt } from '../../../terrain/model';

/** Energy of a direct flight from here to a depot under the current actual wind (Infinity if impossible). */
function directWh(run: SimRun, d: Drone, toX: number, toY: number, payloadKg: number, t: number): number {
  const c = actualCost(run, d, payloadKg, t);
  // Heights above the datum: the ground here and there (0 without terrain); over a ridge between them this is an estimate.
  const g0 = groundZAt(run.mission, d.x, d.y);
  const g1 = groundZAt(run.mission, toX, toY);
  const alt = Math.max(g0, g1) + Math.max(layerFor(run, d), Math.min(d.z - g0, 150));
  const r = c.cruise({ x: d.x, y: d.y }, { x: toX, y: toY }, alt);
  if (!r.ok) return Infinity;
  return r.energyWh + c.vertical(alt - d.z).energyWh + c.vertical(g1 - alt).energyWh;
}

export interface DepotOption {
  id: string;
  /** Direct energy from here (Infinity: cannot fly there). */
  wh: number;
}

/** Open depots by direct energy from here, nearest first (reachable: wh below the energy left). */
export function depotOptions(run: SimRun, d: Drone, t: number, exclude?: string): DepotOption[] {
  const payloadKg = d.phases[d.phaseIndex]?.payloadKg ?? 0;
  const list: DepotOption[] = [];
  for (const [id, dep] of run.depots) {
    if (id === exclude || run.refusesLanding(id, t, d.homeDepotId)) continue;
    list.push({ id, wh: directWh(run, d, dep.x, dep.y, payloadKg, t) });
  }
  list.sort((a, b) => a.wh - b.wh || (a.id < b.id ? -1 : 1));
  return list;
}

/** Fly direct to depotId now, abandoning the rest of the route. */
export function flyDirectTo(run: SimRun, d: Drone, depotId: string, t: number, kind: 'return' | 'diverted'): void {
  const pad = landingPadOf(run, d, depotId);
  const payloadKg = d.aboard.reduce((s, id) => s + run.orders.get(id)!.order.parcelKg, 0);
  const phases = directPhases(run, d, d.x, d.y, d.z, pad.x, pad.y, 0, payloadKg, kind === 'return' ? S.return : S.diverted, S.landing, t);
  markLandingColumn(phases, pad.column);
  phases[phases.length - 1].landDepotId = depotId;
  estimatePhases(run, d, phases, d.x, d.y, d.z);
  if (d.trip) d.trip.contingency = true;
  expectRoute(run, d, phases, t);
  setPhases(run, d, phases, t);
}

/** The landing depot is closed: go to the nearest reachable open one, or land where it is. */
export function divertToOpenDepot(run: SimRun, d: Drone, t: number, reason: string): void {
  const options = depotOptions(run, d, t);
  const reachable = options.find((o) => o.wh < d.energyWh);
  if (!reachable) {
    startEmergency(run, d, t, `${reason}; no open depot reachable`);
    return;
  }
  const home = d.trip?.task.toDepotId;
  const kind = reachable.id === home ? 'return' : 'diverted';
  emit(run, { tS: t, droneId: d.id, kind: 'divert', depotId: reachable.id, reason, place: placeOf(run, d) });
  flyDirectTo(run, d, reachable.id, t, kind);
}
