/** Interoperability: exports to autopilot and GIS formats, imports of geofences and polygons. Pure. */
export * from './mavlink';
export * from './tripMission';
export * from './qgcPlan';
export * from './wpl';
export * from './geojson';
export * from './tracks';
export * from './czml';
export * from './kml';
export * from './missionPatch';
export * from './importQgc';
export * from './importGeojson';
export * from './exportFiles';
export { decimal } from './numbers';
export * from './bundle';
