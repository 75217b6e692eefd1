/**
 * The mission document: one zod schema that is the TypeScript type, the validator and the
 * documentation of the file format. Field order here is the order written to disk.
 *
 * Units are SI and carried in the names (Kg, M, S, Mps, W, Wh, Deg). Positions are GeoJSON-style
 * [lng, lat] pairs; the local metric frame is centred on `origin`.
 */
import { z } from 'zod';
import { droneModelSchema } from './droneModel';
import { terrainSchema } from './terrain';

export const CURRENT_SCHEMA_VERSION = 1;

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9_.:-]+$/, 'may only contain letters, digits and _ . : -');

export const lngLatSchema = z.tuple([
  z.number().min(-180, 'longitude must be within -180..180').max(180, 'longitude must be within -180..180'),
  z.number().min(-90, 'latitude must be within -90..90').max(90, 'latitude must be within -90..90'),
]);

/**
 * The most corners a polygon ring may have: a zone or footprint outline needs hundreds at most, and
 * every ring is checked and flown around corner by corner (a 100k-corner ring in a 4 MB file is a way
 * to stall the planner, not an outline).
 */
export const MAX_RING_CORNERS = 10_000;

const linearRing = z
  .array(lngLatSchema)
  .min(4, 'a ring needs at least 4 positions (3 corners and the closing copy of the first)')
  .max(MAX_RING_CORNERS + 1, `a ring may have at most ${MAX_RING_CORNERS} corners (${MAX_RING_CORNERS + 1} positions with the closing copy)`)
  // zod runs this check even when min(4) failed: a short (or empty) ring is reported by min alone.
  .refine((ring) => ring.length < 4 || (ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]), {
    message: 'a ring must end where it starts (last position equal to the first)',
  });

export const polygonSchema = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(linearRing).min(1, 'a polygon needs an outer ring'),
});

export const circleSchema = z.strictObject({
  type: z.literal('Circle'),
  center: lngLatSchema,
  radiusM: z.number().positive('must be > 0').max(100_000, 'must be at most 100 km'),
});

/** Seconds after the mission start, or an ISO 8601 date-time with offset. */
export const missionTimeSchema = z.union([
  z.number().min(0, 'must be >= 0 seconds after the mission start'),
  z.iso.datetime({ offset: true, message: 'must be seconds after the mission start or an ISO date-time with offset' }),
]);
export type MissionTime = z.infer<typeof missionTimeSchema>;

const timeWindowSchema = z.strictObject({
  earliest: missionTimeSchema,
  latest: missionTimeSchema,
});

/**
 * Physical bounds of depot charging. Below 10 W a recharge of one trip's energy takes days (and tiny
 * values make recharge times overflow); above 1 MW is no drone charger. A battery swap is a hand
 * or robot changing a pack: at most an hour (a longer turnaround is a charger, not a swap).
 */
export const MIN_CHARGER_POWER_W = 10;
export const MAX_CHARGER_POWER_W = 1_000_000;
export const MAX_SWAP_S = 3600;

export const chargingSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('charger'),
    powerW: z
      .number()
      .min(MIN_CHARGER_POWER_W, `must be >= ${MIN_CHARGER_POWER_W} W (a weaker charger takes days to recharge one trip)`)
      .max(MAX_CHARGER_POWER_W, `must be at most ${MAX_CHARGER_POWER_W} W (1 MW; no drone charger is stronger)`),
  }),
  z.strictObject({
    kind: z.literal('swap'),
    swapS: z
      .number()
      .positive('must be > 0 s')
      .max(MAX_SWAP_S, `must be at most ${MAX_SWAP_S} s (a battery swap takes minutes; use a charger for a longer turnaround)`),
  }),
]);

/** The smallest distance between two pads: closer pads' climb and descent columns are not kept apart. */
export const MIN_PAD_SPACING_M = 8;
/** How far from the depot position an explicit pad may lie. */
export const MAX_PAD_OFFSET_M = 300;

/**
 * A depot's launch and landing pads. Either a count laid out on a ring around the depot position with
 * neighbouring pads `spacingM` apart, or explicit positions. A pad serves one movement (take-off or
 * landing) at a time, and after each movement stays closed for `turnaroundS`.
 */
