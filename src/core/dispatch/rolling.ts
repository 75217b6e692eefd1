/**
 * The rolling-horizon policy: at each re-plan, every open order (placed, not yet given to a drone) is
 * planned afresh with the fleet as it stands now (each drone free when the simulator expects it back,
 * trips already given out fixed in the sky and on the pads). Only the trips due to take off before the
 * next re-plan are given out; the rest of the plan is kept as the next re-plan's starting point (warm
 * start), where it meets the orders placed in between.
 */
import { assembleTrips } from '../planner/assemble';
import { buildDroneProblem } from '../planner/vrpAdapter';
import { solveVrp } from '../planner/vrp';
import type { LiveDroneStatus } from '../sim/engine';
import { type DispatchBoard, type Given, OUT_OF_SERVICE_S } from './board';
import { isFinalRejection } from './rejections';

export interface RollingOptions {
  /** Seconds between re-plans: trips due before the next one are given out now. */
  replanEveryS: number;
  seed: number;
  /** Search iterations of one re-plan: base + perOrder x open orders (a deterministic amount of work). */
  iterations: { base: number; perOrder: number; max: number };
}

export const DEFAULT_ROLLING_ITERATIONS = { base: 300, perOrder: 8, max: 3000 };

export class RollingDispatcher {
  /** Per drone: the orders of its planned, not yet given trips (the warm start). */
  private previous: number[][][];
  private replans = 0;

  constructor(
    private readonly board: DispatchBoard,
    private readonly options: RollingOptions,
  ) {
    this.previous = board.ctx.drones.map(() => []);
  }

  /** Re-plans the open orders at nowS; returns the trips given out, per drone index. */
  replan(nowS: number, status: readonly LiveDroneStatus[]): Given[] {
    const { board } = this;
    const { ctx, types, typeOfDrone } = board.map;
    if (board.open.size === 0) return [];
    const availableS = ctx.drones.map((_, v) =>
      status[v].inService ? Math.max(nowS, status[v].availableS, board.readyAfterGiven(v)) : OUT_OF_SERVICE_S,
    );
    const served = ctx.orders.map((_, k) => board.open.has(k));
    const dp = buildDroneProblem(ctx, types, served, availableS);
    const D = ctx.depots.length;
    const nodeOfOrder = new Map(dp.customerOrders.map((k, i) => [k, D + i]));
    const initial = this.previous.map((trips) =>
      trips.map((orders) => orders.filter((k) => nodeOfOrder.has(k)).map((k) => nodeOfOrder.get(k)!)).filter((t) => t.length > 0),
    );
    const open = dp.customerOrders.length;
    const it = this.options.iterations;
    const res = solveVrp(dp.problem, {
      seed: (this.options.seed * 7919 + this.replans++ * 104729) >>> 0,
      iterationLimit: Math.min(it.max, it.base + it.perOrder * open),
      initialRoutes: initial,
    });
    if (!res.ok) throw new Error(`dispatcher built an invalid routing problem: ${res.errors.map((e) => `${e.path}: ${e.reason}`).join('; ')}`);
    const toOrder = (c: number) => dp.customerOrders[c - D];

    // Trips due before the next re-plan are given out now; the rest is the next warm start.
    const dueBy = nowS + this.options.replanEveryS;
    const due: { drone: number; trips: { orders: number[]; plannedDepartS: number }[] }[] = [];
    this.previous = ctx.drones.map(() => []);
    for (const r of res.solution.routes) {
      const now: { orders: number[]; plannedDepartS: number }[] = [];
      for (const t of r.trips) {
        const orders = t.customers.map(toOrder);
        // Only the drone's first trips can be due: once one is not, none after it is.
        if (t.departS < dueBy && this.previous[r.vehicle].length === 0) now.push({ orders, plannedDepartS: t.departS });
        else this.previous[r.vehicle].push(orders);
      }
      if (now.length > 0) due.push({ drone: r.vehicle, trips: now });
    }
    if (due.length === 0) return [];
    const assembled = assembleTrips(ctx, typeOfDrone, due, board.builder, undefined, [], { readyS: availableS, traffic: board.traffic(nowS) });
    board.conflicts += assembled.conflicts.length;
    for (const d of assembled.dropped) if (isFinalRejection(d.reason)) board.reject(d.order, d, nowS);
    const given: Given[] = [];
    // Given out in take-off order (the order the assembly placed them in).
    for (const p of assembled.placed) given.push({ drone: p.drone, trip: board.give(p.drone, p.trip, nowS) });
    return given;
  }
}
