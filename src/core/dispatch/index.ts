/** Live dispatch: orders revealed when placed, a dispatcher inside the simulated day. */
export { dispatchDay, DISPATCH_POLICIES } from './runDispatch';
export type { DispatchOptions, DispatchPolicy, DispatchResult, ReplanStats } from './runDispatch';
export { buildDayMap } from './board';
export type { DayMap } from './board';
export { hindsightDay } from './hindsight';
export type { HindsightResult } from './hindsight';
