/** The simulator: fly a plan through a simulated day; the trace playback and reports read. */
export { simulate, runSimulation } from './engine';
export type { SimOptions, SimResult } from './engine';
export {
  TRACE_VERSION,
  droneIndex,
  firstEventAtOrAfter,
  positionAt,
  sampleIndexAt,
  socAt,
  stateAt,
  stateCodeAt,
} from './trace';
export type { ActualWeather, DroneTrack, OrderResult, OrderStatus, SimTrace, TripResult } from './trace';
export { DRONE_STATES, SIM_EVENT_KINDS, isGroundState } from './states';
export type { DroneState, Place, SimEvent, SimEventKind } from './states';
export { computeKpis, summarizeRuns } from './kpis';
export type { RunsSummary, SimKpis, Spread } from './kpis';
export { FAULT_SPEC_HELP, checkFaults, parseFaultSpec } from './faults';
export { checkPlan } from './planCheck';
export type { PlanCheckResult } from './planCheck';
export { defaultCostModelFactory, fallbackCostModel, physicsCostModelFactory } from './costFactory';
export type { CostModelFactory } from './costFactory';
export type { WeatherOptions } from './weather';
