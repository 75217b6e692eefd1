/**
 * OpenStreetMap import of a large extract (issue 19: a 100 MB extract imports within 60 s and 1 GB).
 * Generates a synthetic city as OSM XML (buildings with every kind of height tag, building
 * multipolygons with courtyards, points of interest, residential streets, main roads, lakes, a river,
 * a coast, aerodrome, helipads, a prison, a military area; nodes, then ways, then relations, with the
 * attributes a real extract has) into a temp dir, then runs `skyhaul import` on it in a child process
 * and measures its wall time and peak RSS. Baselines: reading the file (bytes only), and reading it
 * through the XML tokenizer once; the ratios are the numbers to watch.
 *
 *   npm run bench -- osm                    # 100 MB
 *   npm run bench -- osm --size-mb 20       # a smaller city
 *   npm run bench -- osm --keep             # keep the generated file and output (prints the dir)
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { createFrame } from '../src/core/geo/frame';
import { createRng } from '../src/core/random';

const argv = process.argv.slice(2);
const flag = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i < 0 ? undefined : argv[i + 1];
};
const TARGET_MB = Number(flag('size-mb') ?? 100);
const KEEP = argv.includes('--keep');
const LIMIT_S = 60;
const LIMIT_MB = 1024;

const ORIGIN: [number, number] = [114, 22.55];
const frame = createFrame(ORIGIN);

type Tags = Record<string, string>;
interface Sink {
  node(id: number, x: number, y: number, tags?: Tags): void;
  way(id: number, refs: number[], tags: Tags | undefined): void;
  relation(id: number, members: [string, number, string][], tags: Tags): void;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const meta = (id: number) => `version="${1 + (id % 7)}" changeset="${40_000_000 + (id % 99_991)}" timestamp="2021-0${1 + (id % 9)}-1${id % 10}T10:2${id % 10}:00Z" user="mapper${id % 500}" uid="${1000 + (id % 500)}"`;
const tagXml = (t: Tags | undefined) => (t ? Object.entries(t).map(([k, v]) => `    <tag k="${esc(k)}" v="${esc(v)}"/>\n`).join('') : '');

/**
 * The city, emitted in a fixed order from a seeded generator: called once per element kind so the
 * file can be written nodes first, then ways, then relations, without holding the city in memory.
 * Blocks are laid out in a square spiral around the origin until `blocks` are done.
 */
