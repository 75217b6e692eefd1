/**
 * An OpenStreetMap file into a mission: reading passes (any reader: XML, OSM JSON, PBF), geometry
 * (assemble.ts, coastline.ts), and what each feature becomes:
 * - buildings with a height (tags.ts); those that reach into the lowest cruise layer's clearance
 *   (heightM > min(cruiseAltitudesM) - clearanceM) go into the mission's buildings (airspace); the lower
 *   ones into the map context, drawn only (a mission building is an obstacle to pads and sites);
 * - water (natural=water, waterway=riverbank, place=sea/ocean, the sea from the coastline) and main
 *   roads into the map context (`mission.context`), never airspace;
 * - aerodromes, helipads, military areas and prisons as suggested no-fly zones, added only when the
 *   user accepts them (`applyOsmImport`).
 * `--bbox` clips; what lies outside the mission's area (areaRadiusM around the origin) is dropped and
 * counted. Rings and lines are kept within the schema's corner limits (simplified when longer).
 */
import { lngLatBounds, pointInLngLatRing } from '../geo/lngLatRing';
import { bboxClip, simplify } from '@turf/turf';
import { createFrame } from '../geo/frame';
import { ringSelfCrossing, ringsMeet } from '../geo/selfCrossing';
import { type MergeReport, emptyPatch, mergeMissionPatch } from '../formats/missionPatch';
import {
  type Building,
  type ContextBuilding,
  type ContextRoad,
  type LoadResult,
  type MapContext,
  MAX_LINE_POSITIONS,
  MAX_RING_CORNERS,
  type Mission,
  type NoFlyZone,
  ROAD_KINDS,
  type RoadKind,
} from '../mission';
import { type OsmFeature, assembleFeatures } from './assemble';
import { OsmCollector, type OsmCounts } from './collector';
import { joinWays, seaFromCoastline } from './coastline';
import {
  DEFAULT_BUILDING_HEIGHT_M,
  DEFAULT_STOREY_HEIGHT_M,
  type HeightSource,
  type ZoneKind,
  buildingHeight,
  osmRoles,
} from './tags';
import type { BBox, OsmHandler } from './types';

type Pt = [number, number];
type Rings = Pt[][];

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors, available under the Open Database License (ODbL 1.0), openstreetmap.org/copyright';

/** Radius of the suggested zone around an aerodrome or helipad mapped as a point only. */
export const POINT_ZONE_RADIUS_M: Record<'aerodrome' | 'helipad', number> = { aerodrome: 1000, helipad: 100 };

export interface OsmImportOptions {
  /** Metres per storey for `building:levels` (default 3). */
  storeyHeightM?: number;
  /** Height of a building whose tags give none (default 10 m). */
  defaultHeightM?: number;
  /** Keep only what lies in this box ([west, south, east, north]). */
  bbox?: BBox;
}

export interface SuggestedZone {
  zone: NoFlyZone;
  kind: ZoneKind;
  /** The OSM element it comes from, e.g. "way 123". */
  osm: string;
}

export interface OsmImportSummary {
  /** Elements in the file, and the passes read. */
  elements: OsmCounts;
  passes: number;
  buildings: {
    total: number;
    bySource: Record<HeightSource, number>;
    /** Into the mission's buildings (taller than thresholdM). */
    airspace: number;
    /** Into the map context, drawn only. */
    drawn: number;
    thresholdM: number;
    storeyHeightM: number;
    defaultHeightM: number;
    /** Height or levels tags that could not be read (a later rule decided). */
    unreadableHeights: number;
  };
  water: { polygons: number; fromCoastline: number; coastlineWays: number; coastlineProblem?: string };
  roads: { total: number; byKind: Record<RoadKind, number> };
  zones: number;
  dropped: {
    outsideBbox: number;
    outsideArea: number;
    /** Nodes or member ways missing from the file (cut at the edge of an extract). */
    incomplete: number;
    /** Outlines the mission cannot take (crossing themselves, too few corners). */
    invalid: number;
  };
}

