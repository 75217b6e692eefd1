/**
 * A read-only window into the app for end-to-end tests (and curious users in the console):
 * `window.__skyhaul.mission()` and friends. Stores stay the single source of truth.
 */
import { useMissionStore } from './state/missionStore';
import { viewMetrics } from './scene/viewMetrics';

declare global {
  interface Window {
    __skyhaul?: Record<string, unknown>;
  }
}

export function installTestHook(): void {
  window.__skyhaul = {
    ...(window.__skyhaul ?? {}),
    mission: () => useMissionStore.getState().mission,
    checks: () => useMissionStore.getState().checks,
    frames: () => viewMetrics.frames,
  };
}
