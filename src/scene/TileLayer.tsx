import { useEffect, useMemo, useState } from 'react';
import * as THREE from 'three';
import type { LocalGeometry } from '../state/geometry';
import { useMissionStore } from '../state/missionStore';
import { tileCorner, tileRange, tileUrl, useTileSettings, validTileTemplate } from '../state/tileSettings';
import { toScene } from './coords';

/** Most tiles drawn at once; the zoom level is chosen so the mission fits in about this many. */
const MAX_TILES_PER_SIDE = 8;
const MARGIN_M = 3000;

interface Tile {
  key: string;
  url: string;
  centre: [number, number, number];
  widthM: number;
  heightM: number;
}

/**
 * Raster tiles from the user's XYZ URL laid on the ground under the mission (a tile is a flat quad
 * in the local frame; over a few km the projection difference is below a pixel). Tiles that fail
 * to load (offline) are simply absent.
 */
export function TileLayer({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const { urlTemplate, enabled } = useTileSettings();
  const frame = useMissionStore((s) => s.frame);
  const tiles = useMemo<Tile[]>(() => {
    if (!enabled || !validTileTemplate(urlTemplate)) return [];
    const sw = frame.toLngLat({ x: bounds.minX - MARGIN_M, y: bounds.minY - MARGIN_M });
    const ne = frame.toLngLat({ x: bounds.maxX + MARGIN_M, y: bounds.maxY + MARGIN_M });
    const spanM = Math.max(bounds.maxX - bounds.minX, bounds.maxY - bounds.minY) + 2 * MARGIN_M;
    const lat = (sw[1] + ne[1]) / 2;
    const z = Math.max(1, Math.min(17, Math.floor(Math.log2((40_075_016 * Math.cos((lat * Math.PI) / 180) * MAX_TILES_PER_SIDE) / spanM))));
    const r = tileRange(z, sw[0], sw[1], ne[0], ne[1]);
    const out: Tile[] = [];
    for (let x = r.x0; x <= r.x1; x++) {
      for (let y = r.y0; y <= r.y1; y++) {
        const nw = frame.toLocal(tileCorner(z, x, y));
        const se = frame.toLocal(tileCorner(z, x + 1, y + 1));
        out.push({
          key: `${z}/${x}/${y}`,
          url: tileUrl(urlTemplate, z, x, y),
          centre: toScene({ x: (nw.x + se.x) / 2, y: (nw.y + se.y) / 2 }, -0.3),
          widthM: se.x - nw.x,
          heightM: nw.y - se.y,
        });
      }
    }
    return out;
  }, [enabled, urlTemplate, frame, bounds]);
  return (
    <group name="map-tiles">
      {tiles.map((t) => (
        <TileQuad key={t.key} tile={t} />
      ))}
    </group>
  );
}

function TileQuad({ tile }: { tile: Tile }) {
  const [texture, setTexture] = useState<THREE.Texture | null>(null);
  useEffect(() => {
    let live = true;
    const loader = new THREE.TextureLoader();
    loader.setCrossOrigin('anonymous');
    loader.load(
      tile.url,
      (t) => {
        t.colorSpace = THREE.SRGBColorSpace;
        if (live) setTexture(t);
        else t.dispose();
      },
      undefined,
      () => undefined, // offline or refused: no tile
    );
    return () => {
      live = false;
    };
  }, [tile.url]);
  useEffect(() => () => texture?.dispose(), [texture]);
  if (!texture) return null;
  return (
    <mesh position={tile.centre} rotation-x={-Math.PI / 2}>
      <planeGeometry args={[tile.widthM, tile.heightM]} />
      <meshBasicMaterial map={texture} />
    </mesh>
  );
}
