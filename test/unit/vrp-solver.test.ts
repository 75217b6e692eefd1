import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/core/random';
import {
  benchmarkObjective,
  clarkeWrightBaseline,
  euclideanMatrix,
  missionObjective,
  nodePoints,
  solveVrp,
  type VrpProblem,
  type VrpSolution,
} from '../../src/core/planner/vrp';
import { buildModel, type VrpModel } from '../../src/core/planner/vrp/model';
import { RouteSet } from '../../src/core/planner/vrp/routes';
import { defaultSisrParams, Sisr } from '../../src/core/planner/vrp/sisr';
import { totalObjective } from '../../src/core/planner/vrp/objective';
import { ConcatEvaluator, type InsertionResult } from '../../src/core/planner/vrp/concatEvaluator';
import { SimEvaluator } from '../../src/core/planner/vrp/simEvaluator';
import { newTotals, simulateRoute } from '../../src/core/planner/vrp/simulate';
import { TRIP_TIE_BREAK } from '../../src/core/planner/vrp/evaluator';
import { RemovedCustomers, StringRemoval } from '../../src/core/planner/vrp/ruin';
import { MoveUndo } from '../../src/core/planner/vrp/moveUndo';
import { Neighbourhood } from '../../src/core/planner/vrp/neighbourhood';

const TOL = 1e-6;

/**
 * Independent checker: recomputes every constraint from the instance and the reported solution alone
 * (not with the solver's simulation). Returns the list of broken rules.
 */
