/**
 * CZML and KML of a trace, read back by readers written here: CZML as the packet structure CesiumJS
 * documents (document packet with clock, then entities with availability, epoch-relative samples),
 * KML by a small XML tokenizer (well-formedness) and its gx:Track <when>/<gx:coord> lists.
 */
import { describe, expect, it } from 'vitest';
import { exportFiles, planToTrace, traceToCzml, traceToKml, czmlText, type TraceLike } from '../../src/core/formats';
import { bundledMission, fixtureMission, plannedBy, standardPlan } from './formatsFixture';

const mission = fixtureMission();
const startMs = Date.parse(mission.startTime);

/** A synthetic trace: two drones, uneven sample times with sub-millisecond parts, falling SoC. */
function syntheticTrace(): TraceLike {
  const track = (droneId: string, t0: number, lng0: number, n: number) => {
    const tS: number[] = [];
    const lng: number[] = [];
    const lat: number[] = [];
    const altM: number[] = [];
    const soc: number[] = [];
    const state: number[] = [];
    for (let i = 0; i < n; i++) {
      tS.push(t0 + i * 7.3331 + (i % 3) * 0.0004);
      lng.push(lng0 + i * 0.00012345678);
      lat.push(22.55 + Math.sin(i) * 0.001);
      altM.push(i === 0 || i === n - 1 ? 0 : 60 + (i % 4) * 2.25);
      soc.push(0.95 - i * 0.003);
      state.push(i === 0 ? 0 : i === n - 1 ? 2 : 1);
    }
    return { droneId, tS, lng, lat, altM, soc, state };
  };
  return {
    startTime: mission.startTime,
    missionName: mission.name,
    stateNames: ['idle', 'cruise', 'landed'],
    drones: [track('depot-1/m2-class/1', 100.5, 114, 40), track('depot-2/m2-class/1', 950.25, 113.99, 25)],
  };
}


// --- CesiumJS's reading of CZML property values ---------------------------------------------------------

/**
 * Problems CesiumJS's CzmlDataSource would have with a custom property value (its processProperty rules):
 * a bare scalar is a constant; `{number: [...]}` with an epoch is a SampledProperty of numbers; an array is
 * an interval list of `{interval: "a/b", <type>: scalar}`. A string, boolean or any value that is not a
 * number cannot be sampled: `{string: [t, "a", t, "b"]}` becomes a SampledProperty(String) whose getValue
 * throws.
 */
function czmlPropertyProblems(name: string, v: unknown): string[] {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return [];
  if (Array.isArray(v)) {
    return v.flatMap((iv, i) => {
      if (typeof iv !== 'object' || iv === null || typeof iv.interval !== 'string') return [`${name}[${i}]: an interval needs "interval"`];
      const [a, b] = iv.interval.split('/').map(Date.parse);
      if (!(a <= b)) return [`${name}[${i}]: bad interval ${iv.interval}`];
      const values = Object.keys(iv).filter((k) => k !== 'interval');
      if (values.length !== 1) return [`${name}[${i}]: one value per interval`];
      const x = iv[values[0]];
      return Array.isArray(x) && values[0] !== 'number' ? [`${name}[${i}]: ${values[0]} cannot be sampled`] : [];
    });
  }
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of ['string', 'boolean', 'uri']) if (Array.isArray(o[k])) return [`${name}: a ${k} cannot be sampled (CesiumJS SampledProperty throws)`];
    if (Array.isArray(o.number)) {
      const n = o.number as unknown[];
      if (typeof o.epoch !== 'string' || Number.isNaN(Date.parse(o.epoch))) return [`${name}: samples need an epoch`];
      if (n.length % 2 !== 0 || !n.every((x) => typeof x === 'number' && Number.isFinite(x))) return [`${name}: [t, value, ...] numbers`];
      for (let i = 2; i < n.length; i += 2) if (!((n[i] as number) > (n[i - 2] as number))) return [`${name}: sample times must increase`];
    }
    return [];
  }
  return [`${name}: unexpected value`];
}

