/** Depot closures from `depot-closed` faults: is a depot closed at t, and when is it open again. */
import type { Fault } from '../mission/schema';

export function depotClosures(faults: readonly Fault[]) {
  const closures = new Map<string, { fromS: number; toS: number }[]>();
  for (const f of faults) {
    if (f.kind !== 'depot-closed') continue;
    const list = closures.get(f.depotId) ?? [];
    list.push({ fromS: f.fromS, toS: f.toS });
    closures.set(f.depotId, list);
  }
  const none: { fromS: number; toS: number }[] = [];
  return {
    isClosed(depotId: string, t: number): boolean {
      return (closures.get(depotId) ?? none).some((c) => t >= c.fromS && t < c.toS);
    },
    /** First time >= t at which the depot is open (closures may overlap or follow each other). */
    openFrom(depotId: string, t: number): number {
      let at = t;
      for (let changed = true; changed; ) {
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
