/**
 * Pre-screening: orders no drone can serve whatever the others do, each with the reason code of the
 * plan schema and a sentence with the numbers behind it. Checked in this order (the first that applies
 * is reported): too-heavy, wind-limit, in-no-fly-zone (the point or its climb/descent column),
 * at-depot (the drop point is the position of every depot that could serve it), in-no-fly-zone (no safe
 * path from any depot), out-of-reach, window-impossible. The rest go to the solver; what it leaves
 * unserved is fleet-saturated (see planMission).
 */
import { formatClock } from '../mission/time';
import { MIN_LEG_M } from '../paths';
import type { UnassignedReason } from './plan';
import type { OrderInfo, PlannerContext } from './context';
import type { FleetType } from './fleetTypes';

export interface ScreenVerdict {
  reason: UnassignedReason;
  message: string;
}

/** Energy of the round trip depot -> order (with the parcel) -> depot (empty), by the solver's bounds. */
export function roundTripWh(t: FleetType, o: OrderInfo): number {
  const { arcs } = t;
  const d = t.depot.node;
  const to = arcs.slot(d, o.node);
  const out = arcs.baseWh[to] + arcs.perKgWh[to] * o.parcelKg;
  const back = arcs.baseWh[arcs.slot(o.node, d)];
  return out + back;
}

/** Earliest landing back at the depot after serving only this order, and the drop time. */
export function soloTiming(t: FleetType, o: OrderInfo): { departS: number; dropDoneS: number; landS: number } {
  const { arcs } = t;
  const d = t.depot.node;
  const departS = Math.max(t.depot.openS, o.readyS);
  const arrive = departS + arcs.timeS[arcs.slot(d, o.node)];
  const start = Math.max(arrive, o.earliestS - o.dropS);
  const dropDoneS = start + o.dropS;
  return { departS, dropDoneS, landS: dropDoneS + arcs.timeS[arcs.slot(o.node, d)] };
}

export function screenOrders(ctx: PlannerContext, types: FleetType[]): (ScreenVerdict | undefined)[] {
  const flying = types.filter((t) => t.count > 0);
  const t0 = ctx.mission.startTime;
  const hhmm = (s: number) => formatClock(t0, s);
  return ctx.orders.map((o): ScreenVerdict | undefined => {
    if (flying.length === 0) {
      return { reason: 'fleet-saturated', message: 'the mission has no drones at any depot' };
    }
    const heaviest = flying.reduce((a, b) => (b.info.model.maxPayloadKg > a.info.model.maxPayloadKg ? b : a));
    const lifting = flying.filter((t) => t.info.model.maxPayloadKg >= o.parcelKg);
    if (lifting.length === 0) {
      return {
        reason: 'too-heavy',
        message: `parcel ${fmt(o.parcelKg, 2)} kg is heavier than every drone's payload (largest: ${heaviest.info.model.id}, ${fmt(heaviest.info.model.maxPayloadKg, 2)} kg)`,
      };
    }
    const flyable = lifting.filter((t) => t.arcs.windProblem === undefined);
    if (flyable.length === 0) {
      return { reason: 'wind-limit', message: `no drone that can lift ${fmt(o.parcelKg, 2)} kg may fly: ${lifting[0].arcs.windProblem}` };
    }
    const fromUsableDepot = flyable.filter((t) => t.arcs.nodeLayerMask[t.depot.node] !== 0);
    if (fromUsableDepot.length === 0) {
      const t = flyable[0];
      return {
        reason: 'in-no-fly-zone',
        message: `no depot whose drones can lift it can be used: ${t.depot.id}: ${t.arcs.nodeProblem[t.depot.node] ?? 'not usable at any cruise layer'}`,
      };
    }
    const usable = fromUsableDepot.filter((t) => t.arcs.nodeLayerMask[o.node] !== 0);
    if (usable.length === 0) {
      return { reason: 'in-no-fly-zone', message: `drop point: ${flyable[0].arcs.nodeProblem[o.node] ?? 'not usable at any cruise layer'}` };
    }
    const away = usable.filter((t) => Math.hypot(t.depot.xy.x - o.xy.x, t.depot.xy.y - o.xy.y) >= MIN_LEG_M);
    if (away.length === 0) {
      const t = usable[0];
      return {
        reason: 'at-depot',
        message: `the drop point is the position of depot ${t.depot.id} itself: there is nothing to fly (hand the parcel over at the store), and no other depot whose drones can lift it may serve it`,
      };
    }
    const connected = away.filter((t) => Number.isFinite(roundTripWh(t, o)));
    if (connected.length === 0) {
      return {
        reason: 'in-no-fly-zone',
        message: 'walled in: no safe path at any cruise layer between the drop point and a depot with drones (no-fly zones and tall buildings with their safety margin block every way)',
      };
    }
    const inReach = connected.filter((t) => roundTripWh(t, o) <= t.tripLimitWh);
    if (inReach.length === 0) {
      const best = connected.reduce((a, b) => (roundTripWh(b, o) - b.tripLimitWh < roundTripWh(a, o) - a.tripLimitWh ? b : a));
      return {
        reason: 'out-of-reach',
        message: `round trip with ${fmt(o.parcelKg, 2)} kg needs ${fmt(roundTripWh(best, o), 0)} Wh from ${best.depot.id} (closest in energy, ${best.info.model.id}), the most a trip may draw is ${fmt(best.tripLimitWh, 0)} Wh (${fmt(best.info.usableWh, 0)} Wh usable - ${fmt(best.reserveWh, 0)} Wh final reserve, less the contingency energy planned on top of the trip)`,
      };
    }
    const inTime = inReach.filter((t) => soloTiming(t, o).landS <= t.depot.closeS);
    if (inTime.length === 0) {
      const best = inReach.reduce((a, b) => (soloTiming(b, o).landS - b.depot.closeS < soloTiming(a, o).landS - a.depot.closeS ? b : a));
      const s = soloTiming(best, o);
      return {
        reason: 'window-impossible',
        message: `from ${best.depot.id} the earliest drop is done at ${hhmm(s.dropDoneS)} (take-off ${hhmm(s.departS)}, window opens ${hhmm(o.earliestS)}) and the drone lands back at ${hhmm(s.landS)}, after the depot closes at ${hhmm(best.depot.closeS)}`,
      };
    }
    return undefined;
  });
}

export function fmt(x: number, decimals: number): string {
  return x.toFixed(decimals);
}
