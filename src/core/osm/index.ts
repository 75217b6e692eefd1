/** OpenStreetMap import (pure: readers take text chunks or parsed values; the CLI and the app stream files into them). */
export * from './types';
export * from './tags';
export { OsmCollector, type OsmCounts } from './collector';
export { OsmXmlReader } from './xml';
export { looksLikeOsmJson, parseJsonText, readOsmJson } from './overpass';
export { type OsmFeature, type OsmGeometry, assembleFeatures } from './assemble';
export { joinWays, seaFromCoastline } from './coastline';
export * from './importOsm';
export * from './detect';
export * from './blob';