function check(p: VrpProblem, s: VrpSolution): string[] {
  const bad: string[] = [];
  const D = p.depots.length;
  const n = D + p.customers.length;
  const seen = new Set<number>();
  const used = new Map<number, number>();
  let distance = 0;
  let energyTotal = 0;
  let latenessTotal = 0;
  const vehicleIds = new Set<number>();
  // Vehicle index -> (depot, type), expanded from fleets in order.
  const fleetOf: { depot: number; type: number }[] = [];
  for (const f of p.fleets) for (let k = 0; k < f.count; k++) fleetOf.push({ depot: f.depot, type: f.vehicleType });
  for (const r of s.routes) {
    if (vehicleIds.has(r.vehicle)) bad.push(`vehicle ${r.vehicle} listed twice`);
    vehicleIds.add(r.vehicle);
    const fv = fleetOf[r.vehicle];
    if (!fv || fv.depot !== r.depot || fv.type !== r.vehicleType) bad.push(`vehicle ${r.vehicle} not in its fleet`);
    const t = p.vehicleTypes[r.vehicleType];
    const depot = p.depots[r.depot];
    if (r.trips.length > (t.maxTrips ?? 1)) bad.push(`vehicle ${r.vehicle}: too many trips`);
    used.set(r.depot, (used.get(r.depot) ?? 0) + 1);
    let ready = depot.openS ?? 0;
    let first = Infinity;
    let last = 0;
    for (const trip of r.trips) {
      const cs = trip.customers;
      const load = cs.reduce((a, c) => a + p.customers[c - D].demandKg, 0);
      if (load > t.capacityKg + TOL) bad.push(`trip over capacity`);
      if (Math.abs(load - trip.loadKg) > TOL) bad.push('reported load wrong');
      const rel = Math.max(0, ...cs.map((c) => p.customers[c - D].releaseS ?? 0));
      if (trip.departS < ready - TOL) bad.push(`vehicle ${r.vehicle}: departs before ready (${trip.departS} < ${ready})`);
      if (trip.departS < rel - TOL) bad.push('departs before a parcel is released');
      if (trip.departS < (depot.openS ?? 0) - TOL) bad.push('departs before depot opens');
      let time = trip.departS;
      let prev = r.depot;
      let onboard = load;
      let energy = 0;
      let wait = 0;
      cs.forEach((c, k) => {
        if (seen.has(c)) bad.push(`customer ${c} served twice`);
        seen.add(c);
        const cu = p.customers[c - D];
        const arr = time + t.travelTimeS[prev * n + c];
        distance += t.distance[prev * n + c];
        if (t.energy) energy += t.energy.baseWh[prev * n + c] + t.energy.perKgWh[prev * n + c] * onboard;
        if (Math.abs(arr - trip.arrivalS[k]) > TOL) bad.push('arrival time inconsistent');
        const st = trip.serviceStartS[k];
        if (st < arr - TOL) bad.push('service before arrival');
        if (st < (cu.earliestS ?? 0) - TOL) bad.push('service before window');
        const late = Math.max(0, st - (cu.latestS ?? Infinity));
        if (p.timeWindows === 'hard' && late > TOL) bad.push(`customer ${c} late by ${late}`);
        latenessTotal += late;
        wait += st - arr;
        time = st + (cu.serviceS ?? 0);
        onboard -= cu.demandKg;
        prev = c;
      });
      const back = time + t.travelTimeS[prev * n + r.depot];
      distance += t.distance[prev * n + r.depot];
      if (t.energy) energy += t.energy.baseWh[prev * n + r.depot] + t.energy.perKgWh[prev * n + r.depot] * Math.max(0, onboard);
      energy += (t.energy?.hoverWhPerS ?? 0) * wait;
      if (Math.abs(back - trip.returnS) > TOL) bad.push('return time inconsistent');
      if (back > (depot.closeS ?? Infinity) + TOL) bad.push('lands after depot closes');
      if (energy > (t.tripEnergyLimitWh ?? Infinity) + TOL) bad.push(`trip energy ${energy} over limit`);
      if (Math.abs(energy - trip.energyWh) > 1e-6 * Math.max(1, energy)) bad.push('reported energy wrong');
      energyTotal += energy;
      first = Math.min(first, trip.departS);
      last = back;
      ready = back + (t.recharge?.fixedS ?? 0) + (t.recharge?.perWhS ?? 0) * energy;
    }
    if (r.trips.length && last - first > (t.maxRouteDurationS ?? Infinity) + TOL) bad.push('route too long');
  }
  for (const f of p.fleets) if ((used.get(f.depot) ?? 0) > p.fleets.filter((g) => g.depot === f.depot).reduce((a, g) => a + g.count, 0)) bad.push('fleet exceeded');
  p.customers.forEach((c, k) => {
    const id = D + k;
    if (!seen.has(id) && !s.unserved.includes(id)) bad.push(`customer ${id} neither served nor unserved`);
    if (seen.has(id) && s.unserved.includes(id)) bad.push(`customer ${id} both served and unserved`);
    if (!seen.has(id) && !c.optional) bad.push(`mandatory customer ${id} unserved`);
  });
  if (Math.abs(distance - s.objective.distance) > 1e-6 * Math.max(1, distance)) bad.push('objective distance wrong');
  if (Math.abs(energyTotal - s.objective.energyWh) > 1e-6 * Math.max(1, energyTotal)) bad.push('objective energy wrong');
  if (Math.abs(latenessTotal - s.objective.latenessS) > 1e-6 * Math.max(1, latenessTotal)) bad.push('objective lateness wrong');
  return bad;
}

/** 'untimed': capacity only (no closing time anywhere, no energy), several trips per vehicle. */
type Variant = 'cvrp' | 'vrptw' | 'multitrip' | 'multidepot' | 'optional' | 'energy' | 'soft' | 'untimed';

