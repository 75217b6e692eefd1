/**
 * Schema migrations: a document of an older `schemaVersion` is brought up to the current one
 * step by step before validation, so old files keep opening.
 */
import { CURRENT_SCHEMA_VERSION } from './schema';
import type { Problem } from './problems';

type Json = Record<string, unknown>;
type Step = (doc: Json) => Json;

/**
 * Version 0 (the pre-release draft) wrote the origin as {lng, lat} and no-fly zones with a bare
 * `polygon` field. Version 1 uses [lng, lat] pairs everywhere and a `shape` (polygon or circle).
 */
const steps: Record<number, Step> = {
  0: (doc) => {
    const origin = doc.origin as { lng?: unknown; lat?: unknown } | undefined;
    const zones = Array.isArray(doc.noFlyZones) ? (doc.noFlyZones as unknown[]) : doc.noFlyZones;
    return {
      ...doc,
      schemaVersion: 1,
      origin: origin && !Array.isArray(origin) ? [origin.lng, origin.lat] : origin,
      noFlyZones: Array.isArray(zones)
        ? zones.map((zone) => {
            // Anything but an object is left as it is for the schema to refuse with its path.
            if (typeof zone !== 'object' || zone === null || Array.isArray(zone)) return zone;
            const { polygon, ...rest } = zone as Json;
            return polygon === undefined ? rest : { ...rest, shape: polygon };
          })
        : zones,
    };
  },
};

export type MigrateResult = { ok: true; value: unknown } | { ok: false; errors: Problem[] };

export function migrate(raw: unknown): MigrateResult {
  const fail = (path: string, message: string): MigrateResult => ({
    ok: false,
    errors: [{ path, message, severity: 'error' }],
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('', 'a mission must be a JSON object');
  }
  let doc = raw as Json;
  const version = doc.schemaVersion;
  if (version === undefined) return fail('schemaVersion', 'is missing');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return fail('schemaVersion', 'must be a whole number');
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return fail('schemaVersion', `unsupported version ${version}: this Skyhaul reads up to ${CURRENT_SCHEMA_VERSION}`);
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) doc = steps[v](doc);
  return { ok: true, value: doc };
}