/** The state intervals of a drone: contiguous, never overlapping, covering first to last sample; the state at t. */
function checkStateIntervals(intervals: { interval: string; string: string }[], tS: readonly number[], stateAtSample: (i: number) => string) {
  const spans = intervals.map((iv) => iv.interval.split('/').map(Date.parse));
  expect(spans[0][0]).toBe(Math.round(startMs + tS[0] * 1000));
  expect(spans.at(-1)![1]).toBe(Math.round(startMs + tS[tS.length - 1] * 1000));
  spans.forEach(([a, b], i) => {
    expect(a).toBeLessThanOrEqual(b);
    if (i > 0) expect(a, `interval ${i} starts where ${i - 1} stops`).toBe(spans[i - 1][1]); // no gap, no overlap
    if (i > 0) expect(intervals[i].string).not.toBe(intervals[i - 1].string); // runs are merged
  });
  // At every sample (and just after it) the interval holding that instant carries the sample's state.
  for (let i = 0; i < tS.length; i++) {
    const t = Math.round(startMs + tS[i] * 1000) + (i + 1 < tS.length ? 0.4 : 0);
    // Where two intervals meet, CesiumJS takes the later one: search from the end.
    const k = spans.length - 1 - [...spans].reverse().findIndex(([a, b]) => a <= t && t <= b);
    if (i + 1 < tS.length && Math.round(startMs + tS[i + 1] * 1000) - Math.round(startMs + tS[i] * 1000) < 1) continue;
    expect(intervals[k].string, `state at sample ${i}`).toBe(stateAtSample(i));
  }
}

