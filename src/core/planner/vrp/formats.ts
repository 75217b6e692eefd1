/**
 * Readers for classic routing benchmark formats (text in, VrpProblem out; no file access here):
 * - TSPLIB / CVRPLIB `.vrp` (CVRP, EUC_2D rounded to nearest integer, TSPLIB nint),
 * - LKH-3 `.vrptw` (Solomon; FLOOR_2D with SCALE: distances truncated to 1/SCALE, times scaled alike),
 * - PyVRP's VRPLIB dialect (MTVRPTWR multi-trip with release times, MDVRPTW multi-depot),
 * plus LKH `.tour` and VRPLIB `.sol` solution files.
 *
 * Benchmark problems are returned in integer "cost units" (distance * scale) so sums are exact;
 * `scale` says how to convert back to the published numbers.
 */
import { benchmarkObjective, type VrpCustomer, type VrpProblem } from './problem';

export interface ParsedInstance {
  name: string;
  problem: VrpProblem;
  /** Published cost = solver cost / scale. */
  scale: number;
  /** Best-known cost if the file says (COMMENT "Optimal value: 784"), in published units. */
  bestKnown?: number;
  /** Fleet size named by the instance (VEHICLES), if any. */
  vehicles?: number;
}

export type ParseResult = { ok: true; value: ParsedInstance } | { ok: false; path: string; reason: string };

interface RawFile {
  keys: Map<string, string>;
  sections: Map<string, number[][]>;
}

/** Generic `KEY : value` header + `NAME_SECTION` rows of numbers reader. */
function readRaw(text: string): RawFile {
  const keys = new Map<string, string>();
  const sections = new Map<string, number[][]>();
  let current: number[][] | null = null;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line === 'EOF') continue;
    const sec = /^([A-Z_]+_SECTION)\b/.exec(line);
    if (sec) {
      current = [];
      sections.set(sec[1], current);
      continue;
    }
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv && !/^-?\d/.test(line)) {
      if (!keys.has(kv[1])) keys.set(kv[1], kv[2].trim());
      current = null;
      continue;
    }
    if (current) current.push(line.split(/\s+/).map(Number));
  }
  return { keys, sections };
}

const num = (raw: RawFile, key: string): number | undefined => {
  const v = raw.keys.get(key);
  return v === undefined ? undefined : Number(v);
};

/** TSPLIB nint: round half away from zero (distances are >= 0). */
const nint = (d: number) => Math.floor(d + 0.5);

function euclid(points: { x: number; y: number }[], round: (d: number) => number): Float64Array {
  const n = points.length;
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) m[i * n + j] = round(Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y));
  return m;
}

/** Truncation of d * scale to an integer, robust to sqrt rounding just below an exact value. */
const floorScaled = (scale: number) => (d: number) => Math.floor(d * scale + 1e-9);

/** Reorders node rows so depots come first; returns the old->new index map. */
function depotFirstOrder(count: number, depotIds: number[]): number[] {
  const isDepot = new Set(depotIds);
  const order = [...depotIds, ...Array.from({ length: count }, (_, i) => i).filter((i) => !isDepot.has(i))];
  return order;
}

/** CVRPLIB `.vrp` (Augerat etc.): one depot, EUC_2D with nint. Fleet = trucks named in the COMMENT. */
export function parseCvrplib(text: string): ParseResult {
  const raw = readRaw(text);
  const dim = num(raw, 'DIMENSION');
  const capacity = num(raw, 'CAPACITY');
  const coords = raw.sections.get('NODE_COORD_SECTION');
  const demands = raw.sections.get('DEMAND_SECTION');
  if (!dim || !Number.isFinite(dim)) return { ok: false, path: 'DIMENSION', reason: 'missing or not a number' };
  if (capacity === undefined || !Number.isFinite(capacity)) return { ok: false, path: 'CAPACITY', reason: 'missing or not a number' };
  if (!coords || coords.length !== dim) return { ok: false, path: 'NODE_COORD_SECTION', reason: `expected ${dim} rows` };
  if (!demands || demands.length !== dim) return { ok: false, path: 'DEMAND_SECTION', reason: `expected ${dim} rows` };
  const ewt = raw.keys.get('EDGE_WEIGHT_TYPE');
  if (ewt !== 'EUC_2D') return { ok: false, path: 'EDGE_WEIGHT_TYPE', reason: `unsupported ${ewt ?? '(none)'}` };
  const depotRows = (raw.sections.get('DEPOT_SECTION') ?? [[1]]).map((r) => r[0]).filter((x) => x > 0);
  const order = depotFirstOrder(dim, depotRows.map((d) => d - 1));
  const pts = order.map((i) => ({ x: coords[i][1], y: coords[i][2] }));
  const matrix = euclid(pts, nint);
  const depotCount = depotRows.length;
  const customers: VrpCustomer[] = order.slice(depotCount).map((i, k) => ({ ...pts[depotCount + k], demandKg: demands[i][1] }));
  const comment = raw.keys.get('COMMENT') ?? '';
  const opt = /(?:Optimal value|Best value)\s*:\s*(\d+(?:\.\d+)?)/i.exec(comment);
  const trucks = /No of trucks\s*:\s*(\d+)/i.exec(comment);
  const nc = customers.length;
  return {
    ok: true,
    value: {
      name: raw.keys.get('NAME') ?? 'cvrp',
      scale: 1,
      bestKnown: opt ? Number(opt[1]) : undefined,
      vehicles: trucks ? Number(trucks[1]) : undefined,
      problem: {
        depots: pts.slice(0, depotCount).map((p) => ({ ...p })),
        customers,
        vehicleTypes: [{ id: 'truck', capacityKg: capacity, distance: matrix, travelTimeS: matrix }],
        // Published optima are for the fleet named in the COMMENT ("No of trucks: 7"); else unlimited.
        fleets: Array.from({ length: depotCount }, (_, d) => ({ depot: d, vehicleType: 0, count: trucks ? Number(trucks[1]) : nc })),
        timeWindows: 'hard',
        objective: benchmarkObjective(),
      },
    },
  };
}

