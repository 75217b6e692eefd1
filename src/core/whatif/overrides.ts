/**
 * Applying a scenario's overrides to a mission. The result is validated again by the mission loader,
 * so a scenario can never smuggle in a mission the rest of Skyhaul would refuse. References to
 * unknown depots or models are errors with the override's path.
 */
import { PRESETS } from '../energy/presets';
import { fleetDrones } from '../mission/fleet';
import { parseMission } from '../mission/load';
import type { Problem } from '../mission/problems';
import type { Depot, Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { scaleOrders } from './orderScale';
import type { Overrides } from './scenario';

export type ApplyResult = { ok: true; mission: Mission; notes: string[] } | { ok: false; errors: Problem[] };

export function applyOverrides(base: Mission, overrides: Overrides): ApplyResult {
  const errors: Problem[] = [];
  const err = (path: string, message: string) => errors.push({ path: `overrides.${path}`, message, severity: 'error' });
  const depotIds = new Set(base.depots.map((d) => d.id));
  overrides.depotsOff?.forEach((d, i) => {
    if (!depotIds.has(d)) err(`depotsOff[${i}]`, `unknown depot "${d}"`);
  });
  overrides.depotsOn?.forEach((d, i) => {
    if (!depotIds.has(d)) err(`depotsOn[${i}]`, `unknown depot "${d}"`);
    if (overrides.depotsOff?.includes(d)) err(`depotsOn[${i}]`, `depot "${d}" is also in depotsOff`);
  });
  if (overrides.dronesPerDepot !== undefined && typeof overrides.dronesPerDepot === 'object') {
    for (const d of Object.keys(overrides.dronesPerDepot)) {
      if (!depotIds.has(d)) err(`dronesPerDepot.${d}`, `unknown depot "${d}"`);
    }
  }
  const modelId = overrides.droneModel;
  if (modelId !== undefined && !base.droneModels.some((m) => m.id === modelId) && !PRESETS[modelId]) {
    err('droneModel', `unknown drone model "${modelId}": not in the mission and not a preset (${Object.keys(PRESETS).join(', ')})`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const m: Mission = JSON.parse(JSON.stringify(base));
  const notes: string[] = [];

  if (modelId !== undefined && !m.droneModels.some((d) => d.id === modelId)) m.droneModels.push({ ...PRESETS[modelId] });

  if (overrides.depotsOff?.length) {
    const off = new Set(overrides.depotsOff);
    m.depots = m.depots.filter((d) => !off.has(d.id));
  }

  const staffed = base.depots.map(fleetSize).filter((n) => n > 0);
  const medianStaff = staffed.length ? [...staffed].sort((a, b) => a - b)[Math.floor((staffed.length - 1) / 2)] : 1;
  const on = new Set(overrides.depotsOn ?? []);
  const fallbackModel = modelId ?? mostUsedModel(base) ?? base.droneModels[0]?.id;
  for (const depot of m.depots) {
    const current = fleetSize(depot);
    let target = current;
    const perDepot = overrides.dronesPerDepot;
    if (typeof perDepot === 'object' && perDepot[depot.id] !== undefined) target = perDepot[depot.id];
    else if (typeof perDepot === 'number' && (current > 0 || on.has(depot.id))) target = perDepot;
    else if (on.has(depot.id) && current === 0) target = medianStaff;
    const model = modelId ?? mainModel(depot) ?? fallbackModel;
    if (target === current && (modelId === undefined || depot.fleet.every((f) => f.modelId === modelId || f.count === 0))) continue;
    if (model === undefined) continue;
    depot.fleet = target > 0 ? [{ modelId: model, count: target }] : [];
  }

  if (overrides.wind) {
    const w = overrides.wind;
    m.wind = {
      speedMps: w.speedMps ?? m.wind.speedMps,
      fromDeg: w.fromDeg ?? m.wind.fromDeg,
      gustMps: w.gustMps ?? m.wind.gustMps,
    };
  }

  if (overrides.promiseWindowMin !== undefined) {
    const lengthS = Math.round(overrides.promiseWindowMin * 60);
    for (const o of m.orders) {
      const earliest = toMissionSeconds(m.startTime, o.window.earliest);
      o.window = { earliest, latest: earliest + lengthS };
    }
  }

  if (overrides.orderScale !== undefined && overrides.orderScale !== 1) {
    // The order count change shows in the scenario diff; no note needed.
    m.orders = scaleOrders(m, overrides.orderScale, overrides.orderSeed ?? 1);
  }

  if (m.faults?.length) {
    const drones = new Set(fleetDrones(m).map((d) => d.droneId));
    const depots = new Set(m.depots.map((d) => d.id));
    const kept = m.faults.filter((f) => (f.kind === 'depot-closed' ? depots.has(f.depotId) : drones.has(f.droneId)));
    if (kept.length < m.faults.length) {
      notes.push(`${m.faults.length - kept.length} fault(s) dropped: their drone or depot is not in the scenario`);
      m.faults = kept;
    }
  }

  // The loader re-checks everything (ids, windows, area) and fills defaults in schema order.
  const checked = parseMission(JSON.parse(JSON.stringify(m)));
  if (!checked.ok) {
    return { ok: false, errors: checked.errors.map((e) => ({ ...e, path: `mission after overrides: ${e.path}` })) };
  }
  return { ok: true, mission: checked.mission, notes };
}

export function fleetSize(depot: Depot): number {
  return depot.fleet.reduce((s, f) => s + f.count, 0);
}

/** The model most of a depot's drones are (first listed on a tie); undefined without drones. */
function mainModel(depot: Depot): string | undefined {
  let best: { modelId: string; count: number } | undefined;
  for (const f of depot.fleet) if (f.count > 0 && (!best || f.count > best.count)) best = f;
  return best?.modelId;
}

function mostUsedModel(mission: Mission): string | undefined {
  const counts = new Map<string, number>();
  for (const d of mission.depots) for (const f of d.fleet) counts.set(f.modelId, (counts.get(f.modelId) ?? 0) + f.count);
  let best: string | undefined;
  for (const [id, n] of counts) if (n > 0 && (best === undefined || n > (counts.get(best) ?? 0))) best = id;
  return best;
}

/** Depots with at least one drone. */
export function staffedDepots(mission: Mission): Depot[] {
  return mission.depots.filter((d) => fleetSize(d) > 0);
}

/** The mission with `n` drones at every staffed depot (the fleet-sizing sweep's knob). */
export function withDronesPerDepot(mission: Mission, n: number): ApplyResult {
  return applyOverrides(mission, { dronesPerDepot: n });
}