describe('CZML export', () => {
  const trace = syntheticTrace();
  const packets = JSON.parse(czmlText(traceToCzml(trace, mission))) as Record<string, any>[];

  it('starts with a document packet whose clock spans the day', () => {
    const doc = packets[0];
    expect(doc.id).toBe('document');
    expect(doc.version).toBe('1.0');
    const [a, b] = doc.clock.interval.split('/').map(Date.parse);
    expect(a).toBe(startMs);
    const lastS = Math.max(...trace.drones.map((d) => d.tS[d.tS.length - 1]));
    expect(Math.abs(b - (startMs + lastS * 1000))).toBeLessThanOrEqual(1);
    expect(Date.parse(doc.clock.currentTime)).toBe(startMs);
    expect(doc.clock.multiplier).toBeGreaterThan(0);
    expect(['UNBOUNDED', 'CLAMPED', 'LOOP_STOP']).toContain(doc.clock.range);
    expect(['TICK_DEPENDENT', 'SYSTEM_CLOCK_MULTIPLIER', 'SYSTEM_CLOCK']).toContain(doc.clock.step);
    // Packet ids are unique (Cesium merges packets with the same id).
    expect(new Set(packets.map((p) => p.id)).size).toBe(packets.length);
  });

  it('has per drone availability, epoch-relative samples equal to the trace, velocity orientation, path and SoC', () => {
    for (const d of trace.drones) {
      const p = packets.find((x) => x.id === `drone/${d.droneId}`)!;
      expect(p).toBeDefined();
      const [a, b] = p.availability.split('/').map(Date.parse);
      expect(Math.abs(a - (startMs + d.tS[0] * 1000))).toBeLessThanOrEqual(1);
      expect(Math.abs(b - (startMs + d.tS[d.tS.length - 1] * 1000))).toBeLessThanOrEqual(1);
      expect(Date.parse(p.position.epoch)).toBe(startMs);
      const c = p.position.cartographicDegrees as number[];
      expect(c.length).toBe(d.tS.length * 4);
      for (let i = 0; i < d.tS.length; i++) {
        expect(Math.abs(c[4 * i] - d.tS[i])).toBeLessThanOrEqual(0.001);
        expect(Math.abs(c[4 * i + 1] - d.lng[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[4 * i + 2] - d.lat[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[4 * i + 3] - d.altM[i])).toBeLessThanOrEqual(0.1);
      }
      expect(p.position.interpolationAlgorithm).toMatch(/^(LAGRANGE|LINEAR)$/);
      expect(p.orientation.velocityReference).toBe('#position');
      expect(typeof p.path.trailTime).toBe('number');
      const soc = p.properties.stateOfCharge;
      expect(Date.parse(soc.epoch)).toBe(startMs);
      expect(soc.number.filter((_: number, i: number) => i % 2 === 1)).toEqual(d.soc);
      // A string property is an interval list (CZML cannot sample strings): idle for the first sample only.
      const state = p.properties.state as { interval: string; string: string }[];
      expect(state.slice(0, 2).map((s) => s.string)).toEqual(['idle', 'cruise']);
      expect(state[0].interval.split('/').map(Date.parse)).toEqual([d.tS[0], d.tS[1]].map((t) => Math.round(startMs + t * 1000)));
    }
  });

  it('writes every custom property so CesiumJS can evaluate it: strings as interval lists, numbers as samples', () => {
    for (const p of packets) for (const [k, v] of Object.entries(p.properties ?? {})) expect(czmlPropertyProblems(`${p.id}.${k}`, v)).toEqual([]);
    trace.drones.forEach((d) => {
      const p = packets.find((x) => x.id === `drone/${d.droneId}`)!;
      expect(Array.isArray(p.properties.state)).toBe(true);
      checkStateIntervals(p.properties.state, d.tS, (i) => trace.stateNames![d.state![i]]);
    });
    // The old form, {epoch, string: [t, "idle", ...]}, is what CesiumJS cannot read.
    expect(czmlPropertyProblems('old', { epoch: mission.startTime, string: [0, 'idle', 5, 'cruise'] })).not.toEqual([]);
  });

  it('adds the ground height to every altitude when asked (CZML heights are above the ellipsoid)', () => {
    const lifted = traceToCzml(trace, mission, { groundHeightM: 42 }) as Record<string, any>[];
    const p = lifted.find((x) => x.id === `drone/${trace.drones[0].droneId}`)!;
    expect(p.position.cartographicDegrees[3]).toBe(trace.drones[0].altM[0] + 42);
  });

  it('carries depots and zones as static entities', () => {
    expect(packets.filter((p) => p.id.startsWith('depot/'))).toHaveLength(mission.depots.length);
    const zones = packets.filter((p) => p.id.startsWith('zone/'));
    expect(zones).toHaveLength(mission.noFlyZones.length);
    for (const z of zones) expect(z.polygon.positions.cartographicDegrees.length % 3).toBe(0);
  });
});

// --- a small XML reader -------------------------------------------------------------------------------

/** Checks tags nest and close properly; returns the problems found. */
function xmlProblems(text: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) out.push(`</${name}> closes the wrong element`);
  }
  if (stack.length) out.push(`unclosed: ${stack.join(', ')}`);
  if (/&(?!(amp|lt|gt|quot|apos);)/.test(body)) out.push('bare &');
  // XML 1.0 Char production: no C0 control but tab/LF/CR, no U+FFFE/U+FFFF, no lone surrogate.
  const bad = text.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  if (bad) out.push(`character U+${bad[0].charCodeAt(0).toString(16).padStart(4, '0')} not allowed in XML 1.0`);
  return out;
}


// --- an XML tree reader, and the OGC KML 2.2 schema's element order ----------------------------------------

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

