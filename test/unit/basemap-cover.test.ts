import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { TILE_GRID, tileMesh, uncoveredIndex } from '../../src/state/basemapMercator';

const frame = createFrame([114.05, 22.55]);
const t = { z: 12, x: 3340, y: 1785 };
const mesh = tileMesh(frame, t);
const cellCount = (index: Uint16Array | null) => (index ?? mesh.index).length / 6;
const setOf = (tiles: [number, number, number][]) => {
  const keys = new Set(tiles.map(([z, x, y]) => `${z}/${x}/${y}`));
  return (z: number, x: number, y: number) => keys.has(`${z}/${x}/${y}`);
};

describe('a base tile under a finer layer (uncoveredIndex)', () => {
  it('leaves out exactly the cells whose own tile is loaded, and keeps the rest whole', () => {
    // Cells are tiles of zoom z + 3: the west half of the tile loaded at zoom 15.
    const west: [number, number, number][] = [];
    for (let j = 0; j < TILE_GRID; j++) for (let i = 0; i < TILE_GRID / 2; i++) west.push([15, t.x * 8 + i, t.y * 8 + j]);
    const keep = uncoveredIndex(mesh, t, 15, setOf(west));
    expect(cellCount(keep)).toBe((TILE_GRID * TILE_GRID) / 2);
    // Every kept triangle belongs to the east half (u >= 0.5 at all three corners).
    for (const v of keep!) expect(mesh.uv[2 * v]).toBeGreaterThanOrEqual(0.5);
  });

  it('needs every finer tile of a cell (zoom 16: four), or a coarser ancestor (zoom 14: one for four cells)', () => {
    const cx = t.x * 8;
    const cy = t.y * 8;
    const three: [number, number, number][] = [
      [16, 2 * cx, 2 * cy],
      [16, 2 * cx + 1, 2 * cy],
      [16, 2 * cx, 2 * cy + 1],
    ];
    expect(uncoveredIndex(mesh, t, 16, setOf(three))).toBeNull();
    expect(cellCount(uncoveredIndex(mesh, t, 16, setOf([...three, [16, 2 * cx + 1, 2 * cy + 1]])))).toBe(63);
    expect(cellCount(uncoveredIndex(mesh, t, 14, setOf([[14, cx >> 1, cy >> 1]])))).toBe(60);
  });

  it('draws the whole grid when nothing finer is loaded or the other layer is not finer', () => {
    expect(uncoveredIndex(mesh, t, 15, () => false)).toBeNull();
    expect(uncoveredIndex(mesh, t, 12, () => true)).toBeNull();
    expect(cellCount(uncoveredIndex(mesh, t, 15, () => true))).toBe(0);
  });
});