/**
 * LKH-3 `.vrptw` (Solomon). FLOOR_2D with SCALE s: distance = floor(s * euclid), and every time
 * (windows, service) multiplied by s, so times and distances share integer units. Fleet = VEHICLES.
 */
export function parseLkhVrptw(text: string): ParseResult {
  const raw = readRaw(text);
  const dim = num(raw, 'DIMENSION');
  const capacity = num(raw, 'CAPACITY');
  const vehicles = num(raw, 'VEHICLES');
  const service = num(raw, 'SERVICE_TIME') ?? 0;
  const ewt = raw.keys.get('EDGE_WEIGHT_TYPE');
  const scale = ewt === 'FLOOR_2D' ? num(raw, 'SCALE') ?? 1 : 1;
  if (!dim) return { ok: false, path: 'DIMENSION', reason: 'missing' };
  if (capacity === undefined) return { ok: false, path: 'CAPACITY', reason: 'missing' };
  if (!vehicles) return { ok: false, path: 'VEHICLES', reason: 'missing' };
  if (ewt !== 'FLOOR_2D' && ewt !== 'EXACT_2D') return { ok: false, path: 'EDGE_WEIGHT_TYPE', reason: `unsupported ${ewt ?? '(none)'}` };
  const coords = raw.sections.get('NODE_COORD_SECTION');
  const demands = raw.sections.get('DEMAND_SECTION');
  const windows = raw.sections.get('TIME_WINDOW_SECTION');
  if (!coords || coords.length !== dim) return { ok: false, path: 'NODE_COORD_SECTION', reason: `expected ${dim} rows` };
  if (!demands || demands.length !== dim) return { ok: false, path: 'DEMAND_SECTION', reason: `expected ${dim} rows` };
  if (!windows || windows.length !== dim) return { ok: false, path: 'TIME_WINDOW_SECTION', reason: `expected ${dim} rows` };
  const depotRows = (raw.sections.get('DEPOT_SECTION') ?? [[1]]).map((r) => r[0]).filter((x) => x > 0);
  const order = depotFirstOrder(dim, depotRows.map((d) => d - 1));
  const pts = order.map((i) => ({ x: coords[i][1], y: coords[i][2] }));
  const matrix = euclid(pts, ewt === 'FLOOR_2D' ? floorScaled(scale) : (d) => d);
  const dc = depotRows.length;
  const customers: VrpCustomer[] = order.slice(dc).map((i, k) => ({
    ...pts[dc + k],
    demandKg: demands[i][1],
    serviceS: service * scale,
    earliestS: windows[i][1] * scale,
    latestS: windows[i][2] * scale,
  }));
  return {
    ok: true,
    value: {
      name: raw.keys.get('NAME') ?? 'vrptw',
      scale,
      vehicles,
      problem: {
        depots: order.slice(0, dc).map((i, k) => ({ ...pts[k], openS: windows[i][1] * scale, closeS: windows[i][2] * scale })),
        customers,
        vehicleTypes: [{ id: 'truck', capacityKg: capacity, distance: matrix, travelTimeS: matrix }],
        fleets: [{ depot: 0, vehicleType: 0, count: vehicles }],
        timeWindows: 'hard',
        objective: benchmarkObjective(),
      },
    },
  };
}

/**
 * PyVRP's VRPLIB dialect (MTVRPTWR, MDVRPTW). `round` names the distance convention:
 * 'dimacs' = truncate to one decimal (scale 10), 'exact' = round(1000 * d) (scale 1000); times
 * are scaled alike. Multi-trip when VEHICLES_RELOAD_DEPOT_SECTION is present (unlimited trips,
 * zero reload time), per-vehicle depots from VEHICLES_DEPOT_SECTION, VEHICLES_MAX_DURATION.
 */
