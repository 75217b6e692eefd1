/**
 * Draw commands (commands.ts) painted on a 2D canvas: fills, lines, circles, then labels with a halo.
 * A label that would be cut by the tile's edge or would overlap one already placed is left out (no
 * half words at tile seams, no pile-ups).
 */
import type { DrawCommand, Path } from './commands';

export type Canvas2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

function tracePath(ctx: Canvas2D, path: Path, close: boolean) {
  ctx.moveTo(path[0], path[1]);
  for (let i = 2; i < path.length; i += 2) ctx.lineTo(path[i], path[i + 1]);
  if (close) ctx.closePath();
}

/** Break a label into lines no wider than maxWidth (0: one line). */
function wrap(ctx: Canvas2D, text: string, maxWidth: number): string[] {
  if (maxWidth <= 0 || ctx.measureText(text).width <= maxWidth) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

type Box = [number, number, number, number];

const overlaps = (a: Box, b: Box) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Paint the commands on a size x size canvas; returns how many labels were drawn. */
export function paintCommands(ctx: Canvas2D, commands: readonly DrawCommand[], size: number): { labels: number } {
  const placed: Box[] = [];
  const texts: Extract<DrawCommand, { kind: 'text' }>[] = [];
  for (const c of commands) {
    ctx.globalAlpha = 1;
    switch (c.kind) {
      case 'background':
        ctx.globalAlpha = c.opacity;
        ctx.fillStyle = c.color;
        ctx.fillRect(0, 0, size, size);
        break;
      case 'fill':
        ctx.globalAlpha = c.opacity;
        ctx.beginPath();
        for (const r of c.rings) tracePath(ctx, r, true);
        ctx.fillStyle = c.color;
        ctx.fill('nonzero');
        if (c.outline) {
          ctx.strokeStyle = c.outline;
          ctx.lineWidth = 1;
          ctx.stroke();
        }
        break;
      case 'line':
        ctx.globalAlpha = c.opacity;
        ctx.beginPath();
        for (const l of c.lines) tracePath(ctx, l, false);
        ctx.strokeStyle = c.color;
        ctx.lineWidth = c.width;
        ctx.lineCap = c.cap;
        ctx.lineJoin = c.join;
        ctx.setLineDash(c.dash ? c.dash.map((d) => d * c.width) : []);
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case 'circle':
        ctx.globalAlpha = c.opacity;
        ctx.beginPath();
        for (let i = 0; i < c.points.length; i += 2) {
          ctx.moveTo(c.points[i] + c.radius, c.points[i + 1]);
          ctx.arc(c.points[i], c.points[i + 1], c.radius, 0, 2 * Math.PI);
        }
        if (c.color) {
          ctx.fillStyle = c.color;
          ctx.fill();
        }
        if (c.strokeColor) {
          ctx.strokeStyle = c.strokeColor;
          ctx.lineWidth = c.strokeWidth;
          ctx.stroke();
        }
        break;
      case 'text':
        // Labels go over everything else, in style order.
        texts.push(c);
        break;
    }
  }
  let labels = 0;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const t of texts) {
    ctx.font = t.font;
    const lines = wrap(ctx, t.text, t.maxWidth);
    const lineHeight = t.size * 1.2;
    const width = Math.max(...lines.map((l) => ctx.measureText(l).width)) + 2 * t.haloWidth;
    const height = lines.length * lineHeight + 2 * t.haloWidth;
    // The label's screen box (a rotated label's box around its rotated corners).
    const [cos, sin] = [Math.abs(Math.cos(t.angle)), Math.abs(Math.sin(t.angle))];
    const [hw, hh] = [(width * cos + height * sin) / 2, (width * sin + height * cos) / 2];
    const box: Box = [t.x - hw, t.y - hh, t.x + hw, t.y + hh];
    if (box[0] < 0 || box[1] < 0 || box[2] > size || box[3] > size) continue;
    if (placed.some((b) => overlaps(b, box))) continue;
    placed.push(box);
    ctx.save();
    ctx.translate(t.x, t.y);
    ctx.rotate(t.angle);
    ctx.globalAlpha = t.opacity;
    lines.forEach((line, i) => {
      const y = (i - (lines.length - 1) / 2) * lineHeight;
      if (t.haloColor && t.haloWidth > 0) {
        ctx.strokeStyle = t.haloColor;
        ctx.lineWidth = 2 * t.haloWidth;
        ctx.lineJoin = 'round';
        ctx.strokeText(line, 0, y);
      }
      ctx.fillStyle = t.color;
      ctx.fillText(line, 0, y);
    });
    ctx.restore();
    labels++;
  }
  ctx.globalAlpha = 1;
  return { labels };
}
