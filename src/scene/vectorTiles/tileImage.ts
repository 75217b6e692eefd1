/**
 * A basemap tile as an image, whatever the source: a raster tile's image decoded off the main thread,
 * or a vector tile drawn with its style into a canvas (commands.ts, paint.ts). The tile layer
 * (src/scene/TileLayer.tsx) makes the texture of either the same way.
 */
import type { OpenBasemap, VectorBasemap } from '../../state/basemapSource';
import { TILE_IMAGE_PX, tileCommands } from './commands';
import { paintCommands } from './paint';

/** The tile's image, or null when the source has nothing there. Rejects with a message naming the problem. */
export async function tileImage(source: OpenBasemap, z: number, x: number, y: number, signal: AbortSignal): Promise<ImageBitmap | null> {
  if (source.format === 'vector') return vectorTileImage(source, z, x, y, signal);
  const blob = await source.tile(z, x, y, signal);
  return blob ? createImageBitmap(blob) : null;
}

function canvas(size: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(size, size);
  const c = document.createElement('canvas');
  c.width = size;
  c.height = size;
  return c;
}

async function vectorTileImage(source: VectorBasemap, z: number, x: number, y: number, signal: AbortSignal): Promise<ImageBitmap | null> {
  const data = await source.tileData(z, x, y, signal);
  if (signal.aborted) return null;
  // A tile with no data still shows the style's background (as MapLibre draws it); with no background, nothing.
  if (!data && !source.style.layers.some((l) => l.type === 'background')) return null;
  const commands = tileCommands(source.style, data ?? new Map(), z, TILE_IMAGE_PX);
  const c = canvas(TILE_IMAGE_PX);
  const ctx = c.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('no 2D canvas to draw vector tiles on');
  paintCommands(ctx, commands, TILE_IMAGE_PX);
  return 'transferToImageBitmap' in c ? c.transferToImageBitmap() : createImageBitmap(c);
}
