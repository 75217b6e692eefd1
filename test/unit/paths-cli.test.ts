import { readFileSync } from 'node:fs';
import { booleanIntersects, length as turfLength, lineString, polygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { cli } from './cliHarness';

const tutorial = JSON.parse(readFileSync('missions/tutorial.json', 'utf8'));
const park = polygon(tutorial.noFlyZones[0].shape.coordinates);

describe('skyhaul path', () => {
  it('prints a GeoJSON LineString with altitudes that goes around the park the straight line would cross', async () => {
    const r = await cli('path', 'missions/tutorial.json', '--from', 'depot-1', '--to', 'order-1', '--json');
    expect(r.code).toBe(0);
    const f = JSON.parse(r.out);
    expect(f.type).toBe('Feature');
    expect(f.geometry.type).toBe('LineString');
    const coords: number[][] = f.geometry.coordinates;
    expect(coords.every((c) => c.length === 3)).toBe(true);
    expect(coords[0][2]).toBe(0);
    expect(Math.max(...coords.map((c) => c[2]))).toBe(tutorial.settings.cruiseAltitudesM[0]);
    const order = tutorial.orders.find((o: { id: string }) => o.id === 'order-1');
    expect(booleanIntersects(lineString([tutorial.depots[0].position, order.position]), park)).toBe(true);
    const flat = coords.map((c) => [c[0], c[1]]).filter((c, i, all) => i === 0 || c[0] !== all[i - 1][0] || c[1] !== all[i - 1][1]);
    expect(booleanIntersects(lineString(flat), park)).toBe(false);
    // Its stated horizontal length matches the geodesic length of its own coordinates (within 0.1 %).
    const geodesicM = turfLength(lineString(flat), { units: 'meters' });
    expect(Math.abs(f.properties.horizontalLengthM - geodesicM) / geodesicM).toBeLessThan(1e-3);
    expect(f.properties.energyWh).toBeGreaterThan(0);
    expect(f.properties.durationS).toBeGreaterThan(f.properties.horizontalLengthM / 30);
  });

  it('prints a readable summary with length, time and energy by default', async () => {
    const r = await cli('path', 'missions/tutorial.json', '--from', 'depot-1', '--to', '114.02,22.545', '--altitude', '75');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/length +\d+\.\d+ km/);
    expect(r.out).toMatch(/time +\d+ min/);
    expect(r.out).toMatch(/energy +\d+\.\d+ Wh/);
    expect(r.out).toContain('"LineString"');
  });

  it('explains a start inside the park and exits 1', async () => {
    const r = await cli('path', 'missions/tutorial.json', '--from', '114.0095,22.557', '--to', 'depot-1');
    expect(r.code).toBe(1);
    expect(r.out).toContain('start-in-zone');
    expect(r.out).toContain('City park');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli('path', 'missions/tutorial.json', '--to', 'depot-1')).code).toBe(2);
    expect((await cli('path', 'missions/tutorial.json', '--from', 'nowhere', '--to', 'depot-1')).code).toBe(2);
    expect((await cli('path', 'missions/tutorial.json', '--from', 'depot-1', '--to', 'order-1', '--altitude', 'high')).code).toBe(2);
  });
});
