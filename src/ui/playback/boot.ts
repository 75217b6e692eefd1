/**
 * URL switches for demos, screenshots and tests:
 *   ?mission=tutorial | shenzhen-two-hour | shenzhen-40-stores   open a bundled mission
 *   &replay=<seconds>                                            then plan, simulate and show that mission time
 *   &plan-time=<s>                                               planner time limit for replay (default 3)
 *   &follow=<droneId>                                            select and follow a drone after the replay loads
 */
import { useEffect } from 'react';
import { parseMission } from '../../core/mission';
import { clearHistory, useMissionStore } from '../../state/missionStore';
import { usePlanStore } from '../../state/planStore';
import { usePlaybackStore } from '../../state/playbackStore';
// Already in the main bundle as the default mission (src/state/missionStore.ts): a dynamic import
// would not split it out, so it is imported statically; the others load on demand.
import shenzhenTwoHour from '../../../missions/shenzhen-two-hour.json';

const BUNDLED: Record<string, () => Promise<unknown>> = {
  tutorial: () => import('../../../missions/tutorial.json').then((m) => m.default),
  'shenzhen-two-hour': async () => shenzhenTwoHour,
  'shenzhen-40-stores': () => import('../../../missions/shenzhen-40-stores.json').then((m) => m.default),
};

/** Open a bundled mission by name (as if opened from a file: a fresh undo history, no old results). */
export async function loadBundledMission(name: string): Promise<boolean> {
  const load = BUNDLED[name];
  if (!load) return false;
  const result = parseMission(await load());
  if (!result.ok) return false;
  useMissionStore.getState().setMission(result.mission);
  clearHistory();
  usePlanStore.getState().clearResults();
  return true;
}

let booted = false;

export function usePlaybackBoot(): void {
  useEffect(() => {
    if (booted) return;
    booted = true;
    const params = new URLSearchParams(window.location.search);
    const name = params.get('mission');
    const replayAt = params.get('replay');
    void (async () => {
      if (name && !(await loadBundledMission(name))) return;
      if (replayAt === null) return;
      const planStore = usePlanStore.getState();
      planStore.setPlanOptions({ timeLimitS: Number(params.get('plan-time') ?? 3) || 3 });
      await usePlanStore.getState().runPlan();
      await usePlanStore.getState().runSimulate();
      const playback = usePlaybackStore.getState();
      playback.seek(Number(replayAt) || 0);
      const follow = params.get('follow');
      if (follow) playback.selectDrone(follow, true);
    })();
  }, []);
}
