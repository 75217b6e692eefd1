/**
 * Reading a mission: text -> JSON -> migration -> schema -> cross-field rules -> flyability checks.
 * Every problem is collected (never thrown) so the user sees them all at once.
 */
import { pointInLngLatRing } from '../geo/lngLatRing';
import {
  MAX_MISSION_DRONES,
  MAX_PAD_OFFSET_M,
  MIN_PAD_SPACING_M,
  type Mission,
  buildingSchema,
  depotSchema,
  faultSchema,
  missionSchema,
  noFlyZoneSchema,
  orderSchema,
} from './schema';
import { droneModelSchema } from './droneModel';
import { type Problem, type SchemaIssue, expandUnionIssues, formatPath } from './problems';
import { migrate } from './migrate';
import { toMissionSeconds } from './time';
import { createFrame } from '../geo/frame';
import { pointInShape, shapeRings } from '../geo/shapes';
import { ringSelfCrossing, ringsMeet } from '../geo/selfCrossing';
import { padLayoutProblems } from '../terminal/pads';
import { missionWater } from '../context';

export type LoadResult =
  | { ok: true; mission: Mission; checks: Problem[] }
  | { ok: false; errors: Problem[] };

/** Parse mission JSON text. */
export function parseMissionText(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${describeJsonError(text, e as Error)}`, severity: 'error' }] };
  }
  return parseMission(raw);
}

/** Validate an already-parsed JSON value as a mission. */
export function parseMission(raw: unknown): LoadResult {
  const migrated = migrate(raw);
  if (!migrated.ok) return { ok: false, errors: migrated.errors };

  const parsed = missionSchema.safeParse(migrated.value);
  if (!parsed.success) {
    const errors = expandUnionIssues(parsed.error.issues as unknown as SchemaIssue[]).map(
      (issue): Problem => ({ path: formatPath(issue.path), message: describeIssue(issue), severity: 'error' }),
    );
    // Also check what did parse, so one run shows every problem (not the schema's first, then the rest).
    const partial = parsePartial(migrated.value);
    if (partial) errors.push(...crossFieldErrors(partial.mission, partial));
    return { ok: false, errors: dedupe(errors) };
  }
  const mission = parsed.data;
  const errors = crossFieldErrors(mission);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mission, checks: flyabilityChecks(mission) };
}

/** The parser's message plus a line:column the user can jump to. */
function describeJsonError(text: string, e: Error): string {
  const pos = /position (\d+)/.exec(e.message);
  if (!pos) return e.message;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${e.message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

function describeIssue(issue: { code: string; message: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return issue.message;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const COLLECTIONS = {
  droneModels: droneModelSchema,
  depots: depotSchema,
  orders: orderSchema,
  noFlyZones: noFlyZoneSchema,
  buildings: buildingSchema,
  faults: faultSchema,
} as const;
type Collection = keyof typeof COLLECTIONS;

/**
 * A document that failed the schema, cut down to the parts that passed it, so the cross-field rules
 * can still run on them. Paths keep the original indexes; rules whose inputs did not parse are skipped,
 * and a reference is only called unknown when no dropped item could be what it refers to.
 */
interface PartialDoc {
  mission: Mission;
  /** The original index of each kept item, per collection. */
  index: Record<Collection, number[]>;
  /**
   * Ids of the items that failed the schema, per collection; undefined when some failed item (or the
   * collection itself) has no readable id, so references into the collection cannot be checked.
   */
  droppedIds: Record<Collection, Set<string> | undefined>;
  /** Which top-level fields the rules need parsed. */
  has: { startTime: boolean; origin: boolean; settings: boolean };
}

function parsePartial(value: unknown): PartialDoc | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  const shape = missionSchema.shape;
  const field = <K extends keyof typeof shape>(key: K) => shape[key].safeParse(doc[key]);
  const startTime = field('startTime');
  const origin = field('origin');
  const settings = field('settings');
  const demand = field('demand');
  const index = {} as Record<Collection, number[]>;
  const droppedIds = {} as Record<Collection, Set<string> | undefined>;
  const kept = {} as Record<Collection, unknown[]>;
  for (const key of Object.keys(COLLECTIONS) as Collection[]) {
    // Absent: the default (no zones, no buildings, no faults); a required collection that is absent
    // is reported by the schema, and references into it are not checked.
    const optional = key === 'noFlyZones' || key === 'buildings' || key === 'faults';
    const items = doc[key];
    index[key] = [];
    kept[key] = [];
    if (items === undefined && optional) {
      droppedIds[key] = new Set();
      continue;
    }
    if (!Array.isArray(items)) {
      droppedIds[key] = undefined;
      continue;
    }
    let dropped: Set<string> | undefined = new Set();
    items.forEach((item, i) => {
      const r = COLLECTIONS[key].safeParse(item);
      if (r.success) {
        kept[key].push(r.data);
        index[key].push(i);
        return;
      }
      const id = (item as { id?: unknown } | null)?.id;
      if (dropped && typeof id === 'string') dropped.add(id);
      else dropped = undefined;
    });
    droppedIds[key] = dropped;
  }
  const mission = {
    // Placeholders for fields that did not parse: the rules that read them are skipped (see `has`).
    startTime: startTime.success ? startTime.data : '1970-01-01T00:00:00Z',
    origin: origin.success ? origin.data : [0, 0],
    settings: settings.success ? settings.data : settingsFallback(),
    ...kept,
    faults: doc.faults === undefined ? undefined : kept.faults,
    // A demand model that failed the schema is reported there; its cross-field rules are skipped.
    demand: demand.success ? demand.data : undefined,
  } as unknown as Mission;
  return { mission, index, droppedIds, has: { startTime: startTime.success, origin: origin.success, settings: settings.success } };
}

const settingsFallback = () => missionSchema.shape.settings.parse(undefined);

/** Rules that span fields: unique ids, references, polygon validity, time order, area. */
function crossFieldErrors(m: Mission, partial?: PartialDoc): Problem[] {
  const out: Problem[] = [];
  // In a partial document the i-th kept item of a collection is at its original index in the file.
  const at = (path: PropertyKey[]): PropertyKey[] => {
    if (!partial || typeof path[1] !== 'number') return path;
    const original = partial.index[path[0] as Collection]?.[path[1]];
    return original === undefined ? path : [path[0], original, ...path.slice(2)];
  };
  const err = (path: PropertyKey[], message: string) => out.push({ path: formatPath(at(path)), message, severity: 'error' });
  /** A reference to an id not among the kept items: unknown, unless a dropped item may have had it. */
  const mayBeDropped = (key: Collection, id: string) => {
    if (!partial) return false;
    const dropped = partial.droppedIds[key];
    return dropped === undefined || dropped.has(id);
  };
  const has = partial?.has ?? { startTime: true, origin: true, settings: true };

  const collections = ['droneModels', 'depots', 'orders', 'noFlyZones', 'buildings'] as const;
  for (const key of collections) {
    const seen = new Map<string, number>();
    m[key].forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) err([key, i, 'id'], `duplicate id "${item.id}" (also ${formatPath(at([key, first]))})`);
      else seen.set(item.id, i);
    });
  }

  // A physical bound on the fleet: the planner and simulator hold every drone, so a few bytes per
  // fleet entry must not become millions of drones. Counted, never expanded.
  let drones = 0;
  let fleetTooBig = false;
  m.depots.forEach((depot, i) =>
    depot.fleet.forEach((f, j) => {
      drones += f.count;
      if (!fleetTooBig && drones > MAX_MISSION_DRONES) {
        fleetTooBig = true;
        err(
          ['depots', i, 'fleet', j, 'count'],
          `brings the mission to ${drones} drones; a mission may have at most ${MAX_MISSION_DRONES} drones in total (every drone is planned and simulated)`,
        );
      }
    }),
  );

  const modelIds = new Set(m.droneModels.map((d) => d.id));
  m.depots.forEach((depot, i) => {
    // Drone ids are <depotId>/<modelId>/<n>: two entries of one model at a depot would give two drones each id.
    const entryOfModel = new Map<string, number>();
    depot.fleet.forEach((f, j) => {
      if (!modelIds.has(f.modelId) && !mayBeDropped('droneModels', f.modelId)) err(['depots', i, 'fleet', j, 'modelId'], `unknown drone model "${f.modelId}"`);
      const first = entryOfModel.get(f.modelId);
      if (first !== undefined) {
        err(
          ['depots', i, 'fleet', j, 'modelId'],
          `drone model "${f.modelId}" is already in this depot's fleet (fleet[${first}]); give it one entry with the total count`,
        );
      } else entryOfModel.set(f.modelId, j);
    });
  });

  const timeOrder = (path: PropertyKey[], w: { earliest: string | number; latest: string | number }) => {
    if (!has.startTime) return;
    const a = toMissionSeconds(m.startTime, w.earliest);
    const b = toMissionSeconds(m.startTime, w.latest);
    if (a < 0) err([...path, 'earliest'], 'is before the mission start');
    if (b < a) err([...path, 'latest'], 'is before earliest');
  };
  m.orders.forEach((o, i) => {
    timeOrder(['orders', i, 'window'], o.window);
    if (!has.startTime) return;
    const readyS = o.readyAt === undefined ? undefined : toMissionSeconds(m.startTime, o.readyAt);
    if (readyS !== undefined && readyS < 0) err(['orders', i, 'readyAt'], 'is before the mission start');
    if (o.placedAt === undefined) return;
    // An order cannot be promised before it exists, nor packed before it is placed.
    const placedS = toMissionSeconds(m.startTime, o.placedAt);
    const latestS = toMissionSeconds(m.startTime, o.window.latest);
    if (placedS < 0) err(['orders', i, 'placedAt'], 'is before the mission start');
    else if (placedS > latestS) err(['orders', i, 'placedAt'], `is after window.latest (${latestS} s): the promise would end before the order is placed`);
    if (readyS !== undefined && readyS >= 0 && readyS < placedS) {
      err(['orders', i, 'readyAt'], `is before placedAt (${placedS} s): a parcel cannot be ready before it is ordered`);
    }
  });
  if (m.demand) {
    if (m.demand.promiseS < m.demand.prepS) err(['demand', 'promiseS'], `must be >= prepS (${m.demand.prepS} s): the promise cannot end before the parcel is ready`);
    const depots = new Set(m.depots.map((d) => d.id));
    for (const id of Object.keys(m.demand.storeWeights ?? {})) {
      if (!depots.has(id) && !mayBeDropped('depots', id)) err(['demand', 'storeWeights', id], `unknown depot "${id}"`);
    }
  }
  m.depots.forEach((d, i) => d.open && timeOrder(['depots', i, 'open'], d.open));
  m.noFlyZones.forEach((z, i) => {
    if (z.active) timeOrder(['noFlyZones', i, 'active'], z.active);
    if (z.floorM !== undefined && z.ceilingM !== undefined && z.ceilingM <= z.floorM) {
      err(['noFlyZones', i, 'ceilingM'], `must be above floorM (${z.floorM})`);
    }
    if (z.shape.type === 'Polygon') polygonErrors(z.shape.coordinates, ['noFlyZones', i, 'shape', 'coordinates'], err);
  });
  m.buildings.forEach((b, i) => polygonErrors(b.footprint.coordinates, ['buildings', i, 'footprint', 'coordinates'], err));

  const frame = createFrame(m.origin);
  const outside = (path: PropertyKey[], p: readonly [number, number]) => {
    if (!has.origin || !has.settings) return;
    const q = frame.toLocal(p);
    const r = Math.hypot(q.x, q.y);
    if (r > m.settings.areaRadiusM) {
      err(path, `is ${(r / 1000).toFixed(1)} km from the origin, outside the mission area (${m.settings.areaRadiusM / 1000} km)`);
    }
  };
  m.depots.forEach((d, i) => outside(['depots', i, 'position'], d.position));
  m.depots.forEach((d, i) => {
    if (!has.origin) return;
    for (const p of padLayoutProblems(d, frame, MIN_PAD_SPACING_M, MAX_PAD_OFFSET_M)) err(['depots', i, 'pads', 'positions', p.pad], p.reason);
  });
  m.orders.forEach((o, i) => outside(['orders', i, 'position'], o.position));

  // Faults must name a drone or depot of this mission. Drone ids are <depotId>/<modelId>/<n> and ids
  // have no "/": the id is looked up in the fleet entries, never by listing every drone.
  const depotIds = new Set(m.depots.map((d) => d.id));
  const fleetCount = new Map<string, number>();
  for (const d of m.depots) for (const f of d.fleet) fleetCount.set(`${d.id}/${f.modelId}`, (fleetCount.get(`${d.id}/${f.modelId}`) ?? 0) + f.count);
  const isDrone = (id: string) => {
    const parts = id.split('/');
    if (parts.length !== 3 || !/^[1-9][0-9]*$/.test(parts[2])) return false;
    return Number(parts[2]) <= (fleetCount.get(`${parts[0]}/${parts[1]}`) ?? 0);
  };
  (m.faults ?? []).forEach((f, i) => {
    if (f.kind === 'depot-closed') {
      if (!depotIds.has(f.depotId) && !mayBeDropped('depots', f.depotId)) err(['faults', i, 'depotId'], `unknown depot "${f.depotId}"`);
      if (f.toS <= f.fromS) err(['faults', i, 'toS'], `must be after fromS (${f.fromS})`);
    } else if (!isDrone(f.droneId) && !mayBeDropped('depots', f.droneId.split('/')[0])) {
      err(['faults', i, 'droneId'], `unknown drone "${f.droneId}" (drone ids are <depotId>/<modelId>/<n>)`);
    }
  });
  return out;
}

