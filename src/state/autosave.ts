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
  const text = serializeMission(mission);
  try {
    s.setItem(AUTOSAVE_KEY, text);
    return undefined;
  } catch (e) {
    // The mission itself comes first: drop the copy of a replaced one to make room, then try again.
    if (s.getItem(REPLACED_KEY) !== null) {
      s.removeItem(REPLACED_KEY);
      return saveAutosave(mission);
    }
    return `autosave failed: ${(e as Error).message}`;
  }
}

export function clearAutosave(): void {
  storage()?.removeItem(AUTOSAVE_KEY);
}

/** A copy of the mission that New, Reset or an opened file replaced last: kept when the undo history is gone (a reload). */
export const REPLACED_KEY = 'skyhaul.mission.replaced.v1';

export interface ReplacedCopy {
  mission: Mission;
  /** When it was replaced (ISO time). */
  replacedAt: string;
}

/** Keep `mission` as the replaced copy; returns a reason when the write failed. */
export function saveReplacedCopy(mission: Mission, at = new Date()): string | undefined {
  const s = storage();
  if (!s) return 'local storage is not available';
  try {
    s.setItem(REPLACED_KEY, JSON.stringify({ replacedAt: at.toISOString(), mission: JSON.parse(serializeMission(mission)) }));
    return undefined;
  } catch (e) {
    return `could not keep a copy of the replaced mission: ${(e as Error).message}`;
  }
}

/** The replaced copy, if there is one and it still passes the loader's rules. */
export function loadReplacedCopy(): ReplacedCopy | undefined {
  const text = storage()?.getItem(REPLACED_KEY);
  if (!text) return undefined;
  try {
    const raw = JSON.parse(text) as { replacedAt?: unknown; mission?: unknown };
    const result = parseMissionText(JSON.stringify(raw.mission));
    return result.ok && typeof raw.replacedAt === 'string' ? { mission: result.mission, replacedAt: raw.replacedAt } : undefined;
  } catch {
    return undefined;
  }
}
