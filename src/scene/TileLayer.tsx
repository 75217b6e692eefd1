import { useEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import * as THREE from 'three';
import type { MetricFrame } from '../core/geo/frame';
import type { LocalGeometry } from '../state/geometry';
import { useMissionStore } from '../state/missionStore';
import { basemapBox, type GroundView, planDetail, planTiles, TILE_PX, type TileId, type TileMesh, type TilePlan, tileMesh, uncoveredIndex, worldPixel } from '../state/basemapMercator';
import { missionTerrain } from '../core/terrain/model';
import { setTilePlan, setTileState, type TileLayerId, tileLoaded, useBasemapStore } from '../state/basemapStore';
import type { OpenBasemap } from '../state/basemapSource';
import { fromScene } from './coords';
import { tileImage } from './vectorTiles/tileImage';
import { viewMetrics } from './viewMetrics';
import { cellTriangles, type TerrainSurface, terrainSurface } from './Ground';

/** Just above the ground plane (-0.5) and under everything else. */
const TILE_ALT_M = -0.3;
/** Drawn right after the ground plane (renderOrder -2), the detail over the base. */
const RENDER_ORDER: Record<TileLayerId, number> = { base: -1.5, detail: -1.4 };
/**
 * With terrain, the part of a tile beyond the terrain mesh lies flat over the ground plane: drawn
 * before the terrain mesh (-1.8), so that the terrain depth-tests against it.
 */
const OUTSIDE_RENDER_ORDER: Record<TileLayerId, number> = { base: -1.95, detail: -1.9 };
/**
 * How far a draped tile's depth is pulled towards the camera, in depth-buffer units (0..1): a few dozen
 * steps of a 24-bit buffer, enough to win over the terrain mesh it coincides with (same vertices, same
 * triangles; only rounding can differ), centimetres in metres, far too little to show through a hill.
 * Done in the shader because the logarithmic depth buffer writes gl_FragDepth, which polygon offset
 * does not touch.
 */
const DRAPE_DEPTH_BIAS = 2e-6;
/** How far (in tile widths, half a texel) a draped tile reaches past its edge: no hairline seams between tiles. */
const DRAPE_UV_SLACK = 0.5 / TILE_PX;
/** How often the detail layer looks at the camera, ms: often enough to follow, rarely enough not to churn while zooming. */
const VIEW_POLL_MS = 300;

/**
 * The basemap's tiles (raster XYZ or PMTiles images, or vector tiles drawn into images with their
 * style by src/scene/vectorTiles/) laid on the ground under the mission: a base layer over
 * the whole mission at the zoom that fits it, and, when the camera comes closer than that is sharp, a
 * detail layer around what it looks at, at the screen's resolution. Each tile is a grid placed exactly
 * in the local frame (src/state/basemapMercator.ts), textured with the tile's image. A tile that
 * cannot be had (offline, outside an archive) is simply absent and counted in the Map panel.
 */
export function TileLayer({ bounds }: { bounds: LocalGeometry['bounds'] }) {
  const status = useBasemapStore((s) => s.status);
  const frame = useMissionStore((s) => s.frame);
  const terrain = useMissionStore((s) => s.mission.terrain);
  // With terrain, tiles are draped on the terrain mesh as drawn (src/scene/Ground.tsx).
  const surface = useMemo(() => {
    const model = terrain ? missionTerrain({ terrain }) : null;
    return model ? terrainSurface(model) : null;
  }, [terrain]);
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
          <TileQuad
            key={tileKey(source, t)}
            layer={layer}
            source={source}
            tile={t}
            frame={frame}
            surface={surface}
            finerZ={layer === 'base' && detail && detail.tiles.length > 0 ? detail.z : null}
          />
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

function tileKey(source: OpenBasemap, t: TileId): string {
  return `${source.id}/${t.z}/${t.x}/${t.y}`;
}

function TileQuad({
  layer,
  source,
  tile,
  frame,
  surface,
  finerZ,
}: {
  layer: TileLayerId;
  source: OpenBasemap;
  tile: TileId;
  frame: MetricFrame;
  surface: TerrainSurface | null;
  /** A base tile: the zoom of the detail layer drawn over it, if any. */
  finerZ: number | null;
}) {
  const [texture, setTexture] = useState<THREE.Texture | null>(null);
  const key = tileKey(source, tile);
  useEffect(() => {
    const abort = new AbortController();
    let made: THREE.Texture | null = null;
    setTileState(layer, key, 'loading');
    // A raster tile's image, or a vector tile drawn with its style: the same texture from here on.
    tileImage(source, tile.z, tile.x, tile.y, abort.signal)
      .then((bitmap) => {
        if (abort.signal.aborted) return bitmap?.close();
        if (!bitmap) return setTileState(layer, key, 'missing');
        made = new THREE.Texture(bitmap);
        // ImageBitmaps are uploaded as they are (no flip): the mesh's v runs down from the top row.
        made.flipY = false;
        made.colorSpace = THREE.SRGBColorSpace;
        made.anisotropy = 4;
        made.needsUpdate = true;
        setTexture(made);
        setTileState(layer, key, 'loaded');
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setTileState(layer, key, 'failed', e instanceof Error ? e.message : String(e));
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
  const mesh = useMemo(() => tileMesh(frame, { z: tile.z, x: tile.x, y: tile.y }), [frame, tile.z, tile.x, tile.y]);
  const parts = useMemo(() => tileParts(frame, mesh, { z: tile.z, x: tile.x, y: tile.y }, surface), [frame, mesh, tile.z, tile.x, tile.y, surface]);
  useEffect(
    () => () => {
      parts.flat?.dispose();
      parts.draped?.dispose();
    },
    [parts],
  );
  // A flat base tile leaves out the cells the loaded detail tiles cover (drawn over them anyway: on a
  // software renderer every layer is a full pass over its pixels). The detail count re-runs it.
  const detailLoaded = useBasemapStore((s) => (finerZ === null ? 0 : s.tiles.detail.loaded));
  useEffect(() => {
    const flat = parts.flat;
    if (!flat || surface) return;
    const keep = finerZ === null ? null : uncoveredIndex(mesh, tile, finerZ, (z, x, y) => tileLoaded('detail', tileKey(source, { z, x, y })));
    flat.setIndex(new THREE.BufferAttribute(keep ?? mesh.index, 1));
  }, [parts, mesh, tile, finerZ, detailLoaded, source, surface]);
  // Materials made here rather than as JSX props: R3F resets a prop that disappears on a re-render to 0
  // (depthFunc 0 is NeverDepth: the tile is never drawn), so one material never changes kind.
  const flatMaterial = useMemo(() => (texture && parts.flat ? flatTileMaterial(texture, surface) : null), [texture, parts, surface]);
  const drapedMaterial = useMemo(() => (texture && parts.draped ? drapedTileMaterial(texture) : null), [texture, parts]);
  useEffect(() => () => flatMaterial?.dispose(), [flatMaterial]);
  useEffect(() => () => drapedMaterial?.dispose(), [drapedMaterial]);
  const name = `tile-${tile.z}-${tile.x}-${tile.y}`;
  return (
    <>
      {parts.flat && flatMaterial && (
        <mesh geometry={parts.flat} material={flatMaterial} name={name} renderOrder={(surface ? OUTSIDE_RENDER_ORDER : RENDER_ORDER)[layer]} />
      )}
      {parts.draped && drapedMaterial && (
        <mesh geometry={parts.draped} material={drapedMaterial} name={`${name}-draped`} renderOrder={RENDER_ORDER[layer]} />
      )}
    </>
  );
}

/**
 * A tile's meshes: flat at TILE_ALT_M without terrain; with terrain, the terrain mesh's cells under the
 * tile (draped) and, when the tile reaches past the terrain, the flat tile for the part outside it.
 */
function tileParts(frame: MetricFrame, mesh: TileMesh, t: TileId, surface: TerrainSurface | null): { flat: THREE.BufferGeometry | null; draped: THREE.BufferGeometry | null } {
  if (!surface) return { flat: flatTileGeometry(mesh), draped: null };
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let k = 0; k < mesh.local.length; k += 2) {
    minX = Math.min(minX, mesh.local[k]);
    maxX = Math.max(maxX, mesh.local[k]);
    minY = Math.min(minY, mesh.local[k + 1]);
    maxY = Math.max(maxY, mesh.local[k + 1]);
  }
  const { nx, ny, xs, zs } = surface;
  // Local y is -z: the surface spans -zs[0] (south) .. -zs[ny - 1] (north).
  const outside = minX < xs[0] || maxX > xs[nx - 1] || minY < -zs[0] || maxY > -zs[ny - 1];
  return { flat: outside ? flatTileGeometry(mesh) : null, draped: drapedTileGeometry(frame, t, surface, { minX, maxX, minY, maxY }) };
}

function flatTileGeometry(mesh: TileMesh): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  const pos = new Float32Array((mesh.local.length / 2) * 3);
  // Scene axes: x east, y up, z south (src/scene/coords.ts).
  for (let k = 0; k < mesh.local.length / 2; k++) pos.set([mesh.local[2 * k], TILE_ALT_M, -mesh.local[2 * k + 1]], 3 * k);
  g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  g.setAttribute('uv', new THREE.BufferAttribute(mesh.uv, 2));
  g.setIndex(new THREE.BufferAttribute(mesh.index, 1));
  g.computeBoundingSphere();
  return g;
}

/**
 * The terrain mesh's cells that overlap a tile's local box, with the terrain's own vertices and
 * triangles (bit-identical depths, so no fighting), each vertex's texture coordinate computed exactly
 * (local -> lng/lat -> the tile's Mercator pixel; inside a cell the GPU's affine interpolation is off
 * by millimetres). The fragment shader drops what falls outside the tile; null when the tile is off the terrain.
 */
function drapedTileGeometry(
  frame: MetricFrame,
  t: TileId,
  s: TerrainSurface,
  box: { minX: number; maxX: number; minY: number; maxY: number },
): THREE.BufferGeometry | null {
  const { nx, ny, xs, zs } = s;
  const cellX = (xs[nx - 1] - xs[0]) / Math.max(1, nx - 1);
  const cellY = (zs[0] - zs[ny - 1]) / Math.max(1, ny - 1);
  const i0 = Math.max(0, Math.floor((box.minX - xs[0]) / cellX));
  const i1 = Math.min(nx - 1, Math.ceil((box.maxX - xs[0]) / cellX));
  const j0 = Math.max(0, Math.floor((box.minY + zs[0]) / cellY));
  const j1 = Math.min(ny - 1, Math.ceil((box.maxY + zs[0]) / cellY));
  if (i1 <= i0 || j1 <= j0) return null;
  const w = i1 - i0 + 1;
  const h = j1 - j0 + 1;
  const pos = new Float32Array(w * h * 3);
  const uv = new Float32Array(w * h * 2);
  for (let j = j0; j <= j1; j++)
    for (let i = i0; i <= i1; i++) {
      const k = (j - j0) * w + (i - i0);
      pos.set([xs[i], s.heights[j * nx + i], zs[j]], 3 * k);
      const p = worldPixel(t.z, frame.toLngLat({ x: xs[i], y: -zs[j] }));
      // u across the image from its left, v down from its top row (textures uploaded without a flip).
      uv.set([p.x / TILE_PX - t.x, p.y / TILE_PX - t.y], 2 * k);
    }
  const index = w * h > 65_535 ? new Uint32Array((w - 1) * (h - 1) * 6) : new Uint16Array((w - 1) * (h - 1) * 6);
  let n = 0;
  for (let j = 0; j < h - 1; j++)
    for (let i = 0; i < w - 1; i++) {
      // The terrain mesh's own split of the cell (same diagonal, same vertex order).
      index.set(cellTriangles(w, i, j), n);
      n += 6;
    }
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  g.setAttribute('uv', new THREE.BufferAttribute(uv, 2));
  g.setIndex(new THREE.BufferAttribute(index, 1));
  g.computeBoundingSphere();
  return g;
}

/**
 * A flat tile (no terrain, or its part beyond the terrain): over the ground plane whatever the depth
 * says (0.2 m above it, far away at a grazing angle, the depth buffer cannot tell them apart: holes in
 * the map). With terrain, the part over the terrain mesh is dropped (the draped tile is drawn there).
 */
function flatTileMaterial(texture: THREE.Texture, surface: TerrainSurface | null): THREE.MeshBasicMaterial {
  // Not tone mapped: the map keeps the colours it was drawn with.
  const m = new THREE.MeshBasicMaterial({ map: texture, toneMapped: false, depthFunc: THREE.AlwaysDepth });
  if (!surface) return m;
  const { nx, ny, xs, zs } = surface;
  const rect = new THREE.Vector4(xs[0], zs[ny - 1], xs[nx - 1], zs[0]);
  m.onBeforeCompile = (shader) => {
    shader.uniforms.terrainRect = { value: rect };
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nvarying vec2 vGroundXZ;')
      .replace('#include <project_vertex>', '#include <project_vertex>\nvGroundXZ = (modelMatrix * vec4(transformed, 1.0)).xz;');
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying vec2 vGroundXZ;\nuniform vec4 terrainRect;')
      .replace(
        '#include <map_fragment>',
        'if (all(greaterThan(vGroundXZ, terrainRect.xy)) && all(lessThan(vGroundXZ, terrainRect.zw))) discard;\n#include <map_fragment>',
      );
  };
  m.customProgramCacheKey = () => 'tile-outside-terrain';
  return m;
}

/** A tile draped on the terrain: depth-tested (hills hide what is behind them), pulled a hair towards the camera. */
function drapedTileMaterial(texture: THREE.Texture): THREE.MeshBasicMaterial {
  const m = new THREE.MeshBasicMaterial({ map: texture, toneMapped: false });
  m.onBeforeCompile = (shader) => {
    shader.fragmentShader = shader.fragmentShader
      .replace(
        '#include <logdepthbuf_fragment>',
        `#include <logdepthbuf_fragment>
#ifdef USE_LOGARITHMIC_DEPTH_BUFFER
gl_FragDepth -= ${DRAPE_DEPTH_BIAS.toExponential(1)};
#else
gl_FragDepth = gl_FragCoord.z - ${DRAPE_DEPTH_BIAS.toExponential(1)};
#endif`,
      )
      .replace(
        '#include <map_fragment>',
        `if (any(lessThan(vMapUv, vec2(${-DRAPE_UV_SLACK}))) || any(greaterThan(vMapUv, vec2(${1 + DRAPE_UV_SLACK})))) discard;
#include <map_fragment>`,
      );
  };
  m.customProgramCacheKey = () => 'tile-draped';
  return m;
}

/**
 * For the test hook: up to `limit` vertices of the drawn tiles, spread over them, as local x, y (metres)
 * and the height they are drawn at (scene metres above the datum).
 */
export function describeTileVertices(scene: THREE.Object3D | undefined, limit = 200): { x: number; y: number; h: number }[] {
  const group = scene?.getObjectByName('map-tiles');
  const out: { x: number; y: number; h: number }[] = [];
  const meshes: THREE.Mesh[] = [];
  group?.traverse((o) => {
    if ((o as THREE.Mesh).isMesh) meshes.push(o as THREE.Mesh);
  });
  const perMesh = Math.max(1, Math.ceil(limit / Math.max(1, meshes.length)));
  for (const m of meshes) {
    const pos = m.geometry.getAttribute('position');
    const step = Math.max(1, Math.floor(pos.count / perMesh));
    // Scene axes: x east, y up, z south.
    for (let k = 0; k < pos.count && out.length < limit; k += step) out.push({ x: pos.getX(k), y: -pos.getZ(k), h: pos.getY(k) });
  }
  return out;
}
