/**
 * Writes the bundled sample missions (missions/*.json) from a seed, so they can be regenerated
 * and reviewed as code. Run: npx tsx scripts/gen-missions.ts
 *
 * The whole chain: this script, then scripts/move-to-land.ts (puts the shipped sea,
 * missions/context/shenzhen-sea.geojson, into the Shenzhen missions' map context and moves the stores
 * and drops this seed puts in the water onto land), then scripts/make-busy-days.ts.
 *
 * Store sites are plausible street-level supermarket locations in Shenzhen's districts; orders are
 * scattered around stores, never inside a permanent ground-level no-fly zone.
 */
import { writeFileSync } from 'node:fs';
import { createRng } from '../src/core/random';
import { createFrame, type LngLat } from '../src/core/geo/frame';
import { pointInRing, shapeRing } from '../src/core/geo/shapes';
import { type MissionInput, missionSchema, noFlyZoneSchema, serializeMission } from '../src/core/mission';
import { PRESETS } from '../src/core/energy/presets';

const ORIGIN: LngLat = [114.05, 22.57];
const frame = createFrame(ORIGIN);
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
const at = (p: { x: number; y: number }): [number, number] => {
  const [lng, lat] = frame.toLngLat(p);
  return [round6(lng), round6(lat)];
};

/** name, [lng, lat] */
const STORES_20: [string, LngLat][] = [
  ['Huaqiang North', [114.0855, 22.546]],
  ['Chegongmiao', [114.027, 22.538]],
  ['Meilin', [114.056, 22.572]],
  ['Dongmen', [114.12, 22.547]],
  ['Sungang', [114.108, 22.568]],
  ['Cuizhu', [114.131, 22.56]],
  ['Shekou Sea World', [113.917, 22.485]],
  ['Nantou', [113.93, 22.533]],
  ['Science Park', [113.952, 22.541]],
  ['Xili', [113.95, 22.583]],
  ['Houhai', [113.94, 22.518]],
  ["Bao'an Xin'an", [113.885, 22.556]],
  ['Xixiang', [113.868, 22.578]],
  ['Minzhi', [114.04, 22.62]],
  ['Longhua', [114.022, 22.656]],
  ['Buji', [114.118, 22.605]],
  ['Bantian', [114.065, 22.628]],
  ['Longgang Center', [114.247, 22.72]],
  ['Shatoujiao', [114.237, 22.556]],
  ['Shangsha', [114.03, 22.522]],
];

/** The 40-store variant adds these sites (infill and outer districts). */
const STORES_EXTRA: [string, LngLat][] = [
  ['Xiangmihu', [114.016, 22.551]],
  ['Jingtian', [114.045, 22.556]],
  ['Huangbeiling', [114.137, 22.571]],
  ['Qianhai', [113.905, 22.531]],
  ['Shenzhen Bay', [113.958, 22.513]],
  ['Taoyuan', [113.965, 22.56]],
  ['Xinzhou', [114.044, 22.525]],
  ['Fuyong', [113.85, 22.69]],
  ['Shiyan', [113.94, 22.675]],
  ['Guanlan', [114.06, 22.71]],
  ['Dalang', [114.005, 22.615]],
  ['Pinghu', [114.125, 22.68]],
  ['Henggang', [114.205, 22.655]],
  ['Bujiwan', [114.095, 22.61]],
  ['Buxin', [114.125, 22.585]],
  ['Yantian Port', [114.27, 22.575]],
  ['Mingzhi Park', [114.025, 22.598]],
  ['Xinan Lake', [113.9, 22.575]],
  ['Shajing', [113.835, 22.735]],
  ['Gangxia', [114.065, 22.537]],
];

