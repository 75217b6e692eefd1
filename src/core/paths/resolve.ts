/** Turns what a user or the planner names (a depot id, an order id, or [lng, lat]) into local metres. */
import type { LngLat, XY } from '../geo/frame';
import type { DropMethod } from '../mission/schema';
import type { Airspace } from './airspace';

export type ResolvedPlace =
  | {
      ok: true;
      xy: XY;
      lngLat: [number, number];
      kind: 'depot' | 'order' | 'point';
      id?: string;
      /** An order's drop method. */
      drop?: DropMethod;
    }
  | { ok: false; message: string };

/** A depot or order id, "lng,lat" text, or a [lng, lat] pair. */
export function resolvePlace(airspace: Airspace, ref: string | LngLat): ResolvedPlace {
  const { mission, frame } = airspace;
  if (typeof ref === 'string') {
    const depot = mission.depots.find((d) => d.id === ref);
    if (depot) return { ok: true, xy: frame.toLocal(depot.position), lngLat: [...depot.position], kind: 'depot', id: depot.id };
    const order = mission.orders.find((o) => o.id === ref);
    if (order) {
      return { ok: true, xy: frame.toLocal(order.position), lngLat: [...order.position], kind: 'order', id: order.id, drop: order.drop };
    }
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(ref);
    if (!m) return { ok: false, message: `"${ref}" is neither a depot id, an order id nor "lng,lat"` };
    return resolvePlace(airspace, [Number(m[1]), Number(m[2])]);
  }
  const [lng, lat] = ref;
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
    return { ok: false, message: `[${lng}, ${lat}] is not a longitude/latitude pair (lng within -180..180, lat within -90..90)` };
  }
  return { ok: true, xy: frame.toLocal(ref), lngLat: [lng, lat], kind: 'point' };
}