/** Random seeded instance of one variant (coordinates in a 100 x 100 square, speed 1). */
function randomProblem(variant: Variant, seed: number, customers = 25): VrpProblem {
  const rng = createRng(seed);
  const depotCount = variant === 'multidepot' ? 3 : 1;
  const horizon = 1000;
  const untimed = variant === 'untimed';
  const depots = Array.from({ length: depotCount }, () => ({ x: rng.range(20, 80), y: rng.range(20, 80), openS: 0, closeS: untimed ? undefined : horizon }));
  const tw = variant !== 'cvrp' && !untimed;
  const cs = Array.from({ length: customers }, () => {
    const e = rng.range(0, horizon - 300);
    return {
      x: rng.range(0, 100),
      y: rng.range(0, 100),
      demandKg: 1 + rng.int(5),
      serviceS: tw ? 10 : 0,
      earliestS: tw ? e : 0,
      latestS: untimed ? undefined : tw ? e + (variant === 'soft' ? 60 : 200) : horizon,
      releaseS: variant === 'multitrip' ? rng.range(0, Math.min(300, e)) : 0,
      priority: 1 + rng.int(3),
      optional: variant === 'optional' || variant === 'soft' || variant === 'energy',
    };
  });
  if (variant === 'optional') cs[0].demandKg = 999; // can never be carried
  const pts = nodePoints({ depots, customers: cs });
  const dist = euclideanMatrix(pts);
  const energy =
    variant === 'energy' || variant === 'multitrip' || variant === 'soft'
      ? { baseWh: dist.map((d) => d * 0.5), perKgWh: dist.map((d) => d * 0.05), hoverWhPerS: 0.2 }
      : undefined;
  const multi = variant === 'multitrip' || variant === 'energy' || variant === 'soft' || untimed;
  return {
    depots,
    customers: cs,
    vehicleTypes: [
      {
        id: 't',
        capacityKg: multi ? 8 : 20,
        distance: dist,
        travelTimeS: dist,
        energy,
        tripEnergyLimitWh: energy ? 120 : undefined,
        maxTrips: multi ? 6 : 1,
        recharge: multi ? { fixedS: 20, perWhS: 0.5 } : undefined,
        maxRouteDurationS: variant === 'multidepot' ? 700 : undefined,
        fixedCost: variant === 'soft' ? 1 : 0,
      },
    ],
    fleets: depots.map((_, d) => ({ depot: d, vehicleType: 0, count: variant === 'cvrp' ? customers : multi ? 4 : 8 })),
    timeWindows: variant === 'soft' ? 'soft-latest' : 'hard',
    objective: variant === 'soft' || variant === 'energy' ? missionObjective() : benchmarkObjective(),
  };
}

function solve(p: VrpProblem, seed: number, iterationLimit: number): VrpSolution {
  const r = solveVrp(p, { seed, iterationLimit });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.solution;
}

describe('solver output passes an independent feasibility check on every variant', () => {
  const variants: Variant[] = ['cvrp', 'vrptw', 'multitrip', 'multidepot', 'optional', 'energy', 'soft', 'untimed'];
  for (const variant of variants) {
    it(variant, () => {
      for (const seed of [1, 2, 3]) {
        const p = randomProblem(variant, seed);
        const s = solve(p, seed, 1500);
        expect(check(p, s)).toEqual([]);
        expect(s.feasible).toBe(true);
        if (variant === 'optional') {
          expect(s.unserved).toContain(p.depots.length); // the 999 kg parcel
          expect(s.unservedReasons).toContainEqual({ customer: p.depots.length, reason: 'too-heavy' });
        }
        if (variant === 'multitrip' || variant === 'untimed') expect(s.routes.some((r) => r.trips.length > 1)).toBe(true);
      }
    });
  }
});

