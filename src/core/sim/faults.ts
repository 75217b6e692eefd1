/**
 * Injected faults: from the mission's `faults` array and from the command line
 * (`--fault motor-failure:<droneId>@<s>`, `grounded:<droneId>@<s>`, `depot-closed:<depotId>@<from>-<to>`).
 */
import { type Fault, type Mission, faultSchema } from '../mission/schema';
import { fleetDrones } from '../mission/fleet';
import type { Problem } from '../mission/problems';

export const FAULT_SPEC_HELP =
  'motor-failure:<droneId>@<s> | grounded:<droneId>@<s> | depot-closed:<depotId>@<fromS>-<toS>';

/** Parse one CLI fault spec; errors name the spec and what is wrong with it. */
export function parseFaultSpec(spec: string): { ok: true; fault: Fault } | { ok: false; message: string } {
  const bad = (why: string) => ({ ok: false as const, message: `fault "${spec}": ${why} (expected ${FAULT_SPEC_HELP})` });
  const colon = spec.indexOf(':');
  const at = spec.lastIndexOf('@');
  if (colon < 0 || at < colon) return bad('missing "<kind>:" or "@<time>"');
  const kind = spec.slice(0, colon);
  const target = spec.slice(colon + 1, at);
  const when = spec.slice(at + 1);
  if (!target) return bad('missing the drone or depot id');
  const num = (s: string) => (/^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN);
  let raw: unknown;
  if (kind === 'motor-failure') raw = { kind, droneId: target, atS: num(when) };
  else if (kind === 'grounded') raw = { kind, droneId: target, fromS: num(when) };
  else if (kind === 'depot-closed') {
    const m = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(when);
    if (!m) return bad('depot-closed needs @<fromS>-<toS>');
    raw = { kind, depotId: target, fromS: Number(m[1]), toS: Number(m[2]) };
  } else return bad(`unknown kind "${kind}"`);
  if (Number.isNaN((raw as { atS?: number; fromS?: number }).atS ?? (raw as { fromS: number }).fromS)) {
    return bad(`"${when}" is not a time in seconds`);
  }
  const parsed = faultSchema.safeParse(raw);
  if (!parsed.success) return bad(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return { ok: true, fault: parsed.data };
}

/** Every fault must name a drone or depot of the mission; depot closures must end after they start. */
export function checkFaults(mission: Mission, faults: readonly Fault[], pathPrefix = 'faults'): Problem[] {
  const drones = new Set(fleetDrones(mission).map((d) => d.droneId));
  const depots = new Set(mission.depots.map((d) => d.id));
  const out: Problem[] = [];
  faults.forEach((f, i) => {
    const path = `${pathPrefix}[${i}]`;
    if (f.kind === 'depot-closed') {
      if (!depots.has(f.depotId)) out.push({ path: `${path}.depotId`, message: `unknown depot "${f.depotId}"`, severity: 'error' });
      if (f.toS <= f.fromS) out.push({ path: `${path}.toS`, message: `must be after fromS (${f.fromS})`, severity: 'error' });
    } else if (!drones.has(f.droneId)) {
      out.push({ path: `${path}.droneId`, message: `unknown drone "${f.droneId}"`, severity: 'error' });
    }
  });
  return out;
}
