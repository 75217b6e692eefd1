/**
 * The whole mission and (optionally) its plan as one GeoJSON FeatureCollection (RFC 7946), for QGIS,
 * geojson.io and friends: depots and drop points (Points), no-fly zones and buildings (Polygons, circles
 * as polygons), and one route per trip (LineString with the altitude as third coordinate).
 *
 * RFC 7946 rules kept: positions are [lng, lat(, alt)], rings are closed, outer rings counter-clockwise
 * and holes clockwise (right-hand rule), no foreign members at the top level beyond `features`.
 * Every feature has `properties.kind` so the file can be re-imported by kind.
 */
import type { Circle, Mission, NoFlyZone, Polygon } from '../mission/schema';
import type { Plan } from '../planner/plan';
import { toMissionSeconds } from '../mission/time';
import { isoAtSecond as toIsoTime } from './tracks';
import { createFrame } from '../geo/frame';

export type Position = number[];
export interface GeoJsonGeometry {
  type: 'Point' | 'LineString' | 'Polygon';
  coordinates: Position | Position[] | Position[][];
}
export interface GeoJsonFeature {
  type: 'Feature';
  id?: string;
  geometry: GeoJsonGeometry;
  properties: Record<string, unknown>;
}
export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
}

/** Feature kinds written in `properties.kind`. */
export const FEATURE_KIND = {
  depot: 'depot',
  drop: 'drop-point',
  zone: 'no-fly-zone',
  building: 'building',
  route: 'route',
} as const;

/** Sides of the polygon drawn for a circular zone (the exact circle is in its properties). */
export const GEOJSON_CIRCLE_SIDES = 64;

export function missionToGeoJson(mission: Mission, plan?: Plan): GeoJsonFeatureCollection {
  const t = (v: string | number) => toIsoTime(mission.startTime, toMissionSeconds(mission.startTime, v));
  const features: GeoJsonFeature[] = [];

  for (const d of mission.depots) {
    features.push({
      type: 'Feature',
      id: `depot:${d.id}`,
      geometry: { type: 'Point', coordinates: [d.position[0], d.position[1]] },
      properties: {
        kind: FEATURE_KIND.depot,
        id: d.id,
        name: d.name,
        drones: d.fleet.reduce((n, f) => n + f.count, 0),
        fleet: d.fleet.map((f) => `${f.count} x ${f.modelId}`).join(', '),
        charging: d.charging.kind,
      },
    });
  }
  for (const o of mission.orders) {
    features.push({
      type: 'Feature',
      id: `drop:${o.id}`,
      geometry: { type: 'Point', coordinates: [o.position[0], o.position[1]] },
      properties: {
        kind: FEATURE_KIND.drop,
        id: o.id,
        parcelKg: o.parcelKg,
        priority: o.priority,
        drop: o.drop,
        windowEarliest: t(o.window.earliest),
        windowLatest: t(o.window.latest),
      },
    });
  }
  for (const z of mission.noFlyZones) features.push(zoneFeature(mission, z));
  for (const b of mission.buildings) {
    features.push({
      type: 'Feature',
      id: `building:${b.id}`,
      geometry: { type: 'Polygon', coordinates: rfc7946Rings(b.footprint) },
      // `height` is what QGIS 2.5D / many web viewers extrude by; `heightM` is Skyhaul's own name.
      properties: { kind: FEATURE_KIND.building, id: b.id, name: b.name ?? b.id, heightM: b.heightM, height: b.heightM },
    });
  }
  for (const drone of plan?.drones ?? []) {
    for (const trip of drone.trips) {
      const coords: Position[] = [];
      const times: number[] = [];
      for (const leg of trip.legs) {
        for (const w of leg.waypoints) {
          const prev = coords[coords.length - 1];
          // Legs meet at a stop: keep the junction once.
          if (prev && prev[0] === w[0] && prev[1] === w[1] && prev[2] === w[2] && times[times.length - 1] === w[3]) continue;
          coords.push([w[0], w[1], w[2]]);
          times.push(w[3]);
        }
      }
      features.push({
        type: 'Feature',
        id: `route:${drone.droneId}:${trip.tripId}`,
        geometry: { type: 'LineString', coordinates: coords },
        properties: {
          kind: FEATURE_KIND.route,
          droneId: drone.droneId,
          tripId: trip.tripId,
          modelId: drone.modelId,
          depotId: trip.depotId,
          landDepotId: trip.landDepotId,
          orderIds: trip.orderIds,
          departTime: toIsoTime(mission.startTime, trip.departS),
          landTime: toIsoTime(mission.startTime, trip.landS),
          // The third coordinate is metres above the take-off ground, not above the ellipsoid.
          altitudeReference: 'above-takeoff-ground',
          /** Seconds after the mission start of each coordinate (RFC 7946 positions stop at 3 values). */
          timesS: times,
          missionStart: mission.startTime,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

export function geoJsonText(fc: GeoJsonFeatureCollection): string {
  return `${JSON.stringify(fc, null, 1)}\n`;
}

function zoneFeature(mission: Mission, z: NoFlyZone): GeoJsonFeature {
  const props: Record<string, unknown> = {
    kind: FEATURE_KIND.zone,
    id: z.id,
    name: z.name,
    floorM: z.floorM ?? 0,
    ceilingM: z.ceilingM ?? null,
  };
  if (z.active) {
    props.activeFrom = toIsoTime(mission.startTime, toMissionSeconds(mission.startTime, z.active.earliest));
    props.activeTo = toIsoTime(mission.startTime, toMissionSeconds(mission.startTime, z.active.latest));
  }
  if (z.shape.type === 'Circle') {
    // The polygon is for display; the exact circle rides along so an import restores it.
    props.shape = 'Circle';
    props.center = [z.shape.center[0], z.shape.center[1]];
    props.radiusM = z.shape.radiusM;
  }
  const rings = z.shape.type === 'Circle' ? [circleRing(z.shape)] : rfc7946Rings(z.shape);
  return { type: 'Feature', id: `zone:${z.id}`, geometry: { type: 'Polygon', coordinates: rings }, properties: props };
}

/** A circle as a closed counter-clockwise ring of points on it (geodesic radius via the metric frame). */
export function circleRing(c: Circle, sides = GEOJSON_CIRCLE_SIDES): Position[] {
  const frame = createFrame(c.center);
  const ring: Position[] = [];
  for (let i = 0; i < sides; i++) {
    const a = (2 * Math.PI * i) / sides;
    const [lng, lat] = frame.toLngLat({ x: c.radiusM * Math.cos(a), y: c.radiusM * Math.sin(a) });
    ring.push([lng, lat]);
  }
  ring.push([...ring[0]]);
  return ring;
}

/** Polygon rings with RFC 7946 winding: outer counter-clockwise, holes clockwise. */
export function rfc7946Rings(p: Polygon): Position[][] {
  return p.coordinates.map((ring, i) => {
    const copy = ring.map((q) => [q[0], q[1]]);
    const ccw = ringSignedArea(copy) > 0;
    return (i === 0) === ccw ? copy : copy.reverse();
  });
}

/** Planar signed area in degrees^2 (shoelace over lng/lat), positive counter-clockwise. */
export function ringSignedArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return a / 2;
}
