/** The drone energy model: one source of truth for the path finder, the planner and the simulator. */
export * from './constants';
export * from './rotor';
export * from './power';
export * from './wind';
export * from './battery';
export * from './costModel';
export * from './summary';
export * from './reach';
export * from './presets';
export * from './resolveModel';
export * from './contingency';
