/**
 * Mission building blocks shared by the planner tests and the planner-scale bench: a local metric
 * frame around Shenzhen, axis-aligned rectangles in it, and the mid-size quadcopter both fly.
 */
import { createFrame } from '../../src/core/geo/frame';
import { type LoadResult, type Mission, type MissionInput, parseMission } from '../../src/core/mission';

export const ORIGIN: [number, number] = [114.05, 22.55];
export const frame = createFrame(ORIGIN);

/** [lng, lat] of a point given in metres east (x) and north (y) of ORIGIN. */
export const ll = (x: number, y: number) => frame.toLngLat({ x, y });

/** A closed ring (lng/lat) of the rectangle centred on (cx, cy) m with half-sizes hx, hy m. */
export const square = (cx: number, cy: number, hx: number, hy = hx): [number, number][] =>
  [
    [cx - hx, cy - hy],
    [cx + hx, cy - hy],
    [cx + hx, cy + hy],
    [cx - hx, cy + hy],
    [cx - hx, cy - hy],
  ].map(([x, y]) => ll(x, y));

/** A mid-size quadcopter (the m2-class preset's numbers, as a literal so the tests do not move with it). */
export const M2 = {
  id: 'm2',
  name: 'Mid-size quadcopter',
  kind: 'multirotor' as const,
  emptyMassKg: 6.5,
  batteryMassKg: 2.6,
  batteryWh: 520,
  usableFraction: 0.85,
  rotorCount: 4,
  rotorDiameterM: 0.66,
  efficiency: 0.6,
  dragAreaM2: 0.1,
  parcelDragAreaM2: 0.03,
  avionicsW: 20,
  maxPayloadKg: 2.5,
  cruiseAirspeedMps: 16,
  maxAirspeedMps: 19.5,
  climbRateMps: 4,
  descentRateMps: 3,
  maxWindMps: 12,
};

type DepotIn = MissionInput['depots'][number];
type OrderIn = MissionInput['orders'][number];

/** A mission around ORIGIN flown by M2 (4 m/s wind): parsed and validated, with its checks. */
export function loadTestMission(parts: Partial<MissionInput> & { depots: DepotIn[]; orders: OrderIn[] }): LoadResult & { ok: true } {
  const r = parseMission({
    schemaVersion: 1,
    name: 'test',
    startTime: '2026-05-01T08:00:00+08:00',
    horizonS: 4 * 3600,
    origin: ORIGIN,
    droneModels: [M2],
    wind: { speedMps: 4, fromDeg: 250, gustMps: 1 },
    ...parts,
  });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r;
}

export const testMission = (parts: Parameters<typeof loadTestMission>[0]): Mission => loadTestMission(parts).mission;

/** A swap depot at (x, y) m with `count` M2 drones. */
export const testDepot = (id: string, x: number, y: number, count = 1, extra: Partial<DepotIn> = {}): DepotIn => ({
  id,
  name: id,
  position: ll(x, y),
  fleet: [{ modelId: 'm2', count }],
  charging: { kind: 'swap', swapS: 120 },
  ...extra,
});

/** A 1 kg winch drop at (x, y) m, window 0..3600 s. */
export const testOrder = (id: string, x: number, y: number, extra: Partial<OrderIn> = {}): OrderIn => ({
  id,
  position: ll(x, y),
  parcelKg: 1,
  window: { earliest: 0, latest: 3600 },
  priority: 1,
  drop: 'winch',
  ...extra,
});
