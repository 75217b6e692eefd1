/**
 * Order volume up or down, deterministically from a seed.
 *
 * - factor < 1: a seeded subsample of round(n x factor) orders, kept in their original order.
 * - factor > 1: every original order plus round(n x (factor - 1)) copies. Copies are drawn without
 *   replacement round by round (so 2x copies each order exactly once), moved up to
 *   COPY_JITTER_M in a uniformly random direction and shifted up to COPY_SHIFT_S in time (window and
 *   ready time move together, the window keeps its length). A copy that would land in a no-fly zone
 *   or outside the mission area is redrawn, and after a few tries keeps the original's position.
 */
import { createFrame } from '../geo/frame';
import { pointInShape, shapeRings } from '../geo/shapes';
import type { Mission, Order } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { createRng } from '../random';

export const COPY_JITTER_M = 400;
export const COPY_SHIFT_S = 15 * 60;
const PLACE_TRIES = 8;

export function scaleOrders(mission: Mission, factor: number, seed = 1): Order[] {
  const orders = mission.orders;
  const n = orders.length;
  const rng = createRng(seed);
  if (n === 0 || factor === 1) return orders;
  if (factor < 1) {
    const keep = Math.max(0, Math.round(n * factor));
    const chosen = new Set(shuffledIndices(n, rng).slice(0, keep));
    return orders.filter((_, i) => chosen.has(i));
  }
  const frame = createFrame(mission.origin);
  // [outer, ...holes]: a copy may land in a zone's hole (permitted airspace, as for the loader).
  const zones = mission.noFlyZones.map((z) => shapeRings(z.shape, frame));
  const origin = { x: 0, y: 0 };
  const areaM = mission.settings.areaRadiusM;
  const secs = (t: Order['window']['earliest']) => toMissionSeconds(mission.startTime, t);
  const taken = new Set(orders.map((o) => o.id));

  const extra = Math.round(n * (factor - 1));
  const copies: Order[] = [];
  let perm: number[] = [];
  for (let j = 0; j < extra; j++) {
    if (j % n === 0) perm = shuffledIndices(n, rng);
    const round = Math.floor(j / n) + 1;
    const src = orders[perm[j % n]];
    const p = frame.toLocal(src.position);
    let position: [number, number] = [src.position[0], src.position[1]];
    for (let k = 0; k < PLACE_TRIES; k++) {
      // Uniform in the disc: radius ~ sqrt(u).
      const r = COPY_JITTER_M * Math.sqrt(rng.next());
      const a = 2 * Math.PI * rng.next();
      const q = { x: p.x + r * Math.sin(a), y: p.y + r * Math.cos(a) };
      if (Math.hypot(q.x - origin.x, q.y - origin.y) > areaM) continue;
      if (zones.some((rings) => pointInShape(q, rings))) continue;
      const [lng, lat] = frame.toLngLat(q);
      position = [round6(lng), round6(lat)];
      break;
    }
    const earliest = secs(src.window.earliest);
    const latest = secs(src.window.latest);
    // Shift in whole seconds, never before the mission start (the window, or the order's placement).
    const placed = src.placedAt !== undefined ? secs(src.placedAt) : undefined;
    const shift = Math.max(-Math.min(earliest, placed ?? earliest), Math.round(rng.range(-COPY_SHIFT_S, COPY_SHIFT_S)));
    let copyId = `${src.id}.x${round}`;
    for (let k = 2; taken.has(copyId); k++) copyId = `${src.id}.x${round}-${k}`;
    taken.add(copyId);
    const copy: Order = {
      ...src,
      id: copyId,
      position,
      window: { earliest: earliest + shift, latest: latest + shift },
    };
    if (src.readyAt !== undefined) copy.readyAt = Math.max(0, secs(src.readyAt) + shift);
    // A copy is ordered as much earlier or later as it is delivered.
    if (placed !== undefined) copy.placedAt = placed + shift;
    copies.push(copy);
  }
  return [...orders, ...copies];
}

function shuffledIndices(n: number, rng: ReturnType<typeof createRng>): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
