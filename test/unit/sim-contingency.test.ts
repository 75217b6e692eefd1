import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFrame } from '../../src/core/geo/frame';
import type { FlightCostModel, VerticalCost } from '../../src/core/energy/flightCost';
import { type Mission, parseMissionText } from '../../src/core/mission';
import { createRng } from '../../src/core/random';
import { type CostModelFactory, fallbackCostModel } from '../../src/core/sim/costFactory';
import { type SimOptions, simulate } from '../../src/core/sim/engine';
import { SeparationMonitor } from '../../src/core/separation/monitor';
import { NO_COLUMN } from '../../src/core/separation/rule';
import { type SimTrace, positionAt, stateAt } from '../../src/core/sim/trace';
import { directPlan, localMission, secondsInsideZone } from './simPlanHelper';

const calm = { speedErrorSigmaMps: 0, directionErrorSigmaDeg: 0, gustScale: 0 };

function run(mission: Mission, opts: SimOptions = {}, factory?: CostModelFactory): SimTrace {
  const plan = directPlan(mission, { factory: factory ?? fallbackCostModel });
  const r = simulate(mission, plan, { costModelFactory: factory ?? fallbackCostModel, weather: calm, ...opts });
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
  return r.trace;
}

const kinds = (trace: SimTrace, droneId?: string) =>
  trace.events.filter((e) => e.kind !== 'state' && (!droneId || e.droneId === droneId)).map((e) => e.kind);

/**
 * The fallback physics with every energy multiplied by 1 + perMps x wind speed: the forecast (calm)
 * costs what the plan says; the actual day (a fixed wind error) costs more, the same for every drone.
 */
function costlierInWind(perMps: number): CostModelFactory {
  return (model, payloadKg, wind, rho) => {
    const base = fallbackCostModel(model, payloadKg, { speedMps: 0, fromDeg: 0, gustMps: 0 }, rho);
    const k = 1 + perMps * wind.speedMps;
    const scale = (c: VerticalCost): VerticalCost => ({ ...c, energyWh: c.energyWh * k, powerW: c.powerW * k });
    const m: FlightCostModel = {
      cruise: (a, b, alt) => {
        const c = base.cruise(a, b, alt);
        return c.ok ? { ...c, energyWh: c.energyWh * k, powerW: c.powerW * k } : c;
      },
      vertical: (dz) => scale(base.vertical(dz)),
      hover: (s) => scale(base.hover(s)),
    };
    return m;
  };
}

function noSilentEmptyBattery(trace: SimTrace) {
  for (const d of trace.drones) {
    const i = d.soc.findIndex((s) => s < 0);
    if (i < 0) continue;
    const e = trace.events.find((x) => x.droneId === d.droneId && x.kind === 'emergency-landing');
    expect(e && e.tS <= d.tS[i], `${d.droneId} below zero at ${d.tS[i]}`).toBe(true);
  }
}

