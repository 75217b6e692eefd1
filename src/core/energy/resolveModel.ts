/**
 * A drone model from user input: either a complete model, or some parameters plus
 * `"base": "<preset id>"` taking the rest from that preset. Problems come back as values, each naming
 * the field, so the CLI and the editor can show them.
 */
import { type DroneModel, droneModelSchema } from '../mission/droneModel';
import { type Problem, formatPath } from '../mission/problems';
import { PRESETS } from './presets';

export type ResolvedModel = { ok: true; model: DroneModel } | { ok: false; problems: Problem[] };

export function validateDroneModel(input: unknown): ResolvedModel {
  const parsed = droneModelSchema.safeParse(input);
  if (parsed.success) return { ok: true, model: parsed.data };
  const problems = parsed.error.issues.map(
    (issue): Problem => ({
      path: formatPath(issue.path),
      message:
        issue.code === 'unrecognized_keys'
          ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
          : issue.message,
      severity: 'error',
    }),
  );
  return { ok: false, problems };
}

export function resolveDroneModel(input: unknown, presets: Record<string, DroneModel> = PRESETS): ResolvedModel {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, problems: [{ path: '', message: 'a drone model must be a JSON object', severity: 'error' }] };
  }
  const { base, ...fields } = input as Record<string, unknown>;
  if (base === undefined) return validateDroneModel(fields);
  if (typeof base !== 'string' || !(base in presets)) {
    return {
      ok: false,
      problems: [
        {
          path: 'base',
          message: `must name a preset (${Object.keys(presets).join(', ')}); got ${JSON.stringify(base)}`,
          severity: 'error',
        },
      ],
    };
  }
  const preset = presets[base];
  return validateDroneModel({
    ...preset,
    id: `${preset.id}-custom`,
    name: `${preset.name}, modified`,
    ...fields,
  });
}