function city(blocks: number, sink: Sink): void {
  const rng = createRng(19);
  let nodeId = 1;
  let wayId = 1;
  let relId = 1;
  const node = (x: number, y: number, tags?: Tags) => {
    const id = nodeId++;
    sink.node(id, x, y, tags);
    return id;
  };
  const ring = (pts: [number, number][]) => {
    const ids = pts.map(([x, y]) => node(x, y));
    return [...ids, ids[0]];
  };
  const heightTags = (): Tags => {
    const tall = rng.next() < 0.03;
    const h = tall ? 45 + Math.floor(rng.next() * 150) : 4 + Math.floor(rng.next() * 30);
    const r = rng.next();
    if (r < 0.3) return { height: String(h) };
    if (r < 0.35) return { height: `${h} m` };
    if (r < 0.4) return { height: `${Math.round(h / 0.3048)}'` };
    if (r < 0.7) return { 'building:levels': String(Math.max(1, Math.round(h / 3))) };
    return {};
  };
  const kinds = ['yes', 'residential', 'apartments', 'commercial', 'house', 'retail', 'office'];
  const block = 120;
  // Square spiral of block indices.
  let bx = 0;
  let by = 0;
  let dx = 1;
  let dy = 0;
  let leg = 1;
  let stepInLeg = 0;
  let legsDone = 0;
  for (let b = 0; b < blocks; b++) {
    const x0 = bx * block;
    const y0 = by * block;
    // Four buildings, some with an L-shaped outline.
    for (let k = 0; k < 4; k++) {
      const x = x0 + 10 + (k % 2) * 52 + rng.next() * 4;
      const y = y0 + 10 + Math.floor(k / 2) * 52 + rng.next() * 4;
      const w = 30 + rng.next() * 12;
      const h = 30 + rng.next() * 12;
      const pts: [number, number][] =
        rng.next() < 0.3
          ? [
              [x, y],
              [x + w, y],
              [x + w, y + h / 2],
              [x + w / 2, y + h / 2],
              [x + w / 2, y + h],
              [x, y + h],
            ]
          : [
              [x, y],
              [x + w, y],
              [x + w, y + h],
              [x, y + h],
            ];
      const refs = ring(pts);
      const tags: Tags = { building: kinds[Math.floor(rng.next() * kinds.length)], ...heightTags() };
      if (rng.next() < 0.2) tags.name = `Building ${b}-${k}`;
      if (rng.next() < 0.5) Object.assign(tags, { 'addr:street': `Street ${by}`, 'addr:housenumber': String(b % 200) });
      sink.way(wayId++, refs, tags);
    }
    // Every 10th block: a building multipolygon with a courtyard, in the block's middle strip.
    if (b % 10 === 5) {
      const outer = ring([
        [x0 + 2, y0 + 96],
        [x0 + 118, y0 + 96],
        [x0 + 118, y0 + 118],
        [x0 + 2, y0 + 118],
      ]);
      const inner = ring([
        [x0 + 40, y0 + 100],
        [x0 + 80, y0 + 100],
        [x0 + 80, y0 + 114],
        [x0 + 40, y0 + 114],
      ]);
      const o = wayId++;
      const i = wayId++;
      sink.way(o, outer, undefined);
      sink.way(i, inner, undefined);
      sink.relation(relId++, [['way', o, 'outer'], ['way', i, 'inner']], { type: 'multipolygon', building: 'yes', ...heightTags() });
    }
    // Points of interest and address points (tagged, but nothing to import).
    for (let k = 0; k < 5; k++) {
      node(x0 + rng.next() * block, y0 + rng.next() * block, k < 2 ? { amenity: k === 0 ? 'bench' : 'cafe', name: `Place ${b}-${k}` } : { 'addr:housenumber': String(k), 'addr:street': `Street ${by}` });
    }
    // A residential street along the block's south side (not a main road).
    sink.way(wayId++, [node(x0, y0 + 1), node(x0 + block / 2, y0 + 1), node(x0 + block, y0 + 1)], { highway: 'residential', name: `Street ${by}` });
    // Every 25th block: a pond; every 400th: a helipad on a roof.
    if (b % 25 === 12) {
      const pts: [number, number][] = Array.from({ length: 24 }, (_, a) => [x0 + 60 + 25 * Math.cos((a / 24) * 2 * Math.PI), y0 + 60 + 25 * Math.sin((a / 24) * 2 * Math.PI)]);
      sink.way(wayId++, ring(pts), { natural: 'water', water: 'pond' });
    }
    if (b % 400 === 7) node(x0 + 30, y0 + 30, { aeroway: 'helipad' });
    // Spiral step.
    bx += dx;
    by += dy;
    if (++stepInLeg === leg) {
      stepInLeg = 0;
      [dx, dy] = [-dy, dx];
      if (++legsDone % 2 === 0) leg++;
    }
  }
  const reach = (Math.ceil(Math.sqrt(blocks)) / 2 + 1) * block;
  // Main roads on a 1 km grid, and a motorway across.
  for (let g = -reach; g <= reach; g += 1000) {
    const along = (horizontal: boolean) => {
      const refs: number[] = [];
      for (let t = -reach; t <= reach; t += 50) refs.push(horizontal ? node(t, g + 3) : node(g + 3, t));
      return refs;
    };
    sink.way(wayId++, along(true), { highway: g === -reach ? 'trunk' : 'primary', name: `Avenue ${g}` });
    sink.way(wayId++, along(false), { highway: 'secondary', name: `Boulevard ${g}` });
  }
  const mw: number[] = [];
  for (let t = -reach; t <= reach; t += 40) mw.push(node(t, t * 0.6));
  sink.way(wayId++, mw, { highway: 'motorway', ref: 'G4' });
  // A river as a riverbank multipolygon of 20 open ways on each bank, with an island.
  const bank = (side: number) => {
    const ids: number[] = [];
    for (let s = 0; s < 20; s++) {
      const refs: number[] = [];
      for (let k = 0; k <= 30; k++) {
        const t = -reach + ((s * 30 + k) / 600) * 2 * reach;
        refs.push(node(t, reach * 0.35 + side * 40 + 30 * Math.sin(t / 300)));
      }
      ids.push(wayId);
      sink.way(wayId++, side > 0 ? refs : refs.reverse(), undefined);
    }
    return ids;
  };
  const north = bank(1);
  const south = bank(-1);
  // Close the river's ends at the city's edge.
  const endW = wayId++;
  const endE = wayId++;
  sink.way(endW, [node(-reach, reach * 0.35 - 40), node(-reach, reach * 0.35 + 40)], undefined);
  sink.way(endE, [node(reach, reach * 0.35 + 40), node(reach, reach * 0.35 - 40)], undefined);
  const island = wayId++;
  sink.way(island, ring([[0, reach * 0.35 - 10], [200, reach * 0.35 - 10], [200, reach * 0.35 + 10], [0, reach * 0.35 + 10]]), undefined);
  sink.relation(
    relId++,
    [...north.map((w): [string, number, string] => ['way', w, 'outer']), ...south.map((w): [string, number, string] => ['way', w, 'outer']), ['way', endW, 'outer'], ['way', endE, 'outer'], ['way', island, 'inner']],
    { type: 'multipolygon', waterway: 'riverbank', name: 'Test River' },
  );
  // The coast: west to east south of the city (sea to the south), beyond the bounds on both sides.
  let prev = node(-reach - 500, -reach - 200);
  for (let s = 0; s < 40; s++) {
    const refs = [prev];
    for (let k = 1; k <= 50; k++) {
      const t = -reach - 500 + ((s * 50 + k) / 2000) * (2 * reach + 1000);
      refs.push(node(t, -reach - 200 + 60 * Math.sin(t / 500)));
    }
    prev = refs[refs.length - 1];
    sink.way(wayId++, refs, { natural: 'coastline' });
  }
  // Zones: an aerodrome, a prison, a military area at the edge of town.
  const rect = (x: number, y: number, w: number, h: number, tags: Tags) => sink.way(wayId++, ring([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]), tags);
  rect(reach - 1200, -reach + 100, 1000, 600, { aeroway: 'aerodrome', name: 'Synthetic Airfield' });
  rect(-reach + 100, -reach + 100, 300, 300, { amenity: 'prison', name: 'Synthetic Prison' });
  rect(-reach + 100, reach - 500, 400, 400, { landuse: 'military' });
}