function polygonErrors(
  rings: [number, number][][],
  path: PropertyKey[],
  err: (path: PropertyKey[], message: string) => void,
): void {
  let simple = true;
  rings.forEach((ring, r) => {
    const distinct = new Set(ring.slice(0, -1).map((p) => `${p[0]},${p[1]}`));
    if (distinct.size < 3) {
      err([...path, r], 'a ring needs at least 3 distinct corners');
      simple = false;
      return;
    }
    const at = ringSelfCrossing(ring);
    if (at) {
      err([...path, r], `the ring crosses itself near ${lngLat(at)}`);
      simple = false;
    }
  });
  if (!simple || rings.length < 2) return;
  // Holes (rings after the first) lie strictly inside the outer ring and apart from each other: no ring
  // crosses, touches or overlaps another (one sweep over all rings), and then one corner of each hole
  // tells inside from outside (time linear in the corners).
  const meet = ringsMeet(rings);
  if (meet) {
    err(
      [...path, meet.b],
      meet.a === 0
        ? `the hole crosses, touches or overlaps the outer ring near ${lngLat(meet.at)}; a hole must lie inside the outer ring`
        : `the hole crosses, touches or overlaps hole ${meet.a} near ${lngLat(meet.at)}`,
    );
    return;
  }
  for (let r = 1; r < rings.length; r++) {
    if (!pointInLngLatRing(rings[r][0], rings[0])) err([...path, r], 'the hole lies outside the outer ring; a hole must lie inside it');
  }
}

