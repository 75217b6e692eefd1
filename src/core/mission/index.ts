export * from './schema';
export * from './droneModel';
export * from './problems';
export * from './load';
export * from './serialize';
export * from './time';
export * from './fleet';
export * from './fingerprint';