export function parseVrplib(text: string, round: 'dimacs' | 'exact'): ParseResult {
  const raw = readRaw(text);
  const dim = num(raw, 'DIMENSION');
  const capacity = num(raw, 'CAPACITY');
  const vehicles = num(raw, 'VEHICLES');
  if (!dim) return { ok: false, path: 'DIMENSION', reason: 'missing' };
  if (capacity === undefined) return { ok: false, path: 'CAPACITY', reason: 'missing' };
  if (!vehicles) return { ok: false, path: 'VEHICLES', reason: 'missing' };
  const scale = round === 'dimacs' ? 10 : 1000;
  const rounder = round === 'dimacs' ? floorScaled(10) : (d: number) => Math.round(d * 1000);
  const coords = raw.sections.get('NODE_COORD_SECTION');
  const demands = raw.sections.get('DEMAND_SECTION');
  const windows = raw.sections.get('TIME_WINDOW_SECTION');
  if (!coords || coords.length !== dim) return { ok: false, path: 'NODE_COORD_SECTION', reason: `expected ${dim} rows` };
  if (!demands || demands.length !== dim) return { ok: false, path: 'DEMAND_SECTION', reason: `expected ${dim} rows` };
  if (!windows || windows.length !== dim) return { ok: false, path: 'TIME_WINDOW_SECTION', reason: `expected ${dim} rows` };
  const services = raw.sections.get('SERVICE_TIME_SECTION');
  const globalService = num(raw, 'SERVICE_TIME') ?? 0;
  const releases = raw.sections.get('RELEASE_TIME_SECTION');
  const vehDepots = raw.sections.get('VEHICLES_DEPOT_SECTION');
  const multiTrip = raw.sections.has('VEHICLES_RELOAD_DEPOT_SECTION');
  const maxDuration = num(raw, 'VEHICLES_MAX_DURATION');
  const depotRows = (raw.sections.get('DEPOT_SECTION') ?? [[1]]).map((r) => r[0]).filter((x) => x > 0);
  // VRPLIB numbering here: depots are the lowest ids, listed in DEPOT_SECTION.
  const order = depotFirstOrder(dim, depotRows.map((d) => d - 1));
  const pts = order.map((i) => ({ x: coords[i][1], y: coords[i][2] }));
  const matrix = euclid(pts, rounder);
  const dc = depotRows.length;
  const customers: VrpCustomer[] = order.slice(dc).map((i, k) => ({
    ...pts[dc + k],
    demandKg: demands[i][1],
    serviceS: (services ? services[i][1] : globalService) * scale,
    earliestS: windows[i][1] * scale,
    latestS: windows[i][2] * scale,
    releaseS: releases ? releases[i][1] * scale : 0,
  }));
  const depotIndex = new Map(depotRows.map((d, k) => [d, k]));
  const perDepot = new Array<number>(dc).fill(0);
  if (vehDepots) for (const r of vehDepots) perDepot[depotIndex.get(r[1]) ?? 0]++;
  else perDepot[0] = vehicles;
  return {
    ok: true,
    value: {
      name: raw.keys.get('NAME') ?? 'vrplib',
      scale,
      vehicles,
      problem: {
        depots: order.slice(0, dc).map((i, k) => ({ ...pts[k], openS: windows[i][1] * scale, closeS: windows[i][2] * scale })),
        customers,
        vehicleTypes: [
          {
            id: 'vehicle',
            capacityKg: capacity,
            distance: matrix,
            travelTimeS: matrix,
            maxTrips: multiTrip ? 1 << 20 : 1,
            maxRouteDurationS: maxDuration !== undefined ? maxDuration * scale : undefined,
          },
        ],
        fleets: perDepot.map((count, depot) => ({ depot, vehicleType: 0, count })).filter((f) => f.count > 0),
        timeWindows: 'hard',
        objective: benchmarkObjective(),
      },
    },
  };
}

/** LKH `.tour`: node ids (1-based) until -1; ids above `dimension` are depot copies. */
export function parseTour(text: string): number[] {
  const out: number[] = [];
  let inTour = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === 'TOUR_SECTION') {
      inTour = true;
      continue;
    }
    if (!inTour) continue;
    const v = Number(line);
    if (v === -1 || line === 'EOF') break;
    out.push(v);
  }
  return out;
}

/**
 * Splits an LKH tour into routes of customer node indices in the solver's numbering (depot first,
 * one depot at file id 1): every id 1 or > dimension starts a new route.
 */
export function tourToRoutes(tour: number[], dimension: number): number[][] {
  const routes: number[][] = [];
  let cur: number[] = [];
  for (const id of tour) {
    if (id === 1 || id > dimension) {
      if (cur.length) routes.push(cur);
      cur = [];
    } else cur.push(id - 1);
  }
  if (cur.length) routes.push(cur);
  return routes;
}

/** VRPLIB `.sol`: routes (ids as written: 0 = depot/reload in PyVRP numbering) and the Cost line. */
export function parseSol(text: string): { routes: number[][]; cost?: number } {
  const routes: number[][] = [];
  let cost: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const r = /^Route\s*#\d+\s*:(.*)$/.exec(line.trim());
    if (r) routes.push(r[1].trim() ? r[1].trim().split(/\s+/).map(Number) : []);
    const c = /^Cost\s*:?\s*([\d.]+)/i.exec(line.trim());
    if (c) cost = Number(c[1]);
  }
  return { routes, cost };
}
