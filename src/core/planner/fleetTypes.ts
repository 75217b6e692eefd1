/**
 * The fleet as the solver sees it: one vehicle type per depot fleet entry (depot x model), because the
 * recharge (charger or swap) and the reserve (alternate landing distance) depend on the depot.
 * Vehicles expand in the order of fleetDrones(mission), so vehicle v is drone ctx.drones[v].
 */
import { reserveBreakdown } from '../energy/battery';
import { ContingencyPricer } from '../energy/contingency';
import type { ModelArcs } from './arcs';
import type { DepotInfo, ModelInfo, PlannerContext } from './context';

export interface FleetType {
  depot: DepotInfo;
  info: ModelInfo;
  arcs: ModelArcs;
  count: number;
  /** Energy that must remain at landing, Wh. */
  reserveWh: number;
  /** Prices each trip's contingency energy (energy/contingency.ts). */
  contingency: ContingencyPricer;
  /** Usable energy minus the final reserve: trip plus contingency energy must fit in it, Wh. */
  afterReserveWh: number;
  /**
   * The route search's limit on one trip's energy, Wh: afterReserveWh less a typical contingency share
   * (the exact rebuild then checks trip + its own contingency against afterReserveWh).
   */
  tripLimitWh: number;
  /** Nearest alternate depot used in the reserve (when the policy requires one). */
  alternate?: { depotId: string; distanceM: number };
}

export function buildFleetTypes(ctx: PlannerContext, arcsByModel: Map<string, ModelArcs>): FleetType[] {
  const policy = ctx.mission.settings.reserve;
  const out: FleetType[] = [];
  ctx.mission.depots.forEach((d, di) => {
    const depot = ctx.depots[di];
    for (const f of d.fleet) {
      const info = ctx.models.find((m) => m.model.id === f.modelId);
      const arcs = arcsByModel.get(f.modelId);
      if (!info || !arcs) continue;
      const alternate = policy.alternateRequired ? nearestOtherDepot(ctx, arcs, di) : undefined;
      const r = reserveBreakdown(info.model, {
        policy,
        payloadKg: 0,
        airDensityKgM3: ctx.mission.settings.airDensityKgM3,
        windSpeedMps: ctx.mission.wind.speedMps,
        alternateDistanceM: alternate?.distanceM,
      });
      const contingency = new ContingencyPricer(info.model, ctx.mission.wind, ctx.mission.settings.airDensityKgM3, policy.contingencyPercent / 100);
      const afterReserveWh = Math.max(0, info.usableWh - r.reserveWh);
      out.push({
        depot,
        info,
        arcs,
        count: f.count,
        reserveWh: r.reserveWh,
        contingency,
        afterReserveWh,
        tripLimitWh: afterReserveWh / (1 + contingency.typicalShare(info.model.maxPayloadKg / 2)),
        alternate,
      });
    }
  });
  return out;
}

/** The closest other depot by safe path (straight line when no path is known). */
function nearestOtherDepot(ctx: PlannerContext, arcs: ModelArcs, di: number): { depotId: string; distanceM: number } | undefined {
  let best: { depotId: string; distanceM: number } | undefined;
  for (const other of ctx.depots) {
    if (other.node === di) continue;
    const path = arcs.lengthM[arcs.slot(di, other.node)];
    const d = Number.isFinite(path) ? path : Math.hypot(other.xy.x - ctx.depots[di].xy.x, other.xy.y - ctx.depots[di].xy.y);
    if (!best || d < best.distanceM) best = { depotId: other.id, distanceM: d };
  }
  return best;
}
