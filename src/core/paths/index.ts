/** Flight paths: the shortest safe 3D path between two points of the mission airspace. */
export { buildAirspace, buildLayer, obstaclesContaining } from './airspace';
export type { Airspace, AirspaceObstacle, ObstacleLayer, TimeSpan } from './airspace';
export { BUFFER_SIDES, bufferRing, unionPolygons } from './buffer';
export type { PolygonRings } from './buffer';
export { MIN_LEG_M, legLengthM, shortestHorizontalPath } from './horizontal';
export type { HorizontalOptions, HorizontalPath, PathError, PathErrorCode } from './horizontal';
export { DROP_HEIGHT_M, MAX_ALTITUDE_M, NOMINAL_DROP_S, planLeg } from './leg';
export type { FlightLeg, LegRequest, LegResult, LegSegment, LegSegmentKind, LegWaypoint, Point3 } from './leg';
export { pathMatrix } from './matrix';
export type { PathMatrix } from './matrix';
export { resolvePlace } from './resolve';
export type { ResolvedPlace } from './resolve';
export type { PathObjective } from './search';
export { legToGeoJson } from './geojson';
export type { LegFeature } from './geojson';
