/** A leg as GeoJSON: a LineString whose positions carry the altitude (metres above ground) third. */
import type { FlightLeg } from './leg';

export interface LegFeature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: [number, number, number][] };
  properties: {
    lengthM: number;
    horizontalLengthM: number;
    durationS: number;
    energyWh: number;
    altitudeM: number;
    departS: number;
    arriveS: number;
    /** Per position: seconds since departure and energy used so far. */
    timesS: number[];
    energiesWh: number[];
    avoidedIds: string[];
  };
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

export function legToGeoJson(leg: FlightLeg): LegFeature {
  return {
    type: 'Feature',
    geometry: {
      type: 'LineString',
      coordinates: leg.waypoints.map((w) => [round(w.lng, 7), round(w.lat, 7), round(w.altM, 2)]),
    },
    properties: {
      lengthM: round(leg.lengthM, 2),
      horizontalLengthM: round(leg.horizontalLengthM, 2),
      durationS: round(leg.durationS, 2),
      energyWh: round(leg.energyWh, 3),
      altitudeM: leg.altitudeM,
      departS: leg.departS,
      arriveS: round(leg.arriveS, 2),
      timesS: leg.waypoints.map((w) => round(w.tS, 2)),
      energiesWh: leg.waypoints.map((w) => round(w.energyWh, 3)),
      avoidedIds: leg.avoidedIds,
    },
  };
}
