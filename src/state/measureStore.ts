/**
 * The measuring tool's points ([lng, lat]), outside the mission document (not undoable, not saved).
 * A click within the snap radius of a depot or a drop point measures from its exact position. Leaving
 * the tool clears the measurement.
 */
import { create } from 'zustand';
import type { LngLat } from '../core/geo/frame';
import { useEditorStore } from './editorStore';
import { useMissionStore } from './missionStore';

export interface MeasureState {
  points: LngLat[];
  add(p: LngLat): void;
  /** Take back the last point. */
  removeLast(): void;
  clear(): void;
}

export const useMeasureStore = create<MeasureState>()((set) => ({
  points: [],
  add: (p) => set((s) => ({ points: [...s.points, [p[0], p[1]]] })),
  removeLast: () => set((s) => ({ points: s.points.slice(0, -1) })),
  clear: () => set((s) => (s.points.length ? { points: [] } : s)),
}));

/** The depot or drop point nearest to `at` within radiusM, as [lng, lat], if any. */
export function snapToMarker(at: LngLat, radiusM: number): LngLat | undefined {
  const { mission, frame } = useMissionStore.getState();
  const q = frame.toLocal(at);
  let best: LngLat | undefined;
  let bestD = radiusM;
  for (const thing of [...mission.depots, ...mission.orders]) {
    const p = frame.toLocal(thing.position);
    const d = Math.hypot(p.x - q.x, p.y - q.y);
    if (d <= bestD) {
      bestD = d;
      best = thing.position;
    }
  }
  return best;
}

/** A click on the map with the measuring tool: a new point (snapped to a marker within snapRadiusM). */
export function addMeasurePoint(at: LngLat, snapRadiusM: number): void {
  useMeasureStore.getState().add(snapToMarker(at, snapRadiusM) ?? at);
}

useEditorStore.subscribe((s, prev) => {
  if (prev.tool === 'measure' && s.tool !== 'measure') useMeasureStore.getState().clear();
});