export interface OsmImport {
  /** For the mission's airspace. */
  buildings: Building[];
  /** To add to the mission's map context. */
  context: MapContext;
  suggestedZones: SuggestedZone[];
  summary: OsmImportSummary;
  /** What was assumed or left out, one sentence each (warnings are also in notes). */
  notes: string[];
  warnings: string[];
}

export type OsmProgress = (phase: 'read' | 'assemble', fraction: number, pass: number) => void | Promise<void>;

/**
 * Read, assemble and sort an OSM file into an import for `mission`. `readPass` reads the whole file
 * once into the handler (the caller knows the format and how to stream it); it is called once per pass.
 */
export async function importOsm(
  readPass: (handler: OsmHandler, pass: number) => Promise<void> | void,
  mission: Mission,
  options: OsmImportOptions = {},
  onProgress?: OsmProgress,
): Promise<OsmImport> {
  const c = new OsmCollector();
  for (;;) {
    const pass = c.pass;
    await readPass(c, pass);
    if (!c.endPass()) break;
  }
  const passes = c.pass;
  const builder = createOsmBuilder(mission, options);
  await assembleFeatures(c, builder.add, (f) => onProgress?.('assemble', f, passes));
  // Coastline chains, as positions (a node missing from the file ends a chain there).
  const coastWays = [...c.ways.values()].filter((w) => osmRoles(w.tags).coastline);
  const chains: Pt[][] = [];
  for (const ids of joinWays(coastWays.map((w) => w.refs))) {
    let cur: Pt[] = [];
    for (const id of ids) {
      const p = c.position(id);
      if (p) cur.push(p);
      else if (cur.length > 0) {
        chains.push(cur);
        cur = [];
      }
    }
    if (cur.length > 0) chains.push(cur);
  }
  return builder.finish({
    counts: c.counts,
    passes,
    fileBounds: c.fileBounds,
    coast: { chains, ways: coastWays.length },
  });
}

interface BuildInfo {
  counts: OsmCounts;
  passes: number;
  fileBounds?: BBox;
  coast: { chains: Pt[][]; ways: number };
}

