/**
 * Many buildings as a few merged meshes: walls (one quad per edge, outward normals) and a flat roof,
 * grouped into spatial chunks so that the camera culls what is off screen and a pointer ray tests only
 * the chunks whose bounds it meets. Each chunk knows which building every triangle and vertex belongs
 * to (for picking and highlighting). Plain three.js, no React: built once per building list (memoised
 * by the caller), in about a second for 100,000 buildings.
 */
import * as THREE from 'three';
import type { MetricFrame, XY } from '../core/geo/frame';
import type { MapContext } from '../core/mission';

export interface BuildingShape {
  /** Outer ring in local metres (x east, y north), not closed; either orientation. */
  ring: readonly XY[];
  /** Courtyards, if any. */
  holes?: readonly (readonly XY[])[];
  heightM: number;
}

export interface BuildingChunk {
  geometry: THREE.BufferGeometry;
  /**
   * Roofs only (with `roofs`): the far level of detail, a fifth of the triangles. Seen from a few
   * kilometres a wall is a pixel or two high, the roof is what shows.
   */
  roofGeometry?: THREE.BufferGeometry;
  /** One point per building at its roof's middle (with `roofs`): the farthest level, for buildings a few pixels wide. */
  pointGeometry?: THREE.BufferGeometry;
  /** Index (into the input list) of the building each triangle belongs to. */
  triangleOwner: Int32Array;
  /** The input indices in this chunk, and each one's first vertex and vertex count in the geometry. */
  members: Int32Array;
  firstVertex: Int32Array;
  vertexCount: Int32Array;
}

/** Context buildings as shapes in local metres (rings without their closing corner). */
export function contextBuildingShapes(buildings: MapContext['buildings'], frame: MetricFrame): BuildingShape[] {
  return buildings.map((b) => {
    const [outer, ...holes] = b.footprint.coordinates.map((ring) => ring.slice(0, -1).map((p) => frame.toLocal(p)));
    return { ring: outer, holes, heightM: b.heightM };
  });
}

/** About this many buildings per chunk: a hundred draw calls for 100,000, and culling, level of detail and picking stay local. */
const PER_CHUNK = 1000;

export interface ChunkOptions {
  /** A white `color` attribute to paint buildings in (hover), for a lit material with vertex colours. */
  paintable?: boolean;
  /**
   * Bake simple lighting into vertex colours of this base colour (roofs full, walls by their facing to
   * the scene's sun) for an unlit material: no normals, the cheapest shading there is (what counts
   * with a software renderer).
   */
  baked?: THREE.Color;
  /** Also build the roofs-only and the points geometries (the far levels of detail). */
  roofs?: boolean;
  perChunk?: number;
}

/** The scene's sun direction (MissionScene's directional light), flattened: walls facing it are lighter. */
const SUN = new THREE.Vector2(5000, -3000).normalize();

export function buildBuildingChunks(buildings: readonly BuildingShape[], opts: ChunkOptions = {}): BuildingChunk[] {
  const perChunk = opts.perChunk ?? PER_CHUNK;
  if (buildings.length === 0) return [];
  // Chunks: a square grid over the buildings' first corners, about PER_CHUNK buildings per cell.
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of buildings) {
    const p = b.ring[0];
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  const side = Math.max(1, Math.round(Math.sqrt(buildings.length / perChunk)));
  const cw = (maxX - minX) / side || 1;
  const ch = (maxY - minY) / side || 1;
  const cells: number[][] = Array.from({ length: side * side }, () => []);
  buildings.forEach((b, i) => {
    const cx = Math.min(side - 1, Math.floor((b.ring[0].x - minX) / cw));
    const cy = Math.min(side - 1, Math.floor((b.ring[0].y - minY) / ch));
    cells[cy * side + cx].push(i);
  });
  return cells.filter((c) => c.length > 0).map((members) => buildChunk(buildings, members, opts));
}

/** Rings oriented for outward walls: outer counter-clockwise, holes clockwise (in x east, y north). */
function orient(ring: readonly XY[], ccw: boolean): readonly XY[] {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) area += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  return area > 0 === ccw ? ring : [...ring].reverse();
}

function isConvex(ring: readonly XY[]): boolean {
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i];
    const b = ring[(i + 1) % n];
    const c = ring[(i + 2) % n];
    if ((b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x) < 0) return false;
  }
  return true;
}

