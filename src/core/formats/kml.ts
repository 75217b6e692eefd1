/**
 * KML (Google Earth, QGIS, GDAL, Cesium) of a simulated day: one gx:Track per drone with <when> time
 * stamps and <gx:coord> positions (altitude relative to the ground, KML's own `relativeToGround`, which is
 * what the trace stores), the state of charge as gx:SimpleArrayData; one plain LineString per trip (with
 * its TimeSpan) for readers without the gx extension (GDAL's KML driver, which drops gx:Track); depots and
 * no-fly zones as placemarks.
 *
 * Element order follows the OGC KML 2.2 schema (ogckml22.xsd): in a Document, the feature's own elements
 * (name, ..., styleUrl, the Style selectors, ExtendedData) come first, then the Schema elements, then the
 * child features (Folders, Placemarks). Every `id` is an xs:ID and unique in the file: styles are
 * `style-*`, drone tracks `track-*`, trip lines `trip-*`.
 */
import type { Mission } from '../mission/schema';
import { missionTerrain } from '../terrain/model';
import { circleRing } from './geojson';
import { type TraceLike, type TrackLike, droneColour, isoAtSecond } from './tracks';
import { decimal } from './numbers';
import { escapeXml } from './xmlText';

export const KML_NS = 'http://www.opengis.net/kml/2.2';
export const GX_NS = 'http://www.google.com/kml/ext/2.2';

/** User strings in the KML: XML 1.0's forbidden characters replaced, markup escaped (see xmlText.ts). */
export { escapeXml };

/** KML colours are aabbggrr hex. */
function kmlColour([r, g, b]: [number, number, number], alpha: number): string {
  const h = (v: number) => v.toString(16).padStart(2, '0');
  return `${h(alpha)}${h(b)}${h(g)}${h(r)}`;
}

/** Altitudes below this are on the ground (a trip ends where the drone is back on the ground). */
const GROUND_M = 0.5;

/**
 * A drone's trips as sample index ranges [first, last]: the trace's own trips when it lists them
 * (SimTrace.trips), else every flight from leaving the ground to being back on it.
 */
export function tripRanges(
  track: Pick<TrackLike, 'droneId' | 'tS' | 'altM'>,
  trips?: TraceLike['trips'],
): { tripId: string; first: number; last: number }[] {
  const { tS, altM } = track;
  const n = tS.length;
  // A trace read from a file may carry anything there: only well-formed trips count.
  const own = (Array.isArray(trips) ? trips : []).filter(
    (t) => t?.droneId === track.droneId && typeof t.tripId === 'string' && Number.isFinite(t.departS) && Number.isFinite(t.endS),
  );
  if (own.length > 0) {
    return own
      .map((t) => {
        let first = 0;
        while (first < n && tS[first] < t.departS - 1e-6) first++;
        let last = first;
        while (last + 1 < n && tS[last + 1] <= t.endS + 1e-6) last++;
        return { tripId: t.tripId, first, last };
      })
      .filter((r) => r.first < n && r.last > r.first);
  }
  const out: { tripId: string; first: number; last: number }[] = [];
  let k = 0;
  while (k < n) {
    while (k < n && altM[k] < GROUND_M) k++;
    if (k >= n) break;
    const first = Math.max(0, k - 1);
    while (k < n && altM[k] >= GROUND_M) k++;
    const last = Math.min(n - 1, k);
    if (last > first) out.push({ tripId: `flight-${out.length + 1}`, first, last });
    k = last + 1;
  }
  return out;
}