describe('determinism and quality', () => {
  it('same seed and iteration limit give the identical solution', () => {
    const p = randomProblem('multitrip', 7, 30);
    const a = solve(p, 42, 800);
    const b = solve(p, 42, 800);
    expect(a.routes.map((r) => r.trips.map((t) => t.customers))).toEqual(b.routes.map((r) => r.trips.map((t) => t.customers)));
    expect(a.objective).toEqual(b.objective);
  });

  it('large fleets (granular insertion, several vehicle classes per depot): identical on a rerun and checks out', () => {
    for (const [variant, seed] of [['cvrp', 21], ['multidepot', 22]] as const) {
      const p = randomProblem(variant, seed, 60);
      // More vehicles than the granular threshold, some of them busy at the start (more classes).
      p.fleets = p.fleets.map((f) => ({ ...f, count: 30, availableS: Array.from({ length: 30 }, (_, k) => (k % 3 === 0 ? 50 * k : 0)) }));
      const a = solve(p, 5, 3000);
      const b = solve(p, 5, 3000);
      expect(a.routes.map((r) => [r.vehicle, r.trips.map((t) => t.customers)])).toEqual(b.routes.map((r) => [r.vehicle, r.trips.map((t) => t.customers)]));
      expect(a.objective).toEqual(b.objective);
      expect(check(p, a)).toEqual([]);
      expect(a.feasible).toBe(true);
    }
  });

  it('beats or equals Clarke-Wright + 2-opt on small instances', () => {
    for (const [variant, seed] of [['cvrp', 11], ['cvrp', 12], ['vrptw', 13], ['multidepot', 14]] as const) {
      const p = randomProblem(variant, seed, 40);
      const base = clarkeWrightBaseline(p).solution;
      // The baseline may run out of vehicles (then it leaves customers out and says so).
      const issues = check(p, base);
      expect(issues.every((x) => x.startsWith('mandatory customer'))).toBe(true);
      expect(base.feasible).toBe(issues.length === 0);
      const s = solve(p, 1, 3000);
      expect(s.feasible).toBe(true);
      if (base.feasible) expect(s.objective.cost).toBeLessThanOrEqual(base.objective.cost + 1e-9);
    }
  });

  it('finds the optimum of tiny instances (brute force over partitions and orders)', () => {
    for (const [variant, seed] of [['cvrp', 21], ['cvrp', 22], ['vrptw', 23], ['vrptw', 24]] as const) {
      const p = randomProblem(variant, seed, 7);
      p.vehicleTypes[0].capacityKg = 9;
      const s = solve(p, 3, 2000);
      expect(s.objective.distance).toBeCloseTo(bruteForce(p), 6);
    }
  });

  it('progress reports increasing fractions and cancel stops early with a valid solution', () => {
    const p = randomProblem('vrptw', 5, 40);
    const fractions: number[] = [];
    const signal = { aborted: false };
    const r = solveVrp(p, {
      seed: 1,
      iterationLimit: 100000,
      progressEvery: 50,
      signal,
      onProgress: (x) => {
        fractions.push(x.fraction);
        if (x.iteration >= 200) signal.aborted = true;
      },
    });
    if (!r.ok) throw new Error('solve failed');
    expect(r.solution.iterations).toBeLessThan(300);
    expect(check(p, r.solution)).toEqual([]);
    for (let k = 1; k < fractions.length; k++) expect(fractions[k]).toBeGreaterThanOrEqual(fractions[k - 1]);
    expect(fractions.at(-1)).toBe(1);
  });

  it('reports problems as values with a path', () => {
    const p = randomProblem('cvrp', 1, 5);
    p.fleets[0].depot = 9;
    const r = solveVrp(p, { iterationLimit: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].path).toBe('fleets[0].depot');
  });
});

/** Two route sets holding the same routes: two evaluators side by side, or one against a refresh. */
function twoRouteSets(m: VrpModel, routes: Map<number, number[]>): [RouteSet, RouteSet] {
  const sets: [RouteSet, RouteSet] = [new RouteSet(m), new RouteSet(m)];
  for (const [v, seq] of routes) for (const rs of sets) rs.setRoute(v, Int32Array.from(seq), seq.length);
  return sets;
}

/**
 * A solver's routes with every k-th customer (by node index) taken out: the routes per vehicle (depot
 * visits included, [] for an unused vehicle) and the customers taken out, to be inserted again.
 */
function routesWithout(s: VrpSolution, every: number): { routes: Map<number, number[]>; out: Set<number> } {
  const routes = new Map<number, number[]>();
  const out = new Set<number>();
  for (const r of s.routes) {
    const seq: number[] = [r.depot];
    for (const t of r.trips) {
      for (const c of t.customers) {
        if (c % every === 0) out.add(c);
        else seq.push(c);
      }
      if (seq[seq.length - 1] !== r.depot) seq.push(r.depot);
    }
    routes.set(r.vehicle, seq.length > 2 ? seq : []);
  }
  return { routes, out };
}

describe('the construction is kept when the first move is rolled back', () => {
  it('rolling back the search\'s first move gives back the constructed routes, not the empty start', () => {
    for (const variant of ['cvrp', 'multitrip', 'soft'] as const) {
      const p = randomProblem(variant, 62, 30);
      const m = buildModel(p);
      const rs = new RouteSet(m);
      const ev = m.hardWindows ? new ConcatEvaluator(m, rs) : new SimEvaluator(m, rs);
      const sisr = new Sisr(m, rs, ev, createRng(4), defaultSisrParams);
      sisr.insertUnserved();
      const built = Array.from({ length: m.vehicleCount }, (_, v) => rs.trips(v));
      const cost = sisr.totalCost();
      expect(rs.servedCount).toBeGreaterThan(0);
      sisr.step();
      sisr.rollback();
      expect(Array.from({ length: m.vehicleCount }, (_, v) => rs.trips(v))).toEqual(built);
      expect(sisr.totalCost()).toBe(cost);
    }
  });
});

