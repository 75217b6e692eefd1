/**
 * A generated city for the scale benchmarks: rectangular blocks separated by streets, each block cut
 * into lots, a building (10-60 m footprint, slightly rotated) on a random choice of lots. Seeded, in
 * local metres around the origin; the street crossings are free points for legs.
 */
import type { XY } from '../src/core/geo/frame';
import { createRng } from '../src/core/random';

export interface CityBuilding {
  ring: XY[];
  heightM: number;
}

export interface City {
  buildings: CityBuilding[];
  /** Centres of street crossings (at least half the narrowest street away from any block). */
  crossings: XY[];
  halfSizeM: number;
}

export interface CityOptions {
  count: number;
  halfSizeM: number;
  seed: number;
  /** Street width range; with a 30 m safety margin streets narrower than 60 m close for flight. */
  streetM?: [number, number];
  heightM?: [number, number];
}

export function generateCity(o: CityOptions): City {
  const rng = createRng(o.seed);
  const [sMin, sMax] = o.streetM ?? [70, 110];
  const [hMin, hMax] = o.heightM ?? [100, 300];
  // Block edges along one axis: street, block, street, block, ...
  const cuts = (): { blocks: [number, number][]; streets: number[] } => {
    const blocks: [number, number][] = [];
    const streets: number[] = [];
    let x = -o.halfSizeM;
    for (;;) {
      const street = rng.range(sMin, sMax);
      streets.push(x + street / 2);
      x += street;
      const block = rng.range(150, 300);
      if (x + block > o.halfSizeM) break;
      blocks.push([x, x + block]);
      x += block;
    }
    return { blocks, streets };
  };
  const cx = cuts();
  const cy = cuts();
  const lots: { x0: number; y0: number; x1: number; y1: number }[] = [];
  // Lot size chosen so that the city has about 1.3 lots per building wanted.
  let area = 0;
  for (const [a, b] of cx.blocks) for (const [c, d] of cy.blocks) area += (b - a) * (d - c);
  const lotM = Math.max(14, Math.sqrt(area / (o.count * 1.3)));
  for (const [a, b] of cx.blocks) {
    for (const [c, d] of cy.blocks) {
      const nx = Math.max(1, Math.floor((b - a) / lotM));
      const ny = Math.max(1, Math.floor((d - c) / lotM));
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < ny; j++) {
          lots.push({ x0: a + ((b - a) * i) / nx, x1: a + ((b - a) * (i + 1)) / nx, y0: c + ((d - c) * j) / ny, y1: c + ((d - c) * (j + 1)) / ny });
        }
      }
    }
  }
  // A seeded shuffle, then the first `count` lots get a building.
  for (let i = lots.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [lots[i], lots[j]] = [lots[j], lots[i]];
  }
  const buildings: CityBuilding[] = [];
  for (const lot of lots.slice(0, o.count)) {
    const lw = lot.x1 - lot.x0;
    const lh = lot.y1 - lot.y0;
    const w = Math.min(60, Math.max(10, rng.range(0.5, 0.85) * lw));
    const h = Math.min(60, Math.max(10, rng.range(0.5, 0.85) * lh));
    const ang = rng.range(-0.15, 0.15);
    const mx = (lot.x0 + lot.x1) / 2;
    const my = (lot.y0 + lot.y1) / 2;
    const cos = Math.cos(ang);
    const sin = Math.sin(ang);
    const ring = [
      [-w / 2, -h / 2],
      [w / 2, -h / 2],
      [w / 2, h / 2],
      [-w / 2, h / 2],
    ].map(([x, y]) => ({ x: mx + x * cos - y * sin, y: my + x * sin + y * cos }));
    buildings.push({ ring, heightM: rng.range(hMin, hMax) });
  }
  const crossings: XY[] = [];
  for (const x of cx.streets) for (const y of cy.streets) if (Math.abs(x) < o.halfSizeM && Math.abs(y) < o.halfSizeM) crossings.push({ x, y });
  return { buildings, crossings, halfSizeM: o.halfSizeM };
}
