import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { MetricFrame } from '../core/geo/frame';
import type { LocalGeometry } from '../state/geometry';
import { useMissionStore } from '../state/missionStore';
import { basemapBox, type GroundView, planDetail, planTiles, type TileId, type TilePlan, tileMesh } from '../state/basemapMercator';
import { setTilePlan, setTileState, type TileLayerId, useBasemapStore } from '../state/basemapStore';
import type { OpenBasemap } from '../state/basemapSource';
import { fromScene } from './coords';
import { viewMetrics } from './viewMetrics';

/** Just above the ground plane (-0.5) and under everything else. */
const TILE_ALT_M = -0.3;
/** Drawn right after the ground plane (renderOrder -2), the detail over the base. */
const RENDER_ORDER: Record<TileLayerId, number> = { base: -1.5, detail: -1.4 };
/** How often the detail layer looks at the camera, ms: often enough to follow, rarely enough not to churn while zooming. */
const VIEW_POLL_MS = 300;

/**
 * The basemap's raster tiles (XYZ or PMTiles) laid on the ground under the mission: a base layer over
 * the whole mission at the zoom that fits it, and, when the camera comes closer than that is sharp, a
 * detail layer around what it looks at, at the screen's resolution. Each tile is a grid placed exactly
 * in the local frame (src/state/basemapMercator.ts), textured with the tile image decoded off the main
 * thread. A tile that cannot be had (offline, outside an archive) is simply absent and counted in the
 * Map panel.
 */
export function TileLayer({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const status = useBasemapStore((s) => s.status);
  const frame = useMissionStore((s) => s.frame);
  const source = status.state === 'ready' ? status.source : null;
  const base = useMemo(() => (source ? planTiles(frame, basemapBox(bounds), source) : null), [source, frame, bounds]);
  const view = useGroundView(source !== null);
  const detail = useMemo(() => (source && base && view ? planDetail(frame, view, source, base.z) : null), [source, frame, base, view]);
  usePlanCounts('base', base);
  usePlanCounts('detail', detail);
  if (!source) return null;
  return (
    <group name="map-tiles">
      {(['base', 'detail'] as const).map((layer) =>
        (layer === 'base' ? base : detail)?.tiles.map((t) => (
          <TileQuad key={`${source.id}/${t.z}/${t.x}/${t.y}`} layer={layer} source={source} tile={t} frame={frame} />
        )),
      )}
    </group>
  );
}

function usePlanCounts(layer: TileLayerId, plan: TilePlan | null) {
  useEffect(() => setTilePlan(layer, plan && plan.tiles.length > 0 ? plan.z : null, plan?.needed ?? 0, plan?.tiles.length ?? 0), [layer, plan]);
}

/**
 * The ground the camera looks at, sampled every VIEW_POLL_MS and only passed on when it changed enough
 * to matter (resolution by a fifth, or the centre by a quarter of the view): a state change re-plans
 * the detail tiles.
 */
function useGroundView(on: boolean): GroundView | null {
  const controls = useThree((s) => s.controls) as unknown as { target?: THREE.Vector3 } | null;
  const size = useThree((s) => s.size);
  const [view, setView] = useState<GroundView | null>(null);
  const last = useRef(0);
  useFrame(() => {
    const now = performance.now();
    if (!on || !controls?.target || now - last.current < VIEW_POLL_MS) return;
    last.current = now;
    const mpp = viewMetrics.metresPerPixel;
    const next: GroundView = {
      centre: fromScene(controls.target.x, controls.target.z),
      halfWidthM: (mpp * size.width) / 2,
      halfHeightM: (mpp * size.height) / 2,
      metresPerPixel: mpp,
    };
    setView((prev) => {
      if (!prev) return next;
      const moved = Math.hypot(next.centre.x - prev.centre.x, next.centre.y - prev.centre.y) > prev.halfHeightM / 2;
      const zoomed = Math.abs(Math.log(next.metresPerPixel / prev.metresPerPixel)) > 0.2;
      return moved || zoomed ? next : prev;
    });
  });
  return on ? view : null;
}

function TileQuad({ layer, source, tile, frame }: { layer: TileLayerId; source: OpenBasemap; tile: TileId; frame: MetricFrame }) {
  const [texture, setTexture] = useState<THREE.Texture | null>(null);
  const key = `${source.id}/${tile.z}/${tile.x}/${tile.y}`;
  useEffect(() => {
    const abort = new AbortController();
    let made: THREE.Texture | null = null;
    setTileState(layer, key, 'loading');
    source
      .tile(tile.z, tile.x, tile.y, abort.signal)
      .then(async (blob) => {
        if (!blob) return setTileState(layer, key, 'missing');
        const bitmap = await createImageBitmap(blob);
        if (abort.signal.aborted) return bitmap.close();
        made = new THREE.Texture(bitmap);
        // ImageBitmaps are uploaded as they are (no flip): the mesh's v runs down from the top row.
        made.flipY = false;
        made.colorSpace = THREE.SRGBColorSpace;
        made.anisotropy = 4;
        made.needsUpdate = true;
        setTexture(made);
        setTileState(layer, key, 'loaded');
      })
      .catch(() => {
        if (!abort.signal.aborted) setTileState(layer, key, 'failed');
      });
    return () => {
      abort.abort();
      setTileState(layer, key, null);
      if (made) {
        (made.image as ImageBitmap).close();
        made.dispose();
      }
    };
  }, [layer, source, tile.z, tile.x, tile.y, key]);
  const geometry = useMemo(() => {
    const mesh = tileMesh(frame, { z: tile.z, x: tile.x, y: tile.y });
    const g = new THREE.BufferGeometry();
    const pos = new Float32Array((mesh.local.length / 2) * 3);
    for (let k = 0; k < mesh.local.length / 2; k++) {
      // Scene axes: x east, y up, z south (src/scene/coords.ts).
      pos.set([mesh.local[2 * k], TILE_ALT_M, -mesh.local[2 * k + 1]], 3 * k);
    }
    g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
    g.setAttribute('uv', new THREE.BufferAttribute(mesh.uv, 2));
    g.setIndex(new THREE.BufferAttribute(mesh.index, 1));
    g.computeBoundingSphere();
    return g;
  }, [frame, tile.z, tile.x, tile.y]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  if (!texture) return null;
  return (
    // Over the ground plane whatever the depth says: 0.2 m above it, far away at a grazing angle, the
    // depth buffer cannot tell them apart (holes in the map).
    <mesh geometry={geometry} name={`tile-${tile.z}-${tile.x}-${tile.y}`} renderOrder={RENDER_ORDER[layer]}>
      {/* Not tone mapped: the map keeps the colours it was drawn with. */}
      <meshBasicMaterial map={texture} toneMapped={false} depthFunc={THREE.AlwaysDepth} />
    </mesh>
  );
}
