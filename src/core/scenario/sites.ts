/**
 * Drawing places and parcels for generated orders: shared by the seeded day (generateDay.ts) and the
 * demand model (dispatch/demand.ts), so both put drops where the planner can fly them.
 */
import type { MetricFrame, XY } from '../geo/frame';
import { distanceToRing, pointInShape, shapeRings } from '../geo/shapes';
import { SHORE_MARGIN_M, missionWater } from '../context';
import { flyabilityChecks } from '../mission/load';
import type { Depot, Mission, Order } from '../mission/schema';
import { createRng, type Rng } from '../random';

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** [lng, lat] to 1e-6 degrees (~0.1 m): what the bundled missions store. */
export function roundLngLat(p: [number, number]): [number, number] {
  return [round6(p[0]), round6(p[1])];
}

/** Separate, reproducible random streams per purpose: one purpose's draws never shift another's. */
export function stream(seed: number, salt: number): Rng {
  return createRng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(salt, 0x85ebca6b)) >>> 0);
}

export type SiteKind = 'store' | 'order';
export type SiteCheck = (p: XY, lngLat: [number, number], kind: SiteKind) => boolean;

/**
 * Whether a point may hold a store or a drop: the loader's own flyability checks (a probe mission
 * with the point as its only depot or order), then margins the loader does not check but the
 * planner would refuse (any zone, time-limited ones too, and buildings, with the safety margin),
 * and the mission area. Where the base's map context knows the water, the point is on land and at
 * least SHORE_MARGIN_M from the shore (a coastline is known to some metres only). The base needs a
 * depot and a drone model (the probe copies them).
 */
export function siteChecker(base: Mission, frame: MetricFrame): SiteCheck {
  // [outer, ...holes] as the planner sees them: a zone's hole is free (with the margin from its
  // edges), a building is its whole footprint.
  const obstacles = [
    ...base.noFlyZones.map((z) => shapeRings(z.shape, frame)),
    ...base.buildings.map((b) => shapeRings(b.footprint, frame).slice(0, 1)),
  ];
  const probeDepot: Depot = { ...base.depots[0], id: 'probe-depot', position: [0, 0], fleet: [{ modelId: base.droneModels[0].id, count: 1 }] };
  const probeOrder: Order = { id: 'probe-order', position: [0, 0], parcelKg: 0.1, window: { earliest: 0, latest: 1 }, priority: 1, drop: 'winch' };
  const probe: Mission = { ...base, depots: [probeDepot], orders: [probeOrder], faults: undefined };
  const areaM = base.settings.areaRadiusM;
  const water = missionWater(base);

  return (p, lngLat, kind) => {
    if (Math.hypot(p.x, p.y) > areaM - 100) return false;
    const margin = base.settings.safetyMarginM + (kind === 'store' ? 100 : 20);
    for (const rings of obstacles) if (pointInShape(p, rings) || rings.some((ring) => distanceToRing(p, ring) < margin)) return false;
    if (water && (water.isWater(lngLat) || water.distanceToShoreM(lngLat, SHORE_MARGIN_M[kind]) < SHORE_MARGIN_M[kind])) return false;
    if (kind === 'store') probeDepot.position = lngLat;
    else probeOrder.position = lngLat;
    const path = kind === 'store' ? 'depots[0].position' : 'orders[0].position';
    return !flyabilityChecks(probe).some((c) => c.path === path);
  };
}

/** A drop uniform in the disc of `maxR` around `store`, redrawn until `site` accepts it. */
export function drawOrderPoint(store: XY, maxR: number, frame: MetricFrame, site: SiteCheck, rng: Rng): [number, number] {
  for (let attempt = 0; ; attempt++) {
    if (attempt > 10_000) throw new Error(`no usable drop point within ${maxR} m of a store at (${Math.round(store.x)}, ${Math.round(store.y)}) m (is it walled in by zones?)`);
    const r = maxR * Math.sqrt(rng.next());
    const a = rng.range(0, 2 * Math.PI);
    const lngLat = roundLngLat(frame.toLngLat({ x: store.x + r * Math.cos(a), y: store.y + r * Math.sin(a) }));
    const q = frame.toLocal(lngLat);
    // Rounding to 1e-6 degrees moves a point by up to ~0.1 m: keep the promise "within maxR".
    if (Math.hypot(q.x - store.x, q.y - store.y) > maxR - 1) continue;
    if (site(q, lngLat, 'order')) return lngLat;
  }
}

/**
 * Log-normal parcel mass (grocery parcels: median 1 kg, sigma 0.5 by default), redrawn above the
 * payload limit, to 0.1 kg.
 */
export function drawParcelKg(rng: Rng, maxPayloadKg: number, medianKg = 1, sigma = 0.5): number {
  const cap = Math.max(0.1, Math.floor(maxPayloadKg * 10) / 10);
  for (let i = 0; i < 100; i++) {
    const kg = Math.round(medianKg * Math.exp(sigma * rng.normal()) * 10) / 10;
    if (kg >= 0.1 && kg <= cap) return kg;
  }
  // A median far above the cap (or far below 0.1 kg) would never land inside: take the nearest bound.
  return Math.min(cap, Math.max(0.1, Math.round(medianKg * 10) / 10));
}
