/**
 * OpenStreetMap fixtures built by code from known positions (metres east/north of the tutorial
 * mission's origin) and tags, written as OSM XML, Overpass JSON or PBF (the PBF with the protobuf
 * writers that ship with osm-pbf-parser-node, compiled from OSM-binary's .proto files by the pbf
 * compiler, and the `pbf` package; zlib from Node).
 */
import { deflateSync } from 'node:zlib';
import Pbf from 'pbf';
import { Blob as PbfBlob, BlobHeader } from 'osm-pbf-parser-node/proto/fileformat.js';
import { HeaderBlock, PrimitiveBlock } from 'osm-pbf-parser-node/proto/osmformat.js';
import { createFrame } from '../../src/core/geo/frame';

export const ORIGIN: [number, number] = [114, 22.55];
const frame = createFrame(ORIGIN);

type Tags = Record<string, string>;
interface N {
  id: number;
  lat: number;
  lon: number;
  tags?: Tags;
}
interface W {
  id: number;
  refs: number[];
  tags?: Tags;
}
interface R {
  id: number;
  members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
  tags?: Tags;
}

const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

export class OsmFixture {
  nodes: N[] = [];
  ways: W[] = [];
  relations: R[] = [];
  bounds?: [number, number, number, number];
  private nextNode = 1;
  private nextWay = 1000;
  private nextRel = 5000;

  /** A node at x m east, y m north of the origin. */
  node(x: number, y: number, tags?: Tags): number {
    const [lon, lat] = frame.toLngLat({ x, y });
    const id = this.nextNode++;
    this.nodes.push({ id, lat: r7(lat), lon: r7(lon), ...(tags ? { tags } : {}) });
    return id;
  }

  way(refs: number[], tags?: Tags, id = this.nextWay++): number {
    this.ways.push({ id, refs, ...(tags ? { tags } : {}) });
    return id;
  }

  /** A closed rectangle way, counter-clockwise, (x, y) its south-west corner. */
  rect(x: number, y: number, w: number, h: number, tags?: Tags): number {
    const a = this.node(x, y);
    const b = this.node(x + w, y);
    const c = this.node(x + w, y + h);
    const d = this.node(x, y + h);
    return this.way([a, b, c, d, a], tags);
  }

  /** A line of nodes through the points. */
  line(points: [number, number][], tags?: Tags): number {
    return this.way(
      points.map(([x, y]) => this.node(x, y)),
      tags,
    );
  }

  relation(members: R['members'], tags: Tags): number {
    const id = this.nextRel++;
    this.relations.push({ id, members, tags });
    return id;
  }

  /** Bounds in metres around the origin ([west, south, east, north] offsets). */
  setBounds(w: number, s: number, e: number, n: number): void {
    const sw = frame.toLngLat({ x: w, y: s });
    const ne = frame.toLngLat({ x: e, y: n });
    this.bounds = [r7(sw[0]), r7(sw[1]), r7(ne[0]), r7(ne[1])];
  }

  /** [lng, lat] of a point in metres (for --bbox and expectations). */
  static at(x: number, y: number): [number, number] {
    return frame.toLngLat({ x, y });
  }