describe('contingency: battery', () => {
  const far = () => localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 2 }], orders: [{ id: 'far', x: 9000, y: 0, latestS: 5000 }] });

  it('state of charge heading below the reserve -> returns with the parcel, which is re-queued', () => {
    const trace = run(far(), { weather: { ...calm, speedErrorMps: 1 } }, costlierInWind(1.2));
    const ev = trace.events.filter((e) => e.kind !== 'state');
    const low = ev.find((e) => e.kind === 'reserve-low');
    expect(low, kinds(trace).join(',')).toBeDefined();
    const divert = ev.find((e) => e.kind === 'divert' && e.droneId === low!.droneId)!;
    expect(divert.reason).toMatch(/battery reserve: returning with 1 parcel/);
    expect(divert.depotId).toBe('d1');
    // It turns back at once: it never drops the parcel on this trip.
    const dropped = trace.events.find((e) => e.kind === 'state' && e.state === 'drop' && e.droneId === low!.droneId && e.tS > low!.tS && e.tS < divert.tS + 60);
    expect(dropped).toBeUndefined();
    expect(ev.some((e) => e.kind === 'order-requeued' && e.orderId === 'far' && /brought back/.test(e.reason ?? ''))).toBe(true);
    expect(ev.some((e) => e.kind === 'emergency-landing')).toBe(false);
    expect(trace.trips.find((t) => t.droneId === low!.droneId)!.outcome).toBe('landed');
    // Every try meets the same headwind: in the end the order is reported, not lost.
    expect(trace.orders[0].status).toBe('failed');
    expect(trace.orders[0].reason).toMatch(/given up after 3 re-queues/);
  });

  it('a plan meets reality: a headwind the forecast missed -> the drone prices the rest of its route in the wind it meets and turns back in time', () => {
    // Planned in calm air (physics model); the day has a 10 m/s wind the forecast missed.
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 10_000, y: 0, latestS: 5000 }] });
    const r = simulate(m, directPlan(m), { seed: 1, weather: { ...calm, speedErrorMps: 10, directionErrorDeg: 180 } });
    if (!r.ok) throw new Error('refused');
    const trace = r.trace;
    const low = trace.events.find((e) => e.kind === 'reserve-low');
    const back = trace.events.find((e) => e.kind === 'divert');
    expect(low && back && back.tS === low.tS).toBe(true);
    expect(back!.reason).toMatch(/battery reserve: returning/);
    expect(trace.events.filter((e) => e.kind === 'emergency-landing' || e.kind === 'landed-below-reserve')).toEqual([]);
    expect(trace.kpis.minSoc).toBeGreaterThan(0.2);
    expect(trace.orders[0].status).toBe('failed');
    noSilentEmptyBattery(trace);
  });

  it('a drone that leaves nearly empty lands where it is (battery critical), before its battery is empty', () => {
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 3000, y: 0 }] });
    const plan = directPlan(m);
    plan.drones[0].trips[0].socStart = 0.022;
    const r = simulate(m, plan, { seed: 1, weather: calm });
    if (!r.ok) throw new Error('refused');
    const trace = r.trace;
    const em = trace.events.find((e) => e.kind === 'emergency-landing');
    expect(em?.reason).toBe('battery critical');
    expect(stateAt(trace, em!.droneId, trace.endS)).toBe('emergency-landed');
    expect(positionAt(trace, em!.droneId, trace.endS)[2]).toBe(0);
    expect(trace.trips[0].outcome).toBe('emergency-landed');
    noSilentEmptyBattery(trace);
  });

  it('an emergency with a parcel aboard fails that order with the reason', () => {
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 3000, y: 0 }] });
    const trace = run(m, { faults: [{ kind: 'motor-failure', droneId: 'd1/m2-class/1', atS: 100 }] });
    expect(trace.orders[0]).toMatchObject({ status: 'failed', reason: 'emergency landing (d1/m2-class/1)' });
    expect(trace.events.filter((e) => e.kind === 'order-failed').map((e) => e.orderId)).toEqual(['east']);
  });
});

describe('contingency: a no-fly zone becomes active mid-flight', () => {
  const zone = { id: 'pop-up', x0: 1500, y0: -300, x1: 2100, y1: 300, activeFromS: 40, activeToS: 3000 };

  it('reroutes around it, keeps the drop, and never enters it while active', () => {
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'east', x: 4000, y: 0 }], zones: [zone] });
    const trace = run(m);
    const re = trace.events.find((e) => e.kind === 'reroute');
    expect(re?.zoneId).toBe('pop-up');
    expect(re?.reason).toMatch(/around/);
    expect(trace.orders[0].status).toBe('delivered');
    expect(secondsInsideZone(trace, m, 0, 40, Math.min(3000, trace.endS)), 'seconds inside the active zone').toEqual([]);
  });

  it('when the drop itself is inside: returns to the depot, and the order waits for the zone to end', () => {
    const m = localMission({ depots: [{ id: 'd1', x: 0, y: 0, drones: 1 }], orders: [{ id: 'inside', x: 1800, y: 0, latestS: 4000 }], zones: [zone] });
    const trace = run(m);
    const re = trace.events.find((e) => e.kind === 'reroute');
    expect(re?.reason).toMatch(/direct to depot d1/);
    expect(trace.events.some((e) => e.kind === 'order-requeued' && e.orderId === 'inside')).toBe(true);
    expect(trace.orders[0].status).toBe('delivered');
    expect(trace.orders[0].deliverS).toBeGreaterThan(3000);
  });
});

