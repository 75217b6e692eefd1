/**
 * The OSM import's core without files: the passes a reader makes (two, three when a multipolygon's
 * member way has tags of its own), Overpass `out geom` answers, the XML reader fed in tiny chunks, the
 * sea from coastlines (islands, failure when the coast ends inside), and applying an import.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Mission, parseMissionText } from '../../src/core/mission';
import {
  type OsmHandler,
  OsmXmlReader,
  applyOsmImport,
  importOsm,
  joinWays,
  readOsmJson,
  seaFromCoastline,
} from '../../src/core/osm';
import { OsmFixture, testCity } from './osmFixture';

const loaded = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
if (!loaded.ok) throw new Error('tutorial refused');
const mission: Mission = loaded.mission;

const fromJson = (raw: unknown) => (h: OsmHandler) => void readOsmJson(raw, h);

describe('reading passes', () => {
  it('reads the file twice: tags, then the node positions the kept ways need', async () => {
    const { f } = testCity();
    const imp = await importOsm(fromJson(JSON.parse(f.toOverpassJson())), mission);
    expect(imp.summary.passes).toBe(2);
    expect(imp.summary.elements).toEqual({ nodes: f.nodes.length, ways: f.ways.length, relations: f.relations.length });
  });

  it('reads a third time when a multipolygon member way is tagged as something else (its nodes are learnt late)', async () => {
    const f = new OsmFixture();
    const outer = f.rect(0, 0, 300, 300, { highway: 'residential', area: 'yes' });
    f.relation([{ type: 'way', ref: outer, role: 'outer' }], { type: 'multipolygon', landuse: 'military', name: 'Barracks' });
    const imp = await importOsm(fromJson(JSON.parse(f.toOverpassJson())), mission);
    expect(imp.summary.passes).toBe(3);
    expect(imp.suggestedZones.map((z) => z.zone.name)).toEqual(['Barracks']);
  });

  it('reads Overpass `out geom` (positions inline, no nodes) like `out body`', async () => {
    const { f } = testCity();
    const body = JSON.parse(f.toOverpassJson()) as { elements: { type: string; id: number; nodes?: number[]; members?: { type: string; ref: number }[] }[] };
    const pos = new Map(f.nodes.map((n) => [n.id, { lat: n.lat, lon: n.lon }]));
    const wayNodes = new Map(f.ways.map((w) => [w.id, w.refs]));
    const geom = {
      elements: body.elements
        .filter((e) => e.type !== 'node' || f.nodes.find((n) => n.id === e.id)?.tags)
        .map((e) => {
          if (e.type === 'way') return { ...e, geometry: (e.nodes ?? []).map((id) => pos.get(id) ?? null) };
          if (e.type === 'relation') {
            return { ...e, members: e.members?.map((m) => (m.type === 'way' ? { ...m, geometry: (wayNodes.get(m.ref) ?? []).map((id) => pos.get(id) ?? null) } : m)) };
          }
          return e;
        })
        // Members' own ways left out: their positions come with the relation.
        .filter((e) => !(e.type === 'way' && !f.ways.find((w) => w.id === e.id)?.tags)),
    };
    const a = await importOsm(fromJson(JSON.parse(f.toOverpassJson())), mission, { bbox: f.bounds });
    const b = await importOsm(fromJson(geom), mission, { bbox: f.bounds });
    expect(b.buildings).toEqual(a.buildings);
    expect(b.context.water.length).toBe(a.context.water.length);
    expect(b.context.roads).toEqual(a.context.roads);
    expect(b.suggestedZones).toEqual(a.suggestedZones);
  });

  it('the XML reader gives the same elements however the text is split', async () => {
    const { f } = testCity();
    const xml = f.toXml();
    const chunked = async (size: number) =>
      importOsm((h) => {
        const r = new OsmXmlReader(h);
        for (let i = 0; i < xml.length; i += size) r.write(xml.slice(i, i + size));
        r.close();
      }, mission);
    const whole = await chunked(xml.length);
    const tiny = await chunked(7);
    expect(tiny.buildings).toEqual(whole.buildings);
    expect(tiny.context).toEqual(whole.context);
    expect(tiny.summary).toEqual(whole.summary);
  });

  it('skips elements JOSM marks deleted', async () => {
    const xml = '<osm>\n<node id="1" lat="22.55" lon="114"/>\n<node id="2" lat="22.55" lon="114.001"/>\n<node id="3" lat="22.551" lon="114.001"/>\n' +
      '<way id="10" action="delete"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="1"/><tag k="building" v="yes"/><tag k="height" v="90"/></way>\n</osm>\n';
    const imp = await importOsm((h) => {
      const r = new OsmXmlReader(h);
      r.write(xml);
      r.close();
    }, mission);
    expect(imp.buildings).toEqual([]);
  });

  it('reads bytes split inside a character, and refuses bytes that are not UTF-8, saying where', () => {
    const bytes = new TextEncoder().encode('<osm>\n<node id="1" lat="22.55" lon="114"><tag k="name" v="Café"/></node>\n</osm>\n');
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "é"
    const names: string[] = [];
    const handler: OsmHandler = {
      wants: { nodes: true, nodeTags: true, ways: false, relations: false },
      node: (n) => {
        if (n.tags?.name) names.push(n.tags.name);
      },
      way: () => {},
      relation: () => {},
    };
    const reader = new OsmXmlReader(handler);
    reader.writeBytes(bytes.subarray(0, cut));
    reader.writeBytes(bytes.subarray(cut));
    reader.close();
    expect(names).toEqual(['Café']);
    const r = new OsmXmlReader(handler);
    r.writeBytes(new TextEncoder().encode('<osm>'));
    expect(() => r.writeBytes(new Uint8Array([0x3c, 0xff, 0xfe]))).toThrow(/within bytes 5\.\.8: not UTF-8 text/);
  });
});

describe('the sea from coastlines', () => {
  const box: [number, number, number, number] = [0, 0, 10, 10];
  it('joins ways end to end by node id', () => {
    expect(joinWays([[3, 4], [1, 2, 3], [4, 5]])).toEqual([[1, 2, 3, 4, 5]]);
    expect(joinWays([[1, 2], [2, 3], [3, 1]])).toEqual([[1, 2, 3, 1]]);
  });

  it('a coast across the box: the sea is on its right', () => {
    const west_to_east: [number, number][] = [[-1, 5], [11, 5]];
    const r = seaFromCoastline([west_to_east], box, 1);
    expect(r.failure).toBeUndefined();
    expect(r.sea).toHaveLength(1);
    const ys = r.sea[0][0].map((p) => p[1]);
    expect(Math.max(...ys)).toBe(5);
    expect(Math.min(...ys)).toBe(0);
    // The other way round, the sea is north.
    const north = seaFromCoastline([[...west_to_east].reverse()], box, 1);
    expect(Math.min(...north.sea[0][0].map((p) => p[1]))).toBe(5);
  });

  it('an island alone: the sea is all around it, the island a hole', () => {
    const island: [number, number][] = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]; // counter-clockwise: land on the left
    const r = seaFromCoastline([island], box, 1);
    expect(r.sea).toHaveLength(1);
    expect(r.sea[0]).toHaveLength(2);
    expect(r.sea[0][1]).toEqual(island);
  });

  it('a coast that ends inside the box draws no sea at all', () => {
    const r = seaFromCoastline([[[-1, 5], [5, 5]]], box, 1);
    expect(r.failure).toMatch(/ends inside the area/);
    expect(r.sea).toEqual([]);
  });
});

describe('applyOsmImport', () => {
  it('adds buildings, the context and only the accepted zones, and the result loads', async () => {
    const { f, ids } = testCity();
    const imp = await importOsm(fromJson(JSON.parse(f.toOverpassJson())), mission, { bbox: f.bounds });
    const none = applyOsmImport(mission, imp, 'none');
    expect(none.ok).toBe(true);
    if (!none.ok) return;
    expect(none.mission.noFlyZones).toEqual(mission.noFlyZones);
    expect(none.mission.buildings.length).toBe(mission.buildings.length + imp.buildings.length);
    expect(none.mission.context?.buildings.length).toBe(imp.context.buildings.length);
    const some = applyOsmImport(mission, imp, [`osm-prison-w${ids.prison}`, 'nope']);
    expect(some.ok && some.report?.zonesAdded).toEqual([`osm-prison-w${ids.prison}`]);
    expect(some.ok && some.report?.unknownZoneIds).toEqual(['nope']);
  });

  it('refuses a context over the position limit with a message that says what to do', async () => {
    const imp = await importOsm(fromJson(JSON.parse(testCity().f.toOverpassJson())), mission);
    const ring = Array.from({ length: 10_000 }, (_, i) => [114 + Math.cos(i / 1592) * 0.001, 22.55 + Math.sin(i / 1592) * 0.001] as [number, number]);
    ring.push(ring[0]);
    const shifted = (k: number) => ring.map(([x, y]): [number, number] => [x + k * 1e-5, y]);
    const many = { ...imp, context: { ...imp.context, water: Array.from({ length: 201 }, (_, k) => ({ type: 'Polygon' as const, coordinates: [shifted(k)] })) } };
    const r = applyOsmImport(mission, many, 'none');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: 'context' });
    if (!r.ok) expect(r.errors[0].message).toMatch(/at most 2000000 are allowed \(import a smaller area, e\.g\. with --bbox\)/);
  });
});

describe('Overpass XML `out geom`', () => {
  it('takes the positions from the ways\' <nd lat lon> when the nodes are left out', async () => {
    const { f } = testCity();
    const pos = new Map(f.nodes.map((n) => [n.id, n]));
    const xml = f
      .toXml()
      .split('\n')
      .filter((l) => !/^ {2}<node [^>]*\/>$/.test(l))
      .map((l) => l.replace(/<nd ref="(\d+)"\/>/, (m, id) => (pos.has(Number(id)) ? `<nd ref="${id}" lat="${pos.get(Number(id))?.lat}" lon="${pos.get(Number(id))?.lon}"/>` : m)))
      .join('\n');
    const read = (text: string) => (h: OsmHandler) => {
      const r = new OsmXmlReader(h);
      r.write(text);
      r.close();
    };
    const a = await importOsm(read(f.toXml()), mission);
    const b = await importOsm(read(xml), mission);
    expect(b.buildings).toEqual(a.buildings);
    expect(b.context.roads).toEqual(a.context.roads);
  });
});