/** Writes the city as OSM XML: nodes, then ways, then relations (three runs of the same generator). */
async function generate(path: string, blocks: number): Promise<number> {
  const out = createWriteStream(path);
  let buf = '';
  let bytes = 0;
  const write = async (s: string) => {
    buf += s;
    if (buf.length > 1 << 20) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  };
  const pending: string[] = [];
  // The bounds reach past the city, so the coast (south of it) crosses them.
  const reach = (Math.ceil(Math.sqrt(blocks)) / 2 + 1) * 120 + 400;
  const sw = frame.toLngLat({ x: -reach, y: -reach });
  const ne = frame.toLngLat({ x: reach, y: reach });
  await write(`<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="skyhaul osm-import bench">\n`);
  await write(`  <bounds minlat="${sw[1].toFixed(7)}" minlon="${sw[0].toFixed(7)}" maxlat="${ne[1].toFixed(7)}" maxlon="${ne[0].toFixed(7)}"/>\n`);
  const none = () => {};
  for (const kind of ['node', 'way', 'relation'] as const) {
    city(blocks, {
      node:
        kind === 'node'
          ? (id, x, y, tags) => {
              const [lon, lat] = frame.toLngLat({ x, y });
              const head = `  <node id="${id}" visible="true" ${meta(id)} lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"`;
              pending.push(tags ? `${head}>\n${tagXml(tags)}  </node>\n` : `${head}/>\n`);
            }
          : none,
      way: kind === 'way' ? (id, refs, tags) => pending.push(`  <way id="${id}" visible="true" ${meta(id)}>\n${refs.map((r) => `    <nd ref="${r}"/>\n`).join('')}${tagXml(tags)}  </way>\n`) : none,
      relation:
        kind === 'relation'
          ? (id, members, tags) =>
              pending.push(`  <relation id="${id}" visible="true" ${meta(id)}>\n${members.map(([t, r, role]) => `    <member type="${t}" ref="${r}" role="${role}"/>\n`).join('')}${tagXml(tags)}  </relation>\n`)
          : none,
    });
    for (const s of pending.splice(0)) await write(s);
  }
  await write('</osm>\n');
  bytes += Buffer.byteLength(buf);
  out.write(buf);
  await new Promise<void>((r) => out.end(() => r()));
  return bytes;
}