/** A small XML reader: elements, attributes and nesting (text is skipped). Throws on mismatched tags. */
function xmlTree(text: string): XmlNode {
  const root: XmlNode = { name: '#document', attrs: {}, children: [] };
  const stack = [root];
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  for (const m of body.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>/g)) {
    const [, close, name, rawAttrs, selfClose] = m;
    if (close) {
      const top = stack.pop()!;
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    const node: XmlNode = { name, attrs, children: [] };
    stack[stack.length - 1].children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (stack.length !== 1) throw new Error(`unclosed: ${stack.map((n) => n.name).join(', ')}`);
  return root.children[0];
}

const all_nodes = (n: XmlNode): XmlNode[] => [n, ...n.children.flatMap(all_nodes)];

/**
 * ogckml22.xsd: AbstractFeatureType's sequence, then what a Document (Schema*, features*), a Folder
 * (features*) or a Placemark (one geometry) adds. Each entry is a group of names that share one position;
 * `many` groups may repeat.
 */
const FEATURE_SEQUENCE: { names: string[]; many?: boolean }[] = [
  { names: ['name'] },
  { names: ['visibility'] },
  { names: ['open'] },
  { names: ['atom:author'] },
  { names: ['atom:link'] },
  { names: ['address'] },
  { names: ['xal:AddressDetails'] },
  { names: ['phoneNumber'] },
  { names: ['Snippet'] },
  { names: ['description'] },
  { names: ['Camera', 'LookAt'] },
  { names: ['TimeStamp', 'TimeSpan', 'gx:TimeStamp', 'gx:TimeSpan'] },
  { names: ['styleUrl'] },
  { names: ['Style', 'StyleMap'], many: true },
  { names: ['Region'] },
  { names: ['Metadata', 'ExtendedData'] },
];
const FEATURES = { names: ['Document', 'Folder', 'Placemark', 'NetworkLink', 'GroundOverlay', 'ScreenOverlay', 'PhotoOverlay', 'gx:Tour'], many: true };
const CHILD_SEQUENCE: Record<string, { names: string[]; many?: boolean }[]> = {
  Document: [...FEATURE_SEQUENCE, { names: ['Schema'], many: true }, FEATURES],
  Folder: [...FEATURE_SEQUENCE, FEATURES],
  Placemark: [...FEATURE_SEQUENCE, { names: ['Point', 'LineString', 'LinearRing', 'Polygon', 'MultiGeometry', 'Model', 'gx:Track', 'gx:MultiTrack'] }],
};

/** Children out of the schema's order (or repeated where the schema allows one), for every container. */
function kmlOrderProblems(root: XmlNode): string[] {
  const out: string[] = [];
  for (const node of all_nodes(root)) {
    const seq = CHILD_SEQUENCE[node.name];
    if (!seq) continue;
    let pos = 0;
    let countAtPos = 0;
    for (const child of node.children) {
      const at = seq.findIndex((g) => g.names.includes(child.name));
      if (at < 0) {
        out.push(`<${child.name}> is not a child of <${node.name}>`);
        continue;
      }
      if (at < pos) out.push(`<${child.name}> after <${seq[pos].names.join('|')}> in <${node.name}>`);
      else if (at === pos && countAtPos > 0 && !seq[at].many) out.push(`a second <${child.name}> in <${node.name}>`);
      countAtPos = at === pos ? countAtPos + 1 : 1;
      pos = Math.max(pos, at);
    }
  }
  return out;
}

const all = (text: string, tag: string) => [...text.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((m) => m[1]);

describe('KML export', () => {
  const trace = syntheticTrace();
  const kml = traceToKml(trace, mission);

  it('is well-formed KML 2.2 with the gx extension namespace', () => {
    expect(xmlProblems(kml)).toEqual([]);
    expect(kml).toContain('xmlns="http://www.opengis.net/kml/2.2"');
    expect(kml).toContain('xmlns:gx="http://www.google.com/kml/ext/2.2"');
  });

  it('has one gx:Track per drone whose <when> and <gx:coord> match the trace', () => {
    const placemarks = [...kml.matchAll(/<Placemark[^>]*>([\s\S]*?)<\/Placemark>/g)].map((m) => m[1]).filter((p) => p.includes('<gx:Track>'));
    expect(placemarks).toHaveLength(trace.drones.length);
    placemarks.forEach((pm, k) => {
      const d = trace.drones[k];
      expect(all(pm, 'name')[0]).toBe(d.droneId);
      expect(all(pm, 'altitudeMode')[0]).toBe('relativeToGround');
      const when = all(pm, 'when').map(Date.parse);
      const coords = all(pm, 'gx:coord').map((c) => c.split(' ').map(Number));
      expect(when).toHaveLength(d.tS.length);
      expect(coords).toHaveLength(d.tS.length);
      for (let i = 0; i < d.tS.length; i++) {
        expect(Math.abs(when[i] - (startMs + d.tS[i] * 1000))).toBeLessThanOrEqual(1);
        expect(Math.abs(coords[i][0] - d.lng[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(coords[i][1] - d.lat[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(coords[i][2] - d.altM[i])).toBeLessThanOrEqual(0.1);
      }
      const soc = all(pm, 'gx:value').map(Number);
      expect(soc).toHaveLength(d.soc.length);
      soc.forEach((v, i) => expect(Math.abs(v - d.soc[i])).toBeLessThanOrEqual(1e-6));
    });
  });

  it('follows the OGC KML 2.2 schema order (Style before Schema before the features) with unique ids', () => {
    for (const k of [kml, traceToKml(trace)]) {
      const root = xmlTree(k);
      expect(root.name).toBe('kml');
      const doc = root.children[0];
      expect(doc.name).toBe('Document');
      expect(kmlOrderProblems(root)).toEqual([]);
      const ids = all_nodes(root).map((n) => n.attrs.id).filter((id) => id !== undefined);
      expect(new Set(ids).size).toBe(ids.length);
      // xs:ID values are NCNames: no colon, slash or leading digit.
      for (const id of ids) expect(id).toMatch(/^[A-Za-z_][\w.-]*$/);
      // Every styleUrl points at a Style of this document.
      const styles = new Set(doc.children.filter((c) => c.name === 'Style').map((c) => c.attrs.id));
      for (const u of all(k, 'styleUrl')) expect(styles.has(u.replace(/^#/, '')), u).toBe(true);
      for (const sd of all_nodes(root).filter((n) => n.name === 'SchemaData')) {
        expect(doc.children.some((c) => c.name === 'Schema' && `#${c.attrs.id}` === sd.attrs.schemaUrl)).toBe(true);
      }
    }
    // The order check itself catches the old layout.
    const old = '<kml><Document><name>x</name><Schema id="s"/><Style id="a"/><Folder/></Document></kml>';
    expect(kmlOrderProblems(xmlTree(old))).toEqual(['<Style> after <Schema> in <Document>']);
  });

  it('draws every flight as a plain LineString too (GDAL drops gx:Track), with its time span', () => {
    const lines = all_nodes(xmlTree(kml)).filter((n) => n.name === 'Placemark' && n.children.some((c) => c.name === 'LineString'));
    const placemarks = [...kml.matchAll(/<Placemark id="trip-[^"]*">([\s\S]*?)<\/Placemark>/g)].map((m) => m[1]);
    expect(placemarks).toHaveLength(lines.length);
    // The synthetic drones fly once each: ground, airborne samples, ground.
    expect(lines).toHaveLength(trace.drones.length);
    placemarks.forEach((pm, k) => {
      const d = trace.drones[k];
      const coords = all(pm, 'coordinates')[0].trim().split(/\s+/).map((c) => c.split(',').map(Number));
      expect(coords).toHaveLength(d.tS.length);
      coords.forEach((c, i) => {
        expect(Math.abs(c[0] - d.lng[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[1] - d.lat[i])).toBeLessThanOrEqual(1e-7);
        expect(Math.abs(c[2] - d.altM[i])).toBeLessThanOrEqual(0.1);
      });
      expect(Date.parse(all(pm, 'begin')[0])).toBe(Math.round(startMs + d.tS[0] * 1000));
      expect(Date.parse(all(pm, 'end')[0])).toBe(Math.round(startMs + d.tS[d.tS.length - 1] * 1000));
      expect(all(pm, 'altitudeMode')[0]).toBe('relativeToGround');
    });
  });

  it('escapes names', () => {
    const k = traceToKml({ ...trace, missionName: 'Tom & Jerry <deliveries>' });
    expect(xmlProblems(k)).toEqual([]);
    expect(k).toContain('Tom &amp; Jerry &lt;deliveries&gt;');
  });

  it('stays well-formed XML 1.0 when names hold control characters (issue 20)', () => {
    const nasty = 'A\u001b[2K\rB\u0000\u0007\u000b\u000c\u001f\uffff\ud800 <&> \u{1F681}';
    const m = structuredClone(mission);
    expect(m.noFlyZones.length).toBeGreaterThan(0);
    m.noFlyZones[0].name = `zone ${nasty}`;
    m.depots[0].name = `depot ${nasty}`;
    const t = { ...trace, missionName: `mission ${nasty}`, drones: trace.drones.map((d, i) => (i === 0 ? { ...d, droneId: `drone ${nasty}` } : d)) };
    const k = traceToKml(t, m);
    expect(xmlProblems(k)).toEqual([]);
    expect(() => xmlTree(k)).not.toThrow();
    // Forbidden characters become U+FFFD; tab/CR and a proper surrogate pair (the helicopter) survive.
    expect(k).toContain('zone A\ufffd[2K\rB\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd &lt;&amp;&gt; \u{1F681}');
    expect(k).toContain('depot A\ufffd[2K');
    expect(k).toContain('drone A\ufffd[2K');
    // The check itself catches the raw characters.
    expect(xmlProblems('<a>\u001b</a>')).toEqual(['character U+001b not allowed in XML 1.0']);
  });
});

describe('the plan as a nominal trace', () => {
  const plan = standardPlan(mission);

  it('passes through every plan waypoint at its time, and holds over the drop until the drop is done', () => {
    const trace = planToTrace(mission, plan);
    for (const drone of plan.drones) {
      const tr = trace.drones.find((d) => d.droneId === drone.droneId)!;
      for (let i = 1; i < tr.tS.length; i++) expect(tr.tS[i]).toBeGreaterThan(tr.tS[i - 1]);
      for (const leg of drone.trips.flatMap((t) => t.legs)) {
        for (const w of leg.waypoints) {
          const i = tr.tS.findIndex((t) => Math.abs(t - w[3]) <= 0.001);
          expect(i, `sample at ${w[3]}`).toBeGreaterThanOrEqual(0);
          // Where several waypoints share a time the last one is kept; all of them share the place then.
          expect(Math.abs(tr.lng[i] - w[0])).toBeLessThanOrEqual(1e-7);
          expect(Math.abs(tr.lat[i] - w[1])).toBeLessThanOrEqual(1e-7);
        }
        const j = tr.tS.findIndex((t) => Math.abs(t - leg.doneS) <= 0.001);
        expect(Math.abs(tr.soc[j] - leg.socAfter)).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('a bundled mission planned by the planner: one LineString per planned trip, schema order, unique ids', () => {
    const m = bundledMission('shenzhen-two-hour');
    const p = plannedBy(m);
    const r = exportFiles('kml', { mission: m, plan: p });
    if (!r.ok) throw new Error(r.message);
    const root = xmlTree(r.files[0].text);
    expect(kmlOrderProblems(root)).toEqual([]);
    const ids = all_nodes(root).map((n) => n.attrs.id).filter((id) => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    const names = all_nodes(root)
      .filter((n) => n.name === 'Placemark' && n.children.some((c) => c.name === 'LineString'))
      .map((n) => n.attrs.id);
    expect(names).toHaveLength(p.drones.reduce((k, d) => k + d.trips.length, 0));
    const c = exportFiles('czml', { mission: m, plan: p });
    if (!c.ok) throw new Error(c.message);
    for (const pk of JSON.parse(c.files[0].text)) for (const [k, v] of Object.entries(pk.properties ?? {})) expect(czmlPropertyProblems(`${pk.id}.${k}`, v)).toEqual([]);
  });

  it('exports CZML and KML from a plan alone (no simulation yet)', () => {
    for (const format of ['czml', 'kml'] as const) {
      const r = exportFiles(format, { mission, plan });
      if (!r.ok) throw new Error(r.message);
      expect(r.files[0].name).toMatch(new RegExp(`\\.plan\\.${format}$`));
    }
    const none = exportFiles('czml', { mission });
    expect(none.ok).toBe(false);
  });
});
