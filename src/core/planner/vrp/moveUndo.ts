/**
 * Undo for one ruin-and-recreate move: each route is saved the first time the move changes it, so a
 * rejected move puts back exactly the routes it touched (a few), not the whole solution.
 */
import type { Evaluator } from './evaluator';
import { RouteCopies, type RouteSet } from './routes';

export class MoveUndo {
  private readonly saved: RouteCopies;
  private readonly touched: Uint8Array;
  private readonly touchedList: Int32Array;
  private touchedCount = 0;

  constructor(
    private readonly rs: RouteSet,
    private readonly ev: Evaluator,
  ) {
    const V = rs.len.length;
    this.saved = new RouteCopies(V);
    this.touched = new Uint8Array(V);
    this.touchedList = new Int32Array(V);
  }

  /** Call before the move changes vehicle v's route. */
  touch(v: number): void {
    if (this.touched[v]) return;
    this.touched[v] = 1;
    this.touchedList[this.touchedCount++] = v;
    this.saved.save(this.rs, v);
  }

  /** The move is accepted: forget the saved routes. */
  commit(): void {
    for (let k = 0; k < this.touchedCount; k++) this.touched[this.touchedList[k]] = 0;
    this.touchedCount = 0;
  }

  /** The move is rejected: every route it touched back as it was, costs refreshed. */
  rollback(): void {
    for (let k = 0; k < this.touchedCount; k++) {
      const v = this.touchedList[k];
      this.saved.restore(this.rs, v);
      this.ev.refresh(v);
      this.touched[v] = 0;
    }
    this.touchedCount = 0;
  }
}