const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** Closed ring without repeated consecutive positions, rounded to OSM's 7 decimals; undefined if < 3 corners. */
function cleanRing(ring: readonly (readonly number[])[]): Pt[] | undefined {
  const out: Pt[] = [];
  for (const p of ring) {
    const q: Pt = [round7(p[0]), round7(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (new Set(out.map((p) => `${p[0]},${p[1]}`)).size < 3) return undefined;
  out.push([out[0][0], out[0][1]]);
  return out;
}


const boxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const boxHas = (b: BBox, p: readonly number[]) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
const boxInside = (inner: BBox, outer: BBox) => inner[0] >= outer[0] && inner[2] <= outer[2] && inner[1] >= outer[1] && inner[3] <= outer[3];
const intersectBoxes = (a: BBox, b: BBox): BBox | undefined => {
  const r: BBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return r[0] < r[2] && r[1] < r[3] ? r : undefined;
};


/** The polygon's rings with at most MAX_RING_CORNERS corners each (turf simplify, tolerance doubling). */
function limitCorners(rings: Rings): Rings | undefined {
  if (rings.every((r) => r.length <= MAX_RING_CORNERS + 1)) return rings;
  for (let tolerance = 1e-6; tolerance < 1; tolerance *= 2) {
    const g = simplify({ type: 'Polygon', coordinates: rings }, { tolerance, highQuality: false }) as { coordinates: Pt[][] };
    const out = g.coordinates.map(cleanRing).filter((r): r is Pt[] => r !== undefined);
    if (out.length > 0 && out.every((r) => r.length <= MAX_RING_CORNERS + 1)) return out;
  }
  return undefined;
}

/** Why the mission's loader would refuse these rings as a polygon, or undefined. */
function polygonProblem(rings: Rings): string | undefined {
  for (const ring of rings) {
    const at = ringSelfCrossing(ring);
    if (at) return `its outline crosses itself near [${at[0].toFixed(6)}, ${at[1].toFixed(6)}]`;
  }
  if (rings.length > 1) {
    if (ringsMeet(rings)) return 'a hole touches or crosses another ring';
    for (let r = 1; r < rings.length; r++) if (!pointInLngLatRing(rings[r][0], rings[0])) return 'a hole lies outside the outer ring';
  }
  return undefined;
}

function polygonsOf(f: OsmFeature): Rings[] {
  if (f.geometry.type === 'Polygon') return [f.geometry.coordinates];
  if (f.geometry.type === 'MultiPolygon') return f.geometry.coordinates;
  return [];
}

const ZONE_LABEL: Record<ZoneKind, string> = { aerodrome: 'Aerodrome', helipad: 'Helipad', military: 'Military area', prison: 'Prison' };

/** The import from assembled features, all at once (tests that build features by hand). */
export function buildOsmImport(features: readonly OsmFeature[], mission: Mission, options: OsmImportOptions, info: BuildInfo): OsmImport {
  const builder = createOsmBuilder(mission, options);
  for (const f of features) builder.add(f);
  return builder.finish(info);
}

/**
 * Sorts features one by one as they are assembled (`add`), so they need not all be held at once;
 * `finish` adds the sea from the coastline and the notes.
 */
export function createOsmBuilder(mission: Mission, options: OsmImportOptions): { add(f: OsmFeature): void; finish(info: BuildInfo): OsmImport } {
  const rules = {
    storeyHeightM: options.storeyHeightM ?? DEFAULT_STOREY_HEIGHT_M,
    defaultHeightM: options.defaultHeightM ?? DEFAULT_BUILDING_HEIGHT_M,
  };
  const { cruiseAltitudesM, clearanceM, areaRadiusM } = mission.settings;
  const thresholdM = Math.min(...cruiseAltitudesM) - clearanceM;
  const frame = createFrame(mission.origin);
  const inArea = (p: readonly number[]) => {
    const q = frame.toLocal([p[0], p[1]]);
    return Math.hypot(q.x, q.y) <= areaRadiusM;
  };
  // The area's bounding box in degrees (its circle sampled; a little margin for the curvature).
  const circle = Array.from({ length: 72 }, (_, i) => {
    const a = (i / 72) * 2 * Math.PI;
    return frame.toLngLat({ x: areaRadiusM * 1.01 * Math.cos(a), y: areaRadiusM * 1.01 * Math.sin(a) });
  });
  const areaBox = lngLatBounds(circle);
  const bbox = options.bbox;
  const clipBox = bbox ? intersectBoxes(bbox, areaBox) : areaBox;

  const summary: OsmImportSummary = {
    elements: { nodes: 0, ways: 0, relations: 0 },
    passes: 0,
    buildings: {
      total: 0,
      bySource: { height: 0, levels: 0, default: 0 },
      airspace: 0,
      drawn: 0,
      thresholdM,
      storeyHeightM: rules.storeyHeightM,
      defaultHeightM: rules.defaultHeightM,
      unreadableHeights: 0,
    },
    water: { polygons: 0, fromCoastline: 0, coastlineWays: 0 },
    roads: { total: 0, byKind: { motorway: 0, trunk: 0, primary: 0, secondary: 0 } },
    zones: 0,
    dropped: { outsideBbox: 0, outsideArea: 0, incomplete: 0, invalid: 0 },
  };
  const notes: string[] = [];
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    notes.push(m);
  };
  const invalidExamples: string[] = [];
  const unreadableExamples = new Map<string, number>();
  const buildings: Building[] = [];
  const context: MapContext = { attribution: OSM_ATTRIBUTION, water: [], roads: [], buildings: [] };
  const zones: SuggestedZone[] = [];
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    return id;
  };
  /** Outside the box or the area: counted, and false. Decided on one point (a building's centre). */
  const keepPoint = (p: readonly number[]) => {
    if (bbox && !boxHas(bbox, p)) return void summary.dropped.outsideBbox++, false;
    if (!inArea(p)) return void summary.dropped.outsideArea++, false;
    return true;
  };

  /** Clip rings to the clip box (turf bboxClip); undefined when nothing is left. */
  const clipPolygon = (rings: Rings): Rings | undefined => {
    if (!clipBox) return undefined;
    const box = lngLatBounds(rings[0]);
    if (!boxesMeet(box, clipBox)) return undefined;
    if (boxInside(box, clipBox)) return rings;
    const g = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } }, clipBox).geometry as unknown as {
      coordinates: Pt[][];
    };
    const out = g.coordinates.map(cleanRing).filter((r): r is Pt[] => r !== undefined);
    return out.length > 0 ? out : undefined;
  };
  const outsideWhy = (box: BBox) => {
    if (bbox && !boxesMeet(box, bbox)) summary.dropped.outsideBbox++;
    else summary.dropped.outsideArea++;
  };
  const anyInArea = (rings: Rings) => rings[0].some(inArea) || pointInLngLatRing([mission.origin[0], mission.origin[1]], rings[0]);

  const addWater = (raw: Rings, fromCoast: boolean) => {
    const cleaned = raw.map(cleanRing).filter((r): r is Pt[] => r !== undefined);
    if (cleaned.length === 0 || cleanRing(raw[0]) === undefined) return;
    const clipped = clipPolygon(cleaned);
    if (!clipped || !anyInArea(clipped)) return outsideWhy(lngLatBounds(cleaned[0]));
    const limited = limitCorners(clipped);
    if (!limited) return void summary.dropped.invalid++;
    context.water.push({ type: 'Polygon', coordinates: limited });
    summary.water.polygons++;
    if (fromCoast) summary.water.fromCoastline++;
  };

  const add = (f: OsmFeature): void => {
    const roles = osmRoles(f.tags);
    const label = `${f.osmType} ${f.osmId}`;
    const name = f.tags.name;
    const polygons = polygonsOf(f);
    if ((roles.building || roles.water || roles.zone) && f.geometry.type === 'LineString' && !roles.road) {
      // osmtogeojson makes a closed outline a polygon: a line here is a way that does not close.
      summary.dropped.invalid++;
      if (invalidExamples.length < 5) invalidExamples.push(`${label}: the outline does not close`);
      return;
    }

    if (roles.building && polygons.length > 0) {
      if (f.tainted) summary.dropped.incomplete++;
      else {
        const h = buildingHeight(f.tags, rules);
        if (h.unreadable) {
          summary.buildings.unreadableHeights++;
          unreadableExamples.set(h.unreadable, (unreadableExamples.get(h.unreadable) ?? 0) + 1);
        }
        polygons.forEach((raw, part) => {
          const rings = raw.map(cleanRing).filter((r): r is Pt[] => r !== undefined);
          if (rings.length === 0 || cleanRing(raw[0]) === undefined) {
            summary.dropped.invalid++;
            if (invalidExamples.length < 5) invalidExamples.push(`${label}: fewer than 3 corners`);
            return;
          }
          const box = lngLatBounds(rings[0]);
          if (!keepPoint([(box[0] + box[2]) / 2, (box[1] + box[3]) / 2])) return;
          summary.buildings.total++;
          summary.buildings.bySource[h.source]++;
          const limited = limitCorners(rings);
          if (!limited) return void summary.dropped.invalid++;
          if (h.heightM > thresholdM) {
            let footprint = limited;
            const problem = polygonProblem(footprint);
            // The airspace flies around a whole footprint: a bad hole can go, a bad outline cannot.
            if (problem && footprint.length > 1 && !polygonProblem([footprint[0]])) footprint = [footprint[0]];
            else if (problem) {
              summary.buildings.total--;
              summary.buildings.bySource[h.source]--;
              summary.dropped.invalid++;
              if (invalidExamples.length < 5) invalidExamples.push(`${label}: ${problem}`);
              return;
            }
            const suffix = polygons.length > 1 ? `-${part + 1}` : '';
            const b: Building = { id: uniqueId(`osm-${f.osmType}-${f.osmId}${suffix}`), footprint: { type: 'Polygon', coordinates: footprint }, heightM: h.heightM };
            if (name) b.name = name;
            buildings.push(b);
            summary.buildings.airspace++;
          } else {
            const b: ContextBuilding = { footprint: { type: 'Polygon', coordinates: limited }, heightM: h.heightM };
            context.buildings.push(b);
            summary.buildings.drawn++;
          }
        });
      }
    }

    if (roles.water && polygons.length > 0) {
      // An outline cut at the extract's edge is still worth drawing: osmtogeojson closes what it can.
      for (const rings of polygons) addWater(rings, false);
    }

    if (roles.road && f.geometry.type === 'LineString') {
      const kind = roles.road;
      const line = f.geometry.coordinates.map((p): Pt => [round7(p[0]), round7(p[1])]);
      const box = lngLatBounds(line);
      if (line.length < 2) summary.dropped.incomplete++;
      else if (!clipBox || !boxesMeet(box, clipBox) || !line.some(inArea)) outsideWhy(box);
      else {
        const pieces: Pt[][] = boxInside(box, clipBox)
          ? [line]
          : (() => {
              const g = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, clipBox).geometry;
              return (g.type === 'MultiLineString' ? g.coordinates : [g.coordinates]) as Pt[][];
            })();
        for (const piece of pieces) {
          const pts = piece.map((p): Pt => [round7(p[0]), round7(p[1])]);
          if (pts.length < 2) continue;
          // A road longer than a line may be goes in several lines (sharing their joints).
          for (let i = 0; i < pts.length - 1; i += MAX_LINE_POSITIONS - 1) {
            const road: ContextRoad = { kind, line: pts.slice(i, i + MAX_LINE_POSITIONS) };
            if (name) road.name = name;
            context.roads.push(road);
          }
          summary.roads.total++;
          summary.roads.byKind[kind]++;
        }
      }
    }

    if (roles.zone) {
      const kind = roles.zone;
      const zoneName = name ?? `${ZONE_LABEL[kind]} (OSM ${label})`;
      const base = `osm-${kind}-${f.osmType[0]}${f.osmId}`;
      if (f.geometry.type === 'Point') {
        const p = f.geometry.coordinates;
        if (!keepPoint(p) || (kind !== 'aerodrome' && kind !== 'helipad')) return;
        zones.push({
          kind,
          osm: label,
          zone: { id: uniqueId(base), name: zoneName, shape: { type: 'Circle', center: [round7(p[0]), round7(p[1])], radiusM: POINT_ZONE_RADIUS_M[kind] } },
        });
      } else {
        polygons.forEach((raw, part) => {
          // A zone is its outline: a courtyard inside a prison is no place to fly either.
          const outer = cleanRing(raw[0]);
          if (!outer) return void summary.dropped.invalid++;
          const box = lngLatBounds(outer);
          const centre = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
          if (bbox && !boxesMeet(box, bbox)) return void summary.dropped.outsideBbox++;
          if (!anyInArea([outer]) && !inArea(centre)) return void summary.dropped.outsideArea++;
          const limited = limitCorners([outer]);
          const problem = limited ? polygonProblem(limited) : 'too many corners';
          if (!limited || problem) {
            summary.dropped.invalid++;
            if (invalidExamples.length < 5) invalidExamples.push(`${label}: ${problem}`);
            return;
          }
          const suffix = polygons.length > 1 ? `-${part + 1}` : '';
          zones.push({ kind, osm: label, zone: { id: uniqueId(`${base}${suffix}`), name: zoneName, shape: { type: 'Polygon', coordinates: limited } } });
        });
      }
    }
  };

  const finish = (info: BuildInfo): OsmImport => {
    summary.elements = info.counts;
    summary.passes = info.passes;
    summary.water.coastlineWays = info.coast.ways;
    // Where the context is complete: the asked box, else the file's own bounds (both within the area).
    const completeBox = bbox ?? info.fileBounds;
    if (completeBox) {
      const box = intersectBoxes(completeBox, areaBox);
      if (box) context.bbox = box.map(round7) as BBox;
    }
    // The sea from the coastline, inside the box the file covers (its bounds).
    if (info.coast.chains.length > 0) {
      const known = bbox ?? info.fileBounds;
      const coastBox = known && intersectBoxes(known, areaBox);
      if (!known) {
        // Which side of the box's edge is sea depends on where the file's data ends: not guessed.
        summary.water.coastlineProblem = 'the file states no bounds; give --bbox (the area it covers) to draw the sea';
        warn(`no sea drawn from the ${info.coast.ways} coastline way(s): the file states no bounds (give --bbox, the area the file covers)`);
      } else if (coastBox) {
        const sea = seaFromCoastline(info.coast.chains, coastBox, info.coast.ways);
        if (sea.failure) {
          summary.water.coastlineProblem = sea.failure;
          warn(`no sea drawn from the ${info.coast.ways} coastline way(s): ${sea.failure}`);
        }
        for (const rings of sea.sea) addWater(rings, true);
        if (!sea.failure && sea.sea.length > 0) {
          notes.push(`the sea was closed along the box [${coastBox.map((v) => v.toFixed(5)).join(', ')}] (${bbox ? '--bbox' : "the file's bounds"})`);
        }
      }
    }

    summary.zones = zones.length;
    if (summary.dropped.incomplete > 0) {
      notes.push(`${summary.dropped.incomplete} feature(s) left out: nodes or member ways missing from the file (cut at the edge of the extract)`);
    }
    if (summary.dropped.invalid > 0) {
      warn(`${summary.dropped.invalid} outline(s) left out that a mission cannot hold${invalidExamples.length ? `, e.g. ${invalidExamples.join('; ')}` : ''}`);
    }
    if (unreadableExamples.size > 0) {
      const list = [...unreadableExamples].slice(0, 5).map(([t, n]) => `"${t}" (${n})`).join(', ');
      notes.push(`${summary.buildings.unreadableHeights} building height tag(s) could not be read, the next rule decided: ${list}`);
    }
    const pointZones = zones.filter((z) => z.zone.shape.type === 'Circle');
    if (pointZones.length > 0) {
      notes.push(
        `${pointZones.length} aerodrome/helipad(s) are mapped as a point only: suggested as a circle of ${POINT_ZONE_RADIUS_M.aerodrome} m (aerodrome) or ${POINT_ZONE_RADIUS_M.helipad} m (helipad)`,
      );
    }
    return { buildings, context, suggestedZones: zones, summary, notes, warnings };
  };
  return { add, finish };
}

