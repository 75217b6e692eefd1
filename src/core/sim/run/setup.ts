/**
 * Building a run: the mission in local metres, the drawn weather, zones and closures, and one
 * Drone record per fleet drone with its planned trips queued.
 */
import { createFrame } from '../../geo/frame';
import { paceAirspeedCapMps } from '../../energy/contingency';
import { buildTerminal } from '../../terminal/pads';
import { buildClearance, emptyClearance } from './clearance';
import { fleetDrones } from '../../mission/fleet';
import type { Fault, Mission } from '../../mission/schema';
import { toMissionSeconds } from '../../mission/time';
import type { Plan } from '../../planner/plan';

/** The parts of a plan a run is built from (a live day starts from none). */
type PlanTrips = Pick<Plan, 'drones' | 'orders'>;
import type { CostModelFactory } from '../costFactory';
import { depotClosures } from '../closures';
import type { ActualWeather } from '../trace';
import { emptyTrack } from '../trace';
import { buildSimZones } from '../zones';
import { forecastCost } from './costs';
import { plannedTask } from './live';
import { initOrderResults } from './orders';
import type { Drone, SimDepot, SimOrder, SimRun } from './types';
import { groundZAt } from '../../terrain/model';

export function createRun(mission: Mission, plan: PlanTrips, factory: CostModelFactory, weather: ActualWeather, faults: readonly Fault[]): SimRun {
  const frame = createFrame(mission.origin);
  const terminal = buildTerminal(mission, frame);
  const depots = new Map<string, SimDepot>();
  mission.depots.forEach((d, index) => {
    const p = frame.toLocal(d.position);
    const t = terminal.depots[index];
    depots.set(d.id, { depot: d, index, x: p.x, y: p.y, pads: t.pads, turnaroundS: t.turnaroundS });
  });
  const orders = new Map<string, SimOrder>();
  for (const o of mission.orders) {
    const p = frame.toLocal(o.position);
    orders.set(o.id, {
      order: o,
      x: p.x,
      y: p.y,
      earliestS: toMissionSeconds(mission.startTime, o.window.earliest),
      latestS: toMissionSeconds(mission.startTime, o.window.latest),
    });
  }
  // Opening hours of depots that have them, in mission seconds.
  const openingHours = new Map(
    mission.depots.flatMap((d) => (d.open ? [[d.id, { fromS: toMissionSeconds(mission.startTime, d.open.earliest), toS: toMissionSeconds(mission.startTime, d.open.latest) }] as const] : [])),
  );
  const { isClosed, refusesLanding, openFrom } = depotClosures(faults, openingHours);
  const run: SimRun = {
    mission,
    frame,
    factory,
    airDensityKgM3: mission.settings.airDensityKgM3,
    reserveFraction: mission.settings.reserve.minPercent / 100,
    cruiseLayers: mission.settings.cruiseAltitudesM,
    weather,
    depots,
    depotList: [...depots.values()],
    orders,
    zones: buildSimZones(mission, frame),
    isClosed,
    refusesLanding,
    openFrom,
    airspace: null,
    actualCache: new Map(),
    actualCachePeriod: -1,
    // In flight the wind limit is not a wall: a drone caught in stronger wind still flies (only the
    // physics can stop it: a headwind or crosswind above its airspeed). The limit is the planner's rule.
    unlimitedModels: mission.droneModels.map((m) => ({ ...m, maxWindMps: Number.MAX_VALUE })),
    forecastWind: { speedMps: mission.wind.speedMps, fromDeg: mission.wind.fromDeg, gustMps: 0 },
    forecastCache: new Map(),
    dayWindCache: new Map(),
    drones: [],
    droneById: new Map(),
    taskSeq: 0,
    simTripSeq: 0,
    events: [],
    tripResults: [],
    orderResults: new Map(),
    tactical: true,
    dayEndS: Infinity,
    clearance: emptyClearance({ mission }),
    padOccupant: new Map(),
    padFreeFromS: new Map(),
    padLastUser: new Map(),
    padMovements: new Map(),
    groundWaitS: 0,
    holdS: 0,
  };
  run.clearance = buildClearance(run, plan);
  run.drones = createDrones(run, plan, terminal.homePad);
  run.droneById = new Map(run.drones.map((d) => [d.id, d]));
  initOrderResults(run, plan);
  return run;
}

/** One Drone per fleet drone, at its depot, charged as the plan's first trip expects, its trips queued. */
function createDrones(run: SimRun, plan: PlanTrips, homePads: ReadonlyMap<string, number>): Drone[] {
  const models = run.mission.droneModels;
  const modelIndex = new Map(models.map((m, i) => [m.id, i]));
  const planByDrone = new Map(plan.drones.map((d) => [d.droneId, d]));
  return fleetDrones(run.mission).map((f, idx) => {
    const depot = run.depots.get(f.depotId)!;
    const model = models[modelIndex.get(f.modelId)!];
    const usableWh = model.batteryWh * model.usableFraction;
    const dp = planByDrone.get(f.droneId);
    const firstSoc = dp?.trips[0]?.socStart ?? 1;
    const homePad = homePads.get(f.droneId)!;
    const d: Drone = {
      idx,
      id: f.droneId,
      homeDepotId: f.depotId,
      homePad,
      paceCapMps: paceAirspeedCapMps(model, run.mission.wind),
      modelIdx: modelIndex.get(f.modelId)!,
      model,
      usableWh,
      track: emptyTrack(f.droneId, f.depotId, f.modelId),
      x: depot.pads[homePad].x,
      y: depot.pads[homePad].y,
      // On the pad: the ground there (0 without terrain).
      z: groundZAt(run.mission, depot.pads[homePad].x, depot.pads[homePad].y),
      energyWh: usableWh * firstSoc,
      state: -1,
      atDepotId: f.depotId,
      outOfService: false,
      grounded: false,
      queue: (dp?.trips ?? []).map((trip) => plannedTask(run, trip)),
      trip: null,
      aboard: [],
      phases: [],
      phaseIndex: 0,
      phaseBegun: false,
      running: false,
      segEndS: 0,
      segEndsAtGust: false,
      holdEndS: 0,
      vx: 0,
      vy: 0,
      vz: 0,
      powerW: 0,
      phaseSize: 0,
      emergency: false,
      batteryEmptyLogged: false,
      hoverPowerW: 0,
      costPeriod: -1,
      costPayload: -1,
      cost: null,
    };
    // For the emergency rule's descent estimate.
    d.hoverPowerW = forecastCost(run, d, 0).hover(1).powerW;
    return d;
  });
}
