/**
 * What changed between two scenarios, read from the missions they fly (after overrides), so a
 * difference shows up whether it came from an override or from a different mission file.
 */
import type { Mission } from '../mission/schema';
import { toMissionSeconds } from '../mission/time';
import { fleetSize } from './overrides';

export interface Change {
  /** What it is about: depots, fleet, model, wind, window, orders, zones, charging. */
  topic: string;
  /** One sentence. */
  text: string;
}

export interface MissionSummary {
  depots: number;
  /** Staffed depots (at least one drone). */
  staffedDepots: number;
  drones: number;
  /** Drones per staffed depot when every staffed depot has the same number, else null. */
  dronesPerDepot: number | null;
  models: string[];
  orders: number;
  /** Median promise window, minutes. */
  windowMin: number;
  wind: { speedMps: number; fromDeg: number; gustMps: number };
  noFlyZones: number;
}

export function summarizeMission(m: Mission): MissionSummary {
  const staffed = m.depots.filter((d) => fleetSize(d) > 0);
  const sizes = new Set(staffed.map(fleetSize));
  const models = [...new Set(m.depots.flatMap((d) => d.fleet.filter((f) => f.count > 0).map((f) => f.modelId)))].sort();
  return {
    depots: m.depots.length,
    staffedDepots: staffed.length,
    drones: m.depots.reduce((s, d) => s + fleetSize(d), 0),
    dronesPerDepot: sizes.size === 1 ? [...sizes][0] : null,
    models,
    orders: m.orders.length,
    windowMin: median(windowLengthsMin(m)),
    wind: { speedMps: m.wind.speedMps, fromDeg: m.wind.fromDeg, gustMps: m.wind.gustMps },
    noFlyZones: m.noFlyZones.length,
  };
}

function windowLengthsMin(m: Mission): number[] {
  return m.orders.map((o) => (toMissionSeconds(m.startTime, o.window.latest) - toMissionSeconds(m.startTime, o.window.earliest)) / 60);
}

function median(v: number[]): number {
  if (v.length === 0) return 0;
  const s = [...v].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2) * 10) / 10;
}

const list = (ids: string[], max = 8) => (ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} and ${ids.length - max} more`);

/** Changes from `a` (the baseline) to `b`. */
export function diffMissions(a: Mission, b: Mission): Change[] {
  const changes: Change[] = [];
  const add = (topic: string, text: string) => changes.push({ topic, text });
  const staffedA = new Map(a.depots.filter((d) => fleetSize(d) > 0).map((d) => [d.id, d]));
  const staffedB = new Map(b.depots.filter((d) => fleetSize(d) > 0).map((d) => [d.id, d]));
  const added = [...staffedB.keys()].filter((id) => !staffedA.has(id));
  const removed = [...staffedA.keys()].filter((id) => !staffedB.has(id));
  if (added.length) add('depots', `${added.length} depot${added.length > 1 ? 's' : ''} added: ${list(added.map((id) => `${staffedB.get(id)!.name} (${id})`))}`);
  if (removed.length) add('depots', `${removed.length} depot${removed.length > 1 ? 's' : ''} removed: ${list(removed.map((id) => `${staffedA.get(id)!.name} (${id})`))}`);
  const moved = [...staffedB.keys()].filter((id) => {
    const pa = staffedA.get(id)?.position;
    const pb = staffedB.get(id)!.position;
    return pa && (pa[0] !== pb[0] || pa[1] !== pb[1]);
  });
  if (moved.length) add('depots', `${moved.length} depot${moved.length > 1 ? 's' : ''} moved: ${list(moved)}`);

  const sa = summarizeMission(a);
  const sb = summarizeMission(b);
  if (sa.drones !== sb.drones || sa.dronesPerDepot !== sb.dronesPerDepot) {
    const per = (s: MissionSummary) => (s.dronesPerDepot === null ? 'mixed per depot' : `${s.dronesPerDepot} per depot`);
    add('fleet', `fleet ${sa.drones} -> ${sb.drones} drones (${per(sa)} -> ${per(sb)})`);
  }
  const resized = [...staffedB.keys()].filter((id) => staffedA.has(id) && fleetSize(staffedA.get(id)!) !== fleetSize(staffedB.get(id)!));
  if (resized.length && resized.length < staffedB.size) {
    add('fleet', `fleet changed at ${list(resized.map((id) => `${id} ${fleetSize(staffedA.get(id)!)} -> ${fleetSize(staffedB.get(id)!)}`), 6)}`);
  }
  if (sa.models.join() !== sb.models.join()) add('model', `drone model ${sa.models.join(', ') || 'none'} -> ${sb.models.join(', ') || 'none'}`);
  const wa = sa.wind;
  const wb = sb.wind;
  if (wa.speedMps !== wb.speedMps || wa.fromDeg !== wb.fromDeg || wa.gustMps !== wb.gustMps) {
    add('wind', `wind ${wa.speedMps} m/s from ${wa.fromDeg} deg, gusts ${wa.gustMps} -> ${wb.speedMps} m/s from ${wb.fromDeg} deg, gusts ${wb.gustMps}`);
  }
  if (sa.windowMin !== sb.windowMin) add('window', `promise window (median) ${sa.windowMin} -> ${sb.windowMin} min`);
  if (sa.orders !== sb.orders) add('orders', `orders ${sa.orders} -> ${sb.orders}`);
  else {
    const ordersA = new Map(a.orders.map((o) => [o.id, JSON.stringify([o.position, o.parcelKg, o.readyAt, o.window.earliest])]));
    const changed = b.orders.filter((o) => ordersA.get(o.id) !== JSON.stringify([o.position, o.parcelKg, o.readyAt, o.window.earliest])).length;
    if (changed) add('orders', `${changed} order${changed > 1 ? 's' : ''} differ (place, parcel or time)`);
  }
  const zonesA = new Set(a.noFlyZones.map((z) => z.id));
  const zonesB = new Set(b.noFlyZones.map((z) => z.id));
  const zAdded = [...zonesB].filter((z) => !zonesA.has(z));
  const zRemoved = [...zonesA].filter((z) => !zonesB.has(z));
  if (zAdded.length) add('zones', `no-fly zones added: ${list(zAdded)}`);
  if (zRemoved.length) add('zones', `no-fly zones removed: ${list(zRemoved)}`);
  const chargeA = new Map(a.depots.map((d) => [d.id, JSON.stringify(d.charging)]));
  const recharged = b.depots.filter((d) => chargeA.has(d.id) && chargeA.get(d.id) !== JSON.stringify(d.charging)).map((d) => d.id);
  if (recharged.length) add('charging', `charging changed at ${list(recharged)}`);
  if (JSON.stringify(a.settings) !== JSON.stringify(b.settings)) add('settings', 'mission settings differ (altitudes, margins, reserve or separation)');
  return changes;
}