describe('the route set keeps its totals through ruins, insertions and rollbacks', () => {
  it('used and served counts, the used-vehicle bound and the search total match a full scan after every move', () => {
    for (const variant of ['cvrp', 'optional', 'multitrip'] as const) {
      const p = randomProblem(variant, 61, 40);
      // A fleet larger than needed: some vehicles stay empty, routes empty out and fill again.
      p.fleets = p.fleets.map((f) => ({ ...f, count: 30 }));
      const m = buildModel(p);
      const rs = new RouteSet(m);
      const ev = new ConcatEvaluator(m, rs);
      const rng = createRng(3);
      const sisr = new Sisr(m, rs, ev, rng, defaultSisrParams);
      sisr.insertUnserved();
      let emptied = 0;
      for (let it = 0; it < 300; it++) {
        const usedBefore = rs.usedCount;
        sisr.step();
        if (rs.usedCount < usedBefore) emptied++;
        if (rng.next() < 0.5) sisr.commit();
        else sisr.rollback();
        let used = 0;
        let last = 0;
        for (let v = 0; v < m.vehicleCount; v++) if (rs.len[v] > 0) { used++; last = v + 1; }
        let served = 0;
        for (let u = m.depotCount; u < m.n; u++) if (rs.routeOf[u] >= 0) served++;
        expect(rs.usedCount).toBe(used);
        expect(rs.servedCount).toBe(served);
        expect(rs.usedEnd).toBeGreaterThanOrEqual(last);
        expect(sisr.totalCost()).toBe(totalObjective(m, rs.cost, rs.routeOf));
      }
      expect(emptied).toBeGreaterThan(0);
      if (variant === 'optional') expect(rs.unservedCount).toBeGreaterThan(0); // the 999 kg parcel
    }
  });
});

describe('the simulating evaluator flies only the changed trip and what it delays, and stops at the bound', () => {
  // Soft windows, releases and recharges: a changed trip can push the trips after it, or not.
  for (const variant of ['soft', 'multitrip'] as const) {
    it(`${variant}: every candidate costs exactly what simulating the whole candidate route costs`, () => {
      for (const seed of [51, 52]) {
        const p = randomProblem(variant, seed, 40);
        const s = solve(p, seed, 400);
        const m = buildModel(p);
        const rs = new RouteSet(m);
        const { routes, out } = routesWithout(s, 4);
        for (const [v, seq] of routes) rs.setRoute(v, Int32Array.from(seq), seq.length);
        const ev = new SimEvaluator(m, rs);
        for (let v = 0; v < m.vehicleCount; v++) ev.refresh(v);
        const tot = newTotals();
        const res: InsertionResult = { delta: 0, pos: 0, newTrip: false };
        let multiTrip = 0;
        for (const u of out) {
          for (let v = 0; v < m.vehicleCount; v++) {
            const len = rs.len[v];
            if (len === 0) continue;
            if (ev.tripCount(v) > 1) multiTrip++;
            const seq = Array.from(rs.seq[v].subarray(0, len));
            const base = rs.cost[v];
            // Brute force: every position and every new trip, each route simulated whole.
            let best = Infinity;
            for (let q = 0; q + 1 < len; q++) {
              if (seq[q] < m.depotCount && seq[q + 1] < m.depotCount) continue;
              const cand = [...seq.slice(0, q + 1), u, ...seq.slice(q + 1)];
              const load = (() => {
                let a = q;
                while (seq[a] >= m.depotCount) a--;
                let b = q + 1;
                while (seq[b] >= m.depotCount) b++;
                return seq.slice(a + 1, b).reduce((x, c) => x + m.demand[c], 0);
              })();
              if (load + m.demand[u] > m.typeCapacity[m.vehicleType[v]]) continue;
              best = Math.min(best, simulateRoute(m, v, cand, cand.length, tot) - base);
            }
            if (ev.tripCount(v) < m.typeMaxTrips[m.vehicleType[v]]) {
              for (let q = 0; q < len; q++) {
                if (seq[q] >= m.depotCount) continue;
                const cand = [...seq.slice(0, q + 1), u, seq[q], ...seq.slice(q + 1)];
                best = Math.min(best, simulateRoute(m, v, cand, cand.length, tot) - base + TRIP_TIE_BREAK);
              }
            }
            ev.bestInsertion(u, v, Infinity, 0, Math.random, res);
            // Same numbers to the bit (the energy pre-check only skips positions that break the limit).
            expect(res.delta).toBe(best);
            if (best === Infinity) continue;
            // With a bound (candidates are given up once they cannot beat it): found just under it...
            ev.bestInsertion(u, v, best + 1e-6, 0, Math.random, res);
            expect(res.delta).toBe(best);
            // ...and nothing at it (a position must cost strictly less than the bound).
            ev.bestInsertion(u, v, best, 0, Math.random, res);
            expect(res.delta).toBe(Infinity);
          }
        }
        expect(multiTrip).toBeGreaterThan(20);
      }
    });
  }
});

