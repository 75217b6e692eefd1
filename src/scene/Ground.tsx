import { useEffect, useMemo } from 'react';
import { BufferAttribute, BufferGeometry } from 'three';
import type { LocalGeometry } from '../state/geometry';
import { useMissionStore } from '../state/missionStore';
import type { Terrain } from '../core/mission/terrain';
import { type TerrainModel, missionTerrain } from '../core/terrain/model';

/** The most vertices per side of the drawn terrain mesh (a finer grid is drawn every k-th sample). */
const MAX_MESH_SIDE = 512;

/**
 * Ground plane with a 1 km grid (thin lines) over the mission extent plus a margin; with terrain, a
 * mesh displaced by the ground's height above the mission datum (the heights the paths and drones use,
 * so they stand on it). Markers, pads, labels and drop lines stand on it through src/state/groundHeight.ts.
 */
export function Ground({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const terrain = useMissionStore((s) => s.mission.terrain);
  // Under the whole terrain: at -0.5 the plane would cover the ground (and the map on it) wherever
  // the terrain dips below the datum.
  const planeY = useMemo(() => {
    const model = terrain ? missionTerrain({ terrain }) : null;
    return Math.min(0, model ? terrainSurface(model).minY : 0) - 0.5;
  }, [terrain]);
  const { cx, cz, size } = useMemo(() => {
    const margin = 5000;
    const w = bounds.maxX - bounds.minX + 2 * margin;
    const h = bounds.maxY - bounds.minY + 2 * margin;
    const size = Math.ceil(Math.max(w, h) / 1000) * 1000;
    return {
      cx: Math.round((bounds.minX + bounds.maxX) / 2000) * 1000,
      cz: -Math.round((bounds.minY + bounds.maxY) / 2000) * 1000,
      size,
    };
  }, [bounds]);
  return (
    <group>
      <mesh rotation-x={-Math.PI / 2} position={[cx, planeY, cz]} receiveShadow name="ground" renderOrder={-2}>
        <planeGeometry args={[size, size]} />
        <meshStandardMaterial color="#dfe6dc" />
      </mesh>
      {terrain ? <TerrainMesh terrain={terrain} /> : <gridHelper args={[size, size / 1000, '#8aa39a', '#b8c7bf']} position={[cx, 0, cz]} />}
    </group>
  );
}

/**
 * Drawn after the flat ground plane (-2) and before the basemap tiles (-1.5): the tiles draped on it
 * reuse its very vertices and triangles (src/scene/TileLayer.tsx), so they can be depth-tested against
 * it (a hill hides the map behind it) without fighting it.
 */
function TerrainMesh({ terrain }: { terrain: Terrain }) {
  const geometry = useMemo(() => {
    const model = missionTerrain({ terrain });
    return model ? terrainGeometry(terrainSurface(model)) : null;
  }, [terrain]);
  useEffect(() => () => geometry?.dispose(), [geometry]);
  if (!geometry) return null;
  return (
    <mesh geometry={geometry} name="terrain" receiveShadow renderOrder={-1.8}>
      <meshStandardMaterial color="#cfdcc8" flatShading />
    </mesh>
  );
}

/**
 * The terrain surface as drawn: every step-th sample of the grid, as scene coordinates already rounded
 * to what the GPU gets (Float32), so that anything built from these arrays has bit-identical vertices.
 */
export interface TerrainSurface {
  /** Vertices per row (west to east) and per column (south to north). */
  nx: number;
  ny: number;
  /** Scene x of each column. */
  xs: Float32Array;
  /** Scene z of each row (z south: decreasing as rows go north). */
  zs: Float32Array;
  /** Scene y (height above the datum) of vertex (i, j) at j * nx + i. */
  heights: Float32Array;
  /** Lowest height drawn. */
  minY: number;
}

const surfaces = new WeakMap<TerrainModel, TerrainSurface>();

export function terrainSurface(model: TerrainModel): TerrainSurface {
  const cached = surfaces.get(model);
  if (cached) return cached;
  const g = model.grid;
  const step = Math.max(1, Math.ceil(Math.max(g.cols, g.rows) / MAX_MESH_SIDE));
  const nx = Math.floor((g.cols - 1) / step) + 1;
  const ny = Math.floor((g.rows - 1) / step) + 1;
  const xs = Float32Array.from({ length: nx }, (_, i) => g.westM + i * step * g.spacingM);
  const zs = Float32Array.from({ length: ny }, (_, j) => -(g.southM + j * step * g.spacingM));
  const heights = new Float32Array(nx * ny);
  let minY = Number.POSITIVE_INFINITY;
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const h = g.heights[j * step * g.cols + i * step] - model.datumM;
      heights[j * nx + i] = h;
      minY = Math.min(minY, h);
    }
  const s = { nx, ny, xs, zs, heights, minY };
  surfaces.set(model, s);
  return s;
}

/**
 * The two triangles of surface cell (i, j) (its south-west vertex), counter-clockwise seen from above
 * (y up, z south): the one split every mesh draped on the terrain must use too.
 */
export function cellTriangles(nx: number, i: number, j: number): [number, number, number, number, number, number] {
  const a = j * nx + i;
  const b = a + 1;
  const c = a + nx;
  const d = c + 1;
  return [a, b, c, b, d, c];
}

/** Scene axes: x east, y up (height above the datum), z south. */
function terrainGeometry(s: TerrainSurface): BufferGeometry {
  const { nx, ny } = s;
  const pos = new Float32Array(nx * ny * 3);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const k = j * nx + i;
      pos.set([s.xs[i], s.heights[k], s.zs[j]], 3 * k);
    }
  const index = new Uint32Array((nx - 1) * (ny - 1) * 6);
  let n = 0;
  for (let j = 0; j < ny - 1; j++)
    for (let i = 0; i < nx - 1; i++) {
      index.set(cellTriangles(nx, i, j), n);
      n += 6;
    }
  const geo = new BufferGeometry();
  geo.setAttribute('position', new BufferAttribute(pos, 3));
  geo.setIndex(new BufferAttribute(index, 1));
  geo.computeVertexNormals();
  return geo;
}
