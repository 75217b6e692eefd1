/**
 * The improvement method: ruin-and-recreate with simulated annealing, after "Slack Induction by String
 * Removals" (SISR, Christiaens & Vanden Berghe 2020). Each iteration removes a few strings of
 * consecutive customers from routes near a random seed customer (ruin.ts, which also holds the key from
 * the paper's symbols to our names), then re-inserts every removed or still-unserved customer at its
 * cheapest feasible position with random blinks (recreate.ts); solve.ts accepts the result or rolls it
 * back (annealing.ts, moveUndo.ts). Unserved customers carry their penalty, which makes the same loop
 * solve prize-collecting and fixed-fleet problems.
 *
 * This class wires the parts together over one route state. Everything in the loop uses preallocated
 * typed arrays; only route buffers grow (by doubling).
 */
import type { Rng } from '../../random';
import { hopelessCustomers } from './alone';
import type { AnnealingParams } from './annealing';
import type { Evaluator } from './evaluator';
import type { VrpModel } from './model';
import { MoveUndo } from './moveUndo';
import { Neighbourhood } from './neighbourhood';
import { totalObjective } from './objective';
import { BlinkInsertion, type RecreateParams } from './recreate';
import { RemovedCustomers, StringRemoval, type RuinParams } from './ruin';
import type { RouteSet } from './routes';

export interface SisrParams extends RuinParams, RecreateParams, AnnealingParams {}

export const defaultSisrParams: SisrParams = {
  // The ruin and the blinks as published for SISR (c-bar 10, L^max 10, split rate 0.5, split depth 0.01,
  // blink rate 0.01).
  avgRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.01,
  blinkRate: 0.01,
  // Tuned on a mix of Augerat, Solomon, MTVRPTWR and MDVRPTW instances at equal iteration counts.
  startTemperature: 3,
  finalTemperature: 0.01,
  granular: true,
  granularNeighbours: 40,
};

export class Sisr {
  readonly rand: () => number;
  readonly neighbourhood: Neighbourhood;
  private readonly removed: RemovedCustomers;
  private readonly undo: MoveUndo;
  private readonly ruinStep: StringRemoval;
  private readonly recreateStep: BlinkInsertion;

  constructor(
    private readonly m: VrpModel,
    private readonly rs: RouteSet,
    ev: Evaluator,
    rng: Rng,
    params: SisrParams,
  ) {
    this.rand = rng.next;
    this.neighbourhood = new Neighbourhood(m);
    this.removed = new RemovedCustomers(m.n);
    this.undo = new MoveUndo(rs, ev);
    this.ruinStep = new StringRemoval(m, rs, ev, this.neighbourhood, this.undo, this.removed, params, this.rand);
    this.recreateStep = new BlinkInsertion(m, rs, ev, this.neighbourhood, this.undo, this.removed, hopelessCustomers(m), params, this.rand);
  }

  totalCost(): number {
    const rs = this.rs;
    return totalObjective(this.m, rs.cost, rs.routeOf, rs.usedEnd, rs.unservedCount > 0);
  }

  /** One ruin-and-recreate move on the current state (the caller accepts it or rolls it back). */
  step(): void {
    this.ruinStep.ruin();
    this.recreateStep.recreate();
  }

  /**
   * Inserts every unserved customer (the construction, from an empty or partial state). It is not a
   * move: what it builds is kept, so that rolling back the first move of the search goes back to it
   * and not to the state before it.
   */
  insertUnserved(): void {
    this.removed.count = 0;
    this.recreateStep.recreate();
    this.undo.commit();
  }

  /** Keep the last move. */
  commit(): void {
    this.undo.commit();
  }

  /** Undo the last move: every route it touched back as it was. */
  rollback(): void {
    this.undo.rollback();
  }
}
