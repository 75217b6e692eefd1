import type { Mission } from './schema';

/**
 * Stable, diff-friendly JSON: keys in schema order (the parser rebuilds objects in that order),
 * two-space indent, positions kept on one line, a final newline. Same mission -> same bytes.
 */
export function serializeMission(mission: Mission): string {
  const text = JSON.stringify(mission, null, 2);
  // Collapse short numeric arrays ([lng, lat] pairs, altitude lists) onto one line.
  return `${text.replace(/\[\s*(-?[\d.e+-]+(?:,\s*-?[\d.e+-]+)*)\s*\]/g, (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`)}\n`;
}
