/**
 * The one ground-height function the scene layers stand things on: 0 without terrain, the terrain's
 * height above the datum (bilinear, 0 at the origin) with it, one function per terrain object; the map
 * labels use it (a store's name at the ground under the store, a building's at its roof over the ground).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Mission, parseMission } from '../../src/core/mission';
import { elevationAt, encodeHeights } from '../../src/core/terrain';
import { flatGround, groundHeightFor } from '../../src/state/groundHeight';
import { localGeometry } from '../../src/state/geometry';
import { createFrame } from '../../src/core/geo/frame';
import { labelItems } from '../../src/scene/MapLabels';

const loaded = parseMission(JSON.parse(readFileSync('missions/tutorial.json', 'utf8')));
if (!loaded.ok) throw new Error('tutorial refused');
const base: Mission = loaded.mission;

/** A plane tilting up to the east: 100 m AMSL + 1 m per 10 m east, on a 3 x 2 grid 1 km apart. */
const cols = 3;
const rows = 2;
const heights = Float32Array.from({ length: cols * rows }, (_, k) => 100 + ((k % cols) * 1000 - 1000) / 10);
const terrain = { westM: -1000, southM: -1000, spacingM: 1000, cols, rows: 2, heightsF32: encodeHeights(heights) };
const grid = { westM: -1000, southM: -1000, spacingM: 1000, cols, rows, heights };

describe('ground height under a local point', () => {
  it('is 0 everywhere without terrain', () => {
    expect(groundHeightFor(undefined)).toBe(flatGround);
    expect(flatGround(1234, -567)).toBe(0);
  });

  it('is the terrain above the datum (the ground at the origin), bilinear, edges extended', () => {
    const g = groundHeightFor(terrain);
    const datum = elevationAt(grid, 0, 0);
    expect(datum).toBeCloseTo(100, 5);
    expect(g(0, 0)).toBe(0);
    expect(g(500, 0)).toBeCloseTo(50, 4);
    expect(g(-250, 300)).toBeCloseTo(-25, 4);
    expect(g(5000, 0)).toBeCloseTo(100, 4); // beyond the east edge: the edge's height
    expect(g(123, 456)).toBeCloseTo(elevationAt(grid, 123, 456) - datum, 6);
  });

  it('is one function per terrain object (decoded once), a new one for a new terrain', () => {
    expect(groundHeightFor(terrain)).toBe(groundHeightFor(terrain));
    const copy = { ...terrain };
    expect(groundHeightFor(copy)).not.toBe(groundHeightFor(terrain));
    expect(groundHeightFor(copy)(500, 0)).toBeCloseTo(50, 4);
  });

  it('map labels stand at the ground height: a store at its ground, a building at its roof above the ground', () => {
    const mission = { ...base, terrain };
    const geo = localGeometry(mission, createFrame(mission.origin));
    const g = groundHeightFor(terrain);
    const stores = labelItems(geo, null, g);
    geo.depots.forEach((d, i) => expect(stores[i].altM).toBeCloseTo(g(d.at.x, d.at.y), 9));
    const b = geo.buildings[0];
    const label = labelItems(geo, { kind: 'building', id: b.building.id }, g).at(-1);
    const cx = b.ring.reduce((s, p) => s + p.x, 0) / b.ring.length;
    const cy = b.ring.reduce((s, p) => s + p.y, 0) / b.ring.length;
    expect(label?.altM).toBeCloseTo(g(cx, cy) + b.building.heightM, 9);
    // Without terrain, as before: stores at 0.
    expect(labelItems(geo, null).every((l) => l.altM === 0)).toBe(true);
  });
});
