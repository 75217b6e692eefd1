/** Order feeds (src/core/dispatch/feed.ts): CSV and JSON in, mission orders or every problem out. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_FEED_PROBLEMS, parseOrderFeed } from '../../src/core/dispatch/feed';
import { type Mission, formatProblem, parseMission, parseMissionText } from '../../src/core/mission';

function load(file: string): Mission {
  const r = parseMissionText(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error('refused');
  return r.mission;
}
// Starts 2026-11-25T09:00:00+08:00; no demand model (defaults 900 s / 7200 s).
const mission = load('missions/shenzhen-two-hour.json');
// Has a demand model (prepS 900, promiseS 7200 unless changed below).
const busy = load('missions/shenzhen-busy-day.json');

function ok(text: string, format: 'csv' | 'json', m: Mission = mission) {
  const r = parseOrderFeed(text, format, m);
  if (!r.ok) throw new Error(r.errors.map(formatProblem).join('\n'));
  return r;
}
function errors(text: string, format: 'csv' | 'json', m: Mission = mission): string[] {
  const r = parseOrderFeed(text, format, m);
  if (r.ok) throw new Error('the feed was accepted');
  return r.errors.map(formatProblem);
}

describe('CSV feeds', () => {
  it('reads the required columns, with default window, readyAt, priority and drop', () => {
    const r = ok('id,lng,lat,parcelKg,placedAt\nf-1,114.05,22.57,1.2,3600\n', 'csv');
    expect(r.orders).toEqual([
      { id: 'f-1', position: [114.05, 22.57], parcelKg: 1.2, window: { earliest: 3600 + 900, latest: 3600 + 7200 }, priority: 1, drop: 'winch', placedAt: 3600, readyAt: 4500 },
    ]);
    expect(r.sources).toEqual(['line 2']);
  });

  it("takes the default window from the mission's demand model", () => {
    const m = { ...busy, demand: { ...busy.demand!, prepS: 600, promiseS: 5400 } };
    const [o] = ok('id,lng,lat,parcelKg,placedAt\nf-1,114.05,22.57,1,100\n', 'csv', m).orders;
    expect(o.window).toEqual({ earliest: 700, latest: 5500 });
    expect(o.readyAt).toBe(700);
  });

  it('reads HH:MM and HH:MM:SS on the start day in the start time\'s offset, and ISO times with any offset', () => {
    const text = [
      'placedAt,id,lng,lat,parcelKg,earliest,latest,readyAt',
      '10:30,a,114.05,22.57,1,,,',
      '09:00:30,b,114.05,22.57,1,,,',
      '2026-11-25T11:00:00+08:00,c,114.05,22.57,1,2026-11-25T04:00:00Z,13:30,11:10',
    ].join('\n');
    const [a, b, c] = ok(text, 'csv').orders;
    expect(a.placedAt).toBe(5400);
    expect(b.placedAt).toBe(30);
    expect(c.placedAt).toBe(7200);
    // 04:00Z is 12:00 at +08:00.
    expect(c.window).toEqual({ earliest: 3 * 3600, latest: 4.5 * 3600 });
    expect(c.readyAt).toBe(7800);
  });

  it('handles quoted fields, doubled quotes, CRLF, a byte order mark, blank lines and any column order and case', () => {
    const text = '\uFEFFID,Lat,LNG,parcelkg,placedAt,drop,priority\r\n"f,1",22.57,114.05,"0.5",60,"land",3\r\n\r\n"f-""2""",22.58,114.06,1,120,,\r\n';
    const errs = errors(text, 'csv');
    // "f,1" and f-"2" are read whole (and then refused as ids), nothing else is wrong.
    expect(errs).toEqual([expect.stringMatching(/^line 2, id: may only contain/), expect.stringMatching(/^line 4, id: may only contain/)]);
    const fixed = text.replace('"f,1"', 'f1').replace('"f-""2"""', '"f-2"');
    const r = ok(fixed, 'csv');
    expect(r.orders.map((o) => [o.id, o.position, o.drop, o.priority])).toEqual([
      ['f1', [114.05, 22.57], 'land', 3],
      ['f-2', [114.06, 22.58], 'winch', 1],
    ]);
    expect(r.sources).toEqual(['line 2', 'line 4']);
  });

  it('reports every problem at once, each with its line and column', () => {
    const text = [
      'id,lng,lat,parcelKg,placedAt,drop,latest',
      'ok-1,114.05,22.57,1,60,winch,',
      'bad id,114.05,95,0,soon,parachute,',
      'ok-1,114.05,22.57,1,08:59,,',
      'late,114.05,22.57,1,7200,,3600',
      'short,114.05',
    ].join('\n');
    const errs = errors(text, 'csv');
    expect(errs).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^line 3, id: /),
        expect.stringMatching(/^line 3, lat: latitude must be within -90\.\.90/),
        expect.stringMatching(/^line 3, parcelKg: must be > 0 kg/),
        expect.stringMatching(/^line 3, placedAt: must be seconds after the mission start, an ISO date-time with offset or HH:MM \(got "soon"\)/),
        expect.stringMatching(/^line 3, drop: /),
        expect.stringMatching(/^line 4, id: duplicate id "ok-1" \(also line 2\)/),
        expect.stringMatching(/^line 4, placedAt: 08:59 on the start day is before the mission start/),
        expect.stringMatching(/^line 5, latest: is before earliest/),
        expect.stringMatching(/^line 5, placedAt: is after latest/),
        expect.stringMatching(/^line 6: has 2 fields, the header has 7/),
      ]),
    );
    // Listed in the file's order.
    const lines = errs.map((e) => Number(/^line (\d+)/.exec(e)?.[1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('refuses a header without the required columns, and unknown or repeated columns', () => {
    expect(errors('id,lng,lat,placedAt\n', 'csv')).toEqual([expect.stringMatching(/^line 1: missing column "parcelKg"/)]);
    const errs = errors('id,lng,lat,parcelKg,placedAt,colour,lng\nx,1,2,3,4,red,1\n', 'csv');
    expect(errs).toEqual([expect.stringMatching(/^line 1: unknown column "colour"/), expect.stringMatching(/^line 1: column "lng" appears twice/)]);
    expect(errors('', 'csv')).toEqual([expect.stringMatching(/the feed is empty/)]);
    expect(errors('id,lng\n"open,1\n', 'csv')).toContainEqual(expect.stringMatching(/^line 2: a quoted field is never closed/));
  });

  it('refuses clock times that are no clock times, and times before the mission start', () => {
    const errs = errors('id,lng,lat,parcelKg,placedAt,readyAt\na,114.05,22.57,1,24:10,\nb,114.05,22.57,1,-5,\nc,114.05,22.57,1,2026-11-25T08:00:00+08:00,\n', 'csv');
    expect(errs).toEqual([
      expect.stringMatching(/^line 2, placedAt: "24:10" is not a clock time/),
      expect.stringMatching(/^line 3, placedAt: is before the mission start/),
      expect.stringMatching(/^line 4, placedAt: is before the mission start/),
    ]);
  });

  it(`lists at most ${MAX_FEED_PROBLEMS} problems and counts the rest`, () => {
    const rows = Array.from({ length: 80 }, (_, i) => `x${i},114.05,22.57,-1,60`);
    const errs = errors(['id,lng,lat,parcelKg,placedAt', ...rows].join('\n'), 'csv');
    expect(errs).toHaveLength(MAX_FEED_PROBLEMS + 1);
    expect(errs[0]).toMatch(/^line 2, parcelKg/);
    expect(errs.at(-1)).toBe(`... and ${80 - MAX_FEED_PROBLEMS} more problems`);
  });

  it('gives orders the mission loader accepts', () => {
    const r = ok('id,lng,lat,parcelKg,placedAt,earliest,latest\nf-1,114.05,22.57,1,09:30,10:00,11:00\nf-2,114.06,22.58,2,600,,\n', 'csv');
    const loaded = parseMission({ ...mission, orders: [...mission.orders, ...r.orders] });
    expect(loaded.ok).toBe(true);
  });
});

describe('JSON feeds', () => {
  const order = { id: 'j-1', lng: 114.05, lat: 22.57, parcelKg: 1, placedAt: '10:00' };

  it('reads an array or {orders: [...]}, with the same keys and times as CSV', () => {
    const a = ok(JSON.stringify([order, { ...order, id: 'j-2', placedAt: 60, latest: '2026-11-25T12:00:00+08:00', priority: 2, drop: null }]), 'json');
    expect(a.orders.map((o) => [o.id, o.placedAt, o.window.latest, o.priority, o.drop])).toEqual([
      ['j-1', 3600, 3600 + 7200, 1, 'winch'],
      ['j-2', 60, 3 * 3600, 2, 'winch'],
    ]);
    expect(a.sources).toEqual(['[0]', '[1]']);
    // Numbers written as strings (as some shop systems do) are read as numbers.
    const b = ok(JSON.stringify({ orders: [{ ...order, lng: '114.05', placedAt: '3600' }] }), 'json');
    expect(b.orders).toEqual(a.orders.slice(0, 1));
    expect(b.sources).toEqual(['orders[0]']);
  });

  it('names the index and key of every problem', () => {
    const errs = errors(JSON.stringify({ orders: [order, { ...order, lng: 'east', parcelKg: 99_999, note: 'x' }, 7, { ...order, id: 'j-9', placedAt: '11:00', readyAt: '10:59' }] }), 'json');
    expect(errs).toEqual([
      expect.stringMatching(/^orders\[1\]: unknown field "note"/),
      'orders[1].id: duplicate id "j-1" (also orders[0])',
      'orders[1].lng: must be a number (got "east")',
      'orders[1].parcelKg: must be at most 1000 kg',
      expect.stringMatching(/^orders\[2\]: must be an object/),
      expect.stringMatching(/^orders\[3\]\.readyAt: is before placedAt \(7200 s\)/),
    ]);
    expect(errors('{"orders": 3}', 'json')).toEqual(['orders: must be an array of orders']);
    expect(errors('[1,', 'json')[0]).toMatch(/^not valid JSON/);
    expect(errors('{"order": []}', 'json')).toEqual([expect.stringMatching(/must be an array of orders or/)]);
  });
});
