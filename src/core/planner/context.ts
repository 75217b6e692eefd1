/**
 * The mission in the planner's terms: every time in mission seconds, every position in local metres,
 * nodes indexed depots first then orders (the VRP convention), and the fleet as individual drones.
 */
import type { XY } from '../geo/frame';
import { usableWh } from '../energy/battery';
import { type FleetDrone, fleetDrones } from '../mission/fleet';
import type { DropMethod, Mission } from '../mission/schema';
import type { DroneModel } from '../mission/droneModel';
import { toMissionSeconds } from '../mission/time';
import { type Airspace, DROP_HEIGHT_M, buildAirspace } from '../paths';
import { buildTerminal } from '../terminal/pads';
import { CHARGER_HANDLING_S, DROP_DURATION_S, SWAP_HANDLING_S } from './constants';

export interface DepotInfo {
  id: string;
  node: number;
  xy: XY;
  openS: number;
  /**
   * The depot's closing time, capped at the end of the planning day: the last take-off (the store
   * always takes its own drones back; the solver is stricter and plans its routes home by then).
   */
  closeS: number;
  /** Launch and landing pads (local metres) and the pad turnaround. */
  pads: XY[];
  turnaroundS: number;
  /** Ground time after a trip: fixedS + perWhS x energy of the trip just flown. */
  recharge: { fixedS: number; perWhS: number };
  rechargeText: string;
}

export interface OrderInfo {
  id: string;
  /** Index in mission.orders. */
  index: number;
  node: number;
  xy: XY;
  parcelKg: number;
  /** Promise window on the drop (parcel released), mission seconds. */
  earliestS: number;
  latestS: number;
  readyS: number;
  priority: number;
  drop: DropMethod;
  dropS: number;
  dropHeightM: number;
}

export interface ModelInfo {
  model: DroneModel;
  usableWh: number;
}

export interface PlannerContext {
  mission: Mission;
  airspace: Airspace;
  depots: DepotInfo[];
  orders: OrderInfo[];
  /** Depots then orders. */
  points: XY[];
  /** Models flown by at least one drone, in mission order. */
  models: ModelInfo[];
  drones: FleetDrone[];
  /** Per drone (ctx.drones order): its home pad at its depot (index into DepotInfo.pads). */
  homePad: number[];
  layersM: number[];
  horizonS: number;
  /** True when some zone is only active in a time window (leg paths then depend on the departure). */
  timedZones: boolean;
}

export function buildContext(mission: Mission, airspace: Airspace = buildAirspace(mission)): PlannerContext {
  const at = (t: Parameters<typeof toMissionSeconds>[1]) => toMissionSeconds(mission.startTime, t);
  const { frame } = airspace;
  const horizonS = mission.horizonS;
  const terminal = buildTerminal(mission, frame);
  const depots: DepotInfo[] = mission.depots.map((d, i) => {
    const charging = d.charging;
    const recharge =
      charging.kind === 'swap'
        ? { fixedS: charging.swapS + SWAP_HANDLING_S, perWhS: 0 }
        : { fixedS: CHARGER_HANDLING_S, perWhS: 3600 / charging.powerW };
    return {
      id: d.id,
      node: i,
      xy: frame.toLocal(d.position),
      openS: d.open ? Math.max(0, at(d.open.earliest)) : 0,
      closeS: Math.min(horizonS, d.open ? at(d.open.latest) : horizonS),
      recharge,
      pads: terminal.depots[i].pads,
      turnaroundS: terminal.depots[i].turnaroundS,
      rechargeText:
        charging.kind === 'swap'
          ? `battery swap ${charging.swapS} s`
          : `${CHARGER_HANDLING_S} s handling + recharge at ${charging.powerW} W`,
    };
  });
  const orders: OrderInfo[] = mission.orders.map((o, k) => ({
    id: o.id,
    index: k,
    node: depots.length + k,
    xy: frame.toLocal(o.position),
    parcelKg: o.parcelKg,
    earliestS: at(o.window.earliest),
    latestS: at(o.window.latest),
    readyS: o.readyAt !== undefined ? at(o.readyAt) : 0,
    priority: o.priority,
    drop: o.drop,
    dropS: DROP_DURATION_S[o.drop],
    dropHeightM: DROP_HEIGHT_M[o.drop],
  }));
  const drones = fleetDrones(mission);
  const flown = new Set(drones.map((d) => d.modelId));
  const models = mission.droneModels.filter((m) => flown.has(m.id)).map((model) => ({ model, usableWh: usableWh(model) }));
  return {
    mission,
    airspace,
    depots,
    orders,
    points: [...depots.map((d) => d.xy), ...orders.map((o) => o.xy)],
    models,
    drones,
    homePad: drones.map((d) => terminal.homePad.get(d.droneId)!),
    layersM: [...mission.settings.cruiseAltitudesM],
    horizonS,
    timedZones: mission.noFlyZones.some((z) => z.active !== undefined),
  };
}

/** Height above ground a node's legs start from or end at: 0 at a depot, the drop height at an order. */
export function nodeHeightM(ctx: PlannerContext, node: number): number {
  return node < ctx.depots.length ? 0 : ctx.orders[node - ctx.depots.length].dropHeightM;
}

