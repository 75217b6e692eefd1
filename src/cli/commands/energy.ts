/**
 * `skyhaul energy`: what a drone model costs to fly with a payload in a wind: hover and cruise power,
 * energy per km, endurance and range above the reserve. All numbers come from src/core/energy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DEFAULT_RESERVE,
  ISA_SEA_LEVEL_DENSITY_KGM3,
  PRESETS,
  type ReservePolicy,
  type WindInput,
  energySummary,
  resolveDroneModel,
} from '../../core/energy';
import { type DroneModel, type Mission, formatProblem } from '../../core/mission';
import { type CliIO, type Command, UsageError } from '../command';
import { readMissionFile } from '../files';

const USAGE = [
  'skyhaul energy --model <preset id | model.json> --payload <kg> [--airspeed <m/s>]',
  '               [--wind <m/s>@<deg from>] [--air-density <kg/m^3>] [--reserve-percent <%>]',
  '               [--reserve-hover <min>] [--mission <mission.json>] [--json]',
  `  presets: ${Object.keys(PRESETS).join(', ')}`,
  '  a model file may hold only some parameters plus "base": "<preset id>" for the rest',
  '  --mission takes wind, air density, reserve policy and drone models from a mission; flags override',
].join('\n');

const OPTIONS = {
  model: { type: 'string' },
  payload: { type: 'string' },
  airspeed: { type: 'string' },
  wind: { type: 'string' },
  'air-density': { type: 'string' },
  'reserve-percent': { type: 'string' },
  'reserve-hover': { type: 'string' },
  mission: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export const energyCommand: Command = {
  name: 'energy',
  summary: 'hover and cruise power, Wh/km, endurance and range of a drone model for a payload and wind',
  usage: USAGE,
  async run(args, io) {
    let values;
    try {
      ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    if (values.model === undefined) throw new UsageError('--model is required');
    if (values.payload === undefined) throw new UsageError('--payload is required');

    let mission: Mission | undefined;
    if (values.mission !== undefined) {
      mission = readMissionFile(values.mission, io);
      if (!mission) return 1;
    }
    const model = loadModel(values.model, mission, io);
    if (!model) return 1;

    const payloadKg = parseNumber('--payload', values.payload, 'kg', 0, Infinity);
    const airspeedMps =
      values.airspeed === undefined ? undefined : parseNumber('--airspeed', values.airspeed, 'm/s', 0, Infinity, true);
    const wind = values.wind === undefined ? (mission?.wind ?? { speedMps: 0, fromDeg: 0 }) : parseWind(values.wind);
    const airDensityKgM3 =
      values['air-density'] === undefined
        ? (mission?.settings.airDensityKgM3 ?? ISA_SEA_LEVEL_DENSITY_KGM3)
        : parseNumber('--air-density', values['air-density'], 'kg/m^3', 0.5, 1.5);
    const reserve: ReservePolicy = { ...(mission?.settings.reserve ?? DEFAULT_RESERVE) };
    if (values['reserve-percent'] !== undefined) {
      reserve.minPercent = parseNumber('--reserve-percent', values['reserve-percent'], '%', 0, 100);
    }
    if (values['reserve-hover'] !== undefined) {
      reserve.hoverMinutes = parseNumber('--reserve-hover', values['reserve-hover'], 'min', 0, 120);
    }

    const s = energySummary(model, { payloadKg, wind, airDensityKgM3, airspeedMps, reserve });
    if (!s.ok) {
      io.err(`${model.id}: cannot fly: ${s.reason}\n`);
      return 1;
    }
    if (values.json) {
      const out = {
        hoverPowerW: s.hoverPowerW,
        cruisePowerW: s.cruisePowerW,
        whPerKm: s.whPerKm,
        enduranceMin: s.enduranceMin,
        rangeKm: s.rangeKm,
        headwindWhPerKm: s.headwindWhPerKm,
        usableWh: s.usableWh,
        reserveWh: s.reserveWh,
        airspeedMps: s.airspeedMps,
        massKg: s.massKg,
        payloadKg,
        airDensityKgM3,
      };
      io.out(`${JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' ? round(v, 4) : v), 2)}\n`);
      return 0;
    }
    const line = (label: string, text: string) => io.out(`${label.padEnd(15)}${text}\n`);
    line('model', `${model.id} (${model.name}), ${model.kind}`);
    line('payload', `${payloadKg} kg, take-off mass ${round(s.massKg, 2)} kg`);
    line(
      'conditions',
      `airspeed ${round(s.airspeedMps, 2)} m/s, wind ${wind.speedMps} m/s from ${wind.fromDeg} deg, air density ${airDensityKgM3} kg/m^3`,
    );
    line('hover power', `${round(s.hoverPowerW, 0)} W`);
    line('cruise power', `${round(s.cruisePowerW, 0)} W`);
    line(
      'energy per km',
      `${round(s.whPerKm, 1)} Wh/km (mean over directions; ${round(s.headwindWhPerKm, 1)} Wh/km straight into the wind)`,
    );
    line('endurance', `${round(s.enduranceMin, 1)} min of cruise above the reserve`);
    line('range', `${round(s.rangeKm, 1)} km above the reserve`);
    line(
      'battery',
      `${round(s.usableWh, 0)} Wh usable; reserve ${round(s.reserveWh, 1)} Wh (${reserve.minPercent} % or ${reserve.hoverMinutes} min hover)`,
    );
    return 0;
  },
};

/** A preset id, a model id from the mission, or a JSON file (complete, or partial with "base"). */
function loadModel(ref: string, mission: Mission | undefined, io: CliIO): DroneModel | undefined {
  const fromMission = mission?.droneModels.find((m) => m.id === ref);
  if (fromMission) return fromMission;
  if (ref in PRESETS) return PRESETS[ref];
  if (!existsSync(ref)) {
    const known = [...Object.keys(PRESETS), ...(mission?.droneModels.map((m) => m.id) ?? [])];
    throw new UsageError(`--model: "${ref}" is neither a preset (${known.join(', ')}) nor a file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(ref, 'utf8'));
  } catch (e) {
    io.err(`${ref}: not a readable JSON file: ${(e as Error).message}\n`);
    return undefined;
  }
  const resolved = resolveDroneModel(raw);
  if (!resolved.ok) {
    io.err(`${ref}: refused, ${resolved.problems.length} error${resolved.problems.length > 1 ? 's' : ''}\n`);
    for (const p of resolved.problems) io.err(`  error ${formatProblem(p)}\n`);
    return undefined;
  }
  return resolved.model;
}

function parseNumber(flag: string, text: string, unit: string, min: number, max: number, exclusiveMin = false): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new UsageError(`${flag}: expected a number (${unit}), got "${text}"`);
  if (exclusiveMin ? x <= min : x < min) throw new UsageError(`${flag}: must be ${exclusiveMin ? '>' : '>='} ${min} ${unit}, got ${x}`);
  if (x > max) throw new UsageError(`${flag}: must be <= ${max} ${unit}, got ${x}`);
  return x;
}

function parseWind(text: string): WindInput {
  const m = /^([^@]+)(?:@(.+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--wind: expected <m/s>@<deg from>, e.g. 5@270, got "${text}"`);
  const speedMps = parseNumber('--wind', m[1], 'm/s', 0, 60);
  if (m[2] === undefined) {
    if (speedMps === 0) return { speedMps: 0, fromDeg: 0 };
    throw new UsageError(`--wind: give the direction the wind blows from, e.g. ${speedMps}@270`);
  }
  const fromDeg = parseNumber('--wind direction', m[2], 'deg', 0, 360);
  return { speedMps, fromDeg };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
