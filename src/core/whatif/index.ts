/** What-if studies: scenarios, running them, aggregating runs, fleet sizing and the report. */
export * from './scenario';
export * from './overrides';
export * from './orderScale';
export * from './seeds';
export * from './runResult';
export * from './aggregate';
export * from './diff';
export * from './reachMap';
export * from './sweep';
export * from './report';
export * from './study';
export * from './charts';
export * from './tables';
export * from './html';
export { planFn as realPlanFn } from './realPlanner';
