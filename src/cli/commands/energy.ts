/**
 * `skyhaul energy`: what a drone model costs to fly with a payload in a wind: hover and cruise power,
 * energy per km, endurance and range above the reserve. All numbers come from src/core/energy.
 */
import { existsSync } from 'node:fs';
import {
  DEFAULT_RESERVE,
  ISA_SEA_LEVEL_DENSITY_KGM3,
  PRESETS,
  type ReservePolicy,
  type WindInput,
  energySummary,
  resolveDroneModel,
} from '../../core/energy';
import type { DroneModel, Mission } from '../../core/mission';
import { numberFlag, parseCommandArgs } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { printRefusal, readJsonFile, readMissionFile } from '../files';

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
    const { values } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
    if (values.model === undefined) throw new UsageError('--model is required');
    if (values.payload === undefined) throw new UsageError('--payload is required');

    let mission: Mission | undefined;
    if (values.mission !== undefined) {
      mission = readMissionFile(values.mission, io);
      if (!mission) return 1;
    }
    const model = loadModel(values.model, mission, io);
    if (!model) return 1;

    const payloadKg = numberFlag('--payload', values.payload, { unit: 'kg', min: 0 });
    const airspeedMps =
      values.airspeed === undefined ? undefined : numberFlag('--airspeed', values.airspeed, { unit: 'm/s', min: 0, exclusiveMin: true });
    const wind = values.wind === undefined ? (mission?.wind ?? { speedMps: 0, fromDeg: 0 }) : parseWind(values.wind);
    const airDensityKgM3 =
      values['air-density'] === undefined
        ? (mission?.settings.airDensityKgM3 ?? ISA_SEA_LEVEL_DENSITY_KGM3)
        : numberFlag('--air-density', values['air-density'], { unit: 'kg/m^3', min: 0.5, max: 1.5 });
    const reserve: ReservePolicy = { ...(mission?.settings.reserve ?? DEFAULT_RESERVE) };
    if (values['reserve-percent'] !== undefined) {
      reserve.minPercent = numberFlag('--reserve-percent', values['reserve-percent'], { unit: '%', min: 0, max: 100 });
    }
    if (values['reserve-hover'] !== undefined) {
      reserve.hoverMinutes = numberFlag('--reserve-hover', values['reserve-hover'], { unit: 'min', min: 0, max: 120 });
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
  const raw = readJsonFile(ref, io);
  if (raw === undefined) return undefined;
  const resolved = resolveDroneModel(raw);
  if (!resolved.ok) {
    printRefusal(io, `${ref}: refused`, resolved.problems);
    return undefined;
  }
  return resolved.model;
}

function parseWind(text: string): WindInput {
  const m = /^([^@]+)(?:@(.+))?$/.exec(text.trim());
  if (!m) throw new UsageError(`--wind: expected <m/s>@<deg from>, e.g. 5@270, got "${text}"`);
  const speedMps = numberFlag('--wind', m[1], { unit: 'm/s', min: 0, max: 60 });
  if (m[2] === undefined) {
    if (speedMps === 0) return { speedMps: 0, fromDeg: 0 };
    throw new UsageError(`--wind: give the direction the wind blows from, e.g. ${speedMps}@270`);
  }
  const fromDeg = numberFlag('--wind direction', m[2], { unit: 'deg', min: 0, max: 360 });
  return { speedMps, fromDeg };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
