/**
 * The map's measuring tool: distance and bearing of each segment of a polyline of [lng, lat] points.
 * Distances are taken in the mission's metric frame (the frame every planner distance uses); bearings
 * are true (from the geographic north at the segment's start, on the sphere), not the frame's grid north.
 */
import type { LngLat, MetricFrame } from './frame';

export interface MeasuredSegment {
  from: LngLat;
  to: LngLat;
  distanceM: number;
  /** Initial bearing, degrees clockwise from true north, in [0, 360). */
  bearingDeg: number;
}

export interface Measurement {
  segments: MeasuredSegment[];
  totalM: number;
}

const DEG = Math.PI / 180;

/** Initial great-circle bearing from a to b, degrees true in [0, 360). */
export function trueBearingDeg(a: LngLat, b: LngLat): number {
  const f1 = a[1] * DEG;
  const f2 = b[1] * DEG;
  const dl = (b[0] - a[0]) * DEG;
  const y = Math.sin(dl) * Math.cos(f2);
  const x = Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl);
  const deg = Math.atan2(y, x) / DEG;
  return ((deg % 360) + 360) % 360;
}

export function measure(points: readonly LngLat[], frame: MetricFrame): Measurement {
  const segments: MeasuredSegment[] = [];
  let totalM = 0;
  for (let i = 1; i < points.length; i++) {
    const a = frame.toLocal(points[i - 1]);
    const b = frame.toLocal(points[i]);
    const distanceM = Math.hypot(b.x - a.x, b.y - a.y);
    totalM += distanceM;
    segments.push({ from: points[i - 1], to: points[i], distanceM, bearingDeg: trueBearingDeg(points[i - 1], points[i]) });
  }
  return { segments, totalM };
}

/** "850 m", "1.25 km", "12.3 km". */
export function formatDistance(m: number): string {
  if (m < 1000) return `${m < 10 ? m.toFixed(1) : Math.round(m)} m`;
  return m < 10_000 ? `${(m / 1000).toFixed(3)} km` : `${(m / 1000).toFixed(2)} km`;
}

/** "045.3°" style bearing. */
export function formatBearing(deg: number): string {
  const d = Math.round(deg * 10) / 10;
  return `${(d >= 360 ? 0 : d).toFixed(1).padStart(5, '0')}°`;
}