export const padsSchema = z.union([
  z.strictObject({
    count: z.number().int('must be a whole number').min(1, 'must be >= 1').max(256, 'must be at most 256'),
    spacingM: z.number().min(MIN_PAD_SPACING_M, `must be >= ${MIN_PAD_SPACING_M} m`).max(200, 'must be at most 200 m').default(15),
    turnaroundS: z.number().min(0, 'must be >= 0 s').max(3600, 'must be at most 3600 s').default(30),
  }),
  z.strictObject({
    positions: z.array(lngLatSchema).min(1, 'needs at least one pad').max(256, 'must be at most 256 pads'),
    turnaroundS: z.number().min(0, 'must be >= 0 s').max(3600, 'must be at most 3600 s').default(30),
  }),
]);
export type Pads = z.infer<typeof padsSchema>;

/** The most drones a mission may have in total, over all depots (checked in load.ts, counted, never expanded). */
export const MAX_MISSION_DRONES = 10_000;

export const depotSchema = z.strictObject({
  id,
  name: z.string().min(1, 'must not be empty'),
  position: lngLatSchema,
  fleet: z.array(
    z.strictObject({
      modelId: id,
      count: z.number().int('must be a whole number').min(0, 'must be >= 0').max(10_000, 'must be at most 10000'),
    }),
  ),
  charging: chargingSchema,
  /**
   * Opening hours in mission time: no take-off before `earliest` or after `latest`. The store always
   * takes back its own drones, also after `latest`. Absent: always open.
   */
  open: timeWindowSchema.optional(),
  /** Launch and landing pads; absent: one pad per drone based here, 15 m apart, 30 s turnaround. */
  pads: padsSchema.optional(),
});

export const dropMethodSchema = z.enum(['land', 'winch', 'hover-release']);
export type DropMethod = z.infer<typeof dropMethodSchema>;

export const orderSchema = z.strictObject({
  id,
  position: lngLatSchema,
  parcelKg: z.number().positive('must be > 0 kg').max(1000, 'must be at most 1000 kg'),
  /** Promise window for the drop: before `earliest` the drone waits, after `latest` it is late. */
  window: timeWindowSchema,
  /** Weight of the order in the planner's first objective (more is more important). */
  priority: z.number().int('must be a whole number').min(1, 'must be >= 1').max(10, 'must be <= 10').default(1),
  drop: dropMethodSchema.default('winch'),
  /**
   * When the customer placed the order: a live dispatcher learns of it only then. Absent: known from
   * the mission start (a planned day). At most `window.latest`, and `readyAt` is not before it.
   */
  placedAt: missionTimeSchema.optional(),
  /** When the parcel is ready at the store (release time); absent: at the mission start. */
  readyAt: missionTimeSchema.optional(),
});

/** Bounds of the demand model: a generated day stays a size the planner and simulator can hold. */
export const MAX_HOURLY_ORDERS_PER_STORE = 1000;
export const MAX_STORE_WEIGHT = 100;

/**
 * Parcel mass of generated orders: log-normal with this median and shape (sigma of the log), capped
 * at the largest payload of the drones in the fleets.
 */
export const parcelMassSchema = z.strictObject({
  medianKg: z.number().positive('must be > 0 kg').max(1000, 'must be at most 1000 kg').default(1),
  sigma: z.number().min(0, 'must be >= 0').max(3, 'must be at most 3 (a wider spread is no parcel mix)').default(0.5),
});

/**
 * A demand model: where and when orders arrive, for generating a day of orders (src/core/dispatch/demand.ts,
 * `skyhaul orders --demand`). Arrivals are Poisson per store and hour of the local clock.
 */
