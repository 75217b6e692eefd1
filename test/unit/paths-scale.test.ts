/**
 * The path finder at city scale: edges found on demand (a grid scan that prunes what is hidden) are
 * exactly the tangent visible pairs, and a layer left unmerged (what a city of thousands of buildings
 * gets) finds the same shortest paths and still explains an enclosed point.
 */
import { describe, expect, it } from 'vitest';
import type { XY } from '../../src/core/geo/frame';
import { type AirspaceObstacle, type ObstacleLayer, buildAirspace, buildLayer } from '../../src/core/paths/airspace';
import { routeInLayer } from '../../src/core/paths/horizontal';
import { createWeigher, searchPath } from '../../src/core/paths/search';
import { EDGE_FREE, EDGE_UNTESTED, tangentAt } from '../../src/core/paths/visibilityGraph';
import { building, createRng, rect, sceneMission } from './paths.scene';

/** Blocks of small rotated buildings with streets between: overlapping buffers inside a block. */
function cityMission(seed: number, blocks: number) {
  const rng = createRng(seed);
  const list = [];
  for (let bx = 0; bx < blocks; bx++) {
    for (let by = 0; by < blocks; by++) {
      for (let k = 0; k < 4; k++) {
        const cx = bx * 300 + rng.range(20, 180);
        const cy = by * 300 + rng.range(20, 180);
        const w = rng.range(10, 40);
        const h = rng.range(10, 40);
        const a = rng.range(-0.3, 0.3);
        const ring = rect(-w / 2, -h / 2, w / 2, h / 2).map((p) => ({ x: cx + p.x * Math.cos(a) - p.y * Math.sin(a), y: cy + p.x * Math.sin(a) + p.y * Math.cos(a) }));
        list.push(building(`b${bx}-${by}-${k}`, ring, 150));
      }
    }
  }
  return sceneMission({ buildings: list, marginM: 30 });
}

function layers(blocks: number, seed: number): { merged: ObstacleLayer; unmerged: ObstacleLayer; applying: AirspaceObstacle[] } {
  const air = buildAirspace(cityMission(seed, blocks));
  const applying = air.cruiseObstacles(60, { fromS: 0, toS: 0 });
  const ids = applying.map((o) => o.id).sort();
  return { merged: buildLayer(applying, ids, Infinity), unmerged: buildLayer(applying, ids, 0), applying };
}

describe('edges found on demand', () => {
  for (const which of ['merged', 'unmerged'] as const) {
    it(`are exactly the visible pairs tangent at both ends (${which} layer)`, () => {
      const g = layers(4, 3)[which].graph;
      const V = g.nodes.length;
      expect(V).toBeGreaterThan(100);
      let edges = 0;
      for (let i = 0; i < V; i++) {
        const want: number[] = [];
        for (let j = 0; j < V; j++) {
          if (j === i || !tangentAt(g, i, g.nodes[j]) || !tangentAt(g, j, g.nodes[i])) continue;
          if (g.index.segmentFree(g.nodes[Math.min(i, j)], g.nodes[Math.max(i, j)])) want.push(j);
        }
        const k0 = g.neighbours(i);
        const found: number[] = [];
        for (let k = k0; k < k0 + g.degree(i); k++) {
          expect(g.adjState[k], `node ${i} entry ${k} tested`).not.toBe(EDGE_UNTESTED);
          if (g.adjState[k] === EDGE_FREE) found.push(g.adj[k]);
        }
        expect(found, `node ${i}`).toEqual(want);
        edges += want.length;
      }
      expect(edges).toBeGreaterThan(V);
    });
  }
});

describe('an unmerged layer', () => {
  it('finds paths exactly as short as the merged layer', () => {
    const { merged, unmerged } = layers(5, 8);
    const rng = createRng(11);
    let compared = 0;
    for (let q = 0; q < 40; q++) {
      // Street crossings (x, y = 250 + 300 k) are outside every building's margin.
      const a = { x: 250 + 300 * rng.int(4) - 300, y: 250 + 300 * rng.int(5) - 300 };
      const b = { x: 250 + 300 * rng.int(5) - 300, y: 250 + 300 * rng.int(4) - 300 };
      if (Math.hypot(b.x - a.x, b.y - a.y) < 1) continue;
      const m = searchPath(merged.graph, createWeigher(merged.graph, 'distance', undefined, 60), a, b);
      const u = searchPath(unmerged.graph, createWeigher(unmerged.graph, 'distance', undefined, 60), a, b);
      expect(u.found).toBe(m.found);
      expect(u.cost).toBeCloseTo(m.cost, 6);
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });

  it('still names the buildings that wall a point in', () => {
    // Twelve towers in a ring whose margins overlap: the middle is enclosed.
    const towers = Array.from({ length: 12 }, (_, i) => {
      const a = (2 * Math.PI * i) / 12;
      const c: XY = { x: 200 * Math.cos(a), y: 200 * Math.sin(a) };
      return building(`t${i}`, rect(c.x - 40, c.y - 40, c.x + 40, c.y + 40), 150);
    });
    const air = buildAirspace(sceneMission({ buildings: towers, marginM: 30 }));
    const applying = air.cruiseObstacles(60, { fromS: 0, toS: 0 });
    const layer = buildLayer(applying, applying.map((o) => o.id).sort(), 0);
    const r = routeInLayer(air, layer, { x: 0, y: 0 }, { x: 1000, y: 0 }, 60, { objective: 'distance' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('unreachable');
    expect(r.message).toContain('walled in');
    expect(r.buildings?.length).toBe(12);
  });
});

describe('edges tested lazily', () => {
  it('give the same paths whatever earlier searches in the layer tested', () => {
    const rng = createRng(21);
    const legs: [XY, XY][] = [];
    // Street crossings (x, y = 250 + 300 k) are outside every building's margin.
    const crossing = (): XY => ({ x: 250 + 300 * rng.int(6) - 300, y: 250 + 300 * rng.int(6) - 300 });
    while (legs.length < 30) {
      const [a, b] = [crossing(), crossing()];
      if (a.x !== b.x || a.y !== b.y) legs.push([a, b]);
    }
    // Unmerged: overlapping pieces, so many candidate edges fail their test.
    const layerOf = () => layers(5, 8).unmerged;
    const search = (layer: ObstacleLayer, [a, b]: [XY, XY]) => searchPath(layer.graph, createWeigher(layer.graph, 'distance', undefined, 60), a, b);
    // Each leg in a layer of its own (nothing tested before it), all in one layer in reverse order, and
    // in a layer where every edge was tested first.
    const alone = legs.map((l) => search(layerOf(), l));
    const shared = layerOf();
    const warm = [...legs].reverse().map((l) => search(shared, l)).reverse();
    const full = layerOf();
    for (let n = 0; n < full.graph.nodes.length; n++) full.graph.neighbours(n);
    const known = legs.map((l) => search(full, l));
    expect(shared.graph.stats.tested).toBeGreaterThan(0);
    for (let i = 0; i < legs.length; i++) {
      expect(alone[i].found, `leg ${i}`).toBe(true);
      expect(warm[i].points, `leg ${i}`).toEqual(alone[i].points);
      expect(known[i].points, `leg ${i}`).toEqual(alone[i].points);
    }
  });
});