const ZONES: NonNullable<MissionInput['noFlyZones']> = [
  {
    id: 'nfz-szx',
    name: "Bao'an International Airport",
    shape: { type: 'Circle', center: [113.811, 22.639], radiusM: 5000 },
  },
  {
    id: 'nfz-border',
    name: 'Futian border control area',
    shape: {
      type: 'Polygon',
      coordinates: [[[114.04, 22.5], [114.1, 22.5], [114.1, 22.513], [114.04, 22.513], [114.04, 22.5]]],
    },
  },
  {
    id: 'nfz-civic',
    name: 'Civic Center event restriction',
    shape: {
      type: 'Polygon',
      coordinates: [[[114.052, 22.541], [114.062, 22.541], [114.062, 22.553], [114.052, 22.553], [114.052, 22.541]]],
    },
    active: { earliest: 3600, latest: 7200 },
  },
  {
    id: 'nfz-hospital',
    name: 'Hospital helipad',
    shape: { type: 'Circle', center: [114.044, 22.561], radiusM: 300 },
  },
  {
    id: 'nfz-chiwan',
    name: 'Chiwan port',
    shape: {
      type: 'Polygon',
      coordinates: [[[113.88, 22.46], [113.895, 22.46], [113.895, 22.475], [113.88, 22.475], [113.88, 22.46]]],
    },
    ceilingM: 150,
  },
];

function rectangle(center: { x: number; y: number }, w: number, h: number) {
  const ring = [
    at({ x: center.x - w / 2, y: center.y - h / 2 }),
    at({ x: center.x + w / 2, y: center.y - h / 2 }),
    at({ x: center.x + w / 2, y: center.y + h / 2 }),
    at({ x: center.x - w / 2, y: center.y + h / 2 }),
  ];
  return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };
}

/** Tall-building clusters: Futian CBD (around the Ping An Finance Centre) and Houhai. */
type BuildingInput = NonNullable<MissionInput['buildings']>[number];

function buildings(seed: number): BuildingInput[] {
  const rng = createRng(seed);
  const out: BuildingInput[] = [];
  const clusters: [string, LngLat, number][] = [
    ['Futian CBD', [114.0555, 22.5345], 28],
    ['Houhai', [113.944, 22.515], 14],
  ];
  out.push({
    id: 'bldg-pingan',
    name: 'Ping An Finance Centre',
    footprint: rectangle(frame.toLocal([114.0505, 22.5364]), 60, 60),
    heightM: 599,
  });
  for (const [name, c, n] of clusters) {
    const centre = frame.toLocal(c);
    for (let i = 0; i < n; i++) {
      const p = { x: centre.x + rng.range(-600, 600), y: centre.y + rng.range(-400, 400) };
      out.push({
        id: `bldg-${name.toLowerCase().replace(/\W+/g, '-')}-${i + 1}`,
        footprint: rectangle(p, rng.range(30, 60), rng.range(30, 60)),
        heightM: Math.round(rng.range(30, 300)),
      });
    }
  }
  return dropOverlapping(out);
}

/** Keep footprints apart so no two buildings overlap (simpler geometry for everyone). */
function dropOverlapping(list: BuildingInput[]): BuildingInput[] {
  const kept: { b: BuildingInput; c: { x: number; y: number } }[] = [];
  for (const b of list) {
    const c = frame.toLocal(b.footprint.coordinates[0][0]);
    if (kept.every((k) => Math.hypot(k.c.x - c.x, k.c.y - c.y) > 110)) kept.push({ b, c });
  }
  return kept.map((k) => k.b);
}

function insideAnyZone(p: { x: number; y: number }): boolean {
  return ZONES.some((z) => pointInRing(p, shapeRing(noFlyZoneSchema.parse(z).shape, frame)));
}

function orders(seed: number, stores: [string, LngLat][], count: number): MissionInput['orders'] {
  const rng = createRng(seed);
  const out: MissionInput['orders'] = [];
  while (out.length < count) {
    const store = frame.toLocal(rng.pick(stores)[1]);
    const r = 600 + 4400 * Math.sqrt(rng.next());
    const a = rng.range(0, 2 * Math.PI);
    const p = { x: store.x + r * Math.cos(a), y: store.y + r * Math.sin(a) };
    if (insideAnyZone(p)) continue;
    const placed = Math.round(rng.range(0, 3 * 3600) / 60) * 60;
    const n = out.length + 1;
    out.push({
      id: `o-${String(n).padStart(3, '0')}`,
      position: at(p),
      parcelKg: Math.round(rng.range(0.3, 2.2) * 10) / 10,
      window: { earliest: placed, latest: placed + 7200 },
      priority: rng.next() < 0.15 ? 2 : 1,
      drop: rng.next() < 0.8 ? 'winch' : 'hover-release',
      readyAt: placed,
    });
  }
  return out;
}

