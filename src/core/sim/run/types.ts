/**
 * The shared state of one simulation run, in one typed object (SimRun) that every module of the
 * run takes as its first argument, plus the per-drone and per-trip records it holds.
 *
 * Why one object: the fleet clock, the phase runner and the contingency rules all read and write the
 * same drones, orders and event log; passing one context keeps each rule a plain function.
 */
import type { MetricFrame, XY } from '../../geo/frame';
import type { FlightCostModel } from '../../energy/flightCost';
import type { DroneModel } from '../../mission/droneModel';
import type { Depot, Mission, Order } from '../../mission/schema';
import type { Trip } from '../../planner/plan';
import type { Airspace } from '../../paths';
import type { CostModelFactory } from '../costFactory';
import type { Phase } from '../phases';
import type { SimEvent } from '../states';
import type { ActualWeather, DroneTrack, OrderResult, TripResult } from '../trace';
import type { SimZone } from '../zones';
import type { SeparationIndex, Trajectory } from '../../separation/trajectory';

/** A trip waiting in a drone's queue. */
export interface Task {
  tripId: string;
  /** Planned trip, or undefined for a trip the simulator made up (re-queued order, ferry home). */
  plan?: Trip;
  fromDepotId: string;
  toDepotId: string;
  orderIds: string[];
  earliestS: number;
  /** Creation order: breaks ties between tasks with the same earliestS. */
  seq: number;
  /** Take-off time a takeoff-delayed event was already logged for (no repeat when the task is reconsidered). */
  delayLoggedS?: number;
}

/** The trip a drone is loading for or flying. */
export interface ActiveTrip {
  task: Task;
  result: TripResult;
  departed: boolean;
  reserveWh: number;
  /** Forecast-wind energy of the whole trip as built (the simulator's own estimate of the plan). */
  planTotalWh: number;
  planDoneWh: number;
  reserveHandled: boolean;
  /** The route was replaced by a contingency (no second automatic reroute for reserve). */
  contingency: boolean;
  /** The route was checked against the zones active at take-off (done once, just before leaving). */
  zonesCheckedAtTakeoff: boolean;
  /**
   * How much later than planned the trip flies its schedule, s (a late take-off, kept clear of the
   * other trips by the clearance check); planned phases end at planEndS + scheduleShiftS.
   */
  scheduleShiftS: number;
  /** When the trip was to take off: the plan's departS, or the time a simulator-made trip was set for. */
  plannedDepartS: number;
  /** The take-off was cleared against the other trips (checked once, when it is about to leave). */
  clearedForTakeoff: boolean;
  /**
   * The drone's estimate, at the start of its current flight segment, of the energy from there to the
   * end of the trip (the segment plus the paced rest), and the trip energy drawn at that moment; NaN
   * when the route has no schedule.
   */
  restAtSegmentWh: number;
  drawnAtSegmentWh: number;
  /** The paced estimate of the phases after the current one, for the route, phase and route length it was made for. */
  restAfterPhase?: { phases: Phase[]; pi: number; length: number; wh: number | undefined };
  /** How far behind its schedule the drone was at the end of its last planned phase, s. */
  lateS: number;
}

export interface Drone {
  idx: number;
  id: string;
  homeDepotId: string;
  /** The drone's own pad at its home depot. */
  homePad: number;
  /** Fastest airspeed it flies to keep a planned schedule: what the plan's contingency energy paid for. */
  paceCapMps: number;
  modelIdx: number;
  model: DroneModel;
  usableWh: number;
  track: DroneTrack;
  x: number;
  y: number;
  z: number;
  energyWh: number;
  state: number;
  /** Depot it stands at (null in flight). */
  atDepotId: string | null;
  /** Out of service for the rest of the day (a motor failure on the ground, an emergency landing). */
  outOfService: boolean;
  grounded: boolean;
  queue: Task[];
  trip: ActiveTrip | null;
  aboard: string[];
  phases: Phase[];
  /** Index of the current phase in `phases`. */
  phaseIndex: number;
  /** The current phase has begun (hover / wait end fixed). */
  phaseBegun: boolean;
  /** Velocity and power are valid until segEndS. */
  running: boolean;
  segEndS: number;
  /** segEndS is a gust boundary, not the phase's end: the phase goes on with the next gust's wind. */
  segEndsAtGust: boolean;
  holdEndS: number;
  vx: number;
  vy: number;
  vz: number;
  powerW: number;
  /** Size of the current phase when it began (m, m or s) for the reserve prediction. */
  phaseSize: number;
  emergency: boolean;
  batteryEmptyLogged: boolean;
  hoverPowerW: number;
  /** Cached actual-wind cost model and the gust period / payload it was built for. */
  costPeriod: number;
  costPayload: number;
  cost: FlightCostModel | null;
}

