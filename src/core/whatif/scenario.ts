/**
 * A what-if scenario: a mission plus a few overrides. A scenario file names its mission by path
 * (relative to the scenario file) and says what to change; a plain mission file is a scenario with
 * no overrides. The schema is the TypeScript type, the validator and the file format's documentation.
 */
import { z } from 'zod';
import { type Problem, formatPath } from '../mission/problems';

const id = z.string().min(1, 'must not be empty');

export const overridesSchema = z.strictObject({
  /** Depots to take out of the mission (their drones go with them). */
  depotsOff: z.array(id).optional(),
  /**
   * Depots to switch on: a depot the mission lists without drones (a candidate site) gets
   * `dronesPerDepot` drones (or as many as the mission's median staffed depot).
   */
  depotsOn: z.array(id).optional(),
  /**
   * Drones at every staffed depot (a number), or per depot (a map of depot id -> count; unlisted
   * depots keep their fleet). A depot's fleet becomes that many drones of its main model.
   */
  dronesPerDepot: z
    .union([
      z.number().int('must be a whole number').min(0, 'must be >= 0').max(1000, 'must be at most 1000'),
      z.record(id, z.number().int('must be a whole number').min(0, 'must be >= 0').max(1000, 'must be at most 1000')),
    ])
    .optional(),
  /** Fly every drone as this model: a model id of the mission or a preset id (src/core/energy/presets.ts). */
  droneModel: id.optional(),
  /** Wind forecast; given fields replace the mission's. */
  wind: z
    .strictObject({
      speedMps: z.number().min(0, 'must be >= 0 m/s').max(60, 'must be at most 60 m/s').optional(),
      fromDeg: z.number().min(0, 'must be within 0..360').max(360, 'must be within 0..360').optional(),
      gustMps: z.number().min(0, 'must be >= 0 m/s').max(60, 'must be at most 60 m/s').optional(),
    })
    .optional(),
  /** Promise window length: every order's latest = its earliest + this many minutes. */
  promiseWindowMin: z.number().positive('must be > 0 minutes').max(24 * 60, 'must be at most 1440 minutes').optional(),
  /**
   * Order volume factor: below 1 a seeded subsample of the orders, above 1 the orders plus seeded
   * copies jittered in place and time (see orderScale.ts).
   */
  orderScale: z.number().positive('must be > 0').max(10, 'must be at most 10').optional(),
  /** Seed of the order subsample / copies; default 1. */
  orderSeed: z.number().int('must be a whole number').optional(),
});
export type Overrides = z.infer<typeof overridesSchema>;

export const scenarioFileSchema = z.strictObject({
  /** Shown in the report; default the file name. */
  name: z.string().min(1, 'must not be empty').optional(),
  description: z.string().optional(),
  /** Path of the mission JSON, relative to the scenario file. */
  mission: z.string().min(1, 'must name a mission file'),
  overrides: overridesSchema.default({}),
});
export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

export type ScenarioFileResult =
  | { ok: true; kind: 'mission'; mission: unknown }
  | { ok: true; kind: 'scenario'; scenario: ScenarioFile }
  | { ok: false; errors: Problem[] };

/**
 * Tell a mission file from a scenario file and validate the latter. A mission is recognised by its
 * `schemaVersion`; the mission itself is validated later by the mission loader.
 */
export function parseScenarioJson(raw: unknown): ScenarioFileResult {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'schemaVersion' in raw) {
    return { ok: true, kind: 'mission', mission: raw };
  }
  const parsed = scenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: formatPath(i.path),
        message:
          i.code === 'unrecognized_keys' ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}` : i.message,
        severity: 'error' as const,
      })),
    };
  }
  return { ok: true, kind: 'scenario', scenario: parsed.data };
}

/** One line per override, for reports and the CLI. */
export function describeOverrides(o: Overrides): string[] {
  const lines: string[] = [];
  if (o.depotsOff?.length) lines.push(`depots off: ${o.depotsOff.join(', ')}`);
  if (o.depotsOn?.length) lines.push(`depots on: ${o.depotsOn.join(', ')}`);
  if (typeof o.dronesPerDepot === 'number') lines.push(`${o.dronesPerDepot} drones per depot`);
  else if (o.dronesPerDepot) {
    lines.push(`drones: ${Object.entries(o.dronesPerDepot).map(([d, n]) => `${d} ${n}`).join(', ')}`);
  }
  if (o.droneModel) lines.push(`drone model ${o.droneModel}`);
  if (o.wind) {
    const w = o.wind;
    const parts = [
      w.speedMps !== undefined ? `${w.speedMps} m/s` : '',
      w.fromDeg !== undefined ? `from ${w.fromDeg} deg` : '',
      w.gustMps !== undefined ? `gusts ${w.gustMps} m/s` : '',
    ].filter(Boolean);
    lines.push(`wind ${parts.join(', ')}`);
  }
  if (o.promiseWindowMin !== undefined) lines.push(`promise window ${o.promiseWindowMin} min`);
  if (o.orderScale !== undefined) lines.push(`order volume x${o.orderScale}`);
  return lines;
}