describe('contingency: injected faults', () => {
  const tutorial = (): Mission => {
    const r = parseMissionText(readFileSync('missions/tutorial.json', 'utf8'));
    if (!r.ok) throw new Error('refused');
    return r.mission;
  };
  const one = 'depot-1/m2-class/1';
  const two = 'depot-1/m2-class/2';

  it('motor failure in flight -> emergency landing; the parcel aboard fails, the drone\'s later orders go to the other drone', () => {
    const m = tutorial();
    const plan = directPlan(m, { factory: fallbackCostModel });
    const first = plan.drones.find((d) => d.droneId === one)!.trips;
    const laterOrders = first.slice(1).flatMap((t) => t.orderIds);
    expect(laterOrders.length).toBeGreaterThan(0);
    const r = simulate(m, plan, {
      costModelFactory: fallbackCostModel,
      weather: calm,
      faults: [{ kind: 'motor-failure', droneId: one, atS: first[0].departS + 100 }],
    });
    if (!r.ok) throw new Error('refused');
    const trace = r.trace;
    const em = trace.events.find((e) => e.kind === 'emergency-landing')!;
    expect(em).toMatchObject({ droneId: one, reason: 'motor failure' });
    expect(stateAt(trace, one, trace.endS)).toBe('emergency-landed');
    const aboard = trace.orders.find((o) => o.orderId === first[0].orderIds[0])!;
    expect(aboard).toMatchObject({ status: 'failed' });
    expect(aboard.reason).toMatch(/emergency landing/);
    for (const id of laterOrders) {
      expect(trace.orders.find((o) => o.orderId === id)).toMatchObject({ status: 'delivered', droneId: two, requeued: 1 });
    }
  });

  it('a grounded drone never takes off; its orders are flown by the other drone of the depot', () => {
    const m = { ...tutorial(), faults: [{ kind: 'grounded' as const, droneId: two, fromS: 0 }] };
    const plan = directPlan(tutorial(), { factory: fallbackCostModel });
    const r = simulate(m, plan, { costModelFactory: fallbackCostModel, weather: calm });
    if (!r.ok) throw new Error('refused');
    const trace = r.trace;
    expect(Math.max(...trace.drones[1].altM)).toBe(0);
    const ids = plan.drones[1].trips.flatMap((t) => t.orderIds);
    for (const id of ids) expect(trace.orders.find((o) => o.orderId === id)).toMatchObject({ status: 'delivered', droneId: one });
    expect(trace.kpis.delivered).toBe(5);
  });

  const twoDepots = () =>
    localMission({
      depots: [
        { id: 'd1', x: 0, y: 0, drones: 1 },
        { id: 'd2', x: 3000, y: 0, drones: 1 },
      ],
      orders: [{ id: 'north', x: 0, y: 3000 }],
    });

  it('the landing depot closes -> diverts to the nearest open depot, then ferries home when it reopens', () => {
    const trace = run(twoDepots(), { faults: [{ kind: 'depot-closed', depotId: 'd1', fromS: 200, toS: 2000 }] });
    const div = trace.events.find((e) => e.kind === 'divert')!;
    expect(div).toMatchObject({ droneId: 'd1/m2-class/1', depotId: 'd2' });
    expect(div.reason).toMatch(/depot d1 closed/);
    expect(trace.orders[0].status).toBe('delivered');
    const [trip, ferry] = trace.trips;
    expect(trip).toMatchObject({ outcome: 'diverted', landDepotId: 'd2' });
    expect(ferry.tripId).toMatch(/^sim:/);
    expect(ferry.departS).toBeGreaterThanOrEqual(2000);
    expect(ferry).toMatchObject({ outcome: 'landed', landDepotId: 'd1' });
  });

  it('a closed depot holds take-offs until it reopens', () => {
    const trace = run(twoDepots(), { faults: [{ kind: 'depot-closed', depotId: 'd1', fromS: 0, toS: 900 }] });
    expect(trace.trips[0].departS).toBeGreaterThanOrEqual(900);
    expect(trace.events.find((e) => e.kind === 'depot-closed')).toMatchObject({ depotId: 'd1' });
    expect(trace.events.find((e) => e.kind === 'depot-reopened')?.tS).toBe(900);
  });

  it('refuses a fault for a drone or depot that does not exist, naming it', () => {
    const m = tutorial();
    const plan = directPlan(m, { factory: fallbackCostModel });
    const r = simulate(m, plan, { faults: [{ kind: 'motor-failure', droneId: 'depot-1/m2-class/9', atS: 10 }, { kind: 'depot-closed', depotId: 'nowhere', fromS: 1, toS: 2 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'options.faults[0].droneId: unknown drone "depot-1/m2-class/9"',
      'options.faults[1].depotId: unknown depot "nowhere"',
    ]);
  });
});

describe('airspace safety: loss of separation', () => {
  it('two drones crossing at one altitude at one time -> an event with both drones and the place', () => {
    const m = localMission({
      depots: [
        { id: 'A', x: -2000, y: 0, drones: 1 },
        { id: 'B', x: 0, y: -2000, drones: 1 },
      ],
      orders: [
        { id: 'a', x: 2000, y: 0 },
        { id: 'b', x: 0, y: 2000 },
      ],
      cruiseAltitudesM: [60],
    });
    // A flies west -> east, B south -> north: the same distance, so they meet over the origin.
    const plan = directPlan(m, { factory: fallbackCostModel, depotFor: (id) => (id === 'a' ? 'A' : 'B') });
    // Flown blind (no take-off clearance), the planned meeting happens and the monitor must see it.
    const r = simulate(m, plan, { costModelFactory: fallbackCostModel, weather: calm, tacticalSeparation: false });
    if (!r.ok) throw new Error('refused');
    const trace = r.trace;
    const losses = trace.events.filter((e) => e.kind === 'separation-loss');
    expect(losses.length).toBeGreaterThan(0);
    // With the clearance rules the second take-off waits for a clear slot and the meeting never happens.
    const ruled = simulate(m, plan, { costModelFactory: fallbackCostModel, weather: calm });
    if (!ruled.ok) throw new Error('refused');
    expect(ruled.trace.events.filter((e) => e.kind === 'separation-loss')).toEqual([]);
    expect(ruled.trace.events.filter((e) => e.kind === 'takeoff-resequenced')).toHaveLength(1);
    const frame = createFrame(m.origin);
    for (const e of losses) {
      expect(new Set([e.droneId, e.otherDroneId])).toEqual(new Set(['A/m2-class/1', 'B/m2-class/1']));
      expect(e.horizontalM).toBeLessThan(50);
      expect(e.verticalM).toBeLessThan(10);
      // The trace agrees: at that time the two drones are that close, around the reported place.
      const a = positionAt(trace, e.droneId, e.tS);
      const b = positionAt(trace, e.otherDroneId!, e.tS);
      const pa = frame.toLocal([a[0], a[1]]);
      const pb = frame.toLocal([b[0], b[1]]);
      expect(Math.abs(Math.hypot(pa.x - pb.x, pa.y - pb.y) - e.horizontalM!)).toBeLessThan(0.5);
      const mid = frame.toLocal([e.place![0], e.place![1]]);
      expect(Math.hypot(mid.x - (pa.x + pb.x) / 2, mid.y - (pa.y + pb.y) / 2)).toBeLessThan(0.5);
    }
    // The first crossing is on the way out, near where the two straight lines meet.
    const first = frame.toLocal([losses[0].place![0], losses[0].place![1]]);
    expect(Math.hypot(first.x, first.y)).toBeLessThan(60);
  });

  it('the spatial hash finds exactly the pairs a brute-force check finds, once per episode', () => {
    const rng = createRng(17);
    for (let round = 0; round < 20; round++) {
      const n = 60;
      const x = Float64Array.from({ length: n }, () => rng.range(0, 800));
      const y = Float64Array.from({ length: n }, () => rng.range(0, 800));
      const z = Float64Array.from({ length: n }, () => rng.range(40, 80));
      const air = Uint8Array.from({ length: n }, () => (rng.next() < 0.9 ? 1 : 0));
      const mon = new SeparationMonitor(n, 50, 10, 0);
      const found = new Set<string>();
      mon.check(0, x, y, z, x, y, z, air, new Int32Array(n).fill(NO_COLUMN), (l) => found.add(`${l.a}-${l.b}`));
      const brute = new Set<string>();
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++)
          if (air[i] && air[j] && Math.hypot(x[i] - x[j], y[i] - y[j]) < 50 && Math.abs(z[i] - z[j]) < 10) brute.add(`${i}-${j}`);
      expect(found).toEqual(brute);
      // The same pairs in the next step continue their episodes: no new events.
      let again = 0;
      mon.check(1, x, y, z, x, y, z, air, new Int32Array(n).fill(NO_COLUMN), () => again++);
      expect(again).toBe(0);
    }
  });

  it('catches a head-on pass that happens between two step ends', () => {
    const mon = new SeparationMonitor(2, 50, 10, 40);
    // 1 s step, each at 40 m/s towards the other: 60 m apart at both ends, 0 m at mid-step.
    const x0 = Float64Array.of(-40, 40);
    const x1 = Float64Array.of(40, -40);
    const y = Float64Array.of(0, 30);
    const z = Float64Array.of(60, 60);
    const seen: number[] = [];
    mon.check(0, x0, y, z, x1, y, z, Uint8Array.of(1, 1), Int32Array.of(NO_COLUMN, NO_COLUMN), (l) => seen.push(l.horizontalM));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeCloseTo(30, 6);
  });
});
