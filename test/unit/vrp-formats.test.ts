import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateRoutes,
  parseCvrplib,
  parseLkhVrptw,
  parseSol,
  parseTour,
  parseVrplib,
  tourToRoutes,
  type ParseResult,
} from '../../src/core/planner/vrp';

const ROOT = '../shared/bench/vrp';
const have = existsSync(ROOT);
const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8');

function ok(r: ParseResult) {
  if (!r.ok) throw new Error(`${r.path}: ${r.reason}`);
  return r.value;
}

/** Cost of the published tour recomputed here (own Euclidean + rounding), independent of the solver. */
function tourCost(coords: Map<number, [number, number]>, routes: number[][], depotId: number, round: (d: number) => number): number {
  let c = 0;
  for (const r of routes) {
    const ids = [depotId, ...r, depotId];
    for (let k = 0; k + 1 < ids.length; k++) {
      const [ax, ay] = coords.get(ids[k])!;
      const [bx, by] = coords.get(ids[k + 1])!;
      c += round(Math.hypot(ax - bx, ay - by));
    }
  }
  return c;
}

function coordsOf(text: string): Map<number, [number, number]> {
  const m = new Map<number, [number, number]>();
  const lines = text.split('\n');
  let i = lines.findIndex((l) => l.trim().startsWith('NODE_COORD_SECTION')) + 1;
  for (; i < lines.length && /^\s*\d/.test(lines[i]); i++) {
    const [id, x, y] = lines[i].trim().split(/\s+/).map(Number);
    m.set(id, [x, y]);
  }
  return m;
}

describe.skipIf(!have)('benchmark readers match published tour costs', () => {
  it('Augerat (EUC_2D nint): every tour in TOURS/ recomputes to the cost in its name, feasibly', () => {
    for (const set of ['Augerat_A', 'Augerat_B']) {
      for (const f of readdirSync(`${ROOT}/cvrp/TOURS/${set}`).slice(0, 8)) {
        const name = f.split('.')[0];
        const expected = Number(f.split('.')[1]);
        const text = read(`cvrp/INSTANCES/${set}/${name}.vrp`);
        const inst = ok(parseCvrplib(text));
        const dim = inst.problem.customers.length + 1;
        const tour = parseTour(read(`cvrp/TOURS/${set}/${f}`));
        const routesIds = tourToRoutes(tour, dim).map((r) => r.map((i) => i + 1));
        // Independent recomputation from the file's coordinates.
        expect(tourCost(coordsOf(text), routesIds, 1, (d) => Math.floor(d + 0.5))).toBe(expected);
        // Through the reader and the solver's evaluation.
        const sol = evaluateRoutes(inst.problem, tourToRoutes(tour, dim).map((r) => [r]));
        expect(sol.objective.distance).toBe(expected);
        expect(sol.feasible).toBe(true);
        expect(inst.bestKnown).toBe(expected);
      }
    }
  });

  it('Solomon (FLOOR_2D, one decimal): tours recompute to the name cost and respect windows and fleet', () => {
    const files = readdirSync(`${ROOT}/cvrptw/TOURS/Solomon_100`).filter((_, i) => i % 5 === 0);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const [name, n, veh, cost10] = f.split('.');
      const text = read(`cvrptw/INSTANCES/Solomon_100/${name}.${n}.${veh}.vrptw`);
      const inst = ok(parseLkhVrptw(text));
      expect(inst.scale).toBe(10);
      expect(inst.vehicles).toBe(Number(veh));
      const routes = tourToRoutes(parseTour(read(`cvrptw/TOURS/Solomon_100/${f}`)), 101);
      expect(routes.length).toBeLessThanOrEqual(Number(veh));
      const own = tourCost(coordsOf(text), routes.map((r) => r.map((i) => i + 1)), 1, (d) => Math.floor(d * 10 + 1e-9));
      expect(own).toBe(Number(cost10));
      const sol = evaluateRoutes(inst.problem, routes.map((r) => [r]));
      expect(sol.objective.distance).toBe(Number(cost10));
      expect(sol.feasible).toBe(true);
    }
  });

  it('PyVRP MTVRPTWR (.sol with reloads, DIMACS truncation): cost line matches and the solution is feasible', () => {
    for (const name of ['C201R0.25', 'R205R0.5', 'RC2_2_03R0.75']) {
      const inst = ok(parseVrplib(read(`pyvrp/MTVRPTWR/${name}.vrp`), 'dimacs'));
      const sol = parseSol(read(`pyvrp/MTVRPTWR/${name}.sol`));
      const routes = sol.routes.map((r) => {
        const trips: number[][] = [[]];
        for (const id of r) {
          if (id === 0) trips.push([]);
          else trips[trips.length - 1].push(id);
        }
        return trips;
      });
      const ev = evaluateRoutes(inst.problem, routes);
      expect(ev.objective.distance).toBe(sol.cost);
      expect(ev.feasible).toBe(true);
      expect(ev.unserved).toEqual([]);
    }
  });

  it('PyVRP MDVRPTW (.sol per vehicle, round(1000 d)): cost line matches and the solution is feasible', () => {
    const inst = ok(parseVrplib(read('pyvrp/MDVRPTW/PR11A.vrp'), 'exact'));
    expect(inst.problem.depots.length).toBe(4);
    expect(inst.problem.fleets.map((f) => f.count)).toEqual([10, 10, 10, 10]);
    const sol = parseSol(read('pyvrp/MDVRPTW/PR11A.sol'));
    const ev = evaluateRoutes(inst.problem, sol.routes.map((r) => (r.length ? [r] : [])));
    expect(ev.objective.distance).toBe(sol.cost);
    expect(ev.feasible).toBe(true);
  });
});

describe('reader errors are values with a field and a reason', () => {
  it('missing capacity', () => {
    const r = parseCvrplib('NAME : x\nDIMENSION : 2\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\nEOF\n');
    expect(r).toMatchObject({ ok: false, path: 'CAPACITY' });
  });
  it('wrong row count', () => {
    const r = parseCvrplib('DIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\n3 1\nEOF\n');
    expect(r).toMatchObject({ ok: false, path: 'NODE_COORD_SECTION' });
  });
});
