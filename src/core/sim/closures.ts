/**
 * When a depot is closed: outside its opening hours (`depots[].open`, mission seconds) and during
 * `depot-closed` faults. Both become closure intervals, so take-off and landing rules ask one place.
 */
import type { Fault } from '../mission/schema';

export interface ClosureWindow {
  fromS: number;
  toS: number;
}

/**
 * Closure intervals from the faults, plus, for each depot with opening hours, "closed before it opens"
 * (-Infinity..openS) and "closed from when it closes" (closeS..Infinity).
 */
export function depotClosures(faults: readonly Fault[], openingHours: ReadonlyMap<string, ClosureWindow> = new Map()) {
  const closures = new Map<string, ClosureWindow[]>();
  const add = (depotId: string, c: ClosureWindow) => {
    const list = closures.get(depotId) ?? [];
    list.push(c);
    closures.set(depotId, list);
  };
  for (const [depotId, open] of openingHours) {
    add(depotId, { fromS: -Infinity, toS: open.fromS });
    add(depotId, { fromS: open.toS, toS: Infinity });
  }
  for (const f of faults) if (f.kind === 'depot-closed') add(f.depotId, { fromS: f.fromS, toS: f.toS });
  const none: ClosureWindow[] = [];
  return {
    isClosed(depotId: string, t: number): boolean {
      return (closures.get(depotId) ?? none).some((c) => t >= c.fromS && t < c.toS);
    },
    /** First time >= t at which the depot is open (closures may overlap or follow each other); Infinity: never again. */
    openFrom(depotId: string, t: number): number {
      let at = t;
      for (let changed = true; changed && Number.isFinite(at); ) {
        changed = false;
        for (const c of closures.get(depotId) ?? none) {
          if (at >= c.fromS && at < c.toS) {
            at = c.toS;
            changed = true;
          }
        }
      }
      return at;
    },
  };
}