export const demandSchema = z.strictObject({
  /** Default seed of the generator (a run may override it). */
  seed: z.number().int('must be a whole number').min(0, 'must be >= 0').max(0xffff_ffff, 'must be at most 4294967295').default(1),
  /**
   * Expected orders per store in each hour of the local clock of `startTime` (its own UTC offset):
   * 24 values, hour 0 (00:00-01:00) first.
   */
  hourly: z
    .array(
      z
        .number()
        .min(0, 'must be >= 0 orders')
        .max(MAX_HOURLY_ORDERS_PER_STORE, `must be at most ${MAX_HOURLY_ORDERS_PER_STORE} orders per store and hour`),
    )
    .length(24, 'needs 24 values, one per hour of the local clock (0..23)'),
  /** Drops lie uniformly in the disc of this radius around their store. */
  radiusM: z.number().positive('must be > 0 m').max(50_000, 'must be at most 50 km').default(6000),
  /** From placement to the parcel being ready (readyAt, and the window's earliest). */
  prepS: z.number().min(0, 'must be >= 0 s').max(86_400, 'must be at most 1 day').default(900),
  /** From placement to the end of the promise window (window.latest); at least prepS. */
  promiseS: z.number().positive('must be > 0 s').max(7 * 86_400, 'must be at most 7 days').default(7200),
  parcelKg: parcelMassSchema.default({ medianKg: 1, sigma: 0.5 }),
  /** Share of orders with priority 2 (the rest: 1). */
  priorityShare: z.number().min(0, 'must be within 0..1').max(1, 'must be within 0..1').default(0.15),
  /** Share of winch drops (the rest: hover-release). */
  winchShare: z.number().min(0, 'must be within 0..1').max(1, 'must be within 0..1').default(0.8),
  /** Relative demand per store (depot id -> weight, multiplying `hourly`); absent stores: 1. */
  storeWeights: z
    .record(
      z.string(),
      z.number().min(0, 'must be >= 0').max(MAX_STORE_WEIGHT, `must be at most ${MAX_STORE_WEIGHT}`),
    )
    .optional(),
});
export type Demand = z.infer<typeof demandSchema>;

export const noFlyZoneSchema = z.strictObject({
  id,
  name: z.string().min(1, 'must not be empty'),
  shape: z.discriminatedUnion('type', [polygonSchema, circleSchema]),
  /** Altitude band (metres above ground) the zone covers; absent: from the ground / without ceiling. */
  floorM: z.number().min(0, 'must be >= 0 m').optional(),
  ceilingM: z.number().positive('must be > 0 m').optional(),
  /** The zone applies only inside this window; absent: always. */
  active: timeWindowSchema.optional(),
});

export const buildingSchema = z.strictObject({
  id,
  name: z.string().optional(),
  footprint: polygonSchema,
  heightM: z.number().positive('must be > 0 m').max(1000, 'must be at most 1000 m'),
});

/**
 * The map context: what is drawn under the mission to show where things are (water, main roads, the
 * buildings too low to matter to the planner), never airspace. The planner, the simulator and the path
 * finder ignore it; checks may read it (a drop point on water). Imported from OpenStreetMap
 * (`skyhaul import city.osm`, src/core/osm) or written by hand.
 */
/** The most positions a context road line may have (as many as a ring's corners). */
export const MAX_LINE_POSITIONS = MAX_RING_CORNERS;
/**
 * The most positions (ring corners and line points) a mission's map context may have: a city's
 * buildings, water and main roads fit (about 100,000 buildings); more is a country, not a mission's
 * map, and would make every load and edit slow.
 */
export const MAX_CONTEXT_POSITIONS = 2_000_000;
export const ROAD_KINDS = ['motorway', 'trunk', 'primary', 'secondary'] as const;
export type RoadKind = (typeof ROAD_KINDS)[number];

export const contextRoadSchema = z.strictObject({
  kind: z.enum(ROAD_KINDS, { message: `must be one of ${ROAD_KINDS.join(', ')}` }),
  name: z.string().optional(),
  /** The centre line, [lng, lat] positions in order. */
  line: z
    .array(lngLatSchema)
    .min(2, 'a road line needs at least 2 positions')
    .max(MAX_LINE_POSITIONS, `a road line may have at most ${MAX_LINE_POSITIONS} positions`),
});

/** A building drawn for orientation only (lower than the lowest cruise layer's clearance: no obstacle). */
export const contextBuildingSchema = z.strictObject({
  footprint: polygonSchema,
  heightM: z.number().positive('must be > 0 m').max(1000, 'must be at most 1000 m'),
});