async function readBaseline(path: string): Promise<{ readS: number; tokenizeS: number }> {
  let t0 = performance.now();
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) n += (chunk as Buffer).length;
  const readS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const p = new SaxesParser();
  let tags = 0;
  p.on('opentag', () => tags++);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, encoding: 'utf8' })) p.write(chunk as string);
  p.close();
  const tokenizeS = (performance.now() - t0) / 1000;
  if (n === 0 || tags === 0) throw new Error('empty file');
  return { readS, tokenizeS };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skyhaul-osm-bench-'));
  const osm = join(dir, 'city.osm');
  const missionPath = join(dir, 'mission.json');
  const outPath = join(dir, 'with-city.json');
  // The tutorial mission with an area large enough for the city.
  const mission = JSON.parse(readFileSync('missions/tutorial.json', 'utf8')) as { settings: { areaRadiusM: number } };
  mission.settings.areaRadiusM = 20_000;
  writeFileSync(missionPath, JSON.stringify(mission));

  // About 7.25 KB of XML per block.
  const blocks = Math.round((TARGET_MB * 1e6) / 7250);
  let t0 = performance.now();
  const bytes = await generate(osm, blocks);
  const size = statSync(osm).size;
  console.log(`generated ${osm}: ${(size / 1e6).toFixed(1)} MB (${blocks} blocks) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (Math.abs(bytes - size) > 0) console.log(`(counted ${bytes} bytes)`);

  const base = await readBaseline(osm);
  console.log(`baseline: read the file ${base.readS.toFixed(2)} s; read + XML tokenizer once ${base.tokenizeS.toFixed(2)} s`);

  const hook = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\nMAXRSS_KB="+process.resourceUsage().maxRSS+"\\n"))`;
  t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', hook, 'src/cli/main.ts', 'import', osm, '--into', missionPath, '--out', outPath], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallS = (performance.now() - t0) / 1000;
  const rssMB = Number(/MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? Number.NaN) / 1024;
  console.log(r.stdout.trimEnd());
  if (r.status !== 0) {
    console.log(r.stderr.slice(-4000));
    console.log(`FAIL: skyhaul import exited with ${r.status}`);
    process.exit(1);
  }
  const outMB = statSync(outPath).size / 1e6;
  console.log(`\nskyhaul import: ${wallS.toFixed(1)} s wall, peak RSS ${rssMB.toFixed(0)} MB, output ${outMB.toFixed(1)} MB`);
  console.log(`  x ${(wallS / base.readS).toFixed(1)} the time to read the file, x ${(wallS / base.tokenizeS).toFixed(1)} one tokenizer pass`);
  const timeOk = wallS <= LIMIT_S;
  const memOk = rssMB <= LIMIT_MB;
  console.log(`${timeOk ? 'PASS' : 'FAIL'}: time ${wallS.toFixed(1)} s <= ${LIMIT_S} s (for ${(size / 1e6).toFixed(0)} MB)`);
  console.log(`${memOk ? 'PASS' : 'FAIL'}: peak RSS ${rssMB.toFixed(0)} MB <= ${LIMIT_MB} MB`);
  if (KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
  if (!timeOk || !memOk) process.exit(1);
}

await main();
