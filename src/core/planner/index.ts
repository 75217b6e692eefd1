/** The fleet planner (README "Fleet planner"): mission -> plan document. */
export { planMission, planMissionAsync, planSteps, prepareMission } from './planMission';
export type { PlanOptions, PlanOutput, PlanProgress, PlanStage, PlanStats, PreparedMission } from './planMission';
export * from './plan';
export { DROP_DURATION_S, CHARGER_HANDLING_S, DEPARTURE_DELAYS_S } from './constants';
export { firstConflict, makeTrajectory } from '../separation/trajectory';
export type { Trajectory, ConflictHit, SeparationMinima } from '../separation/trajectory';
