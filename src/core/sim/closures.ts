/**
 * When a depot is closed: outside its opening hours (`depots[].open`, mission seconds) and during
 * `depot-closed` faults. Both become closure intervals, so take-off and landing rules ask one place.
 * Take-offs wait for both. Landings: a closure fault refuses every drone; opening hours refuse only
 * other stores' drones (a store always takes back its own).
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
  const faultClosures = new Map<string, ClosureWindow[]>();
  const add = (into: Map<string, ClosureWindow[]>, depotId: string, c: ClosureWindow) => {
    const list = into.get(depotId) ?? [];
    list.push(c);
    into.set(depotId, list);
  };
  for (const [depotId, open] of openingHours) {
    add(closures, depotId, { fromS: -Infinity, toS: open.fromS });
    add(closures, depotId, { fromS: open.toS, toS: Infinity });
  }
  for (const f of faults) {
    if (f.kind !== 'depot-closed') continue;
    add(closures, f.depotId, { fromS: f.fromS, toS: f.toS });
    add(faultClosures, f.depotId, { fromS: f.fromS, toS: f.toS });
  }
  const none: ClosureWindow[] = [];
  const inside = (list: ClosureWindow[] | undefined, t: number) => (list ?? none).some((c) => t >= c.fromS && t < c.toS);
  return {
    /** Closed for take-offs (and for other stores' drones to land). */
    isClosed(depotId: string, t: number): boolean {
      return inside(closures.get(depotId), t);
    },
    /** Whether the depot refuses this landing: a closure fault always; its opening hours only for other stores' drones. */
    refusesLanding(depotId: string, t: number, homeDepotId: string): boolean {
      return depotId === homeDepotId ? inside(faultClosures.get(depotId), t) : inside(closures.get(depotId), t);
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
