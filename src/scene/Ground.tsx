import { useMemo } from 'react';
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
      <mesh rotation-x={-Math.PI / 2} position={[cx, -0.5, cz]} receiveShadow name="ground" renderOrder={-2}>
        <planeGeometry args={[size, size]} />
        <meshStandardMaterial color="#dfe6dc" />
      </mesh>
      {terrain ? <TerrainMesh terrain={terrain} /> : <gridHelper args={[size, size / 1000, '#8aa39a', '#b8c7bf']} position={[cx, 0, cz]} />}
    </group>
  );
}

function TerrainMesh({ terrain }: { terrain: Terrain }) {
  const geometry = useMemo(() => {
    const model = missionTerrain({ terrain });
    return model ? terrainGeometry(model) : null;
  }, [terrain]);
  if (!geometry) return null;
  return (
    <mesh geometry={geometry} name="terrain" receiveShadow renderOrder={-1}>
      <meshStandardMaterial color="#cfdcc8" flatShading />
    </mesh>
  );
}

/** Scene axes: x east, y up (height above the datum), z south. */
function terrainGeometry(model: TerrainModel): BufferGeometry {
  const g = model.grid;
  const step = Math.max(1, Math.ceil(Math.max(g.cols, g.rows) / MAX_MESH_SIDE));
  const nx = Math.floor((g.cols - 1) / step) + 1;
  const ny = Math.floor((g.rows - 1) / step) + 1;
  const pos = new Float32Array(nx * ny * 3);
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++) {
      const k = (j * nx + i) * 3;
      const c = i * step;
      const r = j * step;
      pos[k] = g.westM + c * g.spacingM;
      pos[k + 1] = g.heights[r * g.cols + c] - model.datumM;
      pos[k + 2] = -(g.southM + r * g.spacingM);
    }
  const index = new Uint32Array((nx - 1) * (ny - 1) * 6);
  let n = 0;
  for (let j = 0; j < ny - 1; j++)
    for (let i = 0; i < nx - 1; i++) {
      const a = j * nx + i;
      const b = a + 1;
      const c = a + nx;
      const d = c + 1;
      // Counter-clockwise seen from above (y up, z south).
      index.set([a, b, c, b, d, c], n);
      n += 6;
    }
  const geo = new BufferGeometry();
  geo.setAttribute('position', new BufferAttribute(pos, 3));
  geo.setIndex(new BufferAttribute(index, 1));
  geo.computeVertexNormals();
  return geo;
}
