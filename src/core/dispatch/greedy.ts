/**
 * The greedy baseline: each order, the moment it is placed, goes on a trip of its own to the drone
 * free earliest among those that can drop it within its promise (else to the one that drops it
 * soonest), and is never re-planned. What a dispatcher without a planner would do.
 */
import { assembleTrips } from '../planner/assemble';
import { roundTripWh } from '../planner/screen';
import type { LiveDroneStatus } from '../sim/engine';
import type { DispatchBoard, Given } from './board';
import { isFinalRejection } from './rejections';

/** Drones tried, best first, before the order is given up for now. */
const CANDIDATES_TRIED = 6;

export class GreedyDispatcher {
  constructor(private readonly board: DispatchBoard) {}

  /** Gives order k (just placed) to a drone, or leaves it open with the reason. */
  assign(k: number, nowS: number, status: readonly LiveDroneStatus[]): Given | undefined {
    const { board } = this;
    const { ctx, typeOfDrone } = board.map;
    const o = ctx.orders[k];
    const candidates: { v: number; freeS: number; dropS: number }[] = [];
    ctx.drones.forEach((_, v) => {
      const t = typeOfDrone[v];
      if (!status[v].inService || t.info.model.maxPayloadKg < o.parcelKg || !(roundTripWh(t, o) <= t.tripLimitWh)) return;
      const freeS = Math.max(nowS, status[v].availableS, board.readyAfterGiven(v));
      const departS = Math.max(freeS, o.readyS, t.depot.openS);
      if (departS > t.depot.closeS) return;
      const arrive = departS + t.arcs.timeS[t.arcs.slot(t.depot.node, o.node)];
      candidates.push({ v, freeS, dropS: Math.max(arrive, o.earliestS - o.dropS) + o.dropS });
    });
    const inTime = (c: { dropS: number }) => c.dropS <= o.latestS;
    candidates.sort((a, b) => Number(!inTime(a)) - Number(!inTime(b)) || (inTime(a) ? a.freeS - b.freeS : 0) || a.dropS - b.dropS || a.v - b.v);
    const readyS = ctx.drones.map((_, v) => Math.max(nowS, status[v].availableS, board.readyAfterGiven(v)));
    for (const c of candidates.slice(0, CANDIDATES_TRIED)) {
      const assembled = assembleTrips(ctx, typeOfDrone, [{ drone: c.v, trips: [{ orders: [k], plannedDepartS: 0 }] }], board.builder, undefined, [], {
        readyS,
        traffic: board.traffic(nowS),
      });
      const placed = assembled.placed[0];
      if (!placed) {
        const d = assembled.dropped[0];
        if (d && isFinalRejection(d.reason)) {
          board.reject(k, d, nowS);
          return undefined;
        }
        continue;
      }
      board.conflicts += assembled.conflicts.length;
      return { drone: c.v, trip: board.give(c.v, placed.trip, nowS) };
    }
    board.reject(
      k,
      {
        reason: 'fleet-saturated',
        message: candidates.length === 0 ? 'no drone able to fly it was free before its depot closed' : 'no drone could fly it on a trip of its own when it was placed',
      },
      nowS,
    );
    return undefined;
  }
}