describe('O(1) concatenation evaluator agrees with the reference simulation', () => {
  for (const variant of ['vrptw', 'multitrip', 'multidepot', 'energy', 'untimed'] as const) {
    it(variant, () => {
      for (const seed of [31, 32]) {
        const p = randomProblem(variant, seed, 30);
        const s = solve(p, seed, 300);
        const m = buildModel(p);
        // Load the solution, then take every 3rd customer out and compare insertion costs.
        const { routes, out } = routesWithout(s, 3);
        const [rsA, rsB] = twoRouteSets(m, routes);
        const a = new ConcatEvaluator(m, rsA);
        const b = new SimEvaluator(m, rsB);
        for (let v = 0; v < m.vehicleCount; v++) {
          a.refresh(v);
          b.refresh(v);
          expect(rsA.cost[v]).toBeCloseTo(rsB.cost[v], 6);
        }
        const ra: InsertionResult = { delta: 0, pos: 0, newTrip: false };
        const rb: InsertionResult = { delta: 0, pos: 0, newTrip: false };
        let compared = 0;
        for (const u of out) {
          for (let v = 0; v < m.vehicleCount; v++) {
            a.bestInsertion(u, v, Infinity, 0, Math.random, ra);
            b.bestInsertion(u, v, Infinity, 0, Math.random, rb);
            if (rb.delta === Infinity) expect(ra.delta).toBe(Infinity);
            else {
              expect(ra.delta).toBeCloseTo(rb.delta, 6);
              compared++;
            }
          }
        }
        expect(compared).toBeGreaterThan(10);
      }
    });
  }
});

/** Capacity-only problems: 'untimed' (several trips per vehicle) or plain CVRP (one trip, no closing time anywhere, one vehicle per customer). */
function capacityOnly(kind: 'cvrp' | 'untimed', seed: number, customers: number): VrpProblem {
  const p = randomProblem('untimed', seed, customers);
  if (kind === 'untimed') return p;
  return { ...p, vehicleTypes: p.vehicleTypes.map((t) => ({ ...t, capacityKg: 20, maxTrips: 1, recharge: undefined })), fleets: p.fleets.map((f) => ({ ...f, count: customers })) };
}

describe('an insertion updates a capacity-only route in place, to the same state as a refresh', () => {
  for (const kind of ['cvrp', 'untimed'] as const) {
    it(kind, () => {
      const p = capacityOnly(kind, 44, 30);
      const s = solve(p, 44, 300);
      const m = buildModel(p);
      const { routes, out } = routesWithout(s, 3);
      const [rsA, rsB] = twoRouteSets(m, routes);
      const a = new ConcatEvaluator(m, rsA);
      const b = new ConcatEvaluator(m, rsB);
      for (let v = 0; v < m.vehicleCount; v++) {
        a.refresh(v);
        b.refresh(v);
      }
      const ra: InsertionResult = { delta: 0, pos: 0, newTrip: false };
      const rb: InsertionResult = { delta: 0, pos: 0, newTrip: false };
      const placed = [...out];
      let inPlace = 0;
      // Insert the left-out customers one by one where they cost least (in place in A, refreshed in B),
      // then every later insertion must be priced the same in both.
      while (placed.length) {
        const u = placed.shift()!;
        let best = { delta: Infinity, v: -1, pos: 0, newTrip: false };
        for (let v = 0; v < m.vehicleCount; v++) {
          a.bestInsertion(u, v, Infinity, 0, Math.random, ra);
          b.bestInsertion(u, v, Infinity, 0, Math.random, rb);
          expect(ra.delta === Infinity).toBe(rb.delta === Infinity);
          if (ra.delta < Infinity) expect(ra.delta).toBeCloseTo(rb.delta, 9);
          if (ra.delta < best.delta) best = { delta: ra.delta, v, pos: ra.pos, newTrip: ra.newTrip };
        }
        if (best.v < 0) continue;
        if (best.newTrip) {
          for (const [rs, ev] of [[rsA, a], [rsB, b]] as const) {
            rs.insertTrip(best.v, best.pos, u);
            ev.refresh(best.v);
          }
        } else {
          rsA.insertAfter(best.v, best.pos, u);
          a.inserted(best.v, best.pos, u);
          rsB.insertAfter(best.v, best.pos, u);
          b.refresh(best.v);
          inPlace++;
        }
        for (let v = 0; v < m.vehicleCount; v++) expect(rsA.cost[v]).toBeCloseTo(rsB.cost[v], 9);
      }
      expect(inPlace).toBeGreaterThan(3);
    });
  }
});

