/**
 * Local metric frame: east/north metres around a mission origin.
 *
 * Spherical azimuthal equidistant projection on turf's earth radius. Distance and bearing from the
 * origin are exact on the sphere turf measures on, and distances between any two points within 50 km
 * are distorted by less than (d/R)^2/6 ~ 1e-5, far inside the 0.1 % the planner needs.
 * Plain arithmetic (no GeoJSON objects) because path finding and simulation call this in hot loops.
 */
import { earthRadius } from '@turf/helpers';

export type LngLat = readonly [lng: number, lat: number];
/** East and north metres from the frame origin. */
export interface XY {
  x: number;
  y: number;
}

const DEG = Math.PI / 180;

export interface MetricFrame {
  readonly origin: LngLat;
  toLocal(p: LngLat): XY;
  toLngLat(p: XY): [number, number];
}

export function createFrame(origin: LngLat): MetricFrame {
  const lng0 = origin[0] * DEG;
  const lat0 = origin[1] * DEG;
  const sinLat0 = Math.sin(lat0);
  const cosLat0 = Math.cos(lat0);
  const R = earthRadius;

  function toLocal(p: LngLat): XY {
    const lat = p[1] * DEG;
    const dLng = p[0] * DEG - lng0;
    const sinLat = Math.sin(lat);
    const cosLat = Math.cos(lat);
    const cosDLng = Math.cos(dLng);
    const cosC = Math.min(1, Math.max(-1, sinLat0 * sinLat + cosLat0 * cosLat * cosDLng));
    const c = Math.acos(cosC);
    // k = c / sin(c), the azimuthal-equidistant scale; -> 1 at the origin.
    const k = c < 1e-12 ? 1 : c / Math.sin(c);
    return {
      x: R * k * cosLat * Math.sin(dLng),
      y: R * k * (cosLat0 * sinLat - sinLat0 * cosLat * cosDLng),
    };
  }

  function toLngLat(p: XY): [number, number] {
    const rho = Math.hypot(p.x, p.y);
    if (rho < 1e-9) return [origin[0], origin[1]];
    const c = rho / R;
    const sinC = Math.sin(c);
    const cosC = Math.cos(c);
    const lat = Math.asin(cosC * sinLat0 + (p.y * sinC * cosLat0) / rho);
    const lng = lng0 + Math.atan2(p.x * sinC, rho * cosLat0 * cosC - p.y * sinLat0 * sinC);
    return [normalizeLng(lng / DEG), lat / DEG];
  }

  return { origin, toLocal, toLngLat };
}

function normalizeLng(lng: number): number {
  return ((((lng + 180) % 360) + 360) % 360) - 180;
}

/** Distance in metres between two local points. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}
