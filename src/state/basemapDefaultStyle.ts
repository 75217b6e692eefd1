/**
 * The built-in style for a vector archive opened without one: land, water, parks and green land,
 * roads (major ones in amber), buildings and place labels, for the layer names of the two common
 * schemas (OpenMapTiles: water, landcover, park, transportation, building, place; Protomaps: earth,
 * water, landuse, roads, buildings, places). A layer the archive does not have simply draws nothing.
 */

/** The colours of the built-in style (the tests look for them on screen). */
export const DEFAULT_STYLE_COLOURS = {
  background: '#f2efe9',
  water: '#9fc7e8',
  park: '#b9dca2',
  landuse: '#e6e0d4',
  roadCasing: '#b7ae9f',
  road: '#ffffff',
  majorRoad: '#f5c460',
  building: '#d6cbbf',
  label: '#3a3a3a',
  labelHalo: '#ffffff',
} as const;

const C = DEFAULT_STYLE_COLOURS;
/** The source name the built-in style draws. */
export const DEFAULT_SOURCE = 'default';

/** A feature's class: OpenMapTiles says `class`, Protomaps `kind`. */
const CLASS = ['coalesce', ['get', 'class'], ['get', 'kind'], ''];
const GREEN = ['park', 'grass', 'wood', 'forest', 'meadow', 'garden', 'nature_reserve', 'national_park', 'playground', 'recreation_ground', 'cemetery', 'golf_course', 'scrub', 'farmland', 'pitch'];
const MAJOR = ['motorway', 'trunk', 'primary', 'highway', 'major_road'];
const NAME = ['coalesce', ['get', 'name:en'], ['get', 'name_en'], ['get', 'name'], ''];
const width = (at10: number, at18: number) => ['interpolate', ['exponential', 1.6], ['zoom'], 10, at10, 18, at18];

/** A MapLibre style (version 8) with one vector source named DEFAULT_SOURCE. */
export function defaultStyle(): { version: 8; name: string; layers: unknown[] } {
  const src = { source: DEFAULT_SOURCE };
  return {
    version: 8,
    name: 'built-in style',
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': C.background } },
      { id: 'earth', type: 'fill', ...src, 'source-layer': 'earth', paint: { 'fill-color': C.background } },
      { id: 'landuse', type: 'fill', ...src, 'source-layer': 'landuse', filter: ['!', ['in', CLASS, ['literal', GREEN]]], paint: { 'fill-color': C.landuse } },
      ...['landcover', 'landuse', 'park'].map((layer) => ({
        id: `green-${layer}`,
        type: 'fill',
        ...src,
        'source-layer': layer,
        ...(layer === 'park' ? {} : { filter: ['in', CLASS, ['literal', GREEN]] }),
        paint: { 'fill-color': C.park },
      })),
      { id: 'water', type: 'fill', ...src, 'source-layer': 'water', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': C.water } },
      { id: 'water-lines', type: 'line', ...src, 'source-layer': 'water', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': C.water, 'line-width': width(1, 6) } },
      { id: 'waterway', type: 'line', ...src, 'source-layer': 'waterway', paint: { 'line-color': C.water, 'line-width': width(1, 6) } },
      ...['building', 'buildings'].map((layer) => ({
        id: layer,
        type: 'fill',
        ...src,
        'source-layer': layer,
        minzoom: 13,
        paint: { 'fill-color': C.building, 'fill-outline-color': C.roadCasing },
      })),
      ...['transportation', 'roads'].flatMap((layer) => [
        {
          id: `${layer}-casing`,
          type: 'line',
          ...src,
          'source-layer': layer,
          filter: ['==', ['geometry-type'], 'LineString'],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': C.roadCasing, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, ['match', CLASS, MAJOR, 2, 1.2], 18, ['match', CLASS, MAJOR, 22, 15]] },
        },
        {
          id: `${layer}-minor`,
          type: 'line',
          ...src,
          'source-layer': layer,
          filter: ['all', ['==', ['geometry-type'], 'LineString'], ['!', ['in', CLASS, ['literal', MAJOR]]]],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': C.road, 'line-width': width(0.6, 12) },
        },
        {
          id: `${layer}-major`,
          type: 'line',
          ...src,
          'source-layer': layer,
          filter: ['all', ['==', ['geometry-type'], 'LineString'], ['in', CLASS, ['literal', MAJOR]]],
          layout: { 'line-cap': 'round', 'line-join': 'round' },
          paint: { 'line-color': C.majorRoad, 'line-width': width(1.4, 19) },
        },
      ]),
      ...['transportation_name', 'roads'].map((layer) => ({
        id: `${layer}-label`,
        type: 'symbol',
        ...src,
        'source-layer': layer,
        minzoom: 14,
        filter: ['==', ['geometry-type'], 'LineString'],
        layout: { 'symbol-placement': 'line', 'text-field': NAME, 'text-size': 11 },
        paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 1.5 },
      })),
      ...['place', 'places'].map((layer) => ({
        id: `${layer}-label`,
        type: 'symbol',
        ...src,
        'source-layer': layer,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: {
          'text-field': NAME,
          'text-size': ['match', CLASS, ['city', 'locality', 'region', 'country'], 16, ['town'], 14, 12],
          'text-font': ['Noto Sans Bold'],
          'text-max-width': 8,
        },
        paint: { 'text-color': C.label, 'text-halo-color': C.labelHalo, 'text-halo-width': 2 },
      })),
    ],
  };
}