/** Optimal distance by brute force: best single route per subset (all orders), then set partitions. */
function bruteForce(p: VrpProblem): number {
  const D = p.depots.length;
  const k = p.customers.length;
  const n = D + k;
  const t = p.vehicleTypes[0];
  const routeCost = (order: number[]): number => {
    let time = p.depots[0].openS ?? 0;
    let load = 0;
    let prev = 0;
    let cost = 0;
    for (const i of order) {
      const c = p.customers[i];
      load += c.demandKg;
      const node = D + i;
      time = Math.max(time + t.travelTimeS[prev * n + node], c.earliestS ?? 0);
      if (time > (c.latestS ?? Infinity) + TOL) return Infinity;
      time += c.serviceS ?? 0;
      cost += t.distance[prev * n + node];
      prev = node;
    }
    if (load > t.capacityKg) return Infinity;
    if (time + t.travelTimeS[prev * n] > (p.depots[0].closeS ?? Infinity) + TOL) return Infinity;
    return cost + t.distance[prev * n];
  };
  const best = new Float64Array(1 << k).fill(Infinity);
  const permute = (items: number[], acc: number[], mask: number) => {
    if (!items.length) {
      best[mask] = Math.min(best[mask], routeCost(acc));
      return;
    }
    items.forEach((x, i) => permute([...items.slice(0, i), ...items.slice(i + 1)], [...acc, x], mask));
  };
  for (let mask = 1; mask < 1 << k; mask++) {
    const items = [...Array(k).keys()].filter((i) => mask & (1 << i));
    permute(items, [], mask);
  }
  const part = new Float64Array(1 << k).fill(Infinity);
  part[0] = 0;
  for (let mask = 1; mask < 1 << k; mask++) {
    const low = mask & -mask; // the route containing the lowest customer
    for (let sub = mask; sub; sub = (sub - 1) & mask) if (sub & low) part[mask] = Math.min(part[mask], best[sub] + part[mask ^ sub]);
  }
  return part[(1 << k) - 1];
}

