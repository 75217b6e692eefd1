/** What the two importers (GeoJSON, QGroundControl .plan) share: JSON text in, and type guards for raw values. */
import type { ImportResult } from './missionPatch';

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parse `text` and hand the value to `importer`; text that is not JSON is refused with the parser's reason. */
export function importJsonText(text: string, importer: (raw: unknown) => ImportResult): ImportResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(e as Error).message}`, severity: 'error' }] };
  }
  return importer(raw);
}
