/**
 * A vector tile and its compiled style (src/state/basemapStyle.ts) turned into draw commands for one
 * tile image: the style's layers in order, each feature's geometry in canvas pixels, every paint
 * property evaluated at the tile's zoom for that feature. Pure data (no canvas): paint.ts draws it.
 *
 * Zoom and size: the basemap's tiles are 256-pixel Web Mercator tiles (src/state/basemapMercator.ts),
 * seen at about one texel per screen pixel, so tile z is drawn as a MapLibre map at zoom z - 1 (whose
 * tiles are 512 pixels) would be; the image is drawn at TILE_IMAGE_PX with pixel ratio
 * TILE_IMAGE_PX / 256, so that line widths and text sizes keep their screen size.
 */
import type { CompiledLayer, CompiledStyle } from '../../state/basemapStyle';
import type { TileFeature } from '../../state/basemapMvt';
import type { SourceTile } from '../../state/basemapTypes';

/** Side of a vector tile's image, pixels. */
export const TILE_IMAGE_PX = 512;

/** One polyline or ring: x, y pairs in canvas pixels. */
export type Path = number[];

export type DrawCommand =
  | { kind: 'background'; layer: string; color: string; opacity: number }
  | { kind: 'fill'; layer: string; color: string; opacity: number; outline: string | null; rings: Path[] }
  | { kind: 'line'; layer: string; color: string; width: number; opacity: number; cap: CanvasLineCap; join: CanvasLineJoin; dash: number[] | null; lines: Path[] }
  | { kind: 'circle'; layer: string; color: string | null; radius: number; opacity: number; strokeColor: string | null; strokeWidth: number; points: Path }
  | {
      kind: 'text';
      layer: string;
      text: string;
      x: number;
      y: number;
      /** Rotation in radians (line labels follow the line), kept upright. */
      angle: number;
      size: number;
      font: string;
      color: string;
      haloColor: string | null;
      haloWidth: number;
      opacity: number;
      /** Wrap width in pixels (point labels), 0 for none. */
      maxWidth: number;
    };

/** The style zoom a tile of the 256-pixel grid is drawn at. */
export function styleZoom(tileZ: number): number {
  return Math.max(0, tileZ - 1);
}

interface Placement {
  /** Source tile units -> canvas pixels: px = u * scale + tx. */
  scale: number;
  tx: number;
  ty: number;
}

function placement(st: SourceTile, extent: number, size: number): Placement {
  const scale = (size * 2 ** st.dz) / extent;
  return { scale, tx: -st.ox * size, ty: -st.oy * size };
}

/** A part of a geometry in canvas pixels, or null when it lies wholly outside the canvas (with a margin). */
function project(part: readonly { x: number; y: number }[], p: Placement, size: number, margin: number): Path | null {
  const out: Path = new Array(part.length * 2);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < part.length; i++) {
    const x = part[i].x * p.scale + p.tx;
    const y = part[i].y * p.scale + p.ty;
    out[2 * i] = x;
    out[2 * i + 1] = y;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (maxX <= -margin || maxY <= -margin || minX >= size + margin || minY >= size + margin) return null;
  return out;
}

/** The CSS font of a text-font stack: weight and style guessed from the first font's name. */
export function cssFont(stack: string[] | null, sizePx: number): string {
  const name = stack?.[0] ?? '';
  const weight = /black|heavy|extra ?bold/i.test(name) ? 800 : /semi ?bold|demi|medium/i.test(name) ? 600 : /bold/i.test(name) ? 700 : /light/i.test(name) ? 300 : 400;
  const italic = /italic|oblique/i.test(name) ? 'italic ' : '';
  return `${italic}${weight} ${Math.round(sizePx * 10) / 10}px sans-serif`;
}

function transform(text: string, how: string): string {
  return how === 'uppercase' ? text.toUpperCase() : how === 'lowercase' ? text.toLowerCase() : text;
}

/** The middle of a polyline (half its length along it) and the direction there, kept upright. */
export function lineMiddle(path: Path): { x: number; y: number; angle: number; length: number } | null {
  let length = 0;
  for (let i = 2; i < path.length; i += 2) length += Math.hypot(path[i] - path[i - 2], path[i + 1] - path[i - 1]);
  if (length === 0) return null;
  let left = length / 2;
  for (let i = 2; i < path.length; i += 2) {
    const [dx, dy] = [path[i] - path[i - 2], path[i + 1] - path[i - 1]];
    const seg = Math.hypot(dx, dy);
    if (seg >= left && seg > 0) {
      let angle = Math.atan2(dy, dx);
      if (angle > Math.PI / 2) angle -= Math.PI;
      if (angle < -Math.PI / 2) angle += Math.PI;
      return { x: path[i - 2] + (dx * left) / seg, y: path[i - 1] + (dy * left) / seg, angle, length };
    }
    left -= seg;
  }
  return null;
}

