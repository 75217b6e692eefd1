/**
 * The map of a scenario in the report: depots with their reach (src/core/energy reachRing for the
 * depot's main drone model, the median parcel and the forecast wind), the orders and the no-fly
 * zones, all in the mission's local metric frame (east/north metres, rounded to 1 m).
 */
import { reachRing } from '../energy/reach';
import { createFrame } from '../geo/frame';
import { shapeRings } from '../geo/shapes';
import type { Mission } from '../mission/schema';
import { fleetSize } from './overrides';

export type Pt = [x: number, y: number];

export interface ReachMapDepot {
  id: string;
  name: string;
  at: Pt;
  drones: number;
  modelId: string | null;
  /** Closed reach ring, or null (no drones, or the model cannot fly: see reachNote). */
  ring: Pt[] | null;
  reachNote?: string;
  /** Mean reach radius over bearings, m. */
  meanReachM: number;
}

export interface ReachMap {
  /** Parcel mass the rings are drawn for (the median order), kg. */
  payloadKg: number;
  depots: ReachMapDepot[];
  orders: Pt[];
  /** Outer ring and holes (permitted airspace inside the zone; absent in maps made before holes were drawn). */
  zones: { id: string; ring: Pt[]; holes?: Pt[][] }[];
  /** What the map shows: depots and orders with a margin, m. */
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

const pt = (p: { x: number; y: number }): Pt => [Math.round(p.x), Math.round(p.y)];

export function buildReachMap(m: Mission): ReachMap {
  const frame = createFrame(m.origin);
  const parcels = m.orders.map((o) => o.parcelKg).sort((a, b) => a - b);
  const payloadKg = parcels.length ? parcels[Math.floor((parcels.length - 1) / 2)] : 0;
  const models = new Map(m.droneModels.map((d) => [d.id, d]));
  const depots: ReachMapDepot[] = m.depots.map((d) => {
    const at = frame.toLocal(d.position);
    const main = [...d.fleet].filter((f) => f.count > 0).sort((a, b) => b.count - a.count)[0];
    const model = main ? models.get(main.modelId) : undefined;
    const base = { id: d.id, name: d.name, at: pt(at), drones: fleetSize(d), modelId: main?.modelId ?? null };
    if (!model) return { ...base, ring: null, meanReachM: 0 };
    const ring = reachRing(model, at, {
      payloadKg: Math.min(payloadKg, model.maxPayloadKg),
      wind: m.wind,
      airDensityKgM3: m.settings.airDensityKgM3,
      reserve: m.settings.reserve,
      cruiseAltitudeM: m.settings.cruiseAltitudesM[0],
      bearings: 48,
    });
    if (!ring.ok) return { ...base, ring: null, reachNote: ring.reason, meanReachM: 0 };
    const meanReachM = Math.round(ring.radiiM.reduce((s, r) => s + r, 0) / Math.max(1, ring.radiiM.length));
    return { ...base, ring: ring.points.map(pt), meanReachM };
  });
  const orders = m.orders.map((o) => pt(frame.toLocal(o.position)));
  const zones = m.noFlyZones.map((z) => {
    const [outer, ...holes] = shapeRings(z.shape, frame);
    return { id: z.id, ring: outer.map(pt), holes: holes.map((h) => h.map(pt)) };
  });
  const xs = [...depots.map((d) => d.at[0]), ...orders.map((o) => o[0])];
  const ys = [...depots.map((d) => d.at[1]), ...orders.map((o) => o[1])];
  const minX = xs.length ? Math.min(...xs) : -1000;
  const maxX = xs.length ? Math.max(...xs) : 1000;
  const minY = ys.length ? Math.min(...ys) : -1000;
  const maxY = ys.length ? Math.max(...ys) : 1000;
  const extent = Math.max(maxX - minX, maxY - minY, 1000);
  const margin = Math.max(500, 0.08 * extent);
  // Show the rings too, but never zoom out so far that the orders bunch up in the middle.
  const cap = 0.6 * extent;
  let [bx0, by0, bx1, by1] = [minX - margin, minY - margin, maxX + margin, maxY + margin];
  for (const d of depots) {
    for (const [x, y] of d.ring ?? []) {
      bx0 = Math.max(minX - cap, Math.min(bx0, x));
      bx1 = Math.min(maxX + cap, Math.max(bx1, x));
      by0 = Math.max(minY - cap, Math.min(by0, y));
      by1 = Math.min(maxY + cap, Math.max(by1, y));
    }
  }
  return { payloadKg, depots, orders, zones, bounds: { minX: bx0, minY: by0, maxX: bx1, maxY: by1 } };
}
