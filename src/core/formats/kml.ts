/**
 * KML (Google Earth, QGIS, Cesium) of a simulated day: one gx:Track per drone with <when> time stamps and
 * <gx:coord> positions (altitude relative to the ground, KML's own `relativeToGround`, which is what the
 * trace stores), the state of charge as gx:SimpleArrayData, plus depots and no-fly zones as placemarks.
 */
import type { Mission } from '../mission/schema';
import { circleRing } from './geojson';
import { type TraceLike, droneColour } from './tracks';
import { decimal } from './numbers';

export const KML_NS = 'http://www.opengis.net/kml/2.2';
export const GX_NS = 'http://www.google.com/kml/ext/2.2';

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);
}

/** KML colours are aabbggrr hex. */
function kmlColour([r, g, b]: [number, number, number], alpha: number): string {
  const h = (v: number) => v.toString(16).padStart(2, '0');
  return `${h(alpha)}${h(b)}${h(g)}${h(r)}`;
}

export function traceToKml(trace: TraceLike, mission?: Mission): string {
  const out: string[] = [];
  const add = (s: string) => out.push(s);
  add('<?xml version="1.0" encoding="UTF-8"?>');
  add(`<kml xmlns="${KML_NS}" xmlns:gx="${GX_NS}">`);
  add('<Document>');
  add(`<name>${escapeXml(trace.missionName ?? 'Skyhaul trace')}</name>`);
  add('<Schema id="skyhaul-track" name="skyhaul-track">');
  add('<gx:SimpleArrayField name="soc" type="float"><displayName>State of charge (0..1)</displayName></gx:SimpleArrayField>');
  add('</Schema>');
  add('<Style id="depot"><IconStyle><color>ffbf5f1f</color><scale>1.1</scale></IconStyle></Style>');
  add('<Style id="zone"><LineStyle><color>c82828dc</color><width>2</width></LineStyle><PolyStyle><color>462828dc</color></PolyStyle></Style>');
  const flying = trace.drones.filter((d) => d.tS.length > 0);
  flying.forEach((_, i) => {
    const c = droneColour(i);
    add(`<Style id="drone-${i}"><IconStyle><color>${kmlColour(c, 255)}</color></IconStyle><LineStyle><color>${kmlColour(c, 220)}</color><width>2</width></LineStyle></Style>`);
  });

  if (mission && mission.depots.length > 0) {
    add('<Folder><name>Depots</name>');
    for (const d of mission.depots) {
      add(`<Placemark><name>${escapeXml(d.name)}</name><styleUrl>#depot</styleUrl>`);
      add(`<Point><coordinates>${decimal(d.position[0])},${decimal(d.position[1])},0</coordinates></Point></Placemark>`);
    }
    add('</Folder>');
  }
  if (mission && mission.noFlyZones.length > 0) {
    add('<Folder><name>No-fly zones</name>');
    for (const z of mission.noFlyZones) {
      const rings = z.shape.type === 'Circle' ? [circleRing(z.shape)] : z.shape.coordinates;
      const coords = (ring: readonly (readonly number[])[]) => ring.map((p) => `${decimal(p[0])},${decimal(p[1])},0`).join(' ');
      add(`<Placemark><name>${escapeXml(z.name)}</name><styleUrl>#zone</styleUrl>`);
      add(`<Polygon><outerBoundaryIs><LinearRing><coordinates>${coords(rings[0])}</coordinates></LinearRing></outerBoundaryIs>`);
      for (const hole of rings.slice(1)) add(`<innerBoundaryIs><LinearRing><coordinates>${coords(hole)}</coordinates></LinearRing></innerBoundaryIs>`);
      add('</Polygon></Placemark>');
    }
    add('</Folder>');
  }

  // Parsed once: a trace has hundreds of thousands of samples.
  const startMs = Date.parse(trace.startTime);
  add('<Folder><name>Drones</name>');
  flying.forEach((track, i) => {
    add(`<Placemark id="drone-${i}"><name>${escapeXml(track.droneId)}</name><styleUrl>#drone-${i}</styleUrl>`);
    add('<gx:Track>');
    add('<altitudeMode>relativeToGround</altitudeMode>');
    for (const t of track.tS) add(`<when>${new Date(Math.round(startMs + t * 1000)).toISOString()}</when>`);
    for (let k = 0; k < track.tS.length; k++) add(`<gx:coord>${decimal(track.lng[k])} ${decimal(track.lat[k])} ${decimal(track.altM[k])}</gx:coord>`);
    add('<ExtendedData><SchemaData schemaUrl="#skyhaul-track"><gx:SimpleArrayData name="soc">');
    for (const s of track.soc) add(`<gx:value>${decimal(s)}</gx:value>`);
    add('</gx:SimpleArrayData></SchemaData></ExtendedData>');
    add('</gx:Track></Placemark>');
  });
  add('</Folder>');
  add('</Document>');
  add('</kml>');
  return `${out.join('\n')}\n`;
}
