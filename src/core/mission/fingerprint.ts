import type { Mission } from './schema';
import { serializeMission } from './serialize';

/**
 * A short content fingerprint of a mission (FNV-1a over its stable JSON), stored in plans and traces
 * so a plan made for another version of the mission is noticed.
 */
export function missionFingerprint(mission: Mission): string {
  const text = serializeMission(mission);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