export interface SimDepot {
  depot: Depot;
  /** Index in mission.depots (pad ids are made from it). */
  index: number;
  x: number;
  y: number;
  /** Pad centres, local metres, and the pad turnaround (terminal/pads.ts). */
  pads: XY[];
  turnaroundS: number;
}

export interface SimOrder {
  order: Order;
  x: number;
  y: number;
  earliestS: number;
  latestS: number;
}

export interface SimRun {
  mission: Mission;
  frame: MetricFrame;
  factory: CostModelFactory;
  airDensityKgM3: number;
  reserveFraction: number;
  cruiseLayers: readonly number[];
  weather: ActualWeather;
  depots: Map<string, SimDepot>;
  /** The same depots in mission order (pad ids carry this index). */
  depotList: SimDepot[];
  orders: Map<string, SimOrder>;
  zones: SimZone[];
  isClosed: (depotId: string, t: number) => boolean;
  refusesLanding: (depotId: string, t: number, homeDepotId: string) => boolean;
  openFrom: (depotId: string, t: number) => number;

  /** Built on first need (a reroute or a simulator-made trip near a zone). */
  airspace: Airspace | null;
  /** Actual-wind cost models of the current gust period, by model index and payload. */
  actualCache: Map<string, FlightCostModel>;
  actualCachePeriod: number;
  /** Drone models without the planner's wind limit (see costs.ts). */
  unlimitedModels: DroneModel[];
  forecastWind: { speedMps: number; fromDeg: number; gustMps: number };
  forecastCache: Map<string, FlightCostModel>;
  /** Cost models under the day's steady wind, for the drones' own predictions (run/prediction.ts). */
  dayWindCache: Map<string, FlightCostModel>;

  drones: Drone[];
  droneById: Map<string, Drone>;
  /** Counters for task order and simulator-made trip ids ("sim:N"). */
  taskSeq: number;
  simTripSeq: number;

  events: SimEvent[];
  tripResults: TripResult[];
  orderResults: Map<string, OrderResult>;

  /** Whether the clearance rules run (take-off clearance, approach holds). */
  tactical: boolean;
  /** The hard end of the simulated day (engine's cap): a depot that reopens only after it is closed for the day. */
  dayEndS: number;
  /** Every trip's expected 4D trajectory, for the take-off and approach clearance (run/clearance.ts). */
  clearance: Clearance;
  /** Pads in use: pad id -> drone index in its column, and the time each pad is free again. */
  padOccupant: Map<number, number>;
  padFreeFromS: Map<number, number>;
  /** The drone whose movement last used each pad. */
  padLastUser: Map<number, number>;
  /** Take-offs and landings per pad id. */
  padMovements: Map<number, number>;
  /** Seconds the fleet spent waiting on the ground past planned take-offs, and holding for a pad. */
  groundWaitS: number;
  holdS: number;
}

/** Start an emergency landing when the energy left is this share of usable above what the descent needs. */
export const EMERGENCY_MARGIN = 0.02;
/** An order brought back this many times is reported failed rather than flown again and again. */
export const MAX_REQUEUES = 3;

/**
 * What the clearance rules (clearance.ts) expect of every trip: its trajectory as planned, kept in the
 * planner's separation index with the shift of its expected lateness.
 */
export interface Clearance {
  index: SeparationIndex;
  planned: Map<string, Trajectory>;
  /** tripId -> its entry in the index and the shift of that entry. */
  entry: Map<string, { slot: number; shiftS: number }>;
  /** Index entries of trips expected later than their plan. */
  lateSlots: Set<number>;
}