describe('vehicles free later in the day (availableS, a re-plan during the day)', () => {
  // Customers optional (a busy fleet may not reach every window): hard windows (energy) and soft ones.
  for (const variant of ['energy', 'soft'] as const) {
    it(`${variant}: no trip of a busy vehicle starts before it is free, and the solution still checks out`, () => {
      const p = randomProblem(variant, 21, 30);
      const count = p.fleets[0].count;
      // Half the first depot's vehicles are busy until 200 s.
      const availableS = Array.from({ length: count }, (_, k) => (k % 2 === 0 ? 200 : 0));
      const busy: VrpProblem = { ...p, fleets: p.fleets.map((f, i) => (i === 0 ? { ...f, availableS } : f)) };
      const s = solve(busy, 3, 1500);
      expect(check(busy, s)).toEqual([]);
      for (const r of s.routes) {
        if (r.vehicle >= count) continue;
        for (const t of r.trips) expect(t.departS).toBeGreaterThanOrEqual(availableS[r.vehicle] - 1e-9);
      }
      // Some busy vehicle still flies (otherwise the test checks nothing).
      expect(s.routes.some((r) => r.vehicle < count && availableS[r.vehicle] > 0)).toBe(true);
    });
  }

  it('a group whose first vehicle is out for the day still serves with the others (none judged unservable)', () => {
    const p = randomProblem('soft', 23, 20);
    const count = p.fleets[0].count;
    // Every fleet's first vehicle is away past every window and the depot's closing.
    const fleets = p.fleets.map((f) => ({ ...f, availableS: Array.from({ length: f.count }, (_, k) => (k === 0 ? 1e9 : 0)) }));
    const s = solve({ ...p, fleets }, 5, 1500);
    const all = solve(p, 5, 1500);
    expect(s.unserved.length).toBeLessThanOrEqual(all.unserved.length);
    expect(s.unservedReasons.every((r) => r.reason !== 'infeasible-alone' || all.unservedReasons.some((a) => a.customer === r.customer && a.reason === 'infeasible-alone'))).toBe(true);
    expect(s.routes.every((r) => r.vehicle % count !== 0 || r.trips.length === 0)).toBe(true);
  });

  it('refuses availableS that does not give one time per vehicle', () => {
    const p = randomProblem('vrptw', 22, 10);
    const r = solveVrp({ ...p, fleets: p.fleets.map((f) => ({ ...f, availableS: [0] })) }, { iterationLimit: 10 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toEqual({ path: 'fleets[0].availableS', reason: 'needs one time >= 0 per vehicle (count entries)' });
  });
});

describe('split strings keep a block whose length follows the split depth (SISR\'s beta) on CVRP', () => {
  /**
   * One route of 40 customers; every ruin takes strings of at most 3 and always splits. Per ruin: the
   * widest gap between two customers taken from that route, in route positions (1: adjacent).
   */
  function gaps(splitDepth: number, variant: 'cvrp' | 'vrptw'): number[] {
    const p = variant === 'cvrp' ? capacityOnly('cvrp', 48, 40) : randomProblem('vrptw', 48, 40);
    const q: VrpProblem = { ...p, vehicleTypes: p.vehicleTypes.map((t) => ({ ...t, capacityKg: 1000 })) };
    const m = buildModel(q);
    expect(m.capacityOnly).toBe(variant === 'cvrp');
    const rs = new RouteSet(m);
    const ev = new ConcatEvaluator(m, rs);
    rs.setRoute(0, Int32Array.from([0, ...Array.from({ length: 40 }, (_, k) => m.depotCount + k), 0]), 42);
    ev.refresh(0);
    const removed = new RemovedCustomers(m.n);
    const undo = new MoveUndo(rs, ev);
    const ruin = new StringRemoval(m, rs, ev, new Neighbourhood(m), undo, removed, { avgRemoved: 2, maxStringLength: 3, splitRate: 1, splitDepth }, createRng(7).next);
    const out: number[] = [];
    for (let it = 0; it < 300; it++) {
      const before = Array.from(rs.seq[0].subarray(0, rs.len[0]));
      ruin.ruin();
      const at = Array.from(removed.list.subarray(0, removed.count), (u) => before.indexOf(u)).sort((a, b) => a - b);
      let widest = 0;
      for (let k = 1; k < at.length; k++) widest = Math.max(widest, at[k] - at[k - 1]);
      if (at.length > 1) out.push(widest);
      for (let k = 0; k < removed.count; k++) removed.flag[removed.list[k]] = 0;
      removed.count = 0;
      undo.rollback();
      expect(rs.len[0]).toBe(42);
    }
    return out;
  }

  it('at split depth 1 the kept block is one customer; at 0.01 it spans most of the route', () => {
    const one = gaps(1, 'cvrp');
    const deep = gaps(0.01, 'cvrp');
    expect(one.length).toBeGreaterThan(50);
    expect(Math.max(...one)).toBeLessThanOrEqual(2);
    expect(deep.filter((g) => g >= 20).length).toBeGreaterThan(deep.length / 4);
  });

  it('with time windows the split depth is not used: the kept block grows at the split rate', () => {
    // Split rate 1: the block grows until the string covers the route, whatever the split depth.
    const one = gaps(1, 'vrptw');
    expect(one).toEqual(gaps(0.01, 'vrptw'));
    expect(one.filter((g) => g >= 20).length).toBeGreaterThan(one.length / 4);
  });
});