/** The draw commands of one tile image (size pixels a side) from its sources' data at tile zoom tileZ. */
export function tileCommands(style: CompiledStyle, data: ReadonlyMap<string, SourceTile>, tileZ: number, size = TILE_IMAGE_PX): DrawCommand[] {
  const zoom = styleZoom(tileZ);
  const ratio = size / 256;
  const out: DrawCommand[] = [];
  for (const layer of style.layers) {
    if (zoom < layer.minzoom || zoom >= layer.maxzoom) continue;
    if (layer.type === 'background') {
      const color = layer.color('background-color', zoom);
      if (color) out.push({ kind: 'background', layer: layer.id, color, opacity: layer.number('background-opacity', zoom) });
      continue;
    }
    const st = layer.source ? data.get(layer.source) : undefined;
    const features = st && layer.sourceLayer ? st.tile.layer(layer.sourceLayer) : null;
    if (!st || !features) continue;
    const p = placement(st, features.extent, size);
    const kept = features.features.filter((f) => layer.filter(zoom, f));
    switch (layer.type) {
      case 'fill':
      case 'fill-extrusion':
        fills(out, layer, kept, p, zoom, size);
        break;
      case 'line':
        lines(out, layer, kept, p, zoom, size, ratio);
        break;
      case 'circle':
        circles(out, layer, kept, p, zoom, size, ratio);
        break;
      case 'symbol':
        labels(out, layer, kept, p, zoom, size, ratio);
        break;
    }
  }
  return out;
}

/** Features of a layer with the same paint drawn as one command (one canvas path). */
function batch<C extends DrawCommand>(out: DrawCommand[], batches: Map<string, C>, key: string, make: () => C): C {
  let c = batches.get(key);
  if (!c) {
    c = make();
    batches.set(key, c);
    out.push(c);
  }
  return c;
}

function fills(out: DrawCommand[], layer: CompiledLayer, features: TileFeature[], p: Placement, zoom: number, size: number) {
  const ext = layer.type === 'fill-extrusion';
  const batches = new Map<string, Extract<DrawCommand, { kind: 'fill' }>>();
  for (const f of features) {
    if (f.type !== 3) continue;
    const color = layer.color(ext ? 'fill-extrusion-color' : 'fill-color', zoom, f);
    const opacity = layer.number(ext ? 'fill-extrusion-opacity' : 'fill-opacity', zoom, f);
    if (!color || opacity <= 0) continue;
    const outline = !ext && layer.has('fill-outline-color') ? layer.color('fill-outline-color', zoom, f) : null;
    const rings = f.geometry.map((ring) => project(ring, p, size, 0));
    // A polygon whose outer ring is off the canvas is off it, holes and all.
    if (rings.every((r) => r === null)) continue;
    const c = batch(out, batches, `${color}|${opacity}|${outline}`, () => ({ kind: 'fill', layer: layer.id, color, opacity, outline, rings: [] }));
    for (let i = 0; i < f.geometry.length; i++) {
      const r = rings[i] ?? project(f.geometry[i], p, size, Infinity);
      if (r) c.rings.push(r);
    }
  }
}

function lines(out: DrawCommand[], layer: CompiledLayer, features: TileFeature[], p: Placement, zoom: number, size: number, ratio: number) {
  const batches = new Map<string, Extract<DrawCommand, { kind: 'line' }>>();
  const cap = (layer.string('line-cap', zoom) || 'butt') as CanvasLineCap;
  const join = (layer.string('line-join', zoom) || 'miter') as CanvasLineJoin;
  for (const f of features) {
    if (f.type === 1) continue;
    const color = layer.color('line-color', zoom, f);
    const width = layer.number('line-width', zoom, f) * ratio;
    const opacity = layer.number('line-opacity', zoom, f);
    if (!color || width <= 0 || opacity <= 0) continue;
    const dash = layer.has('line-dasharray') ? layer.numbers('line-dasharray', zoom, f) : null;
    const c = batch(out, batches, `${color}|${width}|${opacity}|${dash}`, () => ({ kind: 'line', layer: layer.id, color, width, opacity, cap, join, dash, lines: [] }));
    for (const part of f.geometry) {
      // Polygon outlines drawn as lines are closed rings.
      const path = project(f.type === 3 ? [...part, part[0]] : part, p, size, width);
      if (path) c.lines.push(path);
    }
  }
}

