/**
 * Puts the shipped sea into the bundled Shenzhen missions and moves their stores and drops off it
 * (run after scripts/make-water-context.ts, before scripts/make-busy-days.ts: npx tsx scripts/move-to-land.ts).
 *
 * For missions/shenzhen-two-hour.json and missions/shenzhen-40-stores.json:
 *
 * 1. The map context's water (`context.water`, with its attribution) becomes the sea of
 *    missions/context/shenzhen-sea.geojson, so the loader's water check and the generators know it.
 * 2. Every store or drop point in the water, or on land closer to the shore than the generators'
 *    margin (SHORE_MARGIN_M: 100 m for a store, 50 m for a drop), moves to the nearest point that is
 *    on land at least MOVED_MARGIN_M from the shore and that the generators would accept as a site
 *    (src/core/scenario/sites.ts: the loader's flyability checks, clear of every zone and building with
 *    the safety margin, inside the mission area). The search is exact to about a metre: rings of
 *    candidate points every metre outwards from the old position, 720 bearings each, the first ring
 *    with an acceptable point wins (the smallest bearing from north, clockwise, among its points).
 *
 * Nothing else changes: the script checks that the file it read is what the serializer writes for it,
 * so the only differences are the moved positions and the context. Deterministic and idempotent.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { SHORE_MARGIN_M, missionWater } from '../src/core/context';
import { createFrame } from '../src/core/geo/frame';
import { type Mission, formatProblem, parseMission, parseMissionText, serializeMission } from '../src/core/mission';
import { roundLngLat, siteChecker } from '../src/core/scenario/sites';

const SEA_FILE = 'missions/context/shenzhen-sea.geojson';
const MISSIONS = ['missions/shenzhen-two-hour.json', 'missions/shenzhen-40-stores.json'];
/** A moved point stands at least this far from the shore, on land. */
const MOVED_MARGIN_M = 100;
const BEARINGS = 720;
/** Give up (a bug or a walled-in point) beyond this distance from the old position. */
const MAX_MOVE_M = 10_000;

interface SeaFile {
  features: { properties: { attribution: string }; geometry: { type: 'MultiPolygon'; coordinates: [number, number][][][] } }[];
}

function main(): void {
  const sea = JSON.parse(readFileSync(SEA_FILE, 'utf8')) as SeaFile;
  const { properties, geometry } = sea.features[0];
  const water = geometry.coordinates.map((coordinates) => ({ type: 'Polygon' as const, coordinates }));
  const moves = new Map<string, string>();
  for (const path of MISSIONS) {
    const text = readFileSync(path, 'utf8');
    const loaded = parseMissionText(text);
    if (!loaded.ok) throw new Error(`${path} refused: ${loaded.errors.map(formatProblem).join('; ')}`);
    if (serializeMission(loaded.mission) !== text) throw new Error(`${path} is not as the serializer writes it: rewriting it would change more than the moved points`);
    const withSea = parseMission({ ...loaded.mission, context: { ...loaded.mission.context, attribution: properties.attribution, water } });
    if (!withSea.ok) throw new Error(`${path} with the sea refused: ${withSea.errors.map(formatProblem).join('; ')}`);
    const mission = withSea.mission;
    const moved = moveToLand(mission, path);
    const out = parseMission(moved.mission);
    if (!out.ok) throw new Error(`${path} after the moves refused: ${out.errors.map(formatProblem).join('; ')}`);
    if (out.checks.length > 0) throw new Error(`${path} after the moves has checks: ${out.checks.map(formatProblem).join('; ')}`);
    writeFileSync(path, serializeMission(out.mission));
    console.log(`wrote ${path}: ${moved.log.length} moved`);
    for (const line of moved.log) {
      console.log(`  ${line.text}`);
      // The two Shenzhen missions share their orders: a drop moves the same way in both.
      const key = line.id;
      const before = moves.get(key);
      if (before !== undefined && before !== line.to) throw new Error(`${key} moved differently in two missions`);
      moves.set(key, line.to);
    }
  }
}

function moveToLand(mission: Mission, path: string): { mission: Mission; log: { id: string; to: string; text: string }[] } {
  const water = missionWater(mission);
  if (!water) throw new Error(`${path}: no water in the map context`);
  const frame = createFrame(mission.origin);
  const site = siteChecker(mission, frame);
  const log: { id: string; to: string; text: string }[] = [];
  const fits = (p: [number, number], kind: 'store' | 'order') =>
    !water.isWater(p) && water.distanceToShoreM(p, MOVED_MARGIN_M) === Number.POSITIVE_INFINITY && site(frame.toLocal(p), p, kind);

  const move = (id: string, from: [number, number], kind: 'store' | 'order'): [number, number] => {
    const wet = water.isWater(from);
    const shoreM = water.distanceToShoreM(from);
    if (!wet && shoreM >= SHORE_MARGIN_M[kind]) return from;
    const at = frame.toLocal(from);
    // Any point on land MOVED_MARGIN_M from the shore is at least this far from a point in the water.
    const first = Math.max(1, Math.floor(wet ? shoreM + MOVED_MARGIN_M : MOVED_MARGIN_M - shoreM) - 1);
    for (let r = first; r <= MAX_MOVE_M; r++) {
      for (let b = 0; b < BEARINGS; b++) {
        const a = (2 * Math.PI * b) / BEARINGS;
        const p = roundLngLat(frame.toLngLat({ x: at.x + r * Math.sin(a), y: at.y + r * Math.cos(a) }));
        if (!fits(p, kind)) continue;
        const q = frame.toLocal(p);
        const d = Math.hypot(q.x - at.x, q.y - at.y);
        log.push({
          id,
          to: `${p[0]},${p[1]}`,
          text: `${id}: ${wet ? `in the water ${Math.round(shoreM)} m from the shore` : `on land ${Math.round(shoreM)} m from the shore`} at [${from.join(', ')}] -> [${p.join(', ')}], moved ${Math.round(d)} m, now ${Math.round(water.distanceToShoreM(p))} m inland`,
        });
        return p;
      }
    }
    throw new Error(`${path}: no land within ${MAX_MOVE_M} m of ${id}`);
  };

  return {
    mission: {
      ...mission,
      depots: mission.depots.map((d) => ({ ...d, position: move(d.id, d.position, 'store') })),
      orders: mission.orders.map((o) => ({ ...o, position: move(o.id, o.position, 'order') })),
    },
    log,
  };
}

main();