/** Which suggested zones to add: all of them, or these ids. */
export type ZoneAcceptance = 'all' | 'none' | readonly string[];

export interface OsmApplyReport extends MergeReport {
  /** Suggested zones added, and ids asked for that no suggested zone has. */
  zonesAdded: string[];
  unknownZoneIds: string[];
  /** Context items already in the mission, not added twice. */
  contextDuplicates: number;
}

/** A key for a ring list, to tell an item already in the context (re-importing the same file). */
const geoKey = (rings: readonly (readonly (readonly number[])[])[]) => JSON.stringify(rings);

/**
 * The mission with the import added: its buildings (airspace), its context appended to the mission's
 * (items it already has are not added twice), and the accepted suggested zones; validated by the
 * mission loader like every edit (mergeMissionPatch).
 */
export function applyOsmImport(mission: Mission, imp: OsmImport, accept: ZoneAcceptance): LoadResult & { report?: OsmApplyReport } {
  const ids = accept === 'all' ? imp.suggestedZones.map((z) => z.zone.id) : accept === 'none' ? [] : [...accept];
  const byId = new Map(imp.suggestedZones.map((z) => [z.zone.id, z.zone]));
  const unknownZoneIds = ids.filter((id) => !byId.has(id));
  const zonesAdded = ids.filter((id) => byId.has(id));

  const old = mission.context;
  const next: MapContext = {
    ...(old?.attribution || imp.context.attribution ? { attribution: mergeAttribution(old?.attribution, imp.context.attribution) } : {}),
    // The box where the context is complete: unknown once an unbounded context is mixed in.
    ...(imp.context.bbox && (!old || old.bbox) ? { bbox: unionBox(old?.bbox, imp.context.bbox) } : {}),
    water: [...(old?.water ?? [])],
    roads: [...(old?.roads ?? [])],
    buildings: [...(old?.buildings ?? [])],
  };
  let contextDuplicates = 0;
  const add = <T>(into: T[], items: readonly T[], key: (t: T) => string) => {
    const have = new Set(into.map(key));
    for (const t of items) {
      const k = key(t);
      if (have.has(k)) contextDuplicates++;
      else {
        have.add(k);
        into.push(t);
      }
    }
  };
  add(next.water, imp.context.water, (p) => geoKey(p.coordinates));
  add(next.roads, imp.context.roads, (r) => geoKey([r.line]));
  add(next.buildings, imp.context.buildings, (b) => geoKey(b.footprint.coordinates));
  const empty = next.water.length + next.roads.length + next.buildings.length === 0;

  const patch = emptyPatch();
  patch.buildings = imp.buildings;
  patch.noFlyZones = zonesAdded.map((id) => byId.get(id) as NoFlyZone);
  const base: Mission = { ...mission };
  if (!empty || old) base.context = next;
  const merged = mergeMissionPatch(base, patch);
  if (!merged.ok) return { ok: false, errors: merged.errors };
  return { ...merged, report: { ...(merged.report ?? { renamed: [], duplicates: [] }), zonesAdded, unknownZoneIds, contextDuplicates } };
}