export const mapContextSchema = z
  .strictObject({
    /** Where the data comes from and its licence, shown with the map (e.g. OpenStreetMap's ODbL notice). */
    attribution: z.string().min(1, 'must not be empty').max(500, 'must be at most 500 characters').optional(),
    /**
     * [west, south, east, north], degrees: where the context is complete (the imported area). Outside
     * it nothing is known (no water drawn there is not dry land).
     */
    bbox: z
      .tuple([
        z.number().min(-180, 'west must be within -180..180').max(180, 'west must be within -180..180'),
        z.number().min(-90, 'south must be within -90..90').max(90, 'south must be within -90..90'),
        z.number().min(-180, 'east must be within -180..180').max(180, 'east must be within -180..180'),
        z.number().min(-90, 'north must be within -90..90').max(90, 'north must be within -90..90'),
      ])
      .refine((b) => b[0] < b[2] && b[1] < b[3], { message: 'must be [west, south, east, north] with west < east and south < north' })
      .optional(),
    /** Water areas (sea, lakes, rivers): outer ring first, islands as holes. */
    water: z.array(polygonSchema).default([]),
    /** Main roads as centre lines. */
    roads: z.array(contextRoadSchema).default([]),
    buildings: z.array(contextBuildingSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const n = contextPositions(c);
    if (n > MAX_CONTEXT_POSITIONS) {
      ctx.addIssue({
        code: 'custom',
        message: `the map context has ${n} positions; at most ${MAX_CONTEXT_POSITIONS} are allowed (import a smaller area, e.g. with --bbox)`,
      });
    }
  });

/** Ring corners and line points of a map context, counted. */
export function contextPositions(c: {
  water: readonly { coordinates: readonly (readonly unknown[])[] }[];
  roads: readonly { line: readonly unknown[] }[];
  buildings: readonly { footprint: { coordinates: readonly (readonly unknown[])[] } }[];
}): number {
  let n = 0;
  for (const p of c.water) for (const ring of p.coordinates) n += ring.length;
  for (const r of c.roads) n += r.line.length;
  for (const b of c.buildings) for (const ring of b.footprint.coordinates) n += ring.length;
  return n;
}

export const windSchema = z.strictObject({
  speedMps: z.number().min(0, 'must be >= 0 m/s').max(60, 'must be at most 60 m/s'),
  /** Meteorological convention: the direction the wind blows FROM, degrees clockwise from north. */
  fromDeg: z.number().min(0, 'must be within 0..360').max(360, 'must be within 0..360'),
  gustMps: z.number().min(0, 'must be >= 0 m/s').max(60, 'must be at most 60 m/s').default(0),
});

export const reservePolicySchema = z.strictObject({
  /** Land with at least this share of usable energy... */
  minPercent: z.number().min(0, 'must be within 0..100').max(100, 'must be within 0..100').default(20),
  /** ...and at least enough to hover this long... */
  hoverMinutes: z.number().min(0, 'must be >= 0').max(120, 'must be at most 120').default(2),
  /** ...and reach the nearest alternate landing site (another depot) from the drop point. */
  alternateRequired: z.boolean().default(false),
  /**
   * Contingency energy planned on top of each trip, as a share of the trip's energy (ICAO's 5 %). The
   * planner takes the larger of this and the margin the forecast's wind error asks for.
   */
  contingencyPercent: z.number().min(0, 'must be within 0..100').max(100, 'must be within 0..100').default(5),
});

export const settingsSchema = z.strictObject({
  /** Cruise altitude layers, metres above ground; the planner assigns trips to layers. */
  cruiseAltitudesM: z
    .array(z.number().positive('must be > 0 m').max(500, 'must be at most 500 m'))
    .min(1, 'needs at least one cruise altitude')
    .default([60, 75, 90, 105]),
  /** Vertical clearance above buildings; a building taller than cruise minus clearance is flown around. */
  clearanceM: z.number().min(0, 'must be >= 0 m').default(20),
  /** Horizontal buffer kept around no-fly zones and tall buildings. */
  safetyMarginM: z.number().min(0, 'must be >= 0 m').default(30),
  reserve: reservePolicySchema.default({ minPercent: 20, hoverMinutes: 2, alternateRequired: false, contingencyPercent: 5 }),
  separation: z
    .strictObject({
      horizontalM: z.number().min(0, 'must be >= 0 m').default(50),
      verticalM: z.number().min(0, 'must be >= 0 m').default(10),
    })
    .default({ horizontalM: 50, verticalM: 10 }),
  /** Air density used by the energy model; 1.225 kg/m^3 is sea-level ISA. */
  airDensityKgM3: z.number().min(0.5, 'must be within 0.5..1.5').max(1.5, 'must be within 0.5..1.5').default(1.225),
  /** Radius around the origin inside which everything must lie (the metric frame's accurate area). */
  areaRadiusM: z.number().positive('must be > 0 m').max(50_000, 'must be at most 50 km').default(50_000),
});

/**
 * Injected faults for the simulator (what goes wrong on the day). Times are seconds after the mission
 * start. Drone ids are the fleet ids `<depotId>/<modelId>/<n>` (see fleet.ts).
 */
export const faultSchema = z.discriminatedUnion('kind', [
  /** The drone loses a motor at atS: it lands where it is (emergency landing) and is out of service. */
  z.strictObject({ kind: z.literal('motor-failure'), droneId: z.string().min(1), atS: z.number().min(0, 'must be >= 0 s') }),
  /** The depot refuses take-offs and landings from fromS until toS. */
  z.strictObject({
    kind: z.literal('depot-closed'),
    depotId: id,
    fromS: z.number().min(0, 'must be >= 0 s'),
    toS: z.number().min(0, 'must be >= 0 s'),
  }),
  /** The drone does not take off again from fromS on (a flight in progress ends normally). */
  z.strictObject({ kind: z.literal('grounded'), droneId: z.string().min(1), fromS: z.number().min(0, 'must be >= 0 s') }),
]);
export type Fault = z.infer<typeof faultSchema>;

export const missionSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION, { message: `must be ${CURRENT_SCHEMA_VERSION}` }),
  name: z.string().min(1, 'must not be empty'),
  description: z.string().optional(),
  /** Mission clock zero, ISO 8601 with offset; all mission times are seconds after it. */
  startTime: z.iso.datetime({ offset: true, message: 'must be an ISO date-time with offset' }),
  /** Length of the planning day in seconds. */
  horizonS: z.number().positive('must be > 0 s').max(7 * 86_400, 'must be at most 7 days').default(4 * 3600),
  /** Origin of the local metric frame: [lng, lat]. */
  origin: lngLatSchema,
  droneModels: z.array(droneModelSchema),
  depots: z.array(depotSchema),
  orders: z.array(orderSchema),
  /** How orders arrive over the day, for generating them; absent: the orders are all there is. */
  demand: demandSchema.optional(),
  noFlyZones: z.array(noFlyZoneSchema).default([]),
  buildings: z.array(buildingSchema).default([]),
  wind: windSchema.default({ speedMps: 0, fromDeg: 0, gustMps: 0 }),
  settings: settingsSchema.default(() => settingsSchema.parse({})),
  /** Faults the simulator injects; absent: none. */
  faults: z.array(faultSchema).optional(),
  /** The map context drawn under the mission (water, main roads, low buildings); absent: none. Not airspace. */
  context: mapContextSchema.optional(),
  /** Ground elevations (src/core/mission/terrain.ts); absent: flat ground at 0 m. Airspace, unlike the context. */
  terrain: terrainSchema.optional(),
});

export type Mission = z.infer<typeof missionSchema>;
/** What a mission file may contain before defaults are filled in. */
export type MissionInput = z.input<typeof missionSchema>;
export type Depot = Mission['depots'][number];
export type Order = Mission['orders'][number];
export type NoFlyZone = Mission['noFlyZones'][number];
export type Building = Mission['buildings'][number];
export type Wind = Mission['wind'];
export type Settings = Mission['settings'];
export type Polygon = z.infer<typeof polygonSchema>;
export type Circle = z.infer<typeof circleSchema>;
export type MapContext = z.infer<typeof mapContextSchema>;
export type ContextRoad = z.infer<typeof contextRoadSchema>;
export type ContextBuilding = z.infer<typeof contextBuildingSchema>;
