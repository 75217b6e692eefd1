/**
 * `skyhaul import` of OpenStreetMap files end to end (runCli on files in a temporary folder): the test
 * city of osmFixture.ts as OSM XML, Overpass JSON and PBF; heights by each rule, holes, water and the
 * sea from the coastline, main roads, suggested zones and their acceptance, --bbox, the mission area,
 * and refusals of broken files that say where.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import { type Mission, parseMissionText } from '../../src/core/mission';
import { cli } from './cliHarness';
import { ORIGIN, OsmFixture, testCity } from './osmFixture';

const dir = mkdtempSync(join(tmpdir(), 'skyhaul-osm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tutorial = 'missions/tutorial.json';
const base = parseMissionText(readFileSync(tutorial, 'utf8'));
if (!base.ok) throw new Error('tutorial mission refused');
const frame = createFrame(ORIGIN);

const { f: city, ids } = testCity();
const xmlPath = join(dir, 'city.osm');
const jsonPath = join(dir, 'city.json');
const pbfPath = join(dir, 'city.osm.pbf');
writeFileSync(xmlPath, city.toXml());
writeFileSync(jsonPath, city.toOverpassJson());
writeFileSync(pbfPath, city.toPbf());

let outN = 0;
async function run(file: string, ...flags: string[]) {
  const out = join(dir, `out-${++outN}.json`);
  const r = await cli('import', file, '--into', tutorial, '--out', out, ...flags);
  let mission: Mission | undefined;
  if (r.code === 0) {
    const loaded = parseMissionText(readFileSync(out, 'utf8'));
    if (!loaded.ok) throw new Error(`output refused: ${loaded.errors.map((e) => e.message).join('; ')}`);
    mission = loaded.mission;
  }
  return { ...r, mission, text: r.code === 0 ? readFileSync(out, 'utf8') : '' };
}

const added = (m: Mission) => m.buildings.slice(base.mission.buildings.length);
const local = (p: readonly [number, number]) => frame.toLocal(p);

describe('skyhaul import city.osm', () => {
  it('adds the tall buildings to the airspace and draws the rest, with heights by each rule', async () => {
    const r = await run(xmlPath);
    expect(r.code, r.err).toBe(0);
    const m = r.mission as Mission;
    const heights = Object.fromEntries(added(m).map((b) => [b.id, b.heightM]));
    expect(heights).toEqual({
      [`osm-way-${ids.metres}`]: 52, // height=52 m
      [`osm-way-${ids.levels}`]: 45, // building:levels=15 x 3 m
      [`osm-way-${ids.unreadable}`]: 60, // height=tall unreadable, building:levels=20
      [`osm-relation-${ids.courtyard}`]: 80,
    });
    expect(added(m).find((b) => b.id === `osm-way-${ids.metres}`)?.name).toBe('Tower A');
    // Lower than 40 m (cruise 60 - clearance 20): drawn only. 40' = 12.192 m; 4 levels = 12 m; none: 10 m.
    expect(m.context?.buildings.map((b) => b.heightM).sort((a, b) => a - b)).toEqual([10, 12, 12.192]);
    expect(r.out).toContain('buildings: 7 (height tag 3, building:levels x 3 m 3, default 10 m 1)');
    expect(r.out).toContain('4 into the airspace (taller than 40 m');
    expect(r.err).toContain('"height=tall"');
  });

  it('keeps a multipolygon building with its courtyard as a hole', async () => {
    const m = (await run(xmlPath)).mission as Mission;
    const courtyard = added(m).find((b) => b.id === `osm-relation-${ids.courtyard}`);
    expect(courtyard?.footprint.coordinates).toHaveLength(2);
    const hole = courtyard?.footprint.coordinates[1].map(local) ?? [];
    for (const p of hole) {
      expect(p.x).toBeGreaterThan(719);
      expect(p.x).toBeLessThan(741);
    }
  });

  it('draws water (a lake, a riverbank with an island, the sea from the coastline) and the main roads', async () => {
    const r = await run(xmlPath);
    const c = (r.mission as Mission).context;
    expect(c?.water).toHaveLength(3);
    const river = c?.water.find((w) => w.coordinates.length === 2);
    expect(river, 'the riverbank with its island').toBeDefined();
    // The sea: south of the coast (y <= -2000 m, the coast dips to -2050), down to the file's bounds.
    const sea = c?.water.find((w) => w.coordinates[0].some((p) => local(p).y < -2400));
    expect(sea).toBeDefined();
    for (const p of sea?.coordinates[0] ?? []) expect(local(p).y).toBeLessThan(-1999);
    expect(r.out).toContain('1 of them sea from 2 coastline way(s)');
    expect(c?.roads.map((x) => x.kind).sort()).toEqual(['motorway', 'primary', 'secondary']);
    expect(c?.roads.find((x) => x.kind === 'primary')?.name).toBe('Main Road');
    expect(c?.attribution).toContain('OpenStreetMap contributors');
    expect(c?.bbox).toEqual(city.bounds);
  });

  it('lists the suggested zones without adding them, and adds them when accepted', async () => {
    const listed = await run(xmlPath);
    expect(listed.mission?.noFlyZones).toEqual(base.mission.noFlyZones);
    const zoneIds = [`osm-aerodrome-w${ids.aerodrome}`, `osm-military-w${ids.military}`, `osm-prison-w${ids.prison}`, `osm-helipad-n${ids.helipad}`];
    for (const id of zoneIds) expect(listed.out).toContain(id);
    expect(listed.out).toContain('Test Airfield');
    expect(listed.out).toContain('--accept-zones');

    const all = await run(xmlPath, '--accept-zones');
    const zones = all.mission?.noFlyZones.slice(base.mission.noFlyZones.length) ?? [];
    expect(zones.map((z) => z.id).sort()).toEqual([...zoneIds].sort());
    expect(zones.find((z) => z.id === `osm-prison-w${ids.prison}`)?.name).toBe('County Jail');
    const helipad = zones.find((z) => z.id === `osm-helipad-n${ids.helipad}`);
    expect(helipad?.shape).toMatchObject({ type: 'Circle', radiusM: 100 });

    const one = await run(xmlPath, '--accept-zone', `osm-prison-w${ids.prison}`);
    expect(one.mission?.noFlyZones.slice(base.mission.noFlyZones.length).map((z) => z.id)).toEqual([`osm-prison-w${ids.prison}`]);

    const unknown = await run(xmlPath, '--accept-zone', 'osm-prison-w1');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('no suggested zone "osm-prison-w1"');
    expect(unknown.err).toContain(`osm-prison-w${ids.prison}`);
  });

  it('takes the storey height and the default height from flags', async () => {
    const r = await run(xmlPath, '--storey-height', '2', '--height', '50');
    expect(r.code, r.err).toBe(0);
    const heights = Object.fromEntries(added(r.mission as Mission).map((b) => [b.id, b.heightM]));
    expect(heights[`osm-way-${ids.bare}`]).toBe(50); // the default, now 50 m: into the airspace
    expect(heights[`osm-way-${ids.levels}`]).toBeUndefined(); // 15 x 2 = 30 m: drawn only
    expect(r.out).toContain('building:levels x 2 m');
    expect(r.out).toContain('default 50 m');
  });

  it('drops what lies outside the mission area, and what the file lacks nodes for, with counts', async () => {
    const r = await run(xmlPath);
    expect(r.out).toContain('dropped: 1 outside the mission area, 1 incomplete in the file');
    expect(added(r.mission as Mission).some((b) => b.id === `osm-way-${ids.far}` || b.id === `osm-way-${ids.cut}`)).toBe(false);
  });

  it('--bbox clips: keeps what is inside, cuts water and roads at its edge', async () => {
    const [w, s] = OsmFixture.at(-1100, -2400);
    const [e, n] = OsmFixture.at(250, 2400);
    const r = await run(xmlPath, '--bbox', `${w},${s},${e},${n}`, '--accept-zones');
    expect(r.code, r.err).toBe(0);
    const m = r.mission as Mission;
    expect(added(m).map((b) => b.id)).toEqual([`osm-way-${ids.metres}`]);
    const inBox = (p: readonly [number, number]) => p[0] >= w - 1e-7 && p[0] <= e + 1e-7 && p[1] >= s - 1e-7 && p[1] <= n + 1e-7;
    for (const road of m.context?.roads ?? []) for (const p of road.line) expect(inBox(p)).toBe(true);
    for (const water of m.context?.water ?? []) for (const ring of water.coordinates) for (const p of ring) expect(inBox(p)).toBe(true);
    expect(m.context?.roads).toHaveLength(3); // the primary, the motorway and the secondary all cross the box
    expect(m.noFlyZones.slice(base.mission.noFlyZones.length).map((z) => z.id)).toEqual([`osm-helipad-n${ids.helipad}`]);
    expect(r.out).toMatch(/dropped: \d+ outside --bbox/);
    expect(m.context?.bbox).toEqual([w, s, e, n].map((v) => Math.round(v * 1e7) / 1e7));
  });

  it('reads Overpass JSON and PBF to the same mission as the XML', async () => {
    const [w, s, e, n] = city.bounds as number[];
    const box = ['--bbox', `${w},${s},${e},${n}`, '--accept-zones'];
    const xml = await run(xmlPath, ...box);
    const json = await run(jsonPath, ...box);
    const pbf = await run(pbfPath, ...box);
    expect(xml.code, xml.err).toBe(0);
    expect(json.code, json.err).toBe(0);
    expect(pbf.code, pbf.err).toBe(0);
    expect(json.text).toBe(xml.text);
    expect(pbf.text).toBe(xml.text);
  });

  it('without bounds or --bbox, does not guess the sea from the coastline', async () => {
    const r = await run(jsonPath);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('no sea drawn from the 2 coastline way(s): the file states no bounds');
    expect(r.mission?.context?.water).toHaveLength(2);
  });

  it('adds nothing twice when the same file is imported again', async () => {
    const once = join(dir, 'once.json');
    expect((await cli('import', xmlPath, '--into', tutorial, '--out', once, '--accept-zones')).code).toBe(0);
    const twice = join(dir, 'twice.json');
    const r = await cli('import', xmlPath, '--into', once, '--out', twice, '--accept-zones');
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(twice, 'utf8')).toBe(readFileSync(once, 'utf8'));
    expect(r.err).toContain('map context item(s) already in the mission');
  });
});

describe('skyhaul import refuses broken OSM files and says where', () => {
  const write = (name: string, text: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('XML that is not well-formed: line and column, and the element', async () => {
    const p = write('broken.osm', '<?xml version="1.0"?>\n<osm version="0.6">\n  <node id="1" lat="22.55" lon="114">\n  <tag k="a" v="b"/>\n</osm>\n');
    const r = await run(p);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.osm: refused: line 5, column \d+ \((in|after) <node id="1">\): not well-formed XML/);
  });

  it('an element with a bad attribute: named with its id', async () => {
    const p = write('badnode.osm', '<osm version="0.6">\n  <node id="1" lat="22.55" lon="114"/>\n  <node id="7" lat="north" lon="114"/>\n</osm>\n');
    const r = await run(p);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/line 3, column \d+ \(in <node id="7">\): <node> lat="north" is not a number/);
    const q = write('badnd.osm', '<osm>\n<way id="9">\n  <nd ref="x"/>\n</way>\n</osm>\n');
    expect((await run(q)).err).toMatch(/line 3, column \d+ \(in <way id="9">\): <nd> ref="x" is not a whole number/);
  });

  it('XML that is not OSM: its root element named', async () => {
    const r = await run(write('doc.osm', '<?xml version="1.0"?>\n<kml><Document/></kml>\n'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('not an OSM XML file: the root element is <kml> (expected <osm>)');
  });

  it('Overpass JSON: the element by index and id, or the line and column of a syntax error', async () => {
    const bad = { version: 0.6, elements: [{ type: 'node', id: 1, lat: 22.55, lon: 114 }, { type: 'way', id: 5, nodes: 'x' }] };
    const r = await run(write('bad.json', JSON.stringify(bad)));
    expect(r.code).toBe(1);
    expect(r.err).toContain('elements[1] (way 5).nodes: must be an array of node ids');
    const node = { elements: [{ type: 'node', id: 3, lat: 95, lon: 114 }] };
    expect((await run(write('lat.json', JSON.stringify(node)))).err).toContain('elements[0] (node 3): a node needs lat (-90..90)');
    const syntax = await run(write('syntax.osm.json', '{\n  "elements": [\n    {"type": "node",, "id": 1}\n  ]\n}\n'));
    expect(syntax.code).toBe(1);
    expect(syntax.err).toMatch(/syntax\.osm\.json.*line 3, column \d+: not valid JSON/);
  });

  it('a damaged PBF', async () => {
    const good = city.toPbf();
    const r = await run(write('cut.osm.pbf', good.subarray(0, good.length - 40)));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/cut\.osm\.pbf: refused: near byte \d+: not a readable OSM PBF file/);
  });

  it('flags that belong to OSM files are refused for GeoJSON', async () => {
    const p = write('poly.geojson', JSON.stringify({ type: 'Polygon', coordinates: [[[114, 22.55], [114.001, 22.55], [114.001, 22.551], [114, 22.55]]] }));
    const r = await cli('import', p, '--into', tutorial, '--out', join(dir, 'x.json'), '--bbox', '1,2,3,4');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--bbox, --storey-height, --accept-zones and --accept-zone are for OpenStreetMap files');
    const box = await cli('import', xmlPath, '--into', tutorial, '--out', join(dir, 'x.json'), '--bbox', '114,22,113,23');
    expect(box.code).toBe(2);
    expect(box.err).toContain('west must be less than east');
  });
});
