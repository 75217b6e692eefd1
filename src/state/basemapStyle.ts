/**
 * A MapLibre / Mapbox GL style (version 8) read into layers the vector basemap can draw: each layer's
 * filter, paint and layout properties compiled once with `@maplibre/maplibre-gl-style-spec` (its own
 * expression and filter evaluation: zoom curves, `case`, `match`, legacy functions and filters), then
 * evaluated per zoom and per feature. Drawn: background, fill (and fill-extrusion, flat), line, circle
 * and the text of symbol layers; the other layer types are listed as skipped.
 *
 * This module is loaded only when a vector basemap is opened (the style library is large).
 */
import {
  Color,
  featureFilter,
  Formatted,
  latest,
  normalizePropertyExpression,
  type StylePropertyExpression,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';

export type DrawnLayerType = 'background' | 'fill' | 'fill-extrusion' | 'line' | 'circle' | 'symbol';

/** A feature as the style sees it: MVT geometry type (1 point, 2 line, 3 polygon), id and properties. */
export interface StyleFeature {
  type: 1 | 2 | 3;
  id?: number;
  properties: Record<string, string | number | boolean>;
}

/** The properties read of each drawn layer type (everything else in the style is ignored). */
const PROPERTIES: Record<DrawnLayerType, { paint: string[]; layout: string[] }> = {
  background: { paint: ['background-color', 'background-opacity'], layout: [] },
  fill: { paint: ['fill-color', 'fill-opacity', 'fill-outline-color'], layout: [] },
  'fill-extrusion': { paint: ['fill-extrusion-color', 'fill-extrusion-opacity'], layout: [] },
  line: { paint: ['line-color', 'line-width', 'line-opacity', 'line-dasharray', 'line-gap-width'], layout: ['line-cap', 'line-join'] },
  circle: { paint: ['circle-color', 'circle-radius', 'circle-opacity', 'circle-stroke-color', 'circle-stroke-width'], layout: [] },
  symbol: {
    paint: ['text-color', 'text-halo-color', 'text-halo-width', 'text-opacity'],
    layout: ['text-field', 'text-size', 'text-font', 'text-transform', 'text-offset', 'text-max-width', 'symbol-placement'],
  },
};

export interface CompiledLayer {
  readonly id: string;
  readonly type: DrawnLayerType;
  /** The style source and source layer it draws (null for the background). */
  readonly source: string | null;
  readonly sourceLayer: string | null;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** Whether the layer's filter keeps a feature at a zoom. */
  filter(zoom: number, feature: StyleFeature): boolean;
  /** A colour property as a CSS colour, or null when it is unset or fully transparent. */
  color(name: string, zoom: number, feature?: StyleFeature): string | null;
  number(name: string, zoom: number, feature?: StyleFeature): number;
  string(name: string, zoom: number, feature?: StyleFeature): string;
  numbers(name: string, zoom: number, feature?: StyleFeature): number[] | null;
  strings(name: string, zoom: number, feature?: StyleFeature): string[] | null;
  /** The text of `text-field` for a feature ({token} strings filled in from its properties), '' for none. */
  text(zoom: number, feature: StyleFeature): string;
  /** Whether a property is set in the style (not its default). */
  has(name: string): boolean;
}

export interface SkippedLayer {
  id: string;
  why: string;
}

export interface CompiledStyle {
  name: string | null;
  layers: CompiledLayer[];
  skipped: SkippedLayer[];
}

const SPEC = latest as unknown as Record<string, Record<string, StylePropertySpecification>>;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isDrawn(type: unknown): type is DrawnLayerType {
  return typeof type === 'string' && type in PROPERTIES;
}

/** Read a style's layers into compiled layers; a layer that cannot be read is skipped with the reason. */
export function compileStyle(style: { name?: unknown; layers: readonly unknown[] }): CompiledStyle {
  const layers: CompiledLayer[] = [];
  const skipped: SkippedLayer[] = [];
  style.layers.forEach((raw, i) => {
    const l = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const id = typeof l.id === 'string' ? l.id : `#${i}`;
    if (!isDrawn(l.type)) {
      skipped.push({ id, why: typeof l.type === 'string' ? `${l.type} layers are not drawn` : 'no layer type' });
      return;
    }
    const layout = (l.layout && typeof l.layout === 'object' ? l.layout : {}) as Record<string, unknown>;
    if (layout.visibility === 'none') return;
    try {
      layers.push(compileLayer(id, l.type, l, layout));
    } catch (e) {
      skipped.push({ id, why: message(e) });
    }
  });
  return { name: typeof style.name === 'string' ? style.name : null, layers, skipped };
}

function compileLayer(id: string, type: DrawnLayerType, l: Record<string, unknown>, layout: Record<string, unknown>): CompiledLayer {
  const paintIn = (l.paint && typeof l.paint === 'object' ? l.paint : {}) as Record<string, unknown>;
  if (type !== 'background' && typeof l.source !== 'string') throw new Error('no source');
  if (type === 'symbol' && layout['text-field'] === undefined) throw new Error('a symbol layer with no text-field (icons are not drawn)');
  const props = new Map<string, StylePropertyExpression>();
  const set = new Set<string>();
  const read = (kind: 'paint' | 'layout', names: string[], values: Record<string, unknown>) => {
    for (const name of names) {
      const spec = SPEC[`${kind}_${type}`]?.[name];
      if (!spec) continue;
      const value = values[name];
      if (value !== undefined) set.add(name);
      try {
        props.set(name, normalizePropertyExpression(value === undefined ? spec.default : value, `${id}.${name}`, spec));
      } catch (e) {
        throw new Error(`${name}: ${message(e)}`);
      }
    }
  };
  read('paint', PROPERTIES[type].paint, paintIn);
  read('layout', PROPERTIES[type].layout, layout);
  const filter = featureFilter(l.filter as never, `${id}.filter`);
  const evaluate = (name: string, zoom: number, feature?: StyleFeature): unknown => {
    const p = props.get(name);
    if (!p) return undefined;
    try {
      return p.evaluate({ zoom }, feature as never);
    } catch {
      return undefined;
    }
  };
  return {
    id,
    type,
    source: typeof l.source === 'string' ? l.source : null,
    sourceLayer: typeof l['source-layer'] === 'string' ? l['source-layer'] : null,
    minzoom: typeof l.minzoom === 'number' ? l.minzoom : 0,
    maxzoom: typeof l.maxzoom === 'number' ? l.maxzoom : 24,
    filter: (zoom, feature) => {
      try {
        return filter.filter({ zoom }, feature as never) === true;
      } catch {
        return false;
      }
    },
    color: (name, zoom, feature) => {
      const v = evaluate(name, zoom, feature);
      const c = v instanceof Color ? v : typeof v === 'string' ? Color.parse(v) : undefined;
      return c && c.a > 0 ? c.toString() : null;
    },
    number: (name, zoom, feature) => {
      const v = evaluate(name, zoom, feature);
      return typeof v === 'number' && Number.isFinite(v) ? v : 0;
    },
    string: (name, zoom, feature) => {
      const v = evaluate(name, zoom, feature);
      return typeof v === 'string' ? v : '';
    },
    numbers: (name, zoom, feature) => {
      const v = evaluate(name, zoom, feature) as unknown;
      // Arrays of numbers come as plain arrays or as the library's NumberArray / Padding ({ values }).
      const values = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { values?: unknown }).values) ? (v as { values: unknown[] }).values : null;
      return values && values.every((n) => typeof n === 'number') ? (values as number[]) : null;
    },
    strings: (name, zoom, feature) => {
      const v = evaluate(name, zoom, feature);
      return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : typeof v === 'string' ? [v] : null;
    },
    text: (zoom, feature) => {
      const v = evaluate('text-field', zoom, feature);
      const raw = v instanceof Formatted ? v.toString() : typeof v === 'string' ? v : v == null ? '' : String(v);
      // Legacy token strings: "{name}" is the feature's name property.
      return set.has('text-field') && typeof v === 'string' ? fillTokens(raw, feature.properties) : raw;
    },
    has: (name) => set.has(name),
  };
}

/** "{name} ({ref})" with the feature's properties put in (a missing one is empty). */
export function fillTokens(text: string, properties: StyleFeature['properties']): string {
  return text.replace(/{([^{}]+)}/g, (_, key: string) => {
    const v = properties[key];
    return v === undefined ? '' : String(v);
  });
}
