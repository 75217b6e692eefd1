/** Public API of the generic routing solver (see README "Fleet planner benchmarks"). */
export * from './problem';
export { solveVrp, solveVrpSteps, evaluateRoutes } from './solve';
export type { VrpSolveOptions, VrpSolveResult, VrpSolution, VrpRouteResult, VrpTripResult, VrpProgress, VrpUnservedReason } from './solve';
export { defaultSisrParams, type SisrParams } from './sisr';
export { clarkeWrightBaseline, type BaselineResult } from './baseline';
export { parseCvrplib, parseLkhVrptw, parseVrplib, parseTour, tourToRoutes, parseSol } from './formats';
export type { ParsedInstance, ParseResult } from './formats';
