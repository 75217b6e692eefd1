/**
 * Pure edits of a mission's drone models (validation is the store's job, as for every edit).
 * Untouched depots, orders and models keep their identity, so per-item caches survive.
 */
import type { DroneModel, Mission } from '../core/mission';

/**
 * Replace the model at `index`. When its id changes, the depots' fleet entries and the faults'
 * drone ids (`<depotId>/<modelId>/<n>`) that named the old id follow it.
 */
export function replaceDroneModel(mission: Mission, index: number, model: DroneModel): Mission {
  const old = mission.droneModels[index];
  if (!old || old === model) return mission;
  const droneModels = mission.droneModels.map((m, i) => (i === index ? model : m));
  if (old.id === model.id) return { ...mission, droneModels };
  const renamed = (modelId: string) => (modelId === old.id ? model.id : modelId);
  const depots = mission.depots.map((d) =>
    d.fleet.some((f) => f.modelId === old.id) ? { ...d, fleet: d.fleet.map((f) => ({ ...f, modelId: renamed(f.modelId) })) } : d,
  );
  const renameDrone = (droneId: string) => {
    const parts = droneId.split('/');
    return parts.length === 3 && parts[1] === old.id ? [parts[0], model.id, parts[2]].join('/') : droneId;
  };
  const faults = mission.faults?.map((f) => ('droneId' in f ? { ...f, droneId: renameDrone(f.droneId) } : f));
  return { ...mission, droneModels, depots, ...(faults ? { faults } : {}) };
}

/** The preset's id if free, else the first free `<id>-2`, `<id>-3`, ... */
export function uniqueModelId(mission: Mission, wanted: string): string {
  const taken = new Set(mission.droneModels.map((m) => m.id));
  if (!taken.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!taken.has(`${wanted}-${n}`)) return `${wanted}-${n}`;
}

/** Append a copy of a preset under a free id; returns the new mission and that id. */
export function addModelFromPreset(mission: Mission, preset: DroneModel): { mission: Mission; id: string } {
  const id = uniqueModelId(mission, preset.id);
  const name = id === preset.id ? preset.name : `${preset.name} (${id})`;
  return { mission: { ...mission, droneModels: [...mission.droneModels, { ...preset, id, name }] }, id };
}