const lngLat = (p: readonly [number, number]) => `[${p[0].toFixed(6)}, ${p[1].toFixed(6)}]`;


/** The document is valid but parts of it cannot be flown as they are. */
export function flyabilityChecks(m: Mission): Problem[] {
  const out: Problem[] = [];
  const check = (path: PropertyKey[], message: string) =>
    out.push({ path: formatPath(path), message, severity: 'check' });

  const frame = createFrame(m.origin);
  const zones = m.noFlyZones.map((z) => ({ zone: z, rings: shapeRings(z.shape, frame) }));
  const permanentZoneAt = (p: readonly [number, number]) => {
    const q = frame.toLocal(p);
    // Only zones that reach the ground and are always active make a point unusable.
    // A point inside a hole of the zone is outside it (the hole is permitted airspace).
    return zones.find(({ zone, rings }) => !zone.active && (zone.floorM ?? 0) === 0 && pointInShape(q, rings))?.zone;
  };

  const usedModels = new Set(m.depots.flatMap((d) => d.fleet.filter((f) => f.count > 0).map((f) => f.modelId)));
  const payloads = m.droneModels.filter((d) => usedModels.has(d.id)).map((d) => d.maxPayloadKg);
  const maxPayload = payloads.length ? Math.max(...payloads) : 0;

  // Where the map context knows the water, no drop and no store stands in it.
  const water = missionWater(m);
  const onWater = (p: readonly [number, number]) =>
    water?.isWater(p) ? `is on water in the map context, ${Math.round(water.distanceToShoreM(p))} m from the shore` : undefined;

  m.orders.forEach((o, i) => {
    const zone = permanentZoneAt(o.position);
    if (zone) check(['orders', i, 'position'], `inside no-fly zone "${zone.name}" (${zone.id})`);
    const wet = onWater(o.position);
    if (wet) check(['orders', i, 'position'], `drop point ${o.id} ${wet}`);
    if (payloads.length > 0 && o.parcelKg > maxPayload) {
      check(['orders', i, 'parcelKg'], `${o.parcelKg} exceeds every drone model's payload (max ${maxPayload})`);
    }
  });
  m.depots.forEach((d, i) => {
    if (d.fleet.every((f) => f.count === 0)) check(['depots', i, 'fleet'], `depot "${d.name}" has no drones`);
    const zone = permanentZoneAt(d.position);
    if (zone) check(['depots', i, 'position'], `inside no-fly zone "${zone.name}" (${zone.id})`);
    const wet = onWater(d.position);
    if (wet) check(['depots', i, 'position'], `depot "${d.name}" (${d.id}) ${wet}`);
  });
  if (m.depots.length === 0) check(['depots'], 'the mission has no depot');
  return out;
}