function circles(out: DrawCommand[], layer: CompiledLayer, features: TileFeature[], p: Placement, zoom: number, size: number, ratio: number) {
  const batches = new Map<string, Extract<DrawCommand, { kind: 'circle' }>>();
  for (const f of features) {
    if (f.type !== 1) continue;
    const radius = layer.number('circle-radius', zoom, f) * ratio;
    const color = layer.color('circle-color', zoom, f);
    const strokeWidth = layer.number('circle-stroke-width', zoom, f) * ratio;
    const strokeColor = strokeWidth > 0 ? layer.color('circle-stroke-color', zoom, f) : null;
    const opacity = layer.number('circle-opacity', zoom, f);
    if (radius <= 0 || opacity <= 0 || (!color && !strokeColor)) continue;
    const c = batch(out, batches, `${color}|${radius}|${opacity}|${strokeColor}|${strokeWidth}`, () => ({
      kind: 'circle',
      layer: layer.id,
      color,
      radius,
      opacity,
      strokeColor,
      strokeWidth,
      points: [],
    }));
    for (const part of f.geometry) {
      const pts = project(part, p, size, radius + strokeWidth);
      if (pts) c.points.push(...pts);
    }
  }
}

function labels(out: DrawCommand[], layer: CompiledLayer, features: TileFeature[], p: Placement, zoom: number, size: number, ratio: number) {
  const along = layer.string('symbol-placement', zoom) !== 'point';
  for (const f of features) {
    const raw = layer.text(zoom, f).trim();
    if (!raw) continue;
    const color = layer.color('text-color', zoom, f);
    const opacity = layer.number('text-opacity', zoom, f);
    if (!color || opacity <= 0) continue;
    const text = transform(raw, layer.string('text-transform', zoom, f));
    const sizePx = layer.number('text-size', zoom, f) * ratio;
    const font = cssFont(layer.strings('text-font', zoom, f), sizePx);
    const [ox, oy] = layer.numbers('text-offset', zoom, f) ?? [0, 0];
    const haloWidth = layer.number('text-halo-width', zoom, f) * ratio;
    const haloColor = haloWidth > 0 ? layer.color('text-halo-color', zoom, f) : null;
    const common = { kind: 'text' as const, layer: layer.id, text, size: sizePx, font, color, haloColor, haloWidth, opacity };
    for (const anchor of anchors(f, p, size)) {
      const isLine = anchor.angle !== null;
      const angle = isLine && along ? anchor.angle! : 0;
      out.push({
        ...common,
        x: anchor.x + ox * sizePx,
        y: anchor.y + oy * sizePx,
        angle,
        maxWidth: isLine ? 0 : layer.number('text-max-width', zoom, f) * sizePx,
      });
    }
  }
}

/** Where a feature's labels go: each point, a line's middle (with its direction), a polygon's box centre. */
function anchors(f: TileFeature, p: Placement, size: number): { x: number; y: number; angle: number | null }[] {
  const inside = (x: number, y: number) => x >= 0 && y >= 0 && x < size && y < size;
  if (f.type === 1) {
    const pts: { x: number; y: number; angle: null }[] = [];
    for (const part of f.geometry)
      for (const q of part) {
        const [x, y] = [q.x * p.scale + p.tx, q.y * p.scale + p.ty];
        if (inside(x, y)) pts.push({ x, y, angle: null });
      }
    return pts;
  }
  if (f.type === 2) {
    // The longest part's middle.
    let best: ReturnType<typeof lineMiddle> = null;
    for (const part of f.geometry) {
      const path = project(part, p, size, 0);
      const m = path && lineMiddle(path);
      if (m && (!best || m.length > best.length)) best = m;
    }
    return best && inside(best.x, best.y) ? [{ x: best.x, y: best.y, angle: best.angle }] : [];
  }
  const ring = f.geometry[0];
  if (!ring?.length) return [];
  const path = project(ring, p, size, Infinity)!;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < path.length; i += 2) {
    minX = Math.min(minX, path[i]);
    maxX = Math.max(maxX, path[i]);
    minY = Math.min(minY, path[i + 1]);
    maxY = Math.max(maxY, path[i + 1]);
  }
  const [x, y] = [(minX + maxX) / 2, (minY + maxY) / 2];
  return inside(x, y) ? [{ x, y, angle: null }] : [];
}