function mergeAttribution(a: string | undefined, b: string | undefined): string {
  if (!a) return b ?? '';
  if (!b || a.includes(b)) return a;
  return `${a}; ${b}`.slice(0, 500);
}

function unionBox(a: BBox | undefined, b: BBox | undefined): BBox {
  if (!a) return b as BBox;
  if (!b) return a;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** The summary as lines for a person (the CLI prints them; the app shows them in its dialog). */
export function osmSummaryLines(s: OsmImportSummary): string[] {
  const b = s.buildings;
  const lines = [
    `read ${s.elements.nodes} nodes, ${s.elements.ways} ways, ${s.elements.relations} relations in ${s.passes} passes`,
    `buildings: ${b.total} (height tag ${b.bySource.height}, building:levels x ${b.storeyHeightM} m ${b.bySource.levels}, default ${b.defaultHeightM} m ${b.bySource.default})`,
    `  ${b.airspace} into the airspace (taller than ${b.thresholdM} m: the lowest cruise layer minus the clearance), ${b.drawn} drawn only (map context)`,
    `water: ${s.water.polygons} polygon(s)${s.water.coastlineWays > 0 ? `, ${s.water.fromCoastline} of them sea from ${s.water.coastlineWays} coastline way(s)` : ''}${s.water.coastlineProblem ? ` (coastline: ${s.water.coastlineProblem})` : ''}`,
    `roads: ${s.roads.total} (${ROAD_KINDS.map((k) => `${k} ${s.roads.byKind[k]}`).join(', ')})`,
    `suggested no-fly zones: ${s.zones}`,
  ];
  const d = s.dropped;
  const dropped = [
    d.outsideBbox ? `${d.outsideBbox} outside --bbox` : '',
    d.outsideArea ? `${d.outsideArea} outside the mission area` : '',
    d.incomplete ? `${d.incomplete} incomplete in the file` : '',
    d.invalid ? `${d.invalid} with an outline a mission cannot hold` : '',
  ].filter(Boolean);
  lines.push(`dropped: ${dropped.length ? dropped.join(', ') : 'nothing'}`);
  return lines;
}

