/**
 * `skyhaul path`: the shortest safe 3D path of one leg between two places of a mission, printed as a
 * GeoJSON Feature (LineString with altitude third) plus its length, time and energy.
 */
import { createEnergyCostModel } from '../../core/energy';
import type { FlightCostModel } from '../../core/energy/flightCost';
import { type DroneModel, type Mission, toMissionSeconds } from '../../core/mission';
import {
  type FlightLeg,
  type LegRequest,
  NOMINAL_DROP_S,
  buildAirspace,
  legToGeoJson,
  planLeg,
  resolvePlace,
} from '../../core/paths';
import { numberFlag, parseCommandArgs } from '../args';
import { type CliIO, type Command, UsageError } from '../command';
import { readMissionFile } from '../files';

const USAGE = [
  'skyhaul path <mission.json> --from <id | lng,lat> --to <id | lng,lat> [--altitude <m>] [--time <s | ISO>]',
  '             [--model <drone model id>] [--payload <kg>] [--objective energy|distance] [--no-drop] [--json]',
  '  --from/--to: a depot id, an order id or "lng,lat". A leg to an order ends with its drop',
  '  (method from the order, nominal duration); --no-drop lands instead.',
  '  --altitude: cruise layer (default the first of settings.cruiseAltitudesM); --time: departure (default 0).',
  "  --model: default the first model of the --from depot's fleet, else the mission's first model;",
  "  --payload: default the --to order's parcel, else 0. Wind and air density come from the mission.",
].join('\n');

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  altitude: { type: 'string' },
  time: { type: 'string' },
  model: { type: 'string' },
  payload: { type: 'string' },
  objective: { type: 'string' },
  'no-drop': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

/** The cost model the CLI flies with: the physics model for the drone, payload, wind and air density. */
export function cliCostModel(mission: Mission, model: DroneModel, payloadKg: number): FlightCostModel {
  return createEnergyCostModel(model, { payloadKg, wind: mission.wind, airDensityKgM3: mission.settings.airDensityKgM3 });
}

export const pathCommand: Command = {
  name: 'path',
  summary: 'shortest safe 3D path of one leg (depot/order/lng,lat to another) as GeoJSON, with length, time, energy',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('give exactly one mission file');
    if (values.from === undefined) throw new UsageError('--from is required');
    if (values.to === undefined) throw new UsageError('--to is required');
    const objective = values.objective ?? 'energy';
    if (objective !== 'energy' && objective !== 'distance') throw new UsageError('--objective must be energy or distance');

    const mission = readMissionFile(positionals[0], io);
    if (!mission) return 1;
    const airspace = buildAirspace(mission);
    const from = resolvePlace(airspace, values.from);
    if (!from.ok) throw new UsageError(`--from: ${from.message}`);
    const to = resolvePlace(airspace, values.to);
    if (!to.ok) throw new UsageError(`--to: ${to.message}`);

    const altitudeM =
      values.altitude !== undefined ? numberFlag('--altitude', values.altitude, { unit: 'm', min: 0, exclusiveMin: true }) : mission.settings.cruiseAltitudesM[0];
    const departS = values.time === undefined ? 0 : timeArg(mission, values.time);

    const depot = from.kind === 'depot' ? mission.depots.find((d) => d.id === from.id) : undefined;
    const modelId = values.model ?? depot?.fleet.find((f) => f.count > 0)?.modelId ?? mission.droneModels[0]?.id;
    const model = mission.droneModels.find((m) => m.id === modelId);
    if (!model) {
      throw new UsageError(
        modelId === undefined ? 'the mission has no drone model' : `--model: unknown drone model "${modelId}" (have ${mission.droneModels.map((m) => m.id).join(', ')})`,
      );
    }
    const order = to.kind === 'order' ? mission.orders.find((o) => o.id === to.id) : undefined;
    const payloadKg = values.payload !== undefined ? numberFlag('--payload', values.payload, { unit: 'kg', min: 0 }) : (order?.parcelKg ?? 0);

    const req: LegRequest = {
      from: from.xy,
      to: to.xy,
      altitudeM,
      departS,
      cost: cliCostModel(mission, model, payloadKg),
      objective,
      ...(to.drop && !values['no-drop'] ? { drop: { method: to.drop, seconds: NOMINAL_DROP_S[to.drop] } } : {}),
    };
    const leg = planLeg(airspace, req);
    if (!leg.ok) {
      if (values.json) io.out(`${JSON.stringify({ ok: false, code: leg.code, message: leg.message, zones: leg.zones, buildings: leg.buildings })}\n`);
      else io.out(`error ${leg.code}: ${leg.message}\n`);
      return 1;
    }
    const feature = legToGeoJson(leg);
    if (values.json) {
      io.out(`${JSON.stringify(feature)}\n`);
      return 0;
    }
    printLeg(io, leg, { from: values.from, to: values.to, model: model.id, payloadKg });
    io.out(`${JSON.stringify(feature)}\n`);
    return 0;
  },
};

function timeArg(mission: Mission, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const s = toMissionSeconds(mission.startTime, text);
  if (!Number.isFinite(s)) throw new UsageError(`--time must be seconds after the mission start or an ISO date-time, got "${text}"`);
  return s;
}

function printLeg(io: CliIO, leg: FlightLeg, ctx: { from: string; to: string; model: string; payloadKg: number }): void {
  const km = (m: number) => `${(m / 1000).toFixed(3)} km`;
  const min = (s: number) => `${Math.floor(s / 60)} min ${(s % 60).toFixed(0).padStart(2, '0')} s`;
  io.out(`leg ${ctx.from} -> ${ctx.to} at ${leg.altitudeM} m (${ctx.model}, ${ctx.payloadKg} kg, ${leg.objective} objective)\n`);
  io.out(`  length   ${km(leg.lengthM)} (horizontal ${km(leg.horizontalLengthM)})\n`);
  io.out(`  time     ${min(leg.durationS)} (departs ${leg.departS.toFixed(0)} s, arrives ${leg.arriveS.toFixed(0)} s)\n`);
  io.out(`  energy   ${leg.energyWh.toFixed(2)} Wh\n`);
  io.out(`  avoids   ${leg.avoidedIds.length} zones and buildings that apply at this altitude and time\n`);
  io.out('  segments:\n');
  for (const s of leg.segments) {
    io.out(
      `    ${s.kind.padEnd(8)} ${s.lengthM.toFixed(0).padStart(6)} m ${s.durationS.toFixed(1).padStart(7)} s ${s.energyWh.toFixed(2).padStart(7)} Wh` +
        `  air ${s.airspeedMps.toFixed(1)} m/s ground ${s.groundSpeedMps.toFixed(1)} m/s\n`,
    );
  }
}
