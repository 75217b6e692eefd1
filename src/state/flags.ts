/**
 * Live feedback markers: things that are in the document but cannot be flown as they are. The
 * loader's flyability checks (inside a no-fly zone, parcel too heavy, depot without drones) are
 * always a source; other parts register more, e.g. the flight physics will register
 * "out of range of every depot at this parcel mass":
 *
 *   useFlagSources.getState().register('range', (mission, frame) => [{ ref: {kind: 'order', id}, reason }]);
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import type { MetricFrame } from '../core/geo/frame';
import type { Mission, Problem } from '../core/mission';
import type { ItemKind, ItemRef } from './missionEdits';
import { useMissionStore } from './missionStore';

export interface Flag {
  ref: ItemRef;
  reason: string;
}

export type FlagSource = (mission: Mission, frame: MetricFrame) => Flag[];

interface FlagSourcesState {
  sources: Record<string, FlagSource>;
  register(name: string, source: FlagSource): void;
  unregister(name: string): void;
}

export const useFlagSources = create<FlagSourcesState>()((set) => ({
  sources: {},
  register: (name, source) => set((s) => ({ sources: { ...s.sources, [name]: source } })),
  unregister: (name) =>
    set((s) => {
      const { [name]: _gone, ...rest } = s.sources;
      return { sources: rest };
    }),
}));

const PATH_KIND: Record<string, ItemKind> = { depots: 'depot', orders: 'order', noFlyZones: 'zone', buildings: 'building' };

/** Map the loader's checks (`orders[3].parcelKg: ...`) onto the things they are about. */
export function flagsFromChecks(mission: Mission, checks: readonly Problem[]): Flag[] {
  const out: Flag[] = [];
  for (const c of checks) {
    const m = /^(depots|orders|noFlyZones|buildings)\[(\d+)\]/.exec(c.path);
    if (!m) continue;
    const kind = PATH_KIND[m[1]];
    const item = (mission[m[1] as 'depots'] as { id: string }[])[Number(m[2])];
    if (item) out.push({ ref: { kind, id: item.id }, reason: c.message });
  }
  return out;
}

export const flagKey = (ref: ItemRef) => `${ref.kind}:${ref.id}`;

/** Reasons per flagged thing, keyed by `kind:id`. */
export function useFlags(): Map<string, string[]> {
  const mission = useMissionStore((s) => s.mission);
  const frame = useMissionStore((s) => s.frame);
  const checks = useMissionStore((s) => s.checks);
  const sources = useFlagSources((s) => s.sources);
  return useMemo(() => {
    const all = [...flagsFromChecks(mission, checks)];
    for (const source of Object.values(sources)) {
      try {
        all.push(...source(mission, frame));
      } catch {
        // A failing source must not take the editor down; its flags are simply missing.
      }
    }
    const byKey = new Map<string, string[]>();
    for (const f of all) {
      const key = flagKey(f.ref);
      byKey.set(key, [...(byKey.get(key) ?? []), f.reason]);
    }
    return byKey;
  }, [mission, frame, checks, sources]);
}