function depots(stores: [string, LngLat][]): MissionInput['depots'] {
  return stores.map(([name, p], i) => ({
    id: `store-${String(i + 1).padStart(2, '0')}`,
    name,
    position: p as [number, number],
    fleet: [{ modelId: 'm2-class', count: 3 }],
    charging: { kind: 'swap', swapS: 180 },
    open: { earliest: 0, latest: 6 * 3600 },
  }));
}

const settings = {
  cruiseAltitudesM: [60, 75, 90, 105],
  clearanceM: 20,
  safetyMarginM: 30,
  reserve: { minPercent: 20, hoverMinutes: 2, alternateRequired: false },
  separation: { horizontalM: 50, verticalM: 10 },
  airDensityKgM3: 1.2,
  areaRadiusM: 50_000,
};

function shenzhen(name: string, stores: [string, LngLat][], description: string): MissionInput {
  return {
    schemaVersion: 1,
    name,
    description,
    startTime: '2026-11-25T09:00:00+08:00',
    horizonS: 6 * 3600,
    origin: [ORIGIN[0], ORIGIN[1]],
    droneModels: [PRESETS['m2-class']],
    depots: depots(stores),
    orders: orders(2026, STORES_20, 150),
    noFlyZones: ZONES,
    buildings: buildings(7),
    wind: { speedMps: 5, fromDeg: 135, gustMps: 3 },
    settings,
  };
}

function tutorial(): MissionInput {
  const o: LngLat = [114.0, 22.55];
  const f = createFrame(o);
  const ll = (x: number, y: number): [number, number] => {
    const [lng, lat] = f.toLngLat({ x, y });
    return [round6(lng), round6(lat)];
  };
  const square = (cx: number, cy: number, half: number) => {
    const ring = [ll(cx - half, cy - half), ll(cx + half, cy - half), ll(cx + half, cy + half), ll(cx - half, cy + half)];
    return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };
  };
  const drops: [number, number, number][] = [
    [1800, 1200, 1.2],
    [2500, -400, 0.8],
    [-1500, 2100, 2.0],
    [-2200, -1300, 0.5],
    [600, 2600, 1.5],
  ];
  return {
    schemaVersion: 1,
    name: 'Tutorial: one store, five drops',
    description: 'The smallest mission that shows every feature: one depot, five drop points, one no-fly zone, two buildings.',
    startTime: '2026-11-25T10:00:00+08:00',
    horizonS: 3 * 3600,
    origin: [o[0], o[1]],
    droneModels: [PRESETS['m2-class']],
    depots: [
      {
        id: 'depot-1',
        name: 'Tutorial store',
        position: ll(0, 0),
        fleet: [{ modelId: 'm2-class', count: 2 }],
        charging: { kind: 'charger', powerW: 1000 },
      },
    ],
    orders: drops.map(([x, y, kg], i) => ({
      id: `order-${i + 1}`,
      position: ll(x, y),
      parcelKg: kg,
      window: { earliest: i * 600, latest: i * 600 + 3600 },
      priority: i === 0 ? 2 : 1,
      drop: i % 2 ? 'hover-release' : 'winch',
    })),
    noFlyZones: [{ id: 'nfz-park', name: 'City park', shape: square(1000, 800, 350), ceilingM: 200 }],
    buildings: [
      { id: 'tower-a', name: 'Tower A', footprint: square(-700, 1000, 40), heightM: 150 },
      { id: 'block-b', name: 'Block B', footprint: square(1400, -300, 30), heightM: 25 },
    ],
    wind: { speedMps: 4, fromDeg: 270, gustMps: 2 },
    settings: { ...settings, areaRadiusM: 10_000 },
  };
}

function write(path: string, input: MissionInput): void {
  const mission = missionSchema.parse(input);
  writeFileSync(path, serializeMission(mission));
  console.log(`wrote ${path}`);
}

write(
  'missions/shenzhen-two-hour.json',
  shenzhen(
    'Shenzhen two-hour delivery (20 stores)',
    STORES_20,
    "A supermarket chain's 20 Shenzhen stores fly 150 orders promised within two hours.",
  ),
);
write(
  'missions/shenzhen-40-stores.json',
  shenzhen(
    'Shenzhen two-hour delivery (40 stores)',
    [...STORES_20, ...STORES_EXTRA],
    'The same 150 orders as the 20-store mission, served from 40 stores.',
  ),
);
write('missions/tutorial.json', tutorial());
