/**
 * Physics-panel UI state: which drone model the Physics tab shows, the parcel mass used for its
 * numbers and for the selected depot's reach ring, and which model that ring uses. Not undoable and
 * not saved: the drone models themselves live in the mission document.
 */
import { create } from 'zustand';
import type { Depot, DroneModel, Mission } from '../core/mission';

export const DEFAULT_PARCEL_KG = 1;

export interface PhysicsState {
  /** Model shown in the Physics tab; null: the mission's first model. */
  modelId: string | null;
  /** Parcel mass for the summary numbers and the reach ring, kg. */
  parcelKg: number;
  /** Model the reach ring uses; null: the selected depot's own first fleet model. */
  ringModelId: string | null;
  setModelId(id: string | null): void;
  setParcelKg(kg: number): void;
  setRingModelId(id: string | null): void;
}

export const usePhysicsStore = create<PhysicsState>()((set) => ({
  modelId: null,
  parcelKg: DEFAULT_PARCEL_KG,
  ringModelId: null,
  setModelId: (modelId) => set({ modelId }),
  setParcelKg: (parcelKg) => set({ parcelKg }),
  setRingModelId: (ringModelId) => set({ ringModelId }),
}));

/** The model the Physics tab shows: the chosen one if it still exists, else the first. */
export function shownModel(mission: Mission, modelId: string | null): DroneModel | undefined {
  return mission.droneModels.find((m) => m.id === modelId) ?? mission.droneModels[0];
}

/**
 * The model a depot's reach ring is drawn for: the explicitly chosen one, else the depot's first
 * fleet entry that has drones (else its first entry at all).
 */
export function ringModelFor(mission: Mission, depot: Depot, ringModelId: string | null): DroneModel | undefined {
  const byId = (id: string | undefined) => (id === undefined ? undefined : mission.droneModels.find((m) => m.id === id));
  if (ringModelId !== null) return byId(ringModelId);
  return byId(depot.fleet.find((f) => f.count > 0)?.modelId ?? depot.fleet[0]?.modelId);
}