export function traceToKml(trace: TraceLike, mission?: Mission): string {
  const out: string[] = [];
  const add = (s: string) => out.push(s);
  add('<?xml version="1.0" encoding="UTF-8"?>');
  add(`<kml xmlns="${KML_NS}" xmlns:gx="${GX_NS}">`);
  add('<Document>');
  // Feature elements first (name, then the style selectors), then Schema, then the child features.
  add(`<name>${escapeXml(trace.missionName ?? 'Skyhaul trace')}</name>`);
  add('<Style id="style-depot"><IconStyle><color>ffbf5f1f</color><scale>1.1</scale></IconStyle></Style>');
  add('<Style id="style-zone"><LineStyle><color>c82828dc</color><width>2</width></LineStyle><PolyStyle><color>462828dc</color></PolyStyle></Style>');
  const flying = trace.drones.filter((d) => d.tS.length > 0);
  flying.forEach((_, i) => {
    const c = droneColour(i);
    add(`<Style id="style-drone-${i}"><IconStyle><color>${kmlColour(c, 255)}</color></IconStyle><LineStyle><color>${kmlColour(c, 220)}</color><width>2</width></LineStyle></Style>`);
  });
  add('<Schema id="skyhaul-track" name="skyhaul-track">');
  add('<gx:SimpleArrayField name="soc" type="float"><displayName>State of charge (0..1)</displayName></gx:SimpleArrayField>');
  add('</Schema>');

  if (mission && mission.depots.length > 0) {
    add('<Folder><name>Depots</name>');
    for (const d of mission.depots) {
      add(`<Placemark><name>${escapeXml(d.name)}</name><styleUrl>#style-depot</styleUrl>`);
      add(`<Point><coordinates>${decimal(d.position[0])},${decimal(d.position[1])},0</coordinates></Point></Placemark>`);
    }
    add('</Folder>');
  }
  if (mission && mission.noFlyZones.length > 0) {
    add('<Folder><name>No-fly zones</name>');
    for (const z of mission.noFlyZones) {
      const rings = z.shape.type === 'Circle' ? [circleRing(z.shape)] : z.shape.coordinates;
      const coords = (ring: readonly (readonly number[])[]) => ring.map((p) => `${decimal(p[0])},${decimal(p[1])},0`).join(' ');
      add(`<Placemark><name>${escapeXml(z.name)}</name><styleUrl>#style-zone</styleUrl>`);
      add(`<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(rings[0])}</coordinates></LinearRing></outerBoundaryIs>`);
      for (const hole of rings.slice(1)) add(`<innerBoundaryIs><LinearRing><coordinates>${coords(hole)}</coordinates></LinearRing></innerBoundaryIs>`);
      add('</Polygon></Placemark>');
    }
    add('</Folder>');
  }

  // Parsed once: a trace has hundreds of thousands of samples.
  const startMs = Date.parse(trace.startTime);
  // Over terrain the trace's heights are above the mission datum: written above sea level instead.
  const datumM = mission ? missionTerrain(mission)?.datumM : undefined;
  const altMode = datumM === undefined ? 'relativeToGround' : 'absolute';
  const alt = (h: number) => decimal(datumM === undefined ? h : h + datumM);
  add('<Folder><name>Drones</name>');
  flying.forEach((track, i) => {
    add(`<Placemark id="track-${i}"><name>${escapeXml(track.droneId)}</name><styleUrl>#style-drone-${i}</styleUrl>`);
    add('<gx:Track>');
    add(`<altitudeMode>${altMode}</altitudeMode>`);
    for (const t of track.tS) add(`<when>${new Date(Math.round(startMs + t * 1000)).toISOString()}</when>`);
    for (let k = 0; k < track.tS.length; k++) add(`<gx:coord>${decimal(track.lng[k])} ${decimal(track.lat[k])} ${alt(track.altM[k])}</gx:coord>`);
    add('<ExtendedData><SchemaData schemaUrl="#skyhaul-track"><gx:SimpleArrayData name="soc">');
    for (const s of track.soc) add(`<gx:value>${decimal(s)}</gx:value>`);
    add('</gx:SimpleArrayData></SchemaData></ExtendedData>');
    add('</gx:Track></Placemark>');
  });
  add('</Folder>');

  // The same flights as plain LineStrings, one per trip: what readers without gx:Track still show.
  add('<Folder><name>Trips (lines)</name>');
  flying.forEach((track, i) => {
    tripRanges(track, trace.trips).forEach((r, k) => {
      const coords: string[] = [];
      for (let s = r.first; s <= r.last; s++) coords.push(`${decimal(track.lng[s])},${decimal(track.lat[s])},${alt(track.altM[s])}`);
      add(`<Placemark id="trip-${i}-${k + 1}"><name>${escapeXml(`${track.droneId} ${r.tripId}`)}</name>`);
      add(`<TimeSpan><begin>${isoAtSecond(trace.startTime, track.tS[r.first])}</begin><end>${isoAtSecond(trace.startTime, track.tS[r.last])}</end></TimeSpan>`);
      add(`<styleUrl>#style-drone-${i}</styleUrl>`);
      add('<ExtendedData>');
      add(`<Data name="droneId"><value>${escapeXml(track.droneId)}</value></Data>`);
      add(`<Data name="tripId"><value>${escapeXml(r.tripId)}</value></Data>`);
      add('</ExtendedData>');
      add(`<LineString><altitudeMode>${altMode}</altitudeMode><coordinates>${coords.join(' ')}</coordinates></LineString>`);
      add('</Placemark>');
    });
  });
  add('</Folder>');
  add('</Document>');
  add('</kml>');
  return `${out.join('\n')}\n`;
}
