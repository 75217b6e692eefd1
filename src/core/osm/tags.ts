/**
 * What an OpenStreetMap element is to Skyhaul, from its tags: a building (with a height), water, a
 * coastline, a main road, or a place that should not be flown over (a suggested no-fly zone).
 */
import { ROAD_KINDS, type RoadKind } from '../mission/schema';
import type { OsmTags } from './types';

export const ZONE_KINDS = ['aerodrome', 'helipad', 'military', 'prison'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export interface OsmRoles {
  building: boolean;
  water: boolean;
  coastline: boolean;
  road?: RoadKind;
  zone?: ZoneKind;
}

const roadKinds = new Set<string>(ROAD_KINDS);

/** What the tags make of an element (several roles at once: a prison is a building and a zone). */
export function osmRoles(tags: OsmTags | undefined): OsmRoles {
  const roles: OsmRoles = { building: false, water: false, coastline: false };
  if (!tags) return roles;
  const building = tags.building;
  roles.building = building !== undefined && building !== 'no';
  roles.water =
    tags.natural === 'water' || tags.waterway === 'riverbank' || tags.place === 'sea' || tags.place === 'ocean';
  roles.coastline = tags.natural === 'coastline';
  if (tags.highway !== undefined && roadKinds.has(tags.highway)) roles.road = tags.highway as RoadKind;
  if (tags.aeroway === 'aerodrome') roles.zone = 'aerodrome';
  else if (tags.aeroway === 'helipad') roles.zone = 'helipad';
  else if (tags.amenity === 'prison') roles.zone = 'prison';
  else if (tags.landuse === 'military' || (tags.military !== undefined && tags.military !== 'no')) roles.zone = 'military';
  return roles;
}

export const hasRole = (r: OsmRoles) => r.building || r.water || r.coastline || r.road !== undefined || r.zone !== undefined;

/** A way Skyhaul keeps: anything with a role. */
export const isInterestingWay = (tags: OsmTags | undefined) => hasRole(osmRoles(tags));

/** A multipolygon relation with a role (coastlines are ways, roads lines: neither as a multipolygon). */
export function isInterestingRelation(tags: OsmTags | undefined): boolean {
  if (!tags || (tags.type !== 'multipolygon' && tags.type !== 'building')) return false;
  const r = osmRoles(tags);
  return r.building || r.water || r.zone !== undefined;
}

/** A node Skyhaul keeps: an aerodrome or helipad mapped as a point. */
export function isInterestingNode(tags: OsmTags | undefined): boolean {
  const z = osmRoles(tags).zone;
  return z === 'aerodrome' || z === 'helipad';
}

/** Tags that say nothing about what a way is: a way with only these is a bare outline (a multipolygon member). */
const META_KEYS = new Set(['source', 'source_ref', 'source:ref', 'created_by', 'note', 'fixme', 'FIXME', 'attribution', 'history']);
export function isUntagged(tags: OsmTags | undefined): boolean {
  if (!tags) return true;
  for (const k in tags) if (!META_KEYS.has(k)) return false;
  return true;
}

const FOOT_M = 0.3048;
const INCH_M = 0.0254;

/**
 * A length as OpenStreetMap writes it, in metres: "12", "12.5", "12 m", "12m", "12 metres", "12,5"
 * (a decimal comma, common though not the convention), "40'", "40 ft", "40 feet", "40'6\"". Anything
 * else ("tall", "10-12", "~20", "3;4") is undefined.
 */
export function parseLengthM(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  const metric = /^(\d+(?:[.,]\d+)?|\.\d+)\s*(m|meter|meters|metre|metres)?$/.exec(v);
  if (metric) {
    const n = Number(metric[1].replace(',', '.'));
    return Number.isFinite(n) ? n : undefined;
  }
  const imperial = /^(\d+(?:\.\d+)?)\s*(?:'|ft|feet|foot)(?:\s*(\d+(?:\.\d+)?)\s*(?:"|''|in|inch|inches))?$/.exec(v);
  if (imperial) return Number(imperial[1]) * FOOT_M + (imperial[2] ? Number(imperial[2]) * INCH_M : 0);
  return undefined;
}

export type HeightSource = 'height' | 'levels' | 'default';

export interface HeightRules {
  /** Metres per storey for `building:levels`. */
  storeyHeightM: number;
  /** Height of a building whose tags give none. */
  defaultHeightM: number;
}

export const DEFAULT_STOREY_HEIGHT_M = 3;
export const DEFAULT_BUILDING_HEIGHT_M = 10;
/** The tallest height a building may have in a mission (the schema's bound). */
const MAX_HEIGHT_M = 1000;

export interface BuildingHeight {
  heightM: number;
  source: HeightSource;
  /** A height or levels tag that was there but could not be read (its key and value), so a later rule decided. */
  unreadable?: string;
}

/**
 * The height of a building: its `height` (or the older `building:height`) in metres or feet; else
 * `building:levels` times the storey height; else the default.
 */
export function buildingHeight(tags: OsmTags | undefined, rules: HeightRules): BuildingHeight {
  let unreadable: string | undefined;
  for (const key of ['height', 'building:height']) {
    const raw = tags?.[key];
    if (raw === undefined) continue;
    const h = parseLengthM(raw);
    if (h !== undefined && h > 0 && h <= MAX_HEIGHT_M) return { heightM: h, source: 'height' };
    unreadable ??= `${key}=${raw}`;
  }
  const levelsRaw = tags?.['building:levels'];
  if (levelsRaw !== undefined) {
    const levels = /^\d+(?:\.\d+)?$/.test(levelsRaw.trim()) ? Number(levelsRaw.trim()) : Number.NaN;
    const h = levels * rules.storeyHeightM;
    if (levels > 0 && h <= MAX_HEIGHT_M) return { heightM: h, source: 'levels', ...(unreadable ? { unreadable } : {}) };
    unreadable ??= `building:levels=${levelsRaw}`;
  }
  return { heightM: rules.defaultHeightM, source: 'default', ...(unreadable ? { unreadable } : {}) };
}