function buildChunk(all: readonly BuildingShape[], memberList: number[], opts: ChunkOptions): BuildingChunk {
  const baked = opts.baked;
  // Sizes first, so every array is allocated once.
  let verts = 0;
  let tris = 0;
  let roofVerts = 0;
  let roofTris = 0;
  const shapes = memberList.map((i) => {
    const b = all[i];
    const rings = [orient(b.ring, true), ...(b.holes ?? []).map((h) => orient(h, false))].filter((r) => r.length >= 3);
    let n = 0;
    for (const r of rings) n += r.length;
    verts += 5 * n; // 4 per wall quad, 1 per roof corner
    tris += 2 * n + (n - 2) + 2 * (rings.length - 1);
    roofVerts += n;
    roofTris += n - 2 + 2 * (rings.length - 1);
    return { b, rings };
  });
  const pos = new Float32Array(verts * 3);
  const nor = new Float32Array(baked ? 0 : verts * 3);
  const col = new Float32Array(baked || opts.paintable ? verts * 3 : 0);
  const points = opts.roofs ? { pos: new Float32Array(memberList.length * 3), col: new Float32Array(baked ? memberList.length * 3 : 0) } : null;
  const roofOnly = opts.roofs ? { pos: new Float32Array(roofVerts * 3), col: new Float32Array(baked ? roofVerts * 3 : 0), index: new Uint32Array(roofTris * 3), v: 0, t: 0 } : null;
  if (opts.paintable && !baked) col.fill(1);
  const index = new Uint32Array(tris * 3);
  const triangleOwner = new Int32Array(tris);
  const firstVertex = new Int32Array(memberList.length);
  const vertexCount = new Int32Array(memberList.length);
  let v = 0;
  let t = 0;
  const put = (x: number, y: number, z: number, nx: number, ny: number, nz: number) => {
    pos[3 * v] = x;
    pos[3 * v + 1] = y;
    pos[3 * v + 2] = z;
    if (baked) {
      // Roofs in full light; walls between 0.6 (away from the sun) and 0.9 (facing it).
      const shade = ny > 0.5 ? 1 : 0.75 + 0.15 * (nx * SUN.x - nz * SUN.y);
      col[3 * v] = baked.r * shade;
      col[3 * v + 1] = baked.g * shade;
      col[3 * v + 2] = baked.b * shade;
    } else {
      nor[3 * v] = nx;
      nor[3 * v + 1] = ny;
      nor[3 * v + 2] = nz;
    }
    return v++;
  };
  const tri = (a: number, b: number, c: number, owner: number) => {
    index[3 * t] = a;
    index[3 * t + 1] = b;
    index[3 * t + 2] = c;
    triangleOwner[t++] = owner;
  };
  shapes.forEach(({ b, rings }, m) => {
    const owner = memberList[m];
    const h = b.heightM;
    firstVertex[m] = v;
    // Scene axes: x east, y up, z south. A wall a -> d with material on its left faces right (outward).
    for (const ring of rings) {
      for (let i = 0; i < ring.length; i++) {
        const a = ring[i];
        const d = ring[(i + 1) % ring.length];
        const len = Math.hypot(d.x - a.x, d.y - a.y) || 1;
        const nx = (d.y - a.y) / len;
        const nz = (d.x - a.x) / len; // outward (east, north) = (dy, -dx); scene z = -north
        const i0 = put(a.x, 0, -a.y, nx, 0, nz);
        const i1 = put(d.x, 0, -d.y, nx, 0, nz);
        const i2 = put(d.x, h, -d.y, nx, 0, nz);
        const i3 = put(a.x, h, -a.y, nx, 0, nz);
        // Counter-clockwise seen from outside.
        tri(i0, i1, i2, owner);
        tri(i0, i2, i3, owner);
      }
    }
    const roof = v;
    for (const ring of rings) for (const p of ring) put(p.x, h, -p.y, 0, 1, 0);
    const roofT = t;
    // Seen from above (scene y up, z south), a counter-clockwise ring in (x, north) stays counter-clockwise.
    if (rings.length === 1 && isConvex(rings[0])) {
      for (let i = 1; i + 1 < rings[0].length; i++) tri(roof, roof + i, roof + i + 1, owner);
    } else {
      const [outer, ...holes] = rings;
      const faces = THREE.ShapeUtils.triangulateShape(
        outer.map((p) => new THREE.Vector2(p.x, p.y)),
        holes.map((hole) => hole.map((p) => new THREE.Vector2(p.x, p.y))),
      );
      const pts = rings.flat();
      for (const [i, j, k] of faces) {
        // Earcut's winding is not promised: make every roof triangle face up.
        const up = (pts[j].x - pts[i].x) * (pts[k].y - pts[i].y) - (pts[j].y - pts[i].y) * (pts[k].x - pts[i].x) >= 0;
        if (up) tri(roof + i, roof + j, roof + k, owner);
        else tri(roof + i, roof + k, roof + j, owner);
      }
    }
    vertexCount[m] = v - firstVertex[m];
    if (roofOnly) {
      // The roof's corners and triangles again, renumbered for the roofs-only geometry.
      const r0 = roofOnly.v;
      roofOnly.pos.set(pos.subarray(3 * roof, 3 * v), 3 * r0);
      if (baked) roofOnly.col.set(col.subarray(3 * roof, 3 * v), 3 * r0);
      roofOnly.v += v - roof;
      for (let k = 3 * roofT; k < 3 * t; k++) roofOnly.index[roofOnly.t++] = index[k] - roof + r0;
    }
    if (points) {
      // The outer ring's vertex average: inside for the convex and near-convex footprints that matter here.
      const outer = rings[0];
      let sx = 0;
      let sy = 0;
      for (const p of outer) {
        sx += p.x;
        sy += p.y;
      }
      points.pos[3 * m] = sx / outer.length;
      points.pos[3 * m + 1] = h;
      points.pos[3 * m + 2] = -sy / outer.length;
      if (baked) points.col.set([baked.r, baked.g, baked.b], 3 * m);
    }
  });
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(pos, 3));
  if (!baked) geometry.setAttribute('normal', new THREE.BufferAttribute(nor, 3));
  if (col.length > 0) geometry.setAttribute('color', new THREE.BufferAttribute(col, 3));
  geometry.setIndex(new THREE.BufferAttribute(index.subarray(0, 3 * t), 1));
  geometry.computeBoundingBox();
  geometry.computeBoundingSphere();
  let roofGeometry: THREE.BufferGeometry | undefined;
  if (roofOnly) {
    roofGeometry = new THREE.BufferGeometry();
    roofGeometry.setAttribute('position', new THREE.BufferAttribute(roofOnly.pos.subarray(0, 3 * roofOnly.v), 3));
    if (baked) roofGeometry.setAttribute('color', new THREE.BufferAttribute(roofOnly.col.subarray(0, 3 * roofOnly.v), 3));
    else roofGeometry.setAttribute('normal', new THREE.BufferAttribute(new Float32Array(3 * roofOnly.v).map((_, i) => (i % 3 === 1 ? 1 : 0)), 3));
    roofGeometry.setIndex(new THREE.BufferAttribute(roofOnly.index.subarray(0, roofOnly.t), 1));
    roofGeometry.boundingBox = geometry.boundingBox;
    roofGeometry.boundingSphere = geometry.boundingSphere;
  }
  let pointGeometry: THREE.BufferGeometry | undefined;
  if (points) {
    pointGeometry = new THREE.BufferGeometry();
    pointGeometry.setAttribute('position', new THREE.BufferAttribute(points.pos, 3));
    if (baked) pointGeometry.setAttribute('color', new THREE.BufferAttribute(points.col, 3));
    pointGeometry.boundingBox = geometry.boundingBox;
    pointGeometry.boundingSphere = geometry.boundingSphere;
  }
  return { geometry, roofGeometry, pointGeometry, triangleOwner: triangleOwner.subarray(0, t), members: Int32Array.from(memberList), firstVertex, vertexCount };
}

/** Paints building `owner`'s vertices in a chunk (for hover highlights); returns false if it is not there. */
export function paintBuilding(chunk: BuildingChunk, owner: number, color: THREE.Color): boolean {
  const m = chunk.members.indexOf(owner);
  const attr = chunk.geometry.getAttribute('color') as THREE.BufferAttribute | undefined;
  if (m < 0 || !attr) return false;
  const arr = attr.array as Float32Array;
  const from = chunk.firstVertex[m];
  const to = from + chunk.vertexCount[m];
  for (let i = from; i < to; i++) {
    arr[3 * i] = color.r;
    arr[3 * i + 1] = color.g;
    arr[3 * i + 2] = color.b;
  }
  attr.clearUpdateRanges();
  attr.addUpdateRange(3 * from, 3 * (to - from));
  attr.needsUpdate = true;
  return true;
}
