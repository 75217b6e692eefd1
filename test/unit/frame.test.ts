import { describe, expect, it } from 'vitest';
import distance from '@turf/distance';
import { createFrame } from '../../src/core/geo/frame';
import { createRng } from '../../src/core/random';

describe('local metric frame', () => {
  const origins: [number, number][] = [
    [114.05, 22.57],
    [-0.1276, 51.5072],
    [-122.42, 37.77],
    [151.2, -33.87],
    [179.9, 64.0],
  ];

  it.each(origins)('round-trips lng/lat through metres at origin %s, %s', (lng, lat) => {
    const frame = createFrame([lng, lat]);
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      const p = { x: rng.range(-50_000, 50_000), y: rng.range(-50_000, 50_000) };
      const back = frame.toLocal(frame.toLngLat(p));
      expect(Math.hypot(back.x - p.x, back.y - p.y)).toBeLessThan(1e-6);
    }
  });

  it.each(origins)('matches turf distances to 0.1 %% within 50 km of %s, %s', (lng, lat) => {
    const frame = createFrame([lng, lat]);
    const rng = createRng(2);
    let worst = 0;
    for (let i = 0; i < 500; i++) {
      const r = () => {
        const radius = 50_000 * Math.sqrt(rng.next());
        const a = rng.range(0, 2 * Math.PI);
        return { x: radius * Math.cos(a), y: radius * Math.sin(a) };
      };
      const a = r();
      const b = r();
      const metres = Math.hypot(b.x - a.x, b.y - a.y);
      if (metres < 10) continue;
      const turfMetres = distance(frame.toLngLat(a), frame.toLngLat(b), { units: 'meters' });
      worst = Math.max(worst, Math.abs(metres - turfMetres) / turfMetres);
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('puts north on +y and east on +x', () => {
    const frame = createFrame([114, 22.5]);
    const north = frame.toLocal([114, 22.51]);
    const east = frame.toLocal([114.01, 22.5]);
    expect(north.y).toBeGreaterThan(1000);
    expect(Math.abs(north.x)).toBeLessThan(1e-6);
    expect(east.x).toBeGreaterThan(1000);
    expect(Math.abs(east.y)).toBeLessThan(2);
  });
});
