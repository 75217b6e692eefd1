/**
 * Autosave: the mission document in localStorage (a 60 KB mission is far below the ~5 MB quota),
 * written on every accepted edit so a reload or a crash loses nothing.
 */
import { type Mission, parseMissionText, serializeMission } from '../core/mission';

export const AUTOSAVE_KEY = 'skyhaul.mission.v1';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // some privacy modes throw on access
  }
}

/** The autosaved mission if there is one and it still passes the loader's rules. */
export function loadAutosaved(): Mission | undefined {
  const text = storage()?.getItem(AUTOSAVE_KEY);
  if (!text) return undefined;
  const result = parseMissionText(text);
  return result.ok ? result.mission : undefined;
}

/** Returns a reason when the write failed (quota, disabled storage). */
export function saveAutosave(mission: Mission): string | undefined {
  const s = storage();
  if (!s) return 'local storage is not available';
  try {
    s.setItem(AUTOSAVE_KEY, serializeMission(mission));
    return undefined;
  } catch (e) {
    return `autosave failed: ${(e as Error).message}`;
  }
}

export function clearAutosave(): void {
  storage()?.removeItem(AUTOSAVE_KEY);
}