  toXml(): string {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    const tags = (t?: Tags) => Object.entries(t ?? {}).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>\n`).join('');
    let x = '<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="skyhaul-test">\n';
    if (this.bounds) {
      const [w, s, e, n] = this.bounds;
      x += `  <bounds minlat="${s}" minlon="${w}" maxlat="${n}" maxlon="${e}"/>\n`;
    }
    for (const n of this.nodes) {
      x += n.tags
        ? `  <node id="${n.id}" version="1" lat="${n.lat}" lon="${n.lon}">\n${tags(n.tags)}  </node>\n`
        : `  <node id="${n.id}" version="1" lat="${n.lat}" lon="${n.lon}"/>\n`;
    }
    for (const w of this.ways) x += `  <way id="${w.id}" version="1">\n${w.refs.map((r) => `    <nd ref="${r}"/>\n`).join('')}${tags(w.tags)}  </way>\n`;
    for (const r of this.relations) {
      x += `  <relation id="${r.id}" version="1">\n${r.members.map((m) => `    <member type="${m.type}" ref="${m.ref}" role="${m.role}"/>\n`).join('')}${tags(r.tags)}  </relation>\n`;
    }
    return `${x}</osm>\n`;
  }

  toOverpassJson(): string {
    const elements = [
      ...this.nodes.map((n) => ({ type: 'node', ...n })),
      ...this.ways.map((w) => ({ type: 'way', id: w.id, nodes: w.refs, ...(w.tags ? { tags: w.tags } : {}) })),
      ...this.relations.map((r) => ({ type: 'relation', ...r })),
    ];
    return JSON.stringify({ version: 0.6, generator: 'Overpass API (skyhaul test)', osm3s: {}, elements }, null, 1);
  }

  /** An .osm.pbf: one header block and one data block (dense nodes, ways, relations), zlib-compressed. */
  toPbf(): Buffer {
    const strings: string[] = [''];
    const index = new Map<string, number>([['', 0]]);
    const s = (v: string) => {
      let i = index.get(v);
      if (i === undefined) {
        i = strings.length;
        strings.push(v);
        index.set(v, i);
      }
      return i;
    };
    const delta = (values: number[]) => values.map((v, i) => (i === 0 ? v : v - values[i - 1]));
    const nodes = [...this.nodes].sort((a, b) => a.id - b.id);
    const keysVals: number[] = [];
    for (const n of nodes) {
      for (const [k, v] of Object.entries(n.tags ?? {})) keysVals.push(s(k), s(v));
      keysVals.push(0);
    }
    const dense = {
      id: delta(nodes.map((n) => n.id)),
      lat: delta(nodes.map((n) => Math.round(n.lat * 1e7))),
      lon: delta(nodes.map((n) => Math.round(n.lon * 1e7))),
      keys_vals: keysVals,
    };
    const ways = this.ways.map((w) => ({
      id: w.id,
      keys: Object.keys(w.tags ?? {}).map(s),
      vals: Object.values(w.tags ?? {}).map(s),
      refs: delta(w.refs),
    }));
    const types = { node: 0, way: 1, relation: 2 } as const;
    const relations = this.relations.map((r) => ({
      id: r.id,
      keys: Object.keys(r.tags ?? {}).map(s),
      vals: Object.values(r.tags ?? {}).map(s),
      roles_sid: r.members.map((m) => s(m.role)),
      memids: delta(r.members.map((m) => m.ref)),
      types: r.members.map((m) => types[m.type]),
    }));
    const block = {
      stringtable: { s: strings.map((t) => Buffer.from(t, 'utf8')) },
      primitivegroup: [{ dense }, { ways }, { relations }],
      granularity: 100,
      date_granularity: 1000,
    };
    const header: Record<string, unknown> = { required_features: ['OsmSchema-V0.6', 'DenseNodes'], writingprogram: 'skyhaul-test' };
    if (this.bounds) {
      const [w, so, e, n] = this.bounds;
      header.bbox = { left: Math.round(w * 1e9), right: Math.round(e * 1e9), top: Math.round(n * 1e9), bottom: Math.round(so * 1e9) };
    }
    return Buffer.concat([fileBlock('OSMHeader', encode(HeaderBlock.write, header)), fileBlock('OSMData', encode(PrimitiveBlock.write, block))]);
  }
}

function encode(write: (obj: unknown, pbf: Pbf) => void, obj: unknown): Uint8Array {
  const pbf = new Pbf();
  write(obj, pbf);
  return pbf.finish();
}

function fileBlock(type: string, raw: Uint8Array): Buffer {
  const blob = encode(PbfBlob.write, { raw_size: raw.length, zlib_data: deflateSync(raw) });
  const header = encode(BlobHeader.write, { type, datasize: blob.length });
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  return Buffer.concat([len, header, blob]);
}

/**
 * The test city: every rule once. Positions in metres from the origin; the file's bounds are ±2.5 km.
 * Tutorial mission: lowest cruise 60 m, clearance 20 m, so buildings above 40 m go into the airspace.
 */
export function testCity(): { f: OsmFixture; ids: Record<string, number> } {
  const f = new OsmFixture();
  f.setBounds(-2500, -2500, 2500, 2500);
  const ids: Record<string, number> = {};
  ids.metres = f.rect(100, 100, 20, 20, { building: 'office', height: '52 m', name: 'Tower A' });
  ids.feet = f.rect(200, 100, 20, 20, { building: 'yes', height: "40'" });
  ids.levels = f.rect(300, 100, 20, 20, { building: 'apartments', 'building:levels': '15' });
  ids.lowLevels = f.rect(400, 100, 20, 20, { building: 'house', 'building:levels': '4' });
  ids.bare = f.rect(500, 100, 20, 20, { building: 'yes' });
  ids.unreadable = f.rect(600, 100, 20, 20, { building: 'yes', height: 'tall', 'building:levels': '20' });
  // A building multipolygon with a courtyard.
  const outer = f.rect(700, 100, 60, 60);
  const inner = f.rect(720, 120, 20, 20);
  ids.courtyard = f.relation(
    [
      { type: 'way', ref: outer, role: 'outer' },
      { type: 'way', ref: inner, role: 'inner' },
    ],
    { type: 'multipolygon', building: 'yes', height: '80', name: 'Courtyard Block' },
  );
  // Water: a lake (closed way) and a riverbank multipolygon of two open ways around an island.
  ids.lake = f.rect(-600, 300, 200, 200, { natural: 'water', name: 'Test Lake' });
  const n1 = f.node(-1000, -300);
  const n2 = f.node(-200, -300);
  const n3 = f.node(-200, -100);
  const n4 = f.node(-1000, -100);
  const half1 = f.way([n1, n2, n3]);
  const half2 = f.way([n3, n4, n1]);
  const island = f.rect(-700, -250, 100, 100);
  ids.river = f.relation(
    [
      { type: 'way', ref: half1, role: 'outer' },
      { type: 'way', ref: half2, role: 'outer' },
      { type: 'way', ref: island, role: 'inner' },
    ],
    { type: 'multipolygon', waterway: 'riverbank' },
  );
  // The coast: west to east along y = -2000 in two ways, the land north (left), the sea south (right).
  const c1 = f.node(-3000, -2000);
  const c2 = f.node(-500, -2050);
  const c3 = f.node(3000, -2000);
  ids.coast1 = f.way([c1, c2], { natural: 'coastline' });
  ids.coast2 = f.way([c2, c3], { natural: 'coastline' });
  // Roads: three main ones and a residential street (not drawn).
  ids.primary = f.line(
    [
      [-1500, 50],
      [0, 50],
      [1500, 50],
    ],
    { highway: 'primary', name: 'Main Road' },
  );
  ids.motorway = f.line(
    [
      [-2000, -1000],
      [2000, -1000],
    ],
    { highway: 'motorway' },
  );
  ids.secondary = f.line(
    [
      [50, -1500],
      [50, 1500],
    ],
    { highway: 'secondary' },
  );
  ids.residential = f.line(
    [
      [0, 0],
      [100, 0],
    ],
    { highway: 'residential' },
  );
  // Suggested zones.
  ids.aerodrome = f.rect(1000, 1000, 400, 300, { aeroway: 'aerodrome', name: 'Test Airfield' });
  ids.helipad = f.node(-300, 900, { aeroway: 'helipad' });
  ids.military = f.rect(-1500, 1000, 300, 300, { landuse: 'military' });
  ids.prison = f.rect(1200, -600, 150, 150, { amenity: 'prison', name: 'County Jail' });
  // Outside the tutorial's 10 km area: dropped.
  ids.far = f.rect(15_000, 0, 20, 20, { building: 'yes', height: '100' });
  // A building whose node is missing from the file (cut at the extract's edge).
  const a = f.node(900, 400);
  const b = f.node(920, 400);
  const c = f.node(920, 420);
  ids.cut = f.way([a, b, c, 999_999, a], { building: 'yes', height: '60' });
  return { f, ids };
}
